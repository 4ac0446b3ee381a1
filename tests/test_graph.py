"""A built graph is consistent: every mention of every event names the merged entity of
``entities`` (all its aliases, across articles), never the snapshot one sentence saw."""

from __future__ import annotations

from kg.graph import EventGraph
from kg.model import Entity, EntityType, Event, Mention, MentionKind

RUSSIA_HERE = Entity("russie", "la Russie", EntityType.COUNTRY, aliases=("la Russie",))
RUSSIA_THERE = Entity("russie", "Russie", EntityType.COUNTRY, aliases=("Moscou",))
ANNOUNCEMENT = Entity("thing-annonce", "annonce", aliases=("l'annonce",), about=(RUSSIA_HERE,))


def event(doc_id: str, actor: Entity, lemma: str = "annoncer") -> Event:
    action = Mention("annonce", 20, 27, MentionKind.VERB)
    return Event(action=action, lemma=lemma, actor=Mention(actor.aliases[0], 0, 9).resolved(actor), doc_id=doc_id)


def test_events_name_the_merged_entity():
    g = EventGraph.from_events([], [event("a", RUSSIA_HERE), event("b", RUSSIA_THERE)])

    merged = g.entities["russie"]
    assert merged.aliases == ("Moscou", "la Russie") and merged.label == "Russie"
    assert all(e.actor.entity == merged and e.actor.entities == (merged,) for e in g.events)


def test_what_a_thing_is_about_is_the_merged_entity_too():
    g = EventGraph.from_events([], [event("a", ANNOUNCEMENT), event("b", RUSSIA_THERE)])

    (about,) = g.entities["thing-annonce"].about
    assert about == g.entities["russie"]


def test_merging_graphs_keeps_them_consistent_in_any_order():
    one = EventGraph.from_events([], [event("a", RUSSIA_HERE)])
    two = EventGraph.from_events([], [event("b", RUSSIA_THERE)])

    left, right = one.merge(two), two.merge(one)

    assert left.entities == right.entities and left.events == right.events
    assert {e.actor.entity for e in left.events} == {left.entities["russie"]}


def test_the_seed_graph_is_consistent(seed_graph):
    for e in seed_graph.events:
        for mention in e.roles().values():
            for entity in mention.all_entities():
                assert entity == seed_graph.entities[entity.id]


def test_events_handed_over_one_by_one_give_the_same_graph():
    """``build_graph`` hands its lists over (``kg.pipeline._handed_over``) so that a big build
    holds one copy of its records: the graph is the one a list gives, and the list is emptied."""
    from kg.pipeline import _handed_over

    events = [event("a", RUSSIA_HERE), event("b", RUSSIA_THERE), event("a", ANNOUNCEMENT, "dire")]
    given = EventGraph.from_events([], list(events))
    handed = EventGraph()
    handed.add(_handed_over(events))
    assert events == []
    assert handed.events == given.events and handed.entities == given.entities
    assert sorted(handed.graph.edges(keys=True)) == sorted(given.graph.edges(keys=True))
    assert all(e.actor.entity is handed.entities[e.actor.entity.id] for e in handed.events)
