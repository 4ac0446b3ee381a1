"""Event nouns → nominal events: « l'envoi de troupes en Russie », « la victoire de la Russie à
Koursk », « Premier doublé de la Scuderia en Principauté ».

The noun is the trigger and its verb the lemma where there is one (« envoi » → envoyer; a noun
of no verb, « guerre », is its own lemma). Its roles come from its dependents:

- a possessive determiner is the agent: « ses troupes », « son arrivée » → actor « son »
  (resolution links it to the country or body last named);
- a « de » complement is the agent or the theme by the noun's class in the lexicon: « l'annonce
  de la Corée du Nord » agent, « l'envoi de troupes » theme; a complement of an agent noun that
  cannot act (« l'annonce de sanctions ») is its theme; a place name without article after a
  noun of no verb is where it happened (« la guerre de Corée »);
- « par X » is the agent; « à / au / aux X » the recipient (a party) or the destination or place
  (a place); « en X », « vers X » a destination after a noun of sending, else a place;
- a date or time on the noun is its time.

The lexicon is data: ``deverbal_nouns.tsv`` (derived from the lemmatizer's tables by
``scripts/derive_event_nouns.py``, then curated) and ``event_nouns.tsv`` (written by hand).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import NamedTuple

from spacy.tokens import Token

from kg.data import document, pairs, words
from kg.extract.mentions import noun_mention, thing_and_quantity, time_mention, tokens_mention
from kg.extract.syntax import NP_DE_CASES, SUBJ, case_of, has_morph, is_time, lower
from kg.french import LOCUTIONS
from kg.model import Event, EventKind, Mention, MentionKind

__all__ = ["EventNoun", "event_noun", "headline_noun", "marked", "nominal_events"]

POSSESSIVES = words("possessives")
AGENT_CASES = words("agent_cases")
RECIPIENT_CASES = words("recipient_cases")
DESTINATION_CASES = words("destination_cases")
PLACE_CASES = words("place_cases")
SENDING = words("sending_verbs")
GIVING = words("giving_verbs")
OFFICES = words("office_nouns")
CONTRACTED = frozenset({"du", "des", "au", "aux"})
# Dependents through which a noun takes its arguments
_ARGUMENT_DEPS = frozenset({"nmod", "obl", "obl:mod", "obl:arg"})


class EventNoun(NamedTuple):
    """A lexicon entry: the event's lemma (its verb, or the noun) and what its « de » complement is."""

    lemma: str
    de_role: str  # "agent" or "theme"


@cache
def lexicon() -> dict[str, EventNoun]:
    """noun → entry; the hand-written ``event_nouns.tsv`` wins over the derived list."""
    found: dict[str, EventNoun] = {}
    for name in ("deverbal_nouns", "event_nouns"):
        for noun, verb, role in pairs(name):
            found[noun] = EventNoun(noun if verb == "-" else verb, role)
    return found


def headline_noun(token: Token) -> bool:
    """« Premier doublé de la Scuderia en Principauté »: a headline has no verb, and the parser
    reads its event noun as a participle heading the sentence, with no subject, auxiliary or
    object; such a token is the noun when the lexicon has its form."""
    return (
        token.pos_ == "VERB"
        and token.dep_ == "ROOT"
        and has_morph(token, "VerbForm", "Part")
        and lower(token) in lexicon()
        and not any(c.dep_ in SUBJ or c.dep_ in ("obj", "cop") or c.dep_.startswith("aux") for c in token.children)
    )


def event_noun(token: Token) -> EventNoun | None:
    """The lexicon entry of a common noun that names an event here; None otherwise (not a noun,
    the noun part of a locution: « a eu lieu », « fait état »)."""
    if headline_noun(token):
        return lexicon()[lower(token)]
    if token.pos_ != "NOUN":
        return None
    entries = lexicon()
    entry = entries.get(token.lemma_.lower()) or entries.get(lower(token))
    if entry is None:
        return None
    if (token.head.lemma_, token.lemma_.lower()) in LOCUTIONS:
        return None
    if _classifier(token) or _name_or_person(token) or _bare_argument(token):
        return None
    return entry


