//! The subcommands: the only code besides `store` that reads files, writes
//! output or holds the store. One module per command.

pub mod demo;
pub mod dot;
pub mod explain;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod push;
pub mod query;
pub mod stats;
pub mod validate;

use crate::ns::PREFIXES;
use indicatif::{ProgressBar, ProgressStyle};
use oxigraph::model::Term;
use std::io::IsTerminal;

/// A line on stderr. Never panics: a closed or broken stderr loses the
/// message but not the run (`eprintln!` would panic on EPIPE).
pub fn message(text: std::fmt::Arguments) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// A progress bar of `len` steps drawn with `template`, or `None` when
/// stderr is not a terminal (logs and pipes get the summary line only).
pub fn progress_bar(len: u64, template: &str) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    Some(bar)
}

/// A term as a person reads it in a table: IRIs shortened by the known
/// prefixes, literals by their lexical form.
pub fn display_term(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => {
            let iri = n.as_str();
            for (p, ns) in PREFIXES {
                if let Some(local) = iri.strip_prefix(ns) {
                    return format!("{p}:{local}");
                }
            }
            format!("<{iri}>")
        }
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => l.value().to_string(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}
