//! The saved SPARQL queries shipped in `queries/` (embedded at build time) and
//! their grlc-style headers: `#+ summary: …` and `#+ param: name - …`.
//!
//! Parameters are bound as RDF terms by variable substitution, never spliced
//! into the query text: `--param a=IRN` binds `?a` to the literal "IRN",
//! `--param e=<https://…>` to an IRI.

use oxigraph::model::{Literal, NamedNode, Term};

/// Every saved query as (file name, text).
pub const SAVED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/saved_queries.rs"));

/// A saved query with its header fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedQuery {
    pub name: String,
    pub summary: String,
    pub params: Vec<(String, String)>,
    pub text: String,
}

/// Reads the `#+` header of a query.
pub fn parse_header(name: &str, text: &str) -> SavedQuery {
    let mut summary = String::new();
    let mut params = Vec::new();
    for line in text.lines() {
        let Some(rest) = line.trim().strip_prefix("#+") else {
            continue;
        };
        let rest = rest.trim();
        if let Some(s) = rest.strip_prefix("summary:") {
            summary = s.trim().to_string();
        } else if let Some(p) = rest.strip_prefix("param:") {
            let (n, d) = p.split_once(" - ").unwrap_or((p, ""));
            params.push((n.trim().to_string(), d.trim().to_string()));
        }
    }
    SavedQuery {
        name: name.trim_end_matches(".rq").to_string(),
        summary,
        params,
        text: text.to_string(),
    }
}

/// All saved queries, by name.
pub fn saved() -> Vec<SavedQuery> {
    SAVED.iter().map(|(n, t)| parse_header(n, t)).collect()
}

pub fn find(name: &str) -> Option<SavedQuery> {
    saved()
        .into_iter()
        .find(|q| q.name == name.trim_end_matches(".rq"))
}

/// Reads a `--param name=value` argument into a variable name and an RDF term.
pub fn parse_param(arg: &str) -> Result<(String, Term), String> {
    let (name, value) = arg
        .split_once('=')
        .ok_or_else(|| format!("--param '{arg}': expected name=value"))?;
    let name = name.trim().trim_start_matches(['?', '$']);
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return Err(format!("--param '{arg}': '{name}' is not a variable name"));
    }
    let term: Term = if let Some(iri) = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        NamedNode::new(iri)
            .map_err(|e| format!("--param '{arg}': bad IRI: {e}"))?
            .into()
    } else if let Some(v) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Literal::new_simple_literal(v).into()
    } else {
        Literal::new_simple_literal(value).into()
    };
    Ok((name.to_string(), term))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        let q = parse_header(
            "x.rq",
            "#+ summary: Who accused whom\n#+ param: a - ISO3 of the accuser\nSELECT * {}",
        );
        assert_eq!(q.name, "x");
        assert_eq!(q.summary, "Who accused whom");
        assert_eq!(
            q.params,
            vec![("a".to_string(), "ISO3 of the accuser".to_string())]
        );
    }

    #[test]
    fn every_saved_query_has_a_summary_and_parses() {
        assert!(saved().len() >= 8);
        for q in saved() {
            assert!(!q.summary.is_empty(), "{} has no summary", q.name);
            let parsed = oxigraph::sparql::SparqlEvaluator::new().parse_query(&q.text);
            assert!(parsed.is_ok(), "{}: {:?}", q.name, parsed.err());
        }
    }

    #[test]
    fn params_are_terms() {
        assert_eq!(
            parse_param("a=IRN").unwrap().1,
            Term::from(Literal::new_simple_literal("IRN"))
        );
        assert!(matches!(
            parse_param("e=<http://x/y>").unwrap().1,
            Term::NamedNode(_)
        ));
        assert!(parse_param("novalue").is_err());
        assert!(parse_param("a b=1").is_err());
    }
}
