//! The store under stress, as a user drives it: re-ingesting a corpus and
//! killing the process at several points must leave every article in its
//! old or its new version, and the entities graph with nothing that no
//! article reports.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Instant;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_diplograph"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run diplograph")
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const STATES: &[(&str, &str)] = &[
    ("Peru", "Peruvian"),
    ("Chile", "Chilean"),
    ("Kenya", "Kenyan"),
    ("Norway", "Norwegian"),
    ("Poland", "Polish"),
    ("Ghana", "Ghanaian"),
];

/// `n` articles in JSON Lines; `version` changes every article's title and
/// what it reports, so the old and the new graph of each differ.
fn corpus(n: usize, version: &str) -> String {
    let mut out = String::new();
    for i in 0..n {
        let (a, _) = STATES[i % STATES.len()];
        let (b, bd) = STATES[(i + 1 + i / STATES.len()) % STATES.len()];
        let day = 1 + i % 27;
        let text = if version == "old" {
            format!("{a} expelled a {bd} diplomat on March {day}. {a} accused {b} of espionage on March {day}.")
        } else {
            format!("{a} held talks with {b} on April {day}. The two states agreed to reopen their embassies.")
        };
        let record = serde_json::json!({
            "id": format!("art-{i}"), "title": version, "published": "2023-05-01", "text": text,
        });
        out.push_str(&record.to_string());
        out.push('\n');
    }
    out
}

/// Per article: its title (the version it is in) and the quads of its graph.
fn articles(store: &str, dir: &Path) -> BTreeMap<String, (String, usize)> {
    let q = dir.join("per-article.rq");
    std::fs::write(
        &q,
        "PREFIX dg: <https://w3id.org/diplograph/ns#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?source ?title (COUNT(*) AS ?n) WHERE {
  GRAPH ?g { ?a dg:sourceId ?source ; dct:title ?title . ?s ?p ?o }
} GROUP BY ?source ?title",
    )
    .unwrap();
    let out = ok(run(&[
        "query",
        "--store",
        store,
        q.to_str().unwrap(),
        "--format",
        "tsv",
    ]));
    out.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let unquote = |s: &str| s.trim_matches('"').to_string();
            let n: usize = unquote(f[2].split("^^").next().unwrap()).parse().unwrap();
            (unquote(f[0]), (unquote(f[1]), n))
        })
        .collect()
}

/// The entities graph, as sorted N-Quads lines.
fn entities(store: &str) -> Vec<String> {
    let out = ok(run(&[
        "export", "--store", store, "--graph", "entities", "--format", "nq",
    ]));
    let mut lines: Vec<String> = out.lines().map(str::to_string).collect();
    lines.sort();
    lines
}

fn ingest(store: &str, file: &Path) {
    ok(run(&[
        "ingest",
        "--quiet",
        "--batch",
        "10",
        "--store",
        store,
        file.to_str().unwrap(),
    ]));
}

#[test]
fn a_killed_reingest_leaves_every_article_old_or_new() {
    let dir = tempfile::tempdir().unwrap();
    let n = 300;
    let (old, new) = (dir.path().join("old.jsonl"), dir.path().join("new.jsonl"));
    std::fs::write(&old, corpus(n, "old")).unwrap();
    std::fs::write(&new, corpus(n, "new")).unwrap();
    // What each article's graph holds in either version.
    let only_old = dir.path().join("only-old").display().to_string();
    let only_new = dir.path().join("only-new").display().to_string();
    ingest(&only_old, &old);
    ingest(&only_new, &new);
    let (want_old, want_new) = (
        articles(&only_old, dir.path()),
        articles(&only_new, dir.path()),
    );
    assert_eq!(want_old.len(), n);
    assert_eq!(want_new.len(), n);

    // How long a whole re-ingest takes, to place the kills inside it.
    let timing = dir.path().join("timing").display().to_string();
    ingest(&timing, &old);
    let start = Instant::now();
    ingest(&timing, &new);
    let whole = start.elapsed();

    let store = dir.path().join("store").display().to_string();
    ingest(&store, &old);
    let mut killed_midway = 0;
    for tenth in [1, 3, 5, 7, 9] {
        let mut child = bin()
            .args(["ingest", "--quiet", "--batch", "10", "--store", &store])
            .arg(&new)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(whole * tenth / 10);
        child.kill().unwrap();
        child.wait().unwrap();
        let now = articles(&store, dir.path());
        assert_eq!(now.len(), n, "articles lost after a kill at {tenth}/10");
        let mut renewed = 0;
        for (id, (title, quads)) in &now {
            let want = if title == "new" { &want_new } else { &want_old };
            assert_eq!(
                want.get(id),
                Some(&(title.clone(), *quads)),
                "{id} is neither its old nor its new version after a kill at {tenth}/10"
            );
            renewed += usize::from(title == "new");
        }
        eprintln!("kill at {tenth}/10 of {whole:?}: {renewed} of {n} articles renewed");
        killed_midway += usize::from(renewed > 0 && renewed < n);
        // Put the old corpus back for the next kill.
        ingest(&store, &old);
    }
    eprintln!("{killed_midway} of 5 kills landed mid-way");
    // Finished, the re-ingest leaves exactly what the new corpus alone gives:
    // nothing the old articles said survives in the entities graph.
    ingest(&store, &new);
    assert_eq!(articles(&store, dir.path()), want_new);
    assert_eq!(entities(&store), entities(&only_new));
}

