"""One event for one happening: the per-sentence events of extraction are reports, and the
reports of one happening, in one article or several, are one event of the graph.

The cases (cases/happenings.json: French articles in, events and their reports out, or reports
that must stay apart) run the whole pipeline; the rules and the order-independence of merging
are checked on events built by hand.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from rdfcheck import assert_conforms
from rdflib import Graph

import kg
from kg.graph import EventGraph, happening_key
from kg.model import Bound, Entity, EntityType, Event, Mention, MentionKind, Modality, Period, Unit

CASES = json.loads((Path(__file__).parent / "cases" / "happenings.json").read_text(encoding="utf-8"))
DAY = dt.date(2025, 4, 28)


def build(texts: list[str]) -> tuple[kg.KnowledgeGraph, list[kg.Article]]:
    articles = [kg.Article(text=t, title=t.split("\n")[0], date=DAY) for t in texts]
    return kg.build_graph(articles), articles


def event_of(graph: EventGraph, articles: list[kg.Article], index: int, trigger: str):
    """The happening of the report whose trigger is ``trigger`` in article ``index``."""
    doc_id = articles[index].id
    found = [h for h in graph.happenings for r in h.reports if r.doc_id == doc_id and r.action.text == trigger]
    assert len(found) == 1, (index, trigger, found)
    return found[0]


@pytest.fixture(scope="module")
def built() -> dict[str, tuple]:
    return {case["comment"]: build(case["articles"]) for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c["comment"][:60] for c in CASES])
def test_case(case, built):
    graph, articles = built[case["comment"]]
    for expected in case.get("events", []):
        (index, trigger, _), *_ = expected["reports"]
        happening = event_of(graph, articles, index, trigger)
        got = [(articles.index(next(a for a in articles if a.id == r.doc_id)), r.action.text, r.modality.value)
               for r in happening.reports]  # fmt: skip
        assert sorted(got) == sorted(map(tuple, expected["reports"]))
        assert happening.modality.value == expected["modality"]
    for one, other in case.get("apart", []):
        assert event_of(graph, articles, *one).id != event_of(graph, articles, *other).id, (one, other)


# --- the rules, on events built by hand ---------------------------------------------------------

NK = Entity("coree-du-nord", "Corée du Nord", EntityType.COUNTRY, aliases=("Pyongyang",), iso="KP")
RU = Entity("russie", "Russie", EntityType.COUNTRY, aliases=("la Russie",), iso="RU")
UA = Entity("ukraine", "Ukraine", EntityType.COUNTRY, aliases=("l'Ukraine",), iso="UA")
TROOPS = Entity("thing-troupe", "troupe", aliases=("des troupes",))
CIVILIANS = Entity("thing-civil", "civil", aliases=("des civils",))
SOLDIERS = Entity("thing-soldat", "soldat", aliases=("les soldats",))


def report(
    doc_id: str,
    start: int = 10,
    *,
    actor: Entity | None = NK,
    target: Entity | None = TROOPS,
    destination: Entity | None = RU,
    modality: Modality = Modality.ASSERTED,
    period: Period | None = None,
    pronoun: bool = False,
) -> Event:
    def mention(entity: Entity | None, at: int) -> Mention | None:
        if entity is None and not pronoun:
            return None
        kind = MentionKind.PRONOUN if pronoun and entity is None else MentionKind.NAME
        text = "ils" if entity is None else entity.aliases[0]
        found = Mention(text, at, at + len(text), kind)
        return found if entity is None else found.resolved(entity)

    return Event(
        action=Mention("envoyé", start, start + 6, MentionKind.VERB),
        lemma="envoyer",
        actor=mention(actor, start - 9),
        target=mention(target, start + 7) if target is not None else None,
        destination=mention(destination, start + 30) if destination is not None else None,
        modality=modality,
        period=period,
        doc_id=doc_id,
    )


def month(m: int) -> Period:
    first = dt.date(2025, m, 1)
    return Period(Unit.MONTH, first, (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1), anchor=DAY)


def happenings_of(*events: Event) -> list[list[str]]:
    """The reports of each happening, by their ids, in a comparable form."""
    return sorted(sorted(r.id for r in h.reports) for h in EventGraph.from_events([], events).happenings)


def test_three_articles_are_one_event_with_three_reports():
    a, b, c = report("a"), report("b"), report("c", modality=Modality.ALLEGED)
    (happening,) = EventGraph.from_events([], [a, b, c]).happenings

    assert [r.doc_id for r in happening.reports] == ["a", "b", "c"]
    assert happening.modality is Modality.ASSERTED and happening.lead == a


def test_a_lone_report_keeps_its_event_id():
    (happening,) = EventGraph.from_events([], [report("a")]).happenings

    assert happening.id == report("a").id


def test_a_merged_event_keeps_its_id_when_a_report_joins():
    two = EventGraph.from_events([], [report("a"), report("b")]).happenings
    three = EventGraph.from_events([], [report("a"), report("b"), report("c")]).happenings

    assert [h.id for h in two] == [h.id for h in three]


@pytest.mark.parametrize(
    "one, other",
    [
        (report("a"), report("b", modality=Modality.NEGATED)),
        (report("a"), report("b", modality=Modality.HYPOTHETICAL)),
        (report("a", period=month(3)), report("b", period=month(5))),
        (report("a"), report("b", destination=UA)),
        (report("a", actor=None, pronoun=True), report("b", actor=None, pronoun=True)),
        (report("a", actor=SOLDIERS, target=CIVILIANS), report("b", actor=SOLDIERS, target=CIVILIANS)),
        (report("a", target=None), report("b", target=None)),
    ],
    ids=["denied", "supposed", "disjoint periods", "other destination", "unresolved pronoun", "common nouns",
         "no target"],
)  # fmt: skip
def test_never_merged(one, other):
    assert happenings_of(one, other) == sorted([[one.id], [other.id]])


def test_compatible_details_merge():
    since = Period(Unit.MONTH, dt.date(2025, 3, 1), dt.date(2025, 3, 31), Bound.SINCE, DAY)
    a, b, c = report("a", period=month(4)), report("b", period=since), report("c", destination=None)

    assert happenings_of(a, b, c) == [sorted([a.id, b.id, c.id])]


def test_a_contradiction_splits_the_group_by_details_only():
    march, may, plain, again = report("a", period=month(3)), report("b", period=month(5)), report("c"), report("d")

    assert happenings_of(march, may, plain, again) == sorted([[march.id], [may.id], sorted([plain.id, again.id])])


def test_no_key_without_resolved_actor_and_target():
    assert happening_key(report("a", actor=None, pronoun=True)) is None
    assert happening_key(report("a")) == ("envoyer", "happened", ("coree-du-nord",), ("thing-troupe",))


# --- merging stays associative and order-independent ---------------------------------------------

POOL = [
    report("a"),
    report("b", 40),
    report("c", modality=Modality.ALLEGED),
    report("c", 80, modality=Modality.NEGATED),
    report("d", period=month(3)),
    report("e", period=month(5)),
    report("e", 90, destination=UA),
    report("f", destination=None),
    report("g", actor=SOLDIERS, target=CIVILIANS),
    report("h", actor=SOLDIERS, target=CIVILIANS),
    report("i", actor=None, pronoun=True),
]


def summary(graph: EventGraph) -> list[tuple]:
    return [(h.id, tuple(r.id for r in h.reports), h.modality) for h in graph.happenings]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(range(len(POOL))), min_size=1, unique=True), st.randoms(use_true_random=False))
def test_merging_in_any_order_gives_the_same_events(picked, rng):
    events = [POOL[i] for i in picked]
    whole = EventGraph.from_events([], events)
    shuffled = events[:]
    rng.shuffle(shuffled)
    cut = rng.randint(0, len(shuffled))
    left, right = EventGraph.from_events([], shuffled[:cut]), EventGraph.from_events([], shuffled[cut:])
    third = EventGraph.from_events([], shuffled[cut // 2 : cut])

    assert summary(left.merge(right)) == summary(right.merge(left)) == summary(whole)
    assert summary(left.merge(third).merge(right)) == summary(left.merge(third.merge(right)))
    assert nx_nodes(left.merge(right)) == nx_nodes(whole)


def nx_nodes(graph: EventGraph) -> list:
    return sorted((n, sorted(d.items(), key=str)) for n, d in graph.graph.nodes(data=True))


# --- the exports -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def merged(tmp_path_factory) -> tuple[kg.KnowledgeGraph, dict[str, Path]]:
    graph, _ = build(
        [
            "Corée\n\nPyongyang a envoyé des troupes en Russie.",
            "Guerre\n\nLa Corée du Nord a envoyé des troupes en Russie.",
            "Conflit\n\nLa Corée du Nord aurait envoyé des troupes en Russie.",
            "La Russie aurait attaqué l'Ukraine\n\nLa Russie aurait attaqué l'Ukraine, selon Kiev.",
        ]
    )
    out = tmp_path_factory.mktemp("happenings")
    return graph, graph.write_all(out, formats=["ttl", "jsonld", "jsonl", "html", "graphml", "gexf"])


def run(paths: dict[str, Path], name: str) -> list[dict]:
    table = kg.run_query(paths["turtle"], (ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8"))
    return [dict(zip(table.columns, row, strict=True)) for row in table.rows]


def test_the_turtle_has_one_event_with_its_reports(merged):
    graph, paths = merged
    rdf = Graph().parse(paths["turtle"], format="turtle")
    assert_conforms(rdf)
    rows = kg.run_query(
        paths["turtle"],
        "SELECT ?e (COUNT(?r) AS ?n) WHERE { ?e a sem:Event ; kg:lemma 'envoyer' ; kg:report ?r } GROUP BY ?e",
    ).rows
    assert [int(n) for _, n in rows] == [3]
    assert len(set(rdf.subjects(predicate=None, object=kg.vocab.KG.Report))) == len(graph.events)


def test_reported_by_several_sources(merged):
    rows = run(merged[1], "reported-by-several-sources")

    sent = [r for r in rows if r["action"] == "envoyer"]
    assert [(r["actor"], r["target"], r["modality"], int(r["reports"]), int(r["sources"])) for r in sent] == [
        ("Corée du Nord", "troupes", "asserted", 3, 3)
    ]
    assert all(int(r["sources"]) >= 2 for r in rows)


def test_only_alleged(merged):
    rows = run(merged[1], "only-alleged")

    # the headline and the body of one article: two reports, both alleged
    assert [(r["actor"], r["action"], r["target"], int(r["reports"]), int(r["articles"])) for r in rows] == [
        ("Russie", "attaquer", "Ukraine", 2, 1)
    ]


def test_the_jsonl_names_each_report_s_event(merged):
    _, paths = merged
    records = [json.loads(line) for line in paths["events"].read_text(encoding="utf-8").splitlines()]
    sent = [r for r in records if r["lemma"] == "envoyer"]

    assert len(sent) == 3 and len({r["event"]["id"] for r in sent}) == 1
    assert {r["event"]["reports"] for r in sent} == {3} and {r["event"]["modality"] for r in sent} == {"asserted"}
    assert sent[0]["roles"]["actor"]["entity"]["iso"] == "KP"


def test_the_entity_graph_has_one_edge_per_event_and_participant(merged):
    graph, _ = merged
    edges = [(u, v, k, d["reports"]) for u, v, k, d in graph.entity_graph().edges(keys=True, data=True)
             if d["label"] == "envoyer"]  # fmt: skip

    # each article's « des troupes » is its own node: one event, one edge to each of them
    troops = sorted(a.id for a in graph.articles.values() if "troupes" in a.text)
    assert sorted((u, v, n) for u, v, _, n in edges) == [("coree-du-nord", f"thing-troupe-{t}", 3) for t in troops]
    assert len({k for _, _, k, _ in edges}) == 1


def test_countries_carry_their_iso_code_in_the_turtle(merged):
    sparql = "SELECT ?l ?iso WHERE { ?c kg:iso3166 ?iso ; rdfs:label ?l } ORDER BY ?iso"

    assert kg.run_query(merged[1]["turtle"], sparql).rows == [
        ["Corée du Nord", "KP"],
        ["Russie", "RU"],
        ["Ukraine", "UA"],
    ]
