//! Relation graphs: the events of the store as petgraph graphs, filtered and
//! written as Graphviz DOT.
//!
//! Views: `relations` (states, one edge per actor state, target state and
//! category, colored by PLOVER quad class), `events` (event nodes linked to
//! their actors and targets), `officials` (officials, their bodies and
//! states) and `construct` (any CONSTRUCT result, literals folded into node
//! labels). Everything here is pure: rows in, a `String` out. The `dot`
//! command fetches the rows with SPARQL and writes or renders the result.
//! Node ids are derived from IRIs, so the DOT of two runs diffs cleanly.

use crate::knowledge::{CategoryInfo, Quad};
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::fmt::Write as _;

/// What kind of thing a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    State,
    Official,
    Organization,
    Event,
    Other,
}

/// A participant as the store names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeRef {
    pub iri: String,
    pub label: String,
    pub kind: NodeKind,
}

/// One event, as read from the store.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    pub iri: String,
    pub category: String,
    /// `2023-04-17`, `2023-04` or `2023`.
    pub date: Option<String>,
    pub article: String,
    pub actor_states: Vec<String>,
    pub target_states: Vec<String>,
    pub actors: Vec<NodeRef>,
    pub targets: Vec<NodeRef>,
    /// How many events this row stands for (1, or more for rows the store
    /// has already aggregated by dyad, category, date and article).
    pub count: usize,
}

/// One official, as read from the store.
#[derive(Debug, Clone, PartialEq)]
pub struct OfficialRow {
    pub iri: String,
    pub name: String,
    pub roles: Vec<String>,
    pub state: Option<String>,
    pub body: Option<NodeRef>,
}

/// Which events to draw.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub from: Option<String>,
    pub to: Option<String>,
    pub categories: Vec<String>,
    pub article: Option<String>,
    /// Keep only states within `hops` of this one (relations view) or events
    /// involving it (events view).
    pub focus: Option<String>,
    pub hops: usize,
}

impl Filter {
    /// Whether an event passes the date, category and article filters. A
    /// date filter drops undated events; dates compare at their precision
    /// ("2023-04" is within --from 2023-04-10 --to 2023-04-30).
    pub fn keeps(&self, e: &EventRow) -> bool {
        if !self.categories.is_empty()
            && !self
                .categories
                .iter()
                .any(|c| c.eq_ignore_ascii_case(&e.category))
        {
            return false;
        }
        if self.article.as_ref().is_some_and(|a| *a != e.article) {
            return false;
        }
        if self.from.is_some() || self.to.is_some() {
            let Some(d) = &e.date else { return false };
            // Compared on the common prefix, as bytes: "2023-04" is within
            // --from 2023-04-17 and --to 2023. Bytes never split a character.
            let (d, n) = (d.as_bytes(), d.len());
            if let Some(from) = &self.from {
                let n = n.min(from.len());
                if d[..n] < from.as_bytes()[..n] {
                    return false;
                }
            }
            if let Some(to) = &self.to {
                let n = n.min(to.len());
                if d[..n] > to.as_bytes()[..n] {
                    return false;
                }
            }
        }
        true
    }
}

/// Color of a PLOVER quad class.
pub fn quad_color(q: Quad) -> &'static str {
    match q {
        Quad::VerbalCooperation => "#2ca02c",
        Quad::MaterialCooperation => "#1f77b4",
        Quad::VerbalConflict => "#ff7f0e",
        Quad::MaterialConflict => "#d62728",
    }
}

