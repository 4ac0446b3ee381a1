"""EventGraph → one self-contained HTML page: entities as nodes, events as arrows actor → target.

The page works from ``file://`` with the network off: vis-network's script and stylesheet are
read from the installed pyvis package and inlined, and the page links nothing remote. pyvis's
own templates are not used because they load vis-network and bootstrap from CDNs.

Article text stays text: the data travels as JSON inside ``<script type="application/json">``
with ``<``, ``>`` and ``&`` escaped, and the page's script builds every element from it with
``textContent``. Sentence highlights are cut into segments here, in Python, because mention
offsets count code points and JavaScript strings count UTF-16 units.

The positions of the entities come from kg/export/layout.py, so that the browser draws at once
whatever the size: vis-network's physics stays off; with it a 2,000-node page took minutes to settle.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import itertools
import json
import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from kg.errors import DependencyMissingError
from kg.export.files import write_atomic
from kg.export.layout import LABEL_PX, NODE_PX, label_room, layout
from kg.french import MONTH_NAMES
from kg.graph import EventGraph
from kg.model import ROLE_TABLE, Bound, Entity, EntityType, Event, Happening, Mention, Modality, Period, Unit

__all__ = ["generate_html", "iter_html", "write_html"]

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
    EntityType.CITY: ("Ville", "#56B4E9", "triangleDown"),
    EntityType.TEAM: ("Équipe", "#F0E442", "square"),
    EntityType.THING: ("Objet", "#8C8C8C", "star"),
}

# Display status of an event: its modality, or "negated" whenever the text denies it.
# (label, what it means, colour, dash pattern or False)
STATUS_STYLES = {
    Modality.ASSERTED.value: ("affirmé", "présenté comme un fait", "#4A5568", False),
    Modality.REPORTED.value: ("rapporté", "«\u00a0selon X\u00a0», «\u00a0X a dit que\u00a0»", "#2B6CB0", [9, 5]),
    Modality.ALLEGED.value: ("allégué", "conditionnel\u00a0: «\u00a0aurait…\u00a0»", "#805AD5", [5, 5]),
    Modality.HYPOTHETICAL.value: ("hypothétique", "«\u00a0si…\u00a0», «\u00a0craint que…\u00a0»", "#718096", [2, 5]),
    Modality.NEGATED.value: ("nié", "«\u00a0n'a pas…\u00a0», «\u00a0ni… ni…\u00a0»", "#D55E00", [10, 4, 2, 4]),
}

# The role table's French names and arrow cues (« à la Russie », « selon Séoul »), and the trigger's.
ROLE_LABELS = {"action": "déclencheur", **{role.name: role.label for role in ROLE_TABLE}}
ROLE_CUES = {role.name: role.cue for role in ROLE_TABLE if role.cue}
CUE_CHARS = 30
SEASON_NAMES = {3: "printemps", 6: "été", 9: "automne", 12: "hiver"}  # by their first month

SECTOR_LABELS = {
    "military": "armée",
    "government": "gouvernement",
    "intelligence": "renseignement",
    "police": "police",
    "judiciary": "justice",
    "media": "médias",
    "rebels": "rebelles",
    "opposition": "opposition",
    "civilians": "civils",
    "business": "entreprises",
    "education": "enseignement",
    "health": "santé",
    "research": "recherche",
    "emergency": "secours",
    "sport": "sport",
    "religion": "religion",
    "culture": "culture",
}

# From this many nodes on, edges are hidden while dragging or zooming to keep the page fluid.
LARGE_GRAPH_NODES = 500
PYVIS_MISSING = "pyvis is not installed, and the HTML page inlines its vis-network: run `pip install pyvis`"


def generate_html(eg: EventGraph, title: str | None = None) -> str:
    """The page as a string; the same graph always gives the same bytes."""
    return "".join(iter_html(eg, title))


def write_html(eg: EventGraph, path: str | os.PathLike[str], title: str | None = None) -> None:
    """Write the page atomically (a reader never sees half a file), piece by piece."""
    write_atomic(path, iter_html(eg, title))


def iter_html(eg: EventGraph, title: str | None = None) -> Iterator[str]:
    """The page in pieces, the text of ``generate_html``: the page around the data, then the
    data's JSON as each event's record and each arrow is made, so that the records of a big
    article's hundreds of thousands of reports are never all in memory, nor their JSON."""
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
    n_named_only = sum(n["named_only"] for n in data["nodes"])
    page = template.render(
        title=title,
        counts=_counts_line(len(eg.articles), len(eg.entities), len(eg.happenings), len(eg.events)),
        drawn=_drawn_line(len(data["edges"]), len(eg.happenings)),
        empty=not data["nodes"],
        types=data["types"],
        statuses=data["statuses"],
        dates=data["dates"],
        n_isolated=sum(not n["linked"] and not n["named_only"] for n in data["nodes"]),
        n_named_only=n_named_only,
        named_only_text=_plural(n_named_only, "entité sans événement", "entités sans événement"),
        data_json=Markup(DATA_MARK),
        vis_js=Markup(_inline_script(vis_js)),
        vis_css=Markup(_inline_style(vis_css)),
        page_js=Markup(_inline_script((TEMPLATES / "graph.js").read_text(encoding="utf-8"))),
        page_css=Markup(_inline_style((TEMPLATES / "graph.css").read_text(encoding="utf-8"))),
    )
    # the last mark is the data's: a title may spell the mark, the scripts after the data do not
    before, _, after = page.rpartition(DATA_MARK)
    del page
    yield before
    yield from _script_json(data)
    yield after


