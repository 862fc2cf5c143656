//! `diplograph export`: the whole graph as RDF, streamed to a file or stdout.

use crate::cli::ExportFormat;
use crate::store::GraphStore;
use anyhow::{Context as _, Result};
use oxigraph::io::RdfFormat;
use std::io::{BufWriter, Write};
use std::path::Path;

pub fn rdf_format(f: ExportFormat) -> RdfFormat {
    match f {
        ExportFormat::Nq => RdfFormat::NQuads,
        ExportFormat::Trig => RdfFormat::TriG,
        ExportFormat::Ttl => RdfFormat::Turtle,
        ExportFormat::Nt => RdfFormat::NTriples,
    }
}

pub fn run(store: &GraphStore, format: ExportFormat, output: Option<&Path>) -> Result<()> {
    let format = rdf_format(format);
    match output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("creating {}", path.display()))?;
            let mut w = BufWriter::new(file);
            store.export(format, None, &mut w)?;
            w.flush()
                .with_context(|| format!("writing {}", path.display()))?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = BufWriter::new(stdout.lock());
            store.export(format, None, &mut w)?;
            w.flush()?;
        }
    }
    Ok(())
}
