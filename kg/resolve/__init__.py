"""Mention → Entity: one node per real-world actor, typed, across sentences and articles.

Per article, mentions are read in text order and resolved by rules:

- countries and their stand-ins (CLDR names, official names, acronyms, capitals and seats of
  power when they act: « Pyongyang reconnaît », « le Kremlin dément »);
- people: a name, with the title and nationality around it as role and affiliation
  (« le président russe Vladimir Poutine » → Vladimir Poutine, président, Russie); a surname
  alone is the person of that surname already met (« Poutine »);
- groups: a head noun of a sector with a country (« l'armée sud-coréenne », « les forces de
  Kiev », « ses troupes » → the possessor); coordinated nationalities give one group each;
- people named by their office (« le maire de Lyon », « le président du Ghana » → a Person with
  role and affiliation) or by what they do (« les enseignants » → a Group of people);
- organisations named with their kind (« la société Air Liquide », « le ministère de la Santé »);
- teams: « l'équipe d'Italie », « la Squadra Azzurra », and in a sports report a country that
  beats or faces another (« l'Argentine a battu la France » → the team of Argentina);
- towns (capitals and CLDR's cities, « la ville de Koursk »), places (« la région de Koursk »
  → Koursk, « l'État du New Jersey » → New Jersey; « à Québec » the town, « au Québec » the
  province), organisations, and things;
- institutions every state has (« le Sénat », « le ministère des Affaires étrangères »): one per
  state, the one the words name or the article's dominant country, else the article's own;
- things and counted people are the article's own: « une loi » of two articles are two laws,
  « une particule » is a new one, « neuf personnes » and « quatre personnes » two sets;
- no node for what is no participant: adverbs, numbers, symbols, units and measures (« 35
  kilomètres », « un score de 3 à 1 »), times (« la journée »), the bare noun of a verb's
  predicate (« prendre part », « attacher importance »);
- coreference: pronouns (il, elle, ils, lui, leur, le, son) and definite descriptions (« le pays »,
  « le chef de l'État russe ») → the most recent compatible entity, or nothing: a pronoun never
  becomes a node. A pronoun resolves only when it plainly can (``kg.resolve.pronouns``): not
  impersonal nor a neuter « le », near enough, inside its quotation, agreeing in gender and
  number, of a kind that can do what it does, with no rival: a wrong edge is worse than none.

Across articles ``unify_people`` maps a surname used alone to the one full name that ends with it,
and ``unify_things`` joins the spellings of one thing (capitals, singular and plural).
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.data import entries, pairs, words
from kg.french import MONTH_NAMES, WEEKDAY_NAMES
from kg.model import (
    ACTING_ROLES,
    ENTITY_ROLES,
    Entity,
    EntityMention,
    EntityType,
    Event,
    EventKind,
    Extraction,
    Mention,
    MentionKind,
    Period,
)
from kg.resolve.gazetteer import Country, gazetteer
from kg.resolve.names import NOT_ENTITIES, normalise, slug, without_modifiers
from kg.resolve.pronouns import MAX_SENTENCES_BACK, Layout, impersonal_il, neuter_le, passive, speaking
from kg.text import fold_name
from kg.timex import resolve_time

__all__ = [
    "normalise",
    "participant_key",
    "resolve_article",
    "resolve_events",
    "resolve_periods",
    "slug",
    "unify_names",
    "unify_people",
    "unify_things",
    "with_participants",
]


def _agreement_of(gender: str, number: str) -> tuple[str | None, str | None]:
    """A pronoun table row's agreement: « - » is either."""
    return (None if gender == "-" else gender, None if number == "-" else number)


# pronoun → (gender, number) it requires, None for either
PERSONAL_PRONOUNS = {word: _agreement_of(gender, number) for word, gender, number in pairs("personal_pronouns")}
# « ce dernier » points back like a pronoun
LATTER = {phrase: _agreement_of(gender, number) for phrase, gender, number in pairs("latter")}
AGENTS = frozenset({EntityType.COUNTRY, EntityType.PERSON, EntityType.ORGANIZATION, EntityType.GROUP, EntityType.TEAM})
# Heads whose « de » complement is the place itself: « la région de Koursk » → Koursk.
PLACE_CONTAINERS = frozenset(fold_name(word) for word in entries("place_containers"))
TIME_OR_NUMBER = re.compile(
    r"^(?:[\d\s.,%/+-]+|" + "|".join(map(re.escape, MONTH_NAMES + WEEKDAY_NAMES + entries("duration_words"))) + r")$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'’.-]+")
_POSSESSIVES = words("possessives")
_DIGIT = re.compile(r"\d")
_DEFINITE = words("definite_determiners") | _POSSESSIVES
_INDEFINITE_SINGULAR = frozenset({"un", "une"})
# The roles of the subject of a clause (« X a envoyé », « selon X »), which a possessive prefers.
_SUBJECT_ROLES = frozenset({"actor", "source"})
# UD parts of speech that never head a participant: « rapidement », « trois », « < », « à »
NOT_NOMINAL_POS = frozenset({"ADV", "NUM", "SYM", "PUNCT", "ADP", "CCONJ", "SCONJ", "DET", "INTJ", "AUX", "PART"})
MEASURE_NOUNS = frozenset(fold_name(w) for w in entries("measure_nouns"))
NOT_PARTICIPANT_NOUNS = frozenset(fold_name(w) for w in entries("not_participant_nouns"))
COPULAR_VERBS = words("copular_verbs")
# (verb lemma, noun lemma) of a support-verb construction: « mettre l'accent », « commettre une faute »
SUPPORT_NOUNS = frozenset((verb, fold_name(noun)) for verb, noun in pairs("support_verb_nouns"))
NEGATIVE_DETERMINERS = words("negative_determiners")  # « aucun », « nul »: the phrase has no referent
TIME_ZONES = words("time_zones")  # « CEST », « UTC »: part of a time, never an entity
_CONJUNCTIVE = re.compile(
    "|".join(rf"\b{re.escape(phrase)}\b" for phrase in sorted(entries("conjunctive_locutions"), key=len, reverse=True)),
    re.IGNORECASE,
)
_INDEFINITE = frozenset({"un", "une", "des", "d'", "de"})
# « troisième », « vingtièmes »: an ordinal word, alone no participant (« le troisième »)
_ORDINAL = re.compile(r"^\w+ièmes?$")
TIME_HEADS = frozenset(fold_name(w) for w in (*MONTH_NAMES, *WEEKDAY_NAMES, *entries("time_words")))
_CARDINALS = words("cardinals")
_NUMBER_WORDS = frozenset(word for word, _ in pairs("number_words"))
CONTAINERS = words("container_nouns")  # « millions », « centaines »: they count, with a number
# « 3,5 », « 23e », « 1er », « XXe » (a century)
_NUMBER = re.compile(r"^(?:[\d.,:/%+-]*\d[\d.,:/%+-]*|[IVXLC]+(?=e|er|ème))(?:e|er|re|ère|ème|es)?$")
_CLOCK = re.compile(r"^\d{1,2}\s?h(?:\s?\d{2})?\b")  # « 18h15 », « 9 h 30 »
CITY_CONTAINERS = frozenset(fold_name(word) for word in entries("city_containers"))
TEAM_NOUNS = frozenset(fold_name(word) for word in entries("team_nouns"))
SPORT_NOUNS = frozenset(fold_name(lemma) for lemma, kind in pairs("sport_context") if kind == "noun")
SPORT_VERBS = frozenset(lemma for lemma, kind in pairs("sport_context") if kind == "verb")
ONE_OF = frozenset(fold_name(word) for word in entries("one_of"))  # « un des chercheurs »
ORGANISATION_NOUNS = {fold_name(noun): kind for noun, kind, *_ in pairs("organisation_nouns")}
_CONTRACTED = frozenset({"au", "aux", "du"})  # « à le », « à les », « de le »
# « la capsule Dragon », « l'océan Pacifique »: the type a noun gives the name after it
DESCRIPTORS = {fold_name(noun): EntityType(kind) for noun, kind in pairs("descriptor_nouns")}
# « de type », « la »… between a descriptor and its name: « l'appareil de type MD-83 »
_DESCRIPTOR_LINK = r"(?:\s+(?:de|du)\s+type|\s+(?:le|la|les)|\s+l['’])?\s*"
# the descriptor right before a name: « capsule » of « la capsule Dragon »
_DESCRIBED_NAME = re.compile(r"(?:^|[^\w-])([\w-]+)" + _DESCRIPTOR_LINK + r"$", re.IGNORECASE)
# a plural descriptor set beside names: « Deux détecteurs, ATLAS et CMS »
_DESCRIBED_NAMES = re.compile(r"(?:^|[^\w-])([\w-]+[sx])\s*,\s*(?:[A-ZÀ-Ý][\w-]*\s+et\s+)?$")
PLACE_NOUNS = frozenset(fold_name(word) for word in entries("place_nouns"))
COMMON_ACRONYMS = words("common_acronyms")  # « l'ADN », « le SMIC »: things
# « cette assemblée », « l'organisation islamique »: one organisation of the article, unnamed
INSTITUTION_NOUNS = frozenset(fold_name(noun) for noun, _, *alone in pairs("organisation_nouns") if alone == ["alone"])
# « Sénat », « Cour suprême »: names many states give an institution, longest first
INSTITUTIONS = tuple(sorted({fold_name(name) for name in entries("institution_names")}, key=len, reverse=True))
_OF = frozenset({"de", "du", "des", "d'", "d’"})
# « Québec » → ("province", "region"): a town and its region, and what the name alone means
TOWNS_AND_REGIONS = {fold_name(name): (kind, alone) for name, kind, alone in pairs("towns_and_regions")}
# what a team in a sports report stands for: « l'Argentine », « Lyon », « le PSG »
_TEAM_SIDES = frozenset({EntityType.COUNTRY, EntityType.CITY, EntityType.ORGANIZATION})


