"""The argument ranker on parses built by hand: its features, its decisions with a toy model
whose weights the test states, and the shipped model (kg/data/ranker.json) loaded and applied.
No spaCy model is loaded (test_rules' ``no_model`` fixture)."""

from __future__ import annotations

import pytest
from test_rules import FIN, LEMMAS, PART, no_model, parse  # noqa: F401 (a fixture)

from kg.data import document
from kg.extract import doc_events, ranker
from kg.extract.ranker import ROLES, Ranker, _verb, candidate_features, candidates, load_model, rerank, role_model
from kg.extract.roles import frame, is_passive
from kg.model import EventKind

PLUR = "Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin"

ENVOYER = f"""
    La       le       DET   2 det
    Corée    Corée    PROPN 6 nsubj      Number=Sing
    du       de       ADP   4 case
    Nord     Nord     PROPN 2 nmod
    a        avoir    AUX   6 aux:tense  Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    envoyé   envoyer  VERB  0 ROOT       {PART}
    des      un       DET   8 det
    soldats  soldat   NOUN  6 obj        Number=Plur
"""


def _features(table: str, verb_form: str, shown_form: str) -> list[str]:
    doc = parse(table)
    verb = next(t for t in doc if t.text == verb_form)
    f = frame(verb)
    v = _verb(verb, is_passive(verb))
    chosen = {t.i for t in f.actors}
    for shown, meant in candidates(verb):
        if shown.text == shown_form:
            return candidate_features(v, shown, meant, meant.i in chosen, bool(chosen))
    raise AssertionError(f"{shown_form} is no candidate of {verb_form}")


def test_features_of_the_subject_and_the_object() -> None:
    subject = _features(ENVOYER, "envoyé", "Corée")
    assert {"dep=nsubj", "path=↑nsubj↓", "side=before", "number=yes", "person=yes", "chosen=True"} <= set(subject)
    assert {"voice=active", "verb_form=Part", "verb_dep=ROOT", "verb_has=obj", "verb_lemma=envoyer"} <= set(subject)
    obj = _features(ENVOYER, "envoyé", "soldats")
    assert {"dep=obj", "path=↑obj↓", "side=after", "number=no", "chosen=False"} <= set(obj)
    nord = _features(ENVOYER, "envoyé", "Nord")
    assert "path=↑nmod↑nsubj↓" in nord and "tree_distance=2" in nord


def test_relative_pronoun_stands_for_its_antecedent() -> None:
    table = f"""
        Le       le       DET   2 det
        pays     pays     NOUN  0 ROOT
        qui      qui      PRON  5 nsubj        PronType=Rel
        a        avoir    AUX   5 aux:tense
        envoyé   envoyer  VERB  2 acl:relcl    {PART}
        des      un       DET   7 det
        soldats  soldat   NOUN  5 obj
    """
    doc = parse(table)
    pairs = [(shown.text, meant.text) for shown, meant in candidates(doc[4])]
    assert ("qui", "pays") in pairs and ("pays", "pays") in pairs
    qui = _features(table, "envoyé", "qui")
    assert {"relative", "relative,word=qui", "dep=nsubj", "meant_pos=NOUN"} <= set(qui)


def _toy(actor: dict[str, float], swap=0.6, margin=0.1, drop=0.0, add=0.6) -> Ranker:
    """A ranker whose actor weights are ``actor`` and which leaves targets to the rules."""
    never = {"swap": 2.0, "margin": 0.0, "drop": 0.0, "add": 2.0}
    return Ranker(
        {
            "actor": role_model(
                {"intercept": 0.0, "weights": actor}, dict(swap=swap, margin=margin, drop=drop, add=add)
            ),
            "target": role_model({"intercept": 0.0, "weights": {}}, never),
        }
    )


# number agreement with the finite verb, before the verb, no comma between: a subject
AGREEMENT = {"bias": -4.0, "number=yes": 3.0, "side=before": 2.0, "comma_between": -3.0, "chosen=True": 1.0}


def _triples(table: str, model: Ranker, monkeypatch) -> list[tuple[str | None, str, str | None]]:
    monkeypatch.setattr(ranker, "load_model", lambda: model)
    found = [e for e in doc_events(parse(table), 0, LEMMAS) if e.kind == EventKind.VERBAL]
    return [(e.actor and e.actor.text, e.lemma, e.target and e.target.text) for e in found]


