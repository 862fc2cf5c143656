//! `diplograph push`: send the store's graphs to a remote triple store over
//! the SPARQL 1.1 Graph Store HTTP Protocol (one PUT per graph, so pushing
//! again replaces rather than duplicates) or SPARQL 1.1 Update (DROP + INSERT
//! DATA per graph), with batching, retries with backoff on 5xx and
//! connection errors, and HTTP Basic or Digest authentication (Digest when
//! the server's 401 challenge asks for it, as Virtuoso's `-auth` endpoints
//! do). The password comes from an environment variable or a prompt, never
//! from the command line: an endpoint URL with credentials in it
//! (`http://user:pass@host/`) is refused, and every message shows endpoints
//! with their credentials redacted.
//!
//! Deadlines: each request has `--timeout` (connecting, sending, the answer);
//! the whole push has an optional `--deadline`; after `--max-failures`
//! consecutive attempts without an HTTP answer (refused, unreachable, timed
//! out) the push stops instead of trying every graph. A stopped push reports
//! why and what it sent.

use super::message;
use crate::store::GraphStore;
use anyhow::{bail, Context as _, Result};
use oxigraph::model::{NamedNode, Triple};
use std::cell::Cell;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

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
    /// Longest wait for one request: connecting, sending, the answer.
    pub timeout: Duration,
    /// Longest time for the whole push, from its start.
    pub deadline: Option<Duration>,
    /// Consecutive attempts without an HTTP answer before giving up (0: never).
    pub max_failures: u32,
}

#[derive(Debug, Default)]
pub struct PushSummary {
    pub graphs_sent: usize,
    pub graphs_failed: usize,
    pub triples_sent: usize,
    /// Graphs not attempted (or abandoned) because the push stopped.
    pub graphs_not_sent: usize,
    /// Why the push stopped before the end: the deadline, or the endpoint
    /// not answering.
    pub stopped: Option<String>,
    pub seconds: f64,
}

impl PushSummary {
    pub fn line(&self) -> String {
        let mut s = format!(
            "pushed {} graphs ({} triples), {} failed",
            self.graphs_sent, self.triples_sent, self.graphs_failed
        );
        if self.stopped.is_some() {
            s.push_str(&format!(", {} not sent", self.graphs_not_sent));
        }
        s.push_str(&format!(" in {:.1} s", self.seconds));
        s
    }
}

/// A duration on the command line: `30` (seconds), `30s`, `500ms`, `10m`,
/// `1h`, `1m30s`. Zero is refused.
pub fn parse_duration(s: &str) -> std::result::Result<Duration, String> {
    let t = s.trim();
    let bad = || format!("'{s}' is not a duration (like 30, 30s, 500ms, 10m, 1h or 1m30s)");
    if t.is_empty() {
        return Err(bad());
    }
    let mut total = Duration::ZERO;
    let mut rest = t;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let value: f64 = rest[..digits].parse().map_err(|_| bad())?;
        rest = rest[digits..].trim_start();
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.' || c == ' ')
            .unwrap_or(rest.len());
        let seconds = match &rest[..unit_len] {
            "" if digits == t.len() => 1.0,
            "ms" => 0.001,
            "s" | "sec" | "secs" => 1.0,
            "m" | "min" | "mins" => 60.0,
            "h" => 3600.0,
            _ => return Err(bad()),
        };
        total += Duration::try_from_secs_f64(value * seconds).map_err(|_| bad())?;
        rest = rest[unit_len..].trim_start();
    }
    if total.is_zero() {
        return Err(format!("'{s}': a duration must be more than zero"));
    }
    Ok(total)
}

/// A duration for messages: `1 s`, `2.5 s`, `10 min`.
fn show_duration(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs >= 120.0 && secs % 60.0 == 0.0 {
        format!("{} min", secs / 60.0)
    } else if secs.fract() == 0.0 {
        format!("{secs} s")
    } else {
        format!("{secs:.1} s")
    }
}

/// The URL with any credentials in it replaced by `***`, for messages.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..end].rfind('@') {
        Some(at) => format!("{scheme}://***{}", &rest[at..]),
        None => url.to_string(),
    }
}

