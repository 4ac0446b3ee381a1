"""EventGraph → RDF: one mapping, written as Turtle, N-Triples or JSON-LD, or given as an rdflib Graph.

Instances live under a configurable base IRI, one folder per kind (``event/``, ``entity/``,
``action/``, ``document/``, ``sentence/``, ``mention/``, ``time/``), written in Turtle with one
prefix per kind. An event of the seed article::

    event:c919… a sem:Event ;
        rdfs:label "Corée du Nord → envoyer → soldats"@fr ;
        kg:action action:envoyer ; sem:eventType action:envoyer ;
        kg:lemma "envoyer" ; kg:trigger "envoyé"@fr ;
        kg:triggerBegin "621"^^xsd:nonNegativeInteger ; kg:triggerEnd "627"^^xsd:nonNegativeInteger ;
        kg:modality kg:alleged ; kg:eventKind "verbal" ; kg:confidence "0.966"^^xsd:decimal ;
        kg:actor entity:coree-du-nord ; kg:target entity:thing-soldat ;
        sem:hasActor entity:coree-du-nord, entity:thing-soldat ;
        kg:destination entity:russie ; sem:hasPlace entity:russie ;
        kg:source entity:service-etats-unis, entity:service-coree-du-sud, entity:service-ukraine ;
        kg:sourceText "les services de renseignement américains, sud-coréens et ukrainiens"@fr ;
        kg:quantity "entre 10 000 et 12 000"@fr ;
        kg:timeExpression "à l'automne dernier"@fr ; sem:hasTime time:8b4c…-669 ;
        sem:hasBeginTimeStamp "2024-09-01"^^xsd:date ; sem:hasEndTimeStamp "2024-11-30"^^xsd:date ;
        kg:sentence sentence:8b4c…-522 ; prov:wasDerivedFrom document:8b4c… ;
        kg:mention mention:c919…-actor, … ;
        kg:report report:c919… .

    report:c919… a kg:Report, prov:Entity ;
        kg:trigger "envoyé"@fr ; kg:triggerBegin "621"^^xsd:nonNegativeInteger ; … ;
        kg:modality kg:alleged ; kg:source entity:service-etats-unis, … ; kg:sourceText "…"@fr ;
        kg:sentence sentence:8b4c…-522 ; prov:wasDerivedFrom document:8b4c… ;
        kg:mention mention:c919…-actor, … .

An event is one happening (``kg.model.Happening``): the reports of it in several sentences or
articles are its ``kg:report`` nodes, each with its document, sentence, trigger offsets,
modality and source, and the mentions of its roles; the event has the lead report's trigger,
sentence and time, the participants of every report, and the strongest modality of its reports.
An event told once has one report, whose id is the event's.

Our role properties are written together with the SEM property they specialise, so that a
query needs no reasoner to find every ``sem:hasActor``; which role has which property is the
role table's (``kg.model.ROLE_TABLE``). A time expression that the resolve stage resolved against
the article's date (``Event.period``, see ``kg.timex``) gets ``sem:hasTimeStamp`` when it names one day
(``xsd:date``), month (``xsd:gYearMonth``) or year (``xsd:gYear``), and its first and last day
as ``sem:hasBeginTimeStamp`` / ``sem:hasEndTimeStamp`` (a season or a week has only those; « jusqu'à
lundi » only an end). Mentions and sentences carry NIF offsets into the document's
``nif:isString``, so every edge can be traced to its characters.

The output is deterministic: subjects come in a fixed order (documents, entities, actions,
vocabulary, sentences, times, then events each followed by its reports and their mentions, every kind sorted by
id), predicates in a fixed order; the same graph gives the same bytes, whatever the order its
articles were merged in. The writers are plain Python over that one triple stream: on a million
triples the Turtle one is over fifteen times faster than rdflib's serializer
(``benchmarks/rdf_export.py``).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from types import SimpleNamespace
from typing import NamedTuple
from urllib.parse import quote

import rdflib

from kg.errors import BadInputError
from kg.export.files import write_atomic
from kg.graph import EventGraph
from kg.model import (
    ROLE_TABLE,
    Article,
    Entity,
    EntityMention,
    EntityType,
    Event,
    Happening,
    Mention,
    Modality,
    Period,
    Role,
)
from kg.vocab import DCTERMS, DEFAULT_BASE, KG, NIF, PREFIXES, PROV, RDF, RDFS, SCHEMA, SEM, SKOS, XSD

__all__ = [
    "KINDS",
    "Literal",
    "check_base",
    "generate_jsonld",
    "generate_ntriples",
    "generate_turtle",
    "instance_prefixes",
    "iter_ntriples",
    "iter_subjects",
    "to_rdf",
    "write_jsonld",
    "write_ntriples",
    "write_turtle",
]

KINDS = ("document", "entity", "action", "event", "report", "mention", "sentence", "time")


def _strings(namespace: object, names: str) -> SimpleNamespace:
    """IRIs as plain strings, looked up once: the writers run per triple, a million times."""
    return SimpleNamespace(**{name: str(getattr(namespace, name)) for name in names.split()})


_KG = SimpleNamespace(**{name: str(KG[name]) for name in KG.__annotations__ if not name.startswith("_")})
_SEM = _strings(
    SEM,
    "Event Actor Place Time TimeType EventType eventType hasActor hasPlace hasTime timeType "
    "hasTimeStamp hasBeginTimeStamp hasEndTimeStamp",
)
_NIF = _strings(NIF, "Context Sentence isString anchorOf beginIndex endIndex referenceContext")
_PROV = _strings(PROV, "Entity wasDerivedFrom")
_DCT = _strings(DCTERMS, "title date source")

BAD_BASE = (
    "base IRI {base!r} is not usable: give an absolute IRI ending in / or #, without spaces, "
    'quotes or <>{{}}|\\^` (e.g. "http://example.org/actualites/")'
)


class Literal(NamedTuple):
    """An RDF literal; an IRI is a plain ``str``."""

    value: str
    datatype: str | None = None
    lang: str | None = None


Object = str | Literal
Block = tuple[str, list[tuple[str, Object]]]  # a subject and its (predicate, object) pairs

# From the role table: each role → the event property its mention fills; the entity roles that
# specialise a SEM property, grouped by it (written with it, so that a query needs no reasoner);
# the other entity roles; the roles written as literals, the time last (its timestamps follow it).
_ROLE_PROPERTIES = {role.name: str(KG[role.property]) for role in ROLE_TABLE}
_SEM_GROUPS: dict[str, tuple[Role, ...]] = {
    str(SEM[sem]): tuple(r for r in ROLE_TABLE if r.entity and r.sem == sem)
    for sem in dict.fromkeys(r.sem for r in ROLE_TABLE if r.entity and r.sem)
}
_OTHER_ENTITY_ROLES = tuple(r for r in ROLE_TABLE if r.entity and not r.sem)
_TIME = "time"
_LITERAL_ROLES = tuple(r for r in ROLE_TABLE if not r.entity and r.name != _TIME)
_TEXT_PROPERTIES = {r.name: str(KG[r.text_property]) for r in ROLE_TABLE if r.text_property}
_MODALITIES = {
    Modality.ASSERTED: (_KG.asserted, "affirmé"),
    Modality.REPORTED: (_KG.reported, "rapporté"),
    Modality.ALLEGED: (_KG.alleged, "allégué"),
    Modality.HYPOTHETICAL: (_KG.hypothetical, "hypothétique"),
    Modality.NEGATED: (_KG.negated, "nié"),
}
_UNITS = {
    "day": (_KG.day, "jour"),
    "week": (_KG.week, "semaine"),
    "month": (_KG.month, "mois"),
    "season": (_KG.season, "saison"),
    "year": (_KG.year, "année"),
}
_TYPES = {
    kind: tuple(map(str, classes))
    for kind, classes in {
        EntityType.COUNTRY: (KG.Country, SEM.Actor, SEM.Place, SCHEMA.Country),
        EntityType.PERSON: (KG.Person, SEM.Actor, SCHEMA.Person),
        EntityType.ORGANIZATION: (KG.Organization, SEM.Actor, SCHEMA.Organization),
        EntityType.GROUP: (KG.Group, SEM.Actor, SCHEMA.Organization),
        EntityType.PLACE: (KG.Place, SEM.Place, SCHEMA.Place),
        EntityType.CITY: (KG.City, SEM.Place, SCHEMA.City),
        EntityType.TEAM: (KG.Team, SEM.Actor, SCHEMA.SportsTeam),
        EntityType.THING: (KG.Thing, SEM.Actor),
    }.items()
}

_A = str(RDF.type)
_LABEL = str(RDFS.label)
_NNI = str(XSD.nonNegativeInteger)
_DATE = str(XSD.date)
_DECIMAL = str(XSD.decimal)
_STRING = str(XSD.string)
_ALT_LABEL = str(SKOS.altLabel)
_FORBIDDEN_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]*")


def _fr(text: str) -> Literal:
    return Literal(text, None, "fr")


def _int(value: int) -> Literal:
    return Literal(str(value), _NNI)


def check_base(base: str) -> str:
    """``base`` if instance IRIs can be made from it; a BadInputError that says what to give otherwise."""
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:.*[/#]$", base) or _FORBIDDEN_IN_IRI.search(base):
        raise BadInputError(BAD_BASE.format(base=base))
    return base


class _Iris:
    """Instance IRIs: ``{base}{kind}/{key}``, keys percent-encoded to plain ASCII."""

    def __init__(self, base: str) -> None:
        self.kinds = instance_prefixes(check_base(base))

    def __call__(self, kind: str, key: str) -> str:
        if _PLAIN_KEY.fullmatch(key):
            return self.kinds[kind] + key
        # « . » and « ~ » too, so that no key is a dot segment or ends a Turtle name with a dot
        return self.kinds[kind] + quote(key, safe="-_").replace(".", "%2E").replace("~", "%7E")


def instance_prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """One prefix per kind of instance: {"document": base + "document/", …}."""
    return {kind: f"{base}{kind}/" for kind in KINDS}


# --- the mapping --------------------------------------------------------------------------


def iter_subjects(eg: EventGraph, base: str = DEFAULT_BASE) -> Iterator[Block]:
    """Every subject of the graph with its (predicate, object) pairs, in the written order.

    Each subject comes once, with all its pairs; pairs of one predicate are adjacent."""
    iri = _Iris(base)
    for article_id in sorted(eg.articles):
        yield _document(iri, article_id, eg.articles[article_id])
    for missing in sorted({e.doc_id for e in eg.events} - eg.articles.keys()):
        yield iri("document", missing), [(_A, _KG.Document), (_A, _PROV.Entity)]
    for entity_id in sorted(eg.entities):
        yield _entity(iri, eg.entities[entity_id])

    lemmas, modalities, units, sentences, times = set(), set(), set(), {}, {}
    for name in eg.names:
        if name.sentence is not None:
            sentences[(name.doc_id, name.sentence.start)] = name.sentence
    for event in eg.events:  # the reports: every event's modality is one of its reports'
        lemmas.add(event.lemma)
        modalities.add(event.modality)
        if event.sentence is not None:
            sentences[(event.doc_id, event.sentence.start)] = event.sentence
        if event.time is not None:
            times[(event.doc_id, event.time.start)] = (event.time, event.period)
            if event.period is not None:
                units.add(event.period.unit.value)

    for lemma in sorted(lemmas):
        node = iri("action", lemma)
        yield node, [(_A, _KG.Action), (_A, _SEM.EventType), (_LABEL, _fr(lemma))]
    for modality in sorted(modalities, key=lambda m: _MODALITIES[m][0]):
        node, label = _MODALITIES[modality]
        yield node, [(_A, _KG.Modality), (_LABEL, _fr(label))]
    for unit in sorted(units, key=lambda u: _UNITS[u][0]):
        node, label = _UNITS[unit]
        yield node, [(_A, _SEM.TimeType), (_LABEL, _fr(label))]
    for (doc_id, start), sentence in sorted(sentences.items()):
        yield (
            iri("sentence", f"{doc_id}-{start}"),
            [
                (_A, _NIF.Sentence),
                (_NIF.isString, Literal(sentence.text)),
                (_NIF.beginIndex, _int(sentence.start)),
                (_NIF.endIndex, _int(sentence.end)),
                (_NIF.referenceContext, iri("document", doc_id)),
            ],
        )
    for (doc_id, start), (time, period) in sorted(times.items()):
        pairs = [(_A, _SEM.Time), (_LABEL, _fr(time.text))]
        if period is not None:
            pairs.append((_SEM.timeType, _UNITS[period.unit.value][0]))
        yield iri("time", f"{doc_id}-{start}"), pairs

    for happening in eg.happenings:
        yield from _event(iri, happening)
    for name in eg.names:
        yield _name_mention(iri, name)


def _document(iri: _Iris, article_id: str, article: Article) -> Block:
    pairs: list[tuple[str, Object]] = [(_A, _KG.Document), (_A, _NIF.Context), (_A, _PROV.Entity)]
    if article.title:
        pairs.append((_DCT.title, _fr(article.title)))
    if article.date:
        pairs.append((_DCT.date, Literal(article.date.isoformat(), _DATE)))
    if article.source:
        pairs.append((_DCT.source, Literal(article.source)))
    if article.url:
        pairs.append((str(SCHEMA.url), Literal(article.url, str(XSD.anyURI))))  # noqa: RUF100
    pairs.append((_NIF.isString, Literal(article.text)))  # what every nif:beginIndex counts in
    return iri("document", article_id), pairs


def _entity(iri: _Iris, entity: Entity) -> Block:
    pairs: list[tuple[str, Object]] = [(_A, cls) for cls in _TYPES[entity.type]]
    pairs.append((_LABEL, _fr(entity.label)))
    pairs += [(_ALT_LABEL, _fr(alias)) for alias in sorted(set(entity.aliases) - {entity.label})]
    pairs.append((_KG.entityType, Literal(entity.type.value)))
    if entity.affiliation:
        pairs.append((_KG.affiliation, iri("entity", entity.affiliation)))
    if entity.sector:
        pairs.append((_KG.sector, Literal(entity.sector)))
    if entity.role:
        pairs.append((_KG.personRole, _fr(entity.role)))
    if entity.iso:
        pairs.append((_KG.iso3166, Literal(entity.iso)))
    pairs += [(_KG.about, iri("entity", other.id)) for other in entity.about]
    return iri("entity", entity.id), pairs


def _name(mention: Mention | None) -> str:
    if mention is None:
        return "?"
    return ", ".join(e.label for e in mention.all_entities()) or mention.text


def _label(event: Event) -> str:
    """« Corée du Nord → envoyer → soldats »: the entity's label, else the text as written."""
    parts = [_name(event.actor), event.lemma]
    if event.target is not None:
        parts.append(_name(event.target))
    return " → ".join(parts)


