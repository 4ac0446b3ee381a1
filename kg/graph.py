"""Resolved events → one networkx graph; merging builds across articles.

The graph is reified, as the RDF is: an event is a node of its own (``kind="event"``) linked to
its participants by role-labelled edges, so that an event with a recipient, a destination and a
source stays one fact instead of being cut into pairs. ``entity_graph()`` gives the flat view
actor → target (one edge per event) that drawings and centrality measures want.

Event coreference happens here: the per-sentence events of extraction are *reports*, and the
reports of one happening — in one article (« confirme » in the headline and in the body) or in
several — become one event node (a ``kg.model.Happening``). See ``happenings``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import networkx as nx

from kg.model import (
    ENTITY_ROLES,
    REPORT_ROLES,
    Article,
    Entity,
    EntityMention,
    EntityType,
    Event,
    Happening,
    Mention,
    stable_id,
)
from kg.read import reads_as_headline
from kg.resolve import participant_key

__all__ = ["EventGraph", "dedupe_events", "dedupe_names", "happening_key", "happenings"]

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


# The participants besides actor and target that tell two happenings apart when both reports
# name them: « envoyer des troupes en Russie » is not « … en Ukraine ».
_DETAIL_ROLES = tuple(r for r in ENTITY_ROLES if r not in ("actor", "target") and r not in REPORT_ROLES)


def _anchor(mention: Mention | None) -> tuple[str, ...] | None:
    """The keys of the entities a participant names (``participant_key``: a common noun without
    a definite by its kind), or None when it cannot anchor a merge:
    absent or unresolved (an unresolved pronoun, « il », names nobody)."""
    if mention is None:
        return None
    named = mention.all_entities()
    return tuple(sorted({participant_key(mention, e) for e in named})) if named else None


def happening_key(event: Event) -> tuple | None:
    """What the reports of one happening share, or None when the event is never merged.

    The lemma (« l'envoi » is a report of envoyer as « a envoyé » is), the claim (a denial is no
    report of the deed: ``Modality.claim``), and the resolved actor and target. Conservative: an
    event without a resolved actor and target is kept alone, and so is one whose
    actor and target are both common nouns (« les soldats ont tué des civils » in two articles
    are not one killing)."""
    actor, target = _anchor(event.actor), _anchor(event.target)
    if actor is None or target is None:
        return None
    if all(e.type is EntityType.THING for m in (event.actor, event.target) for e in m.all_entities()):
        return None
    return event.lemma, event.modality.claim, actor, target


def _details(event: Event) -> tuple:
    """The rest of a report that may contradict another: its resolved other participants and the
    days its resolved period may span (open sides stretch to the ends of time)."""
    roles = tuple((role, ids) for role in _DETAIL_ROLES if (ids := _anchor(getattr(event, role))) is not None)
    period = event.period
    if period is None:
        return roles, None
    return roles, ((period.begin or dt.date.min).isoformat(), (period.end or dt.date.max).isoformat())


def _compatible(one: tuple, other: tuple) -> bool:
    """Two reports' details agree: the same entities in every role both name, overlapping periods."""
    roles, period = one
    other_roles, other_period = other
    mine = dict(roles)
    if any(mine.get(role, ids) != ids for role, ids in other_roles):
        return False
    if period is None or other_period is None:
        return True
    return period[0] <= other_period[1] and other_period[0] <= period[1]