# Where the data goes in the rendered page, until its JSON is written there.
DATA_MARK = "\x00kg-data\x00"


@dataclass(frozen=True, slots=True)
class _Streamed:
    """A value of the page data made while its JSON is written, one item at a time: ``make`` of
    each of ``source``, as a JSON array, or as an object of ``make``'s ``(key, value)`` pairs
    when ``pairs`` (``source`` in the order of their keys)."""

    source: Sequence
    make: Callable[[Any], Any]
    pairs: bool = False

    def __len__(self) -> int:
        return len(self.source)


def _page_data(eg: EventGraph) -> dict:
    """What the page's script reads; the arrows and the events' records (one a report, with its
    sentence) are ``_Streamed``: made as their JSON is written."""
    events = sorted(eg.happenings, key=lambda h: h.id)
    involvement: dict[str, list[str]] = defaultdict(list)  # in document order, as the panel lists them
    for happening in eg.happenings:  # in the document order of their first reports
        for entity_id in sorted({x.id for named in happening.participants().values() for x in named}):
            involvement[entity_id].append(happening.id)

    drawn = [h for h in events if _endpoints(h.lead) is not None]
    linked = {end for h in drawn for end in _endpoints(h.lead)}
    # entities only named in the text, with no event nor thing they are of: hidden at first
    held = {x.id for e in eg.entities.values() for x in e.about} | set(involvement)
    named = Counter(x.id for n in eg.names for x in n.mention.all_entities())

    entities = sorted(eg.entities.values(), key=lambda e: e.id)
    # The grid of entities without arrows reads like the legend.
    positions = layout(entities, [(*_endpoints(h.lead), _label_room(h.lead)) for h in drawn], type_order=TYPE_STYLES)
    nodes = []
    for entity in entities:
        x, y = positions[entity.id]
        nodes.append(
            {
                "id": entity.id,
                "label": entity.label,
                "type": entity.type.value,
                "aliases": _aliases(entity),
                "affiliation": entity.affiliation,
                "sector": entity.sector,
                "role": entity.role,
                "about": sorted({x.id for x in entity.about}),
                "events": involvement[entity.id],
                "size": _node_size(len(involvement[entity.id])),
                "linked": entity.id in linked,
                "named_only": entity.id not in held,
                "names": named[entity.id],
                "x": x,
                "y": y,
            }
        )

    smooth = _edge_curves(drawn)

    def edge(happening: Happening) -> dict:
        event = happening.lead
        source, target = _endpoints(event)
        return {
            "id": happening.id,
            "from": source,
            "to": target,
            "label": "\n".join([event.action.text, *(_short(c) for c in _cues(event))]),
            "status": _status(happening.modality),
            "smooth": smooth[happening.id],
        }

    dates = sorted(a.date.isoformat() for a in eg.articles.values() if a.date is not None)
    statuses = Counter(_status(h.modality) for h in drawn)
    return {
        "nodes": nodes,
        "edges": _Streamed(drawn, edge),
        "events": _Streamed(events, lambda h: (h.id, _event_record(eg, h)), pairs=True),
        "types": [
            {
                "id": t.value,
                "label": label,
                "color": color,
                "shape": shape,
                "count": sum(n["type"] == t.value for n in nodes),
            }
            for t, (label, color, shape) in _type_styles(eg).items()
        ],
        "statuses": [
            {
                "id": s,
                "label": label,
                "gloss": gloss,
                "color": color,
                "dashes": dashes,
                "count": statuses[s],
            }
            for s, (label, gloss, color, dashes) in STATUS_STYLES.items()
        ],
        "dates": {
            "min": dates[0] if dates else None,
            "max": dates[-1] if dates else None,
            "undated": sum(_article_date(eg, h.lead) is None for h in events),
        },
        "roles": ROLE_LABELS,
        "sectors": SECTOR_LABELS,
        "options": _vis_options(len(nodes)),
    }


