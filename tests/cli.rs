//! The command line as a user runs it, in temporary folders: ingest → query →
//! export → re-ingest, every kind of bad input, and the N-Quads export
//! checked by Debian's `rapper`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_diplograph"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run diplograph")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/tass-2023-04-17.txt")
}

fn store_arg(dir: &Path) -> String {
    dir.join("store").display().to_string()
}

fn json_rows(o: &Output) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_str(&stdout(o))
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)));
    v["results"]["bindings"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// Whether an external tool the test needs is installed. CI installs every
/// one of them, so there a missing tool fails the test instead of skipping it.
fn installed(program: &str, version_flag: &str, package: &str) -> bool {
    if Command::new(program).arg(version_flag).output().is_ok() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI installs {package} ({program})"
    );
    eprintln!("{program} not installed: skipping");
    false
}

fn quad_count(store: &str) -> usize {
    let o = run(&["export", "--store", store, "--format", "nq"]);
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o).lines().filter(|l| !l.trim().is_empty()).count()
}

#[test]
fn ingest_query_export_reingest_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_arg(dir.path());
    let o = run(&["ingest", "--store", &store, seed().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("ingested 1 articles (0 skipped)"),
        "{}",
        stderr(&o)
    );

    let o = run(&["query", "--store", &store, "states", "--format", "json"]);
    let states: Vec<String> = json_rows(&o)
        .iter()
        .map(|r| r["iso3"]["value"].as_str().unwrap().to_string())
        .collect();
    for s in ["IRN", "ISR", "AZE"] {
        assert!(
            states.contains(&s.to_string()),
            "{s} missing from {states:?}"
        );
    }

    let o = run(&[
        "query",
        "--store",
        &store,
        "accusations",
        "--format",
        "json",
    ]);
    let rows = json_rows(&o);
    assert!(
        rows.iter().any(|r| r["accuser"]["value"] == "IRN"
            && r["accused"]["value"] == "ISR"
            && r["date"]["value"] == "2023-04-17"
            && r["evidence"]["value"]
                .as_str()
                .unwrap()
                .contains("Israel is behind")),
        "{rows:#?}"
    );

    let before = quad_count(&store);
    let o = run(&["ingest", "--store", &store, seed().to_str().unwrap()]);
    assert!(o.status.success());
    assert_eq!(
        quad_count(&store),
        before,
        "re-ingesting the same article must not add quads"
    );
}

#[test]
fn between_query_binds_parameters() {
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());
    let o = run(&[
        "query", "--store", &store, "between", "--param", "a=IRN", "--param", "b=AZE", "--format",
        "json",
    ]);
    let rows = json_rows(&o);
    assert!(!rows.is_empty());
    for r in &rows {
        let pair = [
            r["actor"]["value"].as_str().unwrap(),
            r["target"]["value"].as_str().unwrap(),
        ];
        assert!(pair.contains(&"IRN") && pair.contains(&"AZE"), "{pair:?}");
    }
    // A parameter value is a term, not query text.
    let o = run(&[
        "query",
        "--store",
        &store,
        "between",
        "--param",
        "a=IRN\" || true || \"",
        "--param",
        "b=AZE",
        "--format",
        "json",
    ]);
    assert!(o.status.success());
    assert!(json_rows(&o).is_empty());
}