@dataclass(slots=True)
class _Seen:
    # None: a referent that names no participant (an event noun, a pronoun left unresolved),
    # which a pronoun after it may mean: it stops the search back
    entity: Entity | None
    start: int
    gender: str | None
    number: str | None
    subject: bool = False  # seen as an actor or a source: what a possessive points back to first
    # seen in an acting role (actor, target, recipient, source): a participant a pronoun may
    # stand for; a place (« arrivé à Cascais (Portugal), où il ») or a name inside another
    # mention (« président du groupe UMP. Il ») only stops the search back
    acting: bool = False
    where: bool = False  # seen as a place or a destination (« en Russie »): no rival of a participant
    order: int = 0  # place in the resolver's memory: of two candidates, the later is the more recent
    # the gender is its determiner's (« la page », « le site ») or a name's, not the tagger's guess for a
    # noun (« l'hébergeur », « leur système »): only a sure gender keeps a body from being a pronoun's rival
    sure: bool = False


# what a pronoun may stand for, by the verb it is the subject of: a mind says and thinks
_MINDS = frozenset({EntityType.PERSON, EntityType.ORGANIZATION, EntityType.GROUP})
# a plural pronoun stands for these only when their mention is plural (« les États-Unis »)
_SINGULAR_KINDS = frozenset({EntityType.COUNTRY, EntityType.ORGANIZATION, EntityType.PERSON})
_OBJECT_CLITICS = frozenset({"le", "la", "les", "l'", "l’"})
_PLACE_ROLES = frozenset({"place", "destination"})
# « la ministre » is Fem whatever the tagger says of « ministre »
DETERMINER_GENDERS = dict(pairs("determiner_genders"))
# « il », « elle », « ils », « elles » are subjects whatever the role: « il fut associé »
SUBJECT_PRONOUNS = words("subject_pronouns")
_PASSIVE_AGENT = re.compile(r"\bpar\s*$", re.IGNORECASE)
# « de », « du », « d' » and a name after a mention: « l'État | du New Jersey »
_NAMED_AFTER = re.compile(r"\s*(?:d['’]|de\s+|du\s+|des\s+)(?:la\s+|l['’])?[A-ZÉÈÎ]")


def _country_entity(country: Country, surface: str) -> Entity:
    return Entity(
        id=slug(country.name), label=country.name, type=EntityType.COUNTRY, aliases=(surface,), iso=country.iso
    )


def _team_entity(country: Country, surface: str) -> Entity:
    """The national team of ``country``: one node, apart from the country it is affiliated with."""
    return Entity(id=slug(f"equipe {country.name}"), label=f"{country.name} (équipe)", type=EntityType.TEAM,
                  aliases=(surface,), affiliation=slug(country.name))  # fmt: skip


def _is_number(word: str) -> bool:
    """« 35 », « 3,5 », « 23e », « 1er », « trois », « troisième »; not a name with digits (« A20 »,
    « F1 »)."""
    return bool(_NUMBER.match(word)) or word.lower() in _CARDINALS or bool(_ORDINAL.match(word.lower()))


def _is_count(word: str) -> bool:
    """« 28 », « 1 », « 550 », « neuf », « vingt »: a cardinal, not a quantifier (« plusieurs »)."""
    return word.isdigit() or (word.lower() in _CARDINALS and word.lower() in _NUMBER_WORDS)


def _numbered(mention: Mention) -> bool:
    """The mention gives a number, or its « de » complement does: « 35 kilomètres », « un score
    de 3 à 1 », « une distance de trois kilomètres »."""
    return any(_is_number(w) for w in mention.text.split()) or any(_numbered(c) for c in mention.complements)


def sport_report(events: Iterable[Event]) -> bool:
    """Two different sports nouns among the heads of an article's mentions and the lemmas of
    its events (« match », « but », « équipe », « championnat »): the article reports a game."""
    found: set[str] = set()
    for event in events:
        found.add(fold_name(event.lemma))
        pending = list(event.roles().values())
        while pending:
            mention = pending.pop()
            found.add(fold_name(mention.head))
            pending.extend(mention.complements)
    return len(found & SPORT_NOUNS) >= 2


