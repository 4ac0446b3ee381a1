"""Parsed paragraphs → Event records. The spaCy ``Doc`` stops here.

``repairs`` fixes the parse once per Doc, ``roles`` finds who did what to whom, ``attributes``
how far the text commits to it, ``mentions`` cuts tight spans. This module strings them together.
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections.abc import Iterable, Iterator, MutableMapping
from dataclasses import replace
from itertools import product

from spacy.tokens import Doc, Span, Token

from kg import nlp
from kg.data import words
from kg.extract.attributes import (
    governing_verb,
    link_denials,
    modality,
    nominal_modality,
    source_token,
    time_tokens,
)
from kg.extract.confidence import event_features, score
from kg.extract.mentions import (
    clause_mention,
    kind_of,
    noun_mention,
    sentence_mention,
    thing_and_quantity,
    time_mention,
    tokens_mention,
    verb_mention,
    word,
)
from kg.extract.names import sentence_names
from kg.extract.nominal import headline_noun, marked, nominal_events
from kg.extract.repairs import VerbLemmas, pipeline_lemmas, repair_parse
from kg.extract.roles import frame, is_passive, is_predicate
from kg.model import EntityMention, Event, Extraction, Mention

__all__ = ["extract_articles", "extract_batch", "extract_events", "extract_features", "extract_texts"]

# Verbs that only lend tense, mood or aspect to the infinitive after them.
MODALS = words("modals")


def extract_events(text: str) -> list[Event]:
    """Events of ``text``, offsets into ``text``.

    >>> [(e.actor.text, e.lemma, e.target.text) for e in extract_events(
    ...     "La Corée du Nord a fourni une grande quantité d'armes à la Russie.")]
    [('La Corée du Nord', 'fournir', 'armes')]
    """
    return next(extract_texts([text]))


def extract_texts(
    texts: Iterable[str],
    doc_ids: Iterable[str] | None = None,
    seconds: MutableMapping[str, float] | None = None,
) -> Iterator[list[Event]]:
    """For each text, its events (``doc_id`` set from ``doc_ids`` when given). ``seconds``, when
    given, accumulates the time spent parsing (``"parse"``) and extracting (``"extract"``)."""
    for found in _extractions(texts, doc_ids, seconds, names=False):
        yield list(found.events)


def extract_articles(
    texts: Iterable[str],
    doc_ids: Iterable[str] | None = None,
    seconds: MutableMapping[str, float] | None = None,
) -> Iterator[Extraction]:
    """For each text, its events and its named spans (``kg.extract.names``): what resolution
    needs to make an entity of every name, whether or not an event holds it.

    >>> [n.mention.text for n in next(extract_articles(["Les autorités au Mali ont fermé la frontière."])).names]
    ['Mali']
    """
    return _extractions(texts, doc_ids, seconds, names=True)


def _extractions(
    texts: Iterable[str],
    doc_ids: Iterable[str] | None,
    seconds: MutableMapping[str, float] | None,
    names: bool,
) -> Iterator[Extraction]:
    """Each Doc is extracted as soon as it is parsed and then let go: a 5 MB article never has
    more than a parser batch of Docs alive, only its small records."""
    ids = iter(doc_ids) if doc_ids is not None else None
    parsed_texts = nlp.parse(texts)
    lemmas = pipeline_lemmas(nlp.load())
    clock = time.perf_counter
    parsing = extracting = 0.0
    while True:
        started = clock()
        parsed = next(parsed_texts, None)
        parsing += clock() - started
        if parsed is None:
            break
        doc_id = next(ids) if ids is not None else ""
        events: list[Event] = []
        named: list[EntityMention] = []
        while True:
            started = clock()
            unit = next(parsed, None)
            read = clock()
            parsing += read - started
            if unit is None:
                break
            offset, doc = unit
            events.extend(doc_events(doc, offset, lemmas, doc_id))
            if names:
                named.extend(doc_names(doc, offset, doc_id))
            del unit, doc
            extracting += clock() - read
        if seconds is not None:
            seconds["parse"] = seconds.get("parse", 0.0) + parsing
            seconds["extract"] = seconds.get("extract", 0.0) + extracting
            parsing = extracting = 0.0
        yield _taken(events, named)


def _taken(events: list[Event], named: list[EntityMention]) -> Extraction:
    """The records gathered, with the lists emptied: the generator suspended at its ``yield``
    holds no reference to them, so resolution can let them go as it resolves them."""
    found = Extraction(tuple(events), tuple(named))
    events.clear()
    named.clear()
    return found


def extract_batch(batch: list[tuple[str, str]]) -> list[Extraction]:
    """[(doc_id, text)] → events and names of each text: the unit of work of a parser process
    or a Dask worker (records are small to send back, parses are not)."""
    return list(extract_articles([text for _, text in batch], [doc_id for doc_id, _ in batch]))


def doc_names(doc: Doc, offset: int, doc_id: str = "") -> list[EntityMention]:
    """Named spans of one parsed (and repaired) paragraph, in text order."""
    paragraph = doc.text
    ents = doc.ents  # once: each sentence takes its own by their starts
    starts = [ent.start for ent in ents]
    found = []
    for sent in doc.sents:
        inside = [e for e in ents[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)] if e.end <= sent.end]
        found.extend(sentence_names(sent, offset, sentence_mention(sent, offset, paragraph), doc_id, inside))
    return found


def doc_events(doc: Doc, offset: int, lemmas: VerbLemmas, doc_id: str = "") -> list[Event]:
    """Events of one parsed paragraph, repaired first (in place) with ``lemmas``; ``offset`` is
    the paragraph's place in the text."""
    return [event for event, _ in _doc_scored(doc, offset, lemmas, doc_id)]