#[test]
fn bad_inputs_are_reported_and_the_rest_lands() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("good.txt"),
        "Title: Ok\nDate: 2024-01-02\n\nPeru expelled a Bolivian diplomat on Monday.\n",
    )
    .unwrap();
    std::fs::write(d.join("empty.txt"), "").unwrap();
    std::fs::write(d.join("binary.txt"), [0u8, 159, 146, 150, 0, 1]).unwrap();
    std::fs::write(d.join("latin1.txt"), b"Caf\xe9 in Lima.\n").unwrap();
    std::fs::write(
        d.join("mixed.jsonl"),
        "{\"id\": \"ok1\", \"text\": \"Chile condemned Peru.\", \"published\": \"2024-01-02\"}\n{broken\n{\"id\": \"notext\"}\n{\"id\": \"baddate\", \"text\": \"x\", \"published\": \"the other day\"}\n",
    )
    .unwrap();
    let store = store_arg(d);
    let missing = d.join("missing.jsonl");
    let o = bin()
        .args([
            "ingest",
            "--store",
            &store,
            d.to_str().unwrap(),
            missing.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for expected in [
        "empty.txt: the file is empty",
        "binary.txt: a binary file",
        "latin1.txt: invalid UTF-8 at line 1",
        "mixed.jsonl:2: not valid JSON",
        "mixed.jsonl:3: record notext: no `text`",
        "mixed.jsonl:4: record baddate: cannot read date 'the other day'",
        "missing.jsonl",
        "ingested 2 articles (7 skipped)",
    ] {
        assert!(err.contains(expected), "expected «{expected}» in:\n{err}");
    }
    assert!(!err.contains("panicked"));
    let o = run(&["query", "--store", &store, "articles", "--format", "json"]);
    let ids: Vec<String> = json_rows(&o)
        .iter()
        .map(|r| r["source"]["value"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
}

#[test]
fn stdin_jsonl() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let store = store_arg(dir.path());
    let mut child = bin()
        .args(["ingest", "--store", &store, "-"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"id\": 42, \"text\": \"Latvia expelled a Russian diplomat.\", \"published\": \"2023-01-24\"}\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&["query", "--store", &store, "events", "--format", "json"]);
    let rows = json_rows(&o);
    assert!(
        rows.iter()
            .any(|r| r["source"]["value"] == "42" && r["category"]["value"] == "SANCTION"),
        "{rows:#?}"
    );
}

#[test]
fn unknown_and_malformed_queries() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_arg(dir.path());
    let o = run(&["query", "--store", &store, "no-such-query"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown saved query 'no-such-query'"),
        "{}",
        stderr(&o)
    );
    let bad = dir.path().join("bad.rq");
    std::fs::write(&bad, "SELECT ?x WHERE { ?x ").unwrap();
    let o = run(&["query", "--store", &store, bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.rq"), "{}", stderr(&o));
    let o = run(&["query", "--store", &store, "states", "--param", "novalue"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn queries_lists_every_saved_query() {
    let o = run(&["queries"]);
    let out = stdout(&o);
    for q in [
        "states",
        "officials",
        "accusations",
        "timeline",
        "between",
        "by-category",
        "evidence",
        "active-actors",
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(q)),
            "{q} not listed:\n{out}"
        );
    }
}

#[test]
fn demo_prints_seed_facts() {
    let o = run(&["demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for s in [
        "IRN",
        "ISR",
        "AZE",
        "Nasser Kanani",
        "Fazil Mustafa",
        "Israel is behind",
    ] {
        assert!(out.contains(s), "{s} not in demo output:\n{out}");
    }
}

#[test]
fn nquads_export_parses_with_rapper() {
    if !installed("rapper", "--version", "raptor2-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());
    let nq = dir.path().join("out.nq");
    let o = run(&[
        "export",
        "--store",
        &store,
        "--format",
        "nq",
        "--output",
        nq.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines = std::fs::read_to_string(&nq)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .count();
    let r = Command::new("rapper")
        .args(["-i", "nquads", "-c", nq.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        r.status.success(),
        "rapper rejected the export: {}",
        String::from_utf8_lossy(&r.stderr)
    );
    let msg = String::from_utf8_lossy(&r.stderr);
    assert!(
        msg.contains(&format!("returned {lines} ")),
        "rapper counted differently from our {lines} lines: {msg}"
    );
}

#[test]
fn a_scan_keeps_writers_out_until_it_ends() {
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());
    let k = diplograph::knowledge::Knowledge::builtin().unwrap();
    let gs = diplograph::store::GraphStore::open(Path::new(&store), &k).unwrap();
    // An export or push in progress: read-only handles under the store's lock.
    let mut scan = gs.into_scan().unwrap();
    let mut n = 0;
    while let Some(g) = scan.next_graph().unwrap() {
        scan.for_each_quad(g.as_ref(), |_| {
            n += 1;
            Ok(())
        })
        .unwrap();
    }
    assert!(n > 1000, "{n}");
    let o = run(&["ingest", "--store", &store, seed().to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains(&store), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("another process is using it"),
        "{}",
        stderr(&o)
    );
    drop(scan);
    let o = run(&["ingest", "--store", &store, seed().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(quad_count(&store), n);
}

#[test]
fn every_export_format_works() {
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());
    for f in ["nq", "trig", "ttl", "nt"] {
        let o = run(&["export", "--store", &store, "--format", f]);
        assert!(o.status.success(), "{f}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(
            out.contains("<https://w3id.org/diplograph/id/state/IRN>") || out.contains("state:IRN"),
            "{f}: {}",
            &out[..out.len().min(2000)]
        );
    }
}

/// Compares `actual` with the golden file, or rewrites it when UPDATE_EXPECT=1.
fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_EXPECT=1)", path.display()));
    assert_eq!(
        actual,
        expected,
        "{} differs (run with UPDATE_EXPECT=1 to accept)",
        path.display()
    );
}

fn seed_store(dir: &Path) -> String {
    let store = store_arg(dir);
    assert!(
        run(&["ingest", "--store", &store, seed().to_str().unwrap()])
            .status
            .success()
    );
    store
}

fn fixture_store(dir: &Path) -> String {
    let store = store_arg(dir);
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus/articles.jsonl");
    let o = run(&["ingest", "--store", &store, corpus.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    store
}

#[test]
fn seed_views_match_golden_dot_files() {
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());
    for (view, file) in [
        ("relations", "seed/relations.dot"),
        ("events", "seed/events.dot"),
        ("officials", "seed/officials.dot"),
    ] {
        let o = run(&["dot", "--store", &store, view]);
        assert!(o.status.success(), "{view}: {}", stderr(&o));
        golden(file, &stdout(&o));
    }
}

#[test]
fn every_view_renders_with_graphviz() {
    if !installed("dot", "-V", "graphviz") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());
    for view in ["relations", "events", "officials"] {
        let svg = dir.path().join(format!("{view}.svg"));
        let o = run(&[
            "dot",
            "--store",
            &store,
            view,
            "--output",
            svg.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{view}: {}", stderr(&o));
        let text = std::fs::read_to_string(&svg).unwrap();
        assert!(text.contains("<svg"), "{view}");
        if view == "relations" {
            for node in ["state_IRN", "state_ISR", "state_AZE"] {
                assert!(
                    text.contains(&format!("<title>{node}</title>")),
                    "{node} missing"
                );
            }
            assert!(
                text.contains("<title>state_IRN&#45;&gt;state_ISR</title>"),
                "IRN->ISR edge missing"
            );
        }
    }
    let construct = dir.path().join("view.rq");
    std::fs::write(&construct, "PREFIX dg: <https://w3id.org/diplograph/ns#>\nCONSTRUCT { ?o dg:serves ?s . ?s a dg:State ; dg:iso3 ?i } WHERE { ?o dg:serves ?s . ?s dg:iso3 ?i }").unwrap();
    let png = dir.path().join("view.png");
    let o = run(&[
        "dot",
        "--store",
        &store,
        "--construct",
        construct.to_str().unwrap(),
        "--render",
        "png",
        "--output",
        png.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
}

#[test]
fn dot_focus_and_date_filters() {
    let dir = tempfile::tempdir().unwrap();
    let store = fixture_store(dir.path());
    let o = run(&["dot", "--store", &store, "relations"]);
    let all = stdout(&o);
    for s in [
        "state_PER",
        "state_BOL",
        "state_ECU",
        "state_COL",
        "state_VEN",
        "state_CHL",
    ] {
        assert!(all.contains(&format!("\"{s}\" [")), "{s} missing in\n{all}");
    }
    // One hop around Bolivia: Peru, not Ecuador or Colombia.
    let o = run(&[
        "dot",
        "--store",
        &store,
        "relations",
        "--focus",
        "BOL",
        "--hops",
        "1",
    ]);
    let focused = stdout(&o);
    assert!(
        focused.contains("\"state_PER\" [") && focused.contains("\"state_BOL\" ["),
        "{focused}"
    );
    assert!(
        !focused.contains("\"state_ECU\" [") && !focused.contains("\"state_COL\" ["),
        "{focused}"
    );
    // Two hops reach Ecuador and Chile through Peru.
    let o = run(&[
        "dot",
        "--store",
        &store,
        "relations",
        "--focus",
        "BOL",
        "--hops",
        "2",
    ]);
    assert!(stdout(&o).contains("\"state_ECU\" ["));
    // 2023 only: the 2022 Colombia–Venezuela dispute is gone.
    let o = run(&[
        "dot",
        "--store",
        &store,
        "relations",
        "--from",
        "2023-01",
        "--to",
        "2023-12",
    ]);
    let dated = stdout(&o);
    assert!(
        !dated.contains("state_COL") && dated.contains("state_PER"),
        "{dated}"
    );
    let o = run(&[
        "dot",
        "--store",
        &store,
        "events",
        "--category",
        "SANCTION",
        "--cluster-by",
        "article",
    ]);
    let ev = stdout(&o);
    assert!(ev.contains("SANCTION") && !ev.contains("CONSULT"), "{ev}");
    assert!(
        ev.contains("subgraph cluster_0") && ev.contains("label=\"fixture-1\""),
        "{ev}"
    );
}

#[test]
fn analyze_reports_states_and_dyads() {
    let dir = tempfile::tempdir().unwrap();
    let store = fixture_store(dir.path());
    let o = run(&["analyze", "--store", &store, "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let dyads = v["dyads"].as_array().unwrap();
    let bol_per = dyads
        .iter()
        .find(|d| d["a"] == "BOL" && d["b"] == "PER")
        .expect("BOL-PER dyad");
    assert!(bol_per["net_score"].as_f64().unwrap() < 0.0, "{bol_per}");
    let ecu_per = dyads
        .iter()
        .find(|d| d["a"] == "ECU" && d["b"] == "PER")
        .expect("ECU-PER dyad");
    assert!(ecu_per["net_score"].as_f64().unwrap() > 0.0, "{ecu_per}");
    let o = run(&["analyze", "--store", &store, "--format", "csv"]);
    assert!(stdout(&o)
        .lines()
        .next()
        .unwrap()
        .starts_with("kind,iso3,name"));
}

/// The pure core never opens files, prints, or holds the store.
#[test]
fn pure_modules_do_no_io() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let pure = [
        "text.rs",
        "dates.rs",
        "knowledge.rs",
        "model.rs",
        "rdf.rs",
        "input.rs",
        "graph.rs",
        "analysis.rs",
        "ns.rs",
        "queries.rs",
        "extract/mod.rs",
        "extract/states.rs",
        "extract/officials.rs",
        "extract/events.rs",
        "extract/tests.rs",
    ];
    for file in pure {
        let src = std::fs::read_to_string(root.join(file)).unwrap();
        // Only the non-test part of the file counts.
        let code = src.split("#[cfg(test)]").next().unwrap();
        for forbidden in [
            "std::fs",
            "File::",
            "stdout",
            "stderr",
            "println!",
            "eprintln!",
            "Store::",
            "GraphStore",
            "std::process",
        ] {
            assert!(!code.contains(forbidden), "{file} mentions {forbidden}");
        }
    }
}

/// Every export format parses back (with oxigraph's parsers, and with Debian's
/// rapper and rdflib where installed) to as many statements as N-Quads has.
#[test]
fn every_export_format_round_trips() {
    use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());
    let count = |format: RdfFormat, bytes: &[u8]| {
        RdfParser::from_format(format)
            .for_slice(bytes)
            .inspect(|q| assert!(q.is_ok(), "{q:?}"))
            .count()
    };
    let nq = run(&["export", "--store", &store, "--format", "nq"]).stdout;
    let expected = count(RdfFormat::NQuads, &nq);
    assert!(expected > 1000, "{expected}");
    let rapper = Command::new("rapper").arg("--version").output().is_ok();
    let rdflib = Command::new("python3")
        .args(["-c", "import rdflib"])
        .output()
        .is_ok_and(|o| o.status.success());
    if std::env::var_os("CI").is_some() {
        assert!(rapper && rdflib, "CI installs raptor2-utils and rdflib");
    }
    for (flag, format, rapper_name) in [
        ("nq", RdfFormat::NQuads, Some("nquads")),
        ("trig", RdfFormat::TriG, Some("trig")),
        ("ttl", RdfFormat::Turtle, Some("turtle")),
        ("nt", RdfFormat::NTriples, Some("ntriples")),
        ("rdfxml", RdfFormat::RdfXml, Some("rdfxml")),
        (
            "jsonld",
            RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
            None,
        ),
    ] {
        let file = dir.path().join(format!("out.{flag}"));
        let o = run(&[
            "export",
            "--store",
            &store,
            "--format",
            flag,
            "--output",
            file.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{flag}: {}", stderr(&o));
        let bytes = std::fs::read(&file).unwrap();
        assert_eq!(
            count(format, &bytes),
            expected,
            "{flag} parsed back differently"
        );
        if let (true, Some(name)) = (rapper, rapper_name) {
            let r = Command::new("rapper")
                .args(["-i", name, "-c", file.to_str().unwrap()])
                .output()
                .unwrap();
            assert!(
                r.status.success(),
                "rapper rejected {flag}: {}",
                String::from_utf8_lossy(&r.stderr)
            );
            assert!(
                String::from_utf8_lossy(&r.stderr).contains(&format!("returned {expected} ")),
                "rapper count for {flag}: {}",
                String::from_utf8_lossy(&r.stderr)
            );
        }
        if rdflib {
            let fmt = match flag {
                "nq" => "nquads",
                "trig" => "trig",
                "ttl" => "turtle",
                "nt" => "nt",
                "rdfxml" => "xml",
                _ => "json-ld",
            };
            let script = format!(
                "import rdflib,sys\ng=rdflib.Dataset()\ng.parse(sys.argv[1], format='{fmt}')\nprint(sum(1 for _ in g.quads((None,None,None,None))))"
            );
            let r = Command::new("python3")
                .args(["-c", &script, file.to_str().unwrap()])
                .output()
                .unwrap();
            assert!(
                r.status.success(),
                "rdflib rejected {flag}: {}",
                String::from_utf8_lossy(&r.stderr)
            );
            let n: usize = String::from_utf8_lossy(&r.stdout).trim().parse().unwrap();
            // rdflib merges identical statements; every statement must survive.
            assert!(
                n > 0 && n <= expected,
                "rdflib count for {flag}: {n} vs {expected}"
            );
        }
    }
    // One graph at a time.
    let o = run(&[
        "export",
        "--store",
        &store,
        "--format",
        "nq",
        "--graph",
        "article:seed-tass-2023-04-17",
    ]);
    let article_only = count(RdfFormat::NQuads, &o.stdout);
    assert!(article_only > 100 && article_only < expected);
    let o = run(&["export", "--store", &store, "--graph", "bogus"]);
    assert_eq!(o.status.code(), Some(2));
}

/// The output conforms to ontology/shapes.ttl, and a broken graph is caught.
#[test]
fn shacl_shapes_validate_output_and_catch_breakage() {
    if !installed("pyshacl", "--version", "pyshacl (PyPI)") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());
    let o = run(&["validate", "--store", &store]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("Conforms: True"));
    // An event with no category, no article and no mention breaks three shapes.
    let data = dir.path().join("data.ttl");
    let o = run(&[
        "export",
        "--store",
        &store,
        "--format",
        "ttl",
        "--output",
        data.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let mut ttl = std::fs::read_to_string(&data).unwrap();
    ttl.push_str("\n<https://w3id.org/diplograph/id/event/broken> a <https://w3id.org/diplograph/ns#Event> .\n");
    std::fs::write(&data, ttl).unwrap();
    let shapes = Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology/shapes.ttl");
    let r = Command::new("pyshacl")
        .arg("-s")
        .arg(&shapes)
        .args(["-df", "turtle"])
        .arg(&data)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&r.stdout);
    assert!(report.contains("Conforms: False"), "{report}");
    assert!(report.contains("broken"), "{report}");
    assert!(
        report.contains("Results (4)"),
        "category, article, mention and participant: {report}"
    );
}

/// A real Oxigraph server on loopback: push by Graph Store Protocol and by
/// SPARQL Update, then compare triple counts per graph and the answers of
/// three saved queries with the local store.
#[test]
fn push_to_an_oxigraph_server() {
    if !installed("oxigraph", "--version", "the oxigraph CLI (PyPI)") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = fixture_store(dir.path());
    assert!(
        run(&["ingest", "--store", &store, seed().to_str().unwrap()])
            .status
            .success()
    );
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let server = Command::new("oxigraph")
        .args([
            "serve",
            "--union-default-graph",
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--location",
        ])
        .arg(dir.path().join("server"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let _server = Kill(server);
    let up = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    assert!(up, "oxigraph server did not start");
    // SPARQL on the server's query endpoint, results as TSV like ours.
    let remote = |q: &str| -> String {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut resp = agent
            .post(&format!("{base}/query"))
            .header("Content-Type", "application/sparql-query")
            .header("Accept", "text/tab-separated-values")
            .send(q)
            .unwrap();
        resp.body_mut().read_to_string().unwrap()
    };
    let per_graph = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"https://w3id.org/diplograph/graph/article/\")) } GROUP BY ?g ORDER BY ?g";
    let local_counts = stdout(&run(&[
        "query",
        "--store",
        &store,
        "--format",
        "tsv",
        &write_query(dir.path(), "pg.rq", per_graph),
    ]));
    for protocol in ["gsp", "update"] {
        let endpoint = if protocol == "gsp" {
            format!("{base}/store")
        } else {
            format!("{base}/update")
        };
        for _ in 0..2 {
            // Pushing twice must replace, not duplicate.
            let o = run(&[
                "push",
                "--store",
                &store,
                "--endpoint",
                &endpoint,
                "--protocol",
                protocol,
            ]);
            assert!(o.status.success(), "{protocol}: {}", stderr(&o));
            // Five articles, the entities, reference and ontology graphs.
            assert!(stderr(&o).contains("pushed 8 graphs"), "{}", stderr(&o));
        }
        assert_eq!(
            remote(per_graph),
            local_counts,
            "{protocol}: triples per graph differ"
        );
    }
    for name in ["states", "accusations", "between"] {
        let text = diplograph::queries::find(name).unwrap().text;
        // `between` takes its two states as parameters: bind them in the text.
        let text = match name {
            "between" => {
                text.replacen("WHERE {", "WHERE { VALUES (?a ?b) { (\"PER\" \"BOL\") }", 1)
            }
            _ => text,
        };
        let local = stdout(&run(&[
            "query",
            "--store",
            &store,
            "--format",
            "tsv",
            &write_query(dir.path(), &format!("{name}.rq"), &text),
        ]));
        let mut l: Vec<&str> = local.lines().collect();
        let remote_text = remote(&text);
        let mut r: Vec<&str> = remote_text.lines().collect();
        l.sort();
        r.sort();
        assert_eq!(r, l, "saved query {name} answers differently on the server");
        assert!(l.len() > 1, "{name} returned nothing");
    }
}

fn write_query(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// `published` that is not a readable date string, a time of day that does
/// not exist, and records over `--max-record` are reported with file and
/// line; the records around them land.
#[test]
fn bad_dates_and_over_long_records_are_reported_with_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let good = |id: &str, published: &str| {
        format!("{{\"id\": \"{id}\", \"text\": \"Chile condemned Peru.\", \"published\": {published}}}\n")
    };
    let long = format!(
        "{{\"id\": \"long\", \"text\": \"{}\"}}\n",
        "z".repeat(2_400_000)
    );
    let mut jsonl = String::new();
    jsonl += &good("a", "\"2023-04-17\"");
    jsonl += &good("number", "20230417");
    jsonl += &good("empty", "\"\"");
    jsonl += &good("hour25", "\"2023-04-17T25:61:00Z\"");
    jsonl += &long;
    jsonl += &good("b", "\"2025-03-14 20:30:26Z\"");
    jsonl += &good("c", "\"2023-04-17T10:00:00Z\"");
    std::fs::write(d.join("dates.jsonl"), jsonl).unwrap();
    std::fs::write(
        d.join("big.txt"),
        format!("Title: Big\n\n{}", "Peru protested. ".repeat(100_000)),
    )
    .unwrap();
    let store = store_arg(d);
    let o = run(&[
        "ingest",
        "--store",
        &store,
        "--max-record",
        "1MB",
        d.join("dates.jsonl").to_str().unwrap(),
        d.join("big.txt").to_str().unwrap(),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for expected in [
        "dates.jsonl:2: record number: `published` must be a date string like \"2023-04-17\", not 20230417",
        "dates.jsonl:3: record empty: `published` is empty",
        "dates.jsonl:4: record hour25: cannot read date '2023-04-17T25:61:00Z'",
        "dates.jsonl:5: a record of 2.4 MB (2400026 bytes), over --max-record 1 MB",
        "big.txt: the file is 1.6 MB, over --max-record 1 MB",
        "ingested 3 articles (5 skipped)",
    ] {
        assert!(err.contains(expected), "expected «{expected}» in:\n{err}");
    }
    let o = run(&["query", "--store", &store, "articles", "--format", "json"]);
    let mut ids: Vec<String> = json_rows(&o)
        .iter()
        .map(|r| r["source"]["value"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    assert_eq!(ids, ["a", "b", "c"]);
    // The default limit (10 MB) takes the 2.4 MB record.
    let o = run(&["extract", d.join("dates.jsonl").to_str().unwrap()]);
    assert!(
        stderr(&o).contains("extracted 4 articles (3 skipped)"),
        "{}",
        stderr(&o)
    );
    // A bad --max-record is a usage error.
    let o = run(&["extract", "--max-record", "ten", "-"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a size"), "{}", stderr(&o));
}

/// /dev/zero as a path is refused at once; zeros on stdin are given up on at
/// the limit, without reading them into memory or to the end.
#[test]
fn endless_binary_input_is_refused() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let store = store_arg(dir.path());
    if Path::new("/dev/zero").exists() {
        let start = std::time::Instant::now();
        let o = run(&["ingest", "--store", &store, "/dev/zero"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(
            err.contains("/dev/zero: not a regular file or a pipe (a character device)"),
            "{err}"
        );
        assert!(start.elapsed().as_secs() < 20);
    }
    let mut child = bin()
        .args(["ingest", "--store", &store, "--max-record", "1MB", "-"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // 64 MB of NUL bytes; the writer stops when diplograph stops reading.
    let writer = std::thread::spawn(move || {
        let zeros = vec![0u8; 1 << 20];
        let mut sent = 0;
        for _ in 0..64 {
            if stdin.write_all(&zeros).is_err() {
                break;
            }
            sent += zeros.len();
        }
        sent
    });
    let o = child.wait_with_output().unwrap();
    let sent = writer.join().unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("<stdin>:1: a record of more than 1 MB (--max-record) holding binary data"),
        "{err}"
    );
    assert!(sent < 64 << 20, "all of stdin was read: {sent} bytes");
}

/// A closed stderr (`2>&-`), a stderr pipe nobody reads, and a stdout closed
/// early (`| head -1`) lose output, not the run: no panic, the usual exit codes.
#[test]
fn closed_standard_streams_do_not_panic() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let input = d.join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"x\", \"text\": \"Peru expelled a Bolivian diplomat.\"}\nnot json\n",
    )
    .unwrap();
    let store = store_arg(d);
    let bin_path = env!("CARGO_BIN_EXE_diplograph");
    // stderr closed: the messages go nowhere, and not into the store's files.
    let o = Command::new("sh")
        .args([
            "-c",
            "\"$@\" 2>&-",
            "sh",
            bin_path,
            "ingest",
            "--store",
            &store,
        ])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let o = run(&["query", "--store", &store, "articles", "--format", "json"]);
    assert_eq!(json_rows(&o).len(), 1, "{}", stderr(&o));
    // stderr a pipe whose reader is gone.
    let mut child = bin()
        .args(["ingest", "--store", &store])
        .arg(&input)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    assert_eq!(child.wait().unwrap().code(), Some(1));
    // stdout closed after one line of a long output (twenty articles, some MB).
    let text = std::fs::read_to_string(seed()).unwrap();
    let many: String = (0..20)
        .map(|i| format!("{}\n", serde_json::json!({"id": i, "text": text})))
        .collect();
    let many_path = d.join("many.jsonl");
    std::fs::write(&many_path, many).unwrap();
    let mut child = bin()
        .args(["extract", "--format", "nt", many_path.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with('<'), "{first}");
    let o = child.wait_with_output().unwrap();
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// A loopback port nobody listens on.
fn dead_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Pushes a store of the seed article to `endpoint` with `extra` options,
/// expecting the push to stop (exit 2): its stderr and how long it took.
fn push_seed_and_stop(endpoint: &str, extra: &[&str]) -> (String, std::time::Duration) {
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());
    let mut args = vec!["push", "--store", &store, "--endpoint", endpoint];
    args.extend_from_slice(extra);
    let start = std::time::Instant::now();
    let o = run(&args);
    let elapsed = start.elapsed();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    (err, elapsed)
}

/// `push` to a port nobody listens on stops after --max-failures attempts in
/// a row, says so, and reports what it sent.
#[test]
fn push_to_a_dead_port_gives_up_after_consecutive_failures() {
    let endpoint = format!("http://127.0.0.1:{}/store", dead_port());
    let (err, elapsed) = push_seed_and_stop(&endpoint, &["--timeout", "5"]);
    assert!(
        err.contains("push stopped: 3 consecutive attempts got no answer from the endpoint (--max-failures 3)"),
        "{err}"
    );
    assert!(err.contains(&format!("PUT {endpoint}?graph=")), "{err}");
    assert!(
        err.contains("pushed 0 graphs (0 triples), 0 failed, 4 not sent"),
        "{err}"
    );
    assert!(elapsed.as_secs() < 20, "took {elapsed:?}");
}

/// A server that accepts connections and never answers: each request gives up
/// after --timeout, and the push stops at --deadline.
#[test]
fn push_to_a_silent_server_stops_at_the_deadline() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for conn in listener.incoming() {
            held.push(conn);
        }
    });
    let endpoint = format!("http://127.0.0.1:{port}/store");
    let (err, elapsed) = push_seed_and_stop(
        &endpoint,
        &[
            "--timeout",
            "1",
            "--deadline",
            "2500ms",
            "--max-failures",
            "10",
        ],
    );
    assert!(
        err.contains("push stopped: the deadline (--deadline 2.5 s) passed during PUT"),
        "{err}"
    );
    assert!(err.contains("no answer within"), "{err}");
    assert!(
        err.contains("pushed 0 graphs (0 triples), 0 failed, 4 not sent"),
        "{err}"
    );
    assert!(
        elapsed.as_secs_f64() >= 2.0 && elapsed.as_secs() < 20,
        "took {elapsed:?}"
    );
    // Without a deadline, the consecutive timeouts stop it.
    let (err, _) = push_seed_and_stop(&endpoint, &["--timeout", "1", "--max-failures", "2"]);
    assert!(
        err.contains("2 consecutive attempts got no answer")
            && err.contains("no answer within 1 s"),
        "{err}"
    );
}

/// Endpoints are checked before anything is opened or sent: http(s) only, and
/// never with credentials in the URL, which no message shows.
#[test]
fn push_refuses_bad_endpoints_without_showing_credentials() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_arg(dir.path());
    let port = dead_port();
    for (endpoint, says) in [
        (
            format!("ftp://127.0.0.1:{port}/store"),
            "the scheme ftp:// is not supported (use http:// or https://)".to_string(),
        ),
        (
            format!("http://dba:s3cret-pw@127.0.0.1:{port}/store"),
            format!("--endpoint http://***@127.0.0.1:{port}/store: the URL carries credentials"),
        ),
        (
            "localhost/store".to_string(),
            "not an absolute URL".to_string(),
        ),
    ] {
        let o = bin()
            .args([
                "push",
                "--store",
                &store,
                "--endpoint",
                &endpoint,
                "--user",
                "dba",
            ])
            .env("DIPLOGRAPH_PASSWORD", "other")
            .output()
            .unwrap();
        let all = format!("{}{}", stdout(&o), stderr(&o));
        assert_eq!(o.status.code(), Some(2), "{all}");
        assert!(all.contains(&says), "expected «{says}» in {all}");
        assert!(!all.contains("s3cret"), "{all}");
        assert!(
            !Path::new(&store).exists(),
            "a store was created for {endpoint}"
        );
    }
}