#[test]
fn store_commands_refuse_a_path_without_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("typo.db");
    let typo = typo.to_str().unwrap();
    for args in [
        vec!["query", "--store", typo, "states"],
        vec!["export", "--store", typo],
        vec!["stats", "--store", typo],
        vec!["dot", "--store", typo],
        vec!["analyze", "--store", typo],
        vec!["validate", "--store", typo],
        vec![
            "push",
            "--store",
            typo,
            "--endpoint",
            "http://127.0.0.1:9/store",
        ],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("no store at") && err.contains("typo.db"),
            "{args:?}: {err}"
        );
        assert!(!Path::new(typo).exists(), "{args:?} created {typo}");
    }
}

#[test]
fn bad_dates_are_refused_before_the_store_is_opened() {
    for bad in ["2023-04-1é", "abc", "2023-02-30"] {
        let o = run(&["dot", "--store", "/nonexistent", "--from", bad]);
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("not a date"), "{bad}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

/// Queries never time out here; what is checked is the layout that keeps
/// them fast: a state or an official named by many articles is described
/// once, and an incident several articles report has one description.
#[test]
fn shared_descriptions_are_written_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("copies.jsonl");
    let mut text = String::new();
    for i in 0..20 {
        text.push_str(
            &serde_json::json!({
                "id": format!("copy-{i}"), "published": "2023-04-07",
                "text": "Azerbaijan expelled four Iranian diplomats on April 6, Foreign Minister Jeyhun Bayramov said.",
            })
            .to_string(),
        );
        text.push('\n');
    }
    std::fs::write(&file, text).unwrap();
    let store = dir.path().join("store").display().to_string();
    ingest(&store, &file);
    // Quads matching `pattern` in any one graph but the reference graph
    // (which describes every state and known office-holder once).
    let count = |pattern: &str| -> usize {
        let q = dir.path().join("count.rq");
        std::fs::write(
            &q,
            format!(
                "PREFIX dg: <https://w3id.org/diplograph/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT (COUNT(*) AS ?n) WHERE {{
  GRAPH ?g {{ {pattern} }} FILTER(?g != <https://w3id.org/diplograph/graph/reference>)
}}"
            ),
        )
        .unwrap();
        let out = ok(run(&[
            "query",
            "--store",
            &store,
            q.to_str().unwrap(),
            "--format",
            "csv",
        ]));
        out.lines().nth(1).unwrap().trim().parse().unwrap()
    };
    assert_eq!(
        count("<https://w3id.org/diplograph/id/state/AZE> dg:iso3 ?c"),
        0
    );
    assert_eq!(count("?e a dg:Event ; dg:category \"SANCTION\""), 1);
    assert_eq!(count("?e dg:reportedIn ?a"), 20);
    assert_eq!(
        count("?a dg:mentions <https://w3id.org/diplograph/id/state/AZE>"),
        20
    );
    assert_eq!(count("?o a dg:Official ; rdfs:label ?l"), 1);
    assert_eq!(
        count("?o dg:serves ?s"),
        20,
        "each article says whom he serves"
    );
}

#[test]
fn closed_output_streams_are_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store").display().to_string();
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/tass-2023-04-17.txt");
    ok(run(&[
        "ingest",
        "--quiet",
        "--store",
        &store,
        seed.to_str().unwrap(),
    ]));
    // stdout closed before the first line is written.
    let mut child = bin()
        .args(["export", "--store", &store, "--format", "nq"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "{err}");
}
