//! `diplograph extract`: the extraction alone, without a store, streamed to
//! stdout as N-Quads, N-Triples or Turtle, batch by batch. For pipelines that
//! shard a corpus across machines and bulk-load the result elsewhere.

use super::ingest::{self, Options, Summary};
use crate::knowledge::Knowledge;
use anyhow::Result;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{NamedNode, Quad};
use std::io::Write;
use std::path::PathBuf;

pub fn run(
    k: &Knowledge,
    inputs: &[PathBuf],
    format: RdfFormat,
    opts: &Options,
    out: impl Write,
) -> Result<Summary> {
    let mut serializer = RdfSerializer::from_format(format);
    if format == RdfFormat::Turtle {
        for (p, iri) in crate::ns::PREFIXES {
            serializer = serializer.with_prefix(*p, *iri)?;
        }
    }
    let mut writer = serializer.for_writer(out);
    let mut sink = |graphs: Vec<(NamedNode, Vec<Quad>)>| -> Result<()> {
        for (_, quads) in graphs {
            for q in quads {
                if format.supports_datasets() {
                    writer.serialize_quad(&q)?;
                } else {
                    writer.serialize_triple(q.as_ref())?;
                }
            }
        }
        Ok(())
    };
    let summary = ingest::run_into(&mut sink, k, inputs, opts)?;
    writer.finish()?;
    Ok(summary)
}
