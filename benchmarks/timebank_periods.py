"""Resolved periods against the French TimeBank's normalised dates.

    python benchmarks/timebank_periods.py [DIR] [--show N]

DIR is a folder of ISO-TimeML ``.tml`` files (default ``../shared/eval/french-timebank-dev``
beside the project). Each document's creation time (the TIMEX3 with
``functionInDocument="CREATION_TIME"``, outside ``<TEXT>``) is the anchor. The gold TIMEX3 of
``<TEXT>`` that are checked are those of type DATE whose ``value`` is a full date
(« 1999-05-18 »), a month (« 1999-06 ») or a year (« 1998 »); « XXXX-06 », weeks, seasons and
PAST_REF are left out.

Prints two blocks:

- **timex**: ``kg.timex.resolve_time(text of the TIMEX3, anchor)``: how many resolve, and how
  many name the gold period (a day for a full date, a month, a year), on full dates and on
  months and years. Accuracy is on all the checked TIMEX3 (one that does not resolve counts
  as wrong); precision on those that resolve.
- **kg**: the same through the pipeline: ``kg.extract_events`` then
  ``kg.resolve.resolve_periods``, for the checked TIMEX3 that some event's time mention
  overlaps; the period is that event's.

A benchmark prints figures; it is no test. The TML reading is that of the shared scorer
(``score_timebank.py``), copied here so that the project does not import from ../shared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from kg.model import Period, Unit
from kg.timex import resolve_time

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "french-timebank-dev"
FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONTH = re.compile(r"^\d{4}-\d{2}$")
YEAR = re.compile(r"^\d{4}$")


class Timex(NamedTuple):
    span: tuple[int, int]
    text: str
    value: str


def read_tml(path: Path) -> tuple[str, list[Timex], dt.date | None]:
    """Plain text of <TEXT> (tags removed, entities unescaped), its DATE TIMEX3 with their
    character spans, and the document's creation date."""
    document = ET.parse(path).getroot()
    anchor = None
    for timex in document.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME" and FULL_DATE.match(timex.get("value", "")[:10]):
            anchor = dt.date.fromisoformat(timex.get("value")[:10])
            break
    root = document.find("TEXT")
    parts: list[str] = []
    found: list[Timex] = []

    def walk(el: ET.Element, start: int) -> int:
        parts.append(el.text or "")
        end = start + len(el.text or "")
        for child in el:
            end = walk(child, end)
            parts.append(child.tail or "")
            end += len(child.tail or "")
        if el.tag == "TIMEX3" and el.get("type") == "DATE" and el is not root:
            found.append(Timex((start, end), "", el.get("value", "")))
        return end

    walk(root, 0)
    text = "".join(parts)
    return text, [t._replace(text=text[t.span[0] : t.span[1]]) for t in found], anchor


def granularity(value: str) -> str | None:
    """« day », « month » or « year » for a value this benchmark checks, else None."""
    for name, pattern in (("day", FULL_DATE), ("month", MONTH), ("year", YEAR)):
        if pattern.match(value):
            return name
    return None


def names(period: Period | None, value: str) -> bool:
    """Whether ``period`` is the day, month or year ``value`` names."""
    if period is None:
        return False
    kind = granularity(value)
    if kind == "day":
        return period.unit is Unit.DAY and period.first.isoformat() == value
    if kind == "month":
        return period.unit is Unit.MONTH and period.first.isoformat()[:7] == value
    return period.unit is Unit.YEAR and str(period.first.year) == value


class Tally:
    """Checked, resolved and correct counts by granularity, and the first errors."""

    def __init__(self) -> None:
        self.checked, self.resolved, self.correct = Counter(), Counter(), Counter()
        self.errors: list[str] = []

    def add(self, kind: str, period: Period | None, value: str, where: str) -> None:
        group = "day" if kind == "day" else "month/year"
        self.checked[group] += 1
        self.resolved[group] += period is not None
        ok = names(period, value)
        self.correct[group] += ok
        if not ok:
            got = "None" if period is None else f"{period.unit.value} {period.first}..{period.last}"
            self.errors.append(f"{where}  gold {value}  got {got}")

    def lines(self, title: str) -> list[str]:
        out = [title]
        for group, label in (("day", "full dates"), ("month/year", "months and years")):
            n, r, c = self.checked[group], self.resolved[group], self.correct[group]
            accuracy = f"{c / n:.3f}" if n else "-"
            precision = f"{c / r:.3f}" if r else "-"
            out.append(
                f"  {label:<17} {n:>4} checked  {r:>4} resolved  {c:>4} right  "
                f"accuracy {accuracy}  precision {precision}"
            )
        return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path, nargs="?", default=DEFAULT, help="folder of .tml files")
    ap.add_argument("--show", type=int, default=0, metavar="N", help="print the first N errors of each block")
    a = ap.parse_args()
    paths = sorted(a.dir.glob("*.tml"))
    if not paths:
        raise SystemExit(f"no .tml file in {a.dir}: give the TimeBank folder as the first argument")

    import kg
    from kg.resolve import resolve_periods

    alone, through = Tally(), Tally()
    attached = 0
    for path in paths:
        text, timexes, anchor = read_tml(path)
        events = resolve_periods(kg.extract_events(text), anchor)
        for tx in timexes:
            kind = granularity(tx.value)
            if kind is None:
                continue
            where = f"{path.stem} « {tx.text} » @{anchor}"
            alone.add(kind, resolve_time(tx.text, anchor), tx.value, where)
            event = next(
                (e for e in events if e.time is not None and e.time.start < tx.span[1] and tx.span[0] < e.time.end),
                None,
            )
            if event is not None:
                attached += 1
                through.add(kind, event.period, tx.value, f"{where} as « {event.time.text} »")
    print(f"{len(paths)} documents of {a.dir.name}")
    print("\n".join(alone.lines("timex: resolve_time on the gold TIMEX3 text")))
    print("\n".join(through.lines(f"kg: the period of the event whose time overlaps it ({attached} attached)")))
    for tally in (alone, through):
        for line in tally.errors[: a.show]:
            print("  error", line)


if __name__ == "__main__":
    main()