def _event(iri: _Iris, happening: Happening) -> Iterator[Block]:
    """The event node, then each report followed by its mentions.

    The event has the lead report's trigger, sentence, offsets, time and document (so that it
    reads as one sentence's event), the participants of all its reports, its modality summed up
    from theirs (``Happening.modality``), and a ``kg:report`` to each report, the lead included."""
    event = happening.lead
    node = iri("event", happening.id)
    doc = iri("document", event.doc_id)
    action = iri("action", event.lemma)
    roles = event.roles()
    participants = happening.participants()
    pairs: list[tuple[str, Object]] = [
        (_A, _SEM.Event),
        (_LABEL, _fr(_label(event))),
        (_KG.action, action),
        (_SEM.eventType, action),
        (_KG.lemma, Literal(event.lemma)),
        (_KG.trigger, _fr(event.action.text)),
        (_KG.triggerBegin, _int(event.action.start)),
        (_KG.triggerEnd, _int(event.action.end)),
        (_KG.modality, _MODALITIES[happening.modality][0]),
        (_KG.eventKind, Literal(str(event.kind))),
    ]
    if happening.confidence is not None:
        pairs.append((_KG.confidence, Literal(f"{happening.confidence:.3f}", _DECIMAL)))
    for sem, group in _SEM_GROUPS.items():
        found = [(r.name, iri("entity", e.id)) for r in group for e in participants.get(r.name, ())]
        pairs += [(_ROLE_PROPERTIES[role], entity) for role, entity in found]
        pairs += [(sem, entity) for entity in dict.fromkeys(e for _, e in found)]
    for role in _OTHER_ENTITY_ROLES:
        pairs += [(_ROLE_PROPERTIES[role.name], iri("entity", e.id)) for e in participants.get(role.name, ())]
        if role.name in roles and role.name in _TEXT_PROPERTIES:
            pairs.append((_TEXT_PROPERTIES[role.name], _fr(roles[role.name].text)))
    for role in _LITERAL_ROLES:
        if role.name in roles:
            pairs.append((_ROLE_PROPERTIES[role.name], _fr(roles[role.name].text)))
    if event.time is not None:
        pairs.append((_ROLE_PROPERTIES[_TIME], _fr(event.time.text)))
        pairs.append((_SEM.hasTime, iri("time", f"{event.doc_id}-{event.time.start}")))
        if event.period is not None:
            pairs += _timestamps(event.period)
    if event.sentence is not None:
        pairs.append((_KG.sentence, iri("sentence", f"{event.doc_id}-{event.sentence.start}")))
    pairs.append((_PROV.wasDerivedFrom, doc))
    pairs += [(_KG.mention, iri("mention", f"{event.id}-{role}")) for role in roles]
    pairs += [(_KG.report, iri("report", report.id)) for report in happening.reports]
    yield node, pairs
    for report in happening.reports:
        yield from _report(iri, report)


