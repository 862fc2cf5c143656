//! `diplograph export`: the whole graph as RDF, streamed to a file or stdout.

use crate::cli::ExportFormat;
use crate::store::GraphStore;
use anyhow::{Context as _, Result};
use oxigraph::io::RdfFormat;
use oxigraph::model::NamedNode;
use std::io::{BufWriter, Write};
use std::path::Path;

pub fn rdf_format(f: ExportFormat) -> RdfFormat {
    match f {
        ExportFormat::Nq => RdfFormat::NQuads,
        ExportFormat::Trig => RdfFormat::TriG,
        ExportFormat::Ttl => RdfFormat::Turtle,
        ExportFormat::Nt => RdfFormat::NTriples,
        ExportFormat::Rdfxml => RdfFormat::RdfXml,
        ExportFormat::Jsonld => RdfFormat::JsonLd {
            profile: oxigraph::io::JsonLdProfileSet::empty(),
        },
    }
}

/// Reads `--graph`: `all` (None), `ontology`, `reference`, `entities` or
/// `article:ID`.
pub fn parse_graph(arg: &str) -> Result<Option<NamedNode>> {
    Ok(match arg {
        "all" => None,
        "ontology" => Some(NamedNode::new_unchecked(crate::ns::ontology_graph())),
        "reference" => Some(NamedNode::new_unchecked(crate::ns::reference_graph())),
        "entities" => Some(NamedNode::new_unchecked(crate::ns::entities_graph())),
        other => {
            match other.strip_prefix("article:") {
                Some(id) if !id.is_empty() => Some(crate::rdf::article_graph(id)),
                _ => {
                    anyhow::bail!("--graph '{other}': expected all, ontology, reference, entities or article:ID")
                }
            }
        }
    })
}

pub fn run(
    store: GraphStore,
    format: ExportFormat,
    graph: Option<&NamedNode>,
    output: Option<&Path>,
) -> Result<()> {
    let format = rdf_format(format);
    match output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("creating {}", path.display()))?;
            let mut w = BufWriter::new(file);
            store.export(format, graph.map(|g| g.as_ref()), &mut w)?;
            w.flush()
                .with_context(|| format!("writing {}", path.display()))?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = BufWriter::new(stdout.lock());
            store.export(format, graph.map(|g| g.as_ref()), &mut w)?;
            w.flush()?;
        }
    }
    Ok(())
}
