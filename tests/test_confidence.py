"""The event confidence: the shipped model agrees with the extractor's features, every event has
a confidence in [0, 1], every export carries it and ``--min-confidence`` drops what it should."""

from __future__ import annotations

import json
import math
from dataclasses import replace

import pytest
from click.testing import CliRunner
from conftest import ROOT
from rdflib import Graph
from test_rules import FIN, PART, parse

from kg import cli
from kg.data import document
from kg.errors import BadInputError
from kg.export import network
from kg.export.jsonl import generate_jsonl
from kg.extract import doc_events
from kg.extract.confidence import FEATURE_NAMES, ConfidenceModel, actor_route, event_features, load_model, target_route
from kg.extract.repairs import VerbLemmas
from kg.graph import EventGraph
from kg.pipeline import build_graph

LEMMAS = VerbLemmas(rules=(), index=frozenset())
PASSIVE = f"""
    La      le     DET   2 det
    loi     loi    NOUN  5 nsubj:pass
    a       avoir  AUX   5 aux:tense
    été     être   AUX   5 aux:pass
    votée   voter  VERB  0 ROOT       {PART}
    par     par    ADP   8 case
    le      le     DET   8 det
    Sénat   Sénat  PROPN 5 obl:agent
    .       .      PUNCT 5 punct
"""
CONTROL = f"""
    Pyongyang  Pyongyang  PROPN 2 nsubj
    veut       vouloir    VERB  0 ROOT   {FIN}
    aider      aider      VERB  2 xcomp  VerbForm=Inf
    la         le         DET   5 det
    Russie     Russie     PROPN 3 obj
    .          .          PUNCT 2 punct
"""


# --- the model file ------------------------------------------------------------------------


def test_the_model_file_loads_and_names_the_extractors_features():
    model = load_model()
    record = document("confidence.json")
    assert model is not None
    assert model.features == FEATURE_NAMES
    assert len(model.weights) == len(FEATURE_NAMES) and all(math.isfinite(w) for w in model.weights)
    assert set(record["trained_on"]) == {"deep-sequoia-train.conll", "ud-french-gsd/fr_gsd-ud-dev.conllu"}
    assert {"fitted", "command", "learner", "ece"} <= set(record)


def test_the_probability_is_the_logistic_of_the_weighted_sum():
    model = ConfidenceModel(("a", "b"), (2.0, -1.0), 0.5)
    assert model.probability({}) == pytest.approx(1 / (1 + math.exp(-0.5)))
    assert model.probability({"a": 1.0, "b": 3.0}) == pytest.approx(1 / (1 + math.exp(0.5)))
    assert model.probability({"a": -1000.0}) == 0.0


def test_the_runtime_does_not_import_a_learning_library():
    source = (ROOT / "kg" / "extract" / "confidence.py").read_text(encoding="utf-8")
    assert "sklearn" not in source.replace("no learning library", "")


# --- features on hand-built parses ---------------------------------------------------------


def test_features_say_which_rule_found_each_argument():
    doc = parse(PASSIVE)
    verb, loi, senat = doc[4], doc[1], doc[7]
    assert actor_route(verb, senat, passive=True) == "agent"
    assert target_route(verb, loi, passive=True) == "passive_subject"
    values = event_features(verb, senat, loi, passive=True)
    assert values["passive"] == 1.0 and values["actor_pos=PROPN"] == 1.0 and values["actor_after_verb"] == 1.0
    assert set(values) <= set(FEATURE_NAMES)

    doc = parse(CONTROL)
    aider = doc[2]
    assert actor_route(aider, doc[0], passive=False) == "inherited"
    assert event_features(aider, doc[0], doc[4], passive=False)["verb_dep=xcomp"] == 1.0


