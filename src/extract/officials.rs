//! Officials: named office-holders found through titles and appositions,
//! merged across surname-only later mentions, with role and state.
//!
//! Patterns, all driven by the role and body tables:
//! - title before the name: "Iranian MFA spokesman Nasser Kanani",
//!   "Canadian Prime Minister Justin Trudeau", "Russia's ambassador, Vladimir Lipaev";
//! - title after the name: "Nasser Kanani, official spokesman for the Iranian MFA";
//! - a full name the office-holder table knows ("Vladimir Putin said").
//!
//! The state comes from the text first (a demonym, a possessive, "of Iran",
//! "for the Iranian MFA"), then from the office-holder table for the article's
//! date. A person with no title and no table entry is not an official; an
//! official whose state cannot be told is left out (precision first).

use super::spans::{sorted_range, SpanIndex};
use super::states::{sentence_of, StateHit};
use crate::dates::PartialDate;
use crate::knowledge::{FormKind, Knowledge, PhraseMatch};
use crate::model::{Evidence, Official};
use crate::scan::{Phrases, Scan};
use crate::text::Sentence;
use regex::Regex;
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// A name as compared: accents folded, lower case, punctuation to spaces.
pub fn normalize_name(name: &str) -> String {
    if name.is_ascii() {
        return normalize_ascii_name(name);
    }
    let folded: String = name
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase();
    folded
        .chars()
        .map(|c| {
            if matches!(c, '\'' | '’' | '`' | '-' | '.' | ',') {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// [`normalize_name`] of an ASCII name, in one pass: ASCII has no accents
/// to fold, and its lower case is ASCII.
fn normalize_ascii_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.chars() {
        let c = if matches!(c, '\'' | '`' | '-' | '.' | ',') {
            ' '
        } else {
            c.to_ascii_lowercase()
        };
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// The family name used to link later mentions ("Kanani" of "Nasser Kanani").
pub fn family_name(name: &str) -> &str {
    name.split_whitespace().last().unwrap_or(name)
}

/// Words of a name are apart by spaces and at most one line break (a
/// hard-wrapped line), never a paragraph break.
const NAME_GAP: &str = r"(?:[^\S\r\n]+(?:\r?\n[^\S\r\n]*)?|\r?\n[^\S\r\n]*)";

/// A name: up to five capitalized words, particles ("bin", "van") between.
static NAME_RE: LazyLock<Regex> = LazyLock::new(|| {
    let token = r"(?:(?:al|el|Al|El)-)?\p{Lu}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}]*)*";
    let particle =
        r"(?:bin|bint|ibn|al|el|de|da|di|du|van|von|der|den|la|le|dos|del|Al|El|Abu|Abdul|ul|Bin)";
    let gap = NAME_GAP;
    Regex::new(&format!(
        r"^{token}(?:{gap}(?:{particle}{gap})*{token}){{0,4}}"
    ))
    .expect("name regex")
});

/// A courtesy title before a name ("Mr. ", "Dr "), not part of it.
static COURTESY_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?:Mr|Mrs|Ms|Dr)\.?{NAME_GAP}")).expect("courtesy title regex")
});

/// The name at the start of `hay`, after a courtesy title when a name
/// follows one ("Mr. Kanani"): its byte span in `hay`. The title can end
/// only where its spaces end, so when no name follows there, the title
/// word itself is read as a name, as a single pattern with an optional
/// title would read it. (Two searches without captures cost less than
/// one with.)
fn name_in(hay: &str) -> Option<(usize, usize)> {
    let titled = COURTESY_RE.find(hay).and_then(|t| {
        let m = NAME_RE.find(&hay[t.end()..])?;
        Some((t.end(), t.end() + m.end()))
    });
    titled.or_else(|| NAME_RE.find(hay).map(|m| (0, m.end())))
}

/// Capitalized words that never belong to a person's name (besides month
/// and weekday names, `dates::is_calendar_name`).
const NOT_NAME: &[&str] = &[
    "The",
    "A",
    "An",
    "On",
    "In",
    "At",
    "And",
    "But",
    "Or",
    "Of",
    "For",
    "From",
    "To",
    "With",
    "He",
    "She",
    "It",
    "They",
    "We",
    "His",
    "Her",
    "Their",
    "This",
    "That",
    "Telegram",
    "Twitter",
    "X",
    "Facebook",
    "Ministry",
    "Foreign",
    "Minister",
    "President",
    "Council",
    "Committee",
    "Office",
    "Department",
    "Embassy",
    "Parliament",
    "Government",
    "Group",
    "Union",
    "Nations",
    "United",
    "Republic",
    "Kingdom",
    "State",
    "States",
    "Security",
    "Commission",
    "Agency",
    "News",
    "Force",
    "Forces",
    "Army",
    "Navy",
    "Guard",
    "Guards",
    "Command",
    "Service",
    "Services",
    "Assembly",
    "Senate",
    "House",
    "Court",
    "Bank",
    "Fund",
    "Organization",
    "Organisation",
    "Party",
    "Front",
    "Movement",
    "Summit",
    "Affairs",
    "Defence",
    "Defense",
    "Interior",
    "Justice",
    "Finance",
    "Sea",
    "Gulf",
    "Ocean",
    "Strait",
    "Square",
    "Street",
    "Palace",
    "International",
    "National",
    "General",
    "Chief",
    "Deputy",
    "Vice",
    "Acting",
    "Interim",
    "Secretary",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Ambassador",
    "Envoy",
    "Speaker",
    "Sheikh",
    "Crown",
    "Prince",
    "King",
    "Queen",
    "Emir",
    "Supreme",
    "Leader",
    "Commander",
    "Gen",
    "General",
    "Colonel",
    "Major",
    "Lieutenant",
];

/// `word` without its trailing "'s" and "’s", as
/// `word.trim_end_matches("'s").trim_end_matches("’s")` (without setting
/// up a substring search for each).
fn trim_possessives(word: &str) -> &str {
    let mut w = word;
    while let Some(rest) = w.strip_suffix("'s") {
        w = rest;
    }
    while let Some(rest) = w.strip_suffix("’s") {
        w = rest;
    }
    w
}

/// Whether `word` is one of [`NOT_NAME`].
fn is_not_name(word: &str) -> bool {
    static SET: LazyLock<rustc_hash::FxHashSet<&str>> =
        LazyLock::new(|| NOT_NAME.iter().copied().collect());
    SET.contains(word)
}

/// Whether a name may start at the beginning of `rest`: with a capital,
/// or "al-", "el-" (the name pattern's first token). Most words are not
/// names, and need no regex.
fn may_start_name(rest: &str) -> bool {
    rest.starts_with(char::is_uppercase) || rest.starts_with("al-") || rest.starts_with("el-")
}

/// The position after any honorifics at `pos` ("Sheikh", "Major
/// General"), when a name may start there.
fn skip_honorifics(text: &str, pos: usize, k: &Knowledge) -> Option<usize> {
    let honorifics = &k.cues.honorific;
    // Quick refusal: neither a name nor an honorific starts with this byte
    // (at the end of the text, nothing does).
    let first = text.as_bytes().get(pos);
    if !may_start_name(&text[pos..]) && !first.is_some_and(|&b| k.honorific_initials.contains(b)) {
        return None;
    }
    let mut pos = pos;
    loop {
        let rest = &text[pos..];
        let first = rest.as_bytes().first();
        let skip = honorifics
            .iter()
            .filter(|h| h.as_bytes().first() == first || h.is_empty())
            .filter(|h| rest.starts_with(h.as_str()) && rest[h.len()..].starts_with(' '))
            .map(|h| h.len() + 1)
            .max();
        match skip {
            Some(n) => pos += n,
            None => break,
        }
    }
    may_start_name(&text[pos..]).then_some(pos)
}

/// Reads a person's name starting exactly at `pos` (after any honorifics
/// such as "Sheikh" or "Major General"); returns its byte span.
fn name_at(text: &str, pos: usize, k: &Knowledge) -> Option<(usize, usize)> {
    let pos = skip_honorifics(text, pos, k)?;
    // Names are short: match against a short window, not the rest of the
    // article (the regex engine's cost grows with the haystack).
    let window_end = crate::text::floor_char_boundary(text, pos + 120);
    let (s, e) = name_in(&text[pos..window_end])?;
    let mut start = pos + s;
    let mut end = pos + e;
    // Cut at the first word that cannot be part of a name.
    let mut cut = None;
    let mut first = true;
    for (off, word) in crate::text::words(&text[start..end]) {
        let bare = trim_possessives(word);
        // A state's name as a whole word (the longest match at its start
        // is among all matches).
        let is_state = || k.state_matcher.matches_whole(bare);
        // "A" and "An" inside a name are names ("Nguyen Van An").
        let inner_ok = !first && matches!(bare, "A" | "An");
        if ((is_not_name(bare) || crate::dates::is_calendar_name(bare)) && !inner_ok) || is_state()
        {
            if first {
                // A leading non-name word ends the attempt.
                return None;
            }
            cut = Some(start + off);
            break;
        }
        first = false;
    }
    if let Some(c) = cut {
        end = text[..c].trim_end().len();
    }
    let mut name = &text[start..end];
    for suffix in ["'s", "’s"] {
        if let Some(stripped) = name.strip_suffix(suffix) {
            name = stripped;
            end = start + name.len();
        }
    }
    // Drop a leading honorific.
    for h in ["Mr. ", "Mrs. ", "Ms. ", "Dr. ", "Mr ", "Mrs ", "Ms ", "Dr "] {
        if name.starts_with(h) {
            start += h.len();
            name = &text[start..end];
        }
    }
    if name.trim().is_empty() || name.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) {
        return None; // an acronym, not a name
    }
    Some((start, end))
}

/// An official mention in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficialHit {
    /// Span of the whole reference (title and name).
    pub start: usize,
    pub end: usize,
    pub official: usize,
    pub sentence: usize,
}

