"""Token → Mention with a tight span, the way a graph node should be named.

« la région de Koursk dont les forces … » → « la région de Koursk »: determiners, adjectives,
names and « de » complements stay; relative clauses, other PPs and conjuncts go.
Quantities and containers are split off: « une grande quantité d'armes » → the thing is
« armes », the quantity « une grande quantité ».
"""

from __future__ import annotations

import sys
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from kg.data import words
from kg.extract.syntax import DATE_WORDS, NP_DE_CASES, NP_INNER, case_of, is_time, lower
from kg.french import LOCUTIONS
from kg.model import Mention, MentionKind
from kg.text import fold

EDGE_PUNCT = " \t,;:.!?()[]\"'«»“”-–—"

# Heads that measure or group the thing rather than being it: « une grande quantité d'armes ».
CONTAINERS = words("container_nouns")
DAY_PARTS = words("day_parts")  # folded, compounds joined
QUANTITY_WORDS = words("quantity_words")
COUNTS = words("count_nouns")
DEFINITE = words("definite_determiners")


def _inner(token: Token, skip_numbers: bool) -> set[int]:
    """Indices of the tokens that belong to the tight phrase headed by ``token``."""
    keep = {token.i}
    if token.pos_ == "ADJ":
        # « américains, sud-coréens et ukrainiens »: coordinated adjectives are one modifier
        for child in token.children:
            if child.dep_ == "conj" and child.pos_ == "ADJ":
                keep |= {t.i for t in child.subtree}
    for child in token.children:
        dep = child.dep_
        if skip_numbers and _is_number_part(child):
            continue
        if (
            dep == "amod"
            and child.i > token.i
            and any(c.dep_ in ("xcomp", "obl:arg", "obl:mod", "advcl", "ccomp", "obj") for c in child.children)
        ):
            continue  # « technologies susceptibles de renforcer … »: the adjective's clause is not the name
        if dep in NP_INNER:
            keep |= _inner(child, skip_numbers=False)
        elif dep == "nmod" and case_of(child) in NP_DE_CASES and child.i > token.i:
            keep |= _inner(child, skip_numbers=False) | {c.i for c in child.children if c.dep_ == "case"}
        elif dep == "nmod" and child.pos_ == "PROPN" and child.i == max(keep) + 1 and not case_of(child):
            keep |= _inner(child, skip_numbers=False)  # « la capsule Dragon »
        elif dep == "appos" and child.pos_ == "PROPN" and child.i == max(keep) + 1:
            keep |= _inner(child, skip_numbers=False)
    return keep


CARDINALS = words("cardinals")


NAME_LINKS = words("name_links")


def _is_name(entity: Span) -> bool:
    """A NER span made of capitalised words and name links (« Corée du Nord »)."""
    return all(t.text[:1].isupper() or t.is_digit or lower(t) in NAME_LINKS for t in entity)


def _entity_around(doc, i: int) -> tuple[int, int] | None:
    """(first, last) token of the named entity holding token ``i``, if it is a real name.

    Walks the IOB tags instead of building ``doc.ents``, which is costly when done per mention."""
    if not doc[i].ent_type_:
        return None
    lo = i
    while doc[lo].ent_iob_ == "I" and lo > 0:
        lo -= 1
    hi = i
    while hi + 1 < len(doc) and doc[hi + 1].ent_iob_ == "I":
        hi += 1
    return (lo, hi) if _is_name(doc[lo : hi + 1]) else None


def _is_number_part(token: Token) -> bool:
    """« 3 000 », « douze », « plusieurs »; not the article « un » nor an ordinal."""
    word = lower(token)
    if any(ch.isdigit() for ch in word) or word in CARDINALS:
        return True
    return token.dep_ == "nummod" and word not in ("un", "une")


def _contiguous(indices: set[int], head: int) -> tuple[int, int]:
    """The run of consecutive indices around the head: gaps cut the phrase."""
    lo = hi = head
    while lo - 1 in indices:
        lo -= 1
    while hi + 1 in indices:
        hi += 1
    return lo, hi


POSSESSIVES = words("possessives")


