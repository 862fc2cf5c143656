//! `diplograph ingest`: read records from files, folders or stdin, extract in
//! parallel (rayon), and replace each article's graph in the store, batch by
//! batch so memory stays flat however large the input.

use super::message;
use crate::extract::extract;
use crate::input::{self, RecordError};
use crate::knowledge::Knowledge;
use crate::model::{Article, Extraction};
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
    /// Articles per batch at most.
    pub batch: usize,
    pub progress: bool,
    /// A record (a JSON Lines line, a .json or .txt file) longer than this
    /// many bytes is skipped without being read into memory.
    pub max_record: u64,
    /// A batch is written once its articles' text reaches this many bytes,
    /// however few articles it has: memory stays bounded by bytes too.
    pub batch_bytes: usize,
}

/// `--max-record`'s default: 10 MB.
pub const MAX_RECORD: u64 = 10_000_000;

/// `ingest --batch`'s default: articles extracted together.
pub const BATCH: usize = 250;

impl Default for Options {
    fn default() -> Options {
        Options {
            batch: BATCH,
            progress: false,
            max_record: MAX_RECORD,
            batch_bytes: 16_000_000,
        }
    }
}

/// Reports a skipped input on stderr.
fn report(location: &str, why: &str) {
    message(format_args!("diplograph: skipped {location}: {why}"));
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
        let kind = std::fs::metadata(path)?.file_type();
        if !kind.is_file() && !is_fifo(&kind) {
            // A device or socket: /dev/zero would never end.
            return Err(std::io::Error::other(format!(
                "not a regular file or a pipe (a {}); use - for standard input",
                describe(&kind)
            )));
        }
        out.push(path.to_path_buf());
        Ok(())
    }
}

#[cfg(unix)]
fn is_fifo(kind: &std::fs::FileType) -> bool {
    std::os::unix::fs::FileTypeExt::is_fifo(kind)
}

#[cfg(not(unix))]
fn is_fifo(_: &std::fs::FileType) -> bool {
    false
}

#[cfg(unix)]
fn describe(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_char_device() {
        "character device"
    } else if kind.is_block_device() {
        "block device"
    } else if kind.is_socket() {
        "socket"
    } else {
        "special file"
    }
}

#[cfg(not(unix))]
fn describe(_: &std::fs::FileType) -> &'static str {
    "special file"
}

/// Where batches of article graphs go: the store, or a stream (`extract`
/// streams N-Quads and N-Triples through [`run_rendered`], as lines).
pub type Sink<'a> = dyn FnMut(Vec<(NamedNode, Vec<Quad>)>) -> Result<()> + 'a;

/// What each article and its extraction become in the parallel step, with
/// the number of triples, before a batch of them goes to the sink: the
/// article's graph for the store, or its lines for a stream, written by the
/// thread that extracted it.
pub type Render<'a, T> = dyn Fn(&Article, &Extraction) -> (T, usize) + Sync + 'a;

/// Accumulates articles into batches and writes them.
struct Batcher<'a, 's, T> {
    sink: &'s mut dyn FnMut(Vec<T>) -> Result<()>,
    render: &'s Render<'a, T>,
    k: &'a Knowledge,
    pending: Vec<Article>,
    /// Text bytes of `pending`.
    pending_bytes: usize,
    size: usize,
    max_bytes: usize,
    max_record: u64,
    summary: Summary,
}

/// The bytes an article holds in memory, near enough.
fn article_bytes(a: &Article) -> usize {
    a.text.len()
        + a.id.len()
        + [&a.title, &a.publisher, &a.url]
            .iter()
            .map(|s| s.as_ref().map_or(0, String::len))
            .sum::<usize>()
}

impl<T: Send> Batcher<'_, '_, T> {
    fn push(&mut self, a: Article) -> Result<()> {
        let bytes = article_bytes(&a);
        if !self.pending.is_empty() && self.pending_bytes + bytes > self.max_bytes {
            self.flush()?;
        }
        self.pending.push(a);
        self.pending_bytes += bytes;
        if self.pending.len() >= self.size || self.pending_bytes >= self.max_bytes {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let mut batch = std::mem::take(&mut self.pending);
        self.pending_bytes = 0;
        // The same id twice in a batch: the later record wins.
        let mut seen = std::collections::HashSet::new();
        batch.reverse();
        batch.retain(|a| seen.insert(a.id.clone()));
        batch.reverse();
        let (k, render) = (self.k, self.render);
        let results: Vec<(T, usize, usize, usize, usize)> = batch
            .par_iter()
            .filter_map(|a| {
                // Extraction never panics by design; if a bug makes it panic,
                // that one article is reported and the batch goes on.
                let extracted = std::panic::catch_unwind(|| extract(a, k));
                let Ok(x) = extracted else {
                    message(format_args!("diplograph: skipped article {}: internal error in extraction (please report it)", a.id));
                    return None;
                };
                let (rendered, triples) = render(a, &x);
                Some((
                    rendered,
                    triples,
                    x.states.len(),
                    x.officials.len(),
                    x.events.len(),
                ))
            })
            .collect();
        self.summary.skipped += batch.len() - results.len();
        for (_, t, s, o, e) in &results {
            self.summary.triples += t;
            self.summary.state_mentions += s;
            self.summary.officials += o;
            self.summary.events += e;
        }
        self.summary.articles += results.len();
        let rendered: Vec<T> = results.into_iter().map(|(r, ..)| r).collect();
        (self.sink)(rendered)
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
    // One batch is written while the next is read and extracted: a writer
    // thread takes batches through a channel that holds at most one, so
    // memory stays bounded by a few batches.
    let start = Instant::now();
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(NamedNode, Vec<Quad>)>>(1);
        let writer = scope.spawn(move || -> Result<()> {
            for graphs in rx {
                store.replace_graphs(&graphs)?;
            }
            Ok(())
        });
        let mut sink = move |graphs: Vec<(NamedNode, Vec<Quad>)>| -> Result<()> {
            tx.send(graphs)
                .map_err(|_| anyhow::anyhow!("the store writer stopped"))
        };
        let read = run_into(&mut sink, k, inputs, opts);
        // Dropping the sender (in `sink`) ends the writer's loop.
        drop(sink);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("the store writer panicked")));
        // A store error explains a stopped writer: report it first.
        written?;
        let mut summary = read?;
        store.flush()?;
        summary.seconds = start.elapsed().as_secs_f64();
        Ok(summary)
    })
}

