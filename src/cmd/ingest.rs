//! `diplograph ingest`: read records from files, folders or stdin, extract in
//! parallel (rayon), and replace each article's graph in the store, batch by
//! batch so memory stays flat however large the input.

use crate::extract::extract;
use crate::input::{self, RecordError};
use crate::knowledge::Knowledge;
use crate::model::Article;
use crate::rdf;
use crate::store::GraphStore;
use anyhow::Result;
use oxigraph::model::{NamedNode, Quad};
use rayon::prelude::*;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What an ingest run did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Summary {
    pub articles: usize,
    pub skipped: usize,
    pub state_mentions: usize,
    pub officials: usize,
    pub events: usize,
    pub triples: usize,
    pub bytes: u64,
    pub seconds: f64,
}

impl Summary {
    pub fn line(&self) -> String {
        let mb = self.bytes as f64 / 1_000_000.0;
        let secs = self.seconds.max(1e-9);
        format!(
            "ingested {} articles ({} skipped): {} state mentions, {} officials, {} events, {} triples in {:.2} s ({:.2} MB/s, {:.0} articles/s)",
            self.articles, self.skipped, self.state_mentions, self.officials, self.events, self.triples, self.seconds, mb / secs, self.articles as f64 / secs
        )
    }
}

/// Ingest options.
pub struct Options {
    pub batch: usize,
    pub progress: bool,
}

/// Reports a skipped input on stderr.
fn report(location: &str, message: &str) {
    eprintln!("diplograph: skipped {location}: {message}");
}

/// The files an input path stands for: itself, or the supported files under a folder.
fn expand(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for e in entries {
            if e.is_dir() {
                expand(&e, out)?;
            } else if matches!(
                e.extension().and_then(|x| x.to_str()),
                Some("txt" | "json" | "jsonl")
            ) {
                out.push(e);
            }
        }
        Ok(())
    } else {
        std::fs::metadata(path)?;
        out.push(path.to_path_buf());
        Ok(())
    }
}

/// Where batches of article graphs go: the store, or a stream of N-Quads.
pub type Sink<'a> = dyn FnMut(&[(NamedNode, Vec<Quad>)]) -> Result<()> + 'a;

/// Accumulates articles into batches and writes them.
struct Batcher<'a, 's> {
    sink: &'s mut Sink<'a>,
    k: &'a Knowledge,
    pending: Vec<Article>,
    size: usize,
    summary: Summary,
}