def extract_features(texts: Iterable[str]) -> Iterator[list[tuple[Event, dict[str, float]]]]:
    """For each text, its events each with the features its confidence was computed from
    (``kg.extract.confidence``): what ``scripts/train_confidence.py`` fits the model on."""
    lemmas = pipeline_lemmas(nlp.load())
    for parsed in nlp.parse(texts):
        yield [pair for offset, doc in parsed for pair in _doc_scored(doc, offset, lemmas)]


def _doc_scored(doc: Doc, offset: int, lemmas: VerbLemmas, doc_id: str = "") -> list[tuple[Event, dict[str, float]]]:
    repair_parse(doc, lemmas)
    paragraph = doc.text
    pairs = [pair for sent in doc.sents for pair in _sentence_scored(sent, offset, doc_id, paragraph, lemmas)]
    linked = link_denials([event for event, _ in pairs])  # same events, in the same order
    return [(event, values) for event, (_, values) in zip(linked, pairs, strict=True)]


def sentence_events(
    sent: Span, offset: int, doc_id: str = "", paragraph: str | None = None, lemmas: VerbLemmas | None = None
) -> list[Event]:
    """Events of one sentence of a repaired Doc (``doc_events`` repairs it); with ``lemmas``,
    only predicates whose lemma is a known verb or a locution."""
    return [event for event, _ in _sentence_scored(sent, offset, doc_id, paragraph, lemmas)]


def _sentence_scored(
    sent: Span, offset: int, doc_id: str = "", paragraph: str | None = None, lemmas: VerbLemmas | None = None
) -> list[tuple[Event, dict[str, float]]]:
    sentence = sentence_mention(sent, offset, sent.doc.text if paragraph is None else paragraph)
    pairs = []
    for token in sent:
        if is_predicate(token) and not headline_noun(token):
            pairs.extend(_verb_events(token, offset, sentence, doc_id, lemmas, len(sent)))
        else:
            pairs.extend((event, {}) for event in _nominal_scored(token, offset, sentence, doc_id))
    return pairs


def _nominal_scored(noun: Token, offset: int, sentence: Mention, doc_id: str) -> list[Event]:
    """The nominal events of ``noun``, with the modality and source of the clause they are in."""
    found = nominal_events(noun, offset, sentence, doc_id)
    if not found:
        return found
    verb = governing_verb(noun)
    source = None if verb is None else source_token(verb)
    attributes = dict(
        modality=nominal_modality(noun, verb),
        source=None if source is None else _source_mention(source, offset, []),
    )
    return [replace(e, **{k: v for k, v in attributes.items() if v is not None}) for e in found]