/// Escapes a string for a double-quoted DOT id or label.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A stable DOT node id from an IRI: its path after `/id/`, made safe.
pub fn node_id(iri: &str) -> String {
    let tail = iri.rsplit_once("/id/").map_or(iri, |(_, t)| t);
    tail.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// A state node of the relations graph.
#[derive(Debug, Clone, PartialEq)]
pub struct StateNode {
    pub iso3: String,
    pub name: String,
}

/// An aggregated relation: one actor state, one target state, one category.
#[derive(Debug, Clone, PartialEq)]
pub struct RelEdge {
    pub category: String,
    pub quad: Quad,
    pub score: f64,
    pub count: usize,
    pub first: Option<String>,
    pub last: Option<String>,
}

pub type RelationGraph = StableDiGraph<StateNode, RelEdge>;

/// Builds the state relations graph from the events that pass `filter`.
pub fn relations(
    events: &[EventRow],
    filter: &Filter,
    names: &dyn Fn(&str) -> String,
    cats: &HashMap<&str, CategoryInfo>,
) -> RelationGraph {
    let mut g = RelationGraph::new();
    let mut index: BTreeMap<String, NodeIndex> = BTreeMap::new();
    let mut edges: BTreeMap<(String, String, String), RelEdge> = BTreeMap::new();
    for e in events.iter().filter(|e| filter.keeps(e)) {
        let Some(info) = cats.get(e.category.as_str()) else {
            continue;
        };
        for a in &e.actor_states {
            for t in &e.target_states {
                if a == t {
                    continue;
                }
                let edge = edges
                    .entry((a.clone(), t.clone(), e.category.clone()))
                    .or_insert(RelEdge {
                        category: e.category.clone(),
                        quad: info.quad,
                        score: info.score,
                        count: 0,
                        first: None,
                        last: None,
                    });
                edge.count += e.count;
                if let Some(d) = &e.date {
                    if edge.first.as_ref().is_none_or(|f| d < f) {
                        edge.first = Some(d.clone());
                    }
                    if edge.last.as_ref().is_none_or(|l| d > l) {
                        edge.last = Some(d.clone());
                    }
                }
            }
        }
    }
    for ((a, t, _), edge) in edges {
        let mut node = |iso3: &String, g: &mut RelationGraph| {
            *index.entry(iso3.clone()).or_insert_with(|| {
                g.add_node(StateNode {
                    iso3: iso3.clone(),
                    name: names(iso3),
                })
            })
        };
        let ai = node(&a, &mut g);
        let ti = node(&t, &mut g);
        g.add_edge(ai, ti, edge);
    }
    if let Some(focus) = &filter.focus {
        keep_within(&mut g, |n| n.iso3 == *focus, filter.hops);
    }
    g
}

/// Removes every node farther than `hops` (ignoring direction) from the
/// nodes matching `is_focus`.
pub fn keep_within<N, E>(g: &mut StableDiGraph<N, E>, is_focus: impl Fn(&N) -> bool, hops: usize) {
    let starts: Vec<NodeIndex> = g.node_indices().filter(|&i| is_focus(&g[i])).collect();
    let mut dist: HashMap<NodeIndex, usize> = starts.iter().map(|&i| (i, 0)).collect();
    let mut queue: VecDeque<NodeIndex> = starts.into_iter().collect();
    while let Some(n) = queue.pop_front() {
        let d = dist[&n];
        if d == hops {
            continue;
        }
        for m in g.neighbors_undirected(n) {
            if let std::collections::hash_map::Entry::Vacant(slot) = dist.entry(m) {
                slot.insert(d + 1);
                queue.push_back(m);
            }
        }
    }
    let far: Vec<NodeIndex> = g.node_indices().filter(|i| !dist.contains_key(i)).collect();
    for i in far {
        g.remove_node(i);
    }
}

fn date_range(first: &Option<String>, last: &Option<String>) -> String {
    match (first, last) {
        (Some(f), Some(l)) if f == l => format!(" ({f})"),
        (Some(f), Some(l)) => {
            // "2023-01..04" when the year is shared.
            // "2023-01..04" within a year, "2024-04-01..13" within a month.
            let same = |n: usize| f.len() >= n && l.len() >= n && f[..n] == l[..n];
            if same(7) && f.len() == 10 && l.len() == 10 {
                format!(" ({}..{})", f, &l[8..10])
            } else if same(4) && f.len() >= 7 && l.len() >= 7 {
                format!(" ({}..{})", &f[..7], &l[5..7])
            } else {
                format!(" ({f}..{l})")
            }
        }
        _ => String::new(),
    }
}

/// A compact legend: one table node listing the quad classes in their colors.
fn legend(out: &mut String) {
    out.push_str("  legend [shape=none, margin=0, fontsize=9, label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"3\"><TR><TD><B>PLOVER quad class</B></TD></TR>");
    for q in Quad::ALL {
        let _ = write!(
            out,
            "<TR><TD><FONT COLOR=\"{}\">{}</FONT></TD></TR>",
            quad_color(q),
            q.label()
        );
    }
    out.push_str("</TABLE>>];\n");
}

fn header(out: &mut String, name: &str, title: &str) {
    let _ = writeln!(out, "digraph {name} {{");
    let _ = writeln!(
        out,
        "  graph [rankdir=LR, fontname=\"Helvetica\", labelloc=t, label=\"{}\"];",
        escape(title.trim())
    );
    out.push_str("  node [fontname=\"Helvetica\", fontsize=11];\n  edge [fontname=\"Helvetica\", fontsize=9];\n");
}

/// The relations view as DOT.
pub fn relations_dot(g: &RelationGraph, title: &str) -> String {
    let mut out = String::new();
    header(&mut out, "relations", title);
    let mut nodes: Vec<&StateNode> = g.node_indices().map(|i| &g[i]).collect();
    nodes.sort_by(|a, b| a.iso3.cmp(&b.iso3));
    for n in nodes {
        let _ = writeln!(
            out,
            "  \"state_{}\" [label=\"{}\\n{}\", shape=ellipse, style=filled, fillcolor=\"#f2f2f2\"];",
            escape(&n.iso3),
            escape(&n.name),
            escape(&n.iso3)
        );
    }
    let mut edges: Vec<(String, String, &RelEdge)> = g
        .edge_references()
        .map(|e| {
            (
                g[e.source()].iso3.clone(),
                g[e.target()].iso3.clone(),
                e.weight(),
            )
        })
        .collect();
    edges.sort_by(|a, b| (&a.0, &a.1, &a.2.category).cmp(&(&b.0, &b.1, &b.2.category)));
    for (a, t, e) in edges {
        let times = if e.count > 1 {
            format!(" ×{}", e.count)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  \"state_{}\" -> \"state_{}\" [label=\"{}{}{}\", color=\"{}\", fontcolor=\"{}\", penwidth={:.1}];",
            escape(&a),
            escape(&t),
            escape(&e.category),
            times,
            escape(&date_range(&e.first, &e.last)),
            quad_color(e.quad),
            quad_color(e.quad),
            1.0 + (e.count as f64).ln_1p() * 1.5
        );
    }
    legend(&mut out);
    out.push_str("}\n");
    out
}

fn kind_style(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::State => "shape=ellipse, style=filled, fillcolor=\"#f2f2f2\"",
        NodeKind::Official => "shape=box, style=rounded",
        NodeKind::Organization => "shape=box, style=\"filled\", fillcolor=\"#fff7e0\"",
        NodeKind::Event => "shape=note",
        NodeKind::Other => "shape=box",
    }
}