/// What the text says around one title.
struct TitleReading {
    name: (usize, usize),
    span: (usize, usize),
    role: usize,
    state: Option<String>,
    org: Option<String>,
    rule: &'static str,
}

/// Words allowed between a name's comma and its role: "Kanani, the official spokesman".
const APPOSITION_FILLERS: &[&str] = &[
    "the", "a", "an", "official", "senior", "chief", "top", "then", "former", "current", "new",
    "acting", "its", "his", "her",
];

/// The state given by the words just before `pos` (a demonym or a possessive
/// state name), within `max_words` words, and the start of that modifier.
fn state_modifier_before(
    text: &str,
    pos: usize,
    hits: &[StateHit],
    k: &Knowledge,
    max_words: usize,
) -> Option<(String, usize)> {
    let window_start = text[..pos]
        .char_indices()
        .rev()
        .filter(|(_, c)| c.is_whitespace())
        .nth(max_words)
        .map_or(0, |(i, _)| i);
    let window = &text[window_start..pos];
    // Do not reach across punctuation (but "U.N." is one word).
    let cut = window
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            matches!(c, ';' | ':' | '"' | '“' | '”' | ',')
                || c == '.'
                    && window[i + 1..].starts_with(char::is_whitespace)
                    && !window[..i].ends_with(|p: char| p.is_uppercase())
        })
        .map(|(i, c)| i + c.len_utf8());
    // Nor across a paragraph break: a heading above is not a modifier.
    let cut = cut.max(crate::text::after_last_paragraph_break(window));
    if let Some(cut) = cut {
        return state_in(text, window_start + cut, pos, hits, k);
    }
    state_in(text, window_start, pos, hits, k)
}

fn state_in(
    text: &str,
    from: usize,
    to: usize,
    hits: &[StateHit],
    k: &Knowledge,
) -> Option<(String, usize)> {
    hits[sorted_range(hits, from, to, |h| h.start)]
        .iter()
        .rev()
        .filter(|h| h.end <= to)
        .find(|h| {
            matches!(h.kind, FormKind::Adjective | FormKind::Seat)
                || text[h.end..].starts_with("'s")
                || text[h.end..].starts_with("’s")
                || matches!(h.kind, FormKind::Name | FormKind::Capital)
                    && is_attributive(text, h.end, to)
        })
        .map(|h| (k.states[h.state].iso3.clone(), h.start))
}

