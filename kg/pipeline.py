"""read → parse → extract → resolve → graph → export: the only place that strings the stages.

>>> g = build_graph(["seeds/coree-du-nord-troupes-russie.txt"])   # doctest: +SKIP
>>> g.write_turtle("exports/graph.ttl"); g.write_html("exports/graph.html")  # doctest: +SKIP
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.export import html, jsonl, rdf
from kg.extract import extract_texts
from kg.graph import EventGraph
from kg.model import Article
from kg.read import Problem, parse_article, read_paths
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


def load_inputs(inputs: Iterable[Input]) -> tuple[list[Article], list[Problem]]:
    """Articles from paths (files, folders), raw texts and Article objects, in input order;
    the same text given twice is kept once."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in inputs:
        if isinstance(item, Article):
            articles.append(item)
        elif isinstance(item, os.PathLike) or _looks_like_path(str(item)):
            found, trouble = read_paths([item])
            articles.extend(found)
            problems.extend(trouble)
        else:
            article, trouble = parse_article(str(item))
            problems.extend(trouble)
            if article.text.strip():
                articles.append(article)
    unique = list({a.id: a for a in articles}.values())
    return unique, problems


def build_graph(inputs: Iterable[Input] | Input) -> KnowledgeGraph:
    """The knowledge graph of articles given as paths, texts or Article objects.

    Problems with the input (missing file, not UTF-8, empty) are logged and kept in
    ``.problems``; the rest is built.
    """
    if isinstance(inputs, (str, os.PathLike, Article)):
        inputs = [inputs]
    articles, problems = load_inputs(inputs)
    for problem in problems:
        log.warning("%s", problem)
    events = []
    if not articles:  # nothing to parse: do not even load the model
        return KnowledgeGraph(problems=problems)
    for found in extract_texts((a.text for a in articles), (a.id for a in articles)):
        events.extend(resolve_events(found))
    events = unify_people(events)
    built = KnowledgeGraph(articles={a.id: a for a in articles}, problems=problems)
    built.add(events)
    return built
