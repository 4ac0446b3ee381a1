"""Entity resolution: cases as data (cases/resolution.json), properties, the seed's nodes, and a
merge across articles."""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kg
from kg.data import rows
from kg.model import Entity, EntityType, Event, Mention, MentionKind
from kg.resolve import ArticleResolver, normalise, slug, unify_things
from kg.resolve.gazetteer import _demonym_forms, gazetteer
from kg.resolve.pronouns import Layout, impersonal_il, neuter_le, quotations
from kg.text import fold_name

# resolution.json: one mention → its entity; merges.json: the merges inside an article that the
# text states (apposition, acronyms, descriptors, other names, surnames) and the named spans
# that are entities without an event; types.json: the type a reader gives a mention
CASES = [
    case
    for name in ("resolution.json", "merges.json", "types.json")
    for case in json.loads((Path(__file__).parent / "cases" / name).read_text(encoding="utf-8"))
]


def _params():
    for case in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
        yield pytest.param(case, id=case["comment"][:60], marks=marks)


def _with_article_ids(value, ids: list[str]):
    """``value`` with « {0} » in its strings replaced by article 0's id: an article's own thing is
    written « thing-loi-{0} », its words and its article."""
    if isinstance(value, str):
        return re.sub(r"\{(\d+)\}", lambda m: ids[int(m.group(1))], value)
    if isinstance(value, list):
        return [_with_article_ids(v, ids) for v in value]
    if isinstance(value, dict):
        return {k: _with_article_ids(v, ids) for k, v in value.items()}
    return value


@pytest.mark.parametrize("case", list(_params()))
def test_case(case: dict) -> None:
    articles = [kg.Article(text=t) for t in case["articles"]]
    graph = kg.build_graph(articles)
    case = _with_article_ids(case, [a.id for a in articles])
    for want in case.get("entities", []):
        entity = graph.entities.get(want["id"])
        assert entity is not None, f"no entity {want['id']}; have {sorted(graph.entities)}"
        assert entity.type.value == want["type"]
        for key in ("role", "affiliation", "sector"):
            if key in want:
                assert getattr(entity, key) == want[key], (key, entity)
        for alias in want.get("aliases", []):
            assert alias in entity.aliases, (alias, entity.aliases)
    for want in case.get("about", []):
        assert sorted(e.id for e in graph.entities[want["id"]].about) == sorted(want["about"])
    for want in case.get("bodies", []):
        # a body named without a country: one Group (an Organization for an institution) per article
        bodies = [e for e in graph.entities.values() if e.label == want["label"]]
        assert len(bodies) == want["count"], [(e.id, e.aliases) for e in bodies]
        kind = EntityType(want.get("type", "Group"))
        assert all(e.type is kind and e.sector == want["sector"] for e in bodies), bodies
    # an unwanted « thing-lieu » is no « thing-lieu-{article} » either
    unscoped = {re.sub(r"-[0-9a-f]{16}(?:-\d+)?$", "", key) for key in graph.entities if key.startswith("thing-")}
    for unwanted in case.get("absent", []):
        assert unwanted not in graph.entities and unwanted not in unscoped, sorted(graph.entities)
    for want in case.get("absent_aliases", []):
        assert want["alias"] not in graph.entities[want["id"]].aliases, graph.entities[want["id"]]
    for texts in case.get("same", []):
        # the mentions written so are one entity, whichever mention (event role or name) holds them
        owners = {text: {e.id for e in graph.entities.values() if text in e.aliases} for text in texts}
        assert all(owners.values()), owners
        assert set.intersection(*owners.values()), owners
    for one, other in case.get("apart", []):
        # [article, text] of two mentions that are two referents: no entity in common
        assert not _entities_of(graph, articles, *one) & _entities_of(graph, articles, *other), (one, other)
    for text in case.get("named", []):
        found = [n for n in graph.names if n.mention.text == text]
        assert found and all(n.mention.entity is not None and n.sentence is not None for n in found), text
    for want in case.get("mentions", []):
        mentions = [getattr(e, want["role"]) for e in graph.events if e.lemma == want["lemma"]]
        mentions = [m for m in mentions if m is not None and m.text == want["text"]]
        assert mentions, f"no {want['role']} {want['text']!r} of {want['lemma']}"
        assert {m.entity.id if m.entity else None for m in mentions} == {want["id"]}


