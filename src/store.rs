//! The embedded Oxigraph store: opening it (with the ontology and reference
//! graphs loaded on first use), replacing article graphs in transactions,
//! running SPARQL with the union of all graphs as the default graph, and
//! streaming exports. The only module that holds a `Store`.

use crate::ns;
use anyhow::{Context as _, Result};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{
    GraphNameRef, Literal, NamedNode, NamedNodeRef, Quad, QuadRef, Term, Variable,
};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;

/// The ontology, as shipped.
pub const ONTOLOGY_TTL: &str = include_str!("../ontology/diplograph.ttl");

pub struct GraphStore {
    store: Store,
}

/// A fingerprint of the built-in ontology and reference data, so a store
/// built by an older binary gets them refreshed.
fn data_version() -> String {
    let mut h = Sha256::new();
    for part in [
        ONTOLOGY_TTL,
        crate::knowledge::STATES_TSV,
        crate::knowledge::HOLDERS_TTL,
    ] {
        h.update(part.as_bytes());
    }
    h.finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl GraphStore {
    /// Opens (creating if needed) the on-disk store at `path`.
    pub fn open(path: &Path, k: &crate::knowledge::Knowledge) -> Result<GraphStore> {
        std::fs::create_dir_all(path)
            .with_context(|| format!("creating store folder {}", path.display()))?;
        let store = Store::open(path)
            .with_context(|| format!("opening the store at {}", path.display()))?;
        let gs = GraphStore { store };
        gs.ensure_reference(k)?;
        Ok(gs)
    }

    /// An in-memory store (tests).
    pub fn in_memory(k: &crate::knowledge::Knowledge) -> Result<GraphStore> {
        let gs = GraphStore {
            store: Store::new()?,
        };
        gs.ensure_reference(k)?;
        Ok(gs)
    }

    fn ensure_reference(&self, k: &crate::knowledge::Knowledge) -> Result<()> {
        let ontology = NamedNode::new_unchecked(ns::ontology_graph());
        let version_prop = NamedNode::new_unchecked(ns::dg("dataVersion"));
        let version = Literal::new_simple_literal(data_version());
        let marker = QuadRef::new(&ontology, &version_prop, &version, &ontology);
        if self.store.contains(marker)? {
            return Ok(());
        }
        let reference = NamedNode::new_unchecked(ns::reference_graph());
        let mut tx = self.store.start_transaction()?;
        tx.clear_graph(&ontology)?;
        tx.clear_graph(&reference)?;
        tx.load_from_slice(
            RdfParser::from_format(RdfFormat::Turtle).with_default_graph(ontology.clone()),
            ONTOLOGY_TTL.as_bytes(),
        )
        .context("loading ontology/diplograph.ttl")?;
        tx.insert(marker);
        for q in crate::rdf::reference_quads(k) {
            tx.insert(&q);
        }
        tx.load_from_slice(
            RdfParser::from_format(RdfFormat::Turtle).with_default_graph(reference.clone()),
            crate::knowledge::HOLDERS_TTL.as_bytes(),
        )
        .context("loading ontology/officeholders.ttl")?;
        tx.commit()?;
        Ok(())
    }

    /// Replaces the graphs of a batch of articles.
    /// `batch`: (article graph, quads of that graph).
    ///
    /// Graphs that already exist are cleared in one transaction; the new
    /// quads then go in through the bulk loader, which is an order of
    /// magnitude faster than transactional inserts. A crash between the two
    /// steps leaves the re-ingested articles absent, never duplicated.
    pub fn replace_graphs(&self, batch: &[(NamedNode, Vec<Quad>)]) -> Result<()> {
        let mut existing = Vec::new();
        for (graph, _) in batch {
            if self.store.contains_named_graph(graph)? {
                existing.push(graph);
            }
        }
        if !existing.is_empty() {
            let mut tx = self.store.start_transaction()?;
            for graph in existing {
                tx.clear_graph(graph)?;
            }
            tx.commit().context("clearing re-ingested articles")?;
        }
        let mut loader = self
            .store
            .bulk_loader()
            .with_max_memory_size_in_megabytes(512);
        loader.load_quads(batch.iter().flat_map(|(_, quads)| quads.iter().cloned()))?;
        loader.commit().context("writing to the store")?;
        Ok(())
    }

    /// Runs a SPARQL query with the union of all graphs as the default graph.
    pub fn query(&self, text: &str, params: &[(String, Term)]) -> Result<QueryResults<'static>> {
        let mut prepared = SparqlEvaluator::new().parse_query(text)?;
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        for (name, term) in params {
            prepared = prepared.substitute_variable(Variable::new(name)?, term.clone());
        }
        Ok(prepared.on_store(&self.store).execute()?)
    }

    /// Subject and object of every quad with `predicate`, in any graph (the
    /// same pair may come once per graph). A direct index scan: much faster
    /// than a SPARQL join over the union graph when reading whole tables.
    pub fn by_predicate(
        &self,
        predicate: &str,
    ) -> impl Iterator<Item = Result<(String, Term)>> + '_ {
        let p = NamedNode::new_unchecked(predicate);
        self.store
            .quads_for_pattern(None, Some(p.as_ref()), None, None)
            .map(|q| {
                let q = q?;
                let subject = match q.subject {
                    oxigraph::model::NamedOrBlankNode::NamedNode(n) => n.into_string(),
                    oxigraph::model::NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
                };
                Ok((subject, q.object))
            })
    }

    /// Every named graph in the store.
    pub fn graph_names(&self) -> Result<Vec<NamedNode>> {
        let mut out = Vec::new();
        for g in self.store.named_graphs() {
            if let oxigraph::model::NamedOrBlankNode::NamedNode(n) = g? {
                out.push(n);
            }
        }
        Ok(out)
    }

    /// The triples of one named graph.
    pub fn graph_triples(&self, graph: &NamedNode) -> Result<Vec<oxigraph::model::Triple>> {
        let mut out = Vec::new();
        for q in self.store.quads_for_pattern(
            None,
            None,
            None,
            Some(GraphNameRef::NamedNode(graph.as_ref())),
        ) {
            out.push(oxigraph::model::Triple::from(q?));
        }
        Ok(out)
    }

    /// Number of quads.
    pub fn len(&self) -> Result<usize> {
        Ok(self.store.len()?)
    }

    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.store.is_empty()?)
    }

    /// Streams the whole store (or one graph) to `out`. Triple formats get the
    /// union of the graphs.
    pub fn export(
        &self,
        format: RdfFormat,
        graph: Option<NamedNodeRef<'_>>,
        out: impl Write,
    ) -> Result<()> {
        let mut serializer = RdfSerializer::from_format(format);
        if matches!(
            format,
            RdfFormat::Turtle | RdfFormat::TriG | RdfFormat::JsonLd { .. } | RdfFormat::RdfXml
        ) {
            for (p, iri) in ns::PREFIXES {
                serializer = serializer.with_prefix(*p, *iri)?;
            }
        }
        let mut writer = serializer.for_writer(out);
        let graph_name = graph.map(GraphNameRef::NamedNode);
        for quad in self.store.quads_for_pattern(None, None, None, graph_name) {
            let quad = quad?;
            if format.supports_datasets() {
                writer.serialize_quad(&quad)?;
            } else {
                writer.serialize_triple(quad.as_ref())?;
            }
        }
        writer.finish()?;
        Ok(())
    }

    pub fn flush(&self) -> Result<()> {
        Ok(self.store.flush()?)
    }
}
