"""How many of spaCy's named spans (PER, ORG, LOC, MISC) of a corpus are entities of the graph.

    python benchmarks/named_spans.py ../shared/corpus/wikinews_fr_100.jsonl [--jobs 2]
        [--events OLD/events.jsonl]

Builds the corpus (extraction cached in a temporary folder), then prints, per NER label and in
all: the named spans, the share that an entity holds (its own name mention, or a resolved
event role that contains it or lies inside it), the share event roles alone hold (what kg gave
before every name became an entity), and the number of entities. With ``--events``, the same
share for the events of another build (its events.jsonl, e.g. one made before a change).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from kg.cache import ExtractionCache
from kg.extract.names import NER_LABELS
from kg.pipeline import build_graph, load_inputs


def _held(spans: dict[str, list[tuple[int, int]]], doc_id: str, start: int, end: int) -> bool:
    return any((s <= start and end <= e) or (start <= s and e <= end) for s, e in spans.get(doc_id, ()))


def _role_spans(records) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for record in records:
        for role in record["roles"].values():
            if role.get("entity"):
                spans[record["doc_id"]].append((role["start"], role["end"]))
    return spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--events", type=Path, help="events.jsonl of another build, to compare")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        cache = ExtractionCache(folder)
        graph = build_graph([args.corpus], jobs=args.jobs, cache=cache)
        articles, _ = load_inputs([args.corpus])
        extractions = {a.id: cache.get(a.text) for a in articles}
    named = defaultdict(list)
    for name in graph.names:
        named[name.doc_id].append((name.mention.start, name.mention.end))
    roles = defaultdict(list)
    for event in graph.events:
        for mention in event.roles().values():
            if mention.all_entities():
                roles[event.doc_id].append((mention.start, mention.end))
    other = _role_spans(json.loads(line) for line in args.events.open()) if args.events else None
    total, by_entity, by_role, by_other = Counter(), Counter(), Counter(), Counter()
    for doc_id, found in extractions.items():
        for name in found.names:
            label = name.mention.ner
            if label not in NER_LABELS:
                continue
            span = (doc_id, name.mention.start, name.mention.end)
            for key in (label, "all"):
                total[key] += 1
                by_role[key] += _held(roles, *span)
                by_entity[key] += _held(named, *span) or _held(roles, *span)
                if other is not None:
                    by_other[key] += _held(other, *span)
    print(f"{len(graph.entities)} entities, {len(graph.events)} events, {len(graph.names)} name mentions")
    print(f"{'label':6} {'spans':>6} {'entity':>7} {'by roles':>9}" + (f" {'--events':>9}" if other else ""))
    for key in (*sorted(NER_LABELS), "all"):
        n = total[key] or 1
        row = f"{key:6} {total[key]:6} {by_entity[key] / n:7.1%} {by_role[key] / n:9.1%}"
        print(row + (f" {by_other[key] / n:9.1%}" if other else ""))


if __name__ == "__main__":
    main()