def _report(iri: _Iris, report: Event) -> Iterator[Block]:
    """One sentence's telling of an event: where (document, sentence, trigger), how far the text
    commits to it, who says so, and the mentions of its roles."""
    report_id = report.id  # a hash: computed once
    doc = iri("document", report.doc_id)
    roles = report.roles()
    pairs: list[tuple[str, Object]] = [
        (_A, _KG.Report),
        (_A, _PROV.Entity),
        (_KG.trigger, _fr(report.action.text)),
        (_KG.triggerBegin, _int(report.action.start)),
        (_KG.triggerEnd, _int(report.action.end)),
        (_KG.modality, _MODALITIES[report.modality][0]),
    ]
    for role in ROLE_TABLE:
        if role.report and role.name in roles:
            mention = roles[role.name]
            pairs += [(_ROLE_PROPERTIES[role.name], iri("entity", e.id)) for e in mention.all_entities()]
            if role.name in _TEXT_PROPERTIES:
                pairs.append((_TEXT_PROPERTIES[role.name], _fr(mention.text)))
    if report.sentence is not None:
        pairs.append((_KG.sentence, iri("sentence", f"{report.doc_id}-{report.sentence.start}")))
    pairs.append((_PROV.wasDerivedFrom, doc))
    mentions = [(role, iri("mention", f"{report_id}-{role}"), m) for role, m in roles.items()]
    pairs += [(_KG.mention, m) for _, m, _ in mentions]
    yield iri("report", report_id), pairs

    for role, m, mention in mentions:
        mention_pairs: list[tuple[str, Object]] = [
            (_A, _KG.Mention),
            (_KG.role, _ROLE_PROPERTIES[role]),
            (_NIF.anchorOf, Literal(mention.text)),
            (_NIF.beginIndex, _int(mention.start)),
            (_NIF.endIndex, _int(mention.end)),
            (_NIF.referenceContext, doc),
        ]
        mention_pairs += [(_KG.refersTo, iri("entity", e.id)) for e in mention.all_entities()]
        yield m, mention_pairs


