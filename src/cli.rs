//! Command-line definitions (clap derive). The doc comments are the help text.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// diplograph: a knowledge-graph builder for international-affairs news.
///
/// Reads news articles, extracts states, officials and incidents (who did what
/// to whom, when, according to which sentence), stores them as RDF in an
/// embedded Oxigraph store, and answers saved SPARQL queries.
#[derive(Debug, Parser)]
#[command(name = "diplograph", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, clap::Args)]
pub struct StoreArg {
    /// The store folder (created if missing)
    #[arg(long, default_value = "./diplograph.db", env = "DIPLOGRAPH_STORE")]
    pub store: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract facts from articles and write them into the store
    ///
    /// Inputs are .txt files (optional Title:/Date:/Publisher:/URL: header lines
    /// before a blank line), .json files (an object or an array), .jsonl files
    /// (one article per line), folders (searched recursively), or - for JSON
    /// Lines on standard input. Re-ingesting an article with the same id
    /// replaces its facts. Bad records are reported and skipped; the exit code
    /// is 1 when anything was skipped.
    ///
    /// Examples:
    ///   diplograph ingest --store kg.db articles.jsonl
    ///   diplograph ingest --store kg.db seeds/ news/2023/
    ///   cat dump.jsonl | diplograph ingest --store kg.db -
    #[command(verbatim_doc_comment)]
    Ingest {
        #[command(flatten)]
        store: StoreArg,
        /// Files, folders, or - for standard input
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Articles extracted in parallel and written together (one batch is
        /// written while the next is extracted)
        #[arg(long, default_value_t = crate::cmd::ingest::BATCH)]
        batch: usize,
        /// Do not show a progress bar
        #[arg(long)]
        quiet: bool,
        /// Skip (and report) any record larger than this: a JSON Lines line,
        /// a .json or a .txt file. In bytes, or with a unit: 500KB, 10MB, 1MiB
        #[arg(long, default_value = "10MB", value_name = "SIZE", value_parser = crate::input::parse_size)]
        max_record: u64,
    },
    /// Extract facts and stream them as RDF to stdout, without a store
    ///
    /// The same reading and extraction as `ingest`, for pipelines that shard a
    /// corpus across machines and bulk-load the output into another store.
    ///
    /// Examples:
    ///   diplograph extract shard-01.jsonl > shard-01.nq
    ///   cat dump.jsonl | diplograph extract --format ttl - > dump.ttl
    #[command(verbatim_doc_comment)]
    Extract {
        /// Files, folders, or - for standard input
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = ExtractFormat::Nq)]
        format: ExtractFormat,
        /// Articles per batch
        #[arg(long, default_value_t = 1000)]
        batch: usize,
        /// Skip (and report) any record larger than this: a JSON Lines line,
        /// a .json or a .txt file. In bytes, or with a unit: 500KB, 10MB, 1MiB
        #[arg(long, default_value = "10MB", value_name = "SIZE", value_parser = crate::input::parse_size)]
        max_record: u64,
    },
    /// Run a saved query by name, or a SPARQL file
    ///
    /// The default graph is the union of all graphs. Parameters are bound as RDF
    /// terms: name=value binds ?name to the literal "value", name=<IRI> to an IRI.
    ///
    /// Examples:
    ///   diplograph query accusations
    ///   diplograph query between --param a=IRN --param b=AZE
    ///   diplograph query my-query.rq --format csv
    #[command(verbatim_doc_comment)]
    Query {
        #[command(flatten)]
        store: StoreArg,
        /// A saved query name (see `diplograph queries`) or a .rq file
        query: String,
        /// Bind a query variable: name=value or name=<IRI>
        #[arg(long = "param", value_name = "NAME=VALUE")]
        params: Vec<String>,
        /// Output format (default: table on a terminal, tsv otherwise)
        #[arg(long, value_enum)]
        format: Option<ResultFormat>,
        /// Also write the evaluation plan, with row counts and times per
        /// step, as JSON to this file (to see why a query is slow)
        #[arg(long, value_name = "FILE")]
        explain: Option<std::path::PathBuf>,
    },
    /// List the saved queries with their summaries
    ///
    /// Example:
    ///   diplograph queries
    #[command(verbatim_doc_comment)]
    Queries,
    /// Write the graph as RDF, streamed
    ///
    /// N-Quads, TriG and JSON-LD keep the named graphs (one per article, plus
    /// the ontology and reference graphs); Turtle, N-Triples and RDF/XML merge
    /// them. Output is plain RDF 1.1, which any store can load.
    ///
    /// Examples:
    ///   diplograph export --format nq --output kg.nq
    ///   diplograph export --format ttl --graph article:seed-tass-2023-04-17
    ///   diplograph export --format jsonld --graph ontology > ontology.jsonld
    #[command(verbatim_doc_comment)]
    Export {
        #[command(flatten)]
        store: StoreArg,
        #[arg(long, value_enum, default_value_t = ExportFormat::Nq)]
        format: ExportFormat,
        /// Which graph: all, ontology, reference, entities (what articles share), or article:ID
        #[arg(long, default_value = "all", value_name = "GRAPH")]
        graph: String,
        /// Write here instead of standard output
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Send the store's graphs to another triple store over HTTP
    ///
    /// Graph Store Protocol (default): one PUT per article graph, so pushing
    /// again replaces rather than duplicates. --protocol update sends SPARQL
    /// Update (DROP SILENT GRAPH + INSERT DATA) in batches. Retries with
    /// backoff on 5xx and connection errors, each request within --timeout; stops
    /// after --max-failures attempts in a row without an answer, or at
    /// --deadline. The endpoint must be an http:// or https:// URL. With --user,
    /// the password is read from $DIPLOGRAPH_PASSWORD (or --password-env VAR),
    /// else prompted; a URL with credentials in it (http://user:pass@host/) is
    /// refused, and messages never show them.
    ///
    /// Examples:
    ///   diplograph push --endpoint http://localhost:7878/store
    ///   diplograph push --endpoint http://localhost:3030/kg/data
    ///   diplograph push --protocol update --endpoint http://localhost:7878/update
    ///   DIPLOGRAPH_PASSWORD=… diplograph push --user dba --graph-param graph-uri \
    ///       --endpoint http://localhost:8890/sparql-graph-crud
    #[command(verbatim_doc_comment)]
    Push {
        #[command(flatten)]
        store: StoreArg,
        /// The remote endpoint (GSP base URL, or SPARQL Update URL)
        #[arg(long)]
        endpoint: String,
        #[arg(long, value_enum, default_value_t = crate::cmd::push::Protocol::Gsp)]
        protocol: crate::cmd::push::Protocol,
        /// Query parameter that names the graph in GSP requests
        #[arg(long, default_value = "graph")]
        graph_param: String,
        /// User for HTTP Basic authentication
        #[arg(long)]
        user: Option<String>,
        /// Environment variable holding the password
        #[arg(long, default_value = "DIPLOGRAPH_PASSWORD")]
        password_env: String,
        /// Graphs per SPARQL Update request
        #[arg(long, default_value_t = 50)]
        batch: usize,
        /// Retries on 5xx and connection errors
        #[arg(long, default_value_t = 3)]
        retries: u32,
        /// Do not send the ontology and reference graphs (states and
        /// office-holders, which the saved queries read): for a store that
        /// has them already
        #[arg(long)]
        no_reference: bool,
        /// (The default now: the ontology and reference graphs are sent.)
        #[arg(long, hide = true)]
        with_reference: bool,
        /// Longest wait for one request (connecting, sending, the answer):
        /// seconds, or a duration like 500ms, 30s, 2m
        #[arg(long, default_value = "30s", value_name = "DURATION", value_parser = crate::cmd::push::parse_duration)]
        timeout: std::time::Duration,
        /// Stop when the whole push has taken this long (like 90s, 10m, 1h),
        /// with a summary of what was sent
        #[arg(long, value_name = "DURATION", value_parser = crate::cmd::push::parse_duration)]
        deadline: Option<std::time::Duration>,
        /// Stop after this many attempts in a row got no answer from the
        /// endpoint (refused, unreachable, timed out); 0 never stops
        #[arg(long, default_value_t = 3, value_name = "N")]
        max_failures: u32,
    },
    /// Check the graph against the SHACL shapes (needs pySHACL)
    ///
    /// Exports the store and validates it with pySHACL against
    /// ontology/shapes.ttl; the exit code is 1 when the graph does not conform.
    ///
    /// Example:
    ///   diplograph validate --store kg.db
    #[command(verbatim_doc_comment)]
    Validate {
        #[command(flatten)]
        store: StoreArg,
    },
    /// Count facts per class and per event category
    ///
    /// Example:
    ///   diplograph stats --store kg.db
    #[command(verbatim_doc_comment)]
    Stats {
        #[command(flatten)]
        store: StoreArg,
    },
    /// Show every fact of one article with its evidence, offsets and rule
    ///
    /// With --why-not TEXT, show why the sentence containing TEXT yielded
    /// what it did (or nothing): the triggers that matched and why each was
    /// dropped.
    ///
    /// Examples:
    ///   diplograph explain seeds/tass-2023-04-17.txt
    ///   diplograph explain articles.jsonl --id 42
    ///   diplograph explain article.txt --why-not "held three rounds"
    #[command(verbatim_doc_comment)]
    Explain {
        /// A .txt, .json or .jsonl file
        file: PathBuf,
        /// The record to explain in a file with several
        #[arg(long)]
        id: Option<String>,
        /// Explain the sentence that contains this text
        #[arg(long, value_name = "TEXT")]
        why_not: Option<String>,
    },
    /// Draw relation graphs as Graphviz DOT (or SVG, PNG, PDF)
    ///
    /// Views: relations (states; one edge per actor, target and category,
    /// colored by PLOVER quad class, with counts and date ranges), events
    /// (events linked to their actors and targets), officials (officials, their
    /// bodies and states), or any CONSTRUCT query with --construct. Node ids
    /// come from IRIs, so two runs diff cleanly. An output file ending in .svg,
    /// .png or .pdf (or --render) is rendered with Graphviz's dot.
    ///
    /// Examples:
    ///   diplograph dot --output relations.svg
    ///   diplograph dot events --focus IRN --from 2023-01 --to 2023-04 --cluster-by article
    ///   diplograph dot relations --category ACCUSE,SANCTION --output kg.dot
    ///   diplograph dot --construct my-view.rq --render png --output view.png
    #[command(verbatim_doc_comment)]
    Dot {
        #[command(flatten)]
        store: StoreArg,
        /// The view to draw
        #[arg(value_enum, default_value_t = crate::cmd::dot::View::Relations)]
        view: crate::cmd::dot::View,
        /// Draw the result of a CONSTRUCT query instead of a view
        #[arg(long, value_name = "FILE.rq")]
        construct: Option<PathBuf>,
        /// Keep what is within --hops of this state (ISO3)
        #[arg(long, value_name = "ISO3")]
        focus: Option<String>,
        /// Hops around --focus
        #[arg(long, default_value_t = 1)]
        hops: usize,
        /// Only events on or after this date (2023, 2023-04 or 2023-04-17)
        #[arg(long, value_name = "DATE", value_parser = date_bound)]
        from: Option<String>,
        /// Only events on or before this date
        #[arg(long, value_name = "DATE", value_parser = date_bound)]
        to: Option<String>,
        /// Only these PLOVER categories (comma-separated)
        #[arg(long, value_delimiter = ',', value_name = "CATEGORY,…")]
        category: Vec<String>,
        /// Only events of this article (its source id)
        #[arg(long, value_name = "ID")]
        article: Option<String>,
        /// Group nodes into clusters
        #[arg(long, value_enum)]
        cluster_by: Option<ClusterArg>,
        /// Render with Graphviz into this format
        #[arg(long, value_enum)]
        render: Option<RenderFormat>,
        /// Write here instead of standard output
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Per-state and per-dyad analytics of the relations graph
    ///
    /// Per state: events as actor and as target by PLOVER quad class, and a
    /// PageRank over conflict and over cooperation edges. Per dyad: a
    /// timeline and the net cooperation-conflict score (sum of PLOVER scores).
    ///
    /// Examples:
    ///   diplograph analyze
    ///   diplograph analyze --from 2023-01 --format json
    #[command(verbatim_doc_comment)]
    Analyze {
        #[command(flatten)]
        store: StoreArg,
        #[arg(long, value_enum, default_value_t = AnalyzeFormat::Table)]
        format: AnalyzeFormat,
        /// Only events on or after this date (2023, 2023-04 or 2023-04-17)
        #[arg(long, value_name = "DATE", value_parser = date_bound)]
        from: Option<String>,
        /// Only events on or before this date
        #[arg(long, value_name = "DATE", value_parser = date_bound)]
        to: Option<String>,
        /// Only these PLOVER categories (comma-separated)
        #[arg(long, value_delimiter = ',')]
        category: Vec<String>,
    },
    /// Ingest the bundled seed articles into a fresh store and show what came out
    ///
    /// Without --store, a temporary folder is used and removed afterwards.
    ///
    /// Examples:
    ///   diplograph demo
    ///   diplograph demo --store demo.db
    #[command(verbatim_doc_comment)]
    Demo {
        /// Keep the demo store here
        #[arg(long)]
        store: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClusterArg {
    Article,
    State,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderFormat {
    Svg,
    Png,
    Pdf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnalyzeFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ResultFormat {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    Nq,
    Nt,
    Ttl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Nq,
    Trig,
    Ttl,
    Nt,
    Rdfxml,
    Jsonld,
}

/// Reads a `--from`/`--to` bound: a year, a month or a day in ISO 8601
/// (`2023`, `2023-04`, `2023-04-17`) that exists in the calendar.
pub fn date_bound(s: &str) -> Result<String, String> {
    let shape_ok = matches!(s.len(), 4 | 7 | 10)
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    match crate::dates::PartialDate::parse(s) {
        Some(d) if shape_ok => Ok(d.to_string()),
        _ => Err(format!(
            "'{s}' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2023-04-17)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_bounds_are_iso_dates_that_exist() {
        for ok in ["2023", "2023-04", "2023-04-17", "2024-02-29"] {
            assert_eq!(date_bound(ok).as_deref(), Ok(ok));
        }
        for bad in [
            "abc",
            "2023-04-1é",
            "2023-4",
            "2023-13",
            "2023-02-30",
            "17 April 2023",
            "",
            "2023-04-17T10:00",
            "२०२३",
        ] {
            assert!(date_bound(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dot_refuses_a_bad_date_at_parse_time() {
        use clap::Parser;
        let err = Cli::try_parse_from(["diplograph", "dot", "--from", "2023-04-1é"]).unwrap_err();
        assert!(err.to_string().contains("not a date"), "{err}");
        let ok = Cli::try_parse_from(["diplograph", "analyze", "--to", "2023-04"]);
        assert!(ok.is_ok());
    }
}
