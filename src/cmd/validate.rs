//! `diplograph validate`: check the store's graph against the SHACL shapes
//! of `ontology/shapes.ttl` with pySHACL, when it is installed.

use crate::store::GraphStore;
use anyhow::{bail, Context as _, Result};
use oxigraph::io::RdfFormat;
use std::io::Write;
use std::process::Command;

/// The shapes, as shipped.
pub const SHAPES_TTL: &str = include_str!("../../ontology/shapes.ttl");

/// Validates the whole graph; returns whether it conforms.
pub fn run(store: GraphStore, out: &mut impl Write) -> Result<bool> {
    let dir = tempfile::tempdir().context("creating a temporary folder")?;
    let data = dir.path().join("graph.ttl");
    let shapes = dir.path().join("shapes.ttl");
    std::fs::write(&shapes, SHAPES_TTL)?;
    let file =
        std::fs::File::create(&data).with_context(|| format!("creating {}", data.display()))?;
    let mut w = std::io::BufWriter::new(file);
    store.export(RdfFormat::Turtle, None, &mut w)?;
    w.flush()?;
    drop(w);
    let output = match Command::new("pyshacl")
        .arg("-s")
        .arg(&shapes)
        .args(["-sf", "turtle", "-df", "turtle"])
        .arg(&data)
        .output()
    {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            bail!("pySHACL is not installed; install it with: python3 -m pip install pyshacl")
        }
        Err(e) => return Err(e).context("running pyshacl"),
    };
    out.write_all(&output.stdout)?;
    let report = String::from_utf8_lossy(&output.stdout);
    if report.contains("Conforms: True") {
        return Ok(true);
    }
    if report.contains("Conforms: False") {
        return Ok(false);
    }
    bail!(
        "pyshacl failed: {}",
        String::from_utf8_lossy(&output.stderr).trim()
    )
}
