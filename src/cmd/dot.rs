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
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

const EVENTS_Q: &str = "PREFIX dg: <https://w3id.org/diplograph/ns#>
SELECT DISTINCT ?e ?category ?date ?source WHERE {
  ?e a dg:Event ; dg:category ?category ; dg:reportedIn/dg:sourceId ?source .
  OPTIONAL { ?e dg:date ?date }
}";

const STATES_Q: &str = "PREFIX dg: <https://w3id.org/diplograph/ns#>
SELECT DISTINCT ?e ?role ?iso3 WHERE {
  { ?e dg:actorState/dg:iso3 ?iso3 BIND(\"actor\" AS ?role) }
  UNION { ?e dg:targetState/dg:iso3 ?iso3 BIND(\"target\" AS ?role) }
}";

const PARTICIPANTS_Q: &str = "PREFIX dg: <https://w3id.org/diplograph/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?e ?role ?node ?label ?type WHERE {
  { ?e dg:actor ?node BIND(\"actor\" AS ?role) } UNION { ?e dg:target ?node BIND(\"target\" AS ?role) }
  OPTIONAL { ?node rdfs:label ?label }
  OPTIONAL { ?node a ?type FILTER(?type IN (dg:State, dg:Official, dg:Organization)) }
}";

const OFFICIALS_Q: &str = "PREFIX dg: <https://w3id.org/diplograph/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?o ?name ?role ?iso3 ?body ?bodyLabel WHERE {
  ?a dg:mentions ?o . ?o a dg:Official ; rdfs:label ?name .
  OPTIONAL { ?o dg:role ?role }
  OPTIONAL { ?o dg:serves/dg:iso3 ?iso3 }
  OPTIONAL { ?o dg:memberOf ?body . ?body rdfs:label ?bodyLabel }
}";

/// Runs a SELECT and hands each row (variable name -> term) to `f`.
fn each_row(
    store: &GraphStore,
    q: &str,
    mut f: impl FnMut(&dyn Fn(&str) -> Option<OxTerm>),
) -> Result<()> {
    if let QueryResults::Solutions(rows) = store.query(q, &[])? {
        for row in rows {
            let row = row?;
            f(&|v: &str| row.get(v).cloned());
        }
    }
    Ok(())
}

fn text_of(t: Option<OxTerm>) -> Option<String> {
    match t? {
        OxTerm::NamedNode(n) => Some(n.into_string()),
        OxTerm::Literal(l) => Some(l.value().to_string()),
        OxTerm::BlankNode(b) => Some(b.as_str().to_string()),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

/// Every event in the store, with its states and most specific participants.
pub fn load_events(store: &GraphStore) -> Result<Vec<EventRow>> {
    let mut events: BTreeMap<String, EventRow> = BTreeMap::new();
    each_row(store, EVENTS_Q, |get| {
        let (Some(iri), Some(category), Some(source)) = (
            text_of(get("e")),
            text_of(get("category")),
            text_of(get("source")),
        ) else {
            return;
        };
        let row = events.entry(iri.clone()).or_insert(EventRow {
            iri,
            category,
            date: None,
            article: source,
            actor_states: Vec::new(),
            target_states: Vec::new(),
            actors: Vec::new(),
            targets: Vec::new(),
        });
        if let Some(d) = text_of(get("date")) {
            row.date = Some(d);
        }
    })?;
    each_row(store, STATES_Q, |get| {
        let (Some(e), Some(role), Some(iso3)) = (
            text_of(get("e")),
            text_of(get("role")),
            text_of(get("iso3")),
        ) else {
            return;
        };
        if let Some(row) = events.get_mut(&e) {
            let list = if role == "actor" {
                &mut row.actor_states
            } else {
                &mut row.target_states
            };
            if !list.contains(&iso3) {
                list.push(iso3);
            }
        }
    })?;
    let mut nodes: BTreeMap<(String, String, String), NodeRef> = BTreeMap::new();
    each_row(store, PARTICIPANTS_Q, |get| {
        let (Some(e), Some(role), Some(node)) = (
            text_of(get("e")),
            text_of(get("role")),
            text_of(get("node")),
        ) else {
            return;
        };
        let kind = match text_of(get("type"))
            .as_deref()
            .and_then(|t| t.rsplit('#').next())
        {
            Some("State") => NodeKind::State,
            Some("Official") => NodeKind::Official,
            Some("Organization") => NodeKind::Organization,
            _ => NodeKind::Other,
        };
        let label = text_of(get("label"))
            .unwrap_or_else(|| node.rsplit('/').next().unwrap_or(&node).to_string());
        let entry = nodes.entry((e, role, node.clone())).or_insert(NodeRef {
            iri: node,
            label: label.clone(),
            kind,
        });
        // Several labels (one per article): keep the longest; the most specific type.
        if label.len() > entry.label.len() {
            entry.label = label;
        }
        if kind < entry.kind {
            entry.kind = kind;
        }
    })?;
    for ((e, role, _), node) in nodes {
        if let Some(row) = events.get_mut(&e) {
            if role == "actor" {
                row.actors.push(node);
            } else {
                row.targets.push(node);
            }
        }
    }
    Ok(events.into_values().collect())
}

/// Every official in the store.
pub fn load_officials(store: &GraphStore) -> Result<Vec<OfficialRow>> {
    let mut out: BTreeMap<String, OfficialRow> = BTreeMap::new();
    each_row(store, OFFICIALS_Q, |get| {
        let (Some(iri), Some(name)) = (text_of(get("o")), text_of(get("name"))) else {
            return;
        };
        let row = out.entry(iri.clone()).or_insert(OfficialRow {
            iri,
            name: name.clone(),
            roles: Vec::new(),
            state: None,
            body: None,
        });
        if name.len() > row.name.len() {
            row.name = name;
        }
        if let Some(r) = text_of(get("role")) {
            if !row.roles.contains(&r) {
                row.roles.push(r);
                row.roles.sort();
            }
        }
        if row.state.is_none() {
            row.state = text_of(get("iso3"));
        }
        if let (None, Some(b), Some(l)) =
            (&row.body, text_of(get("body")), text_of(get("bodyLabel")))
        {
            row.body = Some(NodeRef {
                iri: b,
                label: l,
                kind: NodeKind::Organization,
            });
        }
    })?;
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
            let events = load_events(store)?;
            let g = graph::relations(&events, &opts.filter, &names, &cats);
            graph::relations_dot(&g, &format!("diplograph: relations {title}"))
        }
        View::Events => {
            let events = load_events(store)?;
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
    let events = load_events(store)?;
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
