"""SPARQL over an exported graph (Turtle, N-Triples or JSON-LD), on the embedded Oxigraph engine.

The usual prefixes (kg, kgi, sem, prov, nif, skos, rdfs, rdf, xsd, dcterms, schema) are
declared for you; a query may redeclare them. ``queries/`` holds one query per common question.

>>> table = run_query("exports/graph.ttl",
...                   "SELECT ?label WHERE { ?e a sem:Event ; rdfs:label ?label }")  # doctest: +SKIP
>>> table.columns, table.rows[:1]  # doctest: +SKIP
(['label'], [['Corée du Nord → envoyer → troupes']])

A federated query (``SERVICE <http://…>``) sends the query to the host it names: it is refused
unless ``allow_service=True``. With ``limits=Limits()`` the query runs in a child process that
is killed when it takes too long or too much memory; Ctrl-C (``KeyboardInterrupt``) then stops
it at once. Oxigraph cannot be interrupted otherwise: it holds the main thread until it is done.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import re
import signal
import stat
import sys
import threading
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError
from kg.export.table import Table
from kg.processes import die_with_parent
from kg.vocab import DEFAULT_BASE, PREFIXES

__all__ = ["Limits", "QueryError", "check_graph_file", "is_federated", "load_store", "prefixes", "run_query"]

SERVICE_REFUSED = (
    "the query has a SERVICE clause, which would send it over the network to the host it names: "
    "refused; pass --allow-service if you mean it"
)
TIMEOUT = "the query did not finish in {seconds:g} s and was stopped: add a LIMIT or narrow it, or raise --timeout"
TOO_MANY_ROWS = "the answer has more than {rows} rows and was stopped: add a LIMIT, or raise --max-rows"
OUT_OF_MEMORY = "the query needed more than {mb} MB of memory and was stopped: narrow it, or raise --max-memory"
EVALUATION_FAILED = "the query failed: {reason}"

_BATCH = 500  # rows a child sends at a time: few messages, little waiting


@dataclass(frozen=True)
class Limits:
    """What a query may take before it is stopped; ``None``: no limit on that."""

    seconds: float | None = 60.0
    rows: int | None = 100_000
    memory_mb: int | None = 4096


def prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """The predeclared prefixes: the vocabularies of the export, and ``kgi:`` for its instances."""
    return {"kg": PREFIXES["kg"], "kgi": base, **{p: ns for p, ns in PREFIXES.items() if p != "kg"}}


def _compact(term: object, known: dict[str, str]) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        iri = term.value  # once: each .value is a copy out of Oxigraph
        for prefix, ns in known.items():
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns) :]}"
        return iri
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


_FILE_KINDS = {
    stat.S_ISCHR: "character device",
    stat.S_ISBLK: "block device",
    stat.S_ISFIFO: "FIFO",
    stat.S_ISSOCK: "socket",
}


def check_graph_file(graph: str | os.PathLike) -> Path:
    """The path of a regular file, or a QueryError saying what it is instead: « is a folder »,
    « is not a regular file (FIFO) ». Never opens it, so a FIFO does not block."""
    path = Path(graph)
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        raise QueryError(f"{path}: no such graph file; build one with `kg build ARTICLES -o exports`") from None
    except OSError as err:
        raise QueryError(f"{path}: cannot be read ({err.strerror or err}): check its permissions") from err
    if stat.S_ISDIR(mode):
        raise QueryError(f"{path}: is a folder, not a graph file: give the graph.ttl inside it")
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _FILE_KINDS.items() if test(mode)), "special file")
        raise QueryError(f"{path}: is not a regular file ({kind}): give a graph file (.ttl, .nt, .jsonld)")
    return path


def load_store(graph: str | os.PathLike) -> ox.Store:
    """An in-memory store of a graph file; its format is told by its extension (.ttl, .nt,
    .jsonld…), Turtle when there is none."""
    path = check_graph_file(graph)
    rdf_format = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower()) or ox.RdfFormat.TURTLE
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=rdf_format)
    except SyntaxError as err:
        raise QueryError(f"{path}: not valid {rdf_format.name} ({err})") from err
    except OSError as err:
        raise QueryError(f"{path}: cannot be read ({err.strerror or err}): check its permissions") from err
    return store


# SPARQL's lexical tokens, enough to tell the keyword SERVICE from the same letters inside a
# string, a comment, an IRI, a variable, a prefixed name or a language tag.
_TOKEN = re.compile(
    r"""
      (?P<skip>
          \#[^\n\r]*                                     # comment
        | '''(?:[^'\\]|\\.|'(?!''))*'''                  # long strings
        | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
        | '(?:[^'\\\n\r]|\\.)*'                          # strings
        | "(?:[^"\\\n\r]|\\.)*"
        | <[^<>"{}|^`\\\x00-\x20]*>                      # IRI
        | [?$][\w\u00b7\u0300-\u036f\u203f\u2040]+       # variable
        | (?:[^\W\d][\w.-]*)?:(?:[\w.:%-]|\\.)*          # prefixed name, blank node label
        | @[A-Za-z]+(?:-[A-Za-z0-9]+)*                   # language tag
        | \d[\w.]*                                       # number
      )
    | (?P<word>[A-Za-z_]\w*)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


