//! Analytics on the state relations graph: per state, events as actor and
//! as target by PLOVER quad class and a PageRank centrality over conflict and
//! over cooperation edges; per dyad, a timeline and a net cooperation-conflict
//! score (the sum of PLOVER category scores). Pure: rows in, values out.

use crate::graph::{EventRow, Filter};
use crate::knowledge::{CategoryInfo, Quad};
use petgraph::graph::DiGraph;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StateStats {
    pub iso3: String,
    pub name: String,
    /// Events as actor, by quad class: VC, MC, VX, MX.
    pub as_actor: [usize; 4],
    /// Events as target, by quad class.
    pub as_target: [usize; 4],
    pub rank_conflict: f64,
    pub rank_cooperation: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineEntry {
    pub date: Option<String>,
    pub category: String,
    pub actor: String,
    pub target: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DyadStats {
    pub a: String,
    pub b: String,
    pub events: usize,
    /// Sum of PLOVER scores: above zero cooperation dominates, below zero conflict.
    pub net_score: f64,
    pub timeline: Vec<TimelineEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    pub states: Vec<StateStats>,
    pub dyads: Vec<DyadStats>,
}

fn quad_index(q: Quad) -> usize {
    Quad::ALL.iter().position(|x| *x == q).unwrap_or(0)
}

/// PageRank over one family of edges (one edge per event), by ISO3.
fn rank(edges: &[(String, String)], states: &[String]) -> HashMap<String, f64> {
    let mut g: DiGraph<(), ()> = DiGraph::new();
    let nodes: HashMap<&String, petgraph::graph::NodeIndex> =
        states.iter().map(|s| (s, g.add_node(()))).collect();
    for (a, t) in edges {
        if let (Some(&x), Some(&y)) = (nodes.get(a), nodes.get(t)) {
            g.add_edge(x, y, ());
        }
    }
    if edges.is_empty() {
        return states.iter().map(|s| (s.clone(), 0.0)).collect();
    }
    let ranks = petgraph::algo::page_rank(&g, 0.85_f64, 50);
    states
        .iter()
        .map(|s| (s.clone(), ranks[nodes[s].index()]))
        .collect()
}

pub fn analyze(
    events: &[EventRow],
    filter: &Filter,
    cats: &HashMap<&str, CategoryInfo>,
    names: &dyn Fn(&str) -> String,
) -> Analysis {
    let mut stats: BTreeMap<String, ([usize; 4], [usize; 4])> = BTreeMap::new();
    let mut conflict = Vec::new();
    let mut cooperation = Vec::new();
    let mut dyads: BTreeMap<(String, String), DyadStats> = BTreeMap::new();
    for e in events.iter().filter(|e| filter.keeps(e)) {
        let Some(info) = cats.get(e.category.as_str()) else {
            continue;
        };
        let q = quad_index(info.quad);
        for a in &e.actor_states {
            stats.entry(a.clone()).or_default().0[q] += e.count;
        }
        for t in &e.target_states {
            stats.entry(t.clone()).or_default().1[q] += e.count;
        }
        for a in &e.actor_states {
            for t in e.target_states.iter().filter(|t| *t != a) {
                for _ in 0..e.count {
                    if info.quad.is_conflict() {
                        conflict.push((a.clone(), t.clone()));
                    } else {
                        cooperation.push((a.clone(), t.clone()));
                    }
                }
                let key = if a < t {
                    (a.clone(), t.clone())
                } else {
                    (t.clone(), a.clone())
                };
                let d = dyads.entry(key.clone()).or_insert(DyadStats {
                    a: key.0,
                    b: key.1,
                    events: 0,
                    net_score: 0.0,
                    timeline: Vec::new(),
                });
                d.events += e.count;
                d.net_score += info.score * e.count as f64;
                d.timeline.push(TimelineEntry {
                    date: e.date.clone(),
                    category: e.category.clone(),
                    actor: a.clone(),
                    target: t.clone(),
                });
            }
        }
    }
    let states: Vec<String> = stats.keys().cloned().collect();
    let rc = rank(&conflict, &states);
    let rp = rank(&cooperation, &states);
    let mut out_states: Vec<StateStats> = stats
        .into_iter()
        .map(|(iso3, (a, t))| StateStats {
            name: names(&iso3),
            rank_conflict: rc.get(&iso3).copied().unwrap_or(0.0),
            rank_cooperation: rp.get(&iso3).copied().unwrap_or(0.0),
            iso3,
            as_actor: a,
            as_target: t,
        })
        .collect();
    out_states.sort_by(|x, y| {
        let total =
            |s: &StateStats| s.as_actor.iter().sum::<usize>() + s.as_target.iter().sum::<usize>();
        total(y).cmp(&total(x)).then_with(|| x.iso3.cmp(&y.iso3))
    });
    let mut out_dyads: Vec<DyadStats> = dyads.into_values().collect();
    for d in &mut out_dyads {
        d.timeline
            .sort_by(|x, y| (&x.date, &x.category).cmp(&(&y.date, &y.category)));
    }
    out_dyads.sort_by(|x, y| {
        y.events
            .cmp(&x.events)
            .then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
    });
    Analysis {
        states: out_states,
        dyads: out_dyads,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::NodeRef;
    use crate::knowledge::category_table;

    fn ev(cat: &str, date: &str, a: &str, t: &str) -> EventRow {
        EventRow {
            iri: format!("e-{cat}-{date}-{a}-{t}"),
            category: cat.into(),
            date: Some(date.into()),
            article: "x".into(),
            actor_states: vec![a.into()],
            target_states: vec![t.into()],
            actors: Vec::<NodeRef>::new(),
            targets: Vec::new(),
            count: 1,
        }
    }

    #[test]
    fn counts_scores_and_ranks() {
        let cats = category_table().unwrap();
        let events = vec![
            ev("ASSAULT", "2023-01", "AZE", "ARM"),
            ev("ACCUSE", "2023-01-02", "ARM", "AZE"),
            ev("CONSULT", "2023-02-01", "RUS", "ARM"),
            ev("ASSAULT", "2023-03", "AZE", "ARM"),
        ];
        let a = analyze(&events, &Filter::default(), &cats, &|s: &str| s.to_string());
        let arm = a.states.iter().find(|s| s.iso3 == "ARM").unwrap();
        assert_eq!(arm.as_target, [1, 0, 0, 2]);
        assert_eq!(arm.as_actor, [0, 0, 1, 0]);
        let dyad = a
            .dyads
            .iter()
            .find(|d| d.a == "ARM" && d.b == "AZE")
            .unwrap();
        assert_eq!(dyad.events, 3);
        assert_eq!(dyad.net_score, -21.0);
        assert_eq!(dyad.timeline[0].date.as_deref(), Some("2023-01"));
    }

    #[test]
    fn the_most_targeted_state_ranks_highest_in_conflict() {
        let cats = category_table().unwrap();
        let events = vec![
            ev("ASSAULT", "2023-01", "AZE", "ARM"),
            ev("THREATEN", "2023-01", "TUR", "ARM"),
            ev("SANCTION", "2023-01", "IRN", "ARM"),
            ev("CONSULT", "2023-01", "ARM", "RUS"),
        ];
        let a = analyze(&events, &Filter::default(), &cats, &|s: &str| s.to_string());
        let top = a
            .states
            .iter()
            .max_by(|x, y| x.rank_conflict.total_cmp(&y.rank_conflict))
            .unwrap();
        assert_eq!(top.iso3, "ARM");
        let top = a
            .states
            .iter()
            .max_by(|x, y| x.rank_cooperation.total_cmp(&y.rank_cooperation))
            .unwrap();
        assert_eq!(top.iso3, "RUS");
    }
}
