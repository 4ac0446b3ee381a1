"""The vocabulary: one DefinedNamespace in code, the same terms in kg/ontology.ttl with French and
English labels and comments, SHACL shapes that speak of those terms only."""

from __future__ import annotations

import subprocess

import pytest
from conftest import require_tool
from rdflib import OWL, SH, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from kg.export import rdf
from kg.model import ROLE_TABLE, ROLES, EntityType, Modality
from kg.timex import Unit
from kg.vocab import KG, ONTOLOGY, RDF, RDFS, SEM, SHAPES

NS = str(KG._NS)
TERMS = {URIRef(NS + name) for name in KG.__annotations__ if not name.startswith("_")}
ONTOLOGY_IRI = URIRef("https://w3id.org/kg-fr/ontology")
KGSH = Namespace("https://w3id.org/kg-fr/shapes#")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def ours(graph: Graph) -> set[URIRef]:
    return {t for t in graph.all_nodes() if isinstance(t, URIRef) and t.startswith(NS)}


def domains(ontology: Graph, prop: URIRef) -> set[URIRef]:
    """The classes of ``prop``'s domain, those of an owl:unionOf one by one."""
    found = set()
    for domain in ontology.objects(prop, RDFS.domain):
        union = ontology.value(domain, OWL.unionOf)
        found |= set(Collection(ontology, union)) if union is not None else {domain}
    return found


def test_what_an_event_and_its_reports_share_has_both_as_domain(ontology):
    for name in ("trigger", "triggerBegin", "triggerEnd", "modality", "sourceText", "sentence", "mention"):
        assert domains(ontology, KG[name]) == {SEM.Event, KG.Report}, name
    assert domains(ontology, KG.report) == {SEM.Event}


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


def test_the_trigger_specialises_sem(ontology):
    assert (KG.action, RDFS.subPropertyOf, SEM.eventType) in ontology


@pytest.mark.parametrize("role", ROLE_TABLE, ids=lambda r: r.name)
def test_the_ontology_defines_each_role_as_the_role_table_says(ontology, role):
    prop = KG[role.property]
    kind = OWL.ObjectProperty if role.entity else OWL.DatatypeProperty

    assert kind in set(ontology.objects(prop, RDF.type)), f"kg:{role.property} should be a {kind}"
    assert domains(ontology, prop) == ({SEM.Event, KG.Report} if role.report else {SEM.Event})
    assert set(ontology.objects(prop, RDFS.subPropertyOf)) == ({SEM[role.sem]} if role.sem else set())
    if role.text_property:
        assert OWL.DatatypeProperty in set(ontology.objects(KG[role.text_property], RDF.type))


def test_every_sem_participant_property_of_the_ontology_is_a_role_of_the_table(ontology):
    participants = {s for sem in (SEM.hasActor, SEM.hasPlace) for s in ontology.subjects(RDFS.subPropertyOf, sem)}

    assert participants == {KG[r.property] for r in ROLE_TABLE if r.sem}


def _property_shapes(shapes: Graph, shape: URIRef) -> dict:
    """{path: property shape} of a node shape; an alternative path is keyed by its tuple of paths."""
    found = {}
    for ps in shapes.objects(shape, SH.property):
        path = shapes.value(ps, SH.path)
        alternatives = shapes.value(path, SH.alternativePath)
        found[tuple(Collection(shapes, alternatives)) if alternatives is not None else path] = ps
    return found


def test_the_event_shape_has_each_role_of_the_table(shapes):
    found = _property_shapes(shapes, KGSH.EventShape)

    for role in ROLE_TABLE:
        ps = found.get(KG[role.property])
        assert ps is not None, f"kgsh:EventShape has no property shape for kg:{role.property}"
        if role.entity:
            assert (ps, SH.node, KGSH.EntityShape) in shapes, role.name
        else:
            assert (ps, SH.datatype, RDF.langString) in shapes, role.name
        if role.text_property:
            assert KG[role.text_property] in found, role.text_property


def test_the_event_shape_writes_each_sem_group_of_the_table(shapes):
    found = _property_shapes(shapes, KGSH.EventShape)
    groups = {
        sem: tuple(KG[r.property] for r in ROLE_TABLE if r.sem == sem) for sem in {r.sem for r in ROLE_TABLE if r.sem}
    }

    for sem, properties in groups.items():
        ps = found.get(properties)
        assert ps is not None, f"no alternative path {properties} in kgsh:EventShape"
        assert (ps, SH.equals, SEM[sem]) in shapes


def test_a_mention_fills_exactly_the_roles_of_the_table(shapes):
    ps = _property_shapes(shapes, KGSH.MentionShape)[KG.role]

    assert set(Collection(shapes, shapes.value(ps, SH["in"]))) == {KG[r.property] for r in ROLE_TABLE}


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
