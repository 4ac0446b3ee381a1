"""SPARQL over the exported Turtle, and the tables the answers are printed as."""

from __future__ import annotations

import csv
import io
import json
import os
import time

import pytest

import kg
from kg.export.table import FORMATS, Table, events_table, format_table

ARMS = """
SELECT ?actor ?target WHERE {
    ?e a sem:Event ; kg:lemma "fournir" ; kg:actor ?a ; kg:target ?t .
    ?a rdfs:label ?actor . ?t rdfs:label ?target .
}"""


@pytest.fixture(scope="module")
def ttl(seed_exports):
    return seed_exports["turtle"]


def test_select_with_predeclared_prefixes(ttl):
    table = kg.run_query(ttl, ARMS)

    assert table.columns == ["actor", "target"]
    assert table.rows == [["Corée du Nord", "armes"]]


def test_select_compacts_iris(ttl, seed_graph):
    table = kg.run_query(ttl, 'SELECT ?e ?a WHERE { ?e kg:lemma "remercier" ; kg:actor ?a }')

    assert ["kgi:entity/russie"] in [row[1:] for row in table.rows]
    assert all(row[0].startswith("kgi:event/") for row in table.rows)
    assert {row[0].removeprefix("kgi:event/") for row in table.rows} <= {e.id for e in seed_graph.events}


def test_select_with_its_own_prefix_declaration(ttl):
    table = kg.run_query(ttl, "PREFIX ont: <https://w3id.org/kg-fr/ontology#>\n" + ARMS.replace("kg:", "ont:"))

    assert table.rows == [["Corée du Nord", "armes"]]


def test_select_with_another_base(seed_graph, tmp_path):
    base = "http://example.org/actualites/"
    path = tmp_path / "graph.ttl"
    seed_graph.write_turtle(path, base=base)

    table = kg.run_query(path, 'SELECT ?a WHERE { ?e kg:lemma "fournir" ; kg:actor ?a }', base=base)

    assert table.rows == [["kgi:entity/coree-du-nord"]]


@pytest.mark.parametrize(("lemma", "answer"), [("remercier", "true"), ("bombarder", "false")])
def test_ask(ttl, lemma, answer):
    table = kg.run_query(ttl, f'ASK {{ ?e a sem:Event ; kg:lemma "{lemma}" }}')

    assert table.columns == ["ask"]
    assert table.rows == [[answer]]


def test_construct(ttl):
    table = kg.run_query(
        ttl,
        """CONSTRUCT { ?a kg:gave ?t } WHERE {
               ?e kg:lemma "fournir" ; kg:actor ?a ; kg:target ?t }""",
    )

    assert table.columns == ["subject", "predicate", "object"]
    ((subject, predicate, target),) = table.rows
    assert (subject, predicate) == ("kgi:entity/coree-du-nord", "kg:gave")
    assert target.startswith("kgi:entity/") and "arme" in target


@pytest.mark.parametrize(
    "sparql",
    ["SELEC ?s WHERE { ?s ?p ?o }", "SELECT ?s WHERE { ?s ?p ", "SELECT ?s WHERE { ?s a inconnu:Chose }"],
    ids=["typo", "unclosed", "unknown-prefix"],
)
def test_bad_sparql_is_a_query_error(ttl, sparql):
    with pytest.raises(kg.QueryError, match="SPARQL"):
        kg.run_query(ttl, sparql)


def test_bad_sparql_position_is_in_the_users_query(ttl):
    with pytest.raises(kg.QueryError, match=r"at 1:"):
        kg.run_query(ttl, "SELEC ?s WHERE { ?s ?p ?o }")


def test_bad_sparql_message_is_one_line(ttl):
    with pytest.raises(kg.QueryError) as raised:
        kg.run_query(ttl, "SELECT ?s WHERE { ?s a inconnu:Chose }")

    assert "\n" not in str(raised.value)


def test_missing_graph_file_is_a_query_error(tmp_path):
    missing = tmp_path / "absent.ttl"

    with pytest.raises(kg.QueryError, match=r"absent\.ttl") as raised:
        kg.run_query(missing, "ASK { ?s ?p ?o }")

    assert "kg build" in str(raised.value)


@pytest.mark.parametrize("suffix", [".nt", ".jsonld"])
def test_other_syntaxes_are_queried_alike(seed_graph, tmp_path, suffix):
    path = tmp_path / f"graph{suffix}"
    (seed_graph.write_ntriples if suffix == ".nt" else seed_graph.write_jsonld)(path)

    assert kg.run_query(path, ARMS).rows == [["Corée du Nord", "armes"]]


