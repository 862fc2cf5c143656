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

/// N-Quads or N-Triples: each article's quads appended by `push` to a
/// buffer of its own, by the thread that extracted it; the buffers of a
/// batch are written out in order.
fn run_lines(
    k: &Knowledge,
    inputs: &[PathBuf],
    opts: &Options,
    mut out: impl Write,
    push: fn(&mut Vec<u8>, QuadRef<'_>),
) -> Result<Summary> {
    let render = |_: NamedNode, quads: Vec<Quad>| -> Vec<u8> {
        // About two hundred bytes a line.
        let mut lines = Vec::with_capacity(quads.len() * 200);
        for q in &quads {
            push(&mut lines, q.as_ref());
        }
        lines
    };
    let mut sink = |articles: Vec<Vec<u8>>| -> Result<()> {
        for lines in articles {
            out.write_all(&lines)?;
        }
        Ok(())
    };
    // Flushed when dropped, as oxttl's serializer leaves it.
    ingest::run_rendered(&mut sink, &render, k, inputs, opts)
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
