"""RDF exports (Turtle, N-Triples, JSON-LD), the entity graph (GraphML, GEXF) and JSON Lines:
valid for outside tools, SHACL-conformant, faithful to the graph, traceable to the text, stable."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys

import networkx as nx
import pyoxigraph as ox
import pytest
from conftest import ROOT, SEED, require_tool, wikinews_articles
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdfcheck import assert_conforms, violations
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

import kg
from kg.export import network
from kg.export.rdf import to_rdf
from kg.model import Article, Entity, EntityType, Event, Mention, MentionKind, Modality
from kg.pipeline import KnowledgeGraph
from kg.resolve import resolve_periods
from kg.vocab import DCTERMS, DEFAULT_BASE, KG, NIF, PROV, RDF, RDFS, SEM, SKOS, XSD

# rdflib's JSON-LD parser warns about its own use of ConjunctiveGraph
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

OTHER_BASE = "http://example.org/actualites/"

# --- a graph built by hand: every kind of node and attribute, awkward characters ----------

NORTH = Entity("coree-du-nord", "Corée du Nord", EntityType.COUNTRY, aliases=("Pyongyang", "Corée du Nord"))
RUSSIA = Entity("russie", "Russie", EntityType.COUNTRY)
SOLDIERS = Entity("soldats-coree-du-nord", "soldats nord-coréens", EntityType.GROUP, affiliation="coree-du-nord")
US_INTEL = Entity(
    "service-etats-unis", "services américains", EntityType.GROUP, affiliation="etats-unis", sector="intelligence"
)
SK_INTEL = Entity("service-coree-du-sud", "services sud-coréens", EntityType.GROUP, affiliation="coree-du-sud")
SPOKESMAN = Entity("porte-parole", 'porte-parole "officiel" \\ \x01 🙂', EntityType.PERSON, role="porte-parole")
ANNOUNCEMENT = Entity("thing-annonce", "annonce de la Corée du Nord", EntityType.THING, about=(NORTH,))

DATED = Article(
    text=(
        "Selon les services américains et sud-coréens, Pyongyang aurait envoyé 3 000 soldats en Russie "
        "à l'automne dernier.\n"
        'Le porte-parole « officiel » a dit "oui"\\non\tlundi : l\'annonce de la Corée du Nord se rendra.\n'
    ),
    title="Dépêche",
    date=dt.date(2025, 4, 28),
    url="https://example.org/depeche?id=1&x=2",
)
UNDATED = Article(text="Ce lundi, la Russie remercie la Corée du Nord.\n", title="Sans date")


def span(article: Article, part: str, *entities: Entity, kind: MentionKind = MentionKind.NOUN) -> Mention:
    start = article.text.index(part)
    mention = Mention(part, start, start + len(part), kind)
    return mention.resolved(*entities) if entities else mention


def sentence(article: Article, first_words: str) -> Mention:
    start = article.text.index(first_words)
    return Mention(article.text[start : article.text.index("\n", start)], start, article.text.index("\n", start))


SENT = Event(
    action=span(DATED, "envoyé", kind=MentionKind.VERB),
    lemma="envoyer",
    actor=span(DATED, "Pyongyang", NORTH, kind=MentionKind.NAME),
    target=span(DATED, "soldats", SOLDIERS),
    quantity=span(DATED, "3 000", kind=MentionKind.QUANTITY),
    destination=span(DATED, "Russie", RUSSIA, kind=MentionKind.NAME),
    time=span(DATED, "à l'automne dernier", kind=MentionKind.TIME),
    source=span(DATED, "les services américains et sud-coréens", US_INTEL, SK_INTEL),
    modality=Modality.ALLEGED,
    sentence=sentence(DATED, "Selon"),
    doc_id=DATED.id,
)
GOES = Event(
    action=span(DATED, "rendra", kind=MentionKind.VERB),
    lemma="se rendre",
    actor=span(DATED, "l'annonce de la Corée du Nord", ANNOUNCEMENT),
    time=span(DATED, "lundi", kind=MentionKind.TIME),
    source=span(DATED, "Le porte-parole", SPOKESMAN),
    disputed_by=span(DATED, "Russie", RUSSIA),
    modality=Modality.REPORTED,
    sentence=sentence(DATED, "Le porte-parole"),
    doc_id=DATED.id,
)
THANKS = Event(
    action=span(UNDATED, "remercie", kind=MentionKind.VERB),
    lemma="remercier",
    actor=span(UNDATED, "la Russie", RUSSIA),
    target=span(UNDATED, "la Corée du Nord", NORTH),
    time=span(UNDATED, "Ce lundi", kind=MentionKind.TIME),
    sentence=sentence(UNDATED, "Ce lundi"),
    doc_id=UNDATED.id,
)


@pytest.fixture(scope="module")
def handmade() -> KnowledgeGraph:
    """The three events as the resolve stage leaves them: times resolved against their article."""
    dated = resolve_periods([SENT, GOES], DATED.date)
    return KnowledgeGraph.from_events([DATED, UNDATED], [*dated, *resolve_periods([THANKS], UNDATED.date)])


@pytest.fixture(scope="module")
def handmade_rdf(handmade) -> Graph:
    return Graph().parse(data=handmade.to_turtle(), format="turtle")


def event_node(event: Event, base: str = DEFAULT_BASE) -> URIRef:
    return URIRef(f"{base}event/{event.id}")


def entity_node(entity: Entity, base: str = DEFAULT_BASE) -> URIRef:
    return URIRef(f"{base}entity/{entity.id}")


# --- the seed exports ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def turtle(seed_exports) -> str:
    return seed_exports["turtle"].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def parsed(turtle) -> Graph:
    return Graph().parse(data=turtle, format="turtle")


@pytest.fixture(scope="module")
def seed_files(seed_graph, tmp_path_factory) -> dict:
    return seed_graph.write_all(tmp_path_factory.mktemp("all-exports"), formats=kg.export.FORMATS)


def document_texts(graph: kg.KnowledgeGraph, base: str = DEFAULT_BASE) -> dict[URIRef, str]:
    return {URIRef(f"{base}document/{article_id}"): a.text for article_id, a in graph.articles.items()}


def number(graph: Graph, node: URIRef, prop: URIRef) -> int:
    return int(graph.value(node, prop).toPython())


def run_rapper(syntax: str, path) -> subprocess.CompletedProcess:
    rapper = require_tool("rapper")
    return subprocess.run([rapper, "-i", syntax, "-c", str(path)], capture_output=True, text=True, check=False)


# --- valid, and the same graph in every syntax --------------------------------------------


def test_turtle_parses_back_to_the_same_graph(seed_graph, parsed):
    assert len(parsed) > 0
    assert isomorphic(parsed, to_rdf(seed_graph))


@pytest.mark.parametrize(("kind", "syntax"), [("turtle", "turtle"), ("ntriples", "ntriples")])
def test_export_passes_rapper(seed_files, parsed, kind, syntax):
    done = run_rapper(syntax, seed_files[kind])

    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr and "Warning" not in done.stderr, done.stderr
    assert f"returned {len(parsed)} triples" in done.stderr


def test_handmade_turtle_passes_rapper(handmade, handmade_rdf, tmp_path):
    path = tmp_path / "graph.ttl"
    handmade.write_turtle(path)

    done = run_rapper("turtle", path)

    assert done.returncode == 0, done.stderr
    assert f"returned {len(handmade_rdf)} triples" in done.stderr


@pytest.mark.parametrize(("kind", "syntax"), [("ntriples", "nt"), ("jsonld", "json-ld")])
def test_other_syntaxes_hold_the_same_graph(seed_graph, seed_files, parsed, kind, syntax):
    other = Graph().parse(seed_files[kind], format=syntax)

    assert isomorphic(other, parsed)


@pytest.mark.parametrize("kind", ["turtle", "ntriples", "jsonld"])
def test_oxigraph_reads_every_syntax(seed_files, parsed, kind):
    store = ox.Store()
    store.load(path=str(seed_files[kind]), format=ox.RdfFormat.from_extension(seed_files[kind].suffix[1:]))

    assert len(store) == len(parsed)


def test_ntriples_is_one_triple_a_line(seed_graph, seed_files, parsed):
    lines = seed_files["ntriples"].read_text(encoding="utf-8").splitlines()

    assert len(lines) == len(parsed)
    assert all(line.startswith("<") and line.endswith(" .") for line in lines)
    assert "".join(kg.export.rdf.iter_ntriples(seed_graph)) == seed_files["ntriples"].read_text(encoding="utf-8")


def test_jsonld_uses_the_turtle_prefixes(seed_files):
    document = json.loads(seed_files["jsonld"].read_text(encoding="utf-8"))

    assert document["@context"]["kg"] == str(KG._NS)
    assert document["@context"]["entity"] == f"{DEFAULT_BASE}entity/"
    events = [node for node in document["@graph"] if node.get("@type") == "sem:Event"]
    assert events and all(node["@id"].startswith("event:") for node in events)


def test_turtle_is_compact(turtle):
    assert "@prefix event: <https://w3id.org/kg-fr/id/event/> ." in turtle
    assert "<https://w3id.org/kg-fr/id/" not in turtle.split("\n\n", 1)[1]


# --- SHACL ----------------------------------------------------------------------------------


def test_seed_turtle_conforms(parsed):
    assert_conforms(parsed)


@pytest.mark.parametrize(("kind", "syntax"), [("ntriples", "nt"), ("jsonld", "json-ld")])
def test_seed_other_syntaxes_conform(seed_files, kind, syntax):
    assert_conforms(Graph().parse(seed_files[kind], format=syntax))


def test_handmade_conforms(handmade_rdf):
    assert_conforms(handmade_rdf)


def test_corpus_export_conforms():
    graph = kg.build_graph(wikinews_articles(8))
    assert len(graph.articles) == 8 and graph.events

    exported = Graph().parse(data=graph.to_turtle(), format="turtle")

    assert isomorphic(exported, to_rdf(graph))
    assert_conforms(exported)


def test_other_base_conforms(seed_graph):
    assert_conforms(Graph().parse(data=seed_graph.to_turtle(base=OTHER_BASE), format="turtle"))


@pytest.mark.parametrize(
    ("breakage", "component"),
    [
        ("modality", "InConstraintComponent"),
        ("action", "MinCountConstraintComponent"),
        ("hasActor", "EqualsConstraintComponent"),
        ("timeExpression", "OrConstraintComponent"),
        ("label", "LanguageInConstraintComponent"),
    ],
)
def test_shapes_catch_a_broken_event(handmade_rdf, breakage, component):
    broken = Graph() + handmade_rdf
    event = event_node(SENT)
    if breakage == "modality":
        broken.set((event, KG.modality, URIRef(str(KG._NS) + "allegd")))
    elif breakage == "action":
        broken.remove((event, KG.action, None))
    elif breakage == "hasActor":
        broken.remove((event, SEM.hasActor, entity_node(SOLDIERS)))
    elif breakage == "timeExpression":
        broken.remove((event, KG.timeExpression, None))
    else:
        broken.set((entity_node(RUSSIA), RDFS.label, Literal("Russia", lang="en")))

    assert component in violations(broken)


# --- deterministic --------------------------------------------------------------------------


def test_build_is_deterministic(seed_graph):
    again = kg.build_graph([SEED])

    assert again.to_turtle() == seed_graph.to_turtle()
    assert again.to_ntriples() == seed_graph.to_ntriples()
    assert again.to_jsonld() == seed_graph.to_jsonld()
    assert again.to_jsonl() == seed_graph.to_jsonl()
    assert again.to_graphml() == seed_graph.to_graphml()
    assert again.to_gexf() == seed_graph.to_gexf()


def test_merge_order_does_not_change_the_bytes():
    dated = KnowledgeGraph.from_events([DATED], [SENT, GOES])
    undated = KnowledgeGraph.from_events([UNDATED], [THANKS])

    one, other = dated.merge(undated), undated.merge(dated)

    assert one.to_turtle() == other.to_turtle()
    assert one.to_ntriples() == other.to_ntriples()
    assert one.to_jsonld() == other.to_jsonld()


def test_written_turtle_is_the_generated_turtle(seed_graph, turtle):
    assert turtle == seed_graph.to_turtle()


# --- events, time, participants -------------------------------------------------------------


def test_one_rdf_event_per_happening(seed_graph, parsed):
    assert set(parsed.subjects(RDF.type, SEM.Event)) == {event_node(h) for h in seed_graph.happenings}
    assert len(seed_graph.happenings) < len(seed_graph.events)  # the headline's « confirme » is the body's


def test_the_arms_event_in_rdf(parsed):
    found = parsed.query(
        """SELECT ?actor ?target ?recipient ?quantity WHERE {
               ?e a sem:Event ; kg:lemma "fournir" ; kg:actor ?a ; kg:target ?t ; kg:recipient ?r ;
                  kg:quantity ?quantity .
               ?a rdfs:label ?actor . ?t rdfs:label ?target . ?r rdfs:label ?recipient }""",
        initNs={"sem": SEM, "kg": KG._NS, "rdfs": RDFS},
    )

    assert [(str(r.actor), str(r.recipient)) for r in found] == [("Corée du Nord", "Russie")]
    assert all("arme" in str(r.target) and "quantité" in str(r.quantity) for r in found)


def test_seed_ce_lundi_is_the_articles_monday(parsed):
    found = parsed.query(
        """SELECT ?stamp ?begin ?end ?unit WHERE {
               ?e kg:lemma "confirmer" ; kg:timeExpression "ce lundi"@fr ; sem:hasTimeStamp ?stamp ;
                  sem:hasBeginTimeStamp ?begin ; sem:hasEndTimeStamp ?end ; sem:hasTime ?t .
               ?t a sem:Time ; rdfs:label "ce lundi"@fr ; sem:timeType ?unit }""",
        initNs={"sem": SEM, "kg": KG._NS, "rdfs": RDFS},
    )

    stamp = Literal("2025-04-28", datatype=XSD.date)
    assert [(r.stamp, r.begin, r.end, r.unit) for r in found] == [(stamp, stamp, stamp, KG.day)]


def test_a_season_has_bounds_and_no_timestamp(handmade_rdf):
    event = event_node(SENT)
    time = handmade_rdf.value(event, SEM.hasTime)

    assert handmade_rdf.value(event, KG.timeExpression) == Literal("à l'automne dernier", lang="fr")
    assert handmade_rdf.value(event, SEM.hasBeginTimeStamp) == Literal("2024-09-01", datatype=XSD.date)
    assert handmade_rdf.value(event, SEM.hasEndTimeStamp) == Literal("2024-11-30", datatype=XSD.date)
    assert handmade_rdf.value(event, SEM.hasTimeStamp) is None
    assert handmade_rdf.value(time, SEM.timeType) == KG.season
    assert (KG.season, RDF.type, SEM.TimeType) in handmade_rdf


def test_a_weekday_resolves_to_a_date(handmade_rdf):
    assert handmade_rdf.value(event_node(GOES), SEM.hasTimeStamp) == Literal("2025-04-28", datatype=XSD.date)


def test_no_article_date_no_timestamp(handmade_rdf):
    event = event_node(THANKS)
    time = handmade_rdf.value(event, SEM.hasTime)

    assert handmade_rdf.value(event, KG.timeExpression) == Literal("Ce lundi", lang="fr")
    assert handmade_rdf.value(time, RDFS.label) == Literal("Ce lundi", lang="fr")
    stamps = (SEM.hasTimeStamp, SEM.hasBeginTimeStamp, SEM.hasEndTimeStamp)
    assert [p for p in stamps if handmade_rdf.value(event, p) is not None] == []
    assert handmade_rdf.value(time, SEM.timeType) is None


def test_roles_are_written_with_their_sem_property(handmade_rdf):
    event = event_node(SENT)

    assert handmade_rdf.value(event, KG.actor) == entity_node(NORTH)
    assert set(handmade_rdf.objects(event, SEM.hasActor)) == {entity_node(NORTH), entity_node(SOLDIERS)}
    assert handmade_rdf.value(event, KG.destination) == entity_node(RUSSIA)
    assert set(handmade_rdf.objects(event, SEM.hasPlace)) == {entity_node(RUSSIA)}
    assert handmade_rdf.value(event, KG.modality) == KG.alleged
    assert handmade_rdf.value(event, KG.quantity) == Literal("3 000", lang="fr")


def test_a_mention_of_several_entities_links_them_all(handmade_rdf):
    event = event_node(SENT)
    mention = URIRef(f"{DEFAULT_BASE}mention/{SENT.id}-source")

    assert set(handmade_rdf.objects(event, KG.source)) == {entity_node(US_INTEL), entity_node(SK_INTEL)}
    assert set(handmade_rdf.objects(mention, KG.refersTo)) == {entity_node(US_INTEL), entity_node(SK_INTEL)}
    assert handmade_rdf.value(event, KG.sourceText) == Literal("les services américains et sud-coréens", lang="fr")
    assert handmade_rdf.value(mention, KG.role) == KG.source


@pytest.mark.parametrize(
    ("lemma", "key"), [("se rendre", "se%20rendre"), ("s'emparer", "s%27emparer"), ("a.", "a%2E"), ("~", "%7E")]
)
def test_action_iris_are_plain_ascii(lemma, key):
    event = Event(action=Mention("fait", 0, 4, MentionKind.VERB), lemma=lemma, doc_id=Article("fait").id)
    graph = KnowledgeGraph.from_events([Article("fait")], [event])

    assert URIRef(f"{DEFAULT_BASE}action/{key}") in set(to_rdf(graph).subjects(RDF.type, KG.Action))
    assert isomorphic(Graph().parse(data=graph.to_turtle(), format="turtle"), to_rdf(graph))


def test_source_disputed_by_and_action_resources(handmade_rdf):
    event = event_node(GOES)
    action = URIRef(f"{DEFAULT_BASE}action/se%20rendre")

    assert handmade_rdf.value(event, KG.source) == entity_node(SPOKESMAN)
    assert handmade_rdf.value(event, KG.disputedBy) == entity_node(RUSSIA)
    assert handmade_rdf.value(event, KG.action) == action
    assert handmade_rdf.value(event, SEM.eventType) == action
    assert handmade_rdf.value(event, KG.lemma) == Literal("se rendre")
    assert handmade_rdf.value(event, KG.trigger) == Literal("rendra", lang="fr")
    assert handmade_rdf.value(action, RDFS.label) == Literal("se rendre", lang="fr")
    assert {KG.Action, SEM.EventType} <= set(handmade_rdf.objects(action, RDF.type))


def test_entities_types_aliases_affiliation_sector_role_about(handmade_rdf):
    north, soldiers, spokesman = entity_node(NORTH), entity_node(SOLDIERS), entity_node(SPOKESMAN)

    assert {KG.Country, SEM.Actor, SEM.Place} <= set(handmade_rdf.objects(north, RDF.type))
    assert set(handmade_rdf.objects(north, SKOS.altLabel)) == {Literal("Pyongyang", lang="fr")}
    assert handmade_rdf.value(soldiers, KG.affiliation) == north
    assert handmade_rdf.value(entity_node(US_INTEL), KG.sector) == Literal("intelligence")
    assert handmade_rdf.value(spokesman, KG.personRole) == Literal("porte-parole", lang="fr")
    assert handmade_rdf.value(spokesman, RDFS.label) == Literal(SPOKESMAN.label, lang="fr")
    assert handmade_rdf.value(entity_node(ANNOUNCEMENT), KG.about) == north


def test_documents_carry_their_metadata(handmade_rdf):
    document = URIRef(f"{DEFAULT_BASE}document/{DATED.id}")

    assert {KG.Document, PROV.Entity, NIF.Context} <= set(handmade_rdf.objects(document, RDF.type))
    assert str(handmade_rdf.value(document, NIF.isString)) == DATED.text
    assert handmade_rdf.value(document, DCTERMS.date) == Literal("2025-04-28", datatype=XSD.date)


def test_every_event_has_provenance_and_its_sentence(seed_graph, parsed):
    texts = document_texts(seed_graph)
    events = list(parsed.subjects(RDF.type, SEM.Event))
    assert events

    for event in events:
        document = parsed.value(event, PROV.wasDerivedFrom)
        assert document in texts, event
        assert (document, RDF.type, KG.Document) in parsed
        sentence_node = parsed.value(event, KG.sentence)
        assert (sentence_node, RDF.type, NIF.Sentence) in parsed
        begin, end = number(parsed, sentence_node, NIF.beginIndex), number(parsed, sentence_node, NIF.endIndex)
        assert texts[document][begin:end] == str(parsed.value(sentence_node, NIF.isString))
        begin, end = number(parsed, event, KG.triggerBegin), number(parsed, event, KG.triggerEnd)
        assert texts[document][begin:end] == str(parsed.value(event, KG.trigger))


def test_labels_are_french(parsed):
    labels = list(parsed.objects(None, RDFS.label))
    assert labels

    assert [label for label in labels if not (isinstance(label, Literal) and label.language == "fr")] == []


@pytest.mark.parametrize("which", ["seed", "handmade"])
def test_every_mention_slices_its_article_to_its_anchor(request, which):
    graph = request.getfixturevalue("seed_graph" if which == "seed" else "handmade")
    rdf = request.getfixturevalue("parsed" if which == "seed" else "handmade_rdf")
    texts = document_texts(graph)
    mentions = list(rdf.subjects(RDF.type, KG.Mention))
    assert mentions

    for mention in mentions:
        text = texts[rdf.value(mention, NIF.referenceContext)]
        begin, end = number(rdf, mention, NIF.beginIndex), number(rdf, mention, NIF.endIndex)
        assert text[begin:end] == str(rdf.value(mention, NIF.anchorOf)), mention


# --- base IRI -------------------------------------------------------------------------------


def test_base_iri_is_honoured(seed_graph):
    text = seed_graph.to_turtle(base=OTHER_BASE)
    graph = Graph().parse(data=text, format="turtle")

    assert DEFAULT_BASE not in text
    kinds = ("document", "event", "entity", "mention", "sentence", "action", "time")
    instances = {t for t in graph.all_nodes() if isinstance(t, URIRef) and any(f"/{k}/" in t for k in kinds)}
    assert {t.split("/")[-2] for t in instances} == set(kinds)
    assert [t for t in instances if not t.startswith(OTHER_BASE)] == []
    assert set(graph.subjects(RDF.type, SEM.Event)) == {event_node(h, OTHER_BASE) for h in seed_graph.happenings}


def test_base_ending_in_a_hash(handmade):
    base = "urn:x-kg:actualites#"

    graph = Graph().parse(data=handmade.to_turtle(base=base), format="turtle")

    assert isomorphic(graph, to_rdf(handmade, base))
    assert event_node(SENT, base) in set(graph.subjects(RDF.type, SEM.Event))


@pytest.mark.parametrize(
    "base", ["pas une IRI/", "http://example.org/a b/", "http://example.org/<x>/", "http://example.org/actu"]
)
def test_a_bad_base_says_what_to_give(handmade, base):
    with pytest.raises(ValueError, match="absolute IRI ending in / or #"):
        handmade.to_turtle(base=base)


def test_write_turtle_with_base(seed_graph, tmp_path):
    path = tmp_path / "sous-dossier" / "graph.ttl"

    seed_graph.write_turtle(path, base=OTHER_BASE)

    assert path.read_text(encoding="utf-8") == seed_graph.to_turtle(base=OTHER_BASE)


# --- awkward text round-trips -----------------------------------------------------------------

LABELS = st.text(min_size=1, max_size=30).filter(lambda s: s.strip())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(label=LABELS, alias=LABELS, lemma=LABELS, quantity=LABELS)
def test_any_text_round_trips_in_every_syntax(label, alias, lemma, quantity):
    text = f"X a fait Y. {quantity}"
    entity = Entity("x", label, EntityType.PERSON, aliases=(alias,))
    event = Event(
        action=Mention("fait", 2, 6, MentionKind.VERB),
        lemma=lemma,
        actor=Mention("X", 0, 1).resolved(entity),
        quantity=Mention(quantity, 12, 12 + len(quantity), MentionKind.QUANTITY),
        doc_id=Article(text).id,
    )
    graph = KnowledgeGraph.from_events([Article(text)], [event])
    expected = to_rdf(graph)

    assert isomorphic(Graph().parse(data=graph.to_turtle(), format="turtle"), expected)
    assert isomorphic(Graph().parse(data=graph.to_ntriples(), format="nt"), expected)
    assert isomorphic(Graph().parse(data=graph.to_jsonld(), format="json-ld"), expected)
    store = ox.Store()
    store.load(graph.to_turtle().encode("utf-8"), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(expected)
    assert_conforms(expected)


# --- GraphML and GEXF -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["graphml", "gexf"])
def test_entity_graph_round_trips(seed_graph, seed_files, kind):
    read = nx.read_graphml if kind == "graphml" else nx.read_gexf
    expected = network.entity_network(seed_graph)

    found = read(seed_files[kind])

    assert nx.is_isomorphic(found, expected)
    assert expected.number_of_edges() > 0
    assert {n: d["label"] for n, d in found.nodes(data=True)} == {n: d["label"] for n, d in expected.nodes(data=True)}
    assert all(isinstance(v, (str, int, float, bool)) for _, d in found.nodes(data=True) for v in d.values())


def test_graphml_keeps_aliases_and_event_attributes(handmade):
    graph = nx.read_graphml(io.StringIO(handmade.to_graphml()), force_multigraph=True)

    assert graph.nodes["coree-du-nord"]["aliases"] == "Corée du Nord; Pyongyang"
    edges = {(u, v): data for u, v, data in graph.edges(data=True)}
    assert edges["coree-du-nord", "soldats-coree-du-nord"]["modality"] == "alleged"
    assert edges["russie", "coree-du-nord"]["label"] == "remercier"
    assert edges["russie", "coree-du-nord"]["begin_index"] == THANKS.action.start


def test_gexf_has_no_date_of_writing_and_no_time_spells(handmade):
    gexf = handmade.to_gexf()

    assert "lastmodifieddate" not in gexf
    assert 'mode="static"' in gexf and "start=" not in gexf


# --- files and the command line ---------------------------------------------------------------


def test_write_all_writes_the_formats_asked_for(handmade, tmp_path):
    written = handmade.write_all(tmp_path, formats=["nt", "gexf", "nt"])

    assert sorted(p.name for p in tmp_path.iterdir()) == ["entities.gexf", "graph.nt"]
    assert list(written) == ["ntriples", "gexf"]


def test_write_all_refuses_an_unknown_format(handmade, tmp_path):
    with pytest.raises(ValueError, match="unknown export format rdfxml"):
        handmade.write_all(tmp_path, formats=["ttl", "rdfxml"])

    assert list(tmp_path.iterdir()) == []


def kg_command(*args, cwd):
    env = {**os.environ, "PYTHONUTF8": "1"}
    command = [sys.executable, "-m", "kg", *map(str, args)]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=300, check=False)


def test_build_format_option(tmp_path):
    done = kg_command("build", SEED, "-o", tmp_path / "out", "--format", "ttl, nt,jsonld,graphml,gexf", cwd=ROOT)

    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["entities.gexf", "entities.graphml", "graph.jsonld", "graph.nt", "graph.ttl", "report.json"]
    assert str(tmp_path / "out" / "graph.nt") in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--format", "ttl,rdfxml"], "rdfxml"), (["--base", "pas une IRI"], "absolute IRI")],
)
def test_build_refuses_bad_options_before_building(tmp_path, args, message):
    done = kg_command("build", SEED, "-o", tmp_path / "out", *args, cwd=ROOT)

    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


# --- JSON Lines -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def records(seed_exports) -> list[dict]:
    lines = seed_exports["events"].read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_jsonl_is_one_object_per_event(seed_graph, seed_exports, records):
    raw = seed_exports["events"].read_text(encoding="utf-8")

    assert raw.endswith("\n")
    assert all(isinstance(r, dict) for r in records)
    assert [r["id"] for r in records] == [e.id for e in seed_graph.events]


def test_jsonl_offsets_slice_the_article(seed_text, records):
    assert records
    for record in records:
        spans = [record["action"], record["sentence"], *record["roles"].values()]
        for one in spans:
            assert seed_text[one["start"] : one["end"]] == one["text"], (record["lemma"], one)


def test_jsonl_record_of_the_arms_event(records):
    (arms,) = [r for r in records if r["lemma"] == "fournir"]

    assert arms["roles"]["actor"]["entity"]["label"] == "Corée du Nord"
    assert arms["roles"]["target"]["text"] == "armes"
    assert "quantité" in arms["roles"]["quantity"]["text"]
    assert "la Corée du Nord a fourni" in arms["sentence"]["text"]
    assert arms["modality"] == "asserted"