/// Checks the endpoint before anything is read or sent: an absolute http://
/// or https:// URL with a host, and no credentials in it.
pub fn check_endpoint(endpoint: &str) -> Result<()> {
    let shown = redact(endpoint);
    let lower = endpoint.trim_start().to_ascii_lowercase();
    let Some((scheme, _)) = lower.split_once("://") else {
        bail!("--endpoint {shown}: not an absolute URL (like http://localhost:7878/store)");
    };
    if scheme != "http" && scheme != "https" {
        bail!(
            "--endpoint {shown}: the scheme {scheme}:// is not supported (use http:// or https://)"
        );
    }
    if shown != endpoint {
        bail!(
            "--endpoint {shown}: the URL carries credentials; they are not used. Give the user \
             with --user and the password in $DIPLOGRAPH_PASSWORD (or --password-env VAR, or at the \
             prompt): a password on the command line shows in the process list and shell history"
        );
    }
    let uri: ureq::http::Uri = endpoint
        .parse()
        .map_err(|e| anyhow::anyhow!("--endpoint {shown}: not a valid URL ({e})"))?;
    if uri.host().is_none_or(str::is_empty) {
        bail!("--endpoint {shown}: the URL has no host");
    }
    Ok(())
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

type Sent = std::result::Result<ureq::http::Response<ureq::Body>, ureq::Error>;

/// Sends with credentials: Basic first; on a 401 switches to Digest for this
/// and every later request (`digest`), answering the server's challenge. The
/// challenge is asked for with an empty body: a server that answers 401 may
/// close the connection before reading a large body (a broken pipe). A
/// server that refuses Basic without a challenge, or closes the connection
/// on it, is asked once more without credentials to obtain one.
fn send_authenticated(
    request: impl Fn(Option<&str>, bool) -> Sent,
    user: &str,
    password: &str,
    method: &str,
    url: &str,
    digest: &Cell<bool>,
) -> Sent {
    let challenge_of = |resp: &ureq::http::Response<ureq::Body>| {
        (resp.status().as_u16() == 401)
            .then(|| resp.headers().get_all("www-authenticate"))
            .into_iter()
            .flatten()
            .filter_map(|v| v.to_str().ok())
            .find_map(DigestChallenge::parse)
    };
    let mut result = if digest.get() {
        request(None, false)
    } else {
        request(Some(&basic_auth(user, password)), true)
    };
    let mut challenge = result.as_ref().ok().and_then(challenge_of);
    let refused = match &result {
        Ok(resp) => resp.status().as_u16() == 401,
        Err(e) => closed_by_server(e),
    };
    if challenge.is_none() && refused {
        result = request(None, false);
        challenge = result.as_ref().ok().and_then(challenge_of);
    }
    if let Some(ch) = challenge {
        digest.set(true);
        let cnonce = format!("{:016x}", rand_u64());
        let header = ch.authorization(user, password, method, &request_target(url), &cnonce);
        result = request(Some(&header), true);
    }
    result
}

/// Why one request did not go through.
enum Failure {
    /// This graph (or batch) failed; the push goes on.
    Graph(anyhow::Error),
    /// The push stops: the deadline passed, or the endpoint stopped answering.
    Stop(String),
}

/// The HTTP side of a push: the agent, the clock and the failure count.
struct Sender<'a> {
    agent: ureq::Agent,
    opts: &'a PushOptions,
    digest: Cell<bool>,
    /// When `--deadline` runs out.
    deadline: Option<Instant>,
    /// Attempts in a row that got no HTTP answer.
    consecutive: u32,
}

