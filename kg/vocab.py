"""Every RDF term kg writes, in one place. A misspelt term raises instead of minting an IRI.

Our own terms live in ``KG``, each defined with French and English labels and comments in
``kg/ontology.ttl`` (a test keeps the two in step); ``kg/shapes.ttl`` holds the SHACL shapes an
export conforms to. Standard vocabularies are used where they say the thing: SEM for events,
actors, places and time, PROV for provenance, NIF for text and offsets, SKOS for aliases,
Dublin Core for documents, schema.org for entity types.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = [
    "DCTERMS",
    "DEFAULT_BASE",
    "KG",
    "NIF",
    "ONTOLOGY",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SEM",
    "SHAPES",
    "SKOS",
    "XSD",
]

DEFAULT_BASE = "https://w3id.org/kg-fr/id/"

RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
PROV = Namespace("http://www.w3.org/ns/prov#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
SCHEMA = Namespace("https://schema.org/")

ONTOLOGY: Path = Path(str(files("kg") / "ontology.ttl"))
SHAPES: Path = Path(str(files("kg") / "shapes.ttl"))


class KG(DefinedNamespace):
    """kg's ontology, https://w3id.org/kg-fr/ontology# (documented in kg/ontology.ttl)."""

    _NS = Namespace("https://w3id.org/kg-fr/ontology#")
    _fail = True

    # classes
    Action: URIRef  # what was done, one resource per lemma; a sem:EventType
    Document: URIRef  # an analysed article: prov:Entity, nif:Context
    Mention: URIRef  # a span of a document that fills a role of an event
    Report: URIRef  # one sentence's telling of an event: document, sentence, trigger, modality, source
    NameMention: URIRef  # a named span of a document, whether or not an event holds it
    Modality: URIRef  # how far the text commits to an event
    Country: URIRef
    Person: URIRef
    Organization: URIRef
    Group: URIRef  # « l'armée sud-coréenne », « les autorités ukrainiennes »
    Place: URIRef
    City: URIRef  # a town: a capital out of its acting roles, « la ville de Koursk »
    Team: URIRef  # « l'équipe d'Italie », « l'Argentine » in a match report
    Thing: URIRef

    # event → participants; materialised with their super-property sem:hasActor / sem:hasPlace
    actor: URIRef
    target: URIRef
    recipient: URIRef
    destination: URIRef
    place: URIRef
    source: URIRef  # who says so (an entity)
    disputedBy: URIRef  # who denies it (an entity)

    # event attributes
    action: URIRef  # → kg:Action; materialised with sem:eventType
    lemma: URIRef  # infinitive, « envoyer »
    trigger: URIRef  # surface form in the sentence, « envoyé »
    modality: URIRef  # → one of the kg:Modality individuals below
    eventKind: URIRef  # "verbal" or "nominal" (« l'envoi de troupes »), as Event.kind
    quantity: URIRef  # quantity of the target, as written: « entre 10 000 et 12 000 »
    purpose: URIRef  # « soutenir la Russie »
    locution: URIRef  # the noun of a verb + noun locution, as written: « fin » of « mettre fin à »
    timeExpression: URIRef  # as written: « à l'automne dernier »
    sourceText: URIRef  # the source as written, resolved to an entity or not
    confidence: URIRef  # P(actor, action and target are right), xsd:decimal in [0, 1]

    # provenance and offsets
    sentence: URIRef  # event → nif:Sentence
    mention: URIRef  # event or report → kg:Mention
    report: URIRef  # event → kg:Report, one per sentence that tells it, across articles
    role: URIRef  # mention → the event property it fills (kg:actor, kg:timeExpression…)
    refersTo: URIRef  # mention or name mention → entity
    inSentence: URIRef  # name mention → nif:Sentence
    triggerBegin: URIRef
    triggerEnd: URIRef

    # entities
    entityType: URIRef  # "Country", "Person"… as a literal, for display and GROUP BY
    affiliation: URIRef  # group or person → its country
    sector: URIRef  # "military", "government"…
    personRole: URIRef  # « président »
    iso3166: URIRef  # a country's ISO 3166-1 alpha-2 code, « KP »: to join with other data
    about: URIRef  # thing → the actors it is of: « l'annonce de la Corée du Nord » → Corée du Nord

    # modality individuals
    asserted: URIRef
    reported: URIRef
    alleged: URIRef
    hypothetical: URIRef
    negated: URIRef

    # time granularities (sem:TimeType individuals)
    day: URIRef
    week: URIRef
    month: URIRef
    season: URIRef
    year: URIRef


# Prefixes of every export and query, in the order they are written.
PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "sem": str(SEM),
    "prov": str(PROV),
    "nif": str(NIF),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "schema": str(SCHEMA),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}
