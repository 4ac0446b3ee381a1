"""Resolved events → one networkx graph; merging builds across articles.

The graph is reified, as the RDF is: an event is a node of its own (``kind="event"``) linked to
its participants by role-labelled edges, so that an event with a recipient, a destination and a
source stays one fact instead of being cut into pairs. ``entity_graph()`` gives the flat view
actor → target (one edge per event) that drawings and centrality measures want.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import networkx as nx

from kg.model import Article, Entity, EntityMention, EntityType, Event, Mention

__all__ = ["EventGraph", "dedupe_events", "dedupe_names"]

ENTITY = "entity"
EVENT = "event"


def _event_key(event: Event) -> tuple:
    """Two extractions of one fact: same document, trigger, and resolved participants."""

    def who(m: Mention | None) -> object:
        if m is None:
            return None
        entities = m.all_entities()
        return tuple(e.id for e in entities) if entities else (m.start, m.end)

    return (event.doc_id, event.action.start, event.action.end, event.lemma, who(event.actor), who(event.target))


def dedupe_names(names: Iterable[EntityMention]) -> list[EntityMention]:
    """Named spans with an entity, one per document and span, in document order."""
    found = {(n.doc_id, n.mention.start, n.mention.end): n for n in names if n.mention.all_entities()}
    return [found[key] for key in sorted(found)]


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
    ``role=`` the role name, and from a thing to the actors it is of (``role="about"``:
    « l'annonce de la Corée du Nord » → Corée du Nord). ``names`` are the named spans of the
    articles with their entity, whether or not an event holds them: every such entity is a node.
    """

    articles: dict[str, Article] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    graph: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)
    names: list[EntityMention] = field(default_factory=list)

    @classmethod
    def from_events(cls, articles: Iterable[Article], events: Iterable[Event]) -> EventGraph:
        built = cls(articles={a.id: a for a in articles})
        built.add(events)
        return built

    def add(self, events: Iterable[Event], names: Iterable[EntityMention] = ()) -> None:
        """Adds ``events`` and named spans ``names``; then every mention points at the merged
        entity of ``entities`` (all its aliases, across articles), never at the snapshot one
        sentence saw."""
        events = dedupe_events([*self.events, *events])
        names = dedupe_names([*self.names, *names])
        seen: dict[str, Entity] = {}
        mentions = [m for event in events for m in event.roles().values()]
        for mention in [*mentions, *(n.mention for n in names)]:
            for entity in mention.all_entities():
                for one in (entity, *entity.about):
                    seen[one.id] = _merge_entity(seen.get(one.id), one)
        # what a thing is about is itself merged: « l'annonce de la Corée du Nord » → the one Corée du Nord
        self.entities = {
            key: replace(entity, about=tuple(_without_about(seen[x.id]) for x in entity.about))
            for key, entity in seen.items()
        }
        self.events = [_rebound(event, self.entities) for event in events]
        self.names = [replace(n, mention=n.mention.resolved(*(self.entities[x.id] for x in n.mention.all_entities())))
                      for n in names]  # fmt: skip
        self.graph = self._to_networkx()

    def merge(self, other: EventGraph) -> EventGraph:
        """A new graph holding both: associative and order-independent (ids are content-based)."""
        merged = type(self)(articles={**self.articles, **other.articles})
        merged.add([*self.events, *other.events], [*self.names, *other.names])
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
        for entity in sorted(self.entities.values(), key=lambda e: e.id):
            for other in entity.about:
                g.add_edge(entity.id, other.id, key="about", role="about")
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
                **_period_attributes(event),
                **({} if event.confidence is None else {"confidence": event.confidence}),
            )
            for role, mention in event.roles().items():
                for entity in mention.all_entities():
                    g.add_edge(
                        event.id,
                        entity.id,
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
            for actor in event.actor.all_entities():
                for target in event.target.all_entities():
                    g.add_edge(actor.id, target.id, key=event.id, **self.graph.nodes[event.id])
        return g


def _period_attributes(event: Event) -> dict[str, str]:
    """The resolved period of an event's time, as node attributes (none when unresolved)."""
    period = event.period
    if period is None:
        return {}
    found = {"period_granularity": period.unit.value, "period_bound": period.bound.value}
    if period.begin is not None:
        found["period_begin"] = period.begin.isoformat()
    if period.end is not None:
        found["period_end"] = period.end.isoformat()
    return found


def _without_about(entity: Entity) -> Entity:
    """An entity as the ``about`` of another: one level deep, so that the records stay finite."""
    return replace(entity, about=()) if entity.about else entity


def _rebound(event: Event, entities: dict[str, Entity]) -> Event:
    """``event`` whose mentions name the entities of ``entities`` with the same ids."""
    changes = {}
    for role, mention in event.roles().items():
        named = mention.all_entities()
        if named and any(entities[x.id] is not x for x in named):
            changes[role] = mention.resolved(*(entities[x.id] for x in named))
    return replace(event, **changes) if changes else event


# When two sightings of one id disagree on the type, the more specific one wins.
_TYPE_PRECEDENCE = [
    EntityType.COUNTRY,
    EntityType.PERSON,
    EntityType.ORGANIZATION,
    EntityType.GROUP,
    EntityType.PLACE,
    EntityType.THING,
]


def _merge_entity(old: Entity | None, new: Entity) -> Entity:
    """One entity seen twice: aliases united; the shorter label wins (ties: alphabetical), so
    that merging is associative and commutative."""
    if old is None:
        return new
    aliases = tuple(sorted(set(old.aliases) | set(new.aliases)))
    return Entity(
        id=old.id,
        label=min(old.label, new.label, key=lambda label: (len(label), label)),
        type=min(old.type, new.type, key=_TYPE_PRECEDENCE.index),
        aliases=aliases,
        affiliation=min(filter(None, (old.affiliation, new.affiliation)), default=None),
        sector=min(filter(None, (old.sector, new.sector)), default=None),
        role=min(filter(None, (old.role, new.role)), default=None),
        about=tuple(sorted({e.id: e for e in (*old.about, *new.about)}.values(), key=lambda e: e.id)),
    )
