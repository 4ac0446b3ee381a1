"""EventGraph → JSON Lines: one record per report (the per-sentence event of extraction), in
document order, as ``kg.records`` writes it (roles with offsets and resolved entities, the
sentence, the resolved period), with the title of its article and the event of the graph it
reports (``event``: its id — ``event:{id}`` in the Turtle —, its number of reports and its
modality summed up over them); a country's entity carries its ISO 3166 code (``iso``):

{"id": "3f2a…", "doc_id": "…", "title": "…", "lemma": "envoyer", "modality": "alleged",
 "action": {"text": "envoyé", "start": 412, "end": 418},
 "roles": {"actor": {"text": "la Corée du Nord", "start": 380, "end": 396, "kind": "name",
                     "entity": {"id": "coree-du-nord", "label": "Corée du Nord", "type": "Country", "iso": "KP"}}, …},
 "sentence": {"text": "Selon les services…", "start": 300, "end": 520},
 "period": {"granularity": "season", "bound": "at", "first": "2024-09-01", "last": "2024-11-30", …},
 "confidence": 0.966, "event": {"id": "3f2a…", "reports": 1, "modality": "alleged"}}
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

from kg.export.files import write_atomic
from kg.graph import EventGraph
from kg.records import event_record

__all__ = ["event_record", "generate_jsonl", "iter_jsonl", "write_jsonl"]


def generate_jsonl(eg: EventGraph) -> str:
    """One JSON object a line, reports in document order."""
    return "".join(iter_jsonl(eg))


def iter_jsonl(eg: EventGraph) -> Iterator[str]:
    """The lines of ``generate_jsonl``, each made as it is asked for."""
    happening_of = eg.happening_of()
    for event in eg.events:
        article = eg.articles.get(event.doc_id)
        happening = happening_of[event.id]
        record = event_record(event, title=article.title if article else "")
        record["event"] = {"id": happening.id, "reports": len(happening.reports), "modality": happening.modality.value}
        yield json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n"


def write_jsonl(eg: EventGraph, path: str | os.PathLike) -> None:
    """Write the lines atomically, as they are made."""
    write_atomic(path, iter_jsonl(eg))
