"""EventGraph → one self-contained HTML page: entities as nodes, events as arrows actor → target.

The page works from ``file://`` with the network off: vis-network's script and stylesheet are
read from the installed pyvis package and inlined, and the page links nothing remote. pyvis's
own templates are not used because they load vis-network and bootstrap from CDNs.

Article text stays text: the data travels as JSON inside ``<script type="application/json">``
with ``<``, ``>`` and ``&`` escaped, and the page's script builds every element from it with
``textContent``. Sentence highlights are cut into segments here, in Python, because mention
offsets count code points and JavaScript strings count UTF-16 units.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import math
import os
import re
import tempfile
from collections import defaultdict
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from kg.graph import EventGraph
from kg.model import EntityType, Event, Mention, Modality

__all__ = ["generate_html", "write_html"]

DEFAULT_TITLE = "kg — graphe d'événements"

TEMPLATES = Path(__file__).parent / "templates"
VIS_VERSION = "vis-9.1.2"

# Okabe–Ito colours, distinguishable with the common colour blindnesses; vermilion is kept for
# negated events. Shapes keep their label below so that the size can carry the event count.
TYPE_STYLES = {
    EntityType.COUNTRY: ("Pays", "#0072B2", "hexagon"),
    EntityType.PERSON: ("Personne", "#E69F00", "dot"),
    EntityType.ORGANIZATION: ("Organisation", "#009E73", "square"),
    EntityType.GROUP: ("Groupe", "#CC79A7", "triangle"),
    EntityType.PLACE: ("Lieu", "#56B4E9", "diamond"),
    EntityType.THING: ("Objet", "#8C8C8C", "star"),
}

# Display status of an event: its modality, or "negated" whenever the text denies it.
# (label, colour, dash pattern or False)
STATUS_STYLES = {
    Modality.ASSERTED.value: ("affirmé", "#4A5568", False),
    Modality.REPORTED.value: ("rapporté", "#2B6CB0", [9, 5]),
    Modality.ALLEGED.value: ("allégué", "#805AD5", [5, 5]),
    Modality.HYPOTHETICAL.value: ("hypothétique", "#718096", [2, 5]),
    Modality.NEGATED.value: ("nié", "#D55E00", [10, 4, 2, 4]),
}

ROLE_LABELS = {
    "action": "déclencheur",
    "actor": "acteur",
    "target": "cible",
    "recipient": "destinataire",
    "destination": "destination",
    "place": "lieu",
    "time": "date",
    "quantity": "quantité",
    "purpose": "but",
    "source": "source",
    "disputed_by": "contesté par",
}

# From this many nodes on, fewer stabilisation rounds and no edges while dragging or zooming keep
# a 2,000-node page responsive.
LARGE_GRAPH_NODES = 500
# Seeds vis-network's own generator for the starting positions: the same graph, the same picture.
# Its "improved layout" is left off: its Kamada–Kawai start takes seconds on large graphs and
# drops small components onto the edges of the large one.
LAYOUT_SEED = 20241024

PYVIS_MISSING = "pyvis is not installed, and the HTML page inlines its vis-network: run `pip install pyvis`"


def generate_html(eg: EventGraph, title: str | None = None) -> str:
    """The page as a string; the same graph always gives the same bytes."""
    title = title or DEFAULT_TITLE
    data = _page_data(eg)
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    template = env.get_template("graph.html")
    vis_js, vis_css = _vis_assets()
    n_drawn = len(data["edges"])
    return template.render(
        title=title,
        counts=_counts_line(len(eg.articles), len(eg.entities), len(eg.events)),
        drawn=_drawn_line(n_drawn, len(eg.events)),
        empty=not data["nodes"],
        types=data["types"],
        statuses=data["statuses"],
        data_json=Markup(_script_json(data)),
        vis_js=Markup(_inline_script(vis_js)),
        vis_css=Markup(_inline_style(vis_css)),
        page_js=Markup(_inline_script((TEMPLATES / "graph.js").read_text(encoding="utf-8"))),
        page_css=Markup(_inline_style((TEMPLATES / "graph.css").read_text(encoding="utf-8"))),
    )


def write_html(eg: EventGraph, path: str | os.PathLike[str], title: str | None = None) -> None:
    """Write the page atomically: a reader never sees half a file."""
    path = Path(path)
    page = generate_html(eg, title=title)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644  # mkstemp's 0o600 would stick
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(page)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _page_data(eg: EventGraph) -> dict:
    events = sorted(eg.events, key=lambda e: e.id)
    involvement: dict[str, list[str]] = defaultdict(list)  # in document order, as the panel lists them
    for event in sorted(eg.events, key=lambda e: (e.doc_id, e.action.start, e.id)):
        for entity_id in sorted({m.entity.id for m in event.roles().values() if m.entity is not None}):
            involvement[entity_id].append(event.id)

    nodes = []
    for entity in sorted(eg.entities.values(), key=lambda e: e.id):
        n_events = len(involvement[entity.id])
        nodes.append(
            {
                "id": entity.id,
                "label": entity.label,
                "type": entity.type.value,
                "aliases": sorted(set(entity.aliases) - {entity.label}),
                "events": involvement[entity.id],
                "size": _node_size(n_events),
            }
        )

    drawn = [e for e in events if _endpoints(e) is not None]
    smooth = _edge_curves(drawn)
    edges = []
    for event in drawn:
        source, target = _endpoints(event)
        edges.append(
            {
                "id": event.id,
                "from": source,
                "to": target,
                "label": event.action.text,
                "status": _status(event),
                "smooth": smooth[event.id],
            }
        )

    types_present = {n["type"] for n in nodes}
    statuses_present = {e["status"] for e in edges}
    return {
        "nodes": nodes,
        "edges": edges,
        "events": {e.id: _event_record(eg, e) for e in events},
        "types": [
            {
                "id": t.value,
                "label": label,
                "color": color,
                "shape": shape,
                "count": sum(n["type"] == t.value for n in nodes),
                "present": t.value in types_present,
            }
            for t, (label, color, shape) in TYPE_STYLES.items()
        ],
        "statuses": [
            {
                "id": s,
                "label": label,
                "color": color,
                "dashes": dashes,
                "count": sum(e["status"] == s for e in edges),
                "present": s in statuses_present,
            }
            for s, (label, color, dashes) in STATUS_STYLES.items()
        ],
        "roles": ROLE_LABELS,
        "options": _vis_options(len(nodes)),
    }


def _endpoints(event: Event) -> tuple[str, str] | None:
    if event.actor is None or event.target is None:
        return None
    if event.actor.entity is None or event.target.entity is None:
        return None
    return event.actor.entity.id, event.target.entity.id


def _status(event: Event) -> str:
    return Modality.NEGATED.value if event.negated else event.modality.value


def _node_size(n_events: int) -> float:
    return round(min(12 + 7 * math.sqrt(n_events), 48), 1)


def _edge_curves(events: list[Event]) -> dict[str, dict]:
    """Fan out the edges between one pair of entities so that none hides another.

    Offsets are taken along the pair's canonical direction, then flipped for the edges running
    the other way, since vis-network's clockwise is relative to each edge's own direction.
    """
    pairs: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for event in events:
        a, b = _endpoints(event)
        pairs[min(a, b), max(a, b)].append(event)
    curves = {}
    for (a, _b), group in pairs.items():
        step = min(0.25, 1.8 / len(group))
        for i, event in enumerate(group):
            offset = (i - (len(group) - 1) / 2) * step
            if _endpoints(event)[0] != a:
                offset = -offset
            if abs(offset) < 1e-9:
                curves[event.id] = {"enabled": False}
            else:
                curves[event.id] = {
                    "enabled": True,
                    "type": "curvedCW" if offset > 0 else "curvedCCW",
                    "roundness": round(abs(offset), 3),
                }
    return curves


def _event_record(eg: EventGraph, event: Event) -> dict:
    """What the details panel shows about one event: all strings, nothing to interpret."""
    article = eg.articles.get(event.doc_id)
    roles = event.roles()
    return {
        "lemma": event.lemma,
        "action": event.action.text,
        "actor": _who(event.actor),
        "target": _who(event.target),
        "roles": [
            [role, mention.text, mention.entity.label if mention.entity else None]
            for role, mention in roles.items()
            if role not in ("actor", "target")
        ],
        "participants": {role: mention.entity.id for role, mention in roles.items() if mention.entity},
        "modality": event.modality.value,
        "negated": event.negated,
        "status": _status(event),
        "title": article.title if article else "",
        "date": article.date.isoformat() if article and article.date else None,
        "origin": (article.url or article.source) if article else None,
        "sentence": _sentence_segments(event),
        "drawn": _endpoints(event) is not None,
    }


def _who(mention: Mention | None) -> str | None:
    if mention is None:
        return None
    return mention.entity.label if mention.entity is not None else mention.text


def _sentence_segments(event: Event) -> list[list]:
    """The sentence cut into ``[text, role or None]`` pieces, the trigger and roles marked.

    A mention whose offsets do not fall inside the sentence, or do not spell its text there,
    is left unmarked rather than marking the wrong words. Where marks overlap, the innermost
    (shortest) one wins: « 3 000 » inside « 3 000 soldats » stays the quantity.
    """
    sentence = event.sentence
    if sentence is None or not sentence.text:
        return []
    text = sentence.text
    marks = []
    for role, mention in [("action", event.action), *event.roles().items()]:
        start, end = mention.start - sentence.start, mention.end - sentence.start
        if 0 <= start < end <= len(text) and text[start:end] == mention.text:
            marks.append((start, end, role))
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    segments: list[list] = []
    for start, end in itertools.pairwise(cuts):
        covering = [m for m in marks if m[0] <= start and end <= m[1]]
        role = min(covering, key=lambda m: (m[1] - m[0], m[2] != "action"))[2] if covering else None
        if segments and segments[-1][1] == role:
            segments[-1][0] += text[start:end]
        else:
            segments.append([text[start:end], role])
    return segments


def _vis_options(n_nodes: int) -> dict:
    big = n_nodes >= LARGE_GRAPH_NODES
    return {
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": False},
        "physics": {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -7000,
                "centralGravity": 0.3,
                "springLength": 140,
                "springConstant": 0.03,
                "damping": 0.12,
                "avoidOverlap": 0.3,
            },
            "stabilization": {
                "enabled": True,
                "iterations": 300 if not big else 150,
                "updateInterval": 25,
                "fit": True,
            },
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "multiselect": False,
            "navigationButtons": False,
            "keyboard": False,
        },
        "nodes": {
            "borderWidth": 1.5,
            "font": {
                "size": 15,
                "face": "system-ui, sans-serif",
                "color": "#1A202C",
                "strokeWidth": 4,
                "strokeColor": "#FFFFFF",
            },
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.9}},
            "width": 1.6,
            "hoverWidth": 1.2,
            "selectionWidth": 2,
            "font": {
                "size": 13,
                "face": "system-ui, sans-serif",
                "color": "#2D3748",
                "strokeWidth": 4,
                "strokeColor": "#FFFFFF",
                "align": "horizontal",
            },
        },
    }


def _counts_line(n_articles: int, n_entities: int, n_events: int) -> str:
    return " · ".join(
        [
            _plural(n_articles, "article", "articles"),
            _plural(n_entities, "entité", "entités"),
            _plural(n_events, "événement", "événements"),
        ]
    )


def _drawn_line(n_drawn: int, n_events: int) -> str:
    """Events without a resolved actor and target are in the panels but not drawn as arrows."""
    if n_drawn == n_events:
        return ""
    return f"{_plural(n_drawn, 'lien dessiné', 'liens dessinés')} (acteur et cible identifiés)"


def _plural(n: int, one: str, many: str) -> str:
    """« 0 entité », « 1 entité », « 2 entités »; thousands split by a narrow no-break space."""
    return f"{n:,}".replace(",", "\u202f") + " " + (one if n < 2 else many)


def _script_json(data: dict) -> str:
    """JSON safe inside <script>: no character of it can close the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _inline_script(js: str) -> str:
    # "</script" can only occur inside a string or regex literal, where "<\/" means the same.
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)


def _inline_style(css: str) -> str:
    if re.search(r"</style", css, flags=re.IGNORECASE):
        raise ValueError("a stylesheet to inline contains '</style'")
    return css


def _vis_assets() -> tuple[str, str]:
    """vis-network's script and stylesheet, from the installed pyvis (found without importing it,
    which would import IPython)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or spec.origin is None:
        raise RuntimeError(PYVIS_MISSING)
    lib = Path(spec.origin).parent / "lib" / VIS_VERSION
    try:
        js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
        css = (lib / "vis-network.css").read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise RuntimeError(f"{PYVIS_MISSING} (version 0.3.2, which ships {VIS_VERSION}): {err}") from err
    return js, css
