"""read → parse → extract → resolve → graph → export: the only place that strings the stages.

>>> g = build_graph(["seeds/coree-du-nord-troupes-russie.txt"])   # doctest: +SKIP
>>> g.write_turtle("exports/graph.ttl"); g.write_html("exports/graph.html")  # doctest: +SKIP
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import signal
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from tqdm import tqdm

from kg import nlp
from kg.cache import CacheEntryError, ExtractionCache
from kg.errors import BadInputError
from kg.export import FORMATS, ExportFormat, default_formats, find_format, html, jsonl, network, rdf
from kg.export.files import output_lock, staged, write_atomic
from kg.extract import extract_articles, extract_batch
from kg.graph import EventGraph
from kg.model import Article, EntityMention, Event, Extraction
from kg.processes import die_with_parent, orphaned
from kg.read import Problem, ReadOptions, parse_article, read_paths
from kg.resolve import resolve_article, unify_names, unify_people, unify_things, with_participants
from kg.vocab import DEFAULT_BASE

__all__ = ["KnowledgeGraph", "build_graph", "load_inputs"]

log = logging.getLogger("kg")

Input = str | os.PathLike | Article


@dataclass
class KnowledgeGraph(EventGraph):
    """An EventGraph that can write itself, plus the input problems met while building it and
    the seconds each stage took (``seconds``: read, load model, parse, extract, resolve, graph,
    then one ``write …`` entry per file written)."""

    problems: list[Problem] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    def merge(self, other: EventGraph) -> KnowledgeGraph:
        merged = super().merge(other)
        merged.problems = [*self.problems, *getattr(other, "problems", [])]
        return merged

    def report(self) -> dict:
        """What was built and what was skipped, and why: the summary of a build."""
        skipped = [p for p in self.problems if p.skipped]
        return {
            "articles": len(self.articles),
            "events": len(self.happenings),
            "reports": len(self.events),
            "entities": len(self.entities),
            "skipped": [{"source": p.source, "line": p.line, "code": p.code, "reason": p.message} for p in skipped],
            "skipped_by_reason": dict(sorted(Counter(p.code for p in skipped).items())),
            "notes": [
                {"source": p.source, "line": p.line, "code": p.code, "note": p.message}
                for p in self.problems
                if not p.skipped
            ],
        }

    def write_report(self, path: str | os.PathLike) -> dict:
        report = self.report()
        write_atomic(path, json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        return report

    def to_turtle(self, base: str = DEFAULT_BASE) -> str:
        return rdf.generate_turtle(self, base)

    def write_turtle(self, path: str | os.PathLike, base: str = DEFAULT_BASE) -> None:
        rdf.write_turtle(self, path, base)

    def to_ntriples(self, base: str = DEFAULT_BASE) -> str:
        return rdf.generate_ntriples(self, base)

    def write_ntriples(self, path: str | os.PathLike, base: str = DEFAULT_BASE) -> None:
        rdf.write_ntriples(self, path, base)

    def to_jsonld(self, base: str = DEFAULT_BASE) -> str:
        return rdf.generate_jsonld(self, base)

    def write_jsonld(self, path: str | os.PathLike, base: str = DEFAULT_BASE) -> None:
        rdf.write_jsonld(self, path, base)

    def to_graphml(self) -> str:
        return network.generate_graphml(self)

    def write_graphml(self, path: str | os.PathLike) -> None:
        network.write_graphml(self, path)

    def to_gexf(self) -> str:
        return network.generate_gexf(self)

    def write_gexf(self, path: str | os.PathLike) -> None:
        network.write_gexf(self, path)

    def to_html(self, title: str | None = None) -> str:
        return html.generate_html(self, title)

    def write_html(self, path: str | os.PathLike, title: str | None = None) -> None:
        html.write_html(self, path, title)

    def to_jsonl(self) -> str:
        return jsonl.generate_jsonl(self)

    def write_jsonl(self, path: str | os.PathLike) -> None:
        jsonl.write_jsonl(self, path)

    def write(self, kind: str, path: str | os.PathLike, base: str = DEFAULT_BASE) -> None:
        """Writes the export ``kind`` (a name of ``kg.export.FORMATS``: « ttl », « html »…, or
        its kind: « turtle ») to ``path``; ``base`` is the IRI of instances in RDF formats."""
        export = find_format(kind)
        if export.rdf:
            rdf.check_base(base)
        export.write(self, path, base=base)

    def write_all(
        self,
        directory: str | os.PathLike,
        base: str = DEFAULT_BASE,
        formats: Iterable[str] | None = None,
        report: bool = False,
    ) -> dict[str, Path]:
        """The exports named in ``formats`` (names of ``kg.export.FORMATS``: ttl, nt, jsonld,
        graphml, gexf, html, jsonl; by default graph.ttl, graph.html and events.jsonl) in
        ``directory``, and report.json when ``report``; all replace the old files together, or
        none does (interrupted, disk full, killed), and never while another process writes
        ``directory`` (``kg.export.files.output_lock``: OutputBusyError). Returns the exports'
        paths by kind ("turtle"…)."""
        names = list(dict.fromkeys(default_formats() if formats is None else formats))
        exports: list[ExportFormat] = []
        unknown = []
        for name in names:
            try:
                exports.append(find_format(name))
            except ValueError:
                unknown.append(name)
        if unknown:
            raise BadInputError(f"unknown export format {', '.join(unknown)}: choose among {', '.join(FORMATS)}")
        if any(e.rdf for e in exports):
            rdf.check_base(base)  # before anything is written
        paths = {e.kind: Path(directory) / e.filename for e in exports}
        with output_lock(directory), staged(directory) as stage:  # all files replaced together, or none
            for export in exports:
                path = paths[export.kind]
                with timed(self.seconds, f"write {path.name}"):
                    export.write(self, stage(path), base=base)
            if report:
                self.write_report(stage(Path(directory) / "report.json"))
        return paths


@contextmanager
def timed(seconds: dict[str, float], stage: str) -> Iterator[None]:
    """Adds the time spent in the ``with`` block to ``seconds[stage]``."""
    started = time.perf_counter()
    try:
        yield
    finally:
        seconds[stage] = seconds.get(stage, 0.0) + time.perf_counter() - started


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
                message = DUPLICATE.format(first=first)
                problems.append(Problem(article.source or "<text>", message, skipped=False, code="duplicate"))
            else:
                articles[article.id] = article
    return list(articles.values()), problems


DUPLICATE = "the same text as {first}: kept once"
BAD_CACHE_ENTRY = "its cached extraction was not trusted ({reason}): parsed again, and the entry replaced"


def _from_cache(cache: ExtractionCache, article: Article, problems: list[Problem]) -> Extraction | None:
    """The cached extraction of ``article``, or None: none yet, or one that cannot be trusted
    (then noted in ``problems``, once)."""
    try:
        return cache.load(article.text)
    except CacheEntryError as err:
        problem = Problem(article.source or "<text>", BAD_CACHE_ENTRY.format(reason=err), False, code="bad-cache-entry")
        log.warning("%s", problem)
        problems.append(problem)
        return None


def _extract(
    articles: list[Article],
    jobs: int,
    cache: ExtractionCache | None,
    dask: str | None,
    progress: bool,
    seconds: dict[str, float],
    problems: list[Problem],
) -> Iterator[Extraction]:
    """Events and named spans of each article, in order: from the cache when it has them, else parsed here
    (``jobs`` processes) or on a Dask cluster. Stage times are added to ``seconds``, cache entries
    that cannot be trusted to ``problems``."""
    with timed(seconds, "cache"):
        cached = [_from_cache(cache, a, problems) if cache is not None else None for a in articles]
    todo = [a for a, hit in zip(articles, cached, strict=True) if hit is None]
    bar = tqdm(total=len(todo), unit="article", disable=not progress, desc="kg build", leave=False)
    if dask is not None:
        from kg.distributed import dask_client, extract_on_dask

        with timed(seconds, "parse + extract on Dask"), dask_client(dask, workers=max(jobs, 2)) as client:
            fresh = list(extract_on_dask(client, [(a.id, a.text) for a in todo]))
            bar.update(len(todo))
        parsed: Iterator[Extraction] = iter(fresh)
    in_processes = dask is None and jobs > 1 and len(todo) > 1
    if dask is None and todo:
        with timed(seconds, "load model"):
            nlp.load()
        if in_processes:
            parsed = _extract_in_processes(todo, jobs)
        else:
            parsed = extract_articles((a.text for a in todo), (a.id for a in todo), seconds=seconds)
    # each extraction is yielded from a box emptied as it goes (``list.pop``): this generator,
    # suspended, holds no reference to what it gave, which resolution then lets go
    with bar:
        for k, article in enumerate(articles):
            if cached[k] is not None:
                yield _take(cached, k)
                continue
            # the workers' parse and extraction, as waited for here
            with timed(seconds, f"parse + extract in {jobs} processes") if in_processes else nullcontext():
                found = [next(parsed)]
            bar.update(1)
            if cache is not None:
                with timed(seconds, "cache"):
                    cache.put(article.text, found[0])
            yield found.pop()


def _take(items: list, k: int) -> object:
    """``items[k]``, replaced by None in the list."""
    item, items[k] = items[k], None
    return item


def _extract_in_processes(articles: list[Article], jobs: int, batch_size: int = 8) -> Iterator[Extraction]:
    """Articles extracted by ``jobs`` forked processes, in order. The model is loaded before
    forking, so the workers share it instead of loading it each."""
    nlp.load()  # no-op when already loaded
    batches = [[(a.id, a.text) for a in articles[i : i + batch_size]] for i in range(0, len(articles), batch_size)]
    context = multiprocessing.get_context("fork")
    parent = os.getpid()
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker_start, initargs=(parent,))
    try:
        for extractions in pool.map(partial(_worker_batch, parent), batches):
            yield from extractions
    finally:  # interrupted: drop the batches not started instead of waiting for them all
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_start(parent: int) -> None:
    """In a worker, first: Ctrl-C reaches the whole process group; the parent stops the build
    and cancels the batches, so a worker waiting for work does not print a traceback. And the
    worker dies with its parent (`kg.processes`), which it also checks before each batch."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)