def test_ranker_restores_a_missed_subject(monkeypatch) -> None:
    """« Selon les services, la Corée a envoyé des soldats » with « Corée » hung on « services »
    by a relation the rules do not climb: the rules find no actor, the ranker adds it."""
    table = f"""
        Selon     selon    ADP   3 case
        les       le       DET   3 det
        services  service  NOUN  8 obl:mod   Number=Plur
        ,         ,        PUNCT 3 punct
        la        le       DET   6 det
        Corée     Corée    PROPN 3 dep       Number=Sing
        a         avoir    AUX   8 aux:tense Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
        envoyé    envoyer  VERB  0 ROOT      {PART}
        des       un       DET   10 det
        soldats   soldat   NOUN  8 obj       Number=Plur
    """
    assert _triples(table, _toy({}, add=2.0), monkeypatch) == [(None, "envoyer", "des soldats")]
    assert _triples(table, _toy(AGREEMENT, add=0.4), monkeypatch) == [("la Corée", "envoyer", "des soldats")]


def test_ranker_corrects_a_wrong_subject(monkeypatch) -> None:
    """« Les habitants de la ville ont signé leurs pétitions » with « ville » read as the subject:
    the plural verb agrees with « habitants », which the ranker takes instead."""
    table = f"""
        Les       les      DET   2 det
        habitants habitant NOUN  7 dislocated  Number=Plur
        de        de       ADP   5 case
        la        le       DET   5 det
        ville     ville    NOUN  7 nsubj       Number=Sing
        ont       avoir    AUX   7 aux:tense   {PLUR}
        signé     signer   VERB  0 ROOT        {PART}
        leurs     leur     DET   9 det
        pétitions pétition NOUN  7 obj         Number=Plur
    """
    assert _triples(table, _toy({}), monkeypatch) == [("la ville", "signer", "leurs pétitions")]
    assert _triples(table, _toy(AGREEMENT), monkeypatch) == [("Les habitants", "signer", "leurs pétitions")]


def test_ranker_drops_an_unlikely_subject(monkeypatch) -> None:
    """The rules' actor goes when the model gives it less than the drop threshold."""
    found = _triples(ENVOYER, _toy({"bias": -6.0}, swap=2.0, drop=0.1), monkeypatch)
    assert found == [(None, "envoyer", "des soldats")]


def test_rerank_leaves_a_frame_alone_without_model(monkeypatch) -> None:
    monkeypatch.setattr(ranker, "load_model", lambda: None)
    f = frame(parse(ENVOYER)[5])
    assert rerank(f) is f


def test_shipped_model_loads_and_is_applied(monkeypatch) -> None:
    record = document("ranker.json")
    assert {"about", "trained_on", "checked_on", "command", "learner", "roles"} <= set(record)
    model = load_model()
    assert model is not None and set(model.roles) == set(ROLES)
    for role in ROLES:
        r = model.roles[role]
        assert 0.0 <= r.drop <= 1.0 and r.weights
    doc = parse(ENVOYER)
    verb = doc[5]
    scores = ranker.scored_candidates(frame(verb), False, model)
    # the subject child scores higher as the actor than the object child, and the reverse
    corée, soldats = doc[1].i, doc[7].i
    assert scores["actor"][corée][1] > scores["actor"][soldats][1]
    assert scores["target"][soldats][1] > scores["target"][corée][1]
    assert all(0.0 <= p <= 1.0 for role in ROLES for _, p in scores[role].values())
    # the hook in extraction uses it: the plain sentence keeps its rules' frame
    assert _triples(ENVOYER, model, monkeypatch) == [("La Corée du Nord", "envoyer", "des soldats")]


@pytest.mark.parametrize("role", ROLES)
def test_shipped_thresholds_are_in_range(role: str) -> None:
    thresholds = document("ranker.json")["roles"][role]["thresholds"]
    assert set(thresholds) == {"swap", "margin", "drop", "add"}
    assert all(-1.0 <= float(x) <= 1.01 for x in thresholds.values())
