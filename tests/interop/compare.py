#!/usr/bin/env python3
"""Compares a remote SPARQL endpoint with a local diplograph store: triples
per article graph, and the answers of the saved queries. Exits non-zero on
any difference. Usage: compare.py BIN STORE ENDPOINT LABEL"""
import collections
import json
import pathlib
import subprocess
import sys
import urllib.parse
import urllib.request

PER_GRAPH = """SELECT ?g (COUNT(*) AS ?n) WHERE {
  GRAPH ?g { ?s ?p ?o }
  FILTER(STRSTARTS(STR(?g), "https://w3id.org/diplograph/graph/article/"))
} GROUP BY ?g"""
# Saved queries that take no parameter, plus `between` with both bound.
SAVED = ["states", "officials", "accusations", "timeline", "by-category",
         "active-actors", "events", "articles"]


def norm(value):
    """GROUP_CONCAT's order is left to each store: compare its parts as a set."""
    return ", ".join(sorted(value.split(", ")))


def rows(results):
    """A multiset of answers, each a tuple of (variable, lexical value)."""
    out = collections.Counter()
    names = results["head"]["vars"]
    for b in results["results"]["bindings"]:
        out[tuple((v, norm(b[v]["value"]) if v in b else None) for v in names)] += 1
    return out


def local(bin_, store, query, params=()):
    args = [bin_, "query", "--store", store, "--format", "json", query]
    for p in params:
        args += ["--param", p]
    return rows(json.loads(subprocess.run(args, check=True, capture_output=True).stdout))


def remote(endpoint, text):
    data = urllib.parse.urlencode({"query": text}).encode()
    req = urllib.request.Request(endpoint, data=data, headers={
        "Accept": "application/sparql-results+json",
        "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return rows(json.load(r))


def query_text(name):
    path = pathlib.Path(__file__).resolve().parents[2] / "queries" / f"{name}.rq"
    return path.read_text() if path.exists() else None


def main():
    bin_, store, endpoint, label = sys.argv[1:5]
    failures = 0
    with open(f"{store}.per-graph.rq", "w") as f:
        f.write(PER_GRAPH)
    mine, theirs = local(bin_, store, f"{store}.per-graph.rq"), remote(endpoint, PER_GRAPH)
    triples = sum(int(dict(r)["n"]) * c for r, c in mine.items())
    if mine != theirs:
        failures += 1
        print(f"{label}: triples per graph differ: local {len(mine)} graphs, remote {len(theirs)}")
    else:
        print(f"{label}: {len(mine)} article graphs, {triples} triples, counts match")
    for name in SAVED:
        text = query_text(name)
        if text is None:
            print(f"{label}: cannot read saved query {name}")
            failures += 1
            continue
        mine, theirs = local(bin_, store, name), remote(endpoint, text)
        if mine != theirs:
            failures += 1
            print(f"{label}: {name}: {sum(mine.values())} local rows, {sum(theirs.values())} remote, "
                  f"{len(mine - theirs)} only local, {len(theirs - mine)} only remote")
            for r in list((mine - theirs).keys())[:3]:
                print("   only local: ", r)
            for r in list((theirs - mine).keys())[:3]:
                print("   only remote:", r)
        else:
            print(f"{label}: {name}: {sum(mine.values())} rows, same answers")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
