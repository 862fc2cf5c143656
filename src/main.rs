//! The `diplograph` binary: parse the command line, dispatch, report errors.

use clap::Parser;
use diplograph::cli::{AnalyzeFormat, Cli, ClusterArg, Command, ExtractFormat, ResultFormat};
use diplograph::cmd::{self, message};
use diplograph::knowledge::Knowledge;
use diplograph::store::GraphStore;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Reopens a closed standard stream (`2>&-`) on /dev/null. Otherwise the
/// next file opened (a RocksDB file of the store) would take its number and
/// receive what is written to stderr.
#[cfg(unix)]
fn reserve_standard_streams() {
    for fd in 0..=2 {
        // SAFETY: fcntl with F_GETFD only queries the descriptor.
        if unsafe { libc::fcntl(fd, libc::F_GETFD) } == -1 {
            // open() returns the lowest free descriptor: this one.
            // SAFETY: a constant NUL-terminated path.
            let got = unsafe { libc::open(c"/dev/null".as_ptr(), libc::O_RDWR) };
            if got != fd && got >= 0 {
                // SAFETY: closing the descriptor just opened.
                unsafe { libc::close(got) };
            }
        }
    }
}

#[cfg(not(unix))]
fn reserve_standard_streams() {}

fn main() -> ExitCode {
    reserve_standard_streams();
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
            message(format_args!("diplograph: {e:#}"));
            ExitCode::from(2)
        }
    }
}

/// The reference knowledge and the store named by `--store`, which every
/// store command starts from. Only `ingest` creates a store; the others
/// refuse a path that holds none.
fn open_store(store: &diplograph::cli::StoreArg) -> anyhow::Result<(Knowledge, GraphStore)> {
    let k = Knowledge::builtin()?;
    let gs = GraphStore::open_existing(&store.store)?;
    Ok((k, gs))
}

fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    // Buffered: a query's rows or an export's lines are not written one
    // system call each (the lock alone flushes at every newline).
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match cli.command {
        Command::Ingest {
            store,
            inputs,
            batch,
            quiet,
            max_record,
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
                    max_record,
                    ..Default::default()
                },
            )?;
            message(format_args!("{}", summary.line()));
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
            max_record,
        } => {
            let k = Knowledge::builtin()?;
            let format = match format {
                ExtractFormat::Nq => oxigraph::io::RdfFormat::NQuads,
                ExtractFormat::Nt => oxigraph::io::RdfFormat::NTriples,
                ExtractFormat::Ttl => oxigraph::io::RdfFormat::Turtle,
            };
            let opts = cmd::ingest::Options {
                batch,
                max_record,
                ..Default::default()
            };
            let summary = cmd::extract::run(&k, &inputs, format, &opts, &mut out)?;
            message(format_args!(
                "{}",
                summary.line().replacen("ingested", "extracted", 1)
            ));
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
            explain,
        } => {
            let format = format.unwrap_or(if std::io::stdout().is_terminal() {
                ResultFormat::Table
            } else {
                ResultFormat::Tsv
            });
            // Check the query first: a typo is reported as such.
            let query = cmd::query::prepare(&query, &params)?;
            let gs = GraphStore::open_existing(&store.store)?;
            match explain {
                None => cmd::query::run(&gs, &query, format, &mut out)?,
                Some(path) => cmd::query::explain(&gs, &query, format, &mut out, &path)?,
            }
        }
        Command::Queries => cmd::query::list(&mut out)?,
        Command::Export {
            store,
            format,
            graph,
            output,
        } => {
            let graph = cmd::export::parse_graph(&graph)?;
            let gs = GraphStore::open_existing(&store.store)?;
            cmd::export::run(gs, format, graph.as_ref(), output.as_deref())?;
        }
        Command::Push {
            store,
            endpoint,
            protocol,
            graph_param,
            user,
            password_env,
            batch,
            retries,
            no_reference,
            with_reference: _,
            timeout,
            deadline,
            max_failures,
        } => {
            // A bad endpoint is refused before a store is opened or a password asked.
            cmd::push::check_endpoint(&endpoint)?;
            let password = cmd::push::password(user.as_deref(), &password_env)?;
            let gs = GraphStore::open_existing(&store.store)?;
            let opts = cmd::push::PushOptions {
                endpoint,
                protocol,
                graph_param,
                user,
                password,
                batch,
                retries,
                include_reference: !no_reference,
                timeout,
                deadline,
                max_failures,
            };
            let s = cmd::push::run(gs, &opts)?;
            if let Some(why) = &s.stopped {
                message(format_args!("diplograph: push stopped: {why}"));
            }
            message(format_args!("{}", s.line()));
            return Ok(if s.stopped.is_some() {
                ExitCode::from(2)
            } else if s.graphs_failed > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            });
        }
        Command::Validate { store } => {
            let gs = GraphStore::open_existing(&store.store)?;
            let conforms = cmd::validate::run(gs, &mut out)?;
            out.flush()?;
            return Ok(if conforms {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            });
        }
        Command::Stats { store } => {
            let gs = GraphStore::open_existing(&store.store)?;
            cmd::stats::run(&gs, &mut out)?;
        }
        Command::Dot {
            store,
            view,
            construct,
            focus,
            hops,
            from,
            to,
            category,
            article,
            cluster_by,
            render,
            output,
        } => {
            let (k, gs) = open_store(&store)?;
            let filter = diplograph::graph::Filter {
                from,
                to,
                categories: category,
                article,
                focus,
                hops,
            };
            let cluster = cluster_by.map(|c| match c {
                ClusterArg::Article => diplograph::graph::ClusterBy::Article,
                ClusterArg::State => diplograph::graph::ClusterBy::State,
            });
            let opts = cmd::dot::DotOptions {
                view,
                construct: construct.as_deref(),
                filter,
                cluster,
            };
            let dot_text = cmd::dot::build(&gs, &k, &opts)?;
            // Render when asked, or when the output file's extension says so.
            let by_extension = output
                .as_deref()
                .and_then(|p| p.extension())
                .and_then(|e| e.to_str())
                .filter(|e| matches!(*e, "svg" | "png" | "pdf"))
                .map(str::to_string);
            let format = render
                .map(|r| format!("{r:?}").to_lowercase())
                .or(by_extension);
            match (format, output) {
                (Some(f), Some(path)) => cmd::dot::render(&dot_text, &f, &path)?,
                (Some(f), None) => anyhow::bail!("--render {f} needs --output FILE"),
                (None, Some(path)) => std::fs::write(&path, dot_text)
                    .map_err(|e| anyhow::anyhow!("writing {}: {e}", path.display()))?,
                (None, None) => out.write_all(dot_text.as_bytes())?,
            }
        }
        Command::Analyze {
            store,
            format,
            from,
            to,
            category,
        } => {
            let (k, gs) = open_store(&store)?;
            let filter = diplograph::graph::Filter {
                from,
                to,
                categories: category,
                ..Default::default()
            };
            let a = cmd::dot::analyze(&gs, &k, &filter)?;
            let f = match format {
                AnalyzeFormat::Table => "table",
                AnalyzeFormat::Csv => "csv",
                AnalyzeFormat::Json => "json",
            };
            cmd::dot::print_analysis(&a, f, &mut out)?;
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
