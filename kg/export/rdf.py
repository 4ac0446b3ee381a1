"""EventGraph → RDF (Turtle). Deterministic: the same graph gives byte-identical Turtle.

Shape (``kgi:`` is the instance base, configurable)::

    kgi:event/3f2a… a sem:Event ;
        rdfs:label "Corée du Nord → envoyer → soldats"@fr ;
        kg:action kgi:action/envoyer ; kg:lemma "envoyer" ; kg:trigger "envoyé"@fr ;
        kg:actor kgi:entity/coree-du-nord ; sem:hasActor kgi:entity/coree-du-nord ;
        kg:target kgi:entity/soldats ; kg:destination kgi:entity/russie ;
        kg:modality kg:alleged ; kg:quantity "entre 10 000 et 12 000"@fr ;
        kg:sentence kgi:sentence/…-412 ; prov:wasDerivedFrom kgi:document/… ;
        kg:mention kgi:mention/3f2a…-actor .

Mentions and sentences carry NIF offsets (``nif:beginIndex``/``nif:endIndex``) into the
document text, so every edge can be traced to its characters.
"""

from __future__ import annotations

import os
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef

from kg.export.files import write_atomic
from kg.graph import EventGraph
from kg.model import Entity, EntityType, Event, Modality
from kg.vocab import DCTERMS, DEFAULT_BASE, KG, NIF, PROV, SCHEMA, SEM, SKOS

__all__ = ["generate_turtle", "to_rdf", "write_turtle"]

# Participant roles → our property and the SEM property it specialises.
_PARTICIPANTS = {
    "actor": (KG.actor, SEM.hasActor),
    "target": (KG.target, SEM.hasActor),
    "recipient": (KG.recipient, SEM.hasActor),
    "destination": (KG.destination, SEM.hasPlace),
    "place": (KG.place, SEM.hasPlace),
}
_MODALITIES = {
    Modality.ASSERTED: KG.asserted,
    Modality.REPORTED: KG.reported,
    Modality.ALLEGED: KG.alleged,
    Modality.HYPOTHETICAL: KG.hypothetical,
    Modality.NEGATED: KG.negated,
}
_TYPES = {
    EntityType.COUNTRY: (KG.Country, SEM.Actor, SCHEMA.Country),
    EntityType.PERSON: (KG.Person, SEM.Actor, SCHEMA.Person),
    EntityType.ORGANIZATION: (KG.Organization, SEM.Actor, SCHEMA.Organization),
    EntityType.GROUP: (KG.Group, SEM.Actor),
    EntityType.PLACE: (KG.Place, SEM.Place, SCHEMA.Place),
    EntityType.THING: (KG.Thing,),
}


def _fr(text: str) -> Literal:
    return Literal(text, lang="fr")


def _int(value: int) -> Literal:
    return Literal(value, datatype=XSD.nonNegativeInteger)


class _Iris:
    def __init__(self, base: str) -> None:
        self.ns = Namespace(base)

    def __call__(self, kind: str, key: str) -> URIRef:
        return self.ns[f"{kind}/{quote(key, safe='-_.')}"]


def to_rdf(eg: EventGraph, base: str = DEFAULT_BASE) -> Graph:
    """The rdflib Graph of an EventGraph (see the module docstring for its shape)."""
    iri = _Iris(base)
    g = Graph()
    for prefix, ns in (
        ("kg", KG._NS),
        ("kgi", Namespace(base)),
        ("sem", SEM),
        ("prov", PROV),
        ("nif", NIF),
        ("skos", SKOS),
        ("dcterms", DCTERMS),
        ("schema", SCHEMA),
    ):
        g.bind(prefix, ns, override=True)

    for article in eg.articles.values():
        doc = iri("document", article.id)
        g.add((doc, RDF.type, KG.Document))
        g.add((doc, RDF.type, PROV.Entity))
        g.add((doc, RDF.type, NIF.Context))
        g.add((doc, NIF.isString, Literal(article.text)))  # what every nif:beginIndex counts in
        if article.title:
            g.add((doc, DCTERMS.title, _fr(article.title)))
        if article.date:
            g.add((doc, DCTERMS.date, Literal(article.date.isoformat(), datatype=XSD.date)))
        if article.source:
            g.add((doc, DCTERMS.source, Literal(article.source)))
        if article.url:
            g.add((doc, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)))

    for entity in eg.entities.values():
        _add_entity(g, iri, entity)
    for event in eg.events:
        _add_event(g, iri, event)
    return g