def _name_mention(iri: _Iris, name: EntityMention) -> Block:
    """A named span with the entities it names, its sentence and its document: every name of an
    article is traced to its text, whether or not an event holds it."""
    mention = name.mention
    doc = iri("document", name.doc_id)
    pairs: list[tuple[str, Object]] = [
        (_A, _KG.NameMention),
        (_NIF.anchorOf, Literal(mention.text)),
        (_NIF.beginIndex, _int(mention.start)),
        (_NIF.endIndex, _int(mention.end)),
        (_NIF.referenceContext, doc),
    ]
    if name.sentence is not None:
        pairs.append((_KG.inSentence, iri("sentence", f"{name.doc_id}-{name.sentence.start}")))
    pairs.append((_PROV.wasDerivedFrom, doc))
    pairs += [(_KG.refersTo, iri("entity", e.id)) for e in mention.all_entities()]
    return iri("mention", f"{name.doc_id}-{mention.start}-{mention.end}"), pairs


def _timestamps(period: Period) -> list[tuple[str, Object]]:
    pairs: list[tuple[str, Object]] = []
    if period.timestamp is not None:
        lexical, datatype = period.timestamp
        pairs.append((_SEM.hasTimeStamp, Literal(lexical, str(XSD[datatype]))))
    if period.begin is not None:
        pairs.append((_SEM.hasBeginTimeStamp, Literal(period.begin.isoformat(), _DATE)))
    if period.end is not None:
        pairs.append((_SEM.hasEndTimeStamp, Literal(period.end.isoformat(), _DATE)))
    return pairs