@pytest.mark.parametrize(("subject", "flagged"), [("victoire", True), ("Russie", False)])
def test_an_event_noun_inherited_as_actor_is_flagged(subject: str, flagged: bool):
    """« la victoire priverait l'Ukraine … pour négocier la fin »: an event inherited as the actor
    of an infinitive is a sign the infinitive hangs on the wrong verb; a country is not."""
    doc = parse(f"""
        la        le        DET   2 det
        {subject} {subject} NOUN  3 nsubj
        priverait priver    VERB  0 ROOT
        l'        le        DET   5 det
        Ukraine   Ukraine   PROPN 3 obj
        pour      pour      ADP   7 mark
        négocier  négocier  VERB  3 advcl  VerbForm=Inf
        la        le        DET   9 det
        fin       fin       NOUN  7 obj
    """)
    values = event_features(doc[6], doc[1], doc[8], passive=False)
    assert values.get("inherited_event_noun_actor", 0.0) == float(flagged)


def test_every_event_of_a_hand_built_parse_has_a_confidence():
    found = doc_events(parse(PASSIVE), 0, LEMMAS) + doc_events(parse(CONTROL), 0, LEMMAS)
    assert [e.lemma for e in found] == ["voter", "vouloir", "aider"]
    assert all(0.0 <= e.confidence <= 1.0 for e in found)


# --- the seed and its exports --------------------------------------------------------------


def test_every_seed_event_has_a_confidence_in_0_1(seed_graph):
    assert seed_graph.events
    assert all(e.confidence is not None and 0.0 <= e.confidence <= 1.0 for e in seed_graph.events)
    assert len({e.confidence for e in seed_graph.events}) > 1  # it tells events apart


def test_jsonl_carries_the_confidence(seed_graph):
    records = [json.loads(line) for line in generate_jsonl(seed_graph).splitlines()]
    by_id = {e.id: e.confidence for e in seed_graph.events}
    assert {r["id"]: r["confidence"] for r in records} == by_id


def test_turtle_carries_kg_confidence(seed_graph):
    rdf = Graph().parse(data=seed_graph.to_turtle(), format="turtle")
    rows = rdf.query(
        "SELECT ?e ?c WHERE { ?e a sem:Event ; kg:confidence ?c . FILTER(datatype(?c) = xsd:decimal) }",
        initNs={"kg": "https://w3id.org/kg-fr/ontology#", "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
                "xsd": "http://www.w3.org/2001/XMLSchema#"},
    )  # fmt: skip
    found = {str(e).rsplit("/", 1)[1]: float(c) for e, c in rows}
    # one sem:Event per happening: the headline and the body's « confirme » are one
    assert found == pytest.approx({h.id: h.confidence for h in seed_graph.happenings})


def test_graphml_carries_the_confidence(seed_graph):
    drawn = next(e for e in seed_graph.events if e.actor and e.actor.entity and e.target and e.target.entity)
    scored = replace(drawn, confidence=0.25)  # an edge of the entity graph
    eg = EventGraph.from_events(seed_graph.articles.values(), [scored])
    assert eg.graph.nodes[scored.id]["confidence"] == 0.25
    assert 'attr.name="confidence"' in network.generate_graphml(eg)


# --- dropping the less confident events ----------------------------------------------------


def test_build_min_confidence_drops_the_events_below(seed_graph, seed_path, tmp_path):
    threshold = sorted(e.confidence for e in seed_graph.events)[len(seed_graph.events) // 2]
    expected = {e.id for e in seed_graph.events if e.confidence >= threshold}
    out = tmp_path / "out"
    args = ["build", str(seed_path), "-o", str(out), "--format", "jsonl", "--no-cache"]
    result = CliRunner().invoke(cli.main, [*args, "--min-confidence", str(threshold)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["id"] for r in records} == expected
    assert 0 < len(expected) < len(seed_graph.events)


def test_min_confidence_outside_0_1_is_refused(seed_path, tmp_path):
    result = CliRunner().invoke(cli.main, ["build", str(seed_path), "-o", str(tmp_path), "--min-confidence", "1.5"])
    assert result.exit_code == 2 and "1.5" in result.output
    with pytest.raises(BadInputError):
        build_graph([seed_path], min_confidence=-0.1)
