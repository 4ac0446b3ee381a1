"""One module per output format, each with a ``generate_*`` (text) and ``write_*`` (file) pair,
and the registry of formats that ``kg build --format``, ``KnowledgeGraph.write`` and
``KnowledgeGraph.write_all`` read.

To add a format: write its module here (``generate_x(eg) -> str`` and ``write_x(eg, path)``),
then one ``register(...)`` line below. Writers are named as ``module:function`` and imported on
first use, as rdflib's plugin registry does, so that ``kg --help`` loads none of them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.graph import EventGraph

__all__ = ["FORMATS", "ExportFormat", "default_formats", "find_format", "register"]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One output format: ``name`` for ``--format``, ``kind`` the key of ``write_all``'s
    answer, the file it is written to in an output folder, and its writer
    (``"module:function"``, called as ``writer(graph, path)``, plus ``base=`` when ``rdf``)."""

    name: str
    kind: str
    filename: str
    writer: str
    description: str
    default: bool = False
    rdf: bool = False  # instance IRIs are made under a base IRI

    def write(self, graph: EventGraph, path: str | os.PathLike, **options: Any) -> None:
        module, _, function = self.writer.partition(":")
        writer = getattr(import_module(module), function)
        if not self.rdf:
            options.pop("base", None)
        writer(graph, path, **options)


FORMATS: dict[str, ExportFormat] = {}


def register(export: ExportFormat) -> ExportFormat:
    """Adds ``export`` to the registry; a second format of the same name or kind is refused."""
    if export.name in FORMATS or any(f.kind == export.kind for f in FORMATS.values()):
        raise ValueError(f"an export format named {export.name!r} or of kind {export.kind!r} is registered already")
    FORMATS[export.name] = export
    return export


def find_format(name_or_kind: str) -> ExportFormat:
    """The format registered as ``name_or_kind`` (« ttl ») or of that kind (« turtle »)."""
    found = FORMATS.get(name_or_kind) or next((f for f in FORMATS.values() if f.kind == name_or_kind), None)
    if found is None:
        raise ValueError(f"unknown export format {name_or_kind}: choose among {', '.join(FORMATS)}")
    return found


register(
    ExportFormat(
        "ttl", "turtle", "graph.ttl", "kg.export.rdf:write_turtle", "RDF/Turtle for SPARQL", default=True, rdf=True
    )
)
register(ExportFormat("nt", "ntriples", "graph.nt", "kg.export.rdf:write_ntriples", "N-Triples", rdf=True))
register(ExportFormat("jsonld", "jsonld", "graph.jsonld", "kg.export.rdf:write_jsonld", "JSON-LD", rdf=True))
register(
    ExportFormat(
        "graphml",
        "graphml",
        "entities.graphml",
        "kg.export.network:write_graphml",
        "the entity graph for yEd and Gephi",
    )
)
register(ExportFormat("gexf", "gexf", "entities.gexf", "kg.export.network:write_gexf", "the entity graph for Gephi"))
register(
    ExportFormat(
        "html", "html", "graph.html", "kg.export.html:write_html", "the offline interactive viewer", default=True
    )
)
register(ExportFormat("jsonl", "events", "events.jsonl", "kg.export.jsonl:write_jsonl", "one JSON record per event",
                      default=True))  # fmt: skip


def default_formats() -> tuple[str, ...]:
    """Names of the formats ``kg build`` writes when none is asked for: ttl, html, jsonl."""
    return tuple(f.name for f in FORMATS.values() if f.default)