def _entities_of(graph: kg.KnowledgeGraph, articles: list[kg.Article], index: int, text: str) -> set[str]:
    """The ids of the entities the mentions written ``text`` in article ``index`` name (there must be some)."""
    doc_id = articles[index].id
    mentions = [m for e in graph.events if e.doc_id == doc_id for m in e.roles().values() if m.text == text]
    mentions += [n.mention for n in graph.names if n.doc_id == doc_id and n.mention.text == text]
    found = {x.id for m in mentions for x in m.all_entities()}
    assert found, f"no entity for {text!r} in article {index}"
    return found


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=c["comment"][:60]) for c in CASES if len(c["articles"]) > 1 and "xfail" not in c]
)
def test_articles_in_any_order_give_the_same_entities(case: dict) -> None:
    forward = kg.build_graph([kg.Article(text=t) for t in case["articles"]])
    backward = kg.build_graph([kg.Article(text=t) for t in reversed(case["articles"])])
    assert forward.entities == backward.entities


def _seen(doc: str, entity: Entity, start: int) -> Event:
    m = Mention(text=entity.label, start=start, end=start + len(entity.label), kind=MentionKind.NAME)
    return Event(
        action=Mention(text="v", start=0, end=1, kind=MentionKind.VERB),
        lemma="voir",
        target=m.resolved(entity),
        doc_id=doc,
    )


def test_unify_things_does_not_depend_on_the_order_of_articles() -> None:
    """The tagger may call a name an organisation in one article and not in another: whichever
    comes first, the same nodes come out."""
    events = [
        _seen("a", Entity(id="internet", label="Internet", type=EntityType.ORGANIZATION), 5),
        _seen("b", Entity(id="internet", label="Internet", type=EntityType.THING), 5),
        _seen("c", Entity(id="thing-internet", label="internet", type=EntityType.THING), 5),
        _seen("d", Entity(id="thing-internet", label="internets", type=EntityType.THING), 9),
    ]
    outcomes = {
        tuple(
            sorted(
                (e.doc_id, e.target.entity.id, e.target.entity.label, e.target.entity.type) for e in unify_things(order)
            )
        )
        for order in itertools.permutations(events)
    }
    assert len(outcomes) == 1


@given(st.text(max_size=60))
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@given(st.text(max_size=60))
def test_slug_is_ascii_and_stable(text: str) -> None:
    s = slug(text)
    assert s == slug(text) and s.isascii() and " " not in s


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("la Corée du Nord", "Corée du Nord"),
        ("L’armée  sud-coréenne", "armée sud-coréenne"),
        ("les États-Unis", "États-Unis"),
        ("des troupes", "troupes"),
        ("Unesco", "Unesco"),
        ("Lesotho", "Lesotho"),
        ("« la RPDC »", "RPDC"),
    ],
)
def test_normalise_strips_determiners_quotes_and_spacing(surface: str, name: str) -> None:
    assert normalise(surface) == name


SEED_NODES = {
    "coree-du-nord": EntityType.COUNTRY,
    "russie": EntityType.COUNTRY,
    "ukraine": EntityType.COUNTRY,
    "coree-du-sud": EntityType.COUNTRY,
    "etats-unis": EntityType.COUNTRY,
    "koursk": EntityType.PLACE,
    "vladimir-poutine": EntityType.PERSON,
    "donald-trump": EntityType.PERSON,
}
SEED_GROUPS = {  # group → its country
    "force-ukraine": "ukraine",
    "autorite-ukraine": "ukraine",
    "armee-coree-du-sud": "coree-du-sud",
    "soldat-coree-du-nord": "coree-du-nord",
    "service-etats-unis": "etats-unis",
    "service-coree-du-sud": "coree-du-sud",
    "service-ukraine": "ukraine",
}


def test_no_descriptor_noun_is_a_people_noun() -> None:
    """« le navigateur Bertrand de Broc » is a sailor: a noun that types the name after it as a
    thing or a place (descriptor_nouns.tsv) must not also name people (sectors.tsv, titles.tsv)."""
    descriptors = {row[0] for row in rows("lexicon/descriptor_nouns.tsv")}
    people = {row[0] for row in rows("sectors.tsv")} | {row[0] for row in rows("titles.tsv")}
    assert descriptors & people == set()


def test_every_demonym_names_a_known_country() -> None:
    countries = gazetteer().countries
    assert [row for row in rows("demonyms.tsv") if row[1] not in countries] == []


def test_no_demonym_form_names_two_countries() -> None:
    """Nor another country than its own: « grec » derived as « grece » would be the Grèce of
    the name table; « philippines » is the Philippines both ways."""
    gaz = gazetteer()
    owners: dict[str, set[str]] = {}
    for base, iso, *listed in rows("demonyms.tsv"):
        for form in _demonym_forms(base, *listed):
            owners.setdefault(fold_name(form), set()).add(iso)
    assert {form: isos for form, isos in owners.items() if len(isos) > 1} == {}
    named = {form: (iso, gaz.names[form][0]) for form, (iso,) in owners.items() if form in gaz.names}
    assert {form: pair for form, pair in named.items() if pair[0] != pair[1]} == {}


