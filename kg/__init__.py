"""kg: French news articles → event knowledge graph.

>>> import kg
>>> events = kg.extract_events("La Corée du Nord a fourni une grande quantité d'armes à la Russie.")
>>> [(e.actor.text, e.lemma, e.target.text, e.recipient.text) for e in events]
[('La Corée du Nord', 'fournir', 'armes', 'la Russie')]
>>> g = kg.build_graph(["seeds/coree-du-nord-troupes-russie.txt"])  # doctest: +SKIP
>>> g.write_turtle("out.ttl"); g.write_html("out.html")             # doctest: +SKIP
"""

from kg.extract import extract_events
from kg.graph import EventGraph
from kg.model import Article, Entity, EntityType, Event, Mention, MentionKind, Modality
from kg.nlp import ModelMissingError
from kg.pipeline import KnowledgeGraph, build_graph
from kg.query import QueryError, run_query
from kg.read import Problem, read_paths

__all__ = [
    "Article",
    "Entity",
    "EntityType",
    "Event",
    "EventGraph",
    "KnowledgeGraph",
    "Mention",
    "MentionKind",
    "Modality",
    "ModelMissingError",
    "Problem",
    "QueryError",
    "build_graph",
    "extract_events",
    "read_paths",
    "run_query",
]
