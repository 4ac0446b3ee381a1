"""Every RDF term kg writes, in one place. A misspelt term raises instead of minting an IRI.

Our own terms live in ``KG`` (documented in ``kg/ontology.ttl``); standard vocabularies are
used where they say the thing: SEM for events, actors, places and time, PROV for provenance,
NIF for text offsets, SKOS for aliases, Dublin Core for documents.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = ["DCTERMS", "DEFAULT_BASE", "KG", "NIF", "PROV", "SCHEMA", "SEM", "SKOS"]

DEFAULT_BASE = "https://w3id.org/kg-fr/id/"

SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
PROV = Namespace("http://www.w3.org/ns/prov#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
SCHEMA = Namespace("https://schema.org/")


class KG(DefinedNamespace):
    """kg's ontology: https://w3id.org/kg-fr/ontology#"""

    _NS = Namespace("https://w3id.org/kg-fr/ontology#")
    _fail = True

    # classes
    Action: URIRef  # what was done, one resource per lemma: kg:action/envoyer
    Mention: URIRef  # a span of a document that names a participant
    Document: URIRef
    Sentence: URIRef
    Modality: URIRef
    Country: URIRef
    Person: URIRef
    Organization: URIRef
    Group: URIRef
    Place: URIRef
    Thing: URIRef

    # event → participants (sub-properties of sem:hasActor / sem:hasPlace)
    actor: URIRef
    target: URIRef
    recipient: URIRef
    destination: URIRef
    place: URIRef
    source: URIRef  # who says so (an entity)
    disputedBy: URIRef  # who denies it (an entity)

    # event attributes
    action: URIRef  # → kg:Action
    lemma: URIRef  # infinitive, « envoyer »
    trigger: URIRef  # surface form in the sentence, « envoyé »
    modality: URIRef  # → one of the kg:Modality individuals below
    quantity: URIRef  # quantity of the target, as written: « entre 10 000 et 12 000 »
    purpose: URIRef  # « soutenir la Russie »
    timeExpression: URIRef  # as written: « à l'automne dernier »
    sourceText: URIRef  # the source as written, when it does not resolve to an entity

    # provenance and offsets
    sentence: URIRef  # event → kg:Sentence
    mention: URIRef  # event → kg:Mention
    role: URIRef  # mention → role name
    refersTo: URIRef  # mention → entity
    triggerBegin: URIRef
    triggerEnd: URIRef

    # entities
    entityType: URIRef
    affiliation: URIRef
    sector: URIRef
    personRole: URIRef

    # modality individuals
    asserted: URIRef
    reported: URIRef
    alleged: URIRef
    hypothetical: URIRef
    negated: URIRef