def _type_styles(eg: EventGraph) -> dict:
    """TYPE_STYLES, plus a plain grey dot for any type it does not know yet."""
    extra = sorted({e.type for e in eg.entities.values()} - set(TYPE_STYLES))
    return {**TYPE_STYLES, **{t: (str(t), "#A0AEC0", "dot") for t in extra}}


def _named(mention: Mention) -> tuple[Entity, ...]:
    """Every entity a mention names: « les services américains et sud-coréens » may name two."""
    return mention.all_entities()


def _aliases(entity: Entity) -> list[str]:
    """The other names, once each whatever the case: « la Corée du Nord » stands for « La Corée du Nord »."""
    seen = {entity.label.casefold()}
    kept = []
    for alias in sorted(set(entity.aliases), key=lambda a: (a.casefold(), a)):
        if alias.casefold() not in seen:
            seen.add(alias.casefold())
            kept.append(alias)
    return kept


def _endpoints(event: Event) -> tuple[str, str] | None:
    if event.actor is None or event.target is None:
        return None
    if event.actor.entity is None or event.target.entity is None:
        return None
    return event.actor.entity.id, event.target.entity.id


def _status(modality: Modality) -> str:
    return modality.value


def _node_size(n_events: int) -> float:
    return round(min(12 + 7 * math.sqrt(n_events), NODE_PX), 1)


def _label_room(event: Event) -> float:
    return label_room([event.action.text, *map(_short, _cues(event))])


def _cues(event: Event) -> list[str]:
    """The roles other than actor and target as short French phrases: « à la Russie »."""
    return [ROLE_CUES[role].format(m.text) for role, m in event.roles().items() if role in ROLE_CUES]


def _short(text: str) -> str:
    return text if len(text) <= CUE_CHARS else text[: CUE_CHARS - 1].rstrip() + "…"


def _edge_curves(happenings: list[Happening]) -> dict[str, dict]:
    """Fan out the edges between one pair of entities so that none hides another.

    Offsets are taken along the pair's canonical direction, then flipped for the edges running
    the other way, since vis-network's clockwise is relative to each edge's own direction.
    """
    pairs: dict[tuple[str, str], list[Happening]] = defaultdict(list)
    for happening in happenings:
        a, b = _endpoints(happening.lead)
        pairs[min(a, b), max(a, b)].append(happening)
    curves = {}
    for (a, _b), group in pairs.items():
        step = min(0.5, 1.8 / len(group))
        for i, happening in enumerate(group):
            offset = (i - (len(group) - 1) / 2) * step
            if _endpoints(happening.lead)[0] != a:
                offset = -offset
            if abs(offset) < 1e-9:
                curves[happening.id] = {"enabled": False}
            else:
                curves[happening.id] = {
                    "enabled": True,
                    "type": "curvedCW" if offset > 0 else "curvedCCW",
                    "roundness": round(abs(offset), 3),
                }
    return curves


# ---- what the panels show ----


def _event_record(eg: EventGraph, happening: Happening) -> dict:
    """What the details panel shows about one event: all strings, nothing to interpret. The
    roles, sentence and article are its lead report's; ``reports`` lists every report."""
    event = happening.lead
    article = eg.articles.get(event.doc_id)
    roles = event.roles()
    date = article.date if article else None
    return {
        "lemma": event.lemma,
        "action": event.action.text,
        "kind": str(event.kind),
        "actor": _who(event.actor),
        "target": _who(event.target),
        "roles": [
            [role, mention.text, [[x.id, x.label] for x in _named(mention)]]
            for role, mention in roles.items()
            if role not in ("actor", "target")
        ],
        "cues": _cues(event),
        "participants": [[role, x.id] for role, named in happening.participants().items() for x in named],
        "modality": happening.modality.value,
        "negated": happening.modality is Modality.NEGATED,
        "status": _status(happening.modality),
        "doc": event.doc_id,
        "title": article.title if article else "",
        "date": date.isoformat() if date else None,
        "date_text": _day_text(date) if date else None,
        "period": _period_text(event.period),
        "confidence": happening.confidence,
        "origin": (article.url or article.source) if article else None,
        "sentence": _sentence_segments(event),
        "drawn": _endpoints(event) is not None,
        "reports": [_report_record(eg, report) for report in happening.reports],
    }


def _article_date(eg: EventGraph, report: Event) -> dt.date | None:
    article = eg.articles.get(report.doc_id)
    return article.date if article else None