/// "US President", "UK Defence Secretary": a short name used as a modifier.
fn is_attributive(text: &str, end: usize, to: usize) -> bool {
    // Only capitalized title words may stand between: "US Defense Secretary".
    let between = text[end..to].trim();
    between.split_whitespace().count() <= 3
        && !between.contains(['(', ','])
        && between
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase))
}

/// A body named just before `pos` ("MFA spokesman") or in "for/of the Iranian MFA" after.
/// Bodies are disjoint and in text order, so at most one ends at a given byte.
fn body_before<'b>(text: &str, pos: usize, bodies: &'b [PhraseMatch]) -> Option<&'b PhraseMatch> {
    let gap_start = text[..pos].trim_end().len();
    let i = bodies.partition_point(|b| b.end < gap_start);
    bodies
        .get(i)
        .filter(|b| b.end == gap_start && pos - b.end <= 1)
}

/// "for the Iranian MFA", "of Iran", "of the Russian Federation" right after a role.
fn of_phrase_after(
    text: &str,
    pos: usize,
    hits: &[StateHit],
    bodies: &[PhraseMatch],
    k: &Knowledge,
) -> (Option<String>, Option<usize>) {
    let pos = pos + (text[pos..].len() - text[pos..].trim_start().len());
    let rest = &text[pos..];
    let Some(prep_len) = ["for the ", "of the ", "for ", "of ", "at the "]
        .iter()
        .find(|p| crate::text::starts_with_lowercase(rest, p))
        .map(|p| p.len())
    else {
        return (None, None);
    };
    let start = pos + prep_len;
    let end = (start + 60).min(text.len());
    let end = (end..=text.len())
        .find(|&e| text.is_char_boundary(e))
        .unwrap_or(text.len());
    let seg_end = text[start..end]
        .find([',', '.', ';'])
        .map_or(end, |i| start + i);
    let state = hits[sorted_range(hits, start, start + 26, |h| h.start)]
        .iter()
        .find(|h| h.end <= seg_end)
        .map(|h| k.states[h.state].iso3.clone());
    let body = bodies[sorted_range(bodies, start, seg_end, |b| b.start)]
        .iter()
        .find(|b| b.end <= seg_end)
        .map(|b| b.payload);
    (state, body)
}

fn read_titles(
    text: &str,
    sentences: &[Sentence],
    roles: &[PhraseMatch],
    hits: &[StateHit],
    bodies: &[PhraseMatch],
    k: &Knowledge,
) -> Vec<TitleReading> {
    let mut out = Vec::new();
    for r in roles {
        let entry = &k.roles[r.payload];
        // What modifies a title stands in the title's own sentence.
        let sentence_start = sentences
            .get(super::states::sentence_of(sentences, r.start))
            .map_or(0, |s| s.start);
        let body_match = body_before(text, r.start, bodies).filter(|b| b.start >= sentence_start);
        let body_idx = body_match.map(|b| b.payload);
        let mod_from = body_match.map_or(r.start, |b| b.start);
        let modifier =
            state_modifier_before(text, mod_from, hits, k, 3).filter(|m| m.1 >= sentence_start);
        let (of_state, of_body) = of_phrase_after(text, r.end, hits, bodies, k);
        let body = body_idx.or(of_body);
        let org = body
            .map(|b| k.bodies[b].org.clone())
            .or_else(|| entry.org.clone());
        let body_state = body.and_then(|b| k.bodies[b].state.clone());
        let state = modifier
            .as_ref()
            .map(|m| m.0.clone())
            .or(of_state)
            .or(body_state)
            .or_else(|| entry.state.clone());
        let span_start = modifier.as_ref().map_or(mod_from, |m| m.1.min(mod_from));

        // Title before the name, with an optional comma: "ambassador, Vladimir Lipaev".
        let after = &text[r.end..];
        let gap = after.len() - after.trim_start_matches([' ', ',']).len();
        let comma = after[..gap].contains(',');
        let title_cased = text[r.start..r.end]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        if gap > 0 && (!comma || state.is_some() || title_cased) {
            if let Some(name) = name_at(text, r.end + gap, k) {
                out.push(TitleReading {
                    name,
                    span: (span_start, name.1),
                    role: r.payload,
                    state: state.clone(),
                    org: org.clone(),
                    rule: "official:title-before",
                });
                continue;
            }
        }
        // Title after the name: "Nasser Kanani, official spokesman for the Iranian MFA".
        if let Some(comma_at) = apposition_comma(text, span_start) {
            if let Some(name) = name_ending_at(text, comma_at, k) {
                out.push(TitleReading {
                    name,
                    span: (name.0, r.end),
                    role: r.payload,
                    state,
                    org,
                    rule: "official:apposition",
                });
            }
        }
    }
    out
}

fn is_filler(word: &str) -> bool {
    APPOSITION_FILLERS.contains(&word.to_lowercase().as_str())
}

/// The last comma before `pos` when only filler words stand between it
/// and `pos` ("Kanani, the official spokesman"). Reads back word by word
/// and stops at the first word that is not a filler.
fn apposition_comma(text: &str, pos: usize) -> Option<usize> {
    let mut end = pos;
    loop {
        let rest = text[..end].trim_end();
        if rest.is_empty() {
            return None;
        }
        let word_start = crate::text::after_last(rest, char::is_whitespace);
        let word = &rest[word_start..];
        if let Some(comma) = word.rfind(',') {
            let comma_at = word_start + comma;
            let fillers = &text[comma_at + 1..pos];
            // An apposition never spans a paragraph break.
            let same_paragraph = crate::text::after_last_paragraph_break(fillers).is_none();
            return (same_paragraph && fillers.split_whitespace().all(is_filler))
                .then_some(comma_at);
        }
        if !is_filler(word) {
            return None;
        }
        end = word_start;
    }
}

/// A name that ends exactly at byte `end` (just before a comma).
fn name_ending_at(text: &str, end: usize, k: &Knowledge) -> Option<(usize, usize)> {
    // Try start positions of the last one to five words.
    let words = crate::text::trailing_words(text, 0, end, |w| w.len() >= 5);
    for n in (1..=5).rev() {
        if words.len() < n {
            continue;
        }
        let (start, _) = words[words.len() - n];
        if let Some((s, e)) = name_at(text, start, k) {
            if e == end {
                return Some((s, e));
            }
        }
    }
    None
}

