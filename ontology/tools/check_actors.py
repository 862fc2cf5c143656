#!/usr/bin/env python3
"""Checks ontology/organisations.tsv, ontology/groups.tsv and ontology/agents.tsv.

    python3 ontology/tools/check_actors.py [--verbose]

Errors (exit status 1):
  - a malformed row: wrong number of cells, an unknown kind, sector or
    takes_state value, a bad id or QID, an ambiguous form that is not a form
  - an organisation whose parent is not an organisation id, or a parent cycle;
    a UN-kind organisation whose parents do not lead to UN
  - a group or CAMEO-derived state that is not an ISO3 code of ontology/states.tsv
  - a form given twice: within a file or across the three files (compared
    case- and accent-insensitively, since agents are matched that way and a
    capitalised sentence start makes "Court" and "court" meet)
  - a form that is also a form of a state in ontology/states.tsv (name, official
    name, other names, adjectives, plurals, capitals, seats, aliases)
Reported, not errors (--verbose lists them all):
  - forms that contain a state's form as whole words ("Syrian Democratic
    Forces"): the matcher must prefer the longest match
  - forms that are also in ontology/bodies.tsv, roles.tsv or the nonstate and
    private cues of cues.tsv
Python 3 standard library only.
"""

import argparse
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ONTOLOGY = os.path.dirname(HERE)

ORG_COLUMNS = ["id", "name", "kind", "parent", "forms", "qid", "source", "ambiguous"]
GROUP_COLUMNS = ["id", "name", "kind", "state", "forms", "source", "ambiguous"]
AGENT_COLUMNS = ["form", "sector", "takes_state", "source"]
ORG_KINDS = {"UN", "IGO", "NGO"}
GROUP_KINDS = {"armed group", "militia", "insurgent", "terrorist"}
SECTORS = {"MIL", "COP", "REB", "UAF", "SPY", "GOV", "LEG", "JUD", "OPP", "CVL",
           "REF", "CRM", "JRN", "PTY", "LAB", "BUS", "MED", "EDU", "REL", "AGR",
           "ELI", "PRE", "SOC"}
SOURCE_ITEM = re.compile(r"^(curated|Phoenix\.[A-Za-z]+(\.actors)?\.txt:\d+)$")
ID = re.compile(r"^[A-Z0-9][A-Z0-9_]*$")


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'")
    return re.sub(r"\s+", " ", s).strip().lower()


def split_list(cell):
    return [x.strip() for x in cell.split("|") if x.strip()]


def read_table(path, columns, errors):
    """Rows (line, dict) of a generated actor table; checks the header row."""
    rows = []
    header_seen = False
    name = os.path.relpath(path, os.path.dirname(ONTOLOGY))
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if not header_seen:
                header_seen = True
                if cells != columns:
                    errors.append(f"{name}:{n}: header {cells} is not {columns}")
                continue
            if len(cells) != len(columns):
                errors.append(f"{name}:{n}: {len(cells)} cells, {len(columns)} expected")
                continue
            rows.append((n, dict(zip(columns, cells))))
    return name, rows


def read_states(path):
    """ISO3 codes and {folded form: (iso3, column)} of states.tsv."""
    iso3 = set()
    forms = {}
    columns = ["iso3", "iso2", "name", "official", "names", "adjectives", "plurals",
               "capitals", "seats", "ambiguous", "aliases", "context_aliases", "qid", "status"]
    with open(path, encoding="utf-8") as f:
        for raw in f:
            if raw.startswith("#") or not raw.strip():
                continue
            cells = raw.rstrip("\n").split("\t")
            if cells[0] == "iso3":
                continue
            row = dict(zip(columns, cells + [""] * (len(columns) - len(cells))))
            iso3.add(row["iso3"])
            for col in ("name", "official", "names", "adjectives", "plurals", "capitals",
                        "seats", "aliases", "context_aliases"):
                for form in split_list(row[col]):
                    forms.setdefault(fold(form), (row["iso3"], col))
                    if col == "seats" and form.startswith("the "):
                        forms.setdefault(fold(form[4:]), (row["iso3"], col))
    return iso3, forms