def _report_record(eg: EventGraph, report: Event) -> dict:
    """One report of an event as the panel lists it: its article, how far it commits, who says
    so, and its sentence with the trigger and roles marked."""
    article = eg.articles.get(report.doc_id)
    date = article.date if article else None
    return {
        "doc": report.doc_id,
        "title": article.title if article else "",
        "date_text": _day_text(date) if date else None,
        "origin": (article.url or article.source) if article else None,
        "modality": report.modality.value,
        "status": _status(report.modality),
        "source": report.source.text if report.source is not None else None,
        "sentence": _sentence_segments(report),
    }


def _day_text(day: dt.date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _period_text(period: Period | None) -> str | None:
    """The resolved period in French: « 28 avril 2025 », « mars 2025 », « automne 2024 (du 1
    septembre au 30 novembre 2024) », « jusqu'au 28 avril 2025 », « depuis mars 2025 »."""
    if period is None:
        return None
    first, last = period.first, period.last
    if period.unit is Unit.DAY:
        named = _day_text(first)
    elif period.unit is Unit.MONTH:
        named = f"{MONTH_NAMES[first.month - 1]} {first.year}"
    elif period.unit is Unit.YEAR:
        named = str(first.year)
    else:
        kind = {Unit.WEEK: "semaine", Unit.SEASON: SEASON_NAMES.get(first.month, "saison")}[period.unit]
        named = f"{kind} {first.year}" if period.unit is Unit.SEASON else kind
        since = _day_text(first).removesuffix(f" {first.year}") if first.year == last.year else _day_text(first)
        named += f" (du {since} au {_day_text(last)})"
    if period.bound is Bound.SINCE:
        return f"depuis {named}" if period.unit is not Unit.DAY else f"depuis le {named}"
    if period.bound is Bound.UNTIL:
        return f"jusqu'en {named}" if period.unit is not Unit.DAY else f"jusqu'au {named}"
    return named


def _who(mention: Mention | None) -> list | None:
    """[text shown, entity id or None]: the entity's label when resolved, else the words of the text."""
    if mention is None:
        return None
    if mention.entity is not None:
        return [mention.entity.label, mention.entity.id]
    return [mention.text, None]


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
        "layout": {"improvedLayout": False},
        "physics": {"enabled": False},
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
            "widthConstraint": {"maximum": LABEL_PX},
            "font": {
                "size": 17,
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
                "size": 14,
                "face": "system-ui, sans-serif",
                "color": "#2D3748",
                "strokeWidth": 4,
                "strokeColor": "#FFFFFF",
                "align": "horizontal",
            },
        },
    }


def _counts_line(n_articles: int, n_entities: int, n_events: int, n_reports: int) -> str:
    """« 3 articles · 12 entités · 20 événements (22 récits) »: the reports only when some event has several."""
    events = _plural(n_events, "événement", "événements")
    if n_reports != n_events:
        events += f" ({_plural(n_reports, 'récit', 'récits')})"
    return " · ".join([_plural(n_articles, "article", "articles"), _plural(n_entities, "entité", "entités"), events])


def _drawn_line(n_drawn: int, n_events: int) -> str:
    """Events without a resolved actor and target are in the panels but not drawn as arrows."""
    if n_drawn == n_events:
        return ""
    return f"dont {_plural(n_drawn, 'flèche', 'flèches')} (acteur et cible identifiés)"


def _plural(n: int, one: str, many: str) -> str:
    """« 0 entité », « 1 entité », « 2 entités »; thousands split by a narrow no-break space."""
    return f"{n:,}".replace(",", "\u202f") + " " + (one if n < 2 else many)


def _script_json(data: dict) -> Iterator[str]:
    """``data`` as JSON safe inside <script> (no character of it can close the element or open a
    comment), in pieces: ``json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))``
    with each streamed value's items made and written one at a time."""
    for piece in _json_pieces(data):
        yield piece.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _json_pieces(value: object) -> Iterator[str]:
    if isinstance(value, _Streamed):
        made = map(value.make, value.source)
        pieces = (_dumps(key) + ":" + _dumps(item) for key, item in made) if value.pairs else map(_dumps, made)
        yield "{" if value.pairs else "["
        for i, piece in enumerate(pieces):
            yield ("," if i else "") + piece
        yield "}" if value.pairs else "]"
    elif isinstance(value, dict) and any(isinstance(v, _Streamed) for v in value.values()):
        yield "{"
        for i, key in enumerate(sorted(value)):
            yield ("," if i else "") + _dumps(key) + ":"
            yield from _json_pieces(value[key])
        yield "}"
    else:
        yield _dumps(value)


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


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
        raise DependencyMissingError(PYVIS_MISSING)
    lib = Path(spec.origin).parent / "lib" / VIS_VERSION
    try:
        js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
        css = (lib / "vis-network.css").read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise DependencyMissingError(f"{PYVIS_MISSING} (version 0.3.2, which ships {VIS_VERSION}): {err}") from err
    return js, css
