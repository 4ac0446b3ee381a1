"""The vocabulary: one DefinedNamespace in code, the same terms in kg/ontology.ttl with French and
English labels and comments, SHACL shapes that speak of those terms only."""

from __future__ import annotations

import subprocess

import pytest
from conftest import require_tool
from rdflib import OWL, Graph, Literal, URIRef

from kg.export import rdf
from kg.model import ROLES, EntityType, Modality
from kg.timex import Unit
from kg.vocab import KG, ONTOLOGY, RDF, RDFS, SEM, SHAPES

NS = str(KG._NS)
TERMS = {URIRef(NS + name) for name in KG.__annotations__ if not name.startswith("_")}
ONTOLOGY_IRI = URIRef("https://w3id.org/kg-fr/ontology")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def ours(graph: Graph) -> set[URIRef]:
    return {t for t in graph.all_nodes() if isinstance(t, URIRef) and t.startswith(NS)}


def test_a_misspelt_term_raises():
    with pytest.raises(AttributeError):
        KG.actr  # noqa: B018


def test_the_files_ship_inside_the_package():
    assert ONTOLOGY.is_file() and SHAPES.is_file()
    assert ONTOLOGY.parent.name == SHAPES.parent.name == "kg"


def test_every_term_of_the_namespace_is_in_the_ontology_and_back(ontology):
    defined = {s for s in ontology.subjects(RDFS.isDefinedBy, ONTOLOGY_IRI)}

    assert TERMS - defined == set(), "in kg.vocab.KG, not defined in kg/ontology.ttl"
    assert ours(ontology) - TERMS == set(), "in kg/ontology.ttl, not in kg.vocab.KG"


@pytest.mark.parametrize("term", sorted(TERMS), ids=lambda t: t.removeprefix(NS))
def test_every_term_has_french_and_english_labels_and_comments(ontology, term):
    for prop in (RDFS.label, RDFS.comment):
        languages = sorted(o.language for o in ontology.objects(term, prop) if isinstance(o, Literal))
        assert languages == ["en", "fr"], (term, prop)


def test_every_term_is_a_class_a_property_or_an_individual(ontology):
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, KG.Modality, SEM.TimeType}

    assert [t for t in TERMS if not set(ontology.objects(t, RDF.type)) & kinds] == []


def test_the_ontology_declares_itself(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert {o.language for o in ontology.objects(ONTOLOGY_IRI, URIRef("http://purl.org/dc/terms/title"))} == {
        "fr",
        "en",
    }


def test_the_model_and_the_ontology_agree(ontology):
    assert set(ontology.subjects(RDF.type, KG.Modality)) == {KG[m.value] for m in Modality}
    assert set(ontology.subjects(RDF.type, SEM.TimeType)) == {KG[u.value] for u in Unit}
    assert {KG[t.value] for t in EntityType} <= set(ontology.subjects(RDF.type, OWL.Class))


@pytest.mark.parametrize(
    ("role", "super_property"),
    [
        ("actor", SEM.hasActor),
        ("target", SEM.hasActor),
        ("recipient", SEM.hasActor),
        ("destination", SEM.hasPlace),
        ("place", SEM.hasPlace),
        ("action", SEM.eventType),
    ],
)
def test_roles_specialise_sem(ontology, role, super_property):
    assert (KG[role], RDFS.subPropertyOf, super_property) in ontology


def test_the_export_writes_each_role_with_the_sem_property_the_ontology_gives(ontology):
    for ours_, sem in rdf._PARTICIPANTS.values():
        assert (URIRef(ours_), RDFS.subPropertyOf, URIRef(sem)) in ontology


def test_every_role_of_the_model_has_its_property():
    assert set(rdf._ROLE_PROPERTIES) == set(ROLES)
    assert {URIRef(p) for p in rdf._ROLE_PROPERTIES.values()} <= TERMS


def test_the_export_labels_individuals_as_the_ontology_does(ontology):
    for node, label in [*rdf._MODALITIES.values(), *rdf._UNITS.values()]:
        assert Literal(label, lang="fr") in set(ontology.objects(URIRef(node), RDFS.label)), node


def test_every_entity_class_is_aligned(ontology):
    for entity_type in EntityType:
        parents = set(ontology.objects(KG[entity_type.value], RDFS.subClassOf))
        assert parents & {SEM.Actor, SEM.Place}, entity_type
        assert {URIRef(c) for c in rdf._TYPES[entity_type][1:]} <= parents, entity_type


def test_the_shapes_speak_only_of_defined_terms(shapes):
    assert ours(shapes) - TERMS == set()


def test_the_seed_export_uses_only_defined_terms(seed_exports):
    export = Graph().parse(seed_exports["turtle"], format="turtle")

    assert ours(export) - TERMS == set()


@pytest.mark.parametrize("path", [ONTOLOGY, SHAPES], ids=["ontology", "shapes"])
def test_passes_rapper(path):
    done = subprocess.run(
        [require_tool("rapper"), "-i", "turtle", "-c", str(path)], capture_output=True, text=True, check=False
    )

    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr and "Warning" not in done.stderr, done.stderr