impl Sender<'_> {
    /// Time left before the deadline (`None`: no deadline).
    fn left(&self) -> Option<Duration> {
        self.deadline
            .map(|d| d.saturating_duration_since(Instant::now()))
    }

    fn deadline_passed(&self) -> String {
        let d = self.opts.deadline.unwrap_or_default();
        format!("the deadline (--deadline {}) passed", show_duration(d))
    }

    /// Sends one request, retrying on connection errors and 5xx with backoff.
    fn send(
        &mut self,
        method: &str,
        url: &str,
        content_type: &str,
        body: &str,
    ) -> std::result::Result<(), Failure> {
        let opts = self.opts;
        let shown = redact(url);
        let mut delay = Duration::from_millis(250);
        let mut attempt = 0;
        // What went wrong with the previous attempt, for the deadline's message.
        let mut last: Option<String> = None;
        loop {
            attempt += 1;
            let left = self.left();
            if left.is_some_and(|l| l.is_zero()) {
                let last = last.map_or(String::new(), |l| format!(" (the last attempt: {l})"));
                return Err(Failure::Stop(format!(
                    "{} during {method} {shown}{last}",
                    self.deadline_passed()
                )));
            }
            // The deadline cuts a request short when it comes first.
            let timeout = left.map_or(opts.timeout, |l| l.min(opts.timeout));
            // `full`: with the body; without, a probe for a Digest challenge.
            let request = |auth: Option<&str>, full: bool| {
                let mut req = match method {
                    "PUT" => self.agent.put(url),
                    _ => self.agent.post(url),
                }
                .config()
                .timeout_global(Some(timeout))
                .build()
                .header("Content-Type", content_type);
                if let Some(a) = auth {
                    req = req.header("Authorization", a);
                }
                req.send(if full { body } else { "" })
            };
            let mut result = match (&opts.user, &opts.password) {
                (Some(u), Some(p)) => send_authenticated(request, u, p, method, url, &self.digest),
                _ => request(None, true),
            };
            let retryable = match &mut result {
                Ok(resp) if resp.status().is_success() => {
                    self.consecutive = 0;
                    return Ok(());
                }
                Ok(resp) => {
                    self.consecutive = 0;
                    let status = resp.status().as_u16();
                    if status < 500 {
                        // The server's explanation, first line, kept short.
                        let mut head = Vec::new();
                        let _ = std::io::Read::read_to_end(
                            &mut std::io::Read::take(resp.body_mut().as_reader(), 4096),
                            &mut head,
                        );
                        let why = String::from_utf8_lossy(&head);
                        let why: String = why
                            .lines()
                            .map(str::trim)
                            .find(|l| !l.is_empty())
                            .unwrap_or("")
                            .chars()
                            .take(300)
                            .collect();
                        return Err(Failure::Graph(if why.is_empty() {
                            anyhow::anyhow!("{method} {shown}: HTTP {status}")
                        } else {
                            anyhow::anyhow!("{method} {shown}: HTTP {status}: {why}")
                        }));
                    }
                    format!("HTTP {status}")
                }
                Err(e) => {
                    // A connection the server closed under a pooled
                    // request (broken pipe, reset) is retried, but it shows
                    // a live server: it does not count toward --max-failures.
                    if !closed_by_server(e) {
                        self.consecutive += 1;
                    }
                    let what = match e {
                        ureq::Error::Timeout(_) => {
                            format!("no answer within {}", show_duration(timeout))
                        }
                        e => redact(&e.to_string()),
                    };
                    if self.left().is_some_and(|l| l.is_zero()) {
                        return Err(Failure::Stop(format!(
                            "{} during {method} {shown} (the last attempt: {what})",
                            self.deadline_passed()
                        )));
                    }
                    if opts.max_failures > 0 && self.consecutive >= opts.max_failures {
                        return Err(Failure::Stop(format!(
                            "{} consecutive attempts got no answer from the endpoint (--max-failures {}); the last: {method} {shown}: {what}",
                            self.consecutive, opts.max_failures
                        )));
                    }
                    what
                }
            };
            if attempt > opts.retries {
                return Err(Failure::Graph(anyhow::anyhow!(
                    "{method} {shown}: {retryable} (after {attempt} attempts)"
                )));
            }
            last = Some(retryable);
            let pause = self.left().map_or(delay, |l| l.min(delay));
            std::thread::sleep(pause);
            delay *= 2;
        }
    }
}

/// Whether a request failed because the server closed a connection it had
/// accepted (so the server is there), rather than getting no answer.
fn closed_by_server(e: &ureq::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(e, ureq::Error::Io(io) if matches!(io.kind(), BrokenPipe | ConnectionReset | ConnectionAborted | UnexpectedEof))
}

/// An HTTP Digest challenge (RFC 7616), MD5 with `qop=auth` or none.
#[derive(Debug, PartialEq, Eq)]
struct DigestChallenge {
    realm: String,
    nonce: String,
    opaque: Option<String>,
    qop_auth: bool,
}

