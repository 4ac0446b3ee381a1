"""One module per output format, each with a ``generate_*`` (text) and ``write_*`` (file) pair."""

# Each export: its kind (the key of ``write_all``'s answer), the file it is written to, and the
# name ``kg build --format`` knows it by.
EXPORT_FILES = {
    "turtle": "graph.ttl",
    "ntriples": "graph.nt",
    "jsonld": "graph.jsonld",
    "graphml": "entities.graphml",
    "gexf": "entities.gexf",
    "html": "graph.html",
    "events": "events.jsonl",
}
EXPORT_FORMATS = {
    "ttl": "turtle",
    "nt": "ntriples",
    "jsonld": "jsonld",
    "graphml": "graphml",
    "gexf": "gexf",
    "html": "html",
    "jsonl": "events",
}
DEFAULT_FORMATS = ("ttl", "html", "jsonl")
