"""Turtle export and SPARQL on a synthetic graph of about 1,000,000 triples.

    python benchmarks/rdf_export.py [--triples 1000000] [--no-check]

Prints, in one run, on the same EventGraph (synthetic events: actor, target, destination,
quantity, time, source, sentence, over 1,000 entities and 200 dated articles):
- the Turtle export time of kg's writer (``generate_turtle``) and of rdflib's serializer
  (``to_rdf(...).serialize("turtle")``, the graph building timed apart), and their ratio;
- N-Triples and JSON-LD export times of kg's writers;
- ``kg query`` time (``run_query``: loading the Turtle into Oxigraph, then the query) for a
  GROUP BY over every event, and the same query in rdflib on its in-memory graph;
- checks: a second export is byte-identical; rdflib parses the Turtle back to the same triples
  (the graph has no blank nodes, so isomorphic means equal sets of triples).

The machine may be shared and noisy: compare the ratios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import sys
import tempfile
import time
from pathlib import Path

import rdflib

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from kg.export.rdf import generate_jsonld, generate_ntriples, generate_turtle, iter_subjects, to_rdf  # noqa: E402
from kg.graph import EventGraph  # noqa: E402
from kg.model import Article, Entity, EntityType, Event, Mention, MentionKind, Modality  # noqa: E402
from kg.query import load_store, run_query  # noqa: E402

GROUP_BY = """
SELECT ?actor (COUNT(?event) AS ?events) WHERE {
    ?event kg:actor ?x ; kg:modality ?m .
    ?x rdfs:label ?actor .
} GROUP BY ?actor ORDER BY DESC(?events) ?actor LIMIT 5
"""
PREFIXED_GROUP_BY = (
    "PREFIX kg: <https://w3id.org/kg-fr/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + GROUP_BY
)

VERBS = ["envoyer", "fournir", "attaquer", "soutenir", "remercier", "livrer", "déployer", "se rendre"]
TIMES = ["ce lundi", "samedi", "en mars", "à l'automne dernier", "l'an dernier", "à l'époque"]
SENTENCE = "Selon {source}, {actor} aurait {verb} {quantity} {target} en {place} {time}."
MODALITIES = list(Modality)


class _Spans:
    """Mentions of the parts of one synthetic sentence starting at ``start`` in its article."""

    def __init__(self, start: int, text: str, parts: dict[str, str]) -> None:
        self.start, self.text, self.parts = start, text, parts

    def __call__(self, role: str, entity: Entity | None = None, kind: MentionKind = MentionKind.NOUN) -> Mention:
        begin = self.start + self.text.index(self.parts[role])
        mention = Mention(self.parts[role], begin, begin + len(self.parts[role]), kind)
        return mention.resolved(entity) if entity else mention


def synthetic_graph(events: int, articles: int = 200, entities: int = 1000) -> EventGraph:
    """``events`` events spread over ``articles`` dated articles, between ``entities`` entities."""
    kinds = [EntityType.COUNTRY, EntityType.PERSON, EntityType.GROUP, EntityType.ORGANIZATION, EntityType.THING]
    pool = [
        Entity(
            f"entite-{i}",
            f"Entité {i}",
            kinds[i % len(kinds)],
            aliases=(f"l'entité {i}",),
            affiliation=f"entite-{i - i % 5}" if i % 5 else None,
            sector="military" if i % 5 == 2 else None,
        )
        for i in range(entities)
    ]
    per_article = -(-events // articles)
    built_articles, built_events = [], []
    for a in range(articles):
        sentences, spans = [], []
        offset = 0
        for k in range(min(per_article, events - a * per_article)):
            n = a * per_article + k
            actor, target, place, source = (pool[(n * m) % entities] for m in (1, 7, 13, 31))
            parts = {
                "source": source.label,
                "actor": actor.label,
                "verb": VERBS[n % len(VERBS)],
                "quantity": str(1000 + n % 9000),
                "target": target.label,
                "place": place.label,
                "time": TIMES[n % len(TIMES)],
            }
            text = SENTENCE.format(**parts)
            sentences.append(text)
            spans.append((offset, text, parts, (actor, target, place, source), n))
            offset += len(text) + 1
        article = Article(
            "\n".join(sentences) + "\n", title=f"Article {a}", date=dt.date(2025, 4, 28) - dt.timedelta(a)
        )
        built_articles.append(article)
        for start, text, parts, (actor, target, place, source), n in spans:
            at = _Spans(start, text, parts)
            built_events.append(
                Event(
                    action=at("verb", kind=MentionKind.VERB),
                    lemma=parts["verb"],
                    actor=at("actor", actor),
                    target=at("target", target),
                    destination=at("place", place),
                    quantity=at("quantity", kind=MentionKind.QUANTITY),
                    time=at("time", kind=MentionKind.TIME),
                    source=at("source", source),
                    modality=MODALITIES[n % len(MODALITIES)],
                    sentence=Mention(text, start, start + len(text), MentionKind.SENTENCE),
                    doc_id=article.id,
                )
            )
    return EventGraph.from_events(built_articles, built_events)


def count_triples(eg: EventGraph) -> int:
    return sum(len(pairs) for _, pairs in iter_subjects(eg))


def timed(label: str, function, *args):
    gc.collect()
    start = time.perf_counter()
    result = function(*args)
    seconds = time.perf_counter() - start
    print(f"  {label:<44} {seconds:8.2f} s", flush=True)
    return result, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="about how many triples to build")
    parser.add_argument("--no-check", action="store_true", help="skip the determinism and parse-back checks")
    args = parser.parse_args()

    small, large = count_triples(synthetic_graph(1000)), count_triples(synthetic_graph(2000))
    per_event = (large - small) / 1000  # entities and articles are a fixed share
    events = round(1000 + (args.triples - small) / per_event)
    print(f"synthetic graph: {events:,} events", flush=True)
    eg, _ = timed("building the EventGraph", synthetic_graph, events)
    triples = count_triples(eg)
    print(f"  {triples:,} triples, {len(eg.entities):,} entities, {len(eg.articles)} articles\n")

    print("Turtle")
    turtle, ours = timed("kg writer (generate_turtle)", generate_turtle, eg)
    graph, building = timed("rdflib: building the Graph (to_rdf)", to_rdf, eg)
    theirs_text, theirs = timed("rdflib: serialize(format='turtle')", graph.serialize)
    print(
        f"  → kg's writer is {theirs / ours:.1f}× faster than rdflib's serializer "
        f"({(theirs + building) / ours:.1f}× counting the Graph building)"
    )
    print(f"  sizes: kg {len(turtle.encode()) / 1e6:.0f} MB, rdflib {len(theirs_text.encode()) / 1e6:.0f} MB\n")
    del theirs_text

    print("other syntaxes (kg writers)")
    timed("N-Triples (generate_ntriples)", generate_ntriples, eg)
    timed("JSON-LD (generate_jsonld)", generate_jsonld, eg)
    print()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "graph.ttl"
        path.write_text(turtle, encoding="utf-8")
        print("GROUP BY over every event (actors by number of events)")
        table, _ = timed("kg query (Oxigraph: load + query)", run_query, path, GROUP_BY)
        store, _ = timed("  of which: loading the Turtle", load_store, path)
        _, querying = timed("  of which: the query", run_query, store, GROUP_BY)
        rows, rdflib_query = timed("rdflib query on its in-memory Graph", lambda: list(graph.query(PREFIXED_GROUP_BY)))
        print(f"  → Oxigraph query {rdflib_query / querying:.0f}× faster than rdflib's; top: {table.rows[0]}")
        assert [[str(v) for v in row] for row in rows] == table.rows, "the engines disagree"
        print()

        if not args.no_check:
            print("checks")
            again, _ = timed("a second export", generate_turtle, eg)
            assert again == turtle, "two exports of one graph differ"
            print("  byte-identical: yes")
            parsed, _ = timed("rdflib parses the Turtle back", lambda: rdflib.Graph().parse(path, format="turtle"))
            same = set(parsed) == set(graph)
            print(f"  same {len(parsed):,} triples as to_rdf (isomorphic, no blank nodes): {'yes' if same else 'NO'}")
            assert same


if __name__ == "__main__":
    main()
