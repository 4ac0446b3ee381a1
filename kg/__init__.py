"""kg: French news articles → event knowledge graph.

>>> import kg
>>> events = kg.extract_events("La Corée du Nord a fourni une grande quantité d'armes à la Russie.")
>>> [(e.actor.text, e.lemma, e.target.text, e.recipient.text) for e in events]
[('La Corée du Nord', 'fournir', 'armes', 'la Russie')]
>>> g = kg.build_graph(["seeds/coree-du-nord-troupes-russie.txt"])  # doctest: +SKIP
>>> g.write_turtle("out.ttl"); g.write_html("out.html")             # doctest: +SKIP
"""

from importlib import import_module

from kg.errors import (
    BadInputError,
    DependencyMissingError,
    ExportError,
    KgError,
    ModelMissingError,
    OutputBusyError,
    QueryError,
    SchedulerError,
)
from kg.graph import EventGraph
from kg.model import (
    Article,
    Entity,
    EntityMention,
    EntityType,
    Event,
    EventKind,
    Extraction,
    Happening,
    Mention,
    MentionKind,
    Modality,
)
from kg.query import Limits, is_federated, run_query
from kg.read import Problem, read_paths

# Names whose modules import spaCy (a second or so): loaded on first use, so that reading,
# querying or merging graphs does not pay for it.
_NEEDS_SPACY = {
    "extract_events": "kg.extract",
    "build_graph": "kg.pipeline",
    "KnowledgeGraph": "kg.pipeline",
}


def __getattr__(name: str):
    if name in _NEEDS_SPACY:
        return getattr(import_module(_NEEDS_SPACY[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:  # tab completion sees the names loaded on first use too
    return sorted({*globals(), *_NEEDS_SPACY})


__all__ = [
    "Article",
    "BadInputError",
    "DependencyMissingError",
    "Entity",
    "EntityMention",
    "EntityType",
    "Event",
    "EventGraph",
    "EventKind",
    "ExportError",
    "Extraction",
    "Happening",
    "KgError",
    "KnowledgeGraph",
    "Limits",
    "Mention",
    "MentionKind",
    "Modality",
    "ModelMissingError",
    "OutputBusyError",
    "Problem",
    "QueryError",
    "SchedulerError",
    "build_graph",
    "extract_events",
    "is_federated",
    "read_paths",
    "run_query",
]
