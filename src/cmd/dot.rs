//! `diplograph dot` and `diplograph analyze`: read events and officials from
//! the store with SPARQL, build the graph views (pure, in `graph` and
//! `analysis`), and write DOT, render it with Graphviz, or print analytics.

use crate::analysis::{self, Analysis};
use crate::graph::{self, ClusterBy, EventRow, Filter, NodeKind, NodeRef, OfficialRow, Term};
use crate::knowledge::{category_table, Knowledge};
use crate::store::GraphStore;
use anyhow::{bail, Context as _, Result};
use oxigraph::model::Term as OxTerm;
use oxigraph::sparql::QueryResults;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

fn literal(t: &OxTerm) -> Option<String> {
    match t {
        OxTerm::Literal(l) => Some(l.value().to_string()),
        _ => None,
    }
}

fn iri_of(t: &OxTerm) -> Option<String> {
    match t {
        OxTerm::NamedNode(n) => Some(n.as_str().to_string()),
        _ => None,
    }
}

/// `(subject, object)` pairs of one predicate, deduplicated across graphs.
fn table(store: &GraphStore, predicate: &str) -> Result<Vec<(String, OxTerm)>> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for pair in store.by_predicate(predicate) {
        let pair = pair?;
        if seen.insert(pair.clone()) {
            out.push(pair);
        }
    }
    Ok(out)
}

/// The ISO3 code in a state IRI (`…/id/state/IRN`).
fn iso3_of(iri: &str) -> Option<String> {
    iri.rsplit_once("/id/state/").map(|(_, c)| c.to_string())
}

/// Every event in the store, with its states and (when `participants`) its
/// most specific participants. Reads the predicate indexes directly: a view
/// of 100,000 events takes seconds, not minutes.
pub fn load_events(store: &GraphStore, participants: bool) -> Result<Vec<EventRow>> {
    let dg = |local: &str| crate::ns::dg(local);
    let mut events: BTreeMap<String, EventRow> = BTreeMap::new();
    for (e, c) in table(store, &dg("category"))? {
        let Some(category) = literal(&c) else {
            continue;
        };
        events.insert(
            e.clone(),
            EventRow {
                iri: e,
                category,
                date: None,
                article: String::new(),
                actor_states: Vec::new(),
                target_states: Vec::new(),
                actors: Vec::new(),
                targets: Vec::new(),
                count: 1,
            },
        );
    }
    for (e, d) in table(store, &dg("date"))? {
        if let (Some(row), Some(d)) = (events.get_mut(&e), literal(&d)) {
            row.date = Some(d);
        }
    }
    let sources: HashMap<String, String> = table(store, &dg("sourceId"))?
        .into_iter()
        .filter_map(|(a, s)| literal(&s).map(|s| (a, s)))
        .collect();
    for (e, a) in table(store, &dg("reportedIn"))? {
        if let (Some(row), Some(a)) = (events.get_mut(&e), iri_of(&a)) {
            if let Some(src) = sources.get(&a) {
                row.article = src.clone();
            }
        }
    }
    for (predicate, actor_side) in [("actorState", true), ("targetState", false)] {
        for (e, s) in table(store, &dg(predicate))? {
            let (Some(row), Some(code)) =
                (events.get_mut(&e), iri_of(&s).as_deref().and_then(iso3_of))
            else {
                continue;
            };
            let list = if actor_side {
                &mut row.actor_states
            } else {
                &mut row.target_states
            };
            if !list.contains(&code) {
                list.push(code);
            }
        }
    }
    for row in events.values_mut() {
        row.actor_states.sort();
        row.target_states.sort();
    }
    if participants {
        let mut nodes: BTreeMap<String, NodeRef> = BTreeMap::new();
        let mut links: Vec<(String, bool, String)> = Vec::new();
        for (predicate, actor_side) in [("actor", true), ("target", false)] {
            for (e, n) in table(store, &dg(predicate))? {
                if let Some(n) = iri_of(&n) {
                    nodes.entry(n.clone()).or_insert_with(|| NodeRef {
                        label: n.rsplit('/').next().unwrap_or(&n).to_string(),
                        iri: n.clone(),
                        kind: NodeKind::Other,
                    });
                    links.push((e, actor_side, n));
                }
            }
        }
        for (n, l) in table(store, crate::ns::RDFS_LABEL)? {
            if let (Some(node), Some(l)) = (nodes.get_mut(&n), literal(&l)) {
                // Several labels (one per article): keep the longest.
                if node.kind == NodeKind::Other || l.len() > node.label.len() {
                    node.label = l;
                }
            }
        }
        for (n, t) in table(store, crate::ns::RDF_TYPE)? {
            let Some(node) = nodes.get_mut(&n) else {
                continue;
            };
            let kind = match iri_of(&t).as_deref().and_then(|t| t.rsplit('#').next()) {
                Some("State") => NodeKind::State,
                Some("Official") => NodeKind::Official,
                Some("Organization") => NodeKind::Organization,
                _ => continue,
            };
            if kind < node.kind {
                node.kind = kind;
            }
        }
        for (e, actor_side, n) in links {
            if let (Some(row), Some(node)) = (events.get_mut(&e), nodes.get(&n)) {
                let list = if actor_side {
                    &mut row.actors
                } else {
                    &mut row.targets
                };
                if !list.contains(node) {
                    list.push(node.clone());
                }
            }
        }
        for row in events.values_mut() {
            row.actors.sort();
            row.targets.sort();
        }
    }
    Ok(events.into_values().collect())
}

