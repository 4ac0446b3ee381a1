"""kg's data files, read once: the French word lists of ``lexicon/`` and the gazetteer tables.

One format for all: UTF-8 text, lines starting with ``#`` are comments (each file opens with
one saying what it is for, which code reads it and where it came from), blank lines are
skipped; a ``.txt`` holds one entry per line, a ``.tsv`` tab-separated fields. Entries keep
the file's order, which matters for some lists (month names are numbered by their place,
regular expression alternatives are tried in order). A ``.json`` (a fitted model) carries its
provenance in its own fields instead. Ground floor: imports nothing of kg.

To add a word list: write ``lexicon/NAME.txt`` with its header comment and read it with
``words("NAME")`` where the rule is; the cache key (``kg.cache.pipeline_version``) follows.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

__all__ = ["document", "entries", "pairs", "rows", "words"]


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The fields of each entry of ``kg/data/NAME`` (a path inside kg/data, with its suffix)."""
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return tuple(tuple(line.split("\t")) for line in text.splitlines() if line.strip() and not line.startswith("#"))


def entries(name: str) -> tuple[str, ...]:
    """``lexicon/NAME.txt`` in file order: ``entries("months")[0] == "janvier"``."""
    return tuple(row[0] for row in rows(f"lexicon/{name}.txt"))


def words(name: str) -> frozenset[str]:
    """``lexicon/NAME.txt`` as a set: ``"permettre" in words("object_control")``."""
    return frozenset(entries(name))


def pairs(name: str) -> tuple[tuple[str, ...], ...]:
    """``lexicon/NAME.tsv``, one tuple of fields per entry:
    ``("faire", "état", "faire état", "de") in pairs("locutions")``."""
    return rows(f"lexicon/{name}.tsv")


@cache
def document(name: str) -> dict:
    """``kg/data/NAME`` read as JSON (a fitted model with its provenance: ``confidence.json``)."""
    return json.loads(resources.files(__name__).joinpath(name).read_text(encoding="utf-8"))
