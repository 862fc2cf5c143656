//! `diplograph extract`: the extraction alone, without a store, streamed to
//! stdout as N-Quads, N-Triples or Turtle, batch by batch. For pipelines that
//! shard a corpus across machines and bulk-load the result elsewhere.

use super::ingest::{self, Options, Summary};
use crate::knowledge::Knowledge;
use crate::model::{Article, Extraction};
use crate::nquads;
use crate::rdf;
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
    match format {
        RdfFormat::NQuads => {
            let render = |a: &Article, x: &Extraction| rdf::article_nquads(a, x, k);
            run_lines(k, inputs, opts, out, &render)
        }
        RdfFormat::NTriples => {
            let render = |a: &Article, x: &Extraction| {
                let quads = rdf::article_quads(a, x, k);
                // About two hundred bytes a line.
                let mut lines = Vec::with_capacity(quads.len() * 200);
                for q in &quads {
                    nquads::push_triple(&mut lines, q.as_ref());
                }
                (lines, quads.len())
            };
            run_lines(k, inputs, opts, out, &render)
        }
        _ => run_serializer(k, inputs, format, opts, out),
    }
}

/// N-Quads or N-Triples: each article's lines, written by the thread that
/// extracted it (`render`); the lines of a batch are written out in order.
fn run_lines(
    k: &Knowledge,
    inputs: &[PathBuf],
    opts: &Options,
    mut out: impl Write,
    render: &ingest::Render<'_, Vec<u8>>,
) -> Result<Summary> {
    let mut sink = |articles: Vec<Vec<u8>>| -> Result<()> {
        for lines in articles {
            out.write_all(&lines)?;
        }
        Ok(())
    };
    // Flushed when dropped, as oxttl's serializer leaves it.
    ingest::run_rendered(&mut sink, render, k, inputs, opts)
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