/// Events aggregated by the store per actor state, target state, category,
/// date and article, with their count: what the relations view and the
/// analytics need, without decoding one IRI per event.
///
/// The coarser the grouping, the faster: without `by_date` each row carries
/// the first and last date of its group (enough for the relations view when
/// no date filter is given); `by_article` is only needed for --article.
pub fn load_dyads(store: &GraphStore, by_date: bool, by_article: bool) -> Result<Vec<EventRow>> {
    let mut group = String::from("?a ?t ?category");
    let mut select = String::from("?a ?t ?category (COUNT(DISTINCT ?e) AS ?n)");
    if by_date {
        group.push_str(" ?d");
        select.push_str(" ?d");
    } else {
        select.push_str(" (MIN(STR(?d)) AS ?first) (MAX(STR(?d)) AS ?last)");
    }
    let article_pattern = if by_article {
        group.push_str(" ?source");
        select.push_str(" ?source");
        "?e dg:reportedIn/dg:sourceId ?source ."
    } else {
        ""
    };
    let q = format!(
        "PREFIX dg: <https://w3id.org/diplograph/ns#>
SELECT {select} WHERE {{
  ?e dg:category ?category ; dg:actorState ?a ; dg:targetState ?t .
  {article_pattern}
  OPTIONAL {{ ?e dg:date ?d }}
}} GROUP BY {group}"
    );
    let mut out = Vec::new();
    if !by_date && !by_article {
        return load_dyads_by_key(store);
    }
    if let QueryResults::Solutions(rows) = store.query(&q, &[])? {
        for row in rows {
            let row = row?;
            let get = |v: &str| row.get(v).cloned();
            let (Some(a), Some(t), Some(category)) = (
                get("a")
                    .as_ref()
                    .and_then(iri_of)
                    .as_deref()
                    .and_then(iso3_of),
                get("t")
                    .as_ref()
                    .and_then(iri_of)
                    .as_deref()
                    .and_then(iso3_of),
                get("category").as_ref().and_then(literal),
            ) else {
                continue;
            };
            let count: usize = get("n")
                .as_ref()
                .and_then(literal)
                .and_then(|n| n.parse().ok())
                .unwrap_or(1);
            let article = get("source").as_ref().and_then(literal).unwrap_or_default();
            if !by_date {
                // One row per bound of the group's date range, so the
                // relations view sees the same first and last dates.
                let first = get("first")
                    .as_ref()
                    .and_then(literal)
                    .filter(|d| !d.is_empty());
                let last = get("last")
                    .as_ref()
                    .and_then(literal)
                    .filter(|d| !d.is_empty());
                let row = |date: Option<String>, count: usize| EventRow {
                    iri: String::new(),
                    category: category.clone(),
                    date,
                    article: article.clone(),
                    actor_states: vec![a.clone()],
                    target_states: vec![t.clone()],
                    actors: Vec::new(),
                    targets: Vec::new(),
                    count,
                };
                match (first, last) {
                    (Some(f), Some(l)) if f != l && count >= 2 => {
                        out.push(row(Some(f), 1));
                        out.push(row(Some(l), count - 1));
                    }
                    (f, _) => out.push(row(f, count)),
                }
                continue;
            }
            out.push(EventRow {
                iri: String::new(),
                category,
                date: get("d").as_ref().and_then(literal),
                article,
                actor_states: vec![a],
                target_states: vec![t],
                actors: Vec::new(),
                targets: Vec::new(),
                count,
            });
        }
    }
    Ok(out)
}

