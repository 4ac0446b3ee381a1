"""Where each entity of the viewer stands, computed in Python so that the browser draws at once.

Each connected group of entities is spread by a force-directed layout (numpy) with room for the
labels of its arrows, the groups are packed together, largest first, and the entities without
any arrow are lined up in a grid underneath. Distances are in vis-network pixels, and the same
entities and links always give the same positions (the random start is seeded).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import networkx as nx
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from kg.model import Entity, EntityType
from kg.text import fold

__all__ = ["label_room", "layout"]

EDGE_PX = 170.0  # the usual length of an arrow
EDGE_CHAR_PX = 7.5  # width of a character of an arrow's label…
EDGE_LINE_PX = 17.0  # …and height of one of its lines
NEAREST_PX = 100.0  # least distance between most entities of a group
ARC_PX = 80.0  # room of one arrow's label around a hub
LABEL_PX = 150  # an entity's label wraps at this width…
LINE_PX = 21.0  # …in lines this high
NODE_PX = 48.0  # the largest entity
GAP_PX = 40.0  # between two groups
SLOT_PX = 10.0  # columns of the packing
SEPARATE_MAX = 1500  # larger groups are not checked for overlapping labels (quadratic)
CELL_PX = (165.0, 100.0)  # an entity without arrows, in the grid underneath
ASPECT = 1.5  # width / height of the whole picture: about that of the canvas beside the legend
LAYOUT_SEED = 20241024


def label_room(lines: list[str]) -> float:
    """Rough length in pixels an arrow needs for its label (these lines) to stand clear of the
    entities at its ends: the label's width if the arrow lies flat, its height plus the entity's
    label if upright."""
    flat = EDGE_CHAR_PX * max(map(len, lines)) + NODE_PX
    upright = EDGE_LINE_PX * len(lines) + NODE_PX + 4 * LINE_PX + 10
    return max(flat, upright)


def layout(
    entities: list[Entity], links: list[tuple[str, str, float]], type_order: Iterable[EntityType] = ()
) -> dict[str, tuple[int, int]]:
    """Positions in pixels: groups of linked entities packed together, the others in a grid below.

    ``links`` are (actor, target, room the arrow's label needs in pixels, see ``label_room``), one
    per drawn event; the grid lists the entities of ``type_order``'s types first, in that order."""
    g = nx.Graph()
    g.add_nodes_from(e.id for e in entities)
    for a, b, room in links:
        if a == b:
            continue
        if g.has_edge(a, b):
            g.edges[a, b]["n"] += 1
            g.edges[a, b]["room"] = max(g.edges[a, b]["room"], room)
        else:
            g.add_edge(a, b, n=1, room=room)
    groups = sorted((sorted(c) for c in nx.connected_components(g) if len(c) > 1), key=lambda c: (-len(c), c[0]))
    blocks = [_spread(g.subgraph(group), group) for group in groups]
    by_id = {e.id: e for e in entities}
    rank = {t: i for i, t in enumerate(type_order)}  # then by type and name
    alone = sorted(
        (n for n in g if g.degree(n) == 0),
        key=lambda n: (rank.get(by_id[n].type, len(rank)), str(by_id[n].type), _ascii(by_id[n].label), n),
    )
    area = sum((w + GAP_PX) * (h + GAP_PX) for _, w, h in blocks) + len(alone) * CELL_PX[0] * CELL_PX[1]
    width = max([math.sqrt(area * ASPECT), *(w for _, w, _h in blocks), CELL_PX[0]])

    positions: dict[str, tuple[int, int]] = {}
    # Skyline packing on columns of SLOT_PX: each group, largest first, goes as high as it can,
    # then as far left; small groups fill the room beside the large ones.
    skyline = np.zeros(max(1, math.ceil(width / SLOT_PX)), dtype=np.float64)
    for coords, w, h in blocks:
        span = min(len(skyline), max(1, math.ceil((w + GAP_PX) / SLOT_PX)))
        tops = sliding_window_view(skyline, span).max(axis=1)
        column = int(np.argmin(tops))
        x, y = column * SLOT_PX, float(tops[column])
        for node, (px, py) in coords.items():
            positions[node] = (round(x + px), round(y + py))
        skyline[column : column + span] = y + h + GAP_PX
    top = float(skyline.max()) if blocks else 0.0
    columns = max(1, int(width // CELL_PX[0]))
    for i, node in enumerate(alone):
        positions[node] = (round((i % columns) * CELL_PX[0]), round(top + (i // columns) * CELL_PX[1]))
    return positions


def _spread(g: nx.Graph, order: list[str]) -> tuple[dict[str, tuple[float, float]], float, float]:
    """One connected group laid out with room for the labels: (positions, width, height), where
    a position is that of the node's centre from the top left corner of the group's box."""
    index = {node: i for i, node in enumerate(order)}
    links = np.array(sorted(sorted((index[a], index[b])) for a, b in g.edges()), dtype=np.int64)
    # In arrows of EDGE_PX: the room the largest label between two entities needs.
    ideal = np.array([max(1.0, g.edges[order[a], order[b]]["room"] / EDGE_PX) for a, b in links])
    if len(order) == 2:  # side by side, as far apart as the labels between them need
        pos = np.array([[0.0, 0.0], [max(EDGE_PX, g.edges[order[0], order[1]]["room"] + NODE_PX), 0.0]])
    else:
        pos = _force_layout(len(order), links, ideal, seed=LAYOUT_SEED).astype(np.float64)
        lengths = np.hypot(*(pos[links[:, 0]] - pos[links[:, 1]]).T) / ideal
        # Most arrows at least as long as they need, and no two entities so close that their labels
        # run into each other.
        nearest = np.array([np.partition(np.hypot(*(pos - p).T), 1)[1] for p in pos])
        scale = max(
            EDGE_PX / max(float(np.quantile(lengths, 0.1)), 1e-9),
            NEAREST_PX / max(float(np.quantile(nearest, 0.1)), 1e-9),
        )
        pos = _separate(_push_leaves(g, index, pos * scale))
    pos -= pos.min(axis=0) - [LABEL_PX / 2, NODE_PX]
    width, height = pos.max(axis=0) + np.array([LABEL_PX / 2, NODE_PX + 2 * LINE_PX])
    return {node: (float(pos[i, 0]), float(pos[i, 1])) for i, node in enumerate(order)}, float(width), float(height)


def _push_leaves(g: nx.Graph, index: dict[str, int], pos: np.ndarray) -> np.ndarray:
    """Spread the entities hanging from a hub around it and move them outwards, so that the
    labels of its arrows, which sit halfway, get ARC_PX each: a hub with twelve arrows keeps
    twelve legible labels, and no two of its leaves land on one spot."""
    pos = pos.copy()
    for hub in sorted(g, key=index.__getitem__):
        leaves = [index[n] for n in g[hub] if g.degree(n) == 1]
        if len(leaves) < 2:
            continue
        centre = pos[index[hub]]
        offsets = pos[leaves] - centre
        order = np.lexsort((leaves, np.arctan2(offsets[:, 1], offsets[:, 0])))
        leaves = [leaves[i] for i in order]
        angles = np.arctan2(offsets[order, 1], offsets[order, 0])
        angles = _spread_angles(angles, 2 * math.pi / max(g.degree(hub), len(leaves)))
        radius = max(
            sum(g.edges[hub, n]["n"] for n in g[hub]) * ARC_PX / math.pi,
            float(np.hypot(offsets[:, 0], offsets[:, 1]).max()),
        )
        pos[leaves] = centre + radius * np.column_stack([np.cos(angles), np.sin(angles)])
    return pos


def _separate(pos: np.ndarray, rounds: int = 60) -> np.ndarray:
    """Nudge apart the entities whose labels would overlap, each along the axis where it overlaps
    least. Quadratic per round, so groups above SEPARATE_MAX entities are left as they are."""
    n = len(pos)
    if n > SEPARATE_MAX:
        return pos
    pos = pos.copy()
    least = np.array([LABEL_PX * 0.85, LINE_PX * 2 + NODE_PX])
    tie = np.sign(np.arange(n)[:, None] - np.arange(n)[None, :])  # who goes which way when on one spot
    for _ in range(rounds):
        delta = pos[:, None, :] - pos[None, :, :]
        side = np.where(delta == 0, tie[:, :, None], np.sign(delta))
        overlap = least - np.abs(delta)
        clash = (overlap > 0).all(axis=2)
        np.fill_diagonal(clash, False)
        if not clash.any():
            break
        vertical = overlap[:, :, 1] / least[1] < overlap[:, :, 0] / least[0]
        axis = np.stack([clash & ~vertical, clash & vertical], axis=2)
        pos += (np.where(axis, side * overlap, 0.0).sum(axis=1)) / 4
    return pos


def _spread_angles(angles: np.ndarray, gap: float) -> np.ndarray:
    """Angles (sorted) nudged apart until neighbours on the circle are ``gap`` apart, order kept."""
    angles = angles.astype(np.float64).copy()
    m = len(angles)
    for _ in range(200):
        moved = False
        for i in range(m):
            j = (i + 1) % m
            between = (angles[j] - angles[i]) % (2 * math.pi)
            if between < gap - 1e-6:
                half = (gap - between) / 2
                angles[i] -= half
                angles[j] += half
                moved = True
        if not moved:
            break
    return angles


def _force_layout(n: int, links: np.ndarray, ideal: np.ndarray, seed: int) -> np.ndarray:
    """Fruchterman–Reingold, in float32 and in row blocks; ``ideal`` lengthens the links whose
    label is wide (1 is the usual length; the pull on a link is divided by its cube, since the
    spring's rest length grows as the cube root of that divisor).

    networkx's ``spring_layout`` does the same up to 500 nodes and then needs scipy; this keeps
    one method for every size without it. Cost O(n²) per round: about 1 s for 2,000 nodes.
    """
    rng = np.random.default_rng(seed)
    pos = (rng.random((n, 2)) * math.sqrt(n)).astype(np.float32)
    rounds = 100 if n <= 1000 else 60
    step = np.float32(0.1 * math.sqrt(n) + 0.5)
    cooling = step / (rounds + 1)
    block = max(1, 2_000_000 // n)
    src, dst = links[:, 0], links[:, 1]
    slack = (ideal**3).astype(np.float32)[:, None]
    for _ in range(rounds):
        push = np.zeros((n, 2), dtype=np.float32)
        for lo in range(0, n, block):
            dx = pos[lo : lo + block, 0:1] - pos[:, 0]
            dy = pos[lo : lo + block, 1:2] - pos[:, 1]
            inverse = dx * dx + dy * dy
            np.maximum(inverse, np.float32(1e-4), out=inverse)
            np.reciprocal(inverse, out=inverse)
            push[lo : lo + block, 0] = (dx * inverse).sum(axis=1)
            push[lo : lo + block, 1] = (dy * inverse).sum(axis=1)
        delta = pos[src] - pos[dst]
        pull = delta * np.hypot(delta[:, 0], delta[:, 1])[:, None] / slack
        np.subtract.at(push, src, pull)
        np.add.at(push, dst, pull)
        length = np.maximum(np.hypot(push[:, 0], push[:, 1]), np.float32(1e-9))
        pos += push * (np.minimum(length, step) / length)[:, None]
        step -= cooling
    return pos


def _ascii(label: str) -> str:
    """Sort key of a label in the grid: folded, and the signs outside ASCII dropped, as the grid
    has always sorted (« œuvres » among the u, « 2 200 € » as « 2 200 »)."""
    return fold(label).encode("ascii", "ignore").decode("ascii")