impl DigestChallenge {
    /// Parses a `WWW-Authenticate: Digest …` value; `None` for other schemes
    /// or algorithms this client does not speak.
    fn parse(header: &str) -> Option<DigestChallenge> {
        let rest = header.trim().strip_prefix("Digest")?.trim_start();
        let mut params = std::collections::HashMap::new();
        let mut s = rest;
        while !s.is_empty() {
            let eq = s.find('=')?;
            let key = s[..eq]
                .trim()
                .trim_start_matches(',')
                .trim()
                .to_ascii_lowercase();
            s = s[eq + 1..].trim_start();
            let value;
            if let Some(q) = s.strip_prefix('"') {
                let end = q.find('"')?;
                value = q[..end].to_string();
                s = &q[end + 1..];
            } else {
                let end = s.find(',').unwrap_or(s.len());
                value = s[..end].trim().to_string();
                s = &s[end..];
            }
            s = s.trim_start().trim_start_matches(',').trim_start();
            params.insert(key, value);
        }
        if let Some(alg) = params.get("algorithm") {
            if !alg.eq_ignore_ascii_case("MD5") {
                return None;
            }
        }
        Some(DigestChallenge {
            realm: params.get("realm")?.clone(),
            nonce: params.get("nonce")?.clone(),
            opaque: params.get("opaque").cloned(),
            qop_auth: params
                .get("qop")
                .is_some_and(|q| q.split(',').any(|x| x.trim() == "auth")),
        })
    }

    fn authorization(
        &self,
        user: &str,
        password: &str,
        method: &str,
        uri: &str,
        cnonce: &str,
    ) -> String {
        let ha1 = md5_hex(&format!("{user}:{}:{password}", self.realm));
        let ha2 = md5_hex(&format!("{method}:{uri}"));
        let mut h = format!(
            "Digest username=\"{user}\", realm=\"{}\", nonce=\"{}\", uri=\"{uri}\", algorithm=MD5",
            self.realm, self.nonce
        );
        let response = if self.qop_auth {
            h.push_str(&format!(", qop=auth, nc=00000001, cnonce=\"{cnonce}\""));
            md5_hex(&format!(
                "{ha1}:{}:00000001:{cnonce}:auth:{ha2}",
                self.nonce
            ))
        } else {
            md5_hex(&format!("{ha1}:{}:{ha2}", self.nonce))
        };
        h.push_str(&format!(", response=\"{response}\""));
        if let Some(o) = &self.opaque {
            h.push_str(&format!(", opaque=\"{o}\""));
        }
        h
    }
}

fn md5_hex(s: &str) -> String {
    use md5::{Digest, Md5};
    Md5::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The path and query of a URL, as Digest's `uri` field wants it.
fn request_target(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, r)| r);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_string(),
        None => "/".to_string(),
    }
}

/// A client nonce: not a secret, only needs to differ between requests.
fn rand_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    h.finish()
}