/// The fast path of `load_dyads`: one scan of `dg:dyadKey` ("IRN ISR ACCUSE").
fn load_dyads_by_key(store: &GraphStore) -> Result<Vec<EventRow>> {
    const Q: &str = "PREFIX dg: <https://w3id.org/diplograph/ns#>
SELECT ?k (COUNT(?e) AS ?n) (MIN(STR(?d)) AS ?first) (MAX(STR(?d)) AS ?last) WHERE {
  ?e dg:dyadKey ?k OPTIONAL { ?e dg:date ?d }
} GROUP BY ?k";
    let mut out = Vec::new();
    if let QueryResults::Solutions(rows) = store.query(Q, &[])? {
        for row in rows {
            let row = row?;
            let get = |v: &str| row.get(v).and_then(literal).filter(|s| !s.is_empty());
            let Some(key) = get("k") else { continue };
            let mut parts = key.split(' ');
            let (Some(a), Some(t), Some(category)) = (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let count: usize = get("n").and_then(|n| n.parse().ok()).unwrap_or(1);
            let row = |date: Option<String>, count: usize| EventRow {
                iri: String::new(),
                category: category.to_string(),
                date,
                article: String::new(),
                actor_states: vec![a.to_string()],
                target_states: vec![t.to_string()],
                actors: Vec::new(),
                targets: Vec::new(),
                count,
            };
            match (get("first"), get("last")) {
                (Some(f), Some(l)) if f != l && count >= 2 => {
                    out.push(row(Some(f), 1));
                    out.push(row(Some(l), count - 1));
                }
                (f, _) => out.push(row(f, count)),
            }
        }
    }
    Ok(out)
}

/// Every official mentioned in an article.
pub fn load_officials(store: &GraphStore) -> Result<Vec<OfficialRow>> {
    let dg = |local: &str| crate::ns::dg(local);
    let mut out: BTreeMap<String, OfficialRow> = BTreeMap::new();
    // Officials some article mentions (the office-holder table has many more).
    let mentioned: std::collections::HashSet<String> = table(store, &dg("mentions"))?
        .into_iter()
        .filter_map(|(_, o)| iri_of(&o))
        .collect();
    for (o, t) in table(store, crate::ns::RDF_TYPE)? {
        if iri_of(&t).as_deref() == Some(dg("Official").as_str()) && mentioned.contains(&o) {
            out.insert(
                o.clone(),
                OfficialRow {
                    iri: o,
                    name: String::new(),
                    roles: Vec::new(),
                    state: None,
                    body: None,
                },
            );
        }
    }
    let mut labels: HashMap<String, String> = HashMap::new();
    for (s, l) in table(store, crate::ns::RDFS_LABEL)? {
        let Some(l) = literal(&l) else { continue };
        let entry = labels.entry(s).or_default();
        if l.len() > entry.len() {
            *entry = l;
        }
    }
    for row in out.values_mut() {
        row.name = labels.get(&row.iri).cloned().unwrap_or_default();
    }
    for (o, r) in table(store, &dg("role"))? {
        if let (Some(row), Some(r)) = (out.get_mut(&o), literal(&r)) {
            if !row.roles.contains(&r) {
                row.roles.push(r);
                row.roles.sort();
            }
        }
    }
    for (o, s) in table(store, &dg("serves"))? {
        if let (Some(row), Some(code)) = (out.get_mut(&o), iri_of(&s).as_deref().and_then(iso3_of))
        {
            row.state.get_or_insert(code);
        }
    }
    for (o, b) in table(store, &dg("memberOf"))? {
        if let (Some(row), Some(b)) = (out.get_mut(&o), iri_of(&b)) {
            if row.body.is_none() {
                let label = labels.get(&b).cloned().unwrap_or_else(|| b.clone());
                row.body = Some(NodeRef {
                    iri: b,
                    label,
                    kind: NodeKind::Organization,
                });
            }
        }
    }
    out.retain(|_, r| !r.name.is_empty());
    Ok(out.into_values().collect())
}

/// Views of `diplograph dot`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum View {
    Relations,
    Events,
    Officials,
}