def _word_end(doc: Doc, i: int) -> int:
    """The last token of the word ``doc[i]`` starts: « Celui-ci » is cut « Celui | - | ci » and
    the parser makes each piece a subject; the mention is the whole word."""
    while i + 2 < len(doc) and doc[i + 1].text == "-" and not doc[i].whitespace_ and not doc[i + 1].whitespace_:
        if not doc[i + 2].text.isalpha():
            break
        i += 2
    return i


def kind_of(token: Token) -> MentionKind:
    """« son » heading a mention (« son envie de participer » → actor son) stands for its
    possessor, as a pronoun does."""
    if token.pos_ == "PRON" or (token.pos_ == "DET" and lower(token) in POSSESSIVES):
        return MentionKind.PRONOUN
    if token.pos_ == "PROPN" or token.ent_type_ in ("PER", "LOC", "ORG"):
        return MentionKind.NAME
    return MentionKind.NOUN


def span_mention(
    doc_offset: int,
    start_char: int,
    end_char: int,
    text: str,
    kind: MentionKind,
    head: Token | None = None,
    complements: tuple[Mention, ...] = (),
) -> Mention | None:
    """A mention of text[start:end] (in-paragraph offsets) trimmed of edge punctuation, with
    what its ``head`` token says of it: lemma, NER label, agreement and determiner."""
    while (
        start_char < end_char
        and text[start_char] in EDGE_PUNCT
        and not (text[start_char] in "-–" and start_char + 1 < end_char and text[start_char + 1].isdigit())
    ):
        start_char += 1
    # a final apostrophe is an elision and stays: « j' », « l' », « qu' »
    while end_char > start_char and text[end_char - 1] in EDGE_PUNCT and text[end_char - 1] not in "'’":
        end_char -= 1
    if start_char >= end_char:
        return None
    if head is None:
        return Mention(text[start_char:end_char], doc_offset + start_char, doc_offset + end_char, kind)
    return Mention(
        text=text[start_char:end_char],
        start=doc_offset + start_char,
        end=doc_offset + end_char,
        kind=kind,
        head=word(head.lemma_),
        ner=word(head.ent_type_) or None,
        pos=word(head.pos_),
        gender=_feature(head, "Gender"),
        number=_feature(head, "Number"),
        determiner=word(_determiner(head)),
        complements=complements,
    )


def word(text: str) -> str:
    """One shared copy of a word that many mentions repeat (a lemma, a tag, « Fem », « les »):
    spaCy hands out a new string at each access, and a 20 MB article has 300,000 reports."""
    return sys.intern(text)


def tokens_mention(offset: int, doc, lo: int, hi: int, kind: MentionKind, head: Token | None = None) -> Mention | None:
    """Mention of tokens ``lo``..``hi`` of a parsed paragraph (``doc.text`` is rebuilt from all
    tokens at every access: slice the span instead), with the « de » complements of a nominal
    head that lie inside it."""
    piece = doc[lo : hi + 1].text
    nominal = head is not None and kind in (MentionKind.NAME, MentionKind.NOUN, MentionKind.PRONOUN)
    complements = _complements(head, lo, hi, offset) if nominal else ()
    return span_mention(offset + doc[lo].idx, 0, len(piece), piece, kind, head, complements)


def _feature(token: Token, key: str) -> str | None:
    """The one value of an agreement feature (« Fem »); None when absent, or ambiguous
    (« Gender=Fem,Masc »: compatible with both)."""
    values = token.morph.get(key)
    return word(values[0]) if len(values) == 1 else None


def _determiner(token: Token) -> str:
    """« les » of « les forces », « l' » of « l'armée »: the first determiner before the head."""
    for child in token.children:
        if child.dep_ == "det" and child.i < token.i:
            return lower(child)
    return ""


def _complements(head: Token, lo: int, hi: int, offset: int) -> tuple[Mention, ...]:
    """The « de » complements of ``head`` inside tokens ``lo``..``hi``, each a mention without
    its preposition: « la région de Koursk » → (« Koursk »,)."""
    found = []
    for child in head.children:
        if child.dep_ != "nmod" or child.i <= head.i or not lo <= child.i <= hi:
            continue
        cases = [c for c in child.children if c.dep_ == "case" and c.i < child.i]
        if not cases or case_of(child) not in NP_DE_CASES:
            continue
        inner = _inner(child, skip_numbers=False)
        first, last = _contiguous(inner, child.i)
        first, last = max(first, cases[-1].i + 1), min(last, hi)
        mention = tokens_mention(offset, head.doc, first, last, kind_of(child), child)
        if mention is not None:
            found.append(replace(mention, case=cases[-1].text.lower()))
    return tuple(found)