def _mention(token: Token | None, offset: int) -> Mention | None:
    return None if token is None else marked(noun_mention(token, offset), token)


def _verb_events(
    verb: Token, offset: int, sentence: Mention, doc_id: str, lemmas: VerbLemmas | None, length: int | None = None
) -> list[tuple[Event, dict[str, float]]]:
    """The events of ``verb``, each with the features of its confidence."""
    f = frame(verb)
    if not f.actors and not f.targets:
        return []
    if f.locution is None and lemmas is not None and not lemmas.knows(f.lemma):
        return []  # « nécessaire », « préfèrerer »: a tagging slip or an invented infinitive, not a verb
    if f.lemma in MODALS and any(c.dep_ == "xcomp" for c in verb.children):
        return []  # « doit comporter », « pourrait faire »: the infinitive carries the event
    source = source_token(verb)
    shared = dict(
        action=verb_mention(verb, offset),
        lemma=word(f.lemma),
        recipient=_mention(f.recipient, offset),
        destination=_mention(f.destination, offset),
        place=_mention(f.place, offset),
        time=time_mention(time_tokens(verb), offset),
        purpose=None if f.purpose is None else clause_mention(f.purpose, offset, include_mark=False),
        locution=_mention(f.locution, offset),
        source=None if source is None else _source_mention(source, offset, f.actors),
        modality=modality(verb),
        sentence=sentence,
        doc_id=doc_id,
    )
    things = [thing_and_quantity(token, offset) for token in f.targets]
    found = [
        (token, marked(noun_mention(thing, offset, skip_numbers=True), thing))
        for token, (thing, _) in zip(f.targets, things, strict=True)
    ]
    kept = {id(m) for _, m in _outermost(found)}
    targets = [
        (token, target, quantity)
        for (token, target), (_, quantity) in zip(found, things, strict=True)
        if target is None or id(target) in kept
    ]
    actors = _outermost([(a, marked(noun_mention(a, offset), a)) for a in f.actors])
    passive = is_passive(verb)
    out = []
    for (actor_token, actor), (target_token, target, quantity) in product(
        actors or [(None, None)], targets or [(None, None, None)]
    ):
        values = event_features(verb, actor_token, target_token, passive, len(actors), len(targets), length)
        event = Event(actor=actor, target=target, quantity=quantity, confidence=score(values), **shared)
        out.append((event, values))
    return out


def _outermost(found: list[tuple[Token, Mention | None]]) -> list[tuple[Token, Mention]]:
    """Drop mentions inside another one: the parser sometimes gives « le président russe
    Vladimir » and « Poutine » as two subjects of one verb, or « Black » and « Mesa » as two
    objects; the name extension joins them. Of two mentions of one span, the first stays."""
    kept = [(t, m) for t, m in found if m is not None]

    def inside(i: int, m: Mention) -> bool:
        return any(
            j != i and o.start <= m.start and m.end <= o.end and ((o.start, o.end) != (m.start, m.end) or j < i)
            for j, (_, o) in enumerate(kept)
        )

    return [(t, m) for i, (t, m) in enumerate(kept) if not inside(i, m)]


def _source_mention(token: Token, offset: int, actors: list[Token]) -> Mention | None:
    """« selon les services de renseignement américains, sud-coréens et ukrainiens » → the
    whole coordinated phrase without « selon » (and without the event's actor, should the
    parser have hung it there); a subject → its tight mention."""
    if token.dep_ in ("nsubj", "nsubj:pass"):
        return noun_mention(token, offset)
    doc = token.doc
    taken = {t.i for a in actors for t in a.subtree}
    tokens = [t.i for t in token.subtree if not (t.dep_ == "case" and t.head == token)]
    lo = hi = tokens[0]
    while hi + 1 in tokens and hi + 1 not in taken:
        hi += 1
    if lo in taken:
        return None
    return tokens_mention(offset, doc, lo, hi, kind_of(token), token)