# --- rdflib -------------------------------------------------------------------------------


def to_rdf(eg: EventGraph, base: str = DEFAULT_BASE) -> rdflib.Graph:
    """The rdflib Graph of an EventGraph (see the module docstring for its shape)."""
    g = rdflib.Graph()
    for prefix, ns in {**PREFIXES, **instance_prefixes(base)}.items():
        g.bind(prefix, ns, override=True, replace=True)
    terms: dict[object, rdflib.term.Node] = {}

    def term(value: Object) -> rdflib.term.Node:
        found = terms.get(value)
        if found is None:
            if isinstance(value, Literal):
                datatype = rdflib.URIRef(value.datatype) if value.datatype else None
                found = rdflib.Literal(value.value, lang=value.lang, datatype=datatype)
            else:
                found = rdflib.URIRef(value)
            if len(terms) < 100_000:  # predicates and classes repeat; most instances do not
                terms[value] = found
        return found

    add = g.add
    for subject, pairs in iter_subjects(eg, base):
        s = rdflib.URIRef(subject)
        for p, o in pairs:
            add((s, term(p), term(o)))
    return g


# --- Turtle -------------------------------------------------------------------------------

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_ESCAPES.update({chr(c): f"\\u{c:04X}" for c in (*range(0x20), 0x7F) if chr(c) not in _ESCAPES})
_NEEDS_ESCAPE = re.compile('[\\\\"\x00-\x1f\x7f]')
_LOCAL_NAME = re.compile(r"(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})(?:[A-Za-z0-9_.-]|%[0-9A-Fa-f]{2})*")