def _add_entity(g: Graph, iri: _Iris, entity: Entity) -> None:
    node = iri("entity", entity.id)
    for cls in _TYPES[entity.type]:
        g.add((node, RDF.type, cls))
    g.add((node, RDFS.label, _fr(entity.label)))
    g.add((node, KG.entityType, Literal(entity.type.value)))
    for alias in entity.aliases:
        if alias != entity.label:
            g.add((node, SKOS.altLabel, _fr(alias)))
    if entity.affiliation:
        g.add((node, KG.affiliation, iri("entity", entity.affiliation)))
    if entity.sector:
        g.add((node, KG.sector, Literal(entity.sector)))
    if entity.role:
        g.add((node, KG.personRole, _fr(entity.role)))


def _label(event: Event) -> str:
    def name(m):
        return m.entity.label if m is not None and m.entity is not None else (m.text if m is not None else "?")

    parts = [name(event.actor), event.lemma]
    if event.target is not None:
        parts.append(name(event.target))
    return " → ".join(parts)


def _add_event(g: Graph, iri: _Iris, event: Event) -> None:
    node = iri("event", event.id)
    doc = iri("document", event.doc_id)
    action = iri("action", event.lemma)
    g.add((node, RDF.type, SEM.Event))
    g.add((node, RDFS.label, _fr(_label(event))))
    g.add((action, RDF.type, KG.Action))
    g.add((action, RDFS.label, _fr(event.lemma)))
    g.add((node, KG.action, action))
    g.add((node, KG.lemma, Literal(event.lemma)))
    g.add((node, KG.trigger, _fr(event.action.text)))
    g.add((node, KG.triggerBegin, _int(event.action.start)))
    g.add((node, KG.triggerEnd, _int(event.action.end)))
    g.add((node, KG.modality, _MODALITIES[event.modality]))
    g.add((node, PROV.wasDerivedFrom, doc))

    for role, mention in event.roles().items():
        if role in _PARTICIPANTS and mention.entity is not None:
            ours, sem = _PARTICIPANTS[role]
            entity = iri("entity", mention.entity.id)
            g.add((node, ours, entity))
            g.add((node, sem, entity))
        m = iri("mention", f"{event.id}-{role}")
        g.add((node, KG.mention, m))
        g.add((m, RDF.type, KG.Mention))
        g.add((m, KG.role, Literal(role)))
        g.add((m, NIF.anchorOf, _fr(mention.text)))
        g.add((m, NIF.beginIndex, _int(mention.start)))
        g.add((m, NIF.endIndex, _int(mention.end)))
        g.add((m, NIF.referenceContext, doc))
        if mention.entity is not None:
            g.add((m, KG.refersTo, iri("entity", mention.entity.id)))

    if event.source is not None:
        if event.source.entity is not None:
            g.add((node, KG.source, iri("entity", event.source.entity.id)))
        g.add((node, KG.sourceText, _fr(event.source.text)))
    if event.disputed_by is not None and event.disputed_by.entity is not None:
        g.add((node, KG.disputedBy, iri("entity", event.disputed_by.entity.id)))
    if event.quantity is not None:
        g.add((node, KG.quantity, _fr(event.quantity.text)))
    if event.purpose is not None:
        g.add((node, KG.purpose, _fr(event.purpose.text)))
    if event.time is not None:
        g.add((node, KG.timeExpression, _fr(event.time.text)))
        g.add((node, SEM.hasTime, _fr(event.time.text)))
    if event.sentence is not None:
        sentence = iri("sentence", f"{event.doc_id}-{event.sentence.start}")
        g.add((node, KG.sentence, sentence))
        g.add((sentence, RDF.type, KG.Sentence))
        g.add((sentence, NIF.isString, _fr(event.sentence.text)))
        g.add((sentence, NIF.beginIndex, _int(event.sentence.start)))
        g.add((sentence, NIF.endIndex, _int(event.sentence.end)))
        g.add((sentence, NIF.referenceContext, doc))


def generate_turtle(eg: EventGraph, base: str = DEFAULT_BASE) -> str:
    """Turtle text of the graph; sorted, so building twice gives the same bytes."""
    return to_rdf(eg, base).serialize(format="turtle")


def write_turtle(eg: EventGraph, path: str | os.PathLike, base: str = DEFAULT_BASE) -> None:
    """Write Turtle to ``path`` atomically: an interrupted write leaves the old file intact."""
    write_atomic(path, generate_turtle(eg, base))