/// Node shape of an event, by category's quad class.
fn event_shape(q: Option<Quad>) -> &'static str {
    match q {
        Some(Quad::VerbalCooperation) => "note",
        Some(Quad::MaterialCooperation) => "box3d",
        Some(Quad::VerbalConflict) => "octagon",
        Some(Quad::MaterialConflict) => "doubleoctagon",
        None => "box",
    }
}

/// How to group nodes into clusters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClusterBy {
    Article,
    State,
}

/// The events view as DOT: events linked to their actors and targets.
pub fn events_dot(
    events: &[EventRow],
    filter: &Filter,
    cluster: Option<ClusterBy>,
    cats: &HashMap<&str, CategoryInfo>,
    title: &str,
) -> String {
    let kept: Vec<&EventRow> = events
        .iter()
        .filter(|e| filter.keeps(e))
        .filter(|e| {
            filter
                .focus
                .as_ref()
                .is_none_or(|f| e.actor_states.contains(f) || e.target_states.contains(f))
        })
        .collect();
    let mut out = String::new();
    header(&mut out, "events", title);
    let mut participants: BTreeMap<String, &NodeRef> = BTreeMap::new();
    for e in &kept {
        for p in e.actors.iter().chain(&e.targets) {
            participants.entry(node_id(&p.iri)).or_insert(p);
        }
    }
    for (id, p) in &participants {
        let _ = writeln!(
            out,
            "  \"{}\" [label=\"{}\", {}];",
            escape(id),
            escape(&p.label),
            kind_style(p.kind)
        );
    }
    let group_of = |e: &EventRow| -> String {
        match cluster {
            Some(ClusterBy::Article) => e.article.clone(),
            Some(ClusterBy::State) => e
                .actor_states
                .first()
                .or(e.target_states.first())
                .cloned()
                .unwrap_or_else(|| "unknown".into()),
            None => String::new(),
        }
    };
    let mut groups: BTreeMap<String, Vec<&EventRow>> = BTreeMap::new();
    for e in &kept {
        groups.entry(group_of(e)).or_default().push(e);
    }
    for (gi, (group, evs)) in groups.iter().enumerate() {
        let indent = if cluster.is_some() {
            let _ = writeln!(
                out,
                "  subgraph cluster_{gi} {{\n    label=\"{}\"; style=dashed; color=\"#bbbbbb\";",
                escape(group)
            );
            "    "
        } else {
            "  "
        };
        let mut sorted = evs.clone();
        sorted.sort_by(|a, b| (&a.date, &a.iri).cmp(&(&b.date, &b.iri)));
        for e in sorted {
            let quad = cats.get(e.category.as_str()).map(|c| c.quad);
            let _ = writeln!(
                out,
                "{indent}\"{}\" [label=\"{}\\n{}\", shape={}, color=\"{}\"];",
                escape(&node_id(&e.iri)),
                escape(&e.category),
                escape(e.date.as_deref().unwrap_or("undated")),
                event_shape(quad),
                quad.map_or("#555555", quad_color)
            );
        }
        if cluster.is_some() {
            out.push_str("  }\n");
        }
    }
    for e in &kept {
        let color = cats
            .get(e.category.as_str())
            .map_or("#555555", |c| quad_color(c.quad));
        let eid = escape(&node_id(&e.iri));
        for a in &e.actors {
            let _ = writeln!(
                out,
                "  \"{}\" -> \"{eid}\" [label=\"actor\", color=\"{color}\"];",
                escape(&node_id(&a.iri))
            );
        }
        for t in &e.targets {
            let _ = writeln!(
                out,
                "  \"{eid}\" -> \"{}\" [label=\"target\", color=\"{color}\"];",
                escape(&node_id(&t.iri))
            );
        }
    }
    legend(&mut out);
    out.push_str("}\n");
    out
}