impl Batcher<'_, '_> {
    fn push(&mut self, a: Article) -> Result<()> {
        self.pending.push(a);
        if self.pending.len() >= self.size {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let mut batch = std::mem::take(&mut self.pending);
        // The same id twice in a batch: the later record wins.
        let mut seen = std::collections::HashSet::new();
        batch.reverse();
        batch.retain(|a| seen.insert(a.id.clone()));
        batch.reverse();
        let k = self.k;
        let results: Vec<(NamedNode, Vec<Quad>, usize, usize, usize)> = batch
            .par_iter()
            .filter_map(|a| {
                // Extraction never panics by design; if a bug makes it panic,
                // that one article is reported and the batch goes on.
                let extracted = std::panic::catch_unwind(|| extract(a, k));
                let Ok(x) = extracted else {
                    eprintln!("diplograph: skipped article {}: internal error in extraction (please report it)", a.id);
                    return None;
                };
                let quads = rdf::article_quads(a, &x, k);
                                Some((
                    rdf::article_graph(&a.id),
                    quads,
                    x.states.len(),
                    x.officials.len(),
                    x.events.len(),
                ))
            })
            .collect();
        self.summary.skipped += batch.len() - results.len();
        for (_, q, s, o, e) in &results {
            self.summary.triples += q.len();
            self.summary.state_mentions += s;
            self.summary.officials += o;
            self.summary.events += e;
        }
        self.summary.articles += results.len();
        let graphs: Vec<(NamedNode, Vec<Quad>)> =
            results.into_iter().map(|(g, q, ..)| (g, q)).collect();
        (self.sink)(&graphs)
    }
}

/// Ingests every input into the store. Errors in single records are
/// reported and counted, never fatal; only a store failure stops the run.
pub fn run(
    store: &GraphStore,
    k: &Knowledge,
    inputs: &[PathBuf],
    opts: &Options,
) -> Result<Summary> {
    let mut sink = |graphs: &[(NamedNode, Vec<Quad>)]| store.replace_graphs(graphs);
    let summary = run_into(&mut sink, k, inputs, opts)?;
    store.flush()?;
    Ok(summary)
}

/// Reads every input and hands each batch of article graphs to `sink`.
pub fn run_into(
    sink: &mut Sink<'_>,
    k: &Knowledge,
    inputs: &[PathBuf],
    opts: &Options,
) -> Result<Summary> {
    let start = Instant::now();
    let mut b = Batcher {
        sink,
        k,
        pending: Vec::new(),
        size: opts.batch.max(1),
        summary: Summary::default(),
    };
    let mut files = Vec::new();
    let mut stdin = false;
    for input in inputs {
        if input.as_os_str() == "-" {
            stdin = true;
            continue;
        }
        if let Err(e) = expand(input, &mut files) {
            report(&input.display().to_string(), &e.to_string());
            b.summary.skipped += 1;
        }
    }
    let total: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let bar = opts
        .progress
        .then(|| {
            super::progress_bar(
                total,
                "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {msg}",
            )
        })
        .flatten();
    for f in &files {
        let name = f.display().to_string();
        if let Some(bar) = &bar {
            bar.set_message(name.clone());
        }
        let bytes = ingest_file(&mut b, f, &name)?;
        b.summary.bytes += bytes;
        if let Some(bar) = &bar {
            bar.inc(bytes);
        }
    }
    if stdin {
        let bytes = ingest_lines(&mut b, std::io::stdin().lock(), "<stdin>")?;
        b.summary.bytes += bytes;
    }
    b.flush()?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    b.summary.seconds = start.elapsed().as_secs_f64();
    Ok(b.summary)
}

fn skip(b: &mut Batcher, location: &str, e: &RecordError) {
    let loc = if e.line > 0 {
        format!("{location}:{}", e.line)
    } else {
        location.to_string()
    };
    report(&loc, &e.message);
    b.summary.skipped += 1;
}

/// One file; returns the bytes read.
fn ingest_file(b: &mut Batcher, path: &Path, name: &str) -> Result<u64> {
    let ext = path
        .extension()
        .and_then(|x| x.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if ext == "jsonl" || ext == "ndjson" {
        return match File::open(path) {
            Ok(f) => ingest_lines(b, BufReader::new(f), name),
            Err(e) => {
                report(name, &e.to_string());
                b.summary.skipped += 1;
                Ok(0)
            }
        };
    }
    let mut raw = Vec::new();
    if let Err(e) = File::open(path).and_then(|mut f| f.read_to_end(&mut raw)) {
        report(name, &e.to_string());
        b.summary.skipped += 1;
        return Ok(0);
    }
    let bytes = raw.len() as u64;
    if let Some(problem) = unreadable(&raw) {
        report(name, &problem);
        b.summary.skipped += 1;
        return Ok(bytes);
    }
    let contents = String::from_utf8_lossy(&raw);
    let records = match ext.as_str() {
        "json" => input::parse_json(&contents),
        "txt" | "text" | "" => {
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("article");
            vec![input::parse_txt(stem, &contents)]
        }
        other => {
            report(
                name,
                &format!("unsupported file type '.{other}' (use .txt, .json or .jsonl)"),
            );
            b.summary.skipped += 1;
            return Ok(bytes);
        }
    };
    for r in records {
        match r {
            Ok(a) => b.push(a)?,
            Err(e) => skip(b, name, &e),
        }
    }
    Ok(bytes)
}

/// Why a whole file cannot be read as text, if it cannot.
fn unreadable(raw: &[u8]) -> Option<String> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Some("the file is empty".into());
    }
    if raw.contains(&0) {
        return Some("a binary file (it contains NUL bytes), not text".into());
    }
    if let Err(e) = std::str::from_utf8(raw) {
        let at = e.valid_up_to();
        let line = raw[..at].iter().filter(|&&c| c == b'\n').count() + 1;
        return Some(format!("invalid UTF-8 at line {line} (byte {at})"));
    }
    None
}

/// JSON Lines from any reader, streamed line by line.
fn ingest_lines(b: &mut Batcher, mut reader: impl BufRead, name: &str) -> Result<u64> {
    let mut buf = Vec::new();
    let mut line_no = 0;
    let mut bytes = 0u64;
    let mut any = false;
    loop {
        buf.clear();
        let n = match reader.read_until(b'\n', &mut buf) {
            Ok(n) => n,
            Err(e) => {
                report(name, &format!("read error after line {line_no}: {e}"));
                b.summary.skipped += 1;
                break;
            }
        };
        if n == 0 {
            break;
        }
        bytes += n as u64;
        line_no += 1;
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        any = true;
        let line = match std::str::from_utf8(&buf) {
            Ok(l) if !buf.contains(&0) => l,
            Ok(_) => {
                skip(
                    b,
                    name,
                    &RecordError {
                        line: line_no,
                        message: "binary data (NUL bytes)".into(),
                    },
                );
                continue;
            }
            Err(e) => {
                skip(
                    b,
                    name,
                    &RecordError {
                        line: line_no,
                        message: format!("invalid UTF-8 (byte {} of the line)", e.valid_up_to()),
                    },
                );
                continue;
            }
        };
        match input::parse_jsonl_line(line, line_no) {
            Ok(a) => b.push(a)?,
            Err(e) => skip(b, name, &e),
        }
    }
    if !any {
        report(name, "no records (the input is empty)");
        b.summary.skipped += 1;
    }
    Ok(bytes)
}