pub struct DotOptions<'a> {
    pub view: View,
    pub construct: Option<&'a Path>,
    pub filter: Filter,
    pub cluster: Option<ClusterBy>,
}

/// Builds the DOT text of a view.
pub fn build(store: &GraphStore, k: &Knowledge, opts: &DotOptions) -> Result<String> {
    let cats = category_table()?;
    let names = |iso3: &str| {
        k.state(iso3)
            .map_or_else(|| iso3.to_string(), |s| s.name.clone())
    };
    let mut title = String::new();
    if let Some(f) = &opts.filter.focus {
        title.push_str(&format!(
            "around {f} ({} hop{}) ",
            opts.filter.hops,
            if opts.filter.hops == 1 { "" } else { "s" }
        ));
    }
    if opts.filter.from.is_some() || opts.filter.to.is_some() {
        title.push_str(&format!(
            "{}..{} ",
            opts.filter.from.as_deref().unwrap_or(""),
            opts.filter.to.as_deref().unwrap_or("")
        ));
    }
    if let Some(path) = opts.construct {
        let q =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let results = store
            .query(&q, &[])
            .with_context(|| format!("{}: cannot run the query", path.display()))?;
        let QueryResults::Graph(triples) = results else {
            bail!(
                "{}: --construct needs a CONSTRUCT or DESCRIBE query",
                path.display()
            );
        };
        let conv = |t: OxTerm| match t {
            OxTerm::NamedNode(n) => Term::Iri(n.into_string()),
            OxTerm::BlankNode(b) => Term::Blank(b.as_str().to_string()),
            OxTerm::Literal(l) => Term::Literal(l.value().to_string()),
            #[allow(unreachable_patterns)]
            other => Term::Literal(other.to_string()),
        };
        let mut rows = Vec::new();
        for t in triples {
            let t = t?;
            rows.push((
                conv(t.subject.into()),
                t.predicate.into_string(),
                conv(t.object),
            ));
        }
        return Ok(graph::construct_dot(&rows, &format!("{}", path.display())));
    }
    Ok(match opts.view {
        View::Relations => {
            let f = &opts.filter;
            let events = load_dyads(
                store,
                f.from.is_some() || f.to.is_some(),
                f.article.is_some(),
            )?;
            let g = graph::relations(&events, &opts.filter, &names, &cats);
            graph::relations_dot(&g, &format!("diplograph: relations {title}"))
        }
        View::Events => {
            let events = load_events(store, true)?;
            graph::events_dot(
                &events,
                &opts.filter,
                opts.cluster,
                &cats,
                &format!("diplograph: events {title}"),
            )
        }
        View::Officials => {
            let officials = load_officials(store)?;
            graph::officials_dot(
                &officials,
                opts.filter.focus.as_deref(),
                opts.cluster,
                &names,
                &format!("diplograph: officials {title}"),
            )
        }
    })
}