def marked(mention: Mention | None, token: Token) -> Mention | None:
    """« a confirmé l'envoi de troupes », « la montée des tensions »: an event noun heading a
    participant is marked, so that resolution leaves it to its nominal event instead of making a
    thing of it; so is one that says what kind another noun is (« suspension de séance », « en
    début de séance »): it names no participant either."""
    if mention is None or mention.event_noun or _named(token):
        return mention
    if event_noun(token) is not None or (_in_lexicon(token) and _classifier(token)):
        return replace(mention, event_noun=True)
    return mention


_NAME_DEPS = frozenset({"nmod", "appos", "flat:name"})


def _named(token: Token) -> bool:
    """« le projet Afripédia », « l'ouragan Sandy »: an event noun with its name right after it
    names that one thing, which stays a participant."""
    return any(c.i == token.i + 1 and c.pos_ == "PROPN" and c.dep_ in _NAME_DEPS for c in token.children)


def _in_lexicon(token: Token) -> bool:
    entries = lexicon()
    return token.pos_ == "NOUN" and (token.lemma_.lower() in entries or lower(token) in entries)


def _bare_argument(token: Token) -> bool:
    """« lâcher prise », « mettre en action », « Plaintes déposées », « reste de mise »: a noun
    with no determiner nor dependent as the argument of a verb, or as the predicate of a copula,
    is part of an idiom, or a headline's cut phrase."""
    bare = not any(c.dep_ in ("det", "nummod", "amod", "nmod") or lower(c) in CONTRACTED for c in token.children)
    predicate = any(c.dep_ == "cop" for c in token.children)
    # « nmod » of a verb is the parser's slip for « reste de mise »
    argument = token.dep_ in ("obj", "obl:arg", "nsubj:pass", "nmod") and token.head.pos_ not in ("NOUN", "PROPN")
    return bare and (argument or predicate)


def _name_or_person(token: Token) -> bool:
    """« le Congrès » capitalised and tagged an organisation is a body; masculine
    « mort » is the dead person: « un mort », « trois morts » (« la mort » is the event)."""
    if token.text[:1].isupper() and token.ent_type_ == "ORG":
        return True
    return token.lemma_.lower() == "mort" and (
        has_morph(token, "Gender", "Masc") or any(c.dep_ == "nummod" for c in token.children)
    )


def _classifier(token: Token) -> bool:
    """« le pouvoir d'achat », « un point de vente », « la Cour d'appel », « le comité des
    fêtes » (« des » = « de les »: no determiner of its own)… and « …de stockage et de vente »:
    a noun with no determiner complementing another noun says what kind of thing that is; it
    names no event."""
    node = token
    while node.dep_ == "conj" and node.head.pos_ == "NOUN" and node.head != node:
        if any(c.dep_ == "det" for c in node.children):
            return False
        node = node.head
    if (node.head.head.lemma_, node.head.lemma_.lower()) in LOCUTIONS:
        return False  # « font état de véritables agressions »: the complement is the verb's target
    # « en raison des travaux »: « des », « du », « aux » hold the article
    if node.dep_ == "nmod" and node.head.lemma_.lower() in OFFICES:
        return True  # « le ministre de la Coopération », « le responsable des ventes »
    own_det = any(
        (c.dep_ == "det" or (c.dep_ == "case" and lower(c) in CONTRACTED)) and c.i < node.i for c in node.children
    )
    return node.dep_ == "nmod" and node.head.pos_ in ("NOUN", "PROPN", "ADJ") and not own_det


COMPOUNDS = frozenset(pairs("compound_nouns"))


def _compound(noun: Token, child: Token) -> bool:
    """« une conférence de presse », « un point de vue »: the noun and its bare complement are one
    word; the complement names no participant of the event."""
    bare = not any(c.dep_ == "det" for c in child.children)
    return bare and (noun.lemma_.lower(), child.lemma_.lower()) in COMPOUNDS


def _is_party(token: Token) -> bool:
    """Could act: a name, a pronoun, a person, organisation or country."""
    return token.pos_ in ("PROPN", "PRON") or token.ent_type_ in ("PER", "ORG", "LOC")


def _is_place(token: Token) -> bool:
    return token.ent_type_ == "LOC" or (token.pos_ == "PROPN" and token.ent_type_ not in ("PER", "ORG"))