def _quoted(value: str) -> str:
    if _NEEDS_ESCAPE.search(value):
        value = _NEEDS_ESCAPE.sub(lambda m: _ESCAPES[m.group()], value)
    return f'"{value}"'


class _Compactor:
    """IRI → its shortest safe Turtle form: ``kg:actor``, ``event:3f2a…`` or ``<…>``."""

    def __init__(self, prefixes: dict[str, str], base: str) -> None:
        self.prefixes = prefixes
        self.base = base
        self.kinds = frozenset(KINDS)
        self.memo: dict[str, str] = {}  # vocabulary, entities, actions: the IRIs that repeat

    def __call__(self, iri: str) -> str:
        found = self.memo.get(iri)
        if found is None:
            found = self._compact(iri)
            if len(self.memo) < 100_000:
                self.memo[iri] = found
        return found

    def _compact(self, iri: str) -> str:
        if iri.startswith(self.base):
            kind, _, key = iri[len(self.base) :].partition("/")
            if kind in self.kinds and _LOCAL_NAME.fullmatch(key) and not key.endswith("."):
                return f"{kind}:{key}"
        for prefix, ns in self.prefixes.items():
            key = iri[len(ns) :]
            if iri.startswith(ns) and _LOCAL_NAME.fullmatch(key) and not key.endswith("."):
                return f"{prefix}:{key}"
        return f"<{iri}>"


def _turtle_chunks(blocks: Iterable[Block], base: str) -> Iterator[str]:
    prefixes = {**PREFIXES, **instance_prefixes(base)}
    compact = _Compactor(prefixes, base)
    yield "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in prefixes.items())
    predicates = {_A: "a"}
    for subject, pairs in blocks:
        lines = []
        last = None
        for p, o in pairs:
            if type(o) is str:
                obj = compact(o)
            elif o.lang:
                obj = f"{_quoted(o.value)}@{o.lang}"
            elif o.datatype:
                obj = f"{_quoted(o.value)}^^{compact(o.datatype)}"
            else:
                obj = _quoted(o.value)
            if p == last:
                lines[-1] += f",\n        {obj}"
            else:
                lines.append(f"{predicates.get(p) or compact(p)} {obj}")
                last = p
        yield f"\n{compact(subject)} " + " ;\n    ".join(lines) + " .\n"


