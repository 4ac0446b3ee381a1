"""Files and folders → Article.

An article file is UTF-8 text (``.txt`` or ``.md``). It may open with a front-matter block of
``key: value`` lines between two ``---`` lines; ``date`` (ISO ``YYYY-MM-DD``), ``title``,
``url`` and ``source`` are understood, other keys are kept as metadata::

    ---
    date: 2025-04-28
    url: https://example.org/article
    ---
    La Corée du Nord confirme ce lundi son implication…

Without a ``title`` key the title is the first non-empty line. Problems (unreadable file, not
UTF-8, empty) are reported as ``Problem`` records and the rest of the input is still read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.model import Article

__all__ = ["ARTICLE_SUFFIXES", "Problem", "parse_article", "read_paths"]

ARTICLE_SUFFIXES = (".txt", ".md")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?:(.*?)\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)
_KEY_VALUE = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")

NOT_FOUND = "no such file or folder: check the path"
NOT_UTF8 = "not UTF-8 text: convert it (e.g. `iconv -f latin1 -t utf-8`) and run again"
UNREADABLE = "cannot be read ({reason}): check its permissions"
EMPTY = "empty: nothing to analyse; add the article text or remove the file"
NO_ARTICLES = "no .txt or .md article in this folder"
BAD_DATE = "front matter date {value!r} is not YYYY-MM-DD: ignored"


@dataclass(frozen=True, slots=True)
class Problem:
    """Something in the input that was skipped or assumed, with what to do about it."""

    source: str
    message: str
    skipped: bool = True

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def parse_article(raw: str, source: str | None = None) -> tuple[Article, list[Problem]]:
    """Article of a file's text: front matter read, title = first non-empty line."""
    problems: list[Problem] = []
    meta: dict[str, str] = {}
    body = raw.lstrip("\ufeff")
    found = _FRONT_MATTER.match(body)
    if found:
        for line in (found.group(1) or "").splitlines():
            pair = _KEY_VALUE.match(line)
            if pair:
                meta[pair.group(1).lower()] = pair.group(2).strip().strip("\"'")
        body = body[found.end() :]
    date = None
    if "date" in meta:
        try:
            date = dt.date.fromisoformat(meta["date"][:10])
        except ValueError:
            problems.append(Problem(source or "<text>", BAD_DATE.format(value=meta["date"]), skipped=False))
    title = meta.get("title") or next((ln.strip() for ln in body.splitlines() if ln.strip()), "")
    known = {"date", "title", "url", "source"}
    article = Article(
        text=body,
        title=title,
        date=date,
        source=meta.get("source") or source,
        url=meta.get("url"),
        metadata=tuple(sorted((k, v) for k, v in meta.items() if k not in known)),
    )
    return article, problems


def _files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        yield from sorted(p for p in path.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file())
    else:
        yield path


def read_paths(paths: Iterable[str | Path]) -> tuple[list[Article], list[Problem]]:
    """Articles of files and folders (recursively, ``.txt`` and ``.md``), and what went wrong."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            problems.append(Problem(str(path), NOT_FOUND))
            continue
        files = list(_files(path))
        if path.is_dir() and not files:
            problems.append(Problem(str(path), NO_ARTICLES))
        for file in files:
            try:
                raw = file.read_bytes().decode("utf-8")
            except UnicodeDecodeError:
                problems.append(Problem(str(file), NOT_UTF8))
                continue
            except OSError as err:
                problems.append(Problem(str(file), UNREADABLE.format(reason=err.strerror or err)))
                continue
            article, found = parse_article(raw, source=str(file))
            problems.extend(found)
            if not article.text.strip():
                problems.append(Problem(str(file), EMPTY))
                continue
            articles.append(article)
    return articles, problems
