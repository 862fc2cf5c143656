//! `diplograph explain`: every fact of one article with its evidence span,
//! offsets and the rule and lexicon entry that produced it; with `--why-not`,
//! why a given sentence yielded nothing.

use crate::extract::extract;
use crate::input;
use crate::knowledge::Knowledge;
use crate::model::{Article, Event, Extraction, Participant};
use crate::text::CharIndex;
use anyhow::{bail, Context as _, Result};
use std::io::Write;
use std::path::Path;

/// Reads the article to explain: a .txt/.json/.jsonl file (with `id` picking
/// one record of a multi-record file), or literal text after `--text`.
pub fn load(path: &Path, id: Option<&str>) -> Result<Article> {
    let raw = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let contents =
        String::from_utf8(raw).with_context(|| format!("{}: not valid UTF-8", path.display()))?;
    let ext = path.extension().and_then(|x| x.to_str()).unwrap_or("");
    let records = match ext {
        "jsonl" => input::parse_jsonl(&contents),
        "json" => input::parse_json(&contents),
        _ => vec![input::parse_txt(
            path.file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("article"),
            &contents,
        )],
    };
    let mut articles = records.into_iter().filter_map(Result::ok);
    match id {
        Some(id) => articles
            .find(|a| a.id == id)
            .with_context(|| format!("{}: no record with id {id}", path.display())),
        None => match articles.next() {
            Some(a) => Ok(a),
            None => bail!("{}: no readable article", path.display()),
        },
    }
}

fn who(p: &Participant, x: &Extraction) -> String {
    let state = p.state.as_deref().unwrap_or("?");
    match (p.official.and_then(|i| x.officials.get(i)), &p.org) {
        (Some(o), _) => format!("{state} (official {})", o.name),
        (None, Some(org)) => format!("{state} ({org})"),
        _ => state.to_string(),
    }
}

fn event_line(e: &Event, x: &Extraction) -> String {
    let list = |ps: &[Participant]| {
        if ps.is_empty() {
            "-".to_string()
        } else {
            ps.iter().map(|p| who(p, x)).collect::<Vec<_>>().join(" + ")
        }
    };
    format!(
        "{} {} -> {}  date {}{}{}{}",
        e.category,
        list(&e.actors),
        list(&e.targets),
        e.date.map_or("-".into(), |d| d.to_string()),
        e.mode
            .as_ref()
            .map_or(String::new(), |m| format!("  mode {m}")),
        e.killed.map_or(String::new(), |n| format!("  killed {n}")),
        e.wounded
            .map_or(String::new(), |n| format!("  wounded {n}")),
    )
}

pub fn run(
    k: &Knowledge,
    article: &Article,
    why_not: Option<&str>,
    out: &mut impl Write,
) -> Result<()> {
    let x = extract(article, k);
    let chars = CharIndex::new(&article.text);
    let span = |s: usize, e: usize| format!("[{}..{}]", chars.char_offset(s), chars.char_offset(e));
    writeln!(
        out,
        "article {} ({} sentences, published {})",
        article.id,
        x.sentences.len(),
        article.published.map_or("?".into(), |d| d.to_string())
    )?;
    if let Some(needle) = why_not {
        let Some(si) = x
            .sentences
            .iter()
            .position(|(s, e)| article.text[*s..*e].contains(needle))
        else {
            bail!("no sentence of {} contains «{needle}»", article.id);
        };
        let (s, e) = x.sentences[si];
        writeln!(out, "sentence {}: {}", si + 1, &article.text[s..e])?;
        let events: Vec<&Event> = x
            .events
            .iter()
            .filter(|ev| ev.evidence.sentence == si)
            .collect();
        for ev in &events {
            writeln!(
                out,
                "  event: {}  (trigger «{}», triggers.tsv line {})",
                event_line(ev, &x),
                ev.trigger,
                ev.lexicon_line
            )?;
        }
        let prefix = format!("sentence {}:", si + 1);
        let notes: Vec<&String> = x.notes.iter().filter(|n| n.starts_with(&prefix)).collect();
        for n in &notes {
            writeln!(out, "  {n}")?;
        }
        if events.is_empty() && notes.is_empty() {
            writeln!(
                out,
                "  no trigger from ontology/triggers.tsv matched this sentence"
            )?;
        }
        let states: Vec<String> = x
            .states
            .iter()
            .filter(|m| m.evidence.sentence == si)
            .map(|m| {
                format!(
                    "{} «{}»",
                    m.iso3,
                    &article.text[m.evidence.start..m.evidence.end]
                )
            })
            .collect();
        writeln!(
            out,
            "  states in it: {}",
            if states.is_empty() {
                "none".into()
            } else {
                states.join(", ")
            }
        )?;
        return Ok(());
    }
    writeln!(out, "\nstates")?;
    for m in &x.states {
        writeln!(
            out,
            "  {}  «{}» {} sentence {} rule {}",
            m.iso3,
            &article.text[m.evidence.start..m.evidence.end],
            span(m.evidence.start, m.evidence.end),
            m.evidence.sentence + 1,
            m.evidence.rule
        )?;
    }
    writeln!(out, "\nofficials")?;
    for o in &x.officials {
        writeln!(
            out,
            "  {} | {} | {}{}",
            o.name,
            o.state.as_deref().unwrap_or("?"),
            o.roles.join(", "),
            o.org.as_ref().map_or(String::new(), |g| format!(" | {g}"))
        )?;
        for m in &o.mentions {
            writeln!(
                out,
                "    «{}» {} sentence {} rule {}",
                &article.text[m.start..m.end],
                span(m.start, m.end),
                m.sentence + 1,
                m.rule
            )?;
        }
    }
    writeln!(out, "\nevents")?;
    for e in &x.events {
        writeln!(out, "  {}", event_line(e, &x))?;
        writeln!(
            out,
            "    trigger «{}» (triggers.tsv line {}), rule {}",
            e.trigger, e.lexicon_line, e.evidence.rule
        )?;
        writeln!(
            out,
            "    evidence «{}» {} sentence {}",
            &article.text[e.evidence.start..e.evidence.end],
            span(e.evidence.start, e.evidence.end),
            e.evidence.sentence + 1
        )?;
    }
    if !x.notes.is_empty() {
        writeln!(out, "\nleft out")?;
        for n in &x.notes {
            writeln!(out, "  {n}")?;
        }
    }
    Ok(())
}
