"""One serialisation of an event (kg.records), read by the cache and written by the JSON Lines
export, and the resolved period every export carries."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace

import networkx as nx
import pytest

from kg.export import html
from kg.export.jsonl import generate_jsonl
from kg.graph import EventGraph
from kg.model import Bound, Entity, EntityType, Event, Mention, MentionKind, Period, Unit
from kg.records import event_from_record, event_record
from kg.resolve import resolve_events, resolve_periods

MONDAY = dt.date(2025, 4, 28)  # the seed article's date
TEXT = "Selon Séoul, Pyongyang aurait envoyé 3 000 soldats en Russie à l'automne dernier."


def at(part: str, kind: MentionKind = MentionKind.NOUN, **features) -> Mention:
    start = TEXT.index(part)
    return Mention(part, start, start + len(part), kind, **features)


SENT = Event(
    action=at("envoyé", MentionKind.VERB, head="envoyer"),
    lemma="envoyer",
    actor=at("Pyongyang", MentionKind.NAME, head="Pyongyang", ner="LOC", gender="Masc", number="Sing"),
    target=at("soldats", head="soldat", gender="Masc", number="Plur", determiner="des"),
    quantity=at("3 000", MentionKind.QUANTITY),
    destination=at("Russie", MentionKind.NAME, ner="LOC"),
    time=at("à l'automne dernier", MentionKind.TIME),
    source=at("Séoul", MentionKind.NAME, ner="LOC"),
    sentence=Mention(TEXT, 0, len(TEXT), MentionKind.SENTENCE),
    doc_id="d1",
)


def test_an_extracted_event_survives_the_cache_form():
    assert event_from_record(json.loads(json.dumps(event_record(SENT, features=True)))) == SENT


def test_a_resolved_event_keeps_its_entities_and_period():
    (resolved,) = resolve_events([SENT], MONDAY)

    back = event_from_record(json.loads(json.dumps(event_record(resolved))))

    assert back.id == resolved.id and back.period == resolved.period
    assert back.actor.entity == Entity("coree-du-nord", "Corée du Nord", EntityType.COUNTRY)
    assert back.actor.entity.iso == "KP"
    assert back.roles().keys() == resolved.roles().keys()


def test_a_person_keeps_its_office_and_state_in_the_export_form():
    text = "Le président français François Hollande a reçu les enseignants."
    head = Mention("Le président français François Hollande", 0, 39, MentionKind.NAME, head="président", ner="PER",
                   number="Sing", determiner="le")  # fmt: skip
    target = Mention("les enseignants", 47, 62, MentionKind.NOUN, head="enseignant", number="Plur", determiner="les")
    event = Event(
        action=Mention("reçu", 42, 46, MentionKind.VERB, head="recevoir"),
        lemma="recevoir",
        actor=head,
        target=target,
        sentence=Mention(text, 0, len(text), MentionKind.SENTENCE),
        doc_id="d2",
    )
    (resolved,) = resolve_events([event])

    record = json.loads(json.dumps(event_record(resolved)))

    assert record["roles"]["actor"]["entity"] == {"id": "francois-hollande", "label": "François Hollande",
        "type": "Person", "affiliation": "france", "role": "président", "sector": "government"}  # fmt: skip
    assert record["roles"]["target"]["entity"]["sector"] == "education"
    back = event_from_record(record)
    assert (back.actor.entity.affiliation, back.actor.entity.role) == ("france", "président")


def test_the_export_form_leaves_the_parser_features_out():
    record = event_record(SENT)

    assert set(record["roles"]["actor"]) == {"text", "start", "end", "kind"}
    assert record["action"] == {"text": "envoyé", "start": SENT.action.start, "end": SENT.action.end}
    assert list(record["roles"]) == ["actor", "target", "destination", "time", "quantity", "source"]


def test_the_confidence_is_kept_and_is_no_part_of_the_id():
    scored = replace(SENT, confidence=0.42)
    record = event_record(scored)

    assert record["confidence"] == 0.42
    assert event_from_record(record).confidence == 0.42
    assert scored.id == SENT.id and event_record(SENT)["confidence"] is None


def test_a_changed_record_is_refused():
    record = event_record(SENT, features=True)
    record["roles"]["actor"]["start"] += 1

    with pytest.raises(ValueError, match="does not match"):
        event_from_record(record)


@pytest.mark.parametrize(
    "damage",
    [
        lambda r: r["roles"].update(agent=r["roles"]["actor"]),
        lambda r: r.update(roles=[1]),
        lambda r: r["roles"]["actor"].update(start="12"),
        lambda r: r.update(modality="certain"),
        lambda r: r.pop("lemma"),
        lambda r: r.update(confidence=1.5),
        lambda r: r.update(confidence="high"),
    ],
    ids=[
        "unknown role",
        "roles not a mapping",
        "offset not a number",
        "unknown modality",
        "no lemma",
        "confidence above 1",
        "confidence not a number",
    ],
)
def test_a_record_of_another_shape_is_refused(damage):
    record = event_record(SENT, features=True)
    damage(record)

    with pytest.raises((ValueError, KeyError, TypeError)):
        event_from_record(record)


# --- the resolved period ------------------------------------------------------------------


def test_the_resolve_stage_gives_the_period_and_its_anchor():
    (resolved,) = resolve_periods([SENT], MONDAY)

    assert resolved.period == Period(Unit.SEASON, dt.date(2024, 9, 1), dt.date(2024, 11, 30), Bound.AT, MONDAY)


def test_without_a_date_nothing_is_resolved():
    assert resolve_periods([SENT], None)[0].period is None


@pytest.fixture(scope="module")
def dated_graph() -> EventGraph:
    return EventGraph.from_events([], resolve_events([SENT], MONDAY))


def test_the_jsonl_record_shows_the_period(dated_graph):
    (line,) = generate_jsonl(dated_graph).splitlines()

    assert json.loads(line)["period"] == {
        "granularity": "season",
        "bound": "at",
        "first": "2024-09-01",
        "last": "2024-11-30",
        "begin": "2024-09-01",
        "end": "2024-11-30",
        "anchor": "2025-04-28",
    }


def test_the_viewer_event_panel_shows_the_period(dated_graph):
    page = html.generate_html(dated_graph)
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S).group(1))

    (record,) = data["events"].values()
    assert record["period"] == "automne 2024 (du 1 septembre au 30 novembre 2024)"


@pytest.mark.parametrize(
    ("period", "text"),
    [
        (Period(Unit.DAY, MONDAY, MONDAY), "28 avril 2025"),
        (Period(Unit.MONTH, dt.date(2025, 3, 1), dt.date(2025, 3, 31)), "mars 2025"),
        (Period(Unit.YEAR, dt.date(2024, 1, 1), dt.date(2024, 12, 31)), "2024"),
        (Period(Unit.DAY, MONDAY, MONDAY, Bound.UNTIL), "jusqu'au 28 avril 2025"),
        (Period(Unit.MONTH, dt.date(2025, 3, 1), dt.date(2025, 3, 31), Bound.SINCE), "depuis mars 2025"),
        (
            Period(Unit.WEEK, dt.date(2025, 4, 21), dt.date(2025, 4, 27)),
            "semaine (du 21 avril au 27 avril 2025)",
        ),
    ],
)
def test_the_viewer_says_a_period_in_french(period, text):
    assert html._period_text(period) == text


def test_the_entity_graph_edges_carry_the_period(dated_graph):
    from kg.export.network import entity_network

    g = entity_network(dated_graph)
    (edge,) = (d for _, _, d in g.edges(data=True))

    assert (edge["period_begin"], edge["period_end"], edge["period_granularity"]) == (
        "2024-09-01",
        "2024-11-30",
        "season",
    )
    assert isinstance(g, nx.MultiDiGraph)


def test_the_words_mentions_repeat_are_one_string_each():
    """A big article holds millions of mentions; their features are a few hundred words."""
    one, other = (Mention("".join(["la Russie"]), 0, 9, head="".join(["Russie"]), pos="".join(["PROPN"])) for _ in "ab")
    assert one == other and one.head is other.head and one.pos is other.pos
    event = Event(action=one, lemma="".join(["envoyer"]), doc_id="".join(["d1"]))
    again = replace(event, doc_id="".join(["d1"]))
    assert event.lemma is again.lemma and event.doc_id is again.doc_id


def test_the_records_of_one_sentence_share_their_sentence():
    from kg.model import Extraction
    from kg.records import extraction_from_record, extraction_record

    sentence = Mention("La Russie envoie des troupes.", 0, 29, MentionKind.SENTENCE)
    events = tuple(
        Event(action=Mention(word, k, k + len(word), MentionKind.VERB), lemma=word, sentence=sentence, doc_id="d")
        for word, k in (("Russie", 3), ("envoie", 10))
    )
    read = extraction_from_record(extraction_record(Extraction(events=events)))
    assert read.events == events
    assert read.events[0].sentence is read.events[1].sentence
