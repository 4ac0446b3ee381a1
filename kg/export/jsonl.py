"""EventGraph → JSON Lines: one record per event with its roles, offsets and sentence.

{"id": "3f2a…", "doc_id": "…", "title": "…", "lemma": "envoyer", "modality": "alleged",
 "action": {"text": "envoyé", "start": 412, "end": 418},
 "roles": {"actor": {"text": "la Corée du Nord", "start": 380, "end": 396, "kind": "name",
                     "entity": {"id": "coree-du-nord", "label": "Corée du Nord", "type": "Place"}}, …},
 "sentence": {"text": "Selon les services…", "start": 300, "end": 520}}
"""

from __future__ import annotations

import json
import os
from typing import Any

from kg.export.files import write_atomic
from kg.graph import EventGraph
from kg.model import Event, Mention

__all__ = ["event_record", "generate_jsonl", "write_jsonl"]


def _span(mention: Mention) -> dict[str, Any]:
    return {"text": mention.text, "start": mention.start, "end": mention.end}


def _role(mention: Mention) -> dict[str, Any]:
    record = {**_span(mention), "kind": mention.kind.value}
    if mention.entity is not None:
        record["entity"] = {"id": mention.entity.id, "label": mention.entity.label, "type": mention.entity.type.value}
    return record


def event_record(event: Event, title: str = "") -> dict[str, Any]:
    """A JSON-ready dict of one event."""
    return {
        "id": event.id,
        "doc_id": event.doc_id,
        "title": title,
        "lemma": event.lemma,
        "modality": event.modality.value,
        "action": _span(event.action),
        "roles": {role: _role(m) for role, m in event.roles().items()},
        "sentence": None if event.sentence is None else _span(event.sentence),
    }


def generate_jsonl(eg: EventGraph) -> str:
    """One JSON object a line, events in document order."""
    lines = []
    for event in eg.events:
        article = eg.articles.get(event.doc_id)
        record = event_record(event, article.title if article else "")
        lines.append(json.dumps(record, ensure_ascii=False, sort_keys=False))
    return "".join(line + "\n" for line in lines)


def write_jsonl(eg: EventGraph, path: str | os.PathLike) -> None:
    write_atomic(path, generate_jsonl(eg))
