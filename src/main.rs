//! The `diplograph` binary: parse the command line, dispatch, report errors.

use clap::Parser;
use diplograph::cli::{Cli, Command, ExtractFormat, ResultFormat};
use diplograph::cmd;
use diplograph::knowledge::Knowledge;
use diplograph::store::GraphStore;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (`| head`) is not an error.
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("diplograph: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match cli.command {
        Command::Ingest {
            store,
            inputs,
            batch,
            quiet,
        } => {
            let k = Knowledge::builtin()?;
            let gs = GraphStore::open(&store.store, &k)?;
            let summary = cmd::ingest::run(
                &gs,
                &k,
                &inputs,
                &cmd::ingest::Options {
                    batch,
                    progress: !quiet,
                },
            )?;
            eprintln!("{}", summary.line());
            return Ok(if summary.skipped > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            });
        }
        Command::Extract {
            inputs,
            format,
            batch,
        } => {
            let k = Knowledge::builtin()?;
            let format = match format {
                ExtractFormat::Nq => oxigraph::io::RdfFormat::NQuads,
                ExtractFormat::Nt => oxigraph::io::RdfFormat::NTriples,
                ExtractFormat::Ttl => oxigraph::io::RdfFormat::Turtle,
            };
            let opts = cmd::ingest::Options {
                batch,
                progress: false,
            };
            let summary = cmd::extract::run(
                &k,
                &inputs,
                format,
                &opts,
                std::io::BufWriter::new(&mut out),
            )?;
            eprintln!("{}", summary.line().replacen("ingested", "extracted", 1));
            return Ok(if summary.skipped > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            });
        }
        Command::Query {
            store,
            query,
            params,
            format,
        } => {
            let format = format.unwrap_or(if std::io::stdout().is_terminal() {
                ResultFormat::Table
            } else {
                ResultFormat::Tsv
            });
            // Resolve the query first so a typo does not create a store.
            cmd::query::load_query(&query)?;
            let k = Knowledge::builtin()?;
            let gs = GraphStore::open(&store.store, &k)?;
            cmd::query::run(&gs, &query, &params, format, &mut out)?;
        }
        Command::Queries => cmd::query::list(&mut out)?,
        Command::Export {
            store,
            format,
            output,
        } => {
            let k = Knowledge::builtin()?;
            let gs = GraphStore::open(&store.store, &k)?;
            cmd::export::run(&gs, format, output.as_deref())?;
        }
        Command::Stats { store } => {
            let k = Knowledge::builtin()?;
            let gs = GraphStore::open(&store.store, &k)?;
            cmd::stats::run(&gs, &mut out)?;
        }
        Command::Explain { file, id, why_not } => {
            let k = Knowledge::builtin()?;
            let article = cmd::explain::load(&file, id.as_deref())?;
            cmd::explain::run(&k, &article, why_not.as_deref(), &mut out)?;
        }
        Command::Demo { store } => {
            let k = Knowledge::builtin()?;
            cmd::demo::run(&k, store.as_deref(), &mut out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