class ArticleResolver:
    """Resolves the mentions of one article, in text order, remembering what it has met.

    What it has met is also kept by type, by surname, by role and by affiliation, so that looking
    back for « il » or « Mahama » walks only the candidates: in a 5 MB article, walking the whole
    memory for each mention that finds no antecedent made resolution quadratic.
    """

    def __init__(
        self,
        doc_id: str = "",
        sport: bool = False,
        layout: Layout | None = None,
        text: str = "",
        country: Country | None = None,
    ) -> None:
        self.gaz = gazetteer()
        self.doc_id = doc_id
        self.country = country  # the article's dominant country (``dominant_country``), if any
        self.sport = sport  # the article is a sports report: its countries that play are teams
        self.seen: list[_Seen] = []
        self.text = text  # the article, for what follows a pronoun (« il y a »)
        self.layout = layout or Layout.of(text)
        self._by_type: dict[EntityType, list[_Seen]] = {}
        self._by_id: dict[str, list[_Seen]] = {}
        self._by_surname: dict[str, list[_Seen]] = {}  # people by the last word of their label
        self._by_role: dict[str, list[_Seen]] = {}  # people by their folded role
        self._by_affiliation: dict[str, list[_Seen]] = {}  # people by their affiliation
        self._introduced: dict[str, Entity] = {}  # things « une » introduced, by their id without offset

    # --- memory -------------------------------------------------------------------------
    def remember(self, mention: Mention, entities: tuple[Entity, ...], role: str = "") -> None:
        key = fold_name(mention.text.strip())
        subject, acting = self._subject(mention, role, key), role in ACTING_ROLES
        gender = DETERMINER_GENDERS.get(mention.determiner, mention.gender)
        sure = mention.determiner in DETERMINER_GENDERS or mention.kind is MentionKind.NAME
        where = role in _PLACE_ROLES
        for entity in entities:
            seen = _Seen(entity, mention.start, gender, mention.number, subject, acting, where, len(self.seen), sure)
            self.seen.append(seen)
            self._by_type.setdefault(entity.type, []).append(seen)
            self._by_id.setdefault(entity.id, []).append(seen)
            if entity.type is EntityType.PERSON:
                self._by_surname.setdefault(entity.label.split()[-1] if entity.label.split() else "", []).append(seen)
                if entity.role is not None:
                    self._by_role.setdefault(fold_name(entity.role), []).append(seen)
                self._by_affiliation.setdefault(entity.affiliation or "", []).append(seen)
        if entities:
            return
        # « Environ 2 000 citoyens … ont manifesté. Ils … »: a subject that names no node is
        # still what a pronoun after it may mean
        named = acting and mention.kind in (MentionKind.NOUN, MentionKind.NAME)
        if mention.event_noun or named or key in PERSONAL_PRONOUNS or key in LATTER:
            gender, number = PERSONAL_PRONOUNS.get(key) or LATTER.get(key) or (mention.gender, mention.number)
            sure = sure or key in PERSONAL_PRONOUNS or key in LATTER
            self.seen.append(_Seen(None, mention.start, gender, number, subject, acting, False, len(self.seen), sure))

    def _subject(self, mention: Mention, role: str, key: str) -> bool:
        """The mention is its clause's subject: a subject pronoun, or an actor or a source that
        no « par » introduces (« était exploité par Dana Air. Il … » is the plane)."""
        if key in SUBJECT_PRONOUNS:
            return True
        return role in _SUBJECT_ROLES and not _PASSIVE_AGENT.search(
            self.text[max(0, mention.start - 6) : mention.start]
        )

    def _recent(
        self, before: int, accept, exclude: frozenset[str] = frozenset(), among: Iterable[list[_Seen]] | None = None
    ) -> Entity | None:
        """The entity last remembered before offset ``before`` that ``accept`` takes, looked for
        in the lists ``among`` (parts of the memory, each in the order met; all of it by default)."""
        best: _Seen | None = None
        for seen_list in [self.seen] if among is None else among:
            for seen in reversed(seen_list):
                if best is not None and seen.order < best.order:
                    break
                if seen.entity is not None and seen.start < before and seen.entity.id not in exclude and accept(seen):
                    best = seen
                    break
        return None if best is None else best.entity

    def _of_types(self, types: Iterable[EntityType]) -> list[list[_Seen]]:
        return [self._by_type.get(t, []) for t in types]

    def _antecedent(
        self,
        mention: Mention,
        agree: Callable[[_Seen], bool],
        exclude: frozenset[str],
        subject: str = "",
        minds: bool = False,
        things: bool = True,
    ) -> _Seen | None:
        """The participant a pronoun or possessive at ``mention`` points back to, among the
        referents that ``agree`` with it near enough (``Layout.reaches``): the most recent; with
        ``subject`` "first" the most recent subject if any, with "only" the most recent subject
        (« il migra vers TF1 où il … » is not TF1); None when that referent is no
        participant (a thing, a place, an unresolved pronoun) or when a rival could be it too.
        A rival is any other referent that agrees, a thing as much as a body (``_RIVALS``: « En analysant
        les papillons, les chercheurs … où ils avaient été capturés »; only a mind when
        ``minds``: the pronoun says or thinks), whose gender agrees or is the tagger's guess
        (« l'hébergeur »), and that came after it, not as a place (even inside another mention:
        « L'objectif de l'équipe … et sa mission »; « en Russie » is no rival), or acts in its
        sentence (« Le ministre a reçu l'ambassadeur. Il … » is either of them), or a referent
        left unresolved that came after it (« TVE affirme qu'ils lui avaient offert un espace et
        qu'elle l'avait refusé »), acts in its sentence or is a subject (« Il fit parler de lui.
        Alors que l'arbitre avait accordé un penalty, il avait lâché »)."""
        window = [
            s
            for s in self._window(mention.start)
            if s.start < mention.start
            and (s.entity is None or s.entity.id not in exclude)
            and self.layout.reaches(mention.start, s.start)
        ]
        near = [s for s in window if agree(s)]
        if not near:
            return None
        found = next((s for s in near if s.subject), None if subject == "only" else near[0]) if subject else near[0]
        if found is None:
            return None
        if found.entity is None or not found.acting or found.entity.type not in AGENTS:
            return None
        sentence = self.layout.sentence(found.start)

        def rival(s: _Seen) -> bool:
            if s.entity is None:  # « Ils envoyaient …, demandant aux clients … qu'ils utilisaient »
                # or an unresolved subject before it: « il fit parler de lui … l'arbitre avait …, il avait lâché »
                later = s.start > found.start or s.subject
                return s.acting and agree(s) and (later or self.layout.sentence(s.start) == sentence)
            if s.entity.id == found.entity.id:
                return False
            if s.entity.type in AGENTS:  # a body's or a person's gender is often the tagger's guess
                could = agree(s) or (not s.sure and agree(replace(s, gender=None)))
            else:  # a thing: not the rival of one who speaks, and of a subject when it is a subject or things may be
                could = not minds and s.entity.type is EntityType.THING and (things or s.subject) and agree(s)
            later = s.start > found.start and not s.where
            return could and (later or (s.acting and self.layout.sentence(s.start) == sentence))

        rivals = (s for s in window if rival(s))
        return None if any(rivals) else found

    # --- the rules ----------------------------------------------------------------------
    def resolve(
        self,
        mention: Mention,
        role: str,
        exclude: frozenset[str] = frozenset(),
        lemma: str = "",
        counted: bool = False,
        verbal: bool = True,
    ) -> tuple[Entity, ...]:
        """The entities ``mention`` names in ``role`` of an event of ``lemma``; ``counted``: the
        event gives the mention a quantity (« 35 » of « 35 kilomètres »); ``verbal``: the event's
        trigger is a verb, not an event noun."""
        found = self._resolve(mention, role, exclude, counted, verbal, lemma)
        if self.sport and role in ACTING_ROLES and lemma in SPORT_VERBS:
            return tuple(self._team_of(e, mention) if e.type in _TEAM_SIDES else e for e in found)
        return found

    def _resolve(
        self, mention: Mention, role: str, exclude: frozenset[str], counted: bool, verbal: bool = True, lemma: str = ""
    ) -> tuple[Entity, ...]:
        if mention.kind in (MentionKind.CLAUSE, MentionKind.TIME, MentionKind.QUANTITY):
            return ()
        surface = mention.text.strip()
        key = fold_name(surface)
        one = self._one_of(mention)  # « l'une des victimes »: a pronoun that names one person
        if one is not None:
            return one
        if key in PERSONAL_PRONOUNS or key in LATTER:
            return self._pronoun(mention, exclude, role, lemma)
        if mention.kind is MentionKind.PRONOUN and key in _POSSESSIVES:
            return self._possessor(mention, exclude)
        if mention.kind is MentionKind.PRONOUN and not surface[:1].isupper():
            return ()  # « nous », « on », « celui-ci »: not resolved
        if mention.kind is MentionKind.PRONOUN and key in NOT_ENTITIES:
            return ()
        name = normalise(surface)
        key = fold_name(name)
        if len(key.strip("'")) <= 1 or key in NOT_ENTITIES or key in self.gaz.not_names or TIME_OR_NUMBER.match(name):
            return ()
        if self._not_a_participant(mention, name, role, counted, verbal, lemma):
            return ()
        for rule in (
            self._country,
            self._descriptor,
            self._surname,
            self._people_of,
            self._person,
            self._team,
            self._institution,
            self._office,
            self._organisation,
            self._group,
            self._institution_noun,
            self._described,
            self._place,
            self._place_noun,
            self._other,
        ):
            found = rule(mention, name, role)
            if found is not None:
                return found
        return ()

    def _not_a_participant(
        self, mention: Mention, name: str, role: str, counted: bool, verbal: bool, lemma: str = ""
    ) -> bool:
        """What no reader takes for a participant, by the mention's structure: symbols and
        numbers (« < », « 3-1 »), a head that is no noun (« rapidement », « beaucoup », « à
        partir de 9 h »), a time (« la journée »), a unit or a measure with its number (« 35
        kilomètres », « km », « 3 millions d'euros », « un score de 3 à 1 »), a number with a
        pronoun (« 10 autres », « le troisième »), an amount or a name (« ses coûts de
        financement », « du nom des trois physiciens »), and the bare noun object of a verb, part of
        its predicate (« prendre part », « attacher importance »; the « de » complement of an
        event noun is a participant: « l'obtention d'armes »). Also what a construction makes no
        referent: a negated phrase (« aucun titre »), the noun of a support verb (« a mis l'accent
        sur », « commis une faute ») or of a conjunctive locution (« dans la mesure où »), a bare
        singular classifier after an event noun (« matchs de football », « effort de transparence »),
        a time zone (« 5 h 25 CEST ») and a one-word headline rubric (« Tennis : victoire de… »)."""
        words = name.split()
        if all(_is_number(w) or self._is_unit(w) for w in words) or _CLOCK.match(name):
            return True  # « < », « 105 km », « 2 200 € », « 300 millions », « 23e », « 18h15 »
        if all(_is_number(w) or fold_name(w) in NOT_ENTITIES for w in words):
            return True  # « 10 autres », « le troisième »: a number and a pronoun
        if all(w in TIME_ZONES for w in words) or self._rubric(mention, words):
            return True  # « vers 5 h 25 CEST »; « Tennis : victoire de Serena Williams »
        if mention.determiner in NEGATIVE_DETERMINERS or words[0].lower() in NEGATIVE_DETERMINERS:
            return True  # « n'avait remporté aucun titre du grand chelem »
        if mention.kind is MentionKind.NAME or mention.ner in ("PER", "ORG", "LOC"):
            return False
        if mention.pos in NOT_NOMINAL_POS or (mention.pos == "VERB" and not mention.determiner):
            return True
        head = fold_name(mention.head)
        if head in TIME_HEADS or head in NOT_PARTICIPANT_NOUNS:
            return True  # « la journée »; « ses coûts de financement », « du nom des trois physiciens »
        if role not in _SUBJECT_ROLES and (lemma, head) in SUPPORT_NOUNS:
            return True  # « a mis l'accent sur », « avait commis une faute », « appelés aux urnes »
        if self._in_conjunction(mention):
            return True  # « dans la mesure où HP a augmenté »
        if not verbal and self._classifier(mention, words):
            return True  # « matchs internationaux de football », « un effort de transparence »
        if (counted or _numbered(mention)) and (
            head in self.gaz.unit_names or head in MEASURE_NOUNS or (head in CONTAINERS and not mention.complements)
        ):
            return True
        return (
            role == "target"
            and verbal
            and not counted
            and not mention.determiner
            and not mention.complements
            and len(words) == 1
            and name.islower()
        )

    def _rubric(self, mention: Mention, words: list[str]) -> bool:
        """« Tennis », « Informatique » of « Tennis : victoire de Serena Williams »: one capitalised
        word that opens a line before a colon and that the article never names again is the
        headline's rubric, not a participant; a place the gazetteer knows (« Québec : ») stays."""
        word = words[0]
        if len(words) != 1 or not word[1:].islower() or self.text[mention.end : mention.end + 3].strip()[:1] != ":":
            return False
        if self.text[self.text.rfind("\n", 0, mention.start) + 1 : mention.start].strip():
            return False  # not at the start of a line
        if self.gaz.lookup(word) is not None or self.gaz.demonym(word) is not None:
            return False
        return len(re.findall(rf"\b{re.escape(word)}\b", self.text)) == 1

    def _in_conjunction(self, mention: Mention) -> bool:
        """The mention lies inside a conjunctive locution of the text: « mesure » of « dans la
        mesure où », « moment » of « au moment où »."""
        around = self.text[max(0, mention.start - 20) : mention.end + 20]
        offset = max(0, mention.start - 20)
        return any(
            found.start() + offset <= mention.start and mention.end <= found.end() + offset
            for found in _CONJUNCTIVE.finditer(around)
        )

    def _classifier(self, mention: Mention, words: list[str]) -> bool:
        """A bare singular noun after an event noun and « de », no determiner, says what kind of
        event it is (« matchs de football », « un effort de transparence », « projet de loi »), as
        a compound noun's complement does (compound_nouns.tsv); a people noun (« action de
        comédiens ») or a name stays a participant."""
        return (
            len(words) == 1
            and mention.kind is MentionKind.NOUN
            and not mention.determiner
            and re.search(r"\bd(?:e\s+|['’])$", self.text[max(0, mention.start - 4) : mention.start]) is not None
            and mention.number == "Sing"
            and words[0].islower()
            and self._sector_noun(mention.head) not in self.gaz.people
        )

    def _one_of(self, mention: Mention) -> tuple[Entity, ...] | None:
        """« Un des chercheurs de HRW », « l'une des victimes »: one Person of a set of people
        (a people noun of kg/data/sectors.tsv), not the set and not a thing."""
        if fold_name(mention.head) not in ONE_OF or not mention.complements or not self.doc_id:
            return None
        inner = mention.complements[0]
        noun = self._sector_noun(inner.head)
        if noun not in self.gaz.people or inner.number == "Sing":
            return None
        label = normalise(mention.text)
        return (Entity(id=f"{slug(normalise(inner.text))}-{self.doc_id}-1", label=label[:1].lower() + label[1:],
                       type=EntityType.PERSON, aliases=(mention.text,), sector=self.gaz.sectors[noun]),)  # fmt: skip

    def _is_unit(self, word: str) -> bool:
        """« km », « mètres », « € », « millions »: a word that measures or counts."""
        return (
            word in self.gaz.unit_symbols
            or fold_name(word) in self.gaz.unit_names
            or word.lower() in CONTAINERS
            or word.lower().removesuffix("s") in CONTAINERS
            or not any(ch.isalpha() for ch in word)
        )

    def _team(self, mention: Mention, name: str, role: str) -> tuple[Entity, ...] | None:
        """« l'équipe d'Italie », « la sélection argentine » → the team of that country;
        « la Squadra Azzurra » (a team noun and a name) → the team of that name."""
        words = _WORD.findall(name)
        if not words or (fold_name(mention.head) not in TEAM_NOUNS and fold_name(words[0]) not in TEAM_NOUNS):
            return None
        countries = self._countries_in(mention, name, words)
        if countries:
            return tuple(_team_entity(c, mention.text) for c in countries)
        if any(w[:1].isupper() for w in words[1:]) or name[:1].isupper():
            return (Entity(id=slug(name), label=name, type=EntityType.TEAM, aliases=(mention.text,)),)
        return None

    def _team_of(self, entity: Entity, mention: Mention) -> Entity:
        """In a sports report, the side that beats or faces: the country's team (« l'Argentine
        a battu la France »), a town's or a club's (« Lyon », « le PSG »)."""
        found = self.gaz.lookup(entity.label) if entity.type is EntityType.COUNTRY else None
        if found is not None:
            return _team_entity(found[0], mention.text)
        if entity.type is EntityType.CITY:  # the town stays a town elsewhere
            return Entity(id=slug(f"equipe {entity.label}"), label=f"{entity.label} (équipe)", type=EntityType.TEAM,
                          aliases=entity.aliases, affiliation=entity.id)  # fmt: skip
        return replace(entity, type=EntityType.TEAM)  # a club is its team

    def _institution(self, mention: Mention, name: str, role: str) -> tuple[Entity, ...] | None:
        """« le Sénat américain », « la Cour suprême des États-Unis », « le Sénat »: an
        institution many states have (kg/data/lexicon/institution_names.txt), one node per state:
        the state its words name, else the article's dominant country, else the article's own;
        another name that begins so stays itself (« le Parlement européen »). A name of several
        words is one in lower case too (« l'assemblée nationale »)."""
        folded = fold_name(name)
        base = next((i for i in INSTITUTIONS if folded == i or folded.startswith(i + " ")), None)
        if base is None or not (name[:1].isupper() or " " in base):
            return None  # « le sénat », « le gouvernement » are common nouns; « l'assemblée nationale » is the name
        words = name.split()
        proper, rest = " ".join(words[: len(base.split())]), words[len(base.split()) :]
        if rest and fold_name(rest[0]) in _OF:
            found = self.gaz.lookup(normalise(" ".join(rest[1:])))
            country = found[0] if found is not None and found[1] not in ("capital", "seat") else None
        else:
            demonyms = [c for w in rest if (c := self.gaz.demonym(w)) is not None]
            country = demonyms[0] if demonyms and len(demonyms) == len(rest) else None
        if rest and country is None:
            return None
        country = country or self.country
        if country is not None:
            key, label, affiliation = (
                f"{proper} {country.name}",
                name if rest else f"{proper} ({country.name})",
                slug(country.name),
            )
        else:
            key, label, affiliation = f"{proper} {self.doc_id}", proper, None
        return (Entity(id=slug(key), label=label, type=EntityType.ORGANIZATION, aliases=(mention.text,),
                       affiliation=affiliation),)  # fmt: skip

    def _office(self, mention: Mention, name: str, role: str) -> tuple[Entity, ...] | None:
        """« le maire de Lyon », « le président du Ghana », « la première ministre du Québec »: the
        person who holds the office, with the office as role and the place or state as
        affiliation; the same holder already named (« le président ghanéen John Mahama ») if any."""
        title, _ = self._title(name)
        if title is None or self._title_sector(title) is None or not mention.complements:
            return None
        if fold_name(normalise(mention.before_complements())) != fold_name(title):
            return None  # « le président de la commission des lois »: more than a title
        inner = mention.complements[0]
        if inner.end < mention.end:  # the parser may cut a name: « de New | York »
            inner = replace(inner, text=mention.text[inner.start - mention.start :], end=mention.end)
        of = self._resolve(inner, "nested", frozenset(), False)
        if not of or of[0].type not in (EntityType.COUNTRY, EntityType.CITY, EntityType.PLACE, EntityType.ORGANIZATION):
            return None
        where = of[0]
        # a state's office is keyed by the state's name, as « le président ghanéen » is
        key = f"{title} {where.label}" if where.type is EntityType.COUNTRY else normalise(mention.text)
        return (self._holder(mention, title, where.id, key),)

    def _holder(self, mention: Mention, title: str, affiliation: str, key: str) -> Entity:
        """The person holding ``title`` for ``affiliation``: one already met, else a new Person."""
        known = self._recent(
            mention.start,
            lambda s: (
                s.entity.type is EntityType.PERSON
                and (s.entity.affiliation or "") == affiliation
                and s.entity.role is not None
                and fold_name(s.entity.role) == fold_name(title)
            ),
            among=[self._by_role.get(fold_name(title), [])],
        )
        if known is not None:
            return replace(known, aliases=(mention.text,))
        label = normalise(mention.text)
        label = label[:1].lower() + label[1:]
        return Entity(id=slug(key), label=label, type=EntityType.PERSON, aliases=(mention.text,),
                      affiliation=affiliation or None, sector=self._title_sector(title), role=title)  # fmt: skip

    def _organisation(self, mention: Mention, name: str, role: str) -> tuple[Entity, ...] | None:
        """« la société Air Liquide », « le quotidien Le Monde » → the organisation of that name;
        « le ministère de la Santé », « le parti des Frères musulmans » → the whole phrase."""
        words = name.split()
        if len(words) < 2 or fold_name(words[0]) not in ORGANISATION_NOUNS:
            return None
        if fold_name(words[0]) != fold_name(mention.head) and not mention.ner:
            return None
        proper = " ".join(words[1:])  # « Le Monde »: its id is the name's used alone, « Monde »
        if proper[:1].isupper() and not mention.complements and self.gaz.lookup(proper) is None:
            return (Entity(id=slug(normalise(proper)), label=proper, type=EntityType.ORGANIZATION,
                           aliases=(mention.text,)),)  # fmt: skip
        # « de la Santé », « de l'Information »: a capital in the complement makes it a name
        if mention.complements and any(ch.isupper() for ch in proper) and self.gaz.lookup(proper) is None:
            countries = self._countries_in(mention, name, _WORD.findall(name))
            affiliation = slug(countries[0].name) if countries else None
            label = name[:1].lower() + name[1:]
            key = name
            if not countries and ORGANISATION_NOUNS[fold_name(words[0])] == "ministry":
                # every state has its « ministère des Affaires étrangères »: the article's country's, or its own
                key = f"{name} {self.country.name if self.country else self.doc_id}"
                affiliation = slug(self.country.name) if self.country else None
            return (Entity(id=slug(key), label=label, type=EntityType.ORGANIZATION, aliases=(mention.text,),
                           affiliation=affiliation),)  # fmt: skip
        return None

    def _institution_noun(self, mention: Mention, name: str, role: str) -> tuple[Entity, ...] | None:
        """« cette assemblée », « l'organisation islamique », « les fournisseurs d'accès »: an
        organisation the article names by its kind alone (the nouns marked « alone » of
        kg/data/lexicon/organisation_nouns.tsv), definite: one node of the article per phrase
        (« un parti » is a thing of the article)."""
        words = name.split()
        head = fold_name(mention.head)
        if head not in INSTITUTION_NOUNS or not words or not fold_name(words[0]).startswith(head[:-1]):
            return None
        if any(w[:1].isupper() for w in words) or not self.doc_id:
            return None  # « le Parti québécois », « l'organisation Human Rights Watch » are names
        if not (_definite(mention) or self._contracted(mention)):
            return None
        words[0] = mention.head  # « les syndicats » and « le syndicat » are keyed alike
        label = name[:1].lower() + name[1:]
        # a common-noun participant's id (``thing_id``): « l'assemblée nationale » joins the name
        # « l'Assemblée nationale » across articles (``unify_things``)
        return (Entity(id=f"{thing_id(' '.join(words))}-{self.doc_id}", label=label, type=EntityType.ORGANIZATION,
                       aliases=(mention.text,)),)  # fmt: skip

    def _descriptor(self, mention: Mention, name: str, role: str) -> tuple[Entity, ...] | None:
        """A name typed by the noun that says what it is (kg/data/lexicon/descriptor_nouns.tsv):
        « la capsule Dragon » (in the mention, or right before the name), « l'appareil de type
        McDonnel Douglas MD-83 », « Deux détecteurs, ATLAS et CMS » are things whatever the NER
        calls the name; « l'océan Pacifique » is a place; « le collectif la Quadrature du Net »
        (an organisation noun, not before a person) an organisation."""
        words = name.split()
        if len(words) > 1 and fold_name(words[0]) in DESCRIPTORS and fold_name(mention.head) == fold_name(words[0]):
            rest = re.sub(r"^(?:(?:de|du) type|(?:le|la|les)\s|l['’])\s*", "", " ".join(words[1:]), flags=re.I)
            if rest[:1].isupper() and self.gaz.lookup(rest) is None:
                return (self._described_as(DESCRIPTORS[fold_name(words[0])], words[0], rest, mention.text),)
            return None
        if mention.kind is not MentionKind.NAME or not name[:1].isupper():
            return None
        before = self.text[max(0, mention.start - 60) : mention.start]
        found = _DESCRIBED_NAME.search(before)
        if found is not None:
            noun = fold_name(found.group(1))
            kind = DESCRIPTORS.get(noun)
            if kind is None and noun in ORGANISATION_NOUNS and mention.ner != "PER":
                kind = EntityType.ORGANIZATION  # « le collectif la Quadrature du Net »; not « le ministre X »
            if kind is not None:
                return (self._described_as(kind, found.group(1), name, mention.text),)
        several = _DESCRIBED_NAMES.search(before)
        kind = DESCRIPTORS.get(fold_name(several.group(1))[:-1]) if several is not None else None
        if kind is None or kind is EntityType.PLACE:
            return None
        return (Entity(id=slug(name), label=name, type=kind, aliases=(mention.text,)),)

    def _described_as(self, kind: EntityType, noun: str, name: str, surface: str) -> Entity:
        """The entity of ``name`` said to be of ``kind`` by ``noun``: a place keeps its noun (« océan
        Pacifique »), a thing or an organisation is its name alone (« Dragon »)."""
        if kind is EntityType.PLACE:
            name = f"{noun.lower()} {name}"
        return Entity(id=slug(name), label=name, type=kind, aliases=(surface,))

    def _place_noun(self, mention: Mention, name: str, role: str) -> tuple[Entity, ...] | None:
        """« le nord du pays », « la nouvelle route », « l'océan »: a common noun of a place
        (kg/data/lexicon/place_nouns.txt) is a Place of the article, not a thing."""
        words = name.split()
        if fold_name(mention.head) not in PLACE_NOUNS or mention.pos != "NOUN" or not self.doc_id:
            return None
        if not words or any(w[:1].isupper() for w in words[:1]) or fold_name(mention.head) not in map(fold_name, words):
            return None
        label = name[:1].lower() + name[1:]
        return (Entity(id=f"{slug(label)}-{self.doc_id}", label=label, type=EntityType.PLACE, aliases=(mention.text,)),)

    def _contracted(self, mention: Mention) -> bool:
        """The mention follows « au », « aux » or « du », which hold its definite article: « au
        musée montréalais »."""
        before = self.text[max(0, mention.start - 4) : mention.start].casefold().split()
        return not mention.determiner and bool(before) and before[-1] in _CONTRACTED

    def _pronoun(
        self, mention: Mention, exclude: frozenset[str], role: str = "", lemma: str = ""
    ) -> tuple[Entity, ...]:
        """« il », « elle », « ils », « lui », « le », « ce dernier » → the participant it points
        back to (``_antecedent``), when the pronoun has one and the participant can be it, else
        nothing: « il faut », « il l'avait annoncé » (a proposition), « Elle explique » after a
        country, « ils » after one company, a pronoun whose nearest referent is a thing."""
        key = fold_name(mention.text.strip())
        gender, number = PERSONAL_PRONOUNS.get(key) or LATTER.get(key, (None, None))
        if number is None:
            return ()
        if key == "il" and role == "actor" and impersonal_il(self.text[mention.end : mention.end + 60], lemma):
            return ()
        clitic = role == "target" and key in _OBJECT_CLITICS
        if clitic and neuter_le(key, lemma):
            return ()
        subject = self._subject(mention, role, key) and key not in LATTER

        def agree(seen: _Seen) -> bool:
            if number == "Plur":
                if seen.number != "Plur":  # « ils » is never one company or one country
                    return False
            elif seen.number == "Plur":
                return False
            if clitic and gender is not None:  # « le », « la »: the gender must be known to agree
                return seen.gender == gender
            return gender is None or seen.gender is None or seen.gender == gender

        # a subject stands for a thing as well when its verb is passive: « où ils avaient été capturés »
        things = not subject or passive(self.text[mention.end : mention.end + 40])
        minds = subject and speaking(lemma)
        found = self._antecedent(mention, agree, exclude, "only" if subject else "", minds, things)
        if found is None or found.entity is None:
            return ()
        if number == "Plur" and found.entity.type in _SINGULAR_KINDS and found.entity.type is not EntityType.COUNTRY:
            return ()  # « ils » after « Samsung » or « Nick De Santis »: someone else
        if subject and speaking(lemma) and found.entity.type not in _MINDS and not self._alone(mention, found):
            return ()  # « Elle considère » after « la Grèce »: the agency, not the country
        return (replace(found.entity, aliases=()),)

    def _alone(self, mention: Mention, found: _Seen) -> bool:
        """``found`` is the only referent before ``mention`` in its sentence: « La France estime
        qu'elle … »."""
        sentence = self.layout.sentence(mention.start)
        return self.layout.sentence(found.start) == sentence and not any(
            s is not found and s.start < mention.start and self.layout.sentence(s.start) == sentence
            for s in self._window(mention.start)
        )

    def _window(self, at: int) -> Iterator[_Seen]:
        """The memory from the latest back to what lies too many sentences before ``at`` for a
        pronoun to reach (``Layout.reaches``), with one sentence to spare: the memory is in text
        order but for the roles of one event, and a 5 MB article must not walk all of it for each
        pronoun."""
        last = self.layout.sentence(at) - MAX_SENTENCES_BACK - 1
        for seen in reversed(self.seen):
            if self.layout.sentence(seen.start) < last:
                return
            yield seen

    def _possessor(self, mention: Mention, exclude: frozenset[str]) -> tuple[Entity, ...]:
        """« son arrivée », « leur départ » (the possessive of a nominal event): the country,
        body or person it points back to as a subject pronoun does (``_antecedent``: near
        enough, the subject first), singular for « son », « sa », « ses », plural for « leur ».
        « la Corée du Nord aurait envoyé des soldats en Russie, ce qui constitue sa première
        participation »: sa is Corée du Nord, the subject, not Russie."""
        plural = fold_name(mention.text.strip()).startswith("leur")

        def agree(seen: _Seen) -> bool:
            return seen.number == "Plur" if plural else seen.number != "Plur"

        # things are no rivals of a possessive: « La Chine envoie des soldats en Russie, sa participation »
        found = self._antecedent(mention, agree, exclude, "first", things=False)
        if found is None or found.entity is None:
            return ()
        if plural and found.entity.type in _SINGULAR_KINDS and found.entity.type is not EntityType.COUNTRY:
            return ()
        return (replace(found.entity, aliases=()),)

    def _country(self, mention: Mention, name: str, role: str) -> tuple[Entity, ...] | None:
        found = self.gaz.lookup(name)
        if found is None:
            # « l'Ukraine d'un levier essentiel »: a « de » complement wrongly attached to a name
            found = self.gaz.lookup(normalise(mention.before_complements())) if mention.complements else None
            if found is None or found[1] in ("capital", "seat"):
                return None
        country, kind = found
        if kind in ("capital", "seat") and role not in ACTING_ROLES:
            town = EntityType.CITY if kind == "capital" else EntityType.PLACE
            return (
                Entity(id=slug(name), label=name, type=town, aliases=(mention.text,), affiliation=slug(country.name)),
            )
        return (_country_entity(country, mention.text),)

    def _surname(self, mention: Mention, name: str, role: str) -> tuple[Entity, ...] | None:
        """« Mahama » after « John Mahama »: the person of that surname already met, whatever
        the NER calls the word alone (it often tags a surname ORG or LOC)."""
        if " " in name or not name[:1].isupper() or name.isupper():
            return None
        known = self._recent(
            mention.start,
            lambda s: s.entity.type is EntityType.PERSON and len(s.entity.label.split()) > 1
            and s.entity.label.split()[-1] == name,
            among=[self._by_surname.get(name, [])],
        )  # fmt: skip
        return None if known is None else (replace(known, aliases=(mention.text,)),)

    def _people_of(self, mention: Mention, name: str, role: str) -> tuple[Entity, ...] | None:
        """« les Français », « les Russes »: the people of a country (lower case is the language)."""
        if not name[:1].isupper() or " " in name:
            return None
        country = self.gaz.demonym(name)
        if country is None:
            return None
        if mention.number == "Sing" and mention.determiner and not _is_number(mention.determiner) and self.doc_id:
            # « la Polonaise » (« a battu la Polonaise »): one person of that country in the article
            return (Entity(id=f"{slug(name)}-{self.doc_id}", label=name, type=EntityType.PERSON,
                           aliases=(mention.text,), affiliation=slug(country.name)),)  # fmt: skip
        return (
            Entity(
                id=slug(f"population {country.name}"),
                label=name,
                type=EntityType.GROUP,
                aliases=(mention.text,),
                affiliation=slug(country.name),
                sector="civilians",
            ),
        )

    def _person(self, mention: Mention, name: str, role: str) -> tuple[Entity, ...] | None:
        title, rest = self._title(name)
        opening = fold_name(without_modifiers(normalise(mention.before_complements())))
        described = mention.complements and opening == fold_name(title or "")
        if title is not None and described:
            return None  # « le maire de New York », « l'ambassadeur de France »: a description
        first = name.split()[0]
        noun = self._sector_noun(first) if title is None else None
        # plural, a people noun introduces the first of several full names: « les physiciens
        # Robert Brout, François Englert et Peter Higgs »; « les frères Lumière » are not one
        several = mention.number != "Plur" or sum(w[:1].isupper() for w in name.split()[1:]) >= 2
        if (
            noun in self.gaz.people and several and not mention.complements and self._sector_noun(mention.head) == noun
        ):  # « l'astronome suisse Michel Mayor »: a people noun introduces him too
            title, rest = first, name[len(first) :].strip()
        words = rest.split()
        nationality = [c for w in words if (c := self.gaz.demonym(w)) is not None]
        proper = [w for w in words if w[:1].isupper() and self.gaz.demonym(w) is None]
        is_person = mention.ner == "PER" or (title is not None and proper)
        if not is_person or not proper or self.gaz.lookup(" ".join(proper)) is not None:
            return None
        # the name runs from the first to the last capitalised word: « Vladimir Poutine »,
        # « Bertrand de Broc »
        capitals = [i for i, w in enumerate(words) if w in proper]
        full = " ".join(words[capitals[0] : capitals[-1] + 1])
        if len(proper) == 1:
            known = self._recent(
                mention.start,
                lambda s: s.entity.type is EntityType.PERSON and s.entity.label.split()[-1] == full,
                among=[self._by_surname.get(full, [])],
            )
            if known is not None:
                return (replace(known, aliases=(mention.text,)),)
        affiliation = slug(nationality[0].name) if nationality else None
        return (
            Entity(
                id=slug(full),
                label=full,
                type=EntityType.PERSON,
                aliases=(mention.text,),
                affiliation=affiliation,
                sector=self._title_sector(title) or (self.gaz.sectors[noun] if noun in self.gaz.people else None),
                role=title if self._title_sector(title) or noun in self.gaz.people else None,  # « M. » is no role
            ),
        )

    def _title(self, name: str) -> tuple[str | None, str]:
        """« président » and « russe Vladimir Poutine » of « président russe Vladimir Poutine »; the
        adjectives that open a title go first (« le nouveau premier ministre »)."""
        bare = without_modifiers(name)
        folded = fold_name(bare)
        for title, t in _folded_titles():
            if folded == t or folded.startswith(t + " "):
                return title, bare[len(title) :].strip()
        return None, name

    def _title_sector(self, title: str | None) -> str | None:
        sector = next((s for t, s in self.gaz.titles if t == title), None) if title else None
        return None if sector == "-" else sector

    def _countries_in(self, mention: Mention, name: str, words: list[str]) -> list[Country]:
        """Nationalities of a group: demonyms (« sud-coréenne »), « de la Corée du Sud », or
        the possessor of « ses troupes »."""
        found = [c for w in words if (c := self.gaz.demonym(w)) is not None]
        if not found and mention.complements:  # « les forces de la Corée du Sud »
            tail = self.gaz.lookup(normalise(mention.complements[0].text))
            if tail is not None:
                found = [tail[0]]
        if not found and mention.determiner in _POSSESSIVES:
            owner = self._recent(
                mention.start,
                lambda s: s.entity.type in (EntityType.COUNTRY, EntityType.ORGANIZATION),
                among=self._of_types((EntityType.COUNTRY, EntityType.ORGANIZATION)),
            )
            if owner is not None and owner.type is EntityType.COUNTRY:
                country = self.gaz.lookup(owner.label)
                if country is not None:
                    found = [country[0]]
        unique: dict[str, Country] = {}
        for country in found:
            unique.setdefault(country.iso, country)
        return list(unique.values())

    def _sector_noun(self, word: str) -> str | None:
        """The sectors-table noun of a word: « forces » → force, « soldats » → soldat."""
        word = word.lower()
        for candidate in (word, word[:-1] if word.endswith(("s", "x")) else word):
            if candidate in self.gaz.sectors:
                return candidate
        return None

    def _group(self, mention: Mention, name: str, role: str) -> tuple[Entity, ...] | None:
        words = _WORD.findall(name)
        if not words:
            return None
        head = self._sector_noun(mention.head) or self._sector_noun(words[0])
        if head is None:
            return None
        if mention.number != "Plur" and self._title(name)[0] is not None:
            return None  # « le président algérien »: one person (_described), not a group
        sector = "intelligence" if "renseignement" in (w.lower() for w in words) else self.gaz.sectors[head]
        kind = EntityType.ORGANIZATION if head in self.gaz.institutions else EntityType.GROUP
        countries = self._countries_in(mention, name, words)
        if not countries:
            return self._body(mention, name, head, sector)
        if head in self.gaz.people and mention.number == "Sing" and self.doc_id and len(countries) == 1:
            # « la joueuse américaine », « un soldat russe »: one person of the article
            country = slug(countries[0].name)
            return (Entity(id=f"{slug(head)}-{country}-{self.doc_id}", label=name, type=EntityType.PERSON,
                           aliases=(mention.text,), affiliation=country, sector=sector),)  # fmt: skip
        demonyms = [w for w in words if self.gaz.demonym(w) is not None]
        if not demonyms:  # the country is named: « les forces spéciales de la RPDC »
            return tuple(
                Entity(id=slug(f"{head} {c.name}"), label=name if mention.complements else f"{name} ({c.name})",
                       type=kind, aliases=(mention.text,),
                       affiliation=slug(c.name), sector=sector)
                for c in countries
            )  # fmt: skip
        core = " ".join(w for w in words if self.gaz.demonym(w) is None and w.lower() not in ("et", "ni", "ou"))
        core = re.sub(r"\s+(?:de|d'|du|des)(?:\s+(?:la|l'|les))?\s*$", "", core)
        entities = []
        for i, country in enumerate(countries):
            # « services de renseignement américains, sud-coréens et ukrainiens » → one group each
            label = f"{core} {demonyms[i]}" if i < len(demonyms) else f"{core} ({country.name})"
            entities.append(
                Entity(
                    id=slug(f"{head} {country.name}"),
                    label=label,
                    type=kind,
                    aliases=(mention.text,),
                    affiliation=slug(country.name),
                    sector=sector,
                )
            )
        return tuple(entities)

    def _body(self, mention: Mention, name: str, head: str, sector: str) -> tuple[Entity, ...] | None:
        """« le gouvernement », « la police », « les manifestants » without a country: the body
        this article speaks of. One entity per article, so that the governments of a hundred
        articles do not become one node; « un gouvernement » stays a thing."""
        definite = _definite(mention) or self._contracted(mention)
        people = head in self.gaz.people  # « des enseignants » are people of the article too
        body = head in self.gaz.bodies or (head in self.gaz.plural_bodies and mention.number == "Plur")
        if not body or not (definite or people) or not self.doc_id:
            return None
        if name != name.lower() or (_DIGIT.search(name) and not people):
            if head in self.gaz.institutions and name[:1].islower() and definite:  # « le gouvernement Rajoy »
                return (Entity(id=slug(name), label=name, type=EntityType.ORGANIZATION, aliases=(mention.text,),
                               sector=sector),)  # fmt: skip
            return None  # « le Parlement européen », « le gouvernement Rajoy » are names: one node for all
        key = f"{slug(head)}-{self.doc_id}"  # the whole article id: no two articles share a body
        if people and mention.number == "Sing":  # « l'enseignant », « un soldat »: one person
            if self._title(name)[0] is not None:
                return None  # « le ministre »: the holder met before, if any (_described)
            if mention.complements:  # « le chef de la direction de l'aviation » is not « le chef du parti »
                key = f"{slug(name)}-{self.doc_id}"
            return (Entity(id=f"{key}-1", label=name, type=EntityType.PERSON, aliases=(mention.text,), sector=sector),)
        count, other = self._count(mention)
        if people and (count or other):
            # « neuf personnes », « neuf autres personnes », « 28 personnes »; « 2 000 soldats »
            # and « les 1 550 soldats »: sets of their own, one per number (and « autres »)
            key = "-".join((key, *([slug(count)] if count else ()), *(["autres"] if other else ())))
        elif head not in self.gaz.bodies and mention.complements:  # « les forces de la coalition »
            key = f"{slug(' '.join([head, *name.split()[1:]]))}-{self.doc_id}"
        kind = EntityType.ORGANIZATION if head in self.gaz.institutions else EntityType.GROUP  # « le gouvernement »
        return (Entity(id=key, label=name, type=kind, aliases=(mention.text,), sector=sector),)

    def _count(self, mention: Mention) -> tuple[str, bool]:
        """The number a plural mention counts, read from its words before its head and from the
        words just before it in the article (the extraction often cuts the number off as the
        event's quantity: « la mort de neuf | personnes »), and whether it says « autres »:
        « neuf autres personnes » → ("neuf", True); « Les 1 550 soldats » → ("1 550", False)."""
        words = mention.text.split()
        head = fold_name(mention.head)
        inside = list(itertools.takewhile(lambda w: fold_name(w) != head, words))
        before = self.text[max(0, mention.start - 40) : mention.start]
        outside = []
        if before[-1:].isspace():
            for word in reversed(before.split()):
                if not (_is_count(word) or word.lower() == "autres"):
                    break
                outside.insert(0, word)
        said = [*outside, *inside]
        return " ".join(w for w in said if _is_count(w)), any(w.lower() == "autres" for w in said)

    def _described(self, mention: Mention, name: str, role: str) -> tuple[Entity, ...] | None:
        """Definite descriptions: « le pays », « le président russe », « le chef de l'État russe »."""
        key = fold_name(name)
        if key in ("pays", "etat", "nation"):
            if not mention.determiner or _NAMED_AFTER.match(self.text[mention.end : mention.end + 12]):
                return ()  # « secrétaire d'État », « entre les deux pays », « l'État | du New Jersey »
            # « l'Ohio, l'Etat qui … », « cet Etat » after the Ohio: a state is a country or a region
            kinds = (EntityType.COUNTRY, EntityType.PLACE) if key == "etat" else (EntityType.COUNTRY,)
            found = self._recent(mention.start, lambda s: s.entity.type in kinds, among=self._of_types(kinds))
            return (replace(found, aliases=(mention.text,)),) if found else ()
        if key in ("etats", "nations") or (key == "pays" and mention.number == "Plur"):
            # « huit Etats », « leurs États »: a common noun of the article, no country
            return (Entity(id=f"{thing_id(key[:-1])}-{self.doc_id}" if self.doc_id else thing_id(key[:-1]),
                           label=name, type=EntityType.THING, aliases=(mention.text,)),)  # fmt: skip
        title, rest = self._title(name)
        if title is None or any(w[:1].isupper() for w in rest.split()):
            return None
        nationality = [c for w in rest.split() if (c := self.gaz.demonym(w)) is not None]
        wanted = slug(nationality[0].name) if nationality else None

        def same_person(seen: _Seen) -> bool:
            e = seen.entity
            if e.type is not EntityType.PERSON:
                return False
            if wanted is not None:
                return e.affiliation == wanted
            return e.role is not None and fold_name(e.role) == fold_name(title)

        people = self._by_affiliation.get(wanted, []) if wanted is not None else self._by_role.get(fold_name(title), [])
        found = self._recent(mention.start, same_person, among=[people])
        if found is not None:
            return (replace(found, aliases=(mention.text,)),)
        definite = _definite(mention)
        if not definite or self._title_sector(title) is None or not self.doc_id:
            return ()
        if wanted is not None:  # « le président ghanéen »: the holder of the office
            return (self._holder(mention, title, wanted, f"{title} {nationality[0].name}"),)
        # « le maire » met first: the article's holder of that title
        return (self._holder(mention, title, "", f"{title} {self.doc_id}"),)

    def _place(self, mention: Mention, name: str, role: str) -> tuple[Entity, ...] | None:
        # « la région de Koursk » → Koursk; not « la base militaire de … »
        alone = len(normalise(mention.before_complements()).split()) == 1
        if fold_name(mention.head) in PLACE_CONTAINERS and alone and mention.complements:
            inner = normalise(mention.complements[0].text)
            if not inner[:1].isupper():
                return None  # « l'État de droit », « la région du nord »: no place of that name
            found = self.gaz.lookup(inner)
            if found is not None and found[1] not in ("capital", "seat"):
                return (_country_entity(found[0], mention.text),)
            town = fold_name(mention.head) in CITY_CONTAINERS
            return (self._town_or_place(inner, mention.text, town, "town" if town else "region"),)
        if mention.ner == "LOC" and name[:1].isupper() and not name.isupper():
            # « à Cascais », « à Alep »: « à » and a bare name that is no country is a town (« en
            # Bretagne », « dans le Sahel », « au Québec » are not)
            marked = self._town_or_region(mention)
            town = marked == "town"
            same = [self._by_id.get(slug(name), [])]
            if town and self._recent(mention.start, lambda s: s.entity.type is EntityType.PLACE, among=same):
                town = False  # « la région de Koursk » … « à Koursk »: the region met before
            return (self._town_or_place(name, mention.text, town, marked),)
        return None

    def _town_or_region(self, mention: Mention) -> str | None:
        """What the words before a place name make of it: « à Québec » a town, « au Québec »,
        « du Québec », « le Québec », « en Ontario » a region; None when nothing says."""
        before = self.text[max(0, mention.start - 4) : mention.start].lower()
        if mention.determiner in ("le", "l'") or re.search(r"(?:^|\W)(?:au|du|le|en)\s+$", before):
            return "region"
        if not mention.determiner and re.search(r"(?:^|\W)à\s+$", before):
            return "town"
        return None

    def _town_or_place(self, name: str, surface: str, town: bool, marked: str | None = None) -> Entity:
        """« Moscou », « São Paulo » (capitals, CLDR's cities), « la ville de Koursk »: a City,
        affiliated with its country when known; any other place a Place. A name that is both a
        town and its region (kg/data/lexicon/towns_and_regions.tsv) is the one ``marked`` by
        the words before it (``_town_or_region``), else the one it means alone: « à Québec »
        the town, « au Québec » the province « Québec (province) »."""
        both = TOWNS_AND_REGIONS.get(fold_name(name))
        if both is not None and (marked or both[1]) == "region":
            return Entity(id=slug(f"{name} {both[0]}"), label=f"{name} ({both[0]})", type=EntityType.PLACE,
                          aliases=(surface,))  # fmt: skip
        if both is not None:
            town = True
        country = self.gaz.city(name)
        if not town and country is None:
            return Entity(id=slug(name), label=name, type=EntityType.PLACE, aliases=(surface,))
        affiliation = slug(country.name) if country is not None else None
        return Entity(id=slug(name), label=name, type=EntityType.CITY, aliases=(surface,), affiliation=affiliation)

    def _other(self, mention: Mention, name: str, role: str) -> tuple[Entity, ...] | None:
        words = name.split()
        if name in COMMON_ACRONYMS:  # « l'ADN », « le SMIC »: a thing, not an organisation
            return (Entity(id=slug(name), label=name, type=EntityType.THING, aliases=(mention.text,)),)
        if mention.ner == "ORG" or (len(words) == 1 and name.isupper() and 2 <= len(name) <= 8):
            return (Entity(id=slug(name), label=name, type=EntityType.ORGANIZATION, aliases=(mention.text,)),)
        if name[:1].isupper() and (mention.kind is MentionKind.NAME or mention.ner):
            kind = EntityType.PERSON if mention.ner == "PER" else EntityType.THING
            return (Entity(id=slug(name), label=name, type=kind, aliases=(mention.text,)),)
        label = name[:1].lower() + name[1:] if name[1:2].islower() or len(name) == 1 else name
        # « particules » and « particule » are one thing: the id uses the head's lemma
        words = label.split()
        if mention.head and words and fold_name(words[0]) != fold_name(mention.head) and len(words[0]) > 2:
            if fold_name(words[0]).startswith(fold_name(mention.head)[:-1]):
                words[0] = mention.head
        # things are keyed by their words, apart from names: « son poste » is not « La Poste »;
        # and by their article, whatever their determiner: « la loi » or « une loi » of one
        # article is not another's (the reports of one happening compare a common noun said
        # without a definite by its kind: ``participant_key``)
        key = thing_id(" ".join(words))
        if self.doc_id:
            key = f"{key}-{self.doc_id}"
        if key in self._introduced and _definite(mention) and mention.number != "Plur":
            # « une particule a été découverte … la particule »: the one « une » introduced
            return (replace(self._introduced[key], aliases=(mention.text,)),)
        if self.doc_id and mention.determiner in _INDEFINITE_SINGULAR:
            # « une particule » is a new one, not the « particules » of the article's other sentences
            key = f"{key}-{mention.start}"
        thing = replace(Entity(id=key, label=label, type=EntityType.THING, aliases=(mention.text,)),
                        about=self._nested(mention))  # fmt: skip
        if mention.determiner in _INDEFINITE_SINGULAR:
            self._introduced[key.rsplit("-", 1)[0] if self.doc_id else key] = thing
        return (thing,)

    def _nested(self, mention: Mention) -> tuple[Entity, ...]:
        """Actors named in a thing's « de » complements, at any depth: « l'héroïsme des forces
        spéciales de la RPDC » is about the North Korean special forces and North Korea."""
        found: dict[str, Entity] = {}
        pending = list(mention.complements)
        while pending:
            inner = pending.pop(0)
            pending[:0] = inner.complements
            for rule in (self._country, self._people_of, self._group):
                entities = rule(inner, normalise(inner.text), "nested")
                if entities:
                    for entity in entities:
                        found.setdefault(entity.id, replace(entity, aliases=(inner.text,)))
                    break
        return tuple(found.values())