def test_a_graph_without_extension_is_read_as_turtle(seed_graph, tmp_path):
    path = tmp_path / "graphe"
    seed_graph.write_turtle(path)

    assert kg.run_query(path, ARMS).rows == [["Corée du Nord", "armes"]]


def test_invalid_ntriples_names_the_syntax(tmp_path):
    broken = tmp_path / "casse.nt"
    broken.write_text("<a> <b> .\n", encoding="utf-8")

    with pytest.raises(kg.QueryError, match=r"casse\.nt.*N-Triples"):
        kg.run_query(broken, "ASK { ?s ?p ?o }")


def test_invalid_turtle_is_a_query_error(tmp_path):
    broken = tmp_path / "casse.ttl"
    broken.write_text("ceci n'est pas du Turtle {", encoding="utf-8")

    with pytest.raises(kg.QueryError, match=r"casse\.ttl.*Turtle"):
        kg.run_query(broken, "ASK { ?s ?p ?o }")


# --- tables -----------------------------------------------------------------------------------

TABLE = Table(
    ["actor", "action", "target"],
    [["la Corée du Nord", "fournir", "armes"], ["Séoul, « selon »", 'dit "oui"', None]],
)


def test_format_table_aligns_columns():
    lines = format_table(TABLE).splitlines()

    assert lines[0].split() == ["actor", "action", "target"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[2].split("  ")[0] == "la Corée du Nord"
    column = lines[0].index("action")
    assert lines[2][column:].startswith("fournir") and lines[3][column:].startswith('dit "oui"')
    assert lines[-1] == "(2 rows)"


def test_format_table_counts_one_row():
    assert format_table(Table(["ask"], [["true"]])).splitlines()[-1] == "(1 row)"


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_format_csv_and_tsv_read_back(fmt, delimiter):
    rows = list(csv.reader(io.StringIO(format_table(TABLE, fmt)), delimiter=delimiter))

    assert rows == [TABLE.columns, TABLE.rows[0], ["Séoul, « selon »", 'dit "oui"', ""]]


CONTROLS = Table(["label"], [["Séoul\x1b[31m rouge\x1b]0;titre\x07"], ["deux\nlignes\tet \u202eeuq"]])


def test_format_table_escapes_control_characters():
    out = format_table(CONTROLS)

    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out and "\t" not in out
    assert "Séoul\\x1b[31m rouge\\x1b]0;titre\\x07" in out
    assert "deux\\nlignes\\tet \\u202eeuq" in out
    assert len(out.splitlines()) == 5


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
def test_formats_for_programs_keep_control_characters(fmt):
    out = format_table(CONTROLS, fmt)

    if fmt == "json":
        assert [row["label"] for row in json.loads(out)] == [row[0] for row in CONTROLS.rows]
    else:
        rows = list(csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
        assert rows[1:] == CONTROLS.rows


def test_format_json_is_a_list_of_objects():
    assert json.loads(format_table(TABLE, "json")) == [
        {"actor": "la Corée du Nord", "action": "fournir", "target": "armes"},
        {"actor": "Séoul, « selon »", "action": 'dit "oui"', "target": None},
    ]


EMPTY_ANSWER = {"table": "event\n-----\n(0 rows)\n", "csv": "event\n", "tsv": "event\n", "json": "[]\n"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_answer(fmt):
    assert format_table(Table(["event"], []), fmt) == EMPTY_ANSWER[fmt]


def test_query_answer_as_csv(ttl):
    out = format_table(kg.run_query(ttl, ARMS), "csv")

    assert out == "actor,target\nCorée du Nord,armes\n"


def test_events_table_of_an_extraction():
    events = kg.extract_events("La Corée du Nord a fourni une grande quantité d'armes à la Russie.")

    table = events_table(events)

    assert table.columns[:3] == ["actor", "action", "target"]
    assert ["La Corée du Nord", "fournir", "armes"] in [row[:3] for row in table.rows]


# --- what a query may do ------------------------------------------------------------------

FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"  # 3 000³ rows, one answer


def test_a_query_with_limits_answers_as_without(ttl):
    assert kg.run_query(ttl, ARMS, limits=kg.Limits()) == kg.run_query(ttl, ARMS)


def test_a_query_past_its_time_is_stopped(ttl):
    started = time.monotonic()

    with pytest.raises(kg.QueryError, match=r"did not finish in 1\.5 s"):
        kg.run_query(ttl, FOREVER, limits=kg.Limits(seconds=1.5))

    assert time.monotonic() - started < 15


def test_an_answer_past_its_rows_is_stopped(ttl):
    everything = "SELECT * WHERE { ?s ?p ?o }"
    n = len(kg.run_query(ttl, everything).rows)

    assert len(kg.run_query(ttl, everything, limits=kg.Limits(rows=n)).rows) == n
    with pytest.raises(kg.QueryError, match=rf"more than {n - 1} rows"):
        kg.run_query(ttl, everything, limits=kg.Limits(rows=n - 1))


def test_a_query_past_its_memory_is_stopped(ttl):
    sorted_pairs = "SELECT ?a ?c WHERE { ?a ?p ?b . ?c ?q ?d } ORDER BY ?b ?d LIMIT 1"  # sorts 10 million rows

    with pytest.raises(kg.QueryError, match=r"more than 300 MB"):
        kg.run_query(ttl, sorted_pairs, limits=kg.Limits(seconds=120, memory_mb=300))


# A SERVICE clause, and the same letters where they are no keyword: (query, federated)
SERVICES = [
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", True),
    ("select * where { service silent <http://example.org/sparql> { ?s ?p ?o } }", True),
    ("SELECT * WHERE { ?x ?y ?z OPTIONAL{SERVICE?endpoint{?s ?p ?o}} }", True),
    ("PREFIX ex: <http://e/>\nSELECT * WHERE {\n  # a comment\n  SeRvIcE ex:endpoint { ?s ?p ?o } }", True),
    ('SELECT * WHERE { ?s rdfs:label "SERVICE <http://example.org/>" }', False),
    ("SELECT * WHERE { ?s rdfs:label '''le\nSERVICE { }''' }", False),
    ('SELECT * WHERE { ?s rdfs:label "dit \\"SERVICE\\" ici" }', False),
    ("SELECT * WHERE { ?s ?p ?o } # SERVICE <http://example.org/sparql> { }", False),
    ("SELECT ?service WHERE { ?s <http://e/SERVICE> ?service . ?s ?p $SERVICE }", False),
    ("PREFIX service: <http://e/>\nSELECT * WHERE { ?s service:SERVICE ?o . ?s ?p 'x'@service }", False),
]


@pytest.mark.parametrize(("sparql", "federated"), SERVICES)
def test_service_clauses_are_found_by_their_syntax(sparql, federated):
    from rdflib.plugins.sparql.parser import parseQuery

    assert ("ServiceGraphPattern" in repr(parseQuery(sparql))) is federated  # the SPARQL grammar agrees
    assert kg.is_federated(sparql) is federated


def test_a_service_keyword_written_with_codepoint_escapes_is_found():
    assert kg.is_federated("SELECT * WHERE { \\u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert kg.is_federated("SELECT * WHERE { \\U00000073ervice <http://example.org/sparql> { ?s ?p ?o } }")


@pytest.mark.parametrize("limits", [None, kg.Limits()], ids=["here", "in a child"])
def test_a_federated_query_is_refused_unless_allowed(ttl, limits):
    with pytest.raises(kg.QueryError, match=r"SERVICE.*--allow-service"):
        kg.run_query(ttl, SERVICES[0][0], limits=limits)


@pytest.mark.parametrize("limits", [None, kg.Limits()], ids=["here", "in a child"])
def test_a_failing_service_is_a_query_error(ttl, limits):
    """Port 9 (discard) is refused by Oxigraph's client itself: nothing is sent."""
    sparql = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"

    with pytest.raises(kg.QueryError, match=r"^the query failed: "):
        kg.run_query(ttl, sparql, limits=limits, allow_service=True)


# --- what a graph path may be ---------------------------------------------------------------


def test_a_folder_is_no_graph_file(tmp_path):
    with pytest.raises(kg.QueryError, match=r"is a folder"):
        kg.run_query(tmp_path, "ASK { ?s ?p ?o }")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_is_no_graph_file():
    with pytest.raises(kg.QueryError, match=r"/dev/zero: is not a regular file \(character device\)"):
        kg.run_query("/dev/zero", "ASK { ?s ?p ?o }", limits=kg.Limits())