/// The officials found so far, with an index by normalized family name.
struct Registry {
    officials: Vec<Official>,
    /// Normalized family name -> officials with it, in order found.
    by_family: HashMap<String, Vec<usize>>,
}

/// What a reading says about one official.
struct Reading<'a> {
    name: &'a str,
    state: Option<String>,
    roles: Vec<String>,
    org: Option<String>,
    qid: Option<String>,
}

impl Registry {
    /// Adds a reading to the first official of the same family name and a
    /// compatible state, or as a new official; returns the official's index.
    fn add(&mut self, r: Reading, ev: Evidence) -> usize {
        let fam = normalize_name(family_name(r.name));
        let same = self.by_family.get(&fam).into_iter().flatten().copied();
        let existing = same.into_iter().find(|&i| {
            let o = &self.officials[i];
            o.state.is_none() || r.state.is_none() || o.state == r.state
        });
        match existing {
            Some(i) => {
                merge(&mut self.officials[i], r, ev);
                i
            }
            None => {
                self.officials.push(Official {
                    name: r.name.to_string(),
                    alt_names: Vec::new(),
                    state: r.state,
                    roles: r.roles,
                    org: r.org,
                    qid: r.qid,
                    holder: None,
                    mentions: vec![ev],
                });
                let i = self.officials.len() - 1;
                self.by_family.entry(fam).or_default().push(i);
                i
            }
        }
    }

    /// The first official serving `state` whose normalized family name is
    /// one of `families`.
    fn first_of(&self, families: &[String], state: &str) -> Option<usize> {
        families
            .iter()
            .filter_map(|f| self.by_family.get(f))
            .filter_map(|list| {
                list.iter()
                    .copied()
                    .find(|&i| self.officials[i].state.as_deref() == Some(state))
            })
            .min()
    }
}

/// A reading of an official already known: a longer name replaces the
/// name (the old one is kept as an alternative), what was unknown is filled.
fn merge(o: &mut Official, r: Reading, ev: Evidence) {
    if r.name.split_whitespace().count() > o.name.split_whitespace().count() {
        let old = std::mem::replace(&mut o.name, r.name.to_string());
        o.alt_names.push(old);
    } else if o.name != r.name && !o.alt_names.iter().any(|a| a == r.name) {
        o.alt_names.push(r.name.to_string());
    }
    if o.state.is_none() {
        o.state = r.state;
    }
    for role in r.roles {
        if !o.roles.contains(&role) {
            o.roles.push(role);
        }
    }
    if o.org.is_none() {
        o.org = r.org;
    }
    if o.qid.is_none() {
        o.qid = r.qid;
    }
    o.mentions.push(ev);
}

/// The official mentions found so far, with their spans indexed.
struct Found {
    hits: Vec<OfficialHit>,
    spans: SpanIndex,
}

impl Found {
    fn push(&mut self, hit: OfficialHit) {
        self.spans.insert(hit.start, hit.end);
        self.hits.push(hit);
    }
}

/// The mention of an official at `[s, e)`, by `rule`.
fn evidence(sentences: &[Sentence], s: usize, e: usize, rule: &str) -> Evidence {
    Evidence {
        sentence: sentence_of(sentences, s),
        start: s,
        end: e,
        rule: rule.to_string(),
    }
}

/// Records a mention of official `i` at `[s, e)`.
fn mention(
    reg: &mut Registry,
    found: &mut Found,
    sentences: &[Sentence],
    i: usize,
    (s, e): (usize, usize),
    rule: &str,
) {
    reg.officials[i]
        .mentions
        .push(evidence(sentences, s, e, rule));
    found.push(OfficialHit {
        start: s,
        end: e,
        official: i,
        sentence: sentence_of(sentences, s),
    });
}

/// Finds the officials of one article and every mention of them.
pub fn find_officials(
    text: &str,
    sentences: &[Sentence],
    hits: &[StateHit],
    bodies: &[PhraseMatch],
    published: Option<PartialDate>,
    k: &Knowledge,
) -> (Vec<Official>, Vec<OfficialHit>) {
    let scan = k.scan(text);
    find_officials_in(text, sentences, hits, bodies, published, k, &scan)
}

/// [`find_officials`], reading the role titles from `scan`, a scan of `text`.
pub fn find_officials_in(
    text: &str,
    sentences: &[Sentence],
    hits: &[StateHit],
    bodies: &[PhraseMatch],
    published: Option<PartialDate>,
    k: &Knowledge,
    scan: &Scan,
) -> (Vec<Official>, Vec<OfficialHit>) {
    let mut reg = Registry {
        officials: Vec::new(),
        by_family: HashMap::new(),
    };
    let mut found = Found {
        hits: Vec::new(),
        spans: SpanIndex::new(text.len()),
    };
    let roles = scan.find(k, Phrases::Roles, text, 0..text.len());
    let titles = read_titles(text, sentences, &roles, hits, bodies, k);
    titled_officials(text, sentences, titles, published, k, &mut reg, &mut found);
    let words = crate::text::words(text);
    known_full_names(text, &words, sentences, published, k, &mut reg, &mut found);
    surname_mentions(text, sentences, &mut reg, &mut found);
    title_only_mentions(
        text, sentences, &roles, hits, published, k, &mut reg, &mut found,
    );
    let mut officials = reg.officials;

    // 4. A domestic official whose state the title does not give ("Vice
    // Foreign Minister Xie Feng") in a story filed from one state's capital
    // ("BEIJING, Feb 6 (Wire Desk) -") serves that state. Diplomats are left
    // alone: they serve another state. (Guessing from the nearest state
    // mentioned before the name was measured and rejected: it is wrong about
    // as often as it is right.)
    let dateline_state = match super::dateline_states(text, k).as_slice() {
        [only] => Some(k.states[only.0].iso3.clone()),
        _ => None,
    };
    if let Some(home) = dateline_state {
        for o in officials.iter_mut().filter(|o| o.state.is_none()) {
            if o.roles
                .iter()
                .any(|r| DIPLOMATIC_ROLES.contains(&r.as_str()))
            {
                continue;
            }
            o.state = Some(home.clone());
            if let Some(m) = o.mentions.first_mut() {
                m.rule = format!("{}+dateline-state", m.rule);
            }
        }
    }

    let mut reg = Registry {
        officials,
        by_family: reg.by_family,
    };
    surname_variants(&words, sentences, &mut reg, &mut found);
    let mut officials = reg.officials;
    link_holders(&mut officials, published, k);
    let mut found = found.hits;
    found.sort_by_key(|h| h.start);
    (officials, found)
}