@lru_cache(maxsize=1)
def _folded_titles() -> tuple[tuple[str, str], ...]:
    return tuple((title, fold_name(title)) for title, _ in gazetteer().titles)


def thing_id(words: str) -> str:
    """Id of a common-noun participant: ``thing-`` + its slug, apart from the ids of names (an
    article's own thing adds the article's id: ``thing_words``)."""
    return f"thing-{slug(words)}"


# the article's id, then the offset of the « une » that introduced it
_ARTICLE_SUFFIX = re.compile(r"-[0-9a-f]{16}(?:-\d+)?$")


def thing_words(key: str) -> str:
    """The words of a ``thing-`` id, without its article's id (and offset): its kind."""
    return _ARTICLE_SUFFIX.sub("", key.removeprefix("thing-"))


def _definite(mention: Mention) -> bool:
    """« la loi », « cette loi », « sa loi », « l'article »: the mention points at one referent."""
    return mention.determiner in _DEFINITE or mention.determiner == "l'"


def participant_key(mention: Mention, entity: Entity) -> str:
    """What a report's participant is compared by when reports of one happening are grouped
    (``kg.graph.happening_key``): a name or a resolved entity by its id; a common noun said
    without a definite, demonstrative or possessive determiner by its kind, the words of its
    id, since each article's « des troupes » is its own node: « Pyongyang a envoyé des
    troupes en Russie » in three articles is one happening with three reports."""
    if entity.type is EntityType.THING and entity.id.startswith("thing-") and not _definite(mention):
        return f"thing-{thing_words(entity.id)}"
    return entity.id


