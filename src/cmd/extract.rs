//! `diplograph extract`: the extraction alone, without a store, streamed to
//! stdout as N-Quads, N-Triples or Turtle, batch by batch. For pipelines that
//! shard a corpus across machines and bulk-load the result elsewhere.

use super::ingest::{self, Options, Summary};
use crate::knowledge::Knowledge;
use crate::nquads;
use anyhow::Result;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{NamedNode, Quad, QuadRef};
use std::io::Write;
use std::path::PathBuf;

pub fn run(
    k: &Knowledge,
    inputs: &[PathBuf],
    format: RdfFormat,
    opts: &Options,
    out: impl Write,
) -> Result<Summary> {
    match format {
        RdfFormat::NQuads => run_lines(k, inputs, opts, out, nquads::push_quad),
        RdfFormat::NTriples => run_lines(k, inputs, opts, out, nquads::push_triple),
        _ => run_serializer(k, inputs, format, opts, out),
    }
}

/// N-Quads or N-Triples: each quad appended by `push` to a buffer that is
/// written out whenever it fills.
fn run_lines(
    k: &Knowledge,
    inputs: &[PathBuf],
    opts: &Options,
    mut out: impl Write,
    push: fn(&mut Vec<u8>, QuadRef<'_>),
) -> Result<Summary> {
    const FULL: usize = 1 << 16;
    let mut buf: Vec<u8> = Vec::with_capacity(2 * FULL);
    let mut sink = |graphs: Vec<(NamedNode, Vec<Quad>)>| -> Result<()> {
        for (_, quads) in graphs {
            for q in &quads {
                push(&mut buf, q.as_ref());
                if buf.len() >= FULL {
                    out.write_all(&buf)?;
                    buf.clear();
                }
            }
        }
        Ok(())
    };
    let summary = ingest::run_into(&mut sink, k, inputs, opts)?;
    // Flushed when dropped, as oxttl's serializer leaves it.
    out.write_all(&buf)?;
    Ok(summary)
}

/// Other formats (Turtle): oxttl's serializer.
fn run_serializer(
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