/// Step 1: Titles: "Iranian MFA spokesman Nasser Kanani", "Sergei Lavrov,
/// Russia's foreign minister".
fn titled_officials(
    text: &str,
    sentences: &[Sentence],
    titles: Vec<TitleReading>,
    published: Option<PartialDate>,
    k: &Knowledge,
    reg: &mut Registry,
    found: &mut Found,
) {
    for t in titles {
        let name = &text[t.name.0..t.name.1];
        let entry = &k.roles[t.role];
        let mut roles = vec![entry.role.clone()];
        if let Some(b) = &entry.broader {
            roles.push(b.clone());
        }
        let holder = lookup_holder(name, t.state.as_deref(), published, k);
        let state = t.state.clone().or_else(|| holder.map(|h| h.iso3.clone()));
        let qid = holder
            .filter(|h| Some(&h.iso3) == state.as_ref())
            .and_then(|h| h.qid.clone());
        let reading = Reading {
            name,
            state,
            roles,
            org: t.org.clone(),
            qid,
        };
        let i = reg.add(reading, evidence(sentences, t.span.0, t.span.1, t.rule));
        found.push(OfficialHit {
            start: t.span.0,
            end: t.span.1,
            official: i,
            sentence: sentence_of(sentences, t.span.0),
        });
    }
}

/// Step 2: Full names the office-holder table knows ("Vladimir Putin said").
#[allow(clippy::too_many_arguments)]
fn known_full_names(
    text: &str,
    words: &[(usize, &str)],
    sentences: &[Sentence],
    published: Option<PartialDate>,
    k: &Knowledge,
    reg: &mut Registry,
    found: &mut Found,
) {
    for &(pos, _) in words {
        if found.spans.covers(pos) {
            continue;
        }
        let Some((s, e)) = name_at(text, pos, k) else {
            continue;
        };
        let name = &text[s..e];
        if name.split_whitespace().count() < 2 {
            continue;
        }
        let Some(h) = lookup_holder(name, None, published, k) else {
            continue;
        };
        let reading = Reading {
            name,
            state: Some(h.iso3.clone()),
            roles: vec![h.role.clone()],
            org: h.org.clone(),
            qid: h.qid.clone(),
        };
        let i = reg.add(reading, evidence(sentences, s, e, "official:known-holder"));
        found.push(OfficialHit {
            start: s,
            end: e,
            official: i,
            sentence: sentence_of(sentences, s),
        });
    }
}

/// Step 3: Later mentions by family name alone: for each official in turn,
/// every word-bounded occurrence not inside a mention found before. The
/// text is searched once per family name, or once for all when many.
fn surname_mentions(text: &str, sentences: &[Sentence], reg: &mut Registry, found: &mut Found) {
    let families: Vec<String> = reg
        .officials
        .iter()
        .map(|o| family_name(&o.name).to_string())
        .collect();
    let mut patterns: Vec<&str> = families
        .iter()
        .map(String::as_str)
        .filter(|f| f.chars().count() >= 3)
        .collect();
    patterns.sort_unstable();
    patterns.dedup();
    let mut starts = occurrences(text, &patterns);
    for (i, fam) in families.iter().enumerate() {
        let Ok(p) = patterns.binary_search(&fam.as_str()) else {
            continue;
        };
        starts[p].sort_unstable();
        // As a search from the end of each occurrence would find them.
        let mut search_from = 0;
        for &s in &starts[p] {
            if s < search_from {
                continue;
            }
            let e = s + fam.len();
            search_from = e;
            if crate::text::is_word_bounded(text, s, e) && !found.spans.covers(s) {
                mention(reg, found, sentences, i, (s, e), "official:surname");
            }
        }
    }
}

/// The start of every occurrence of each pattern in `text`, in order; for
/// a few patterns, a search per pattern (then occurrences do not overlap:
/// each search starts where the last occurrence ended), for more, one pass
/// of an automaton.
fn occurrences(text: &str, patterns: &[&str]) -> Vec<Vec<usize>> {
    if patterns.len() <= 8 {
        let starts = |p: &&str| text.match_indices(*p).map(|(i, _)| i).collect();
        return patterns.iter().map(starts).collect();
    }
    let mut starts: Vec<Vec<usize>> = vec![Vec::new(); patterns.len()];
    // An automaton quick to build: it is used once.
    let automaton = aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
        .build(patterns);
    if let Ok(automaton) = automaton {
        for m in automaton.find_overlapping_iter(text) {
            starts[m.pattern().as_usize()].push(m.start());
        }
    }
    starts
}

/// Step 3b: A title without a name ("the Iranian foreign minister said") is
/// resolved with the office-holder table for the article's date; it
/// becomes a mention of that person when the article also names them
/// (a title alone never creates an official).
#[allow(clippy::too_many_arguments)]
fn title_only_mentions(
    text: &str,
    sentences: &[Sentence],
    roles: &[PhraseMatch],
    hits: &[StateHit],
    published: Option<PartialDate>,
    k: &Knowledge,
    reg: &mut Registry,
    found: &mut Found,
) {
    for r in roles {
        if found.spans.overlaps(r.start, r.end) {
            continue;
        }
        let entry = &k.roles[r.payload];
        let Some((state, from)) = state_modifier_before(text, r.start, hits, k, 2) else {
            continue;
        };
        let holder = holder_for_office(&state, &entry.role, entry.broader.as_deref(), published, k);
        let Some(holder) = holder else { continue };
        let families: Vec<String> = std::iter::once(&holder.name)
            .chain(holder.aliases.iter())
            .map(|n| normalize_name(family_name(n)))
            .collect();
        if let Some(i) = reg.first_of(&families, &state) {
            let span = (from, r.end);
            mention(reg, found, sentences, i, span, "official:title-only+holder");
        }
    }
}