# SPARQL 1.1 (§ 19.2) reads \u0053 as S anywhere, before parsing: Oxigraph 0.5 does not, a later one
# may, so is_federated does
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def is_federated(sparql: str) -> bool:
    """Whether a query has a SERVICE clause: ``SERVICE <http://…> { … }`` is one, while
    « SERVICE » in a string, a comment, an IRI or a name (``?service``, ``ex:SERVICE``) is none."""
    unescaped = _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), sparql)
    return any(m.lastgroup == "word" and m.group().upper() == "SERVICE" for m in _TOKEN.finditer(unescaped))


def _answer(
    store: ox.Store, sparql: str, base: str, allow_service: bool
) -> tuple[list[str], Iterator[list[str | None]]]:
    """The columns and the rows of an answer; rows are computed as they are read."""
    if not allow_service and is_federated(sparql):
        raise QueryError(SERVICE_REFUSED)
    known = prefixes(base)
    compact = lru_cache(maxsize=65536)(partial(_compact, known=known))  # a term comes back in many rows
    try:
        result = store.query(sparql, prefixes=known)
    except SyntaxError as err:
        raise QueryError("not valid SPARQL: " + " ".join(str(err).split())) from err
    except OSError as err:  # a SERVICE that cannot be reached or answers nonsense
        raise QueryError(EVALUATION_FAILED.format(reason=" ".join(str(err).split()))) from err
    if isinstance(result, ox.QueryBoolean):
        return ["ask"], iter([["true" if bool(result) else "false"]])
    if isinstance(result, ox.QuerySolutions):
        columns = [v.value for v in result.variables]
        return columns, _checked([compact(term) for term in solution] for solution in result)  # in column order
    triples = ([compact(t.subject), compact(t.predicate), compact(t.object)] for t in result)
    return ["subject", "predicate", "object"], _checked(triples)


def _checked(rows: Iterator[list[str | None]]) -> Iterator[list[str | None]]:
    try:
        yield from rows
    except OSError as err:  # Oxigraph calls a SERVICE as it reads the rows
        raise QueryError(EVALUATION_FAILED.format(reason=" ".join(str(err).split()))) from err


