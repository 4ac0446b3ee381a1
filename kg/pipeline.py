"""read → parse → extract → resolve → graph → export: the only place that strings the stages.

>>> g = build_graph(["seeds/coree-du-nord-troupes-russie.txt"])   # doctest: +SKIP
>>> g.write_turtle("exports/graph.ttl"); g.write_html("exports/graph.html")  # doctest: +SKIP
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from kg.cache import ExtractionCache
from kg.export import html, jsonl, rdf
from kg.extract import extract_texts
from kg.graph import EventGraph
from kg.model import Article, Event
from kg.read import Problem, ReadOptions, parse_article, read_paths
from kg.resolve import resolve_events, unify_people
from kg.vocab import DEFAULT_BASE

__all__ = ["EXPORT_FILES", "KnowledgeGraph", "build_graph", "load_inputs"]

log = logging.getLogger("kg")

EXPORT_FILES = {"turtle": "graph.ttl", "html": "graph.html", "events": "events.jsonl"}

Input = str | os.PathLike | Article


@dataclass
class KnowledgeGraph(EventGraph):
    """An EventGraph that can write itself, plus the input problems met while building it."""

    problems: list[Problem] = field(default_factory=list)

    def merge(self, other: EventGraph) -> KnowledgeGraph:
        merged = super().merge(other)
        merged.problems = [*self.problems, *getattr(other, "problems", [])]
        return merged

    def to_turtle(self, base: str = DEFAULT_BASE) -> str:
        return rdf.generate_turtle(self, base)

    def write_turtle(self, path: str | os.PathLike, base: str = DEFAULT_BASE) -> None:
        rdf.write_turtle(self, path, base)

    def to_html(self, title: str | None = None) -> str:
        return html.generate_html(self, title)

    def write_html(self, path: str | os.PathLike, title: str | None = None) -> None:
        html.write_html(self, path, title)

    def to_jsonl(self) -> str:
        return jsonl.generate_jsonl(self)

    def write_jsonl(self, path: str | os.PathLike) -> None:
        jsonl.write_jsonl(self, path)

    def write_all(self, directory: str | os.PathLike, base: str = DEFAULT_BASE) -> dict[str, Path]:
        """graph.ttl, graph.html and events.jsonl in ``directory``; returns their paths."""
        out = Path(directory)
        paths = {kind: out / name for kind, name in EXPORT_FILES.items()}
        self.write_turtle(paths["turtle"], base)
        self.write_html(paths["html"])
        self.write_jsonl(paths["events"])
        return paths


def _looks_like_path(text: str) -> bool:
    """A path, not an article: an existing path, or one line without spaces (no article is
    a single word, so « corpus-2025 » mistyped is reported missing instead of analysed)."""
    if "\n" in text or len(text) > 1024:
        return False
    return Path(text).exists() or not any(ch.isspace() for ch in text.strip())


def load_inputs(inputs: Iterable[Input], options: ReadOptions | None = None) -> tuple[list[Article], list[Problem]]:
    """Articles from paths (files, folders, JSONL, ``-``), raw texts and Article objects, in
    input order; the same text given twice is kept once (the first copy)."""
    articles: dict[str, Article] = {}
    problems: list[Problem] = []
    for item in inputs:
        if isinstance(item, Article):
            found, trouble = [item], []
        elif isinstance(item, os.PathLike) or str(item) == "-" or _looks_like_path(str(item)):
            found, trouble = read_paths([item], options)
        else:
            article, trouble = parse_article(str(item))
            found = [article] if article.text.strip() else []
        problems.extend(trouble)
        for article in found:
            if article.id in articles:
                first = articles[article.id].source or "an earlier text"
                problems.append(Problem(article.source or "<text>", DUPLICATE.format(first=first), skipped=False))
            else:
                articles[article.id] = article
    return list(articles.values()), problems


DUPLICATE = "the same text as {first}: kept once"


def _extract(
    articles: list[Article], jobs: int, cache: ExtractionCache | None, dask: str | None, progress: bool
) -> Iterator[list[Event]]:
    """Events of each article, in order: from the cache when it has them, else parsed here
    (``jobs`` processes) or on a Dask cluster."""
    cached = [cache.get(a.text) if cache is not None else None for a in articles]
    todo = [a for a, hit in zip(articles, cached, strict=True) if hit is None]
    bar = tqdm(total=len(todo), unit="article", disable=not progress, desc="kg build", leave=False)
    if dask is not None:
        from kg.distributed import dask_client, extract_on_dask

        with dask_client(dask, workers=max(jobs, 2)) as client:
            fresh = list(extract_on_dask(client, [(a.id, a.text) for a in todo]))
            bar.update(len(todo))
        parsed: Iterator[list[Event]] = iter(fresh)
    else:
        parsed = extract_texts((a.text for a in todo), (a.id for a in todo), n_process=jobs)
    with bar:
        for article, hit in zip(articles, cached, strict=True):
            if hit is not None:
                yield hit
                continue
            events = next(parsed)
            bar.update(1)
            if cache is not None:
                cache.put(article.text, events)
            yield events


def build_graph(
    inputs: Iterable[Input] | Input,
    *,
    jobs: int = 1,
    cache: ExtractionCache | str | os.PathLike | bool | None = None,
    dask: str | None = None,
    progress: bool = False,
    read_options: ReadOptions | None = None,
) -> KnowledgeGraph:
    """The knowledge graph of articles given as paths, texts or Article objects.

    ``jobs``: parser processes; ``cache``: an ExtractionCache, a folder for one, or True for
    the default folder (articles already extracted by the same pipeline are not parsed again);
    ``dask``: ``local`` or a scheduler address to extract on a Dask cluster; ``progress``: a
    progress bar on standard error. Problems with the input are logged and kept in
    ``.problems``; the rest is built.
    """
    if isinstance(inputs, (str, os.PathLike, Article)):
        inputs = [inputs]
    articles, problems = load_inputs(inputs, read_options)
    for problem in problems:
        log.warning("%s", problem)
    if not articles:  # nothing to parse: do not even load the model
        return KnowledgeGraph(problems=problems)
    if cache is True:
        cache = ExtractionCache()
    elif isinstance(cache, (str, os.PathLike)):
        cache = ExtractionCache(cache)
    events = []
    for found in _extract(articles, jobs, cache or None, dask, progress):
        events.extend(resolve_events(found))
    events = unify_people(events)
    built = KnowledgeGraph(articles={a.id: a for a in articles}, problems=problems)
    built.add(events)
    return built