def _worker_batch(parent: int, batch: list[tuple[str, str]]) -> list[Extraction]:
    """``extract_batch`` in a worker whose parent is still there; an orphan stops instead."""
    if orphaned(parent):
        os._exit(1)
    return extract_batch(batch)


def build_graph(
    inputs: Iterable[Input] | Input,
    *,
    jobs: int = 1,
    cache: ExtractionCache | str | os.PathLike | bool | None = None,
    dask: str | None = None,
    progress: bool = False,
    read_options: ReadOptions | None = None,
    min_confidence: float = 0.0,
    release_model: bool = False,
) -> KnowledgeGraph:
    """The knowledge graph of articles given as paths, texts or Article objects.

    ``jobs``: parser processes; ``cache``: an ExtractionCache, a folder for one, or True for
    the default folder (articles already extracted by the same pipeline are not parsed again);
    ``dask``: ``local`` or a scheduler address to extract on a Dask cluster; ``progress``: a
    progress bar on standard error; ``min_confidence``: events whose confidence is below it are
    dropped before the graph is built (0 keeps them all; an event without a confidence is kept);
    ``release_model``: the parser is let go (``kg.nlp.release``) once the last article is parsed,
    so that resolving and writing a big build do not stack on its memory (``kg build`` does so;
    the next build loads it again).
    Problems with the input are logged and kept in ``.problems``; the rest is built.
    """
    if not 0.0 <= min_confidence <= 1.0:
        raise BadInputError(f"min_confidence is {min_confidence}: give a number from 0 to 1")
    if isinstance(inputs, (str, os.PathLike, Article)):
        inputs = [inputs]
    seconds: dict[str, float] = {}
    with timed(seconds, "read"):
        articles, problems = load_inputs(inputs, read_options)
    for problem in problems:
        log.warning("%s", problem)
    if not articles:  # nothing to parse: do not even load the model
        return KnowledgeGraph(problems=problems, seconds=seconds)
    if cache is True:
        cache = ExtractionCache()
    elif isinstance(cache, (str, os.PathLike)):
        cache = ExtractionCache(cache)
    events: list[Event] = []
    names: list[EntityMention] = []
    extracted = _extract(articles, jobs, cache or None, dask, progress, seconds, problems)
    for k, article in enumerate(articles):
        found = [next(extracted)]  # the article's records as extracted, in a box that resolution empties
        if k == len(articles) - 1:  # everything is parsed: the parser's generators hold the model, its
            extracted.close()  # workers and its progress bar; let them go before the last article is resolved
            if release_model:
                nlp.release()
        with timed(seconds, "resolve"):
            # resolution holds the only reference, and lets the records go as it resolves them
            resolved, named = resolve_article(found.pop(), article.date, article.text)
            events.extend(resolved)
            names.extend(named)
    with timed(seconds, "resolve"):
        events, names = unify_names(with_participants(events), names, unify_people, unify_things)
    if min_confidence > 0:
        events = [e for e in events if e.confidence is None or e.confidence >= min_confidence]
    with timed(seconds, "graph"):
        built = KnowledgeGraph(articles={a.id: a for a in articles}, problems=problems, seconds=seconds)
        built.add(_handed_over(events), _handed_over(names))
    return built


def _handed_over(items: list) -> Iterator:
    """The items of ``items`` in order, each let go by the list as it is taken: the graph then
    holds the only copy of a big build's records while it rebinds them."""
    items.reverse()
    while items:
        yield items.pop()
