"""SPARQL over an exported graph (Turtle, N-Triples or JSON-LD), on the embedded Oxigraph engine.

The usual prefixes (kg, kgi, sem, prov, nif, skos, rdfs, rdf, xsd, dcterms, schema) are
declared for you; a query may redeclare them. ``queries/`` holds one query per common question.

>>> table = run_query("exports/graph.ttl",
...                   "SELECT ?label WHERE { ?e a sem:Event ; rdfs:label ?label }")  # doctest: +SKIP
>>> table.columns, table.rows[:1]  # doctest: +SKIP
(['label'], [['Corée du Nord → envoyer → troupes']])
"""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError
from kg.export.table import Table
from kg.vocab import DEFAULT_BASE, PREFIXES

__all__ = ["QueryError", "load_store", "prefixes", "run_query"]


def prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """The predeclared prefixes: the vocabularies of the export, and ``kgi:`` for its instances."""
    return {"kg": PREFIXES["kg"], "kgi": base, **{p: ns for p, ns in PREFIXES.items() if p != "kg"}}


def _compact(term: object, known: dict[str, str]) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        for prefix, ns in known.items():
            if term.value.startswith(ns) and len(term.value) > len(ns):
                return f"{prefix}:{term.value[len(ns) :]}"
        return term.value
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def load_store(graph: str | os.PathLike) -> ox.Store:
    """An in-memory store of a graph file; its format is told by its extension (.ttl, .nt,
    .jsonld…), Turtle when there is none."""
    path = Path(graph)
    if not path.is_file():
        raise QueryError(f"{path}: no such graph file; build one with `kg build ARTICLES -o exports`")
    rdf_format = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower()) or ox.RdfFormat.TURTLE
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=rdf_format)
    except SyntaxError as err:
        raise QueryError(f"{path}: not valid {rdf_format.name} ({err})") from err
    except OSError as err:
        raise QueryError(f"{path}: cannot be read ({err.strerror or err}): check its permissions") from err
    return store


def run_query(graph: str | os.PathLike | ox.Store, sparql: str, base: str = DEFAULT_BASE) -> Table:
    """Run a SELECT, ASK or CONSTRUCT query; IRIs come back compacted (``kgi:entity/russie``)."""
    store = graph if isinstance(graph, ox.Store) else load_store(graph)
    known = prefixes(base)
    try:
        result = store.query(sparql, prefixes=known)
    except SyntaxError as err:
        raise QueryError("not valid SPARQL: " + " ".join(str(err).split())) from err
    if isinstance(result, ox.QueryBoolean):
        return Table(["ask"], [["true" if bool(result) else "false"]])
    if isinstance(result, ox.QuerySolutions):
        columns = [v.value for v in result.variables]
        rows = [[_compact(solution[c], known) for c in columns] for solution in result]
        return Table(columns, rows)
    rows = [[_compact(t.subject, known), _compact(t.predicate, known), _compact(t.object, known)] for t in result]
    return Table(["subject", "predicate", "object"], rows)