/// Reads every input and hands each batch of article graphs to `sink`.
pub fn run_into(
    sink: &mut Sink<'_>,
    k: &Knowledge,
    inputs: &[PathBuf],
    opts: &Options,
) -> Result<Summary> {
    let render = |a: &Article, x: &Extraction| {
        let quads = rdf::article_quads(a, x, k);
        let triples = quads.len();
        ((rdf::article_graph(&a.id), quads), triples)
    };
    run_rendered(sink, &render, k, inputs, opts)
}

/// Reads every input and hands each batch of article graphs, each as
/// `render` makes it, to `sink`.
pub fn run_rendered<T: Send>(
    sink: &mut dyn FnMut(Vec<T>) -> Result<()>,
    render: &Render<'_, T>,
    k: &Knowledge,
    inputs: &[PathBuf],
    opts: &Options,
) -> Result<Summary> {
    let start = Instant::now();
    let mut b = Batcher {
        sink,
        render,
        k,
        pending: Vec::new(),
        pending_bytes: 0,
        size: opts.batch.max(1),
        max_bytes: opts.batch_bytes.max(1),
        max_record: opts.max_record.max(1),
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

fn skip<T: Send>(b: &mut Batcher<T>, location: &str, e: &RecordError) {
    let loc = if e.line > 0 {
        format!("{location}:{}", e.line)
    } else {
        location.to_string()
    };
    report(&loc, &e.message);
    b.summary.skipped += 1;
}

/// One file; returns the bytes read.
fn ingest_file<T: Send>(b: &mut Batcher<T>, path: &Path, name: &str) -> Result<u64> {
    let ext = path
        .extension()
        .and_then(|x| x.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            report(name, &e.to_string());
            b.summary.skipped += 1;
            return Ok(0);
        }
    };
    match ext.as_str() {
        "jsonl" | "ndjson" => return ingest_lines(b, BufReader::new(file), name),
        "json" | "txt" | "text" | "" => {}
        other => {
            report(
                name,
                &format!("unsupported file type '.{other}' (use .txt, .json or .jsonl)"),
            );
            b.summary.skipped += 1;
            return Ok(0);
        }
    }
    // A whole .json or .txt file is one record: never read more than the limit.
    let max = b.max_record;
    let mut raw = Vec::new();
    if let Err(e) = file.take(max.saturating_add(1)).read_to_end(&mut raw) {
        report(name, &e.to_string());
        b.summary.skipped += 1;
        return Ok(0);
    }
    let bytes = raw.len() as u64;
    if bytes > max {
        let size = std::fs::metadata(path)
            .ok()
            .filter(|m| m.is_file())
            .map_or_else(
                || format!("more than {}", input::show_size(max)),
                |m| input::show_size(m.len()),
            );
        report(
            name,
            &format!(
                "the file is {size}, over --max-record {} (raise it, or split the file into JSON Lines)",
                input::show_size(max)
            ),
        );
        b.summary.skipped += 1;
        return Ok(bytes);
    }
    if let Some(problem) = unreadable(&raw) {
        report(name, &problem);
        b.summary.skipped += 1;
        return Ok(bytes);
    }
    let contents = String::from_utf8_lossy(&raw);
    let records = if ext == "json" {
        input::parse_json(&contents)
    } else {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("article");
        vec![input::parse_txt(stem, &contents)]
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

/// JSON Lines from any reader, streamed line by line through a bounded
/// buffer (see [`input::LineReader`]): an over-long line is reported and
/// skipped without being held in memory; binary data that runs past the
/// limit ends the input.
fn ingest_lines<T: Send>(b: &mut Batcher<T>, reader: impl BufRead, name: &str) -> Result<u64> {
    let max = b.max_record;
    let mut lines = input::LineReader::new(reader, max);
    let mut any = false;
    loop {
        let line = match lines.next_line() {
            Ok(Some(l)) => l,
            Ok(None) => break,
            Err(e) => {
                let after = lines.line_number();
                report(name, &format!("read error after line {after}: {e}"));
                b.summary.skipped += 1;
                any = true;
                break;
            }
        };
        let (line_no, buf) = match line {
            input::Line::Text { line, bytes } => (line, bytes),
            input::Line::TooLong { line, len, binary } => {
                any = true;
                let message = if binary {
                    format!(
                        "a record of more than {} (--max-record) holding binary data (NUL bytes); the rest of this input is not read",
                        input::show_size(max),
                    )
                } else {
                    format!(
                        "a record of {} ({len} bytes), over --max-record {}",
                        input::show_size(len),
                        input::show_size(max),
                    )
                };
                skip(b, name, &RecordError { line, message });
                continue;
            }
        };
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        any = true;
        let text = match std::str::from_utf8(buf) {
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
        match input::parse_jsonl_line(text, line_no) {
            Ok(a) => b.push(a)?,
            Err(e) => skip(b, name, &e),
        }
    }
    if !any {
        report(name, "no records (the input is empty)");
        b.summary.skipped += 1;
    }
    Ok(lines.bytes_read())
}