def noun_mention(token: Token, offset: int, skip_numbers: bool = False) -> Mention | None:
    """Tight mention of the phrase headed by ``token``; ``offset`` shifts to text offsets."""
    inner = _inner(token, skip_numbers)
    locution = (token.head.lemma_, token.lemma_.lower()) in LOCUTIONS
    if locution:  # « font état d'exactions »: the noun alone, its « de » complement is the verb's
        inner = {token.i, *(c.i for c in token.children if c.dep_ == "det")}
    lo, hi = _contiguous(inner, token.i)
    doc = token.doc
    hi = _word_end(doc, hi)
    # the parser often splits names the NER got whole: « Corée | du Nord », « Vladimir | Poutine »
    at_end = _entity_around(doc, hi)
    if at_end is not None and at_end[0] >= lo:
        hi = max(hi, at_end[1])
    at_head = _entity_around(doc, token.i)
    if at_head is not None:
        lo, hi = min(lo, at_head[0]), max(hi, at_head[1])
    named = _name_after(token, hi)
    if named is not None:
        hi = named
    mention = tokens_mention(offset, doc, lo, hi, kind_of(token), token)
    return replace(mention, locution=True) if locution and mention is not None else mention


def _names_the_count(token: Token) -> bool:
    """« Ni la Corée ni la Russie n'ont indiqué le nombre de victimes »: the number itself is
    indicated (a definite « le nombre de »), not the victims."""
    return token.lemma_.lower() in COUNTS and any(
        c.dep_ == "det" and c.i < token.i and lower(c) in DEFINITE for c in token.children
    )


def _name_after(token: Token, hi: int) -> int | None:
    """Last token of a name right after a common noun that it names, whose words all hang on the
    noun or on each other: « la société Air Liquide », « le quotidien Le Monde » (the parser
    often makes « Air » an adjective); the resolver then knows the organisation by its name."""
    if token.pos_ != "NOUN" or hi != token.i or hi + 1 >= len(token.doc):
        return None
    found = _entity_around(token.doc, hi + 1)
    if found is None or found[0] != hi + 1:
        return None
    inside = range(found[0], found[1] + 1)
    if all(t.head.i == token.i or t.head.i in inside for t in token.doc[found[0] : found[1] + 1]):
        return found[1]
    return None


def thing_and_quantity(token: Token, offset: int) -> tuple[Token, Mention | None]:
    """« une grande quantité d'armes » → (armes, « une grande quantité »);
    « environ 3 000 soldats » → (soldats, « environ 3 000 »)."""
    doc = token.doc
    if token.lemma_.lower() in CONTAINERS and not _names_the_count(token):
        things = [c for c in token.children if c.dep_ == "nmod" and case_of(c) in NP_DE_CASES and c.i > token.i]
        if things:
            thing = things[0]
            lo = min(t.i for t in token.subtree if t.i <= token.i)
            quantity = tokens_mention(offset, doc, lo, token.i, MentionKind.QUANTITY)
            return thing, quantity
    numbers = [c for c in token.children if c.i < token.i and (_is_number_part(c) or lower(c) in QUANTITY_WORDS)]
    # « environ » may hang on the verb: « a envoyé environ 3 000 soldats »
    if numbers:
        lo = min(min(t.i for t in c.subtree) for c in numbers)
        before = doc[lo - 1] if lo > 0 else None
        if before is not None and lower(before) in QUANTITY_WORDS and before.head.i in (token.i, token.head.i):
            lo -= 1
        hi = max(max(t.i for t in c.subtree) for c in numbers)
        quantity = tokens_mention(offset, doc, lo, hi, MentionKind.QUANTITY)
        return token, quantity
    return token, None