def generate_turtle(eg: EventGraph, base: str = DEFAULT_BASE) -> str:
    """Turtle text of the graph: deterministic, one prefix per vocabulary and per kind of instance."""
    return "".join(_turtle_chunks(iter_subjects(eg, base), base))


def write_turtle(eg: EventGraph, path: str | os.PathLike, base: str = DEFAULT_BASE) -> None:
    """Write Turtle to ``path`` atomically: an interrupted write leaves the old file intact."""
    write_atomic(path, _turtle_chunks(iter_subjects(eg, base), base))


# --- N-Triples ----------------------------------------------------------------------------


def _nt_object(o: Object) -> str:
    if type(o) is str:
        return f"<{o}>"
    if o.lang:
        return f"{_quoted(o.value)}@{o.lang}"
    if o.datatype and o.datatype != _STRING:
        return f"{_quoted(o.value)}^^<{o.datatype}>"
    return _quoted(o.value)


def iter_ntriples(eg: EventGraph, base: str = DEFAULT_BASE) -> Iterator[str]:
    """N-Triples, one subject's lines at a time: nothing is held but the current subject."""
    for subject, pairs in iter_subjects(eg, base):
        s = f"<{subject}> "
        yield "".join(f"{s}<{p}> {_nt_object(o)} .\n" for p, o in pairs)


def generate_ntriples(eg: EventGraph, base: str = DEFAULT_BASE) -> str:
    return "".join(iter_ntriples(eg, base))


def write_ntriples(eg: EventGraph, path: str | os.PathLike, base: str = DEFAULT_BASE) -> None:
    """Stream N-Triples to ``path`` (atomically, like every export)."""
    write_atomic(path, iter_ntriples(eg, base))


# --- JSON-LD ------------------------------------------------------------------------------


class _JsonCompactor:
    """IRI → compact IRI of the JSON-LD context: ``kg:actor``, ``event:3f2a…``, else the IRI."""

    def __init__(self, context: dict[str, str], base: str) -> None:
        self.by_namespace = sorted(context.items(), key=lambda item: -len(item[1]))
        self.base = base
        self.kinds = frozenset(KINDS)
        self.memo: dict[str, str] = {}

    def __call__(self, iri: str) -> str:
        if iri.startswith(self.base):
            kind, _, key = iri[len(self.base) :].partition("/")
            if kind in self.kinds and not key.startswith("/"):
                return f"{kind}:{key}"
        found = self.memo.get(iri)
        if found is None:
            found = next((f"{p}:{iri[len(ns) :]}" for p, ns in self.by_namespace if iri.startswith(ns)), iri)
            if found.partition(":")[2].startswith("//"):  # would read as an absolute IRI
                found = iri
            if len(self.memo) < 100_000:
                self.memo[iri] = found
        return found


def _jsonld_chunks(eg: EventGraph, base: str) -> Iterator[str]:
    """The document a node per line, so that each goes through json's C encoder."""
    context = {**PREFIXES, **instance_prefixes(base)}
    compact = _JsonCompactor(context, base)

    def value(o: Object) -> object:
        if type(o) is str:
            return {"@id": compact(o)}
        if o.lang:
            return {"@value": o.value, "@language": o.lang}
        if o.datatype and o.datatype != _STRING:
            return {"@value": o.value, "@type": compact(o.datatype)}
        return o.value

    yield '{"@context": ' + json.dumps(context, ensure_ascii=False) + ',\n"@graph": ['
    separator = "\n"
    for subject, pairs in iter_subjects(eg, base):
        node: dict[str, list] = {"@id": [compact(subject)]}
        for p, o in pairs:
            key, item = ("@type", compact(o)) if p == _A else (compact(p), value(o))
            node.setdefault(key, []).append(item)
        single = {k: v[0] if len(v) == 1 else v for k, v in node.items()}
        yield separator + json.dumps(single, ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"


def generate_jsonld(eg: EventGraph, base: str = DEFAULT_BASE) -> str:
    """JSON-LD: a ``@context`` of the same prefixes as the Turtle, and one node per subject, a line each."""
    return "".join(_jsonld_chunks(eg, base))


def write_jsonld(eg: EventGraph, path: str | os.PathLike, base: str = DEFAULT_BASE) -> None:
    write_atomic(path, _jsonld_chunks(eg, base))
