"""Files, folders, JSON Lines and standard input → Article.

An article file is text (``.txt`` or ``.md``). It may open with a front-matter block of
``key: value`` lines between two ``---`` lines; ``date`` (ISO ``YYYY-MM-DD``), ``title``,
``url`` and ``source`` are understood, other keys are kept as metadata::

    ---
    date: 2025-04-28
    url: https://example.org/article
    ---
    La Corée du Nord confirme ce lundi son implication…

Without a ``title`` key the title is the first line with a word, or the headline just below it
when that line is a lead paragraph (``title_of``); without a ``date`` key, a dateline
opening a paragraph (« 22 mai 2012. - … ») gives the date. A ``.jsonl`` file holds one article a
line (fields ``id``, ``title``, ``date``, ``url`` and either ``text`` or ``lead`` + ``paragraphs``,
names configurable with ``FieldMap``). ``-`` reads one article from standard input.

Nothing stops at a bad input: each problem becomes a ``Problem`` naming the file (and line) and
saying what to do, and the rest is read. Text that is not UTF-8 is decoded with the encoding
charset-normalizer detects, UTF-16 too (and said so); stray NUL bytes are dropped (said so); an
HTML page has its text extracted; an article not in French is skipped or kept with a warning, as
the caller chooses. In a folder, a subfolder that cannot be listed and a link to nothing are
problems (their articles are lost), a link looping back is a note.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal, NamedTuple

from kg.data import words
from kg.errors import BadInputError
from kg.french import MONTH_NAMES
from kg.model import Article
from kg.text import fold

__all__ = [
    "ARTICLE_SUFFIXES",
    "JSONL_SUFFIXES",
    "Decoded",
    "FieldMap",
    "Problem",
    "ReadOptions",
    "decode",
    "parse_article",
    "read_paths",
    "reads_as_headline",
    "title_of",
]

ARTICLE_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?:(.*?)\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)
_KEY_VALUE = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_OPENING = re.compile(r"\A---[ \t]*\r?\n")
# a line of front matter that is neither « key: value », a continuation (indented), a list
# item nor a comment: text, so the block was never closed
_PROSE = re.compile(r"^(?![\s#-])(?![A-Za-z_][\w-]*\s*:).+")
# titles: the longest headline of the 100 Wikinews articles has 130 characters
_TITLE_MAX = 200
_HEADLINE_MAX = 150
_HEADLINE_SEARCH = 3  # lines after a first line that reads as a paragraph
_SENTENCE_ENDS = (".", "!", "?", "…", "»", '"', ")")
_MONTHS = {fold(name): number for number, name in enumerate(MONTH_NAMES, start=1)}
_MONTH_SPELLINGS = dict.fromkeys([*MONTH_NAMES, *_MONTHS])  # with accents or without: « fevrier »
_DATELINE = re.compile(
    r"^\s*(?:[A-ZÉ][\w' -]+,\s*)?(\d{1,2})(?:er)?\s+(" + "|".join(_MONTH_SPELLINGS) + r")\s+(\d{4})\s*\.?\s*[-–—]",
    re.IGNORECASE | re.MULTILINE,
)
_HTML = re.compile(r"\A\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)

NOT_FOUND = "no such file or folder: check the path"
NOT_TEXT = "not a text file (binary content): give .txt/.md articles or a .jsonl corpus"
DECODED = "not UTF-8: read as {encoding} (detected); convert it to UTF-8 to be sure"
UNREADABLE = "cannot be read ({reason}): check its permissions"
EMPTY = "empty: nothing to analyse; add the article text or remove the file"
BROKEN_LINK = "a symbolic link to {target}, which does not exist: fix or remove the link"
LINK_LOOP = "a symbolic link back to {target}, a folder above it: not followed, its articles are read once"
NO_ARTICLES = "no .txt, .md or .jsonl article in this folder"
BAD_DATE = "date {value!r} is not YYYY-MM-DD: ignored"
BAD_JSON = "not a JSON object ({reason}): fix or remove this line"
NO_TEXT_FIELD = "no text: the line needs a {text!r} field, or {lead!r}/{paragraphs!r} (see --field)"
NULS_DROPPED = "{count} NUL byte(s) in the text, dropped: the file may be damaged, check it"
UNCLOSED_FRONT_MATTER = (
    "front matter opened by --- but not closed: its key: value lines up to the first other line were "
    "read as metadata; close it with a --- line"
)
TITLE_FROM_HEADLINE = "the first line reads as a paragraph: the title is the headline below it, « {title} »"
LONG_TITLE = "a title of {length:,} characters, cut to {limit}: give a shorter first line or a title"
NO_WORDS = (
    "no words (only punctuation, symbols or numbers): nothing to analyse; add the article text or remove the file"
)
HTML_PAGE = "an HTML page: its text was extracted, markup dropped"
OTHER_LANGUAGE = "looks {language}, not French: {action}"
NO_LANGUAGE = "has no recognisable language (code, numbers, encoded data?): {action}"
TEXT_NOT_STRING = "the {field!r} field is a JSON {kind}, not text: fix this line"
PARAGRAPHS_NOT_TEXT = "{count} paragraph(s) that are not text (JSON {kinds}) were left out"


@dataclass(frozen=True, slots=True)
class Problem:
    """Something in the input that was skipped or assumed, with what to do about it.

    ``message`` is for people; ``code`` is for programs (report.json counts by it), one per kind
    of problem. Skipped: ``missing``, ``unreadable`` (a file or a folder), ``broken-link``,
    ``binary``, ``empty``, ``no-words``, ``no-articles``, ``bad-json-line``, ``no-text-field``,
    ``field-not-text``, ``not-french``, ``no-language``; noted: ``decoded``, ``nul-bytes``,
    ``html``, ``unclosed-front-matter``, ``bad-date``, ``long-title``, ``title-from-headline``,
    ``link-loop``, ``paragraphs-not-text``, ``duplicate``, ``bad-cache-entry`` (by the build),
    and ``not-french``, ``no-language``
    when other languages are kept.
    """

    source: str
    message: str
    skipped: bool = True
    line: int | None = None
    code: str = field(kw_only=True)

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class FieldMap:
    """Names of the fields of a JSON Lines corpus."""

    id: str = "id"
    title: str = "title"
    date: str = "date"
    url: str = "url"
    text: str = "text"
    lead: str = "lead"
    paragraphs: str = "paragraphs"

    @classmethod
    def parse(cls, pairs: Iterable[str]) -> FieldMap:
        """From ``["text=body", "title=headline"]``; unknown names raise BadInputError."""
        changes = {}
        for pair in pairs:
            name, sep, value = pair.partition("=")
            if not sep or name not in cls.__dataclass_fields__:
                raise BadInputError(
                    f"--field {pair!r}: expected NAME=FIELD with NAME one of {', '.join(cls.__dataclass_fields__)}"
                )
            changes[name] = value
        return cls(**changes)


@dataclass(frozen=True)
class ReadOptions:
    fields: FieldMap = field(default_factory=FieldMap)
    # what to do with an article that is not in French: skip it, or keep it with a warning
    other_language: Literal["skip", "warn"] = "skip"
    # folders and files a folder walk passes over: the build's own output folder and exports, so
    # that `kg build articles/ -o articles/exports/` (or `-o articles/`) does not read its own
    # events.jsonl as articles
    skip: tuple[Path, ...] = ()


# --- decoding ---------------------------------------------------------------------------------


_BYTE_ORDER_MARKS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf_32"),
    (codecs.BOM_UTF32_BE, "utf_32"),
    (codecs.BOM_UTF16_LE, "utf_16"),
    (codecs.BOM_UTF16_BE, "utf_16"),
)
# Text with NUL bytes is binary when, without them, more than this share of its characters are
# other control characters: a text has none but tabs and line breaks.
_CONTROLS = re.compile(r"[\x01-\x08\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01


class Decoded(NamedTuple):
    """A file's text (None for binary content), the encoding used when not UTF-8, and how many
    NUL bytes were dropped from it."""

    text: str | None
    encoding: str | None = None
    nuls: int = 0


def decode(raw: bytes) -> Decoded:
    """The text of a file's bytes. UTF-16 and UTF-32 are recognised by their byte-order mark,
    or without one when charset-normalizer says so; a text otherwise good loses its stray NUL
    bytes (counted), binary content gives no text."""
    for mark, encoding in _BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            try:
                return Decoded(raw.decode(encoding), encoding)
            except UnicodeDecodeError:
                return Decoded(None)
    nuls = raw.count(b"\x00")
    if nuls:
        best = _detected(raw)  # UTF-16 without a byte-order mark is half NUL bytes
        if best is not None and best.encoding.startswith(("utf_16", "utf_32")):
            return Decoded(str(best), best.encoding)
        raw = raw.replace(b"\x00", b"")
    try:
        text, encoding = raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        best = _detected(raw)
        if best is None:
            return Decoded(None)
        text, encoding = str(best), best.encoding
    if nuls and (not text.strip() or len(_CONTROLS.findall(text)) > _MAX_CONTROL_SHARE * len(text)):
        return Decoded(None)
    return Decoded(text, encoding, nuls)


def _detected(raw: bytes):
    """charset-normalizer's best guess of the encoding (None: binary), imported only when needed."""
    from charset_normalizer import from_bytes

    return from_bytes(raw).best()


