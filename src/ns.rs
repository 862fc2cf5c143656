//! Vocabulary IRIs: the diplograph ontology, the id and graph namespaces, and
//! the standard vocabularies the ontology aligns with. One place for every IRI
//! the code writes.

pub const DG: &str = "https://w3id.org/diplograph/ns#";
pub const ID: &str = "https://w3id.org/diplograph/id/";
pub const GRAPH: &str = "https://w3id.org/diplograph/graph/";
pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
pub const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
pub const SKOS_ALT_LABEL: &str = "http://www.w3.org/2004/02/skos/core#altLabel";
pub const OWL_SAME_AS: &str = "http://www.w3.org/2002/07/owl#sameAs";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const WIKIDATA: &str = "http://www.wikidata.org/entity/";
pub const DCT_TITLE: &str = "http://purl.org/dc/terms/title";
pub const DCT_PUBLISHER: &str = "http://purl.org/dc/terms/publisher";
pub const DCT_ISSUED: &str = "http://purl.org/dc/terms/issued";
pub const SCHEMA_URL: &str = "https://schema.org/url";

/// The named graph holding the ontology.
pub fn ontology_graph() -> String {
    format!("{GRAPH}ontology")
}

/// The named graph holding the reference data (states, office-holders).
pub fn reference_graph() -> String {
    format!("{GRAPH}reference")
}

/// The named graph holding the descriptions of nodes that articles share
/// (officials, bodies, incidents reported by several articles): written once,
/// whatever the number of articles that mention them.
pub fn entities_graph() -> String {
    format!("{GRAPH}entities")
}

/// A `dg:` term.
pub fn dg(local: &str) -> String {
    [DG, local].concat()
}

/// A `dg:` term as a `NamedNodeRef`, its IRI joined at compile time: the
/// literal prefix is [`DG`] (a test checks it).
macro_rules! dg_ref {
    ($local:literal) => {
        oxigraph::model::NamedNodeRef::new_unchecked(concat!(
            "https://w3id.org/diplograph/ns#",
            $local
        ))
    };
}
pub(crate) use dg_ref;

/// Prefixes used when printing and serializing.
pub const PREFIXES: &[(&str, &str)] = &[
    ("dg", DG),
    ("state", "https://w3id.org/diplograph/id/state/"),
    ("official", "https://w3id.org/diplograph/id/official/"),
    ("event", "https://w3id.org/diplograph/id/event/"),
    ("mention", "https://w3id.org/diplograph/id/mention/"),
    ("article", "https://w3id.org/diplograph/id/article/"),
    ("id", ID),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("xsd", XSD),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("dct", "http://purl.org/dc/terms/"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("schema", "https://schema.org/"),
    ("wd", WIKIDATA),
];

#[cfg(test)]
mod tests {
    #[test]
    fn dg_ref_is_in_the_dg_namespace() {
        assert_eq!(super::dg_ref!("mention").as_str(), super::dg("mention"));
    }
}