def _names_where(noun: Token, entry: EventNoun, child: Token, case: str) -> bool:
    """« la guerre de Corée », « la bataille de Decimum », « le festival de Lorient », « les jeux
    de Beyrouth »: a place name with no article after « de » says where an event of no verb took
    place; it is not its agent (« la victoire de la Russie » has the article; a deverbal noun's
    « l'annonce de Pékin » keeps its agent)."""
    return (
        entry.lemma in (noun.lemma_.lower(), lower(noun))
        and case not in CONTRACTED
        and _is_place(child)
        and not any(c.dep_ == "det" for c in child.children)
    )


def _bare_number(token: Token) -> bool:
    """A year with neither preposition nor determiner: « sa première participation … depuis la
    guerre de Corée de 1950-1953 » (the parser hangs « 1953 », cut from its range, on
    « participation »); a noun's date has one (« l'élection de 2012 », « le sommet du 5 mai »)."""
    return (token.like_num or token.text.isdigit()) and not any(c.dep_ in ("case", "det") for c in token.children)


def _dependents(noun: Token, entry: EventNoun) -> list[Token]:
    """The noun's dependents, and the « à / en X » the parser hung on its theme after a noun of
    giving or sending: « la livraison d'armes à la Russie » (as for the verbs, in roles.py)."""
    found = list(noun.children)
    if entry.lemma in GIVING or entry.lemma in SENDING:
        for theme in noun.children:
            if theme.dep_ == "nmod" and case_of(theme) in NP_DE_CASES and theme.i > noun.i:
                found += [
                    c for c in theme.children if c.dep_ == "nmod" and case_of(c) in RECIPIENT_CASES | DESTINATION_CASES
                ]
    return sorted(found, key=lambda c: c.i)


@cache
def nominal_confidence() -> float:
    """The confidence of every nominal event: the share of kg's event-noun triggers that are
    TimeBank events (``kg/data/nominal_confidence.json``, by ``scripts/nominal_confidence.py``)."""
    return float(document("nominal_confidence.json")["confidence"])


def nominal_events(noun: Token, offset: int, sentence: Mention | None, doc_id: str = "") -> list[Event]:
    """The event ``noun`` names, if it is an event noun, with the roles its dependents give."""
    entry = event_noun(noun)
    if entry is None:
        return []
    roles: dict[str, Mention | None] = {}

    def fill(role: str, mention: Mention | None) -> None:
        if mention is not None and roles.get(role) is None:
            roles[role] = mention

    for child in _dependents(noun, entry):
        dep = child.dep_
        if dep == "det" and lower(child) in POSSESSIVES and child.i < noun.i:
            fill("actor", tokens_mention(offset, noun.doc, child.i, child.i, MentionKind.PRONOUN, child))
            continue
        if dep not in _ARGUMENT_DEPS and not (dep == "advmod" and is_time(child)):
            continue
        if is_time(child) and _bare_number(child):
            continue  # « … depuis la guerre de Corée de 1950-1953 »: a range cut by the parser
        if is_time(child):
            fill("time", time_mention([child], offset))
            continue
        case = case_of(child)
        if case in NP_DE_CASES and child.i > noun.i and _names_where(noun, entry, child, case):
            fill("place", noun_mention(child, offset))
        elif case in NP_DE_CASES and child.i > noun.i:
            if entry.de_role == "agent" and _is_party(child) and "actor" not in roles:
                fill("actor", marked(noun_mention(child, offset), child))
            elif "target" not in roles and not _compound(noun, child):
                thing, quantity = thing_and_quantity(child, offset)
                fill("target", marked(noun_mention(thing, offset, skip_numbers=True), thing))
                fill("quantity", quantity)
        elif case in AGENT_CASES:
            fill("actor", marked(noun_mention(child, offset), child))
        elif case in RECIPIENT_CASES and _is_party(child) and not _is_place(child):
            fill("recipient", noun_mention(child, offset))
        elif case in DESTINATION_CASES and _is_place(child) and entry.lemma in SENDING:
            fill("destination", noun_mention(child, offset))
        elif case in PLACE_CASES and _is_place(child):
            fill("place", noun_mention(child, offset))
    action = Mention(
        text=noun.text,
        start=offset + noun.idx,
        end=offset + noun.idx + len(noun),
        kind=MentionKind.VERB,
        head=noun.lemma_,
    )
    present = {role: m for role, m in roles.items() if m is not None}
    return [
        Event(
            action=action,
            lemma=entry.lemma,
            sentence=sentence,
            doc_id=doc_id,
            kind=EventKind.NOMINAL,
            confidence=nominal_confidence(),
            **present,
        )
    ]