/// Renders DOT with Graphviz's `dot` into `output` in `format` (svg, png, pdf).
pub fn render(dot_text: &str, format: &str, output: &Path) -> Result<()> {
    let child = Command::new("dot")
        .arg(format!("-T{format}"))
        .arg("-o")
        .arg(output)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            bail!("Graphviz's `dot` is not installed; install it (Debian/Ubuntu: apt-get install graphviz, macOS: brew install graphviz) or write DOT with --output FILE.dot")
        }
        Err(e) => return Err(e).context("running Graphviz's dot"),
    };
    child
        .stdin
        .take()
        .context("dot's stdin")?
        .write_all(dot_text.as_bytes())?;
    let out = child.wait_with_output()?;
    if !out.status.success() {
        bail!(
            "dot failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}

/// The analytics, for `diplograph analyze`.
pub fn analyze(store: &GraphStore, k: &Knowledge, filter: &Filter) -> Result<Analysis> {
    let cats = category_table()?;
    let events = load_dyads(store, true, false)?;
    Ok(analysis::analyze(&events, filter, &cats, &|s: &str| {
        k.state(s).map_or_else(|| s.to_string(), |x| x.name.clone())
    }))
}

/// Prints the analytics as a table, CSV or JSON.
pub fn print_analysis(a: &Analysis, format: &str, out: &mut impl Write) -> Result<()> {
    match format {
        "json" => {
            serde_json::to_writer_pretty(&mut *out, a)?;
            writeln!(out)?;
        }
        "csv" => {
            writeln!(out, "kind,iso3,name,actor_vc,actor_mc,actor_vx,actor_mx,target_vc,target_mc,target_vx,target_mx,rank_conflict,rank_cooperation")?;
            for s in &a.states {
                let q = |v: &[usize; 4]| {
                    v.iter()
                        .map(|n| n.to_string())
                        .collect::<Vec<_>>()
                        .join(",")
                };
                writeln!(
                    out,
                    "state,{},\"{}\",{},{},{:.4},{:.4}",
                    s.iso3,
                    s.name.replace('"', "\"\""),
                    q(&s.as_actor),
                    q(&s.as_target),
                    s.rank_conflict,
                    s.rank_cooperation
                )?;
            }
            writeln!(out, "kind,a,b,events,net_score,first,last")?;
            for d in &a.dyads {
                let first = d
                    .timeline
                    .iter()
                    .find_map(|t| t.date.clone())
                    .unwrap_or_default();
                let last = d
                    .timeline
                    .iter()
                    .rev()
                    .find_map(|t| t.date.clone())
                    .unwrap_or_default();
                writeln!(
                    out,
                    "dyad,{},{},{},{:.1},{first},{last}",
                    d.a, d.b, d.events, d.net_score
                )?;
            }
        }
        _ => {
            writeln!(out, "states (events as actor / as target, by quad class VC MC VX MX; PageRank over conflict and cooperation edges)")?;
            writeln!(
                out,
                "  {:<5} {:<24} {:>15} {:>15} {:>9} {:>9}",
                "iso3", "name", "actor", "target", "conflict", "coop"
            )?;
            for s in &a.states {
                let q = |v: &[usize; 4]| {
                    v.iter()
                        .map(|n| n.to_string())
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                writeln!(
                    out,
                    "  {:<5} {:<24} {:>15} {:>15} {:>9.3} {:>9.3}",
                    s.iso3,
                    s.name.chars().take(24).collect::<String>(),
                    q(&s.as_actor),
                    q(&s.as_target),
                    s.rank_conflict,
                    s.rank_cooperation
                )?;
            }
            writeln!(
                out,
                "dyads (net PLOVER score: above 0 cooperation, below 0 conflict)"
            )?;
            for d in &a.dyads {
                writeln!(
                    out,
                    "  {}-{}  {} events, net {:+.1}",
                    d.a, d.b, d.events, d.net_score
                )?;
                for t in &d.timeline {
                    writeln!(
                        out,
                        "    {:<10} {:<9} {} -> {}",
                        t.date.as_deref().unwrap_or("undated"),
                        t.category,
                        t.actor,
                        t.target
                    )?;
                }
            }
        }
    }
    Ok(())
}
