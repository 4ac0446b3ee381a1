"""The shipped queries (queries/*.rq): each answers its question on the seed export, the same
answer from Oxigraph and rdflib, and each parses and runs in rasqal's roqet too.

The seed checks are about what a user relies on (« fournir » by Corée du Nord to Russie is
there; the timeline is in date order), not about row counts, which move as extraction improves.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import ROOT, require_tool
from rdflib import Graph
from rdflib import Literal as RdfLiteral

import kg

QUERIES = {path.stem: path for path in sorted((ROOT / "queries").glob("*.rq"))}
INTEGER_TYPES = {
    f"http://www.w3.org/2001/XMLSchema#{t}"
    for t in ("integer", "nonNegativeInteger", "positiveInteger", "long", "int", "short", "byte")
}


@pytest.fixture(scope="module")
def ttl(seed_exports) -> Path:
    return seed_exports["turtle"]


@pytest.fixture(scope="module")
def store(ttl) -> ox.Store:
    return kg.query.load_store(ttl)


@pytest.fixture(scope="module")
def rdflib_graph(ttl) -> Graph:
    return Graph().parse(ttl, format="turtle")


def answer(store: ox.Store, name: str) -> list[dict[str, str | None]]:
    table = kg.run_query(store, QUERIES[name].read_text(encoding="utf-8"))
    return [dict(zip(table.columns, row, strict=True)) for row in table.rows]


# --- the files ------------------------------------------------------------------------------


def test_at_least_ten_questions():
    assert len(QUERIES) >= 10


@pytest.mark.parametrize("name", QUERIES)
def test_each_query_says_its_question_and_how_to_run_it(name):
    text = QUERIES[name].read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]

    assert "?" in header[0] and " — " in header[0], header[0]
    assert any(f"kg query exports/graph.ttl queries/{name}.rq" in line for line in header)
    if "VALUES" in text:
        assert "edit the VALUES line" in " ".join(header) and "Default:" in " ".join(header), name


# --- the same answers from two engines --------------------------------------------------------


def oxigraph_term(term: object) -> object:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = None if term.language else term.datatype.value
        # Oxigraph keeps numbers by value: xsd:nonNegativeInteger comes back as xsd:integer
        return term.value, "integer" if datatype in INTEGER_TYPES else datatype, term.language
    return term.value


def rdflib_term(term: object) -> object:
    if term is None:
        return None
    if isinstance(term, RdfLiteral):
        datatype = str(term.datatype) if term.datatype else None
        if datatype is None and term.language is None:
            datatype = "http://www.w3.org/2001/XMLSchema#string"
        return str(term), "integer" if datatype in INTEGER_TYPES else datatype, term.language
    return str(term)


@pytest.mark.parametrize("name", QUERIES)
def test_oxigraph_and_rdflib_give_the_same_answer(store, rdflib_graph, name):
    sparql = QUERIES[name].read_text(encoding="utf-8")

    solutions = store.query(sparql)
    columns = [v.value for v in solutions.variables]
    ours = [[oxigraph_term(s[c]) for c in columns] for s in solutions]
    theirs = [[rdflib_term(row[c]) for c in columns] for row in rdflib_graph.query(sparql)]

    assert ours, f"{name} has no answer on the seed"
    assert ours == theirs if "ORDER BY" in sparql else sorted(map(repr, ours)) == sorted(map(repr, theirs))


def roqet(*args: str) -> subprocess.CompletedProcess:
    command = [require_tool("roqet"), "-i", "sparql11", "-W", "0", "-q", "-r", "csv", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("name", QUERIES)
def test_roqet_runs_the_query_on_the_export(ttl, name):
    done = roqet("-D", str(ttl), str(QUERIES[name]))

    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.splitlines()[0].replace("\r", "") != ""


def test_roqet_reads_every_triple_of_the_export(ttl, rdflib_graph):
    done = roqet("-D", str(ttl), "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")

    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["n", str(len(rdflib_graph))]


# --- what the seed answers --------------------------------------------------------------------


def test_who_did_what(store):
    rows = answer(store, "who-did-what")

    assert {"actor": "Corée du Nord", "action": "fournir", "recipient": "Russie"}.items() <= next(
        r for r in rows if r["action"] == "fournir"
    ).items()
    sent = [r for r in rows if r["action"] == "envoyer" and r["modality"] == "alleged"]
    assert [(r["actor"], r["destination"], r["when"]) for r in sent] == [
        ("Corée du Nord", "Russie", "à l'automne dernier")
    ]


def test_what_actor_did(store):
    rows = answer(store, "what-actor-did")

    assert {("fournir", "Russie")} <= {(r["action"], r["recipient"]) for r in rows}
    assert ("envoyer", "Russie", "alleged") in {(r["action"], r["destination"], r["modality"]) for r in rows}


def test_an_alias_finds_the_same_entity(store):
    sparql = QUERIES["what-actor-did"].read_text(encoding="utf-8")
    by_alias = sparql.replace('VALUES ?name { "Corée du Nord" }', 'VALUES ?name { "Pyongyang" }')

    assert by_alias != sparql
    assert kg.run_query(store, by_alias).rows == kg.run_query(store, sparql).rows


def test_done_to_actor(store):
    rows = answer(store, "done-to-actor")

    assert ("Russie", "remercier", "target") in {(r["actor"], r["action"], r["as"]) for r in rows}
    assert all(r["as"] in ("target", "recipient") for r in rows)


def test_who_sent_what_where(store):
    rows = answer(store, "who-sent-what-where")
    found = {(r["actor"], r["action"], r["to"], r["modality"]) for r in rows}

    assert ("Corée du Nord", "fournir", "Russie", "asserted") in found
    assert ("Corée du Nord", "envoyer", "Russie", "alleged") in found
    alleged = next(r for r in rows if r["modality"] == "alleged")
    assert alleged["quantity"] == "entre 10 000 et 12 000"


def test_alleged_and_reported(store):
    rows = answer(store, "alleged-and-reported")

    assert {r["modality"] for r in rows} == {"alleged", "reported"}
    assert all(r["according_to"] for r in rows)
    disputed = [r for r in rows if r["disputed_by"]]
    assert [(r["action"], r["according_to"], r["disputed_by"]) for r in disputed] == [
        ("reprendre", "Russie", "autorités ukrainiennes")
    ]


def test_what_actor_said(store):
    rows = answer(store, "what-actor-said")

    assert ("claim", "reprendre", "autorités ukrainiennes") in {
        (r["kind"], r["action"], r["disputed_by"]) for r in rows
    }
    assert ("statement", "déclarer") in {(r["kind"], r["action"]) for r in rows}
    assert all("Russie" in r["sentence"] for r in rows)


def test_actor_timeline_is_in_date_order(store):
    rows = answer(store, "actor-timeline")
    dates = [dt.date.fromisoformat(r["from"] or r["to"] or r["published"]) for r in rows]

    assert dates == sorted(dates)
    assert (rows[0]["from"], rows[0]["to"], rows[0]["action"]) == ("2024-09-01", "2024-11-30", "envoyer")
    assert ("2025-04-28", "ce lundi", "confirmer") in {(r["from"], r["when"], r["action"]) for r in rows}


def test_most_active_actors(store):
    rows = answer(store, "most-active-actors")
    counts = [int(r["events"]) for r in rows]

    assert rows[0]["actor"] == "Corée du Nord"
    assert counts == sorted(counts, reverse=True)
    assert all(int(r["as_fact"]) <= int(r["events"]) for r in rows)
    assert {r["type"] for r in rows} <= {"Country", "Person", "Organization", "Group"}


def test_interacting_pairs(store):
    rows = answer(store, "interacting-pairs")

    assert (rows[0]["first"], rows[0]["second"]) == ("Corée du Nord", "Russie")
    assert all(r["first"] < r["second"] for r in rows)


def test_events_per_country_rolls_groups_up(store):
    rows = {r["country"]: r for r in answer(store, "events-per-country")}

    assert {"Corée du Nord", "Russie", "Corée du Sud"} <= rows.keys()
    assert int(rows["Corée du Sud"]["through"]) >= 1  # l'armée sud-coréenne
    for row in rows.values():
        assert max(int(row["itself"]), int(row["through"])) <= int(row["events"])
        assert int(row["events"]) <= int(row["itself"]) + int(row["through"])


def test_actions(store):
    rows = answer(store, "actions")
    counts = [int(r["events"]) for r in rows]

    assert counts == sorted(counts, reverse=True)
    assert "fournir" in {r["action"] for r in rows}
    assert all(int(r["as_fact"]) + int(r["not_as_fact"]) == int(r["events"]) for r in rows)


def test_evidence_points_at_the_text(store, seed_text):
    (row,) = answer(store, "evidence")

    assert seed_text[int(row["begin"]) : int(row["end"])] == row["trigger"] == "fourni"
    assert "la Corée du Nord a fourni" in row["sentence"]
    assert row["published"] == "2025-04-28"


def test_between_dates(store):
    rows = answer(store, "between-dates")
    period = (dt.date(2025, 1, 1), dt.date(2025, 4, 30))

    assert {"ce lundi", "En mars"} <= {r["when"] for r in rows}
    assert "à l'automne dernier" not in {r["when"] for r in rows}
    for r in rows:
        assert r["begin"] is None or dt.date.fromisoformat(r["begin"]) <= period[1]
        assert r["end"] is None or dt.date.fromisoformat(r["end"]) >= period[0]


# --- from the command line --------------------------------------------------------------------


def test_kg_query_runs_a_shipped_query(ttl):
    env = {**os.environ, "PYTHONUTF8": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "kg", "query", str(ttl), "queries/interacting-pairs.rq", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["first"] == "Corée du Nord"