def read_simple_forms(path, kinds=None):
    """First-column forms of bodies.tsv / roles.tsv, or the phrases of cues.tsv
    of the given kinds."""
    out = {}
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            if raw.startswith("#") or not raw.strip():
                continue
            cells = raw.rstrip("\n").split("\t")
            if kinds is None:
                out.setdefault(fold(cells[0]), n)
            elif cells[0] in kinds and len(cells) > 1:
                out.setdefault(fold(cells[1]), n)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args(argv)
    errors = []
    notes = []

    iso3, state_forms = read_states(os.path.join(ONTOLOGY, "states.tsv"))
    oname, orgs = read_table(os.path.join(ONTOLOGY, "organisations.tsv"), ORG_COLUMNS, errors)
    gname, groups = read_table(os.path.join(ONTOLOGY, "groups.tsv"), GROUP_COLUMNS, errors)
    aname, agents = read_table(os.path.join(ONTOLOGY, "agents.tsv"), AGENT_COLUMNS, errors)

    # Every form with where it comes from: (file, line, owner).
    all_forms = []

    def check_common(fname, n, r, kinds, label):
        where = f"{fname}:{n}"
        if not ID.match(r["id"]):
            errors.append(f"{where}: id {r['id']!r} is not an upper-case ASCII id")
        if not r["name"].strip():
            errors.append(f"{where}: {r['id']}: empty name")
        if r["kind"] not in kinds:
            errors.append(f"{where}: {r['id']}: kind {r['kind']!r} not in {sorted(kinds)}")
        forms = split_list(r["forms"])
        if not forms:
            errors.append(f"{where}: {r['id']}: no forms")
        if len(set(forms)) != len(forms):
            errors.append(f"{where}: {r['id']}: a form is listed twice")
        for a in split_list(r["ambiguous"]):
            if a not in forms:
                errors.append(f"{where}: {r['id']}: ambiguous {a!r} is not one of its forms")
        sources = split_list(r["source"])
        if not sources or any(not SOURCE_ITEM.match(s) for s in sources):
            errors.append(f"{where}: {r['id']}: bad source {r['source']!r}")
        for form in forms:
            all_forms.append((form, where, f"{label} {r['id']}"))

    # Organisations.
    by_id = {}
    for n, r in orgs:
        if r["id"] in by_id:
            errors.append(f"{oname}:{n}: id {r['id']} twice")
        by_id[r["id"]] = r
        check_common(oname, n, r, ORG_KINDS, "organisation")
        if r["qid"] and not re.match(r"^Q[1-9][0-9]*$", r["qid"]):
            errors.append(f"{oname}:{n}: {r['id']}: bad QID {r['qid']!r}")
    for n, r in orgs:
        seen = {r["id"]}
        p = r["parent"]
        chain = []
        while p:
            if p not in by_id:
                errors.append(f"{oname}:{n}: {r['id']}: parent {p} is not an organisation id")
                break
            if p in seen:
                errors.append(f"{oname}:{n}: {r['id']}: parent cycle through {p}")
                break
            seen.add(p)
            chain.append(p)
            p = by_id[p]["parent"]
        if r["kind"] == "UN" and r["id"] != "UN" and "UN" not in chain:
            errors.append(f"{oname}:{n}: {r['id']}: kind UN but its parents do not lead to UN")

    # Groups.
    gids = set()
    for n, r in groups:
        if r["id"] in gids:
            errors.append(f"{gname}:{n}: id {r['id']} twice")
        gids.add(r["id"])
        check_common(gname, n, r, GROUP_KINDS, "group")
        if r["state"] and r["state"] not in iso3:
            errors.append(f"{gname}:{n}: {r['id']}: state {r['state']} is not in states.tsv")

    # Agents.
    for n, r in agents:
        where = f"{aname}:{n}"
        forms = split_list(r["form"])
        if not forms:
            errors.append(f"{where}: no form")
        for f in forms:
            if f != f.lower():
                errors.append(f"{where}: agent form {f!r} is not lower case")
            all_forms.append((f, where, f"agent ({r['sector']})"))
        if r["sector"] not in SECTORS:
            errors.append(f"{where}: sector {r['sector']!r} is not a PLOVER sector")
        if r["takes_state"] not in ("yes", "no"):
            errors.append(f"{where}: takes_state {r['takes_state']!r} is not yes or no")
        if not SOURCE_ITEM.match(r["source"]):
            errors.append(f"{where}: bad source {r['source']!r}")

    # Duplicates across and within the files (folded).
    owners = {}
    for form, where, owner in all_forms:
        owners.setdefault(fold(form), []).append((form, where, owner))
    for key, uses in sorted(owners.items()):
        distinct = {(w, o) for _, w, o in uses}
        if len({o for _, _, o in uses}) > 1:
            errors.append(f"form {uses[0][0]!r} given to several actors: "
                          + "; ".join(f"{o} ({w}, {f!r})" for f, w, o in uses))
        elif len(distinct) > 1:
            errors.append(f"form {uses[0][0]!r} twice: " + "; ".join(w for _, w, _ in uses))

    # Collisions with states.tsv.
    for form, where, owner in all_forms:
        hit = state_forms.get(fold(form))
        if hit:
            errors.append(f"{where}: {owner}: form {form!r} is also {hit[0]}'s {hit[1]} in states.tsv")

    # Reported overlaps.
    contains = []
    state_keys = sorted(state_forms, key=len, reverse=True)
    state_re = re.compile(r"\b(" + "|".join(re.escape(k) for k in state_keys if len(k) > 2) + r")\b")
    for form, where, owner in all_forms:
        key = fold(form)
        if key in state_forms:
            continue
        m = state_re.search(key)
        if m:
            contains.append(f"{where}: {owner}: {form!r} contains {state_forms[m.group(1)][0]}'s "
                            f"{state_forms[m.group(1)][1]} {m.group(1)!r}")
    bodies = read_simple_forms(os.path.join(ONTOLOGY, "bodies.tsv"))
    roles = read_simple_forms(os.path.join(ONTOLOGY, "roles.tsv"))
    cues = read_simple_forms(os.path.join(ONTOLOGY, "cues.tsv"), {"nonstate", "private"})
    shared = []
    for form, where, owner in all_forms:
        key = fold(form)
        for label, table in (("bodies.tsv", bodies), ("roles.tsv", roles), ("cues.tsv", cues)):
            if key in table:
                shared.append(f"{where}: {owner}: {form!r} is also in {label}:{table[key]}")
    notes.append(f"{len(contains)} forms contain a state's name or demonym "
                 f"(the longest match must win)")
    notes.append(f"{len(shared)} forms are also in bodies.tsv, roles.tsv or cues.tsv")

    counts = (f"{len(orgs)} organisations, {len(groups)} groups, {len(agents)} agent rows, "
              f"{len(all_forms)} forms")
    for e in errors:
        print(f"error: {e}")
    for n in notes:
        print(f"note: {n}")
    if args.verbose:
        for line in contains + shared:
            print(f"  {line}")
    print(f"check_actors: {counts}; {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