def happenings(events: Iterable[Event], headlines: Iterable[tuple[str, int, int]] = ()) -> list[Happening]:
    """The events grouped into happenings, in document order of their first reports.

    Reports of one ``happening_key`` are one happening when their details all agree pairwise
    (``_compatible``); when some disagree (« en mars » and « en mai »), the group is split by
    the exact details instead, so that no two reports with contradicting periods or places ever
    share a node. The result depends on the set of events only: merging graphs in any order, or
    on Dask, gives the same happenings. A lone report's event keeps its id; a merged one's id
    is derived from what its reports share, so it does not move when a new report joins.

    ``headlines`` are the (doc_id, start, end) of the articles' headlines: a report there is the
    same happening as the first report of its article's body with the same lemma, claim and
    resolved actor whose target does not contradict it (the same entities, or one side
    unresolved: « la Corée du Nord confirme le déploiement de ses troupes » over « la Corée du
    Nord confirme ce lundi son implication »). A headline sums up its body; two reports of one
    body are never merged this way."""
    events = list(events)
    groups: dict[tuple, list[Event]] = defaultdict(list)
    found = []
    for event in events:
        key = happening_key(event)
        if key is None:
            found.append(Happening(event.id, (event,)))
        else:
            groups[key].append(event)
    for key, group in groups.items():
        details = {e.id: _details(e) for e in group}
        parts: dict[tuple, list[Event]] = defaultdict(list)
        if all(_compatible(details[a.id], details[b.id]) for a, b in itertools.combinations(group, 2)):
            parts[()] = group
        else:
            for event in group:
                parts[details[event.id]].append(event)
        for detail, reports in parts.items():
            happening_id = reports[0].id if len(reports) == 1 else stable_id("happening", *key, detail)
            found.append(Happening(happening_id, tuple(reports)))
    found = _with_headlines(found, events, headlines)
    return sorted(found, key=lambda h: (h.lead.doc_id, h.lead.action.start, h.id))


def _with_headlines(
    found: list[Happening], events: list[Event], headlines: Iterable[tuple[str, int, int]]
) -> list[Happening]:
    """``found`` with each headline report's happening joined to its body report's (``happenings``)."""
    spans = defaultdict(list)
    for doc_id, start, end in headlines:
        spans[doc_id].append((start, end))
    if not spans:
        return found

    def in_headline(event: Event) -> bool:
        return any(start <= event.action.start < end for start, end in spans.get(event.doc_id, ()))

    of = {r.id: h for h in found for r in h.reports}
    body = sorted((e for e in events if e.doc_id in spans and not in_headline(e)), key=lambda e: e.action.start)
    joined: dict[str, Happening] = {}  # body happening id → the happening with the headline's reports
    dropped: set[str] = set()
    for event in sorted((e for e in events if in_headline(e)), key=lambda e: e.id):
        partner = next((e for e in body if _tells_the_same(event, e)), None)
        if partner is None or of[event.id].id in dropped:
            continue
        head, into = of[event.id], joined.get(of[partner.id].id, of[partner.id])
        if head.id == into.id:
            continue
        dropped.add(head.id)
        joined[into.id] = Happening(into.id, (*into.reports, *head.reports))
    return [joined.get(h.id, h) for h in found if h.id not in dropped]


def _tells_the_same(headline: Event, event: Event) -> bool:
    actor = _anchor(headline.actor)
    if event.doc_id != headline.doc_id or actor is None or actor != _anchor(event.actor):
        return False
    if (event.lemma, event.modality.claim) != (headline.lemma, headline.modality.claim):
        return False
    targets = _anchor(headline.target), _anchor(event.target)
    if None not in targets and targets[0] != targets[1]:
        return False
    return _compatible(_details(headline), _details(event))


