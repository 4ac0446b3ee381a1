"""Event ⇄ JSON-ready dict: the one serialisation of an event, read by the extraction cache and
written by the JSON Lines export.

    {"id": "3f2a…", "doc_id": "…", "lemma": "envoyer", "kind": "verbal", "modality": "alleged",
     "action": {"text": "envoyé", "start": 412, "end": 418},
     "roles": {"actor": {"text": "la Corée du Nord", "start": 380, "end": 396, "kind": "name",
                         "entity": {"id": "coree-du-nord", "label": "Corée du Nord", "type": "Country", "iso": "KP"}},
               "time": {"text": "à l'automne dernier", …}, …},
     "sentence": {"text": "Selon les services…", "start": 300, "end": 520},
     "period": {"granularity": "season", "bound": "at", "first": "2024-09-01", "last": "2024-11-30",
                "begin": "2024-09-01", "end": "2024-11-30", "anchor": "2025-04-28"},
     "confidence": 0.83}

Roles come in the order of ``kg.model.ROLE_TABLE``, only those the event has; ``confidence`` is
the probability that actor, action and target are right (``kg.extract.confidence``), or null.
An entity carries, when it has them, ``iso`` (a country's ISO 3166 code), ``affiliation`` (the id
of the state or body it belongs to), ``role`` (a person's office) and ``sector``.
``features=True`` adds what resolution reads of a mention (head lemma, NER label, agreement,
determiner, « de » complements, locution) and the kinds of the action and the sentence: the cache
needs them to resolve a cached event as a parsed one; a reader of the export does not. ``event_from_record``
reads both forms back; a record whose ``id`` does not match its content is refused, so that a
damaged record is never taken for an event.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kg.model import (
    ROLES,
    Bound,
    Entity,
    EntityMention,
    EntityType,
    Event,
    EventKind,
    Extraction,
    Mention,
    MentionKind,
    Modality,
    Period,
    Unit,
)

__all__ = [
    "event_from_record",
    "event_record",
    "extraction_from_record",
    "extraction_record",
    "name_from_record",
    "name_record",
    "period_record",
]

_ENTITY_EXTRAS = ("iso", "affiliation", "role", "sector")
_FEATURES = ("head", "ner", "pos", "gender", "number", "determiner", "case", "locution", "event_noun")


def _span(mention: Mention) -> dict[str, Any]:
    return {"text": mention.text, "start": mention.start, "end": mention.end}


def _mention(mention: Mention, features: bool) -> dict[str, Any]:
    record = {**_span(mention), "kind": mention.kind.value}
    if features:
        record.update({name: getattr(mention, name) for name in _FEATURES})
        record["complements"] = [_mention(c, features) for c in mention.complements]
    if mention.entity is not None:
        entity = mention.entity
        record["entity"] = {"id": entity.id, "label": entity.label, "type": entity.type.value}
        # what a user joins on or filters by: the ISO code of a country, the state or body a
        # person or group belongs to, a person's office, a group's sector
        record["entity"].update({name: value for name in _ENTITY_EXTRAS if (value := getattr(entity, name))})
    return record


def period_record(period: Period | None) -> dict[str, Any] | None:
    """The resolved period as ISO dates: ``begin``/``end`` are what the event is bounded by
    (None for an open side: « jusqu'à lundi » has no begin), ``first``/``last`` the period named."""
    if period is None:
        return None

    def iso(day: dt.date | None) -> str | None:
        return None if day is None else day.isoformat()

    return {
        "granularity": period.unit.value,
        "bound": period.bound.value,
        "first": iso(period.first),
        "last": iso(period.last),
        "begin": iso(period.begin),
        "end": iso(period.end),
        "anchor": iso(period.anchor),
    }


def event_record(event: Event, *, title: str | None = None, features: bool = False) -> dict[str, Any]:
    """A JSON-ready dict of one event; ``title``, when given, is its article's title."""
    record: dict[str, Any] = {"id": event.id, "doc_id": event.doc_id}
    if title is not None:
        record["title"] = title
    span = (lambda m: _mention(m, features)) if features else _span
    record.update(
        lemma=event.lemma,
        kind=str(event.kind),
        modality=event.modality.value,
        action=span(event.action),
        roles={role: _mention(m, features) for role, m in event.roles().items()},
        sentence=None if event.sentence is None else span(event.sentence),
        period=period_record(event.period),
        confidence=event.confidence,
    )
    return record


def _mention_from(record: dict[str, Any], kind: MentionKind) -> Mention:
    entity = record.get("entity")
    mention = Mention(
        text=record["text"],
        start=record["start"],
        end=record["end"],
        kind=MentionKind(record.get("kind", kind)),
        complements=tuple(_mention_from(c, MentionKind.NOUN) for c in record.get("complements", ())),
        **{name: record[name] for name in _FEATURES if name in record},
    )
    if not (isinstance(mention.text, str) and isinstance(mention.start, int) and isinstance(mention.end, int)):
        raise TypeError(f"not a mention: {record!r}")
    if entity is not None:
        mention = mention.resolved(
            Entity(
                id=entity["id"],
                label=entity["label"],
                type=EntityType(entity["type"]),
                **{name: entity.get(name) for name in _ENTITY_EXTRAS},
            )
        )
    return mention


def _period_from(record: dict[str, Any] | None) -> Period | None:
    if record is None:
        return None
    anchor = record.get("anchor")
    return Period(
        unit=Unit(record["granularity"]),
        first=dt.date.fromisoformat(record["first"]),
        last=dt.date.fromisoformat(record["last"]),
        bound=Bound(record["bound"]),
        anchor=None if anchor is None else dt.date.fromisoformat(anchor),
    )


def _confidence_from(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
        raise ValueError(f"not a confidence: {value!r}")
    return float(value)


def _sentence_from(record: dict[str, Any] | None, sentences: dict[Mention, Mention] | None) -> Mention | None:
    """The sentence of a record; with ``sentences``, the one object of each sentence met so far
    (the events and names of one sentence share it, as extraction made them)."""
    if record is None:
        return None
    sentence = _mention_from(record, MentionKind.SENTENCE)
    return sentence if sentences is None else sentences.setdefault(sentence, sentence)


def event_from_record(record: dict[str, Any], sentences: dict[Mention, Mention] | None = None) -> Event:
    """The event ``event_record`` wrote. Raises ValueError, KeyError or TypeError on a record of
    another shape, or one whose ``id`` says it was changed. ``sentences``: see ``_sentence_from``."""
    roles = record["roles"]
    if not isinstance(roles, dict) or not set(roles) <= set(ROLES):
        raise ValueError(f"unknown roles: {roles!r}")
    sentence = record.get("sentence")
    event = Event(
        action=_mention_from(record["action"], MentionKind.VERB),
        lemma=record["lemma"],
        kind=EventKind(record.get("kind", EventKind.VERBAL)),
        modality=Modality(record["modality"]),
        sentence=_sentence_from(sentence, sentences),
        doc_id=record["doc_id"],
        period=_period_from(record.get("period")),
        confidence=_confidence_from(record.get("confidence")),
        **{role: _mention_from(m, MentionKind.NOUN) for role, m in roles.items()},
    )
    if "id" in record and record["id"] != event.id:
        raise ValueError(f"event {record['id']} does not match its content")
    return event


def name_record(name: EntityMention, *, features: bool = False) -> dict[str, Any]:
    """A JSON-ready dict of one named span: its mention, sentence, document and appositive."""
    record: dict[str, Any] = {"doc_id": name.doc_id, "mention": _mention(name.mention, features)}
    if name.sentence is not None:
        record["sentence"] = _span(name.sentence)
    if name.appositive is not None:
        record["appositive"] = _mention(name.appositive, features)
    return record


def name_from_record(record: dict[str, Any], sentences: dict[Mention, Mention] | None = None) -> EntityMention:
    """The named span ``name_record`` wrote. ``sentences``: see ``_sentence_from``."""
    sentence, appositive = record.get("sentence"), record.get("appositive")
    return EntityMention(
        mention=_mention_from(record["mention"], MentionKind.NAME),
        sentence=_sentence_from(sentence, sentences),
        doc_id=record["doc_id"],
        appositive=None if appositive is None else _mention_from(appositive, MentionKind.NOUN),
    )


def extraction_record(extraction: Extraction) -> dict[str, Any]:
    """What the extraction cache keeps of one article: its events and named spans, with the
    features resolution reads."""
    return {
        "events": [event_record(e, features=True) for e in extraction.events],
        "names": [name_record(n, features=True) for n in extraction.names],
    }


def extraction_from_record(record: dict[str, Any]) -> Extraction:
    """The extraction ``extraction_record`` wrote. Raises ValueError, KeyError or TypeError on a
    record of another shape (``[]``, ``{"a": 1}``, an event that is a number…)."""
    if not isinstance(record, dict) or set(record) != {"events", "names"}:
        raise ValueError(f"not an extraction: {str(record)[:80]}")
    if not all(isinstance(r, dict) for r in (*record["events"], *record["names"])):
        raise TypeError("an event or a name that is no object")
    sentences: dict[Mention, Mention] = {}
    return Extraction(
        events=tuple(event_from_record(r, sentences) for r in record["events"]),
        names=tuple(name_from_record(r, sentences) for r in record["names"]),
    )