class _TextOfHtml(HTMLParser):
    BLOCKS = frozenset(
        {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "title", "tr", "section", "article"}
    )
    SKIP = frozenset({"script", "style", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The readable text of an HTML page, one block a line; scripts and styles dropped."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n\n".join(line for line in lines if line) + "\n"


_MIN_WORDS_FOR_LANGUAGE = 12


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


# Frequent French words that Spanish, Italian, Catalan, Portuguese or English texts hardly use:
# when they make up a good share of a text's words, it is French without asking py3langid.
_FRENCH_MARKERS = words("french_markers")
_FRENCH_SHARE = 0.15
# Frequent words of English, Spanish, Italian, Catalan and Portuguese that French does not use:
# a few of them send the text to py3langid.
_FOREIGN_MARKERS = words("foreign_markers")
_FOREIGN_SHARE = 0.02
_WORD = re.compile(r"[^\W\d_]+")


def language_of(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short or the guess
    unsure (below 0.9). Looks at the first 2,000 characters: a text where French function words
    are frequent and those of neighbouring languages rare is French at once; any other goes to
    py3langid, which names the language."""
    sample = text[:2000]
    words = _WORD.findall(sample.lower())
    if len(words) < _MIN_WORDS_FOR_LANGUAGE:
        return None
    french = sum(w in _FRENCH_MARKERS for w in words)
    foreign = sum(w in _FOREIGN_MARKERS for w in words)
    if french >= _FRENCH_SHARE * len(words) and foreign < _FOREIGN_SHARE * len(words):
        return "fr"
    language, confidence = _identifier().classify(sample)
    return language if confidence >= 0.9 else None


# --- one article ------------------------------------------------------------------------------


def dateline(text: str) -> dt.date | None:
    """« 22 mai 2012. - Prévu initialement… » → 2012-05-22 (the first dateline of the text)."""
    found = _DATELINE.search(text[:5000])
    if not found:
        return None
    day, month, year = int(found.group(1)), _MONTHS[fold(found.group(2))], int(found.group(3))
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _date(value: str, source: str, line: int | None, problems: list[Problem]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        problems.append(Problem(source, BAD_DATE.format(value=value), skipped=False, line=line, code="bad-date"))
        return None


def parse_article(raw: str, source: str | None = None) -> tuple[Article, list[Problem]]:
    """Article of a file's text: front matter read, title found (see ``title_of``).

    Front matter opened by ``---`` but never closed (or « closed » by a ``---`` further down,
    after lines of text) is what its writer meant: its ``key: value`` lines up to the first
    blank line or other line are the metadata, the rest is the text, and a note says so. A
    ``---`` followed by no ``key: value`` line is no front matter: it stays in the text."""
    where = source or "<text>"
    problems: list[Problem] = []
    body = raw.lstrip("\ufeff")
    meta, start, closed = _front_matter(body)
    body = body[start:]
    if not closed:
        problems.append(Problem(where, UNCLOSED_FRONT_MATTER, skipped=False, code="unclosed-front-matter"))
    date = _date(meta["date"], where, None, problems) if "date" in meta else None
    title, notes = title_of(body, meta.get("title", ""))
    problems += [Problem(where, message, skipped=False, code=code) for code, message in notes]
    known = {"date", "title", "url", "source"}
    article = Article(
        text=body,
        title=title,
        date=date or dateline(body),
        source=meta.get("source") or source,
        url=meta.get("url"),
        metadata=tuple(sorted((k, v) for k, v in meta.items() if k not in known)),
    )
    return article, problems


def _front_matter(text: str) -> tuple[dict[str, str], int, bool]:
    """(metadata, where the text after the front matter starts, whether the block was closed)."""
    found = _FRONT_MATTER.match(text)
    if found and not any(_PROSE.match(line) for line in (found.group(1) or "").splitlines()):
        return _metadata((found.group(1) or "").splitlines()), found.end(), True
    opened = _OPENING.match(text)
    if not opened:
        return {}, 0, True
    end, lines = opened.end(), []
    for line in text[end:].splitlines(keepends=True):
        if not _KEY_VALUE.match(line):  # a blank line or the text: the block ends before it
            break
        lines.append(line)
        end += len(line)
    if not lines:
        return {}, 0, True
    return _metadata(lines), end, False


def _metadata(lines: Iterable[str]) -> dict[str, str]:
    meta = {}
    for line in lines:
        pair = _KEY_VALUE.match(line)
        if pair:
            meta[pair.group(1).lower()] = pair.group(2).strip().strip("\"'")
    return meta


def title_of(text: str, given: str = "") -> tuple[str, list[tuple[str, str]]]:
    """The title of an article, and the (code, message) of each note about it: the ``given``
    title, else the first line with a word in it. When that first line reads as a paragraph
    (long, ending as a sentence) and one of the next lines as a headline (short, no final
    period), the headline is the title: « La Corée du Nord confirme ce lundi son implication
    […]. » then « Conflit russo-ukrainien : la Corée du Nord confirme le déploiement de ses
    troupes » gives the latter. Any title is cut to 200 characters at a word, with « … »."""
    notes = []
    title = " ".join(given.split())
    if not title:
        lines = [line.strip() for line in text.splitlines() if _WORD.search(line)]
        title = lines[0] if lines else ""
        if _reads_as_paragraph(title):
            headline = next((ln for ln in lines[1 : 1 + _HEADLINE_SEARCH] if reads_as_headline(ln)), None)
            if headline is not None:
                title = headline
                notes.append(("title-from-headline", TITLE_FROM_HEADLINE.format(title=title)))
    if len(title) > _TITLE_MAX:
        notes.append(("long-title", LONG_TITLE.format(length=len(title), limit=_TITLE_MAX)))
        title = _cut(title, _TITLE_MAX)
    return title, notes


def _reads_as_paragraph(line: str) -> bool:
    return len(line) > _HEADLINE_MAX and line.endswith(_SENTENCE_ENDS)


def reads_as_headline(line: str) -> bool:
    """Short, and not ending as a sentence or a clause does (the graph's headline reports too)."""
    return len(line) <= _HEADLINE_MAX and not line.endswith((".", ",", ";", ":"))


def _cut(text: str, limit: int) -> str:
    """« Un très long titre… »: at most ``limit`` characters, cut after a word when there is one
    in the second half."""
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def _language_name(code: str) -> str:
    """« en » → « English (en) »: the name from CLDR, with the code py3langid gave."""
    from babel import Locale

    name = Locale("en").languages.get(code)
    return f"{name} ({code})" if name else code


def _check(article: Article, source: str, options: ReadOptions, line: int | None = None) -> tuple[bool, list[Problem]]:
    """Whether to keep the article, and what to say about it."""
    if not article.text.strip():
        return False, [Problem(source, EMPTY, line=line, code="empty")]
    if not _WORD.search(article.text):
        return False, [Problem(source, NO_WORDS, line=line, code="no-words")]
    language = language_of(article.text)
    if language not in (None, "fr"):
        skip = options.other_language == "skip"
        action = "skipped (use --other-language warn to keep it)" if skip else "kept as asked"
        if language == "zxx":
            problem = Problem(source, NO_LANGUAGE.format(action=action), skip, line, code="no-language")
        else:
            message = OTHER_LANGUAGE.format(language=_language_name(language), action=action)
            problem = Problem(source, message, skip, line, code="not-french")
        return not skip, [problem]
    return True, []


def _article_of_bytes(raw: bytes, source: str, options: ReadOptions) -> tuple[Article | None, list[Problem]]:
    text, encoding, nuls = decode(raw)
    if text is None:
        return None, [Problem(source, NOT_TEXT, code="binary")]
    problems = []
    if encoding is not None:
        problems.append(Problem(source, DECODED.format(encoding=encoding), skipped=False, code="decoded"))
    if nuls:
        problems.append(Problem(source, NULS_DROPPED.format(count=nuls), skipped=False, code="nul-bytes"))
    if _HTML.match(text):
        text = html_to_text(text)
        problems.append(Problem(source, HTML_PAGE, skipped=False, code="html"))
    article, found = parse_article(text, source=source)
    keep, checked = _check(article, source, options)
    return (article if keep else None), [*problems, *found, *checked]


# --- JSON Lines -------------------------------------------------------------------------------


_JSON_KINDS = {int: "number", float: "number", bool: "boolean", dict: "object", list: "list", str: "string"}


def _article_of_record(
    record: dict, fields: FieldMap, source: str, line: int, nuls: int = 0
) -> tuple[Article | None, list[Problem]]:
    """The article of one JSONL record; ``nuls``: the NUL bytes already dropped from its line.
    NULs in its text (« \\u0000 ») are dropped too, as from a file's, and all said in one note."""
    problems: list[Problem] = []
    title = str(record.get(fields.title) or "").strip()
    nuls += title.count("\x00")
    title = title.replace("\x00", "")
    text = record.get(fields.text)
    if text and not isinstance(text, (str, list)):
        kind = _JSON_KINDS.get(type(text), type(text).__name__)
        message = TEXT_NOT_STRING.format(field=fields.text, kind=kind)
        return None, [Problem(source, message, line=line, code="field-not-text")]
    if text or record.get(fields.lead) or record.get(fields.paragraphs):
        # a text given as a list is its paragraphs
        pieces = text if isinstance(text, list) else [text] if text else [record.get(fields.lead)]
        paragraphs = [] if text else record.get(fields.paragraphs) or []
        if not isinstance(paragraphs, (str, list)):
            kind = _JSON_KINDS.get(type(paragraphs), type(paragraphs).__name__)
            message = TEXT_NOT_STRING.format(field=fields.paragraphs, kind=kind)
            return None, [Problem(source, message, line=line, code="field-not-text")]
        pieces = [*pieces, *([paragraphs] if isinstance(paragraphs, str) else paragraphs)]
        odd = [p for p in pieces if p is not None and not isinstance(p, str)]
        if odd:
            kinds = ", ".join(sorted({_JSON_KINDS.get(type(p), type(p).__name__) for p in odd}))
            problems.append(
                Problem(
                    source,
                    PARAGRAPHS_NOT_TEXT.format(count=len(odd), kinds=kinds),
                    skipped=False,
                    line=line,
                    code="paragraphs-not-text",
                )
            )
        body = "\n\n".join(p for p in pieces if isinstance(p, str) and p.strip())
        nuls += body.count("\x00")
        body = body.replace("\x00", "")
        if nuls:
            problems.append(
                Problem(source, NULS_DROPPED.format(count=nuls), skipped=False, line=line, code="nul-bytes")
            )
        if not body.strip():
            return None, [*problems, Problem(source, EMPTY, line=line, code="empty")]
    else:
        return None, [
            Problem(
                source,
                NO_TEXT_FIELD.format(text=fields.text, lead=fields.lead, paragraphs=fields.paragraphs),
                line=line,
                code="no-text-field",
            )
        ]
    # the title is the first line, as in a .txt article: the same article read from a folder
    # or from a JSONL export gets the same text, hence the same id
    body = body.strip("\n")
    text = f"{title}\n\n{body}\n" if title and not body.startswith(title) else f"{body}\n"
    date = _date(str(record[fields.date]), source, line, problems) if record.get(fields.date) else None
    title, notes = title_of(text, title)
    problems += [Problem(source, message, skipped=False, line=line, code=code) for code, message in notes]
    article = Article(
        text=text,
        title=title,
        date=date or dateline(text),
        source=f"{source}:{line}",
        url=str(record[fields.url]) if record.get(fields.url) else None,
        metadata=(("id", str(record[fields.id])),) if record.get(fields.id) is not None else (),
    )
    return article, problems


def _line_text(raw: bytes) -> tuple[str, int]:
    """A JSONL line's text without its stray NUL bytes, and how many were dropped; a binary line
    becomes a lone NUL, which is not JSON: the line is reported, not half read."""
    text, _, nuls = decode(raw)
    return ("\x00", 0) if text is None else (text, nuls)


def _read_wide_jsonl(raw: bytes, source: str, options: ReadOptions) -> Iterator[tuple[Article | None, list[Problem]]]:
    """A JSONL file in UTF-16 or UTF-32 (it opens with a byte-order mark): its lines are only
    found once it is decoded whole."""
    text, encoding, _ = decode(raw)
    if text is None:
        yield None, [Problem(source, NOT_TEXT, code="binary")]
        return
    yield None, [Problem(source, DECODED.format(encoding=encoding), skipped=False, code="decoded")]
    yield from _read_jsonl(((line, 0) for line in text.splitlines()), source, options)


def _read_jsonl(
    lines: Iterable[tuple[str, int]], source: str, options: ReadOptions
) -> Iterator[tuple[Article | None, list[Problem]]]:
    """The articles of JSONL lines, each given with the NUL bytes dropped from it."""
    for number, (line, nuls) in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError(f"a JSON {_JSON_KINDS.get(type(record), type(record).__name__)}")
        except ValueError as err:
            message = BAD_JSON.format(reason=str(err).split(":")[0])
            yield None, [Problem(source, message, line=number, code="bad-json-line")]
            continue
        article, problems = _article_of_record(record, options.fields, source, number, nuls)
        if article is None:
            yield None, problems
            continue
        keep, checked = _check(article, source, options, number)
        yield (article if keep else None), [*problems, *checked]


# --- paths ------------------------------------------------------------------------------------


def _hidden(name: str) -> bool:
    """Dot files and folders (.git, macOS « ._x.txt » companions), editor backups (x.txt~, ~$x)."""
    return name.startswith((".", "~")) or name.endswith("~")


def _files(path: Path, skip: tuple[Path, ...] = ()) -> tuple[list[Path], list[Problem]]:
    """A file as given; a folder's article and JSONL files, recursively and sorted, without
    hidden files and folders and the folders and files in ``skip`` (the folder given is read
    even so); and what could not be walked. A link to a folder outside the folder given is
    followed, one to a folder inside it is not (its articles are read where they are), one
    back to a folder above it is a loop: noted, not followed. A link to nothing, a folder that
    cannot be listed: their articles are lost, each is a problem."""
    if not path.is_dir():
        return [path], []
    wanted = ARTICLE_SUFFIXES + JSONL_SUFFIXES
    skipped = {p.resolve() for p in skip}
    root = path.resolve()
    followed: set[Path] = set()
    found: list[Path] = []
    problems: list[Problem] = []

    def cannot_list(err: OSError) -> None:
        reason = err.strerror or err
        problems.append(Problem(str(err.filename or path), UNREADABLE.format(reason=reason), code="unreadable"))

    for folder, subfolders, names in os.walk(path, onerror=cannot_list, followlinks=True):
        here = Path(folder).resolve()
        kept = []
        for name in subfolders:
            if _hidden(name):
                continue
            sub = Path(folder, name)
            target = sub.resolve()
            if target in skipped:
                continue
            if sub.is_symlink():
                if target == here or target in here.parents:
                    problems.append(
                        Problem(str(sub), LINK_LOOP.format(target=os.readlink(sub)), skipped=False, code="link-loop")
                    )
                    continue
                if target.is_relative_to(root) or target in followed:
                    continue
                followed.add(target)
            kept.append(name)
        subfolders[:] = kept
        for name in names:
            if _hidden(name):
                continue
            file = Path(folder, name)
            suffix = file.suffix.lower()
            if file.is_symlink() and not file.exists():
                if suffix in wanted or not suffix:  # no suffix: it may have been a folder
                    problems.append(
                        Problem(str(file), BROKEN_LINK.format(target=os.readlink(file)), code="broken-link")
                    )
            elif suffix in wanted:
                found.append(file)
    return sorted(p for p in found if p.is_file() and p.resolve() not in skipped), problems


def iter_articles(
    paths: Iterable[str | Path], options: ReadOptions | None = None
) -> Iterator[tuple[Article | None, list[Problem]]]:
    """(article or None, problems) for every input, lazily: a corpus need not fit in memory."""
    options = options or ReadOptions()
    for given in paths:
        if str(given) == "-":
            raw = sys.stdin.buffer.read()
            text = decode(raw).text
            if text is not None and text.lstrip().startswith("{"):
                yield from _read_jsonl(((line, 0) for line in text.splitlines()), "<stdin>", options)
            else:
                yield _article_of_bytes(raw, "<stdin>", options)
            continue
        path = Path(given)
        if not path.exists():
            yield None, [Problem(str(path), NOT_FOUND, code="missing")]
            continue
        files, walked = _files(path, options.skip)
        if walked:
            yield None, walked
        elif path.is_dir() and not files:
            yield None, [Problem(str(path), NO_ARTICLES, code="no-articles")]
        for file in files:
            try:
                if file.suffix.lower() in JSONL_SUFFIXES:
                    with file.open("rb") as handle:
                        wide = handle.read(4).startswith(tuple(mark for mark, _ in _BYTE_ORDER_MARKS))
                        handle.seek(0)
                        if wide:
                            yield from _read_wide_jsonl(handle.read(), str(file), options)
                        else:
                            yield from _read_jsonl((_line_text(line) for line in handle), str(file), options)
                else:
                    yield _article_of_bytes(file.read_bytes(), str(file), options)
            except OSError as err:
                yield None, [Problem(str(file), UNREADABLE.format(reason=err.strerror or err), code="unreadable")]


def read_paths(paths: Iterable[str | Path], options: ReadOptions | None = None) -> tuple[list[Article], list[Problem]]:
    """Articles of files, folders (recursively: .txt, .md, .jsonl) and ``-`` (standard
    input), and what went wrong."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for article, found in iter_articles(paths, options):
        problems.extend(found)
        if article is not None:
            articles.append(article)
    return articles, problems