def resolve_periods(events: Iterable[Event], anchor: dt.date | None) -> list[Event]:
    """Events of one article dated ``anchor`` with the ``period`` their time expression names
    (``kg.timex``): « à l'automne dernier » in an article of 28 April 2025 → autumn 2024."""
    found: dict[str, Period | None] = {}  # « samedi » comes back in many events of an article
    resolved = []
    for event in events:
        if event.time is not None:
            if event.time.text not in found:
                found[event.time.text] = resolve_time(event.time.text, anchor)
            event = replace(event, period=found[event.time.text])
        resolved.append(event)
    return resolved


def resolve_events(events: Iterable[Event], anchor: dt.date | None = None) -> list[Event]:
    """Events of one article whose participant mentions carry ``.entity`` (None where
    nothing resolves, as for a pronoun with no antecedent), and whose time expression carries
    the ``period`` it names in an article dated ``anchor``."""
    return resolve_article(Extraction(tuple(events)), anchor)[0]


# a named span outside the events: not an acting role, so a capital stays a city
NAME_ROLE = "name"


def resolve_article(
    extraction: Extraction, anchor: dt.date | None = None, text: str | None = None
) -> tuple[list[Event], list[EntityMention]]:
    """The events of one article resolved as ``resolve_events`` does, and its named spans each
    with its entity, all read in text order by one resolver (« John Mahama » met as a name
    makes « Mahama » of a later event the same person); then the merges the text states
    (``kg.resolve.merges``: apposition, acronyms, other names). ``text``: the article, whose
    quotations and paragraphs bound what a pronoun points back to (without it, its sentences)."""
    events = resolve_periods(extraction.events, anchor)
    names = list(extraction.names)
    doc_id = events[0].doc_id if events else (names[0].doc_id if names else "")
    sentences = {m.start: m for m in (*(e.sentence for e in events), *(n.sentence for n in names)) if m is not None}
    if text is None:
        text = _text_of(sentences.values())
    layout = Layout.of(text, sentences)
    country = dominant_country(extraction)
    del extraction  # ``events`` and ``names`` hold what is needed: a big article's tuples go when the caller's do
    resolver = ArticleResolver(doc_id, sport=sport_report(events), layout=layout, text=text, country=country)
    roles = (*ENTITY_ROLES, NAME_ROLE)
    slots = sorted(
        [
            *(
                (m.start, roles.index(role), i, role)
                for i, e in enumerate(events)
                for role, m in e.roles().items()
                if role in ENTITY_ROLES
            ),
            *((n.mention.start, roles.index(NAME_ROLE), i, NAME_ROLE) for i, n in enumerate(names)),
        ],
    )
    done: dict[tuple[int, int, str], tuple[Entity, ...]] = {}
    # what an event's role made of a span, by offsets and by its end and normalised text
    by_span: dict[tuple[int, int | str], tuple[Entity, ...]] = {}
    changes: dict[int, dict[str, Mention]] = {}  # by event: its roles resolved to something new
    pending = Counter(i for _, _, i, role in slots if role != NAME_ROLE)  # by event: its roles not read yet
    named: list[Mention | None] = [None for _ in names]

    def resolve_role(i: int, role: str) -> Mention | None:
        """Event ``i``'s mention of ``role`` resolved, when that changes it."""
        mention = getattr(events[i], role)
        if role == "target" and mention.locution:
            return None  # « ont lieu », « fait état »: the noun is part of the predicate, no participant
        if role == "target" and _attribute(events[i]):
            return None  # « les billets restent un moyen de paiement sûr »: it describes the subject
        if mention.event_noun:
            resolver.remember(mention, ())  # no thing, but what « le réaliser » may point back to
            return None  # « a confirmé l'envoi de troupes »: the nominal event stands for it, not a thing
        span = (mention.start, mention.end, role if role not in ACTING_ROLES else "acting")
        if span not in done:
            exclude = frozenset()
            if role in ("target", "recipient") and events[i].actor is not None:
                # « la Russie … en lui transférant »: an object pronoun is not its clause's subject
                exclude = frozenset(e.id for e in changes.get(i, {}).get("actor", events[i].actor).all_entities())
            counted = role == "target" and events[i].quantity is not None  # the quantity is the target's
            verbal = events[i].kind == EventKind.VERBAL
            done[span] = resolver.resolve(mention, role, exclude, events[i].lemma, counted, verbal)
            resolver.remember(mention, done[span], role)
            heapq.heappush(ending, (mention.end, next(order), done, span))
        for key in ((mention.start, mention.end), (mention.end, normalise(mention.text))):
            if key not in by_span:
                by_span[key] = done[span]
                heapq.heappush(ending, (mention.end, next(order), by_span, key))
        now = mention.resolved(*done[span])
        return None if now is mention else now

    # spans that end before the slot being read can never be asked for again (every later slot
    # starts at or after it): they are let go, so that these tables hold a sentence, not an article
    ending: list[tuple[int, int, dict, tuple]] = []  # (end, order met: no two alike, table, key)
    order = itertools.count()
    for start, _, i, role in slots:
        while ending and ending[0][0] < start:
            _, _, table, key = heapq.heappop(ending)
            table.pop(key, None)
        if role == NAME_ROLE:
            mention = names[i].mention
            # « Kremlin » of the source « le Kremlin »: the role's reading, capital or seat of power
            found = by_span.get((mention.start, mention.end)) or by_span.get((mention.end, normalise(mention.text)))
            if found is None:
                span = (mention.start, mention.end, NAME_ROLE)
                if span not in done:
                    done[span] = resolver.resolve(mention, NAME_ROLE) if _named_enough(mention, resolver) else ()
                    resolver.remember(mention, done[span])
                    heapq.heappush(ending, (mention.end, next(order), done, span))
                found = done[span]
            named[i] = mention.resolved(*found)
            continue
        now = resolve_role(i, role)
        if now is not None:
            changes.setdefault(i, {})[role] = now
        pending[i] -= 1
        if not pending[i] and i in changes:  # its last role: the event as extracted is let go now
            events[i] = replace(events[i], **changes.pop(i))
    for table in (slots, done, by_span, ending):  # let go before the merges
        table.clear()
    kept = [replace(n, mention=m) for n, m in zip(names, named, strict=True) if m is not None and m.entities]
    from kg.resolve.merges import merge_in_article  # the merges read this module's resolver

    return merge_in_article(events, kept, names)


