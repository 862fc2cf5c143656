//! `diplograph query` and `diplograph queries`: run a saved query or a SPARQL
//! file and print the results as a table, CSV, TSV, JSON or XML.

use super::display_term;
use crate::cli::ResultFormat;
use crate::queries;
use crate::store::GraphStore;
use anyhow::{anyhow, bail, Context as _, Result};
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;
use std::io::Write;
use std::path::Path;

/// Resolves a query argument to (label for messages, SPARQL text).
pub fn load_query(arg: &str) -> Result<(String, String)> {
    let path = Path::new(arg);
    if path.is_file() {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {arg}"))?;
        return Ok((arg.to_string(), text));
    }
    if let Some(q) = queries::find(arg) {
        return Ok((format!("saved query '{}'", q.name), q.text));
    }
    if arg.ends_with(".rq") {
        bail!("{arg}: no such file");
    }
    let names: Vec<String> = queries::saved().into_iter().map(|q| q.name).collect();
    bail!(
        "unknown saved query '{arg}' (saved queries: {}; or give a .rq file)",
        names.join(", ")
    )
}

/// A query read, checked and with its parameters bound: ready to run.
pub struct Prepared {
    /// How messages name it: the file, or "saved query 'NAME'".
    label: String,
    text: String,
    params: Vec<(String, Term)>,
}

/// Reads and checks a query and its parameters before any store is opened,
/// so a typo or a syntax error is reported as such (naming the file), not
/// as a missing store.
pub fn prepare(arg: &str, params: &[String]) -> Result<Prepared> {
    let (label, text) = load_query(arg)?;
    let _parsed = oxigraph::sparql::SparqlEvaluator::new()
        .parse_query(&text)
        .with_context(|| format!("{label}: cannot run the query"))?;
    let params = params
        .iter()
        .map(|p| queries::parse_param(p).map_err(|e| anyhow!(e)))
        .collect::<Result<_>>()?;
    Ok(Prepared {
        label,
        text,
        params,
    })
}

/// Runs a prepared query and writes its results to `out`.
pub fn run(
    store: &GraphStore,
    query: &Prepared,
    format: ResultFormat,
    out: &mut impl Write,
) -> Result<()> {
    let results = store
        .query(&query.text, &query.params)
        .with_context(|| format!("{}: cannot run the query", query.label))?;
    write_results(results, format, out)
}

/// Runs a prepared query like [`run`], then writes its evaluation plan with
/// the rows and time of each step as JSON to `path`.
pub fn explain(
    store: &GraphStore,
    query: &Prepared,
    format: ResultFormat,
    out: &mut impl Write,
    path: &std::path::Path,
) -> Result<()> {
    let (results, explanation) = store.explain(&query.text, &query.params)?;
    let results = results.with_context(|| format!("{}: cannot run the query", query.label))?;
    // The statistics are complete once every row has been read.
    write_results(results, format, out)?;
    let mut file = std::io::BufWriter::new(
        std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
    );
    explanation
        .write_in_json(&mut file)
        .and_then(|()| file.flush())
        .with_context(|| format!("writing {}", path.display()))
}

pub fn write_results(
    results: QueryResults<'_>,
    format: ResultFormat,
    out: &mut impl Write,
) -> Result<()> {
    let rf = match format {
        ResultFormat::Csv => QueryResultsFormat::Csv,
        ResultFormat::Tsv => QueryResultsFormat::Tsv,
        ResultFormat::Json => QueryResultsFormat::Json,
        ResultFormat::Xml => QueryResultsFormat::Xml,
        ResultFormat::Table => return write_table(results, out),
    };
    match results {
        QueryResults::Solutions(solutions) => {
            let mut ser = QueryResultsSerializer::from_format(rf)
                .serialize_solutions_to_writer(out, solutions.variables().to_vec())?;
            for s in solutions {
                ser.serialize(&s?)?;
            }
            ser.finish()?;
        }
        QueryResults::Boolean(b) => {
            QueryResultsSerializer::from_format(rf).serialize_boolean_to_writer(out, b)?;
        }
        QueryResults::Graph(triples) => {
            let mut w = oxigraph::io::RdfSerializer::from_format(oxigraph::io::RdfFormat::NTriples)
                .for_writer(out);
            for t in triples {
                w.serialize_triple(&t?)?;
            }
            w.finish()?;
        }
    }
    Ok(())
}

fn write_table(results: QueryResults<'_>, out: &mut impl Write) -> Result<()> {
    match results {
        QueryResults::Solutions(solutions) => {
            let vars: Vec<String> = solutions
                .variables()
                .iter()
                .map(|v| v.as_str().to_string())
                .collect();
            let mut rows: Vec<Vec<String>> = Vec::new();
            for s in solutions {
                let s = s?;
                rows.push(
                    vars.iter()
                        .map(|v| s.get(v.as_str()).map(display_term).unwrap_or_default())
                        .collect(),
                );
            }
            let clip = |s: &str| -> String {
                let s = s.replace(['\n', '\t'], " ");
                if s.chars().count() > 90 {
                    format!("{}…", s.chars().take(89).collect::<String>())
                } else {
                    s
                }
            };
            let rows: Vec<Vec<String>> = rows
                .iter()
                .map(|r| r.iter().map(|c| clip(c)).collect())
                .collect();
            let widths: Vec<usize> = (0..vars.len())
                .map(|i| {
                    rows.iter()
                        .map(|r| r[i].chars().count())
                        .chain(std::iter::once(vars[i].len()))
                        .max()
                        .unwrap_or(0)
                })
                .collect();
            let line = |cells: &[String]| -> String {
                cells
                    .iter()
                    .zip(&widths)
                    .map(|(c, w)| format!("{c:<w$}", w = *w))
                    .collect::<Vec<_>>()
                    .join("  ")
                    .trim_end()
                    .to_string()
            };
            writeln!(out, "{}", line(&vars))?;
            writeln!(
                out,
                "{}",
                widths
                    .iter()
                    .map(|w| "-".repeat(*w))
                    .collect::<Vec<_>>()
                    .join("  ")
            )?;
            for r in &rows {
                writeln!(out, "{}", line(r))?;
            }
            writeln!(out, "({} rows)", rows.len())?;
        }
        QueryResults::Boolean(b) => writeln!(out, "{b}")?,
        other => write_results(other, ResultFormat::Tsv, out)?,
    }
    Ok(())
}

/// `diplograph queries`.
pub fn list(out: &mut impl Write) -> Result<()> {
    let saved = queries::saved();
    let width = saved.iter().map(|q| q.name.len()).max().unwrap_or(0);
    for q in saved {
        writeln!(out, "{:<width$}  {}", q.name, q.summary)?;
        for (p, d) in &q.params {
            writeln!(out, "{:<width$}    --param {p}=…  {d}", "")?;
        }
    }
    Ok(())
}
