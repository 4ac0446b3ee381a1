"""Turtle and JSON Lines exports: valid, faithful to the graph, traceable to the text, stable."""

from __future__ import annotations

import json
import subprocess

import pytest
from conftest import SEED, require_tool
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.compare import isomorphic

import kg
from kg.export.rdf import to_rdf
from kg.vocab import DEFAULT_BASE, KG, NIF, PROV, SEM


@pytest.fixture(scope="module")
def turtle(seed_exports) -> str:
    return seed_exports["turtle"].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def parsed(turtle) -> Graph:
    return Graph().parse(data=turtle, format="turtle")


def document_texts(graph: kg.KnowledgeGraph, base: str = DEFAULT_BASE) -> dict[URIRef, str]:
    return {URIRef(f"{base}document/{article_id}"): a.text for article_id, a in graph.articles.items()}


def number(graph: Graph, node: URIRef, prop: URIRef) -> int:
    return int(graph.value(node, prop).toPython())


def test_turtle_parses_back_to_the_same_graph(seed_graph, parsed):
    assert len(parsed) > 0
    assert isomorphic(parsed, to_rdf(seed_graph))


def test_turtle_passes_rapper(seed_exports, parsed):
    rapper = require_tool("rapper")

    done = subprocess.run(
        [rapper, "-i", "turtle", "-c", str(seed_exports["turtle"])], capture_output=True, text=True, check=False
    )

    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr and "Warning" not in done.stderr, done.stderr
    assert f"returned {len(parsed)} triples" in done.stderr


def test_build_is_deterministic(seed_graph):
    again = kg.build_graph([SEED])

    assert again.to_turtle() == seed_graph.to_turtle()
    assert again.to_jsonl() == seed_graph.to_jsonl()


def test_written_turtle_is_the_generated_turtle(seed_graph, turtle):
    assert turtle == seed_graph.to_turtle()


def test_one_rdf_event_per_event(seed_graph, parsed):
    assert set(parsed.subjects(RDF.type, SEM.Event)) == {
        URIRef(f"{DEFAULT_BASE}event/{e.id}") for e in seed_graph.events
    }


def test_every_event_has_provenance_and_its_sentence(seed_graph, parsed):
    texts = document_texts(seed_graph)
    events = list(parsed.subjects(RDF.type, SEM.Event))
    assert events

    for event in events:
        document = parsed.value(event, PROV.wasDerivedFrom)
        assert document in texts, event
        assert (document, RDF.type, KG.Document) in parsed
        sentence = parsed.value(event, KG.sentence)
        assert sentence is not None, event
        string = parsed.value(sentence, NIF.isString)
        assert isinstance(string, Literal) and string.language == "fr"
        begin, end = number(parsed, sentence, NIF.beginIndex), number(parsed, sentence, NIF.endIndex)
        assert texts[document][begin:end] == str(string)


def test_labels_are_french(parsed):
    labels = list(parsed.objects(None, RDFS.label))
    assert labels

    assert [label for label in labels if not (isinstance(label, Literal) and label.language == "fr")] == []


def test_every_mention_slices_its_article_to_its_anchor(seed_graph, parsed):
    texts = document_texts(seed_graph)
    mentions = list(parsed.subjects(RDF.type, KG.Mention))
    assert mentions

    for mention in mentions:
        text = texts[parsed.value(mention, NIF.referenceContext)]
        begin, end = number(parsed, mention, NIF.beginIndex), number(parsed, mention, NIF.endIndex)
        assert text[begin:end] == str(parsed.value(mention, NIF.anchorOf)), mention


def test_the_arms_event_in_rdf(parsed):
    found = parsed.query(
        """SELECT ?actor ?target ?quantity WHERE {
               ?e a sem:Event ; kg:lemma "fournir" ; kg:actor ?a ; kg:target ?t ; kg:quantity ?quantity .
               ?a rdfs:label ?actor . ?t rdfs:label ?target }""",
        initNs={"sem": SEM, "kg": KG._NS, "rdfs": RDFS},
    )

    assert [(str(r.actor), str(r.target)) for r in found] == [("Corée du Nord", "armes")]
    assert all("quantité" in str(r.quantity) for r in found)


def test_base_iri_is_honoured(seed_graph):
    base = "http://example.org/actualites/"

    text = seed_graph.to_turtle(base=base)
    graph = Graph().parse(data=text, format="turtle")

    assert DEFAULT_BASE not in text
    kinds = ("document", "event", "entity", "mention", "sentence", "action")
    instances = {t for t in graph.all_nodes() if isinstance(t, URIRef) and any(f"/{k}/" in t for k in kinds)}
    assert {t.split("/")[-2] for t in instances} == set(kinds)
    assert [t for t in instances if not t.startswith(base)] == []
    assert set(graph.subjects(RDF.type, SEM.Event)) == {URIRef(f"{base}event/{e.id}") for e in seed_graph.events}


def test_write_turtle_with_base(seed_graph, tmp_path):
    base = "http://example.org/actualites/"
    path = tmp_path / "sous-dossier" / "graph.ttl"

    seed_graph.write_turtle(path, base=base)

    assert path.read_text(encoding="utf-8") == seed_graph.to_turtle(base=base)


# --- JSON Lines ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def records(seed_exports) -> list[dict]:
    lines = seed_exports["events"].read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_jsonl_is_one_object_per_event(seed_graph, seed_exports, records):
    raw = seed_exports["events"].read_text(encoding="utf-8")

    assert raw.endswith("\n")
    assert all(isinstance(r, dict) for r in records)
    assert [r["id"] for r in records] == [e.id for e in seed_graph.events]


def test_jsonl_offsets_slice_the_article(seed_text, records):
    assert records
    for record in records:
        spans = [record["action"], record["sentence"], *record["roles"].values()]
        for span in spans:
            assert seed_text[span["start"] : span["end"]] == span["text"], (record["lemma"], span)


def test_jsonl_record_of_the_arms_event(records):
    (arms,) = [r for r in records if r["lemma"] == "fournir"]

    assert arms["roles"]["actor"]["entity"]["label"] == "Corée du Nord"
    assert arms["roles"]["target"]["text"] == "armes"
    assert "quantité" in arms["roles"]["quantity"]["text"]
    assert "la Corée du Nord a fourni" in arms["sentence"]["text"]
    assert arms["modality"] == "asserted"