/// The officials view as DOT: officials -> bodies -> states, with roles.
pub fn officials_dot(
    rows: &[OfficialRow],
    focus: Option<&str>,
    cluster: Option<ClusterBy>,
    names: &dyn Fn(&str) -> String,
    title: &str,
) -> String {
    let kept: Vec<&OfficialRow> = rows
        .iter()
        .filter(|r| focus.is_none_or(|f| r.state.as_deref() == Some(f)))
        .collect();
    let mut out = String::new();
    header(&mut out, "officials", title);
    let mut by_state: BTreeMap<String, Vec<&OfficialRow>> = BTreeMap::new();
    for r in &kept {
        by_state
            .entry(r.state.clone().unwrap_or_default())
            .or_default()
            .push(r);
    }
    let mut edges = String::new();
    let mut bodies: BTreeMap<String, (&NodeRef, String)> = BTreeMap::new();
    for (si, (state, officials)) in by_state.iter().enumerate() {
        let indent = if cluster == Some(ClusterBy::State) && !state.is_empty() {
            let _ = writeln!(
                out,
                "  subgraph cluster_{si} {{\n    label=\"{}\"; style=dashed; color=\"#bbbbbb\";",
                escape(&names(state))
            );
            "    "
        } else {
            "  "
        };
        if !state.is_empty() {
            let _ = writeln!(
                out,
                "{indent}\"state_{}\" [label=\"{}\\n{}\", {}];",
                escape(state),
                escape(&names(state)),
                escape(state),
                kind_style(NodeKind::State)
            );
        }
        let mut sorted = officials.clone();
        sorted.sort_by(|a, b| a.name.cmp(&b.name));
        for o in sorted {
            let oid = escape(&node_id(&o.iri));
            let _ = writeln!(
                out,
                "{indent}\"{oid}\" [label=\"{}\\n{}\", {}];",
                escape(&o.name),
                escape(&o.roles.join(", ")),
                kind_style(NodeKind::Official)
            );
            match (&o.body, &o.state) {
                (Some(b), Some(s)) => {
                    let bid = node_id(&b.iri);
                    let _ = writeln!(
                        edges,
                        "  \"{oid}\" -> \"{}\" [label=\"member of\"];",
                        escape(&bid)
                    );
                    bodies.entry(bid).or_insert((b, s.clone()));
                }
                (None, Some(s)) => {
                    let _ = writeln!(
                        edges,
                        "  \"{oid}\" -> \"state_{}\" [label=\"serves\"];",
                        escape(s)
                    );
                }
                _ => {}
            }
        }
        if indent.len() == 4 {
            out.push_str("  }\n");
        }
    }
    for (bid, (b, s)) in &bodies {
        let _ = writeln!(
            out,
            "  \"{}\" [label=\"{}\", {}];",
            escape(bid),
            escape(&b.label),
            kind_style(NodeKind::Organization)
        );
        let _ = writeln!(
            edges,
            "  \"{}\" -> \"state_{}\" [label=\"body of\"];",
            escape(bid),
            escape(s)
        );
    }
    out.push_str(&edges);
    out.push_str("}\n");
    out
}