@dataclass
class EventGraph:
    """Articles, resolved events and entities, and their networkx graph.

    ``events``: the per-sentence events of extraction, each a report; ``happenings``: the
    events of the graph, each with its reports (``Happening.id`` is the event node's id; a
    report alone keeps its ``Event.id``). ``graph`` nodes: entities keyed by ``Entity.id``
    (``kind="entity"``) and events keyed by ``Happening.id`` (``kind="event"``, with
    ``reports`` their number); edges run from the event to each participant of any of its
    reports with ``role=`` the role name, and from a thing to the actors it is of
    (``role="about"``: « l'annonce de la Corée du Nord » → Corée du Nord). ``names`` are the
    named spans of the articles with their entity, whether or not an event holds them: every
    such entity is a node.
    """

    articles: dict[str, Article] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    # the networkx graph, made when first asked for (``graph``): a build's exports do not read
    # it, and for a 20 MB article it is the biggest thing a build would hold
    _graph: nx.MultiDiGraph | None = field(default=None, repr=False, compare=False)
    happenings: list[Happening] = field(default_factory=list)
    names: list[EntityMention] = field(default_factory=list)

    @classmethod
    def from_events(cls, articles: Iterable[Article], events: Iterable[Event]) -> EventGraph:
        built = cls(articles={a.id: a for a in articles})
        built.add(events)
        return built

    def add(self, events: Iterable[Event], names: Iterable[EntityMention] = ()) -> None:
        """Adds ``events`` and named spans ``names`` (any iterables: they are read once); then every
        mention points at the merged entity of ``entities`` (all its aliases, across articles),
        never at the snapshot one sentence saw."""
        events = dedupe_events([*self.events, *events])
        names = dedupe_names([*self.names, *names])
        self.events, self.names = [], []  # the lists above hold them: let go of the old ones
        seen: dict[str, Entity] = {}
        mentions = itertools.chain((m for e in events for m in e.roles().values()), (n.mention for n in names))
        for mention in mentions:
            for entity in mention.all_entities():
                for one in (entity, *entity.about):
                    seen[one.id] = _merge_entity(seen.get(one.id), one)
        # what a thing is about is itself merged: « l'annonce de la Corée du Nord » → the one Corée du Nord
        self.entities = {
            key: replace(entity, about=tuple(_without_about(seen[x.id]) for x in entity.about))
            for key, entity in seen.items()
        }
        del seen
        # rebound in place: the events as given are let go one by one (a big build holds one copy,
        # when its caller hands its lists over: ``kg.pipeline.build_graph``)
        for k, event in enumerate(events):
            events[k] = _rebound(event, self.entities)
        for k, name in enumerate(names):
            names[k] = _rebound_name(name, self.entities)
        self.events, self.names = events, names
        self.happenings = happenings(self.events, self._headlines())
        self._graph = None  # made again from these when asked for

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The reified networkx graph of the events and entities (see the class), made on first use."""
        if self._graph is None:
            self._graph = self._to_networkx()
        return self._graph

    def _headlines(self) -> list[tuple[str, int, int]]:
        """(doc_id, start, end) of each article's title where its text holds it and it reads as a
        headline: one short line, no final period (a lead paragraph taken for a title is none)."""
        found = []
        for doc_id, article in self.articles.items():
            title = article.title.strip()
            if not title or "\n" in title or not reads_as_headline(title):
                continue
            at = article.text.find(title)
            if at >= 0:
                found.append((doc_id, at, at + len(title)))
        return found

    def happening_of(self) -> dict[str, Happening]:
        """Each report's happening, by the report's ``Event.id``."""
        return {report.id: h for h in self.happenings for report in h.reports}

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
        for happening in self.happenings:
            event = happening.lead
            article = self.articles.get(event.doc_id)
            g.add_node(
                happening.id,
                kind=EVENT,
                label=event.lemma,
                action=event.action.text,
                modality=happening.modality.value,
                doc_id=event.doc_id,
                title=article.title if article else "",
                sentence=event.sentence.text if event.sentence else "",
                start=event.action.start,
                end=event.action.end,
                reports=len(happening.reports),
                report_ids=[r.id for r in happening.reports],
                doc_ids=sorted({r.doc_id for r in happening.reports}),
                **_period_attributes(event),
                **({} if happening.confidence is None else {"confidence": happening.confidence}),
            )
            lead_roles = event.roles()
            for role, named in happening.participants().items():
                for entity in named:
                    # the lead report's words when it names the entity, else the first report's that does
                    mention = next(
                        m
                        for m in (lead_roles.get(role), *(r.roles().get(role) for r in happening.reports))
                        if m is not None and entity in m.all_entities()
                    )
                    g.add_edge(
                        happening.id,
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
        for happening in self.happenings:
            roles = happening.participants()
            for actor in roles.get("actor", ()):
                for target in roles.get("target", ()):
                    g.add_edge(actor.id, target.id, key=happening.id, **self.graph.nodes[happening.id])
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


def _rebound_name(name: EntityMention, entities: dict[str, Entity]) -> EntityMention:
    """``name`` whose mention names the entities of ``entities`` with the same ids."""
    named = name.mention.all_entities()
    if all(entities[x.id] is x for x in named):
        return name
    return replace(name, mention=name.mention.resolved(*(entities[x.id] for x in named)))


# When two sightings of one id disagree on the type, the more specific one wins.
_TYPE_PRECEDENCE = [
    EntityType.COUNTRY,
    EntityType.TEAM,
    EntityType.PERSON,
    EntityType.ORGANIZATION,
    EntityType.GROUP,
    EntityType.CITY,
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
        iso=min(filter(None, (old.iso, new.iso)), default=None),
        about=tuple(sorted({e.id: e for e in (*old.about, *new.about)}.values(), key=lambda e: e.id)),
    )