@pytest.mark.parametrize(
    ("form", "iso"),
    [("grecque", "GR"), ("turques", "TR"), ("ivoirienne", "CI"), ("béninoises", "BJ"), ("béninois", "BJ"),
     ("malgaches", "MG"), ("belges", "BE"), ("andorrane", "AD"), ("monégasque", "MC"), ("israélienne", "IL"),
     ("koweïtiens", "KW"), ("qataries", "QA"), ("émiraties", "AE"), ("émirienne", "AE"), ("saoudienne", "SA"),
     ("suisses", "CH"), ("ouzbèke", "UZ"), ("kirghizes", "KG"), ("burkinabés", "BF"), ("ghanéenne", "GH"),
     ("maliennes", "ML"), ("lettonne", "LV"), ("Congolais", "CD"), ("guinéennes", "GN"), ("néo-zélandaise", "NZ")],
)  # fmt: skip
def test_demonym_feminine_and_plural_forms(form: str, iso: str) -> None:
    country = gazetteer().demonym(form)
    assert country is not None and country.iso == iso, form


@pytest.mark.parametrize("word", ["grece", "grecqu", "turce", "kirghizs", "Vatican", "malais", "thaï"])
def test_words_that_are_no_demonym(word: str) -> None:
    assert gazetteer().demonym(word) is None


def test_seed_nodes(seed_graph) -> None:
    for entity_id, kind in SEED_NODES.items():
        assert seed_graph.entities[entity_id].type is kind
        assert seed_graph.graph.nodes[entity_id]["kind"] == "entity"
    for group, country in SEED_GROUPS.items():
        assert seed_graph.entities[group].type is EntityType.GROUP
        assert seed_graph.entities[group].affiliation == country
    aliases = set(seed_graph.entities["coree-du-nord"].aliases)
    assert {"Pyongyang", "le pays"} <= aliases


def test_seed_has_no_node_for_pronouns_dates_or_numbers(seed_graph) -> None:
    bad = {"il", "elle", "lui", "leur", "qui", "ce", "lundi", "mars", "samedi", "ndlr", "si", "conflit-russo"}
    ids = {i.removeprefix("thing-") for i in seed_graph.entities}
    assert not ids & bad
    assert not any(i.removeprefix("thing-").replace("-", "").isdigit() for i in seed_graph.entities)


def test_same_entity_in_two_articles_is_one_node_whatever_the_order() -> None:
    a = kg.Article(text="La Corée du Nord a envoyé des soldats en Russie.", title="a")
    b = kg.Article(
        text="Pyongyang a livré des obus à Moscou. Le président russe Vladimir Poutine a remercié Pyongyang."
    )
    ab, ba = kg.build_graph([a, b]), kg.build_graph([b, a])
    assert ab.entities == ba.entities
    assert [e.id for e in ab.events] == [e.id for e in ba.events]
    north_korea = ab.entities["coree-du-nord"]
    assert {"La Corée du Nord", "Pyongyang"} <= set(north_korea.aliases)
    docs = {
        e.doc_id
        for e in ab.events
        if any(x.id == "coree-du-nord" for m in e.roles().values() for x in m.all_entities())
    }
    assert docs == {a.id, b.id}


# --- pronouns: the rules on hand-built mentions, no model (kg/resolve/pronouns.py) -----------


def _mention(text: str, word: str, kind: MentionKind = MentionKind.PRONOUN, **structure) -> Mention:
    start = text.index(word)
    return Mention(word, start, start + len(word), kind, **structure)


def _resolver(text: str) -> ArticleResolver:
    return ArticleResolver(layout=Layout.of(text), text=text)


def test_quotations_are_closed_by_their_mark_or_their_paragraph() -> None:
    text = 'Il a dit : « non, « jamais » ». Puis "oui".\n« Un autre'
    assert quotations(text) == [(11, 30), (37, 42), (44, 54)]


def test_a_pronoun_reaches_two_sentences_back_in_its_paragraph_and_quotation() -> None:
    text = "Un. Deux. Trois. Quatre « cinq six ». Sept.\nHuit."
    layout = Layout.of(text)
    assert layout.reaches(text.index("Trois"), text.index("Un"))
    assert not layout.reaches(text.index("Quatre"), text.index("Un"))
    assert not layout.reaches(text.index("six"), text.index("Trois"))  # inside a quotation
    assert layout.reaches(text.index("six"), text.index("cinq"))
    assert not layout.reaches(text.index("Huit"), text.index("Sept"))  # a paragraph break