def run_query(
    graph: str | os.PathLike | ox.Store,
    sparql: str,
    base: str = DEFAULT_BASE,
    *,
    limits: Limits | None = None,
    allow_service: bool = False,
) -> Table:
    """Run a SELECT, ASK or CONSTRUCT query; IRIs come back compacted (``kgi:entity/russie``).

    Without ``limits`` the query runs here, as long as it takes. With them ``graph`` is a file,
    read and queried in a child process stopped at the first limit reached (a QueryError says
    which); ``KeyboardInterrupt`` stops it too, at once."""
    if limits is None:
        store = graph if isinstance(graph, ox.Store) else load_store(graph)
        columns, rows = _answer(store, sparql, base, allow_service)
        return Table(columns, list(rows))
    if isinstance(graph, ox.Store):
        raise TypeError("run_query with limits reads the graph from its file: give its path, not a Store")
    if not allow_service and is_federated(sparql):
        raise QueryError(SERVICE_REFUSED)  # before any child process is started
    return _run_in_child(check_graph_file(graph), sparql, base, limits, allow_service)


def _context() -> multiprocessing.context.BaseContext:
    # fork is immediate (spawn starts Python and imports kg again: most of a second) but only
    # safe without other threads, as in `kg query`; macOS and Windows spawn
    alone = threading.active_count() == 1
    return multiprocessing.get_context("fork" if alone and sys.platform.startswith("linux") else "spawn")


def _run_in_child(path: Path, sparql: str, base: str, limits: Limits, allow_service: bool) -> Table:
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_evaluate,
        args=(sender, str(path), sparql, base, limits.rows, limits.memory_mb, allow_service),
        daemon=True,
    )
    child.start()
    sender.close()
    deadline = None if limits.seconds is None else time.monotonic() + limits.seconds
    columns: list[str] = []
    rows: list[list[str | None]] = []
    try:
        while True:
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not receiver.poll(wait):
                raise QueryError(TIMEOUT.format(seconds=limits.seconds))
            try:
                kind, value = receiver.recv()
            except EOFError:  # the child died without a word: the kernel or the allocator killed it
                child.join()
                if limits.memory_mb is not None and child.exitcode in (
                    -signal.SIGABRT,
                    -signal.SIGKILL,
                    -signal.SIGSEGV,
                ):
                    raise QueryError(OUT_OF_MEMORY.format(mb=limits.memory_mb)) from None
                raise RuntimeError(f"the query process died (exit status {child.exitcode})") from None
            if kind == "columns":
                columns = value
            elif kind == "rows":
                rows.extend(value)
            elif kind == "done":
                return Table(columns, rows)
            elif kind == "too many rows":
                raise QueryError(TOO_MANY_ROWS.format(rows=limits.rows))
            elif kind == "out of memory":
                raise QueryError(OUT_OF_MEMORY.format(mb=limits.memory_mb))
            elif kind == "error":
                raise QueryError(value)
            else:
                raise RuntimeError(f"the query process failed:\n{value}")
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()


def _evaluate(
    sender, path: str, sparql: str, base: str, max_rows: int | None, memory_mb: int | None, allow_service: bool
) -> None:
    """In the child: load the graph, run the query, send the answer to ``sender`` in batches."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops it, and says so once
    die_with_parent(os.getppid())  # killed outright, the parent cannot stop it: the kernel does
    faulthandler.disable()  # Rust aborts when memory runs out: the parent says so, in one line
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)  # and so for Rust's « memory allocation failed »
    if memory_mb is not None:
        _limit_memory(memory_mb * 1024 * 1024)
    try:
        columns, rows = _answer(load_store(path), sparql, base, allow_service)
        sender.send(("columns", columns))
        sent = 0
        while batch := list(islice(rows, _BATCH)):
            if max_rows is not None and sent + len(batch) > max_rows:
                sender.send(("too many rows", None))
                return
            sender.send(("rows", batch))
            sent += len(batch)
        sender.send(("done", None))
    except QueryError as err:
        sender.send(("error", str(err)))
    except MemoryError:
        sender.send(("out of memory", None))
    except Exception:
        sender.send(("bug", traceback.format_exc()))
    finally:
        sender.close()


def _limit_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: no address-space limit, the time limit still holds
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
