//! `diplograph demo`: ingest the bundled seed articles into a fresh store,
//! print the summary and the answers of three saved queries.

use crate::cli::ResultFormat;
use crate::knowledge::Knowledge;
use crate::store::GraphStore;
use anyhow::{Context as _, Result};
use std::io::Write;
use std::path::Path;

/// The seed articles shipped in `seeds/`, embedded at build time.
pub const SEEDS: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/seeds.rs"));

pub fn run(k: &Knowledge, store_dir: Option<&Path>, out: &mut impl Write) -> Result<()> {
    let temp;
    let dir = match store_dir {
        Some(d) => d.to_path_buf(),
        None => {
            temp = tempfile::tempdir().context("creating a temporary folder")?;
            temp.path().join("demo.db")
        }
    };
    // Write the embedded seeds to a folder and ingest them like any input.
    let seeds_dir = tempfile::tempdir().context("creating a temporary folder")?;
    for (name, contents) in SEEDS {
        std::fs::write(seeds_dir.path().join(name), contents)?;
    }
    let store = GraphStore::open(&dir, k)?;
    let summary = super::ingest::run(
        &store,
        k,
        &[seeds_dir.path().to_path_buf()],
        &super::ingest::Options {
            batch: 64,
            ..Default::default()
        },
    )?;
    writeln!(out, "{}", summary.line())?;
    writeln!(out, "store: {}", dir.display())?;
    for (name, title) in [
        ("states", "States mentioned"),
        ("officials", "Officials"),
        ("accusations", "Accusations"),
    ] {
        writeln!(out, "\n== {title} (diplograph query {name}) ==")?;
        super::query::run(
            &store,
            &super::query::prepare(name, &[])?,
            ResultFormat::Table,
            out,
        )?;
    }
    writeln!(out, "\n== Every event (diplograph query events) ==")?;
    super::query::run(
        &store,
        &super::query::prepare("events", &[])?,
        ResultFormat::Table,
        out,
    )?;
    Ok(())
}