/// A term of a CONSTRUCT result, reduced to what drawing needs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Term {
    Iri(String),
    Blank(String),
    Literal(String),
}

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";

fn short(iri: &str) -> String {
    for (p, ns) in crate::ns::PREFIXES {
        if let Some(local) = iri.strip_prefix(ns) {
            return format!("{p}:{local}");
        }
    }
    iri.to_string()
}

/// Any CONSTRUCT result as DOT: literals become lines of their subject's
/// label, `rdf:type` becomes the node's style and a label line, other
/// triples become edges.
pub fn construct_dot(triples: &[(Term, String, Term)], title: &str) -> String {
    let id = |t: &Term| match t {
        Term::Iri(i) => node_id(i),
        Term::Blank(b) => format!("_{b}"),
        Term::Literal(l) => l.clone(),
    };
    let mut labels: BTreeMap<String, (String, Vec<String>, Vec<String>)> = BTreeMap::new();
    let mut edges: Vec<(String, String, String)> = Vec::new();
    let ensure = |t: &Term, labels: &mut BTreeMap<String, (String, Vec<String>, Vec<String>)>| {
        let name = match t {
            Term::Iri(i) => short(i),
            Term::Blank(b) => format!("_:{b}"),
            Term::Literal(l) => l.clone(),
        };
        labels
            .entry(id(t))
            .or_insert_with(|| (name, Vec::new(), Vec::new()));
    };
    for (s, p, o) in triples {
        ensure(s, &mut labels);
        match o {
            Term::Literal(value) => {
                let entry = labels.get_mut(&id(s)).expect("ensured");
                if p == RDFS_LABEL {
                    entry.0 = value.clone();
                } else {
                    entry.1.push(format!("{}: {}", short(p), value));
                }
            }
            _ if p == RDF_TYPE => {
                if let Term::Iri(class) = o {
                    labels
                        .get_mut(&id(s))
                        .expect("ensured")
                        .2
                        .push(short(class));
                }
            }
            _ => {
                ensure(o, &mut labels);
                edges.push((id(s), short(p), id(o)));
            }
        }
    }
    let mut out = String::new();
    header(&mut out, "construct", title);
    let mut palette: HashMap<String, usize> = HashMap::new();
    const FILLS: [&str; 6] = [
        "#e8f1fb", "#fdebd3", "#e5f5e0", "#f2e6f5", "#fff7c2", "#eeeeee",
    ];
    for (nid, (name, lines, types)) in &labels {
        let mut label = name.clone();
        if !types.is_empty() {
            label.push_str(&format!("\n«{}»", types.join(", ")));
        }
        for l in lines {
            label.push('\n');
            label.push_str(l);
        }
        let n = palette.len();
        let fill = types.first().map_or("#ffffff", |t| {
            FILLS[*palette.entry(t.clone()).or_insert(n) % FILLS.len()]
        });
        let _ = writeln!(
            out,
            "  \"{}\" [label=\"{}\", shape=box, style=\"rounded,filled\", fillcolor=\"{}\"];",
            escape(nid),
            escape(&label),
            fill
        );
    }
    let mut seen = HashSet::new();
    for (s, p, o) in edges {
        if seen.insert((s.clone(), p.clone(), o.clone())) {
            let _ = writeln!(
                out,
                "  \"{}\" -> \"{}\" [label=\"{}\"];",
                escape(&s),
                escape(&o),
                escape(&p)
            );
        }
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::category_table;

    fn ev(iri: &str, cat: &str, date: Option<&str>, a: &[&str], t: &[&str]) -> EventRow {
        let node = |s: &&str| NodeRef {
            iri: format!("https://w3id.org/diplograph/id/state/{s}"),
            label: s.to_string(),
            kind: NodeKind::State,
        };
        EventRow {
            iri: format!("https://w3id.org/diplograph/id/event/{iri}"),
            category: cat.into(),
            date: date.map(String::from),
            article: "a1".into(),
            actor_states: a.iter().map(|s| s.to_string()).collect(),
            target_states: t.iter().map(|s| s.to_string()).collect(),
            actors: a.iter().map(node).collect(),
            targets: t.iter().map(node).collect(),
            count: 1,
        }
    }

    fn sample() -> Vec<EventRow> {
        vec![
            ev("e1", "ACCUSE", Some("2023-01-10"), &["IRN"], &["ISR"]),
            ev("e2", "ACCUSE", Some("2023-04-17"), &["IRN"], &["ISR"]),
            ev("e3", "SANCTION", Some("2023-04-06"), &["AZE"], &["IRN"]),
            ev("e4", "CONSULT", None, &["IRN"], &["AZE"]),
            ev("e5", "ASSAULT", Some("2022-09"), &["AZE"], &["ARM"]),
        ]
    }

    fn name(s: &str) -> String {
        s.to_string()
    }

    #[test]
    fn relations_aggregate_by_dyad_and_category() {
        let cats = category_table().unwrap();
        let g = relations(&sample(), &Filter::default(), &name, &cats);
        assert_eq!(g.node_count(), 4);
        assert_eq!(g.edge_count(), 4);
        let dot = relations_dot(&g, "t");
        assert!(dot.contains("\"state_IRN\" -> \"state_ISR\" [label=\"ACCUSE ×2 (2023-01..04)\", color=\"#ff7f0e\""), "{dot}");
        assert!(
            dot.contains("\"state_AZE\" -> \"state_IRN\" [label=\"SANCTION (2023-04-06)\""),
            "{dot}"
        );
    }

    #[test]
    fn focus_keeps_nodes_within_hops() {
        let cats = category_table().unwrap();
        let f = Filter {
            focus: Some("ISR".into()),
            hops: 1,
            ..Filter::default()
        };
        let g = relations(&sample(), &f, &name, &cats);
        let mut kept: Vec<String> = g.node_indices().map(|i| g[i].iso3.clone()).collect();
        kept.sort();
        assert_eq!(kept, ["IRN", "ISR"]);
        let f = Filter {
            focus: Some("ISR".into()),
            hops: 2,
            ..Filter::default()
        };
        assert_eq!(relations(&sample(), &f, &name, &cats).node_count(), 3);
    }

    #[test]
    fn date_and_category_filters() {
        let f = Filter {
            from: Some("2023-04".into()),
            to: Some("2023-04-30".into()),
            ..Filter::default()
        };
        let events = sample();
        let kept: Vec<&str> = events
            .iter()
            .filter(|e| f.keeps(e))
            .map(|e| e.category.as_str())
            .collect();
        assert_eq!(kept, ["ACCUSE", "SANCTION"]);
        let f = Filter {
            categories: vec!["assault".into()],
            ..Filter::default()
        };
        assert_eq!(sample().iter().filter(|e| f.keeps(e)).count(), 1);
    }

    #[test]
    fn labels_are_escaped() {
        assert_eq!(escape("a \"b\" \\ c\nd"), "a \\\"b\\\" \\\\ c\\nd");
        assert_eq!(escape("Türkiye — 日本"), "Türkiye — 日本");
        assert_eq!(
            node_id("https://w3id.org/diplograph/id/official/jean-noel-barrot"),
            "official_jean_noel_barrot"
        );
    }

    #[test]
    fn construct_folds_literals_and_types() {
        let iri = |s: &str| Term::Iri(format!("https://w3id.org/diplograph/id/{s}"));
        let triples = vec![
            (
                iri("state/IRN"),
                RDF_TYPE.to_string(),
                Term::Iri(format!("{}State", crate::ns::DG)),
            ),
            (
                iri("state/IRN"),
                RDFS_LABEL.to_string(),
                Term::Literal("Iran".into()),
            ),
            (
                iri("state/IRN"),
                format!("{}iso3", crate::ns::DG),
                Term::Literal("IRN".into()),
            ),
            (
                iri("official/x"),
                format!("{}serves", crate::ns::DG),
                iri("state/IRN"),
            ),
        ];
        let dot = construct_dot(&triples, "c");
        assert!(
            dot.contains("label=\"Iran\\n«dg:State»\\ndg:iso3: IRN\""),
            "{dot}"
        );
        assert!(
            dot.contains("\"official_x\" -> \"state_IRN\" [label=\"dg:serves\"]"),
            "{dot}"
        );
        assert!(
            !dot.contains("-> \"IRN\""),
            "literals must not become nodes: {dot}"
        );
    }
}
