//! `diplograph stats`: counts per class and per event category.

use crate::store::GraphStore;
use anyhow::Result;
use oxigraph::sparql::QueryResults;
use std::io::Write;

const CLASSES: &str = "PREFIX dg: <https://w3id.org/diplograph/ns#>
SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {
  VALUES ?class { dg:Article dg:State dg:Official dg:Organization dg:Event dg:Mention }
  ?x a ?class .
    FILTER((?class != dg:State && ?class != dg:Official) || EXISTS { ?a dg:mentions ?x })
} GROUP BY ?class ORDER BY ?class";

const CATEGORIES: &str = "PREFIX dg: <https://w3id.org/diplograph/ns#>
SELECT ?category (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a dg:Event ; dg:category ?category }
GROUP BY ?category ORDER BY DESC(?n) ?category";

fn pairs(store: &GraphStore, q: &str) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    if let QueryResults::Solutions(s) = store.query(q, &[])? {
        for row in s {
            let row = row?;
            let key = row
                .values()
                .first()
                .cloned()
                .flatten()
                .map(|t| super::display_term(&t))
                .unwrap_or_default();
            let n = row
                .values()
                .get(1)
                .cloned()
                .flatten()
                .map(|t| super::display_term(&t))
                .unwrap_or_default();
            out.push((key, n));
        }
    }
    Ok(out)
}

pub fn run(store: &GraphStore, out: &mut impl Write) -> Result<()> {
    writeln!(
        out,
        "classes (states and officials: those mentioned in articles)"
    )?;
    for (c, n) in pairs(store, CLASSES)? {
        writeln!(out, "  {:<18} {n:>8}", c.trim_start_matches("dg:"))?;
    }
    writeln!(out, "events by category")?;
    for (c, n) in pairs(store, CATEGORIES)? {
        writeln!(out, "  {c:<18} {n:>8}")?;
    }
    writeln!(out, "quads in store       {:>8}", store.len()?)?;
    Ok(())
}