/// Step 5: Spelling variants of a family name ("Pashinian" for "Pashinyan"):
/// a capitalized word of six letters or more one edit away from an
/// official's family name.
fn surname_variants(
    words: &[(usize, &str)],
    sentences: &[Sentence],
    reg: &mut Registry,
    found: &mut Found,
) {
    let index = VariantIndex::new(&reg.officials);
    if index.names.is_empty() {
        return;
    }
    for &(pos, word) in words {
        // (A word starts with a letter or digit: trimming "'s" keeps its start.)
        if !word.starts_with(char::is_uppercase) || found.spans.covers(pos) {
            continue;
        }
        let word = trim_possessives(word);
        if word.chars().count() < 6 {
            continue;
        }
        if let Some(i) = index.first_one_edit_away(word) {
            let span = (pos, pos + word.len());
            mention(reg, found, sentences, i, span, "official:surname-variant");
        }
    }
}

/// The family names of six letters or more, indexed by every form one
/// deletion away, so that the names one edit away from a word are found
/// without comparing the word with each name. The forms are indexed by
/// their hash and never built as strings: a name a colliding hash brings
/// is dropped by the edit-distance check every candidate passes.
struct VariantIndex {
    /// (official, family name), in order found.
    names: Vec<(usize, String)>,
    /// Key hashes -> indices into `names`: the name itself, the name
    /// without one letter, and the name without its letter at `i` (for a
    /// substitution at `i`).
    keys: FxHashMap<u64, Vec<usize>>,
}

/// Which letters of a name or word a key holds.
#[derive(Debug, Clone, Copy)]
enum Key {
    /// All of them.
    Whole,
    /// All but one.
    Deleted,
    /// All but the one at this position (in characters).
    DeletedAt(usize),
}

impl VariantIndex {
    fn new(officials: &[Official]) -> VariantIndex {
        let mut index = VariantIndex {
            names: Vec::new(),
            keys: FxHashMap::default(),
        };
        for (i, o) in officials.iter().enumerate() {
            let fam = family_name(&o.name);
            if fam.chars().count() < 6 {
                continue;
            }
            let n = index.names.len();
            index.names.push((i, fam.to_string()));
            let mut keys = vec![key_hash(Key::Whole, fam, "")];
            for (at, (left, right)) in deletions(fam) {
                keys.push(key_hash(Key::Deleted, left, right));
                keys.push(key_hash(Key::DeletedAt(at), left, right));
            }
            for key in keys {
                index.keys.entry(key).or_default().push(n);
            }
        }
        index
    }

    /// The first official (in order found) whose family name is one edit
    /// away from `word` and starts with the same letter.
    fn first_one_edit_away(&self, word: &str) -> Option<usize> {
        let mut keys = vec![key_hash(Key::Deleted, word, "")];
        for (at, (left, right)) in deletions(word) {
            keys.push(key_hash(Key::Whole, left, right));
            keys.push(key_hash(Key::DeletedAt(at), left, right));
        }
        keys.iter()
            .filter_map(|k| self.keys.get(k))
            .flatten()
            .map(|&n| &self.names[n])
            .filter(|(_, fam)| {
                fam != word
                    && fam.chars().next() == word.chars().next()
                    && edit_distance(fam, word) == 1
            })
            .map(|(i, _)| *i)
            .min()
    }
}

/// Every form of `word` without one of its letters, as the text before
/// and after that letter, with the letter's position (in characters).
fn deletions(word: &str) -> impl Iterator<Item = (usize, (&str, &str))> {
    word.char_indices()
        .enumerate()
        .map(|(at, (i, c))| (at, (&word[..i], &word[i + c.len_utf8()..])))
}

/// The hash of a key: its kind and the letters `left` then `right` (FNV-1a,
/// byte by byte, so the same letters hash alike wherever they are split).
fn key_hash(key: Key, left: &str, right: &str) -> u64 {
    let kind = match key {
        Key::Whole => 0,
        Key::Deleted => 1,
        Key::DeletedAt(at) => 2 + at as u64,
    };
    kind.to_le_bytes()
        .iter()
        .chain(left.as_bytes())
        .chain(right.as_bytes())
        .fold(0xcbf2_9ce4_8422_2325, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        })
}

/// Step 6: The office-holder table's node for a person it knows in this
/// state on this date becomes the official's node, so the forms of the
/// name meet in one node across articles ("Seyed Abbas Mousavi", "Abbas
/// Mousavi"), with the person's tenures. Only when the family name is
/// spelled as in the table's label: every label the node collects then
/// shares it, and a reader of any one label finds the same person.
fn link_holders(officials: &mut [Official], published: Option<PartialDate>, k: &Knowledge) {
    for o in officials.iter_mut() {
        let Some(state) = o.state.as_deref() else {
            continue;
        };
        let family = normalize_name(family_name(&o.name));
        let holder = lookup_holder(&o.name, Some(state), published, k)
            .filter(|h| normalize_name(family_name(&h.name)) == family);
        if let Some(h) = holder {
            o.holder = Some(h.iri.clone());
            if o.qid.is_none() {
                o.qid = h.qid.clone();
            }
        }
    }
}

/// Roles of people who serve a state abroad: their state is never guessed from context.
const DIPLOMATIC_ROLES: &[&str] = &[
    "ambassador",
    "envoy",
    "special envoy",
    "charge d'affaires",
    "high commissioner",
    "acting high commissioner",
    "consul",
    "consul general",
    "diplomat",
    "head of consular section",
];

/// The one person holding `role` (or `broader`) for `iso3` on `date`, if
/// the office-holder table knows exactly one.
pub fn holder_for_office<'k>(
    iso3: &str,
    role: &str,
    broader: Option<&str>,
    date: Option<PartialDate>,
    k: &'k Knowledge,
) -> Option<&'k crate::knowledge::OfficeHolder> {
    let date = date?;
    let mut found = k.holders.iter().filter(|h| {
        h.iso3 == iso3
            && (h.role == role || Some(h.role.as_str()) == broader)
            && h.in_office(Some(date))
    });
    let first = found.next()?;
    found
        .all(|h| normalize_name(&h.name) == normalize_name(&first.name))
        .then_some(first)
}