pub fn run(store: GraphStore, opts: &PushOptions) -> Result<PushSummary> {
    check_endpoint(&opts.endpoint)?;
    let start = Instant::now();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut sender = Sender {
        agent,
        opts,
        digest: Cell::new(false),
        deadline: opts.deadline.map(|d| start + d),
        consecutive: 0,
    };
    let ontology = crate::ns::ontology_graph();
    let reference = crate::ns::reference_graph();
    let mut store = store.into_scan()?;
    let is_reference = |g: &NamedNode| g.as_str() == ontology || g.as_str() == reference;
    let next_graph = |store: &mut crate::store::GraphScan| -> Result<Option<NamedNode>> {
        while let Some(g) = store.next_named_graph()? {
            if opts.include_reference || !is_reference(&g) {
                return Ok(Some(g));
            }
        }
        Ok(None)
    };
    // Every store has the ontology and reference graphs.
    let total = match opts.include_reference {
        true => store.named_graph_count()?,
        false => store.named_graph_count()?.saturating_sub(2),
    };
    let bar = super::progress_bar(total as u64, "{bar:40} {pos}/{len} graphs {msg}");
    let mut summary = PushSummary::default();
    // One request: its graphs and triples, sent or failed; false when the push stops.
    let account = |summary: &mut PushSummary,
                   result: std::result::Result<(), Failure>,
                   graphs: usize,
                   triples: usize|
     -> bool {
        if let Some(bar) = &bar {
            bar.inc(graphs as u64);
        }
        match result {
            Ok(()) => {
                summary.graphs_sent += graphs;
                summary.triples_sent += triples;
                true
            }
            Err(Failure::Graph(e)) => {
                match &bar {
                    Some(bar) => bar.suspend(|| message(format_args!("diplograph: {e:#}"))),
                    None => message(format_args!("diplograph: {e:#}")),
                }
                summary.graphs_failed += graphs;
                true
            }
            Err(Failure::Stop(why)) => {
                summary.stopped = Some(why);
                false
            }
        }
    };
    let sep = if opts.endpoint.contains('?') {
        '&'
    } else {
        '?'
    };
    match opts.protocol {
        Protocol::Gsp => {
            while let Some(g) = next_graph(&mut store)? {
                let triples = store.graph_triples(&g)?;
                let url = format!(
                    "{}{sep}{}={}",
                    opts.endpoint,
                    opts.graph_param,
                    crate::rdf::encode_segment(g.as_str())
                );
                let result = sender.send(
                    "PUT",
                    &url,
                    "application/n-triples; charset=utf-8",
                    &ntriples(&triples),
                );
                if !account(&mut summary, result, 1, triples.len()) {
                    break;
                }
            }
        }
        Protocol::Update => {
            // Requests hold up to --batch graphs and, whatever their number,
            // at most UPDATE_TRIPLES triples (Virtuoso refuses an update
            // whose SQL grows past 10,000 lines); a larger graph is dropped
            // and inserted over several requests, in order.
            let mut request = UpdateRequest::default();
            let mut stopped = false;
            // Sends what the request holds; false when the push stops.
            let mut post = |request: &mut UpdateRequest, summary: &mut PushSummary| {
                let (body, graphs, n) = request.take();
                let result = sender.send(
                    "POST",
                    &opts.endpoint,
                    "application/sparql-update; charset=utf-8",
                    &body,
                );
                account(summary, result, graphs, n)
            };
            while let Some(g) = next_graph(&mut store)? {
                let triples = store.graph_triples(&g)?;
                let mut parts = triples.chunks(UPDATE_TRIPLES).peekable();
                let mut first = true;
                loop {
                    let part = parts.next().unwrap_or(&[]);
                    let last = parts.peek().is_none();
                    let full = request.triples + part.len() > UPDATE_TRIPLES
                        || request.graphs >= opts.batch.max(1);
                    if full && !post(&mut request, &mut summary) {
                        stopped = true;
                        break;
                    }
                    request.add(&g, part, first, last);
                    first = false;
                    if last {
                        break;
                    }
                }
                if stopped {
                    break;
                }
            }
            if !stopped && !request.body.is_empty() {
                post(&mut request, &mut summary);
            }
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if summary.stopped.is_some() {
        summary.graphs_not_sent = total.saturating_sub(summary.graphs_sent + summary.graphs_failed);
    }
    summary.seconds = start.elapsed().as_secs_f64();
    Ok(summary)
}

/// The most triples one SPARQL Update request carries.
const UPDATE_TRIPLES: usize = 1000;

/// One SPARQL Update request being filled: `DROP SILENT GRAPH` before the
/// first part of each graph, `INSERT DATA` for every part.
#[derive(Default)]
struct UpdateRequest {
    body: String,
    /// Graphs whose last part is in this request.
    graphs: usize,
    triples: usize,
}

impl UpdateRequest {
    fn add(&mut self, g: &NamedNode, part: &[Triple], first: bool, last: bool) {
        if first {
            self.body.push_str(&format!("DROP SILENT GRAPH {g} ;\n"));
        }
        if !part.is_empty() {
            self.body.push_str(&format!(
                "INSERT DATA {{ GRAPH {g} {{\n{}}} }} ;\n",
                ntriples(part)
            ));
        }
        self.triples += part.len();
        self.graphs += usize::from(last);
    }

    /// The body, graph count and triple count so far; empties the request.
    fn take(&mut self) -> (String, usize, usize) {
        let taken = (std::mem::take(&mut self.body), self.graphs, self.triples);
        (self.graphs, self.triples) = (0, 0);
        taken
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_graph_is_updated_over_several_requests_dropped_once() {
        let g = NamedNode::new_unchecked("http://example.org/g");
        let triples: Vec<Triple> = (0..2500)
            .map(|i| {
                Triple::new(
                    NamedNode::new_unchecked(format!("http://example.org/s{i}")),
                    NamedNode::new_unchecked("http://example.org/p"),
                    NamedNode::new_unchecked("http://example.org/o"),
                )
            })
            .collect();
        let parts: Vec<&[Triple]> = triples.chunks(UPDATE_TRIPLES).collect();
        assert_eq!(parts.len(), 3);
        let mut request = UpdateRequest::default();
        request.add(&g, parts[0], true, false);
        let (body, graphs, n) = request.take();
        assert_eq!((graphs, n), (0, 1000));
        assert_eq!(body.matches("DROP SILENT GRAPH").count(), 1);
        request.add(&g, parts[1], false, false);
        request.add(&g, parts[2], false, true);
        let (body, graphs, n) = request.take();
        assert_eq!((graphs, n), (1, 1500));
        assert!(!body.contains("DROP"), "{body}");
        assert_eq!(body.matches("INSERT DATA").count(), 2);
        // An empty graph is still dropped.
        request.add(&g, &[], true, true);
        let (body, graphs, _) = request.take();
        assert_eq!(graphs, 1);
        assert!(body.starts_with("DROP SILENT GRAPH") && !body.contains("INSERT"));
    }

    #[test]
    fn basic_auth_header() {
        assert_eq!(basic_auth("dba", "dba"), "Basic ZGJhOmRiYQ==");
        assert_eq!(basic_auth("a", "bc"), "Basic YTpiYw==");
    }

    /// The worked example of RFC 2617 section 3.5.
    #[test]
    fn digest_response_matches_rfc_2617_example() {
        let ch = DigestChallenge::parse(
            r#"Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41""#,
        )
        .unwrap();
        assert!(ch.qop_auth);
        let h = ch.authorization(
            "Mufasa",
            "Circle Of Life",
            "GET",
            "/dir/index.html",
            "0a4f113b",
        );
        assert!(
            h.contains(r#"response="6629fae49393a05397450978507c4ef1""#),
            "{h}"
        );
        assert!(h.contains(r#"opaque="5ccc069c403ebaf9f0171e9517f40e41""#));
        assert_eq!(DigestChallenge::parse(r#"Basic realm="x""#), None);
        assert_eq!(
            DigestChallenge::parse(r#"Digest realm="x", nonce="n", algorithm=SHA-256"#),
            None
        );
        assert_eq!(
            request_target("http://h:8890/a/b?graph-uri=x"),
            "/a/b?graph-uri=x"
        );
    }

    #[test]
    fn graph_iris_are_encoded_in_urls() {
        assert_eq!(
            crate::rdf::encode_segment("https://w3id.org/x?y"),
            "https%3A%2F%2Fw3id.org%2Fx%3Fy"
        );
    }

    #[test]
    fn endpoints_are_checked_and_credentials_redacted() {
        assert_eq!(
            redact("http://dba:s3cret@127.0.0.1:8890/x?graph=a@b"),
            "http://***@127.0.0.1:8890/x?graph=a@b"
        );
        assert_eq!(redact("http://127.0.0.1/a@b"), "http://127.0.0.1/a@b");
        assert!(check_endpoint("http://127.0.0.1:7878/store").is_ok());
        assert!(check_endpoint("https://example.org/kg/data?x=1").is_ok());
        for (bad, says) in [
            (
                "ftp://127.0.0.1/store",
                "the scheme ftp:// is not supported",
            ),
            ("127.0.0.1:7878/store", "not an absolute URL"),
            ("http:///store", "not a valid URL"),
            ("http://:8080/store", "no host"),
            ("http://exa mple.org/", "not a valid URL"),
            ("http://dba:s3cret@127.0.0.1/", "carries credentials"),
        ] {
            let e = check_endpoint(bad).unwrap_err().to_string();
            assert!(e.contains(says), "{bad}: {e}");
            assert!(!e.contains("s3cret"), "{e}");
        }
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("10m"), Ok(Duration::from_secs(600)));
        assert_eq!(parse_duration("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(parse_duration("1m30s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
        for bad in ["", "0", "0s", "ten", "10 parsecs", "1m30", "-1"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        assert_eq!(show_duration(Duration::from_secs(600)), "10 min");
        assert_eq!(show_duration(Duration::from_millis(1500)), "1.5 s");
        assert_eq!(show_duration(Duration::from_secs(1)), "1 s");
    }
}
