"""Resolved events → one networkx graph; merging builds across articles.

The graph is reified, as the RDF is: an event is a node of its own (``kind="event"``) linked to
its participants by role-labelled edges, so that an event with a recipient, a destination and a
source stays one fact instead of being cut into pairs. ``entity_graph()`` gives the flat view
actor → target (one edge per event) that drawings and centrality measures want.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from kg.model import Article, Entity, Event, Mention

__all__ = ["EventGraph", "dedupe_events"]

ENTITY = "entity"
EVENT = "event"


def _event_key(event: Event) -> tuple:
    """Two extractions of one fact: same document, trigger, and resolved participants."""

    def who(m: Mention | None) -> object:
        if m is None:
            return None
        return m.entity.id if m.entity is not None else (m.start, m.end)

    return (event.doc_id, event.action.start, event.action.end, event.lemma, who(event.actor), who(event.target))


def dedupe_events(events: Iterable[Event]) -> list[Event]:
    """Keep the first of each group of duplicates, in document order."""
    seen: set[tuple] = set()
    kept = []
    for event in events:
        key = _event_key(event)
        if key not in seen:
            seen.add(key)
            kept.append(event)
    return sorted(kept, key=lambda e: (e.doc_id, e.action.start, e.id))


@dataclass
class EventGraph:
    """Articles, resolved events and entities, and their networkx graph.

    ``graph`` nodes: entities keyed by ``Entity.id`` (``kind="entity"``) and events keyed by
    ``Event.id`` (``kind="event"``); edges run from the event to each participant with
    ``role=`` the role name.
    """

    articles: dict[str, Article] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    graph: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)

    @classmethod
    def from_events(cls, articles: Iterable[Article], events: Iterable[Event]) -> EventGraph:
        built = cls(articles={a.id: a for a in articles})
        built.add(events)
        return built

    def add(self, events: Iterable[Event]) -> None:
        self.events = dedupe_events([*self.events, *events])
        self.entities = {}
        for event in self.events:
            for mention in event.roles().values():
                if mention.entity is not None:
                    self.entities[mention.entity.id] = _merge_entity(
                        self.entities.get(mention.entity.id), mention.entity
                    )
        self.graph = self._to_networkx()

    def merge(self, other: EventGraph) -> EventGraph:
        """A new graph holding both: associative and order-independent (ids are content-based)."""
        merged = type(self)(articles={**self.articles, **other.articles})
        merged.add([*self.events, *other.events])
        return merged

    def _to_networkx(self) -> nx.MultiDiGraph:
        g = nx.MultiDiGraph()
        for entity in sorted(self.entities.values(), key=lambda e: e.id):
            g.add_node(
                entity.id,
                kind=ENTITY,
                label=entity.label,
                type=entity.type.value,
                aliases=list(entity.aliases),
            )
        for event in self.events:
            article = self.articles.get(event.doc_id)
            g.add_node(
                event.id,
                kind=EVENT,
                label=event.lemma,
                action=event.action.text,
                modality=event.modality.value,
                doc_id=event.doc_id,
                title=article.title if article else "",
                sentence=event.sentence.text if event.sentence else "",
                start=event.action.start,
                end=event.action.end,
            )
            for role, mention in event.roles().items():
                if mention.entity is not None:
                    g.add_edge(
                        event.id,
                        mention.entity.id,
                        key=role,
                        role=role,
                        text=mention.text,
                        start=mention.start,
                        end=mention.end,
                    )
        return g

    def entity_graph(self) -> nx.MultiDiGraph:
        """Actor → target edges, one per event, keyed by event id, with the event's attributes.

        Events whose actor or target did not resolve to an entity are left out of this view
        (they stay in ``events`` and in the reified ``graph``).
        """
        g = nx.MultiDiGraph()
        for entity_id, data in self.graph.nodes(data=True):
            if data["kind"] == ENTITY:
                g.add_node(entity_id, **data)
        for event in self.events:
            if event.actor is None or event.target is None:
                continue
            if event.actor.entity is None or event.target.entity is None:
                continue
            g.add_edge(event.actor.entity.id, event.target.entity.id, key=event.id, **self.graph.nodes[event.id])
        return g


def _merge_entity(old: Entity | None, new: Entity) -> Entity:
    if old is None:
        return new
    aliases = tuple(sorted(set(old.aliases) | set(new.aliases)))
    return Entity(
        id=old.id,
        label=old.label,
        type=old.type,
        aliases=aliases,
        affiliation=old.affiliation or new.affiliation,
        sector=old.sector or new.sector,
        role=old.role or new.role,
    )
