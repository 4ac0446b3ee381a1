"""What the text commits to about an event: modality, source, time.

- negation: « ne … pas / jamais / plus / rien / ni » on the verb or its auxiliary (an
  expletive « ne » alone, as in « craignent que la Russie ne récompense », does not negate);
- hypothetical: under a verb of fear, wish or possibility (« craignent que »), in a « si »
  clause or its main clause, or in the subjunctive;
- alleged: the journalistic conditional (« aurait envoyé »);
- reported: « selon X », or a clause under a reporting verb (« X a déclaré que … »), with X as
  the source.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from kg.data import words
from kg.extract.syntax import (
    ADVCL,
    CCOMP,
    CONJ,
    NP_DE_CASES,
    SUBJ,
    case_of,
    children,
    conjuncts,
    has_morph,
    is_date,
    is_time,
    lower,
    verb_chain,
)
from kg.model import Event, Modality

NEGATORS = words("negators")
NE = words("ne")

REPORTING = words("reporting_verbs")
RELATIVE_DAYS = words("relative_day_adverbs")
MODALS = words("modals")
HYPOTHETICAL = words("hypothetical_verbs")


def is_negated(verb: Token) -> bool:
    """« n'avait ni confirmé ni infirmé », « n'oubliera jamais »; not the expletive « ne »."""
    chain = verb_chain(verb)
    words = {lower(c) for t in chain for c in t.children if c.dep_ in ("advmod", "cc", "det", "obj", "nsubj")}
    has_ne = bool(words & NE) or any(lower(c) in NE for c in verb.children)
    if has_ne and words & NEGATORS:
        return True
    # « ni confirmé ni infirmé »: the negation of the first conjunct carries over
    if verb.dep_ == CONJ and any(lower(c) == "ni" for c in verb.children):
        return is_negated(verb.head) or has_ne
    if has_ne and any(lower(c) == "ni" for c in verb.children if c.dep_ == "cc"):
        return True
    return has_ne and _ni_argument(verb)


# Where « ni » coordinates the verb's own phrases: « Ni la Corée ni la Russie n'ont indiqué »,
# « ne satisfait ni les syndicats ni les organisations », « ni chez les patients ni chez… ».
_NI_ARGUMENTS = frozenset({"nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:arg", "obl:mod"})


def _ni_argument(verb: Token) -> bool:
    """« ne » with « ni » before a subject, object or oblique of the verb (or a conjunct of one),
    or standing alone before the verb (the parser reads a first « Ni » as punctuation)."""
    for c in verb.children:
        if lower(c) == "ni":
            return True
        if c.dep_ in _NI_ARGUMENTS:
            for k in conjuncts(c):
                if any(lower(g) == "ni" and g.dep_ == "cc" for g in k.children):
                    return True
    return False


def _conditional(verb: Token) -> bool:
    return any(has_morph(t, "Mood", "Cnd") for t in verb_chain(verb))


def _si_clause(verb: Token) -> bool:
    """The verb heads a « si » clause, or is the main verb of one; « comme si » compares, it sets
    no condition (« ont défendu notre patrie comme s'il s'agissait de la leur »)."""

    def conditional(v: Token) -> bool:
        marks = {lower(m) for m in v.children if m.dep_ == "mark"}
        return bool(marks & {"si", "s'"}) and "comme" not in marks

    return conditional(verb) or any(c.dep_ == ADVCL and conditional(c) for c in verb.children)


def _governor_clause(verb: Token) -> Token | None:
    """The verb whose complement clause ``verb`` heads (through coordination)."""
    node = verb
    while node.dep_ == CONJ and node.head != node:
        node = node.head
    if node.dep_ in (CCOMP, "xcomp", "advcl", "parataxis") and node.head != node:
        return node.head
    return None


def modality(verb: Token) -> Modality:
    """The strongest claim the sentence makes about this event (see ``Modality``)."""
    if is_negated(verb):
        return Modality.NEGATED
    gov = _governor_clause(verb)
    node = verb
    while gov is not None:
        if gov.lemma_ in HYPOTHETICAL and node.dep_ in (CCOMP, "xcomp", "conj"):
            return Modality.HYPOTHETICAL
        node, gov = gov, _governor_clause(gov)
    if _si_clause(verb) or has_morph(verb, "Mood", "Sub"):
        return Modality.HYPOTHETICAL
    if _conditional(verb):
        return Modality.ALLEGED
    if source_token(verb) is not None:
        return Modality.REPORTED
    return Modality.ASSERTED


ALLEGATIONS = words("allegation_adjectives")
# How a noun hangs on the verb whose clause it is in: « Selon X, la Corée … a confirmé l'envoi ».
_NOUN_TO_CLAUSE = frozenset(
    {"nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:arg", "obl:mod", "nmod", "appos", "conj"}
)


def governing_verb(noun: Token) -> Token | None:
    """The verb whose clause the noun phrase of ``noun`` is in, climbing through noun phrases:
    « la victoire de la Russie à Koursk priverait » → priverait."""
    node = noun
    while node.dep_ in _NOUN_TO_CLAUSE and node.head != node:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def nominal_modality(noun: Token, verb: Token | None) -> Modality:
    """A nominal event is as far committed to as the clause it is in (« Si elle est confirmée, la
    victoire … priverait » → hypothetical; « selon X » → reported), or alleged when an adjective
    says so (« l'envoi présumé »); the clause's negation is not the event's (« n'a pas confirmé
    l'envoi » does not deny the sending)."""
    if any(c.dep_ in ("amod", "acl") and lower(c) in ALLEGATIONS for c in noun.children):
        return Modality.ALLEGED
    if verb is None:
        return Modality.ASSERTED
    found = modality(verb)
    return Modality.ASSERTED if found is Modality.NEGATED else found


def source_token(verb: Token) -> Token | None:
    """Who says so: « selon X » on the verb or above it, or the subject of a reporting verb
    whose complement clause the verb heads (« l'armée a déclaré que la Corée avait envoyé »)."""
    node: Token | None = verb
    while node is not None:
        for c in node.children:
            if c.dep_ in ("obl:mod", "obl", "nmod", "advmod") and case_of(c).startswith("selon"):
                return c
        gov = _governor_clause(node)
        if gov is not None and gov.lemma_ in REPORTING and _clause_dep(node) in (CCOMP, "parataxis"):
            subjects = children(gov, SUBJ)
            if subjects:
                return subjects[0]
        node = gov
    # « X, a déclaré Y » / « …", a déclaré Y »: a reporting verb in parataxis under the verb
    for c in verb.children:
        if c.dep_ == "parataxis" and c.lemma_ in REPORTING:
            subjects = children(c, SUBJ)
            if subjects:
                return subjects[0]
    return None


def _clause_dep(verb: Token) -> str:
    node = verb
    while node.dep_ == CONJ and node.head != node:
        node = node.head
    return node.dep_


TIME_DEPS = frozenset({"obl:mod", "obl:arg", "obl", "nmod", "advmod"})
# Where a misattached time may hang below the verb: its noun phrases, not its clauses.
PHRASE_DEPS = frozenset(
    {"obj", "obl", "obl:mod", "obl:arg", "iobj", "nsubj", "nsubj:pass", "nmod", "appos", "dep", "advmod"}
)


def time_tokens(verb: Token) -> list[Token]:
    """The time phrases on the verb, first the one the event is dated by: « ce lundi »,
    « à l'automne dernier », « Hier, vers midi » (two). Then, or alone, a date the parser hung on
    one of the verb's noun phrases: « rouvrira ses portes lundi 6 septembre », « sera installé
    à Strasbourg demain »; and a date it took for a second subject: « Ce dimanche, l'office
    organise… »."""
    subjects = children(verb, SUBJ)
    found = [
        c
        for c in verb.children
        if (c.dep_ in TIME_DEPS and is_time(c))
        or (c.dep_ == "obj" and is_time(c, strict=True))
        or (c.dep_ in SUBJ and len(subjects) > 1 and is_date(c))
    ]
    if not found and verb.dep_ == "xcomp" and verb.head.lemma_ in MODALS:
        # « les daltoniens peuvent désormais distinguer… »: the modal yields no event, its
        # time is the infinitive's
        found = [c for c in verb.head.children if c.dep_ in TIME_DEPS and is_time(c)]
    return [*found, *_nested_dates(verb)]


def _nested_dates(verb: Token) -> list[Token]:
    """The dates (``is_date``) inside the verb's noun phrases, not inside a clause nor a noun's
    « de » complement, nearest first."""
    found = []
    todo = [c for c in verb.children if c.dep_ in PHRASE_DEPS]
    while todo:
        node = todo.pop(0)
        if node.pos_ in ("VERB", "AUX"):
            continue
        if is_date(node):
            found.append(node)
            continue
        if case_of(node) in NP_DE_CASES and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
            continue  # « les élections du 30 mai »: the noun's date, not the verb's
        if node.dep_ == "fixed" and lower(node) in RELATIVE_DAYS and node.head.pos_ == "ADP":
            found.append(node)  # « a nommé dès hier X »: the parser hangs « dès hier » on X
            continue
        todo.extend(c for c in node.children if c.dep_ in PHRASE_DEPS | {"case", "fixed"})
    return found


DENIALS = words("denial_verbs")
CLAIMS = words("claim_nouns")


def link_denials(events: list[Event]) -> list[Event]:
    """« La Russie a déclaré que ses troupes avaient repris Koursk. Une affirmation démentie par
    les autorités ukrainiennes. » → the reported reprise is ``disputed_by`` the authorities.

    A claim noun (« affirmation », « annonce »…) that is the target of a denial verb points
    back to the reported or alleged events of the sentence just before, in the same paragraph.
    """
    out = list(events)
    for denial in events:
        if denial.lemma not in DENIALS or denial.actor is None or denial.target is None:
            continue
        if denial.target.head not in CLAIMS or denial.sentence is None:
            continue
        earlier = [e for e in out if e.sentence is not None and e.sentence.end <= denial.sentence.start]
        if not earlier:
            continue
        last = max(e.sentence.start for e in earlier)
        for i, event in enumerate(out):
            if (
                event.sentence is not None
                and event.sentence.start == last
                and event.modality in (Modality.REPORTED, Modality.ALLEGED)
            ):
                out[i] = replace(event, disputed_by=denial.actor)
    return out