def clause_mention(verb: Token, offset: int, include_mark: bool = True) -> Mention | None:
    """The clause headed by ``verb``: « pour soutenir la Russie »."""
    tokens = [t for t in verb.subtree if include_mark or not (t.dep_ == "mark" and t.head == verb)]
    doc = verb.doc
    lo, hi = tokens[0].i, tokens[-1].i
    return tokens_mention(offset, doc, lo, hi, MentionKind.CLAUSE, verb)


CLAUSE_DEPS = frozenset({"acl", "acl:relcl", "advcl", "ccomp", "xcomp", "parataxis", "conj", "appos"})


def time_mention(heads: list[Token], offset: int) -> Mention | None:
    """The time phrase of ``heads[0]`` joined to the phrases of the others that touch it with
    only punctuation between: « Hier, vers midi », « lundi 17 février, à 14 h 30 ». Each phrase
    keeps its preposition, « de » complements and the times coordinated with it (« les 6 et
    13 avril prochains »), and leaves out other phrases hanging on it: « le 27 mai 1998 »
    (not « …, dans les bois »)."""
    if not heads:
        return None
    doc = heads[0].doc
    (lo, hi), *others = [_contiguous(_time_phrase(h), h.i) for h in heads]

    def touches(a: int, b: int) -> bool:
        return a <= b and all(doc[k].is_punct for k in range(a, b))

    joined = True
    while joined:
        joined = False
        for first, last in others:
            if (first > hi and touches(hi + 1, first)) or (last < lo and touches(last + 1, lo)):
                lo, hi, joined = min(lo, first), max(hi, last), True
        others = [(first, last) for first, last in others if first > hi or last < lo]
    while hi + 1 < len(doc) and not doc[hi].whitespace_ and "-" in (doc[hi].text, doc[hi + 1].text):
        hi += 1  # « ce week-end », « ce moment-là »: the parser splits at the hyphen
    head = heads[0]
    if head.dep_ == "fixed" and head.head.pos_ == "ADP" and head.head.i == lo - 1:
        lo -= 1  # « dès hier »
    return tokens_mention(offset, doc, lo, hi, MentionKind.TIME, head)


# What a time phrase leaves out even when the parser makes the time its head: « Nous sommes
# en ce moment même… », « C'est en 2006 qu'… ».
TIME_PHRASE_OUT = frozenset({"cop", "aux", "aux:tense", "aux:pass", "expl:subj", "mark"})


def _time_phrase(token: Token) -> set[int]:
    keep = {token.i}
    copula = any(c.dep_ == "cop" for c in token.children)
    for child in token.children:
        if child.dep_ in CLAUSE_DEPS and not (child.dep_ == "conj" and (is_time(child) or child.like_num)):
            continue
        if child.dep_ in TIME_PHRASE_OUT or (copula and child.dep_ in ("nsubj", "nsubj:pass")):
            continue
        if (
            child.dep_ == "nmod"
            and case_of(child) in NP_DE_CASES
            and not is_time(child)
            and (token.lemma_.lower() in DATE_WORDS or fold(token.lemma_) in DAY_PARTS)
        ):
            continue  # « faisait part dimanche soir de son étonnement »; but « le jour de son lancement »
        if (
            child.dep_ in ("nmod", "appos", "obl", "obl:mod", "dep", "nsubj", "obj")
            and child.pos_ in ("NOUN", "PROPN", "PRON")
            and not is_time(child)
            and case_of(child) not in NP_DE_CASES
        ):
            continue  # « le 27 mai 1998, dans les bois »: a place, not part of the date
        keep |= _time_phrase(child)
    return keep


def sentence_mention(sent: Span, offset: int, paragraph: str) -> Mention:
    """``paragraph`` is ``sent.doc.text``, given by the caller: spaCy rebuilds it token by token
    at each access, and ``Span.text`` does so for the sentence."""
    start, end = sent.start_char, sent.end_char
    return Mention(text=paragraph[start:end], start=offset + start, end=offset + end, kind=MentionKind.SENTENCE)


def verb_mention(verb: Token, offset: int) -> Mention:
    return Mention(
        text=word(verb.text),
        start=offset + verb.idx,
        end=offset + verb.idx + len(verb),
        kind=MentionKind.VERB,
        head=word(verb.lemma_),
    )
