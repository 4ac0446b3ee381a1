"""The entity graph (actor → target, one edge per event) as GraphML or GEXF, for Gephi and yEd.

Nodes are entities with their label, type and aliases; edges carry the event's action, modality,
sentence and document. Both formats accept only scalar attribute values, so lists become
« ; »-joined strings and missing values are left out; characters XML cannot hold (control
characters) become U+FFFD; ``start``/``end`` (the trigger's offsets) are renamed
``begin_index``/``end_index`` because GEXF reads ``start`` and ``end`` as time.
The output is deterministic: GEXF's « last modified » stamp, which networkx sets to today, is
left out.
"""

from __future__ import annotations

import os
import re

import networkx as nx

from kg.export.files import write_atomic
from kg.graph import EventGraph

__all__ = ["entity_network", "generate_gexf", "generate_graphml", "write_gexf", "write_graphml"]

# Attribute names GEXF gives a meaning of its own (time spells, ids, parents).
_RENAMED = {"start": "begin_index", "end": "end_index", "id": "entity_id", "pid": "parent_id"}
_LAST_MODIFIED = re.compile(r' lastmodifieddate="[^"]*"')
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _scalar(value: object) -> str | int | float | bool | None:
    if value is None or isinstance(value, (int, float, bool)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        value = "; ".join(str(v) for v in items)
    return _NOT_XML.sub("\ufffd", str(value))


def _attributes(data: dict) -> dict:
    cleaned = {_RENAMED.get(key, key): _scalar(value) for key, value in data.items()}
    return {key: value for key, value in cleaned.items() if value is not None}


def entity_network(eg: EventGraph) -> nx.MultiDiGraph:
    """``eg.entity_graph()`` with attributes both formats can hold."""
    source = eg.entity_graph()
    g = nx.MultiDiGraph()
    for node, data in source.nodes(data=True):
        g.add_node(node, **_attributes(data))
    for u, v, key, data in source.edges(keys=True, data=True):
        g.add_edge(u, v, key=key, **_attributes(data))
    return g


def generate_graphml(eg: EventGraph) -> str:
    return "\n".join(nx.generate_graphml(entity_network(eg))) + "\n"


def write_graphml(eg: EventGraph, path: str | os.PathLike) -> None:
    write_atomic(path, generate_graphml(eg))


def generate_gexf(eg: EventGraph) -> str:
    lines = nx.generate_gexf(entity_network(eg))
    return "\n".join(_LAST_MODIFIED.sub("", line) for line in lines) + "\n"


def write_gexf(eg: EventGraph, path: str | os.PathLike) -> None:
    write_atomic(path, generate_gexf(eg))