def test_the_quotation_of_a_position_is_found_among_many() -> None:
    text = " ".join(f"Il dit « mot {k} » puis rien." for k in range(2_000))
    layout = Layout.of(text)
    for k in (0, 1, 999, 1_999):
        inside, outside = text.index(f"mot {k} "), text.index("puis", text.index(f"mot {k} "))
        assert layout.quote(inside) == next(q for q in quotations(text) if q[0] < inside < q[1])
        assert layout.quote(outside) is None
    assert layout.quote(0) is None and layout.quote(len(text)) is None
    first = quotations(text)[0]
    assert layout.quote(first[0]) is None and layout.quote(first[1]) is None  # its marks are outside it


@pytest.mark.parametrize(
    ("after", "lemma", "impersonal"),
    [
        (" faut des moyens", "falloir", True),
        (" existe cinq symboles", "exister", True),
        (" y a des doutes", "avoir", True),
        (" n'y a pas de doute", "ne", True),
        (" s'agit du typhon", "agir", True),
        (" serait bien de trouver un follicule", "trouver", True),
        (" est important que tous votent", "voter", True),
        (" a signé le contrat", "signer", False),
        (" poursuit sa route", "poursuivre", False),
    ],
)
def test_impersonal_il(after: str, lemma: str, impersonal: bool) -> None:
    assert impersonal_il(after, lemma) is impersonal


def test_neuter_le_of_a_verb_of_saying_or_doing() -> None:
    assert neuter_le("l'", "annoncer") and neuter_le("le", "réaliser") and neuter_le("le", "savoir")
    assert not neuter_le("la", "annoncer") and not neuter_le("l'", "extrader")


PERSON = Entity(id="ana-pastor", label="Ana Pastor", type=EntityType.PERSON)
COUNTRY = Entity(id="egypte", label="Égypte", type=EntityType.COUNTRY)
COMPANY = Entity(id="samsung", label="Samsung", type=EntityType.ORGANIZATION)
FILM = Entity(id="thing-film", label="film", type=EntityType.THING)


def test_a_subject_pronoun_takes_the_subject_before_it() -> None:
    text = "Ana Pastor est partie. Elle a parlé."
    resolver = _resolver(text)
    resolver.remember(_mention(text, "Ana Pastor", MentionKind.NAME), (PERSON,), "actor")
    assert resolver.resolve(_mention(text, "Elle"), "actor", lemma="parler") == (replace(PERSON, aliases=()),)


def test_a_pronoun_in_a_quotation_takes_nothing_from_outside_it() -> None:
    text = "Ana Pastor a dit : « Elle a parlé »."
    resolver = _resolver(text)
    resolver.remember(_mention(text, "Ana Pastor", MentionKind.NAME), (PERSON,), "actor")
    assert resolver.resolve(_mention(text, "Elle"), "actor", lemma="parler") == ()


def test_a_mind_says_and_thinks_a_country_does_not() -> None:
    text = "L'Égypte a voté. Elle explique son choix."
    resolver = _resolver(text)
    resolver.remember(_mention(text, "L'Égypte", MentionKind.NAME, gender="Fem", number="Sing"), (COUNTRY,), "actor")
    assert resolver.resolve(_mention(text, "Elle"), "actor", lemma="expliquer") == ()
    assert resolver.resolve(_mention(text, "Elle"), "actor", lemma="voter") == (replace(COUNTRY, aliases=()),)


def test_a_plural_pronoun_never_stands_for_one_company() -> None:
    text = "Samsung a perdu. Ils ont fait appel."
    resolver = _resolver(text)
    resolver.remember(_mention(text, "Samsung", MentionKind.NAME, number="Sing"), (COMPANY,), "actor")
    assert resolver.resolve(_mention(text, "Ils"), "actor", lemma="faire") == ()


def test_a_pronoun_whose_nearest_referent_is_a_thing_stays_unresolved() -> None:
    """« Le film est sorti en Égypte. Il a battu un record »: il is the film, not the country."""
    text = "Le film est sorti en Égypte. Il a battu un record."
    resolver = _resolver(text)
    resolver.remember(_mention(text, "Le film", MentionKind.NOUN, gender="Masc", number="Sing"), (FILM,), "actor")
    resolver.remember(_mention(text, "Égypte", MentionKind.NAME), (COUNTRY,), "place")
    assert resolver.resolve(_mention(text, "Il"), "actor", lemma="battre") == ()


def test_a_neuter_le_and_an_impersonal_il_resolve_to_nothing() -> None:
    text = "Ana Pastor est partie. Il faut le savoir."
    resolver = _resolver(text)
    resolver.remember(_mention(text, "Ana Pastor", MentionKind.NAME), (PERSON,), "actor")
    assert resolver.resolve(_mention(text, "Il"), "actor", lemma="falloir") == ()
    assert resolver.resolve(_mention(text, "le"), "target", lemma="savoir") == ()
