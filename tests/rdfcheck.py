"""Checks shared by the RDF tests: SHACL validation against the shapes kg ships."""

from __future__ import annotations

from functools import cache

import pyshacl
from rdflib import Graph

from kg.vocab import SHAPES


@cache
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def assert_conforms(data: Graph) -> None:
    """The graph conforms to kg/shapes.ttl; the failure message is pySHACL's report."""
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes())
    assert conforms, report


def violations(data: Graph) -> str:
    """pySHACL's report of a graph expected not to conform ('' if it does)."""
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes())
    return "" if conforms else report