def _attribute(event: Event) -> bool:
    """The object of a copular verb with a subject, indefinite, is an attribute that describes the
    subject (« les billets restent un moyen de paiement sûr », « le pont est devenu un piège »);
    without a subject it is the subject itself (« il reste un moignon de 30 cm »)."""
    return (
        event.kind == EventKind.VERBAL
        and event.lemma in COPULAR_VERBS
        and event.actor is not None
        and event.target is not None
        and event.target.determiner in _INDEFINITE
    )


def dominant_country(extraction: Extraction) -> Country | None:
    """The country an article speaks of most: the one its names (« la France », « Paris »,
    « Washington ») and nationalities (« américain ») name most often, when no other is named as
    often; None for an article of no country or of two."""
    gaz = gazetteer()
    counts: dict[str, int] = {}
    mentions = [*(n.mention for n in extraction.names), *(m for e in extraction.events for m in e.roles().values())]
    for mention in mentions:
        if mention.kind is MentionKind.NAME or mention.ner:
            found = gaz.lookup(normalise(mention.text))
            if found is not None:
                counts[found[0].iso] = counts.get(found[0].iso, 0) + 1
        for word in mention.text.split():
            if word[:1].islower() and (country := gaz.demonym(word)) is not None:
                counts[country.iso] = counts.get(country.iso, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return gaz.countries.get(ranked[0][0])


def _text_of(sentences: Iterable[Mention]) -> str:
    """The article as far as its sentences tell, each at its offset, blanks between."""
    chars: list[str] = []
    for sentence in sorted(sentences, key=lambda m: m.start):
        chars.extend(" " * (sentence.start - len(chars)))
        chars[sentence.start : sentence.start + len(sentence.text)] = sentence.text
    return "".join(chars)


def _named_enough(mention: Mention, resolver: ArticleResolver) -> bool:
    """A span spaCy's NER tagged, or a capitalised word the gazetteer knows (« au Mali », « les
    Sénégalais »); other capitalised words the NER left alone stay out."""
    if mention.ner is not None:
        return True
    name = normalise(mention.text)
    return resolver.gaz.lookup(name) is not None or resolver.gaz.demonym(name) is not None


def with_participants(events: Iterable[Event]) -> list[Event]:
    """The events a graph shows: a nominal event whose mentions name no entity (« l'accident »
    alone, « la hausse des prix ») is a trigger for the extraction, not a fact between nodes;
    a user would see an event node tied to nothing."""
    return [
        e
        for e in events
        if e.kind == EventKind.VERBAL or any(m.all_entities() for r, m in e.roles().items() if r in ENTITY_ROLES)
    ]


def unify_people(events: Iterable[Event]) -> list[Event]:
    """Across articles: a person known only by a surname (« Poutine ») is the person whose full
    name ends with it, when exactly one such full name exists. Order-independent."""
    events = list(events)
    people = {
        ent.id: ent
        for e in events
        for m in e.roles().values()
        for ent in m.all_entities()
        if ent.type is EntityType.PERSON
    }
    full_by_surname: dict[str, set[str]] = {}
    for ent in people.values():
        words = ent.label.split()
        if len(words) > 1:
            full_by_surname.setdefault(words[-1], set()).add(ent.id)
    remap = {}
    for ent in people.values():
        words = ent.label.split()
        candidates = full_by_surname.get(words[-1], set()) - {ent.id}
        if len(words) == 2 and re.fullmatch(r"\w\.", words[0]):  # « B. Obama » → Barack Obama
            candidates = {c for c in candidates if people[c].label.startswith(words[0][0])}
        elif len(words) != 1:
            continue
        if len(candidates) == 1:
            remap[ent.id] = people[next(iter(candidates))]

    def full_name(x: Entity) -> Entity:
        new = remap[x.id]
        return replace(new, aliases=x.aliases, role=x.role or new.role)

    return _remapped(events, remap.keys(), full_name)


def unify_things(events: Iterable[Event]) -> list[Event]:
    """Across articles: one node for a thing named with capitals in one place and as a common
    noun in another (« Internet » / « l'internet », « Vendée Globe » / « le vendée Globe »,
    « Lancement » in a headline / « le lancement »), and for an institution also written in
    lower case (« l'Assemblée nationale » / « l'assemblée nationale »): the name's id and the
    common noun's ``thing-`` id say the same words. A thing never joins a person, place, country
    or group, nor a one-word organisation (« La Poste » is not « son poste »); singular and
    plural are already one thing by the head's lemma (« fonds » stays apart from « fond »). The
    node kept is the one most mentioned, then a name rather than a common noun; its label and
    type are chosen from all the mentions, so the result does not depend on article order."""
    events = list(events)
    mentioned: dict[str, int] = {}
    labels: dict[str, set[str]] = {}
    organisations: set[str] = set()
    for e in events:
        for m in e.roles().values():
            for ent in m.all_entities():
                mentioned[ent.id] = mentioned.get(ent.id, 0) + 1
                if ent.type in (EntityType.THING, EntityType.ORGANIZATION):
                    labels.setdefault(ent.id, set()).add(ent.label)
                    if ent.type is EntityType.ORGANIZATION:
                        organisations.add(ent.id)
    variants: dict[str, list[str]] = {}
    for key in sorted(labels):
        variants.setdefault(thing_words(key) if key.startswith("thing-") else key, []).append(key)

    def label_of(key: str) -> str:  # as the graph merges labels: the shortest, then alphabetical
        return min(labels[key], key=lambda label: (len(label), label))

    remap: dict[str, tuple[str, str, EntityType]] = {}
    for keys in variants.values():
        if len(keys) < 2:
            continue
        named = [k for k in keys if k in organisations and not k.startswith("thing-")]
        if named:
            if len(named) > 1 or len(label_of(named[0]).split()) < 2:
                continue
            kept = named[0]
        elif any(not k.startswith("thing-") for k in keys):
            kept = max(keys, key=lambda k: (mentioned[k], not k.startswith("thing-"), k))
        else:
            continue  # common nouns alone: « la loi » of two articles are two laws
        kind = EntityType.ORGANIZATION if kept in organisations else EntityType.THING
        remap.update({k: (kept, label_of(kept), kind) for k in keys if k != kept})

    def kept_node(x: Entity) -> Entity:
        key, label, kind = remap[x.id]
        return replace(x, id=key, label=label, type=kind)

    return _remapped(events, remap.keys(), kept_node)


def unify_names(
    events: list[Event], names: list[EntityMention], *steps: Callable[[list[Event]], list[Event]]
) -> tuple[list[Event], list[EntityMention]]:
    """``events`` and ``names`` through the cross-article ``steps`` (``unify_people``,
    ``unify_things``) as one whole: each name rides as the target of a carrier event, so that
    « Mahama » named in one article and « John Mahama » acting in another are joined the same
    way whether or not an event holds them. The steps keep the length and order of events."""
    carriers = [Event(action=n.mention, lemma="", target=n.mention, doc_id=n.doc_id) for n in names]
    together = [*events, *carriers]
    for step in steps:
        together = step(together)
    back = together[len(events) :]
    return together[: len(events)], [replace(n, mention=c.target) for n, c in zip(names, back, strict=True)]


def _remapped(events: list[Event], ids: Iterable[str], change: Callable[[Entity], Entity]) -> list[Event]:
    """Events whose entities with one of the ``ids`` are replaced by ``change(entity)``."""
    ids = frozenset(ids)
    if not ids:
        return events

    def fix(m: Mention) -> Mention:
        return m.resolved(*(change(x) if x.id in ids else x for x in m.all_entities()))

    def fixed(e: Event) -> Event:  # only the events that change are copied: most do not
        changes = {r: fix(m) for r, m in e.roles().items() if any(x.id in ids for x in m.all_entities())}
        return replace(e, **changes) if changes else e

    return [fixed(e) for e in events]