/// Levenshtein distance between two short words.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The office-holder a name refers to, preferring one in office on `date`
/// and serving `state` when the text gives one.
pub fn lookup_holder<'k>(
    name: &str,
    state: Option<&str>,
    date: Option<PartialDate>,
    k: &'k Knowledge,
) -> Option<&'k crate::knowledge::OfficeHolder> {
    let key = normalize_name(name);
    let candidates: Vec<usize> = match k.holders_by_name.get(&key) {
        Some(c) => c.clone(),
        None if !key.contains(' ') => k.holders_by_family.get(&key).cloned().unwrap_or_default(),
        None => {
            // "Hossein Amirabdollahian" vs "Hossein Amir-Abdollahian": same family key.
            let fam = normalize_name(family_name(name));
            k.holders_by_family
                .get(&fam)
                .map(|c| {
                    c.iter()
                        .copied()
                        .filter(|&i| {
                            // "Tayyip Erdogan" is "Recep Tayyip Erdogan": a given name in common.
                            let given: Vec<&str> = key.split(' ').rev().skip(1).collect();
                            std::iter::once(&k.holders[i].name)
                                .chain(k.holders[i].aliases.iter())
                                .any(|n| {
                                    let n = normalize_name(n);
                                    n.split(' ').rev().skip(1).any(|t| given.contains(&t))
                                })
                        })
                        .collect()
                })
                .unwrap_or_default()
        }
    };
    let fits = |i: &usize| state.is_none_or(|s| k.holders[*i].iso3 == s);
    let in_office: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(fits)
        .filter(|&i| k.holders[i].in_office(date))
        .collect();
    let pick = if in_office.is_empty() {
        candidates.iter().copied().filter(fits).collect::<Vec<_>>()
    } else {
        in_office
    };
    // Several different people: do not guess.
    let first = *pick.first()?;
    let same_person = pick
        .iter()
        .all(|&i| normalize_name(&k.holders[i].name) == normalize_name(&k.holders[first].name));
    same_person.then(|| &k.holders[first])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::states::find_states;
    use crate::text::split_sentences;
    use std::sync::LazyLock;

    static K: LazyLock<Knowledge> = LazyLock::new(|| Knowledge::builtin().unwrap());

    /// The variant index finds the first official one edit away, as a
    /// comparison of the word with every name would.
    #[test]
    fn variants_are_those_one_edit_away() {
        let names = [
            "Nikol Pashinyan",
            "Ali Khamenei",
            "Sergei Lavrov",
            "Ann Lavrova",
            "Joe Allen",
            "Hakan Fidan",
            "Jean-Noël Barrot",
            "Abbas Araghchi",
        ];
        let officials: Vec<Official> = names
            .iter()
            .map(|n| Official {
                name: n.to_string(),
                alt_names: Vec::new(),
                state: None,
                roles: Vec::new(),
                org: None,
                qid: None,
                holder: None,
                mentions: Vec::new(),
            })
            .collect();
        let index = VariantIndex::new(&officials);
        let words = [
            "Pashinian",
            "Pashinyan",
            "Pashinyann",
            "Pshinyan",
            "Khamenei",
            "Khamanei",
            "Khameneii",
            "Lavrova",
            "Lavrovv",
            "Lavrov",
            "Barrot",
            "Barot",
            "Barrott",
            "Araghchi",
            "Araqchi",
            "Araghci",
            "Allenn",
            "Fidann",
            "Xashinyan",
        ];
        for w in words {
            let brute = officials
                .iter()
                .enumerate()
                .map(|(i, o)| (i, family_name(&o.name)))
                .filter(|(_, f)| f.chars().count() >= 6)
                .filter(|(_, f)| {
                    *f != w && f.chars().next() == w.chars().next() && edit_distance(f, w) == 1
                })
                .map(|(i, _)| i)
                .min();
            assert_eq!(index.first_one_edit_away(w), brute, "{w}");
        }
    }

    /// `name_in` reads what one pattern with an optional courtesy title
    /// and the name as its group reads.
    #[test]
    fn names_read_as_one_pattern_reads_them() {
        let token = r"(?:(?:al|el|Al|El)-)?\p{Lu}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}]*)*";
        let particle = r"(?:bin|bint|ibn|al|el|de|da|di|du|van|von|der|den|la|le|dos|del|Al|El|Abu|Abdul|ul|Bin)";
        let gap = NAME_GAP;
        let one = Regex::new(&format!(
            r"^(?:(?:Mr|Mrs|Ms|Dr)\.?{gap})?({token}(?:{gap}(?:{particle}{gap})*{token}){{0,4}})"
        ))
        .unwrap();
        let heads = [
            "", "Mr", "Mr.", "Mrs", "Mrs.", "Ms.", "Dr", "Dr.", "Mrs.Mr", "Dr. Mr.",
        ];
        let gaps = [
            "", " ", "  ", "\n", " \n ", "\r\n", "\n\n", " \n\n", "\t", "\u{A0}",
        ];
        let tails = [
            "Kanani",
            "al-Sudani said",
            "bin Salman",
            "the minister",
            "Émile Zola",
            "É",
            "Jean-Noël Barrot",
            "van der Leyen",
            "X Y Z W V U T",
            "",
            ".",
            "'s",
            "Ali\nKhan",
        ];
        for h in heads {
            for g in gaps {
                for t in tails {
                    let hay = format!("{h}{g}{t}");
                    let expected = one
                        .captures(&hay)
                        .and_then(|c| c.get(1))
                        .map(|m| (m.start(), m.end()));
                    assert_eq!(name_in(&hay), expected, "{hay:?}");
                }
            }
        }
    }

    /// Each expected official as "Name|STATE|role1,role2".
    /// The office-holder node each official was linked to.
    fn holders(text: &str, published: &str) -> Vec<Option<String>> {
        let sentences = split_sentences(text);
        let hits = find_states(text, &sentences, &K);
        let bodies = K.body_matcher.find(text);
        let published = PartialDate::parse(published);
        let (officials, _) = find_officials(text, &sentences, &hits, &bodies, published, &K);
        officials.into_iter().map(|o| o.holder).collect()
    }

    #[test]
    fn a_title_only_one_state_has_gives_the_state() {
        // Filed from Seoul, but only Japan has a chief cabinet secretary.
        check(
            "SEOUL, Oct 5 (Wire Desk) - Chief Cabinet Secretary Hirokazu Matsuno said Japan had protested.",
            &["Hirokazu Matsuno|JPN|chief cabinet secretary"],
        );
        // The text's own state still wins.
        check(
            "Kenyan Cabinet Secretary Musalia Mudavadi said so.",
            &["Musalia Mudavadi|KEN|cabinet secretary"],
        );
    }

    #[test]
    fn known_people_take_the_office_holder_node() {
        let official = |slug: &str| Some(format!("https://w3id.org/diplograph/id/official/{slug}"));
        // Another form of the name, same family name as the table's label.
        assert_eq!(
            holders(
                "Iranian Foreign Ministry spokesman Seyed Abbas Mousavi said on Monday.",
                "2020-01-06"
            ),
            [official("abbas-mousavi")]
        );
        assert_eq!(
            holders(
                "Iranian Foreign Ministry spokesman Nasser Kanani said on Monday.",
                "2023-04-17"
            ),
            [official("nasser-kanani")]
        );
        // A family name spelled otherwise than the label keeps its own node.
        assert_eq!(
            holders(
                "Iranian Foreign Ministry spokesman Nasser Kanaani said on Monday.",
                "2023-04-17"
            ),
            [None]
        );
        // Out of office on the day and no other holder of the name: linked
        // all the same (the table knows one such person).
        assert_eq!(
            holders(
                "Former Iranian Foreign Ministry spokesman Abbas Mousavi said so.",
                "2023-04-17"
            ),
            [official("abbas-mousavi")]
        );
        // Unknown people have no node in the table.
        assert_eq!(
            holders(
                "Iranian Foreign Ministry spokesman Ali Rezaei said on Monday.",
                "2023-04-17"
            ),
            [None]
        );
    }

    fn check(text: &str, expected: &[&str]) {
        let sentences = split_sentences(text);
        let hits = find_states(text, &sentences, &K);
        let bodies = K.body_matcher.find(text);
        let (officials, _) = find_officials(
            text,
            &sentences,
            &hits,
            &bodies,
            PartialDate::parse("2023-04-17"),
            &K,
        );
        let got: Vec<String> = officials.iter().map(Official::test_line).collect();
        assert_eq!(got, expected, "in {text:?}");
    }

    #[test]
    fn title_before_name() {
        check(
            "Iranian MFA spokesman Nasser Kanani spoke.",
            &["Nasser Kanani|IRN|spokesperson"],
        );
        check(
            "Azerbaijani MP Fazil Mustafa was wounded.",
            &["Fazil Mustafa|AZE|member of parliament"],
        );
        check(
            "Canadian Prime Minister Justin Trudeau said so.",
            &["Justin Trudeau|CAN|prime minister"],
        );
        check(
            "Russia's ambassador, Vladimir Lipaev, must leave.",
            &["Vladimir Lipaev|RUS|ambassador"],
        );
        check(
            "US Secretary of State Antony Blinken flew in.",
            &["Antony Blinken|USA|secretary of state,foreign minister"],
        );
    }

    #[test]
    fn title_after_name() {
        check(
            "This was said by Nasser Kanani, official spokesman for the Iranian MFA.",
            &["Nasser Kanani|IRN|spokesperson"],
        );
        check(
            "Sergei Lavrov, Russia's foreign minister, arrived.",
            &["Sergei Lavrov|RUS|foreign minister"],
        );
    }

    #[test]
    fn surname_mentions_join_the_official() {
        let text = "Iranian MFA spokesman Nasser Kanani spoke. Kanani stressed the point.";
        let sentences = split_sentences(text);
        let hits = find_states(text, &sentences, &K);
        let bodies = K.body_matcher.find(text);
        let (officials, found) = find_officials(text, &sentences, &hits, &bodies, None, &K);
        assert_eq!(officials.len(), 1);
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].sentence, 1);
    }

    #[test]
    fn people_without_office_are_not_officials() {
        check("Hardeep Singh Nijjar, a Canadian citizen, was shot.", &[]);
        check("Analyst John Smith said the talks failed.", &[]);
    }

    #[test]
    fn title_only_mentions_resolve_through_the_office_holder_table() {
        let date = PartialDate::parse("2023-04-17");
        let h = holder_for_office("IRN", "foreign minister", None, date, &K).unwrap();
        assert_eq!(h.name, "Hossein Amir-Abdollahian");
        let text =
            "Hossein Amir-Abdollahian arrived in Baku. The Iranian foreign minister met officials.";
        let sentences = split_sentences(text);
        let hits = find_states(text, &sentences, &K);
        let bodies = K.body_matcher.find(text);
        let (officials, found) = find_officials(text, &sentences, &hits, &bodies, date, &K);
        assert_eq!(officials.len(), 1);
        assert_eq!(officials[0].state.as_deref(), Some("IRN"));
        assert!(
            found.iter().any(|h| h.sentence == 1),
            "the title in sentence 2 is a mention of him"
        );
        // A title alone creates no official.
        let text = "The Iranian foreign minister met officials.";
        let sentences = split_sentences(text);
        let hits = find_states(text, &sentences, &K);
        let (officials, _) = find_officials(
            text,
            &sentences,
            &hits,
            &K.body_matcher.find(text),
            date,
            &K,
        );
        assert!(officials.is_empty());
    }

    #[test]
    fn names_normalize() {
        assert_eq!(normalize_name("Jean-Noël Barrot"), "jean noel barrot");
        assert_eq!(normalize_name("Mevlüt Çavuşoğlu"), "mevlut cavusoglu");
    }
}

#[cfg(test)]
mod org_tests {
    use super::*;
    use crate::extract::states::find_states;
    use crate::text::split_sentences;

    #[test]
    fn body_after_the_role_gives_state_and_org() {
        let k = Knowledge::builtin().unwrap();
        let text =
            "It was said by Tomas Novak, spokesman for the Czech Foreign Ministry, on Monday.";
        let sentences = split_sentences(text);
        let hits = find_states(text, &sentences, &k);
        let bodies = k.body_matcher.find(text);
        let (officials, _) = find_officials(text, &sentences, &hits, &bodies, None, &k);
        assert_eq!(officials.len(), 1);
        assert_eq!(officials[0].state.as_deref(), Some("CZE"));
        assert_eq!(
            officials[0].org.as_deref(),
            Some("Ministry of Foreign Affairs")
        );
    }
}
