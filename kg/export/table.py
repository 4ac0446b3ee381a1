"""Rows and columns → aligned text, CSV, TSV or JSON: for query results and event listings."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass

from kg.model import Event
from kg.text import printable

__all__ = ["FORMATS", "Table", "events_table", "format_table"]

FORMATS = ("table", "csv", "tsv", "json")


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list[str | None]]


def events_table(events: Iterable[Event]) -> Table:
    """actor → action → target, then the other roles and the modality, one row per event."""
    rows = []
    for event in events:
        roles = event.roles()
        others = "; ".join(f"{r}: {m.text}" for r, m in roles.items() if r not in ("actor", "target"))
        rows.append(
            [
                roles["actor"].text if "actor" in roles else "—",
                event.lemma,
                roles["target"].text if "target" in roles else "—",
                others,
                event.modality.value,
            ]
        )
    return Table(["actor", "action", "target", "roles", "modality"], rows)


def format_table(table: Table, fmt: str = "table") -> str:
    """Aligned text (default), CSV, TSV or JSON (a list of objects). The aligned text is for a
    person: control characters in it are escaped (a colour code shows as ``\\x1b[31m``, a
    newline as ``\\n``); CSV, TSV and JSON keep every value exactly."""
    if fmt == "json":
        return (
            json.dumps([dict(zip(table.columns, row, strict=True)) for row in table.rows], ensure_ascii=False, indent=2)
            + "\n"
        )
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(table.columns)
        writer.writerows([["" if v is None else v for v in row] for row in table.rows])
        return out.getvalue()
    cells = [
        [printable(v) for v in table.columns],
        *[["" if v is None else printable(v) for v in row] for row in table.rows],
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(table.columns))]
    lines = ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(table.rows)} row{'s' if len(table.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
