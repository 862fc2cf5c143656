//! `diplograph push`: send the store's graphs to a remote triple store over
//! the SPARQL 1.1 Graph Store HTTP Protocol (one PUT per graph, so pushing
//! again replaces rather than duplicates) or SPARQL 1.1 Update (DROP + INSERT
//! DATA per graph), with batching, retries with backoff on 5xx and
//! connection errors, and HTTP Basic or Digest authentication (Digest when
//! the server's 401 challenge asks for it, as Virtuoso's `-auth` endpoints
//! do). The password comes from an environment variable or a prompt, never
//! from the command line.

use crate::store::GraphStore;
use anyhow::{bail, Context as _, Result};
use oxigraph::model::{NamedNode, Triple};
use std::cell::Cell;
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

type Sent = std::result::Result<ureq::http::Response<ureq::Body>, ureq::Error>;

/// Sends with credentials: Basic first; on a 401 switches to Digest for this
/// and every later request (`digest`), answering the server's challenge. A
/// server that refuses Basic without a challenge is asked once more without
/// credentials to obtain one.
fn send_authenticated(
    request: impl Fn(Option<&str>) -> Sent,
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
        request(None)
    } else {
        request(Some(&basic_auth(user, password)))
    };
    let mut challenge = result.as_ref().ok().and_then(challenge_of);
    if challenge.is_none() && !digest.get() {
        if let Ok(resp) = &result {
            if resp.status().as_u16() == 401 {
                result = request(None);
                challenge = result.as_ref().ok().and_then(challenge_of);
            }
        }
    }
    if let Some(ch) = challenge {
        digest.set(true);
        let cnonce = format!("{:016x}", rand_u64());
        let header = ch.authorization(user, password, method, &request_target(url), &cnonce);
        result = request(Some(&header));
    }
    result
}

/// Sends one request, retrying on connection errors and 5xx with backoff.
fn send(
    agent: &ureq::Agent,
    opts: &PushOptions,
    method: &str,
    url: &str,
    content_type: &str,
    body: &str,
    digest: &Cell<bool>,
) -> Result<()> {
    let mut delay = Duration::from_millis(250);
    let mut attempt = 0;
    loop {
        attempt += 1;
        let request = |auth: Option<&str>| {
            let mut req = match method {
                "PUT" => agent.put(url),
                _ => agent.post(url),
            }
            .header("Content-Type", content_type);
            if let Some(a) = auth {
                req = req.header("Authorization", a);
            }
            req.send(body)
        };
        let mut result = match (&opts.user, &opts.password) {
            (Some(u), Some(p)) => send_authenticated(request, u, p, method, url, digest),
            _ => request(None),
        };
        let retryable = match &mut result {
            Ok(resp) if resp.status().is_success() => return Ok(()),
            Ok(resp) => {
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
                    if why.is_empty() {
                        bail!("{method} {url}: HTTP {status}");
                    }
                    bail!("{method} {url}: HTTP {status}: {why}");
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
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into();
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
    let digest = Cell::new(false);
    match opts.protocol {
        Protocol::Gsp => {
            while let Some(g) = next_graph(&mut store)? {
                let triples = store.graph_triples(&g)?;
                let sep = if opts.endpoint.contains('?') {
                    '&'
                } else {
                    '?'
                };
                let url = format!(
                    "{}{sep}{}={}",
                    opts.endpoint,
                    opts.graph_param,
                    crate::rdf::encode_segment(g.as_str())
                );
                match send(
                    &agent,
                    opts,
                    "PUT",
                    &url,
                    "application/n-triples; charset=utf-8",
                    &ntriples(&triples),
                    &digest,
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
        Protocol::Update => loop {
            let mut chunk = Vec::new();
            while chunk.len() < opts.batch.max(1) {
                match next_graph(&mut store)? {
                    Some(g) => chunk.push(g),
                    None => break,
                }
            }
            if chunk.is_empty() {
                break;
            }
            let mut body = String::new();
            let mut n = 0;
            for g in &chunk {
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
                "application/sparql-update; charset=utf-8",
                &body,
                &digest,
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
        },
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
}
