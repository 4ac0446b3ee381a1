"""Mentions carry structure (agreement, determiner, « de » complements with offsets, locution),
decided once by extraction on the parse and read as such by resolution: no string re-parsing.
Built on hand-made spaCy Docs and hand-made Mentions: no model is loaded."""

from __future__ import annotations

import pytest
from test_rules import parse

from kg.extract.mentions import noun_mention
from kg.model import Entity, EntityType, Event, Mention, MentionKind
from kg.resolve import ArticleResolver, resolve_events

FORCES = parse(
    """
    les     le      DET   2  det   Definite=Def|Number=Plur      O
    forces  force   NOUN  0  ROOT  Gender=Fem|Number=Plur        O
    de      de      ADP   5  case  _                             O
    la      le      DET   5  det   Definite=Def|Gender=Fem|Number=Sing O
    Corée   Corée   PROPN 2  nmod  _                             B-LOC
    du      de      ADP   7  case  _                             I-LOC
    Sud     Sud     PROPN 5  nmod  _                             I-LOC
"""
)


def test_a_noun_phrase_carries_agreement_and_determiner():
    mention = noun_mention(FORCES[1], offset=100)

    assert (mention.text, mention.start) == ("les forces de la Corée du Sud", 100)
    assert (mention.gender, mention.number, mention.determiner) == ("Fem", "Plur", "les")


def test_de_complements_are_mentions_with_offsets_at_any_depth():
    text = FORCES.text
    mention = noun_mention(FORCES[1], offset=0)

    (country,) = mention.complements
    assert (country.text, country.case, country.determiner) == ("la Corée du Sud", "de", "la")
    assert text[country.start : country.end] == country.text
    (south,) = country.complements
    assert (south.text, south.case) == ("Sud", "du")
    assert text[south.start : south.end] == "Sud"
    assert mention.before_complements() == "les forces"


def test_an_ambiguous_gender_is_unknown():
    doc = parse(
        """
        les     le      DET   2  det   Number=Plur                   O
        membres membre  NOUN  0  ROOT  Gender=Fem,Masc|Number=Plur   O
    """
    )

    assert (noun_mention(doc[1], 0).gender, noun_mention(doc[1], 0).number) == (None, "Plur")


def test_the_noun_of_a_locution_is_marked_and_keeps_no_complement():
    doc = parse(
        """
        Ils     il      PRON  2  nsubj Number=Plur                   O
        font    faire   VERB  0  ROOT  _                             O
        état    état    NOUN  2  obj   Gender=Masc                   O
        d'      de      ADP   5  case  _                             O
        abus    abus    NOUN  3  nmod  _                             O
    """
    )

    mention = noun_mention(doc[2], 0)

    assert (mention.text, mention.locution, mention.complements) == ("état", True, ())


# --- resolution reads the structure ---------------------------------------------------------


def at(text: str, part: str, kind: MentionKind = MentionKind.NOUN, **structure) -> Mention:
    start = text.index(part)
    return Mention(part, start, start + len(part), kind, **structure)


def test_a_group_takes_its_country_from_its_complement():
    text = "les forces de la Corée du Sud"
    mention = at(text, text, head="force", determiner="les",
                 complements=(at(text, "la Corée du Sud", MentionKind.NAME, case="de"),))  # fmt: skip

    (group,) = ArticleResolver().resolve(mention, "actor")

    assert (group.type, group.affiliation, group.sector) == (EntityType.GROUP, "coree-du-sud", "military")


def test_a_thing_is_about_the_actors_of_its_complements_at_any_depth():
    text = "l'héroïsme des forces spéciales de la RPDC"
    korea = at(text, "la RPDC", MentionKind.NAME, case="de")
    forces = at(text, "forces spéciales de la RPDC", head="force", case="des", complements=(korea,))
    mention = at(text, text, head="héroïsme", determiner="l'", complements=(forces,))

    (thing,) = ArticleResolver().resolve(mention, "target")

    assert [(e.id, e.aliases) for e in thing.about] == [
        ("force-coree-du-nord", ("forces spéciales de la RPDC",)),
        ("coree-du-nord", ("la RPDC",)),
    ]


def test_a_title_with_a_complement_is_a_description_not_a_person():
    text = "le maire de New York"
    mention = at(text, text, MentionKind.NOUN, head="maire", determiner="le",
                 complements=(at(text, "New York", MentionKind.NAME, case="de"),))  # fmt: skip

    found = ArticleResolver().resolve(mention, "actor")

    assert all(e.type is not EntityType.PERSON for e in found)


def test_a_name_with_a_stray_complement_is_still_the_country():
    text = "l'Ukraine d'un levier essentiel"
    mention = at(text, text, MentionKind.NAME, head="Ukraine", determiner="l'",
                 complements=(at(text, "un levier essentiel", case="d'"),))  # fmt: skip

    assert [e.id for e in ArticleResolver().resolve(mention, "target")] == ["ukraine"]


@pytest.mark.parametrize(
    ("locution", "determiner", "named"), [(True, "", False), (False, "le", True), (False, "", False)]
)
def test_a_locution_noun_is_no_participant(locution, determiner, named):
    """The locution flag, or a bare noun object (« ont eu lieu », « trouver refuge »): no participant."""
    text = f"Les élections ont eu {determiner} lieu.".replace("  ", " ")
    event = Event(
        action=at(text, "eu", MentionKind.VERB),
        lemma="avoir",
        actor=at(text, "Les élections", head="élection", determiner="les"),
        target=at(text, f"{determiner} lieu".strip(), head="lieu", locution=locution, determiner=determiner),
    )

    (resolved,) = resolve_events([event])

    assert (resolved.target.entity is not None) is named


def test_a_pronoun_agrees_through_the_typed_features():
    """« Elle » is the feminine country, not « le Japon » named after it (two feminine countries
    would be either: kg.resolve.pronouns leaves such a pronoun unresolved)."""
    text = "La Corée du Nord remercie le Japon. Elle salue ses soldats."
    korea = at(text, "La Corée du Nord", MentionKind.NAME, head="Corée", gender="Fem", number="Sing")
    japan = at(text, "le Japon", MentionKind.NAME, head="Japon", gender="Masc", number="Sing")
    first = Event(action=at(text, "remercie", MentionKind.VERB), lemma="remercier", actor=korea, target=japan)
    she = at(text, "Elle", MentionKind.PRONOUN)
    second = Event(action=at(text, "salue", MentionKind.VERB), lemma="saluer", actor=she)

    resolved = resolve_events([first, second])

    assert resolved[1].actor.entity == Entity("coree-du-nord", "Corée du Nord", EntityType.COUNTRY)
