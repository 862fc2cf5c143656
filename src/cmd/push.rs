//! `diplograph push`: send the store's graphs to a remote triple store over
//! the SPARQL 1.1 Graph Store HTTP Protocol (one PUT per graph, so pushing
//! again replaces rather than duplicates) or SPARQL 1.1 Update (DROP + INSERT
//! DATA per graph), with batching, retries with backoff on 5xx and
//! connection errors, and HTTP Basic authentication. The password comes from
//! an environment variable or a prompt, never from the command line.

use crate::store::GraphStore;
use anyhow::{bail, Context as _, Result};
use indicatif::{ProgressBar, ProgressStyle};
use oxigraph::model::{NamedNode, Triple};
use std::io::IsTerminal;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Protocol {
    /// SPARQL 1.1 Graph Store HTTP Protocol: PUT ENDPOINT?graph=IRI
    Gsp,
    /// SPARQL 1.1 Update: POST DROP SILENT GRAPH + INSERT DATA
    Update,
}

pub struct PushOptions {
    pub endpoint: String,
    pub protocol: Protocol,
    /// Query parameter naming the graph in GSP requests ("graph"; Virtuoso's
    /// /sparql-graph-crud uses "graph-uri").
    pub graph_param: String,
    pub user: Option<String>,
    pub password: Option<String>,
    /// Graphs per Update request.
    pub batch: usize,
    pub retries: u32,
    pub include_reference: bool,
}

#[derive(Debug, Default)]
pub struct PushSummary {
    pub graphs_sent: usize,
    pub graphs_failed: usize,
    pub triples_sent: usize,
}

/// The password: from `env_var` if set, else a prompt when there is a terminal.
pub fn password(user: Option<&str>, env_var: &str) -> Result<Option<String>> {
    if user.is_none() {
        return Ok(None);
    }
    if let Ok(p) = std::env::var(env_var) {
        return Ok(Some(p));
    }
    if std::io::stdin().is_terminal() {
        return Ok(Some(
            rpassword::prompt_password("password: ").context("reading the password")?,
        ));
    }
    bail!("--user needs a password: set {env_var} (it is never read from the command line)")
}

fn ntriples(triples: &[Triple]) -> String {
    let mut s = String::with_capacity(triples.len() * 120);
    for t in triples {
        s.push_str(&t.to_string());
        s.push_str(" .\n");
    }
    s
}

fn basic_auth(user: &str, password: &str) -> String {
    const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let input = format!("{user}:{password}");
    let bytes = input.as_bytes();
    let mut out = String::from("Basic ");
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn encode_query_value(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Sends one request, retrying on connection errors and 5xx with backoff.
fn send(
    agent: &ureq::Agent,
    opts: &PushOptions,
    method: &str,
    url: &str,
    content_type: &str,
    body: &str,
) -> Result<()> {
    let mut delay = Duration::from_millis(250);
    let mut attempt = 0;
    loop {
        attempt += 1;
        let mut req = match method {
            "PUT" => agent.put(url),
            _ => agent.post(url),
        }
        .header("Content-Type", content_type);
        if let (Some(u), Some(p)) = (&opts.user, &opts.password) {
            req = req.header("Authorization", &basic_auth(u, p));
        }
        let result = req.send(body);
        let retryable = match &result {
            Ok(resp) if resp.status().is_success() => return Ok(()),
            Ok(resp) => {
                let status = resp.status().as_u16();
                if status < 500 {
                    bail!("{method} {url}: HTTP {status}");
                }
                format!("HTTP {status}")
            }
            Err(e) => e.to_string(),
        };
        if attempt > opts.retries {
            bail!("{method} {url}: {retryable} (after {attempt} attempts)");
        }
        std::thread::sleep(delay);
        delay *= 2;
    }
}

pub fn run(store: &GraphStore, opts: &PushOptions) -> Result<PushSummary> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into();
    let ontology = crate::ns::ontology_graph();
    let reference = crate::ns::reference_graph();
    let graphs: Vec<NamedNode> = store
        .graph_names()?
        .into_iter()
        .filter(|g| opts.include_reference || (g.as_str() != ontology && g.as_str() != reference))
        .collect();
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(graphs.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} graphs {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Some(bar)
    } else {
        None
    };
    let mut summary = PushSummary::default();
    match opts.protocol {
        Protocol::Gsp => {
            for g in &graphs {
                let triples = store.graph_triples(g)?;
                let sep = if opts.endpoint.contains('?') {
                    '&'
                } else {
                    '?'
                };
                let url = format!(
                    "{}{sep}{}={}",
                    opts.endpoint,
                    opts.graph_param,
                    encode_query_value(g.as_str())
                );
                match send(
                    &agent,
                    opts,
                    "PUT",
                    &url,
                    "application/n-triples",
                    &ntriples(&triples),
                ) {
                    Ok(()) => {
                        summary.graphs_sent += 1;
                        summary.triples_sent += triples.len();
                    }
                    Err(e) => {
                        eprintln!("diplograph: {e:#}");
                        summary.graphs_failed += 1;
                    }
                }
                if let Some(bar) = &bar {
                    bar.inc(1);
                }
            }
        }
        Protocol::Update => {
            for chunk in graphs.chunks(opts.batch.max(1)) {
                let mut body = String::new();
                let mut n = 0;
                for g in chunk {
                    let triples = store.graph_triples(g)?;
                    n += triples.len();
                    body.push_str(&format!(
                        "DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{}}} }} ;\n",
                        ntriples(&triples)
                    ));
                }
                match send(
                    &agent,
                    opts,
                    "POST",
                    &opts.endpoint,
                    "application/sparql-update",
                    &body,
                ) {
                    Ok(()) => {
                        summary.graphs_sent += chunk.len();
                        summary.triples_sent += n;
                    }
                    Err(e) => {
                        eprintln!("diplograph: {e:#}");
                        summary.graphs_failed += chunk.len();
                    }
                }
                if let Some(bar) = &bar {
                    bar.inc(chunk.len() as u64);
                }
            }
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_auth_header() {
        assert_eq!(basic_auth("dba", "dba"), "Basic ZGJhOmRiYQ==");
        assert_eq!(basic_auth("a", "bc"), "Basic YTpiYw==");
    }

    #[test]
    fn graph_iris_are_encoded_in_urls() {
        assert_eq!(
            encode_query_value("https://w3id.org/x?y"),
            "https%3A%2F%2Fw3id.org%2Fx%3Fy"
        );
    }
}
