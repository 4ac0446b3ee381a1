"""Time expressions resolved against the article's date: cases as data, and invariants."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.timex import Period, resolve_time

CASES = json.loads((Path(__file__).parent / "cases" / "timex.json").read_text(encoding="utf-8"))


def as_record(period: Period | None) -> dict | None:
    if period is None:
        return None
    return {
        "unit": period.unit.value,
        "begin": period.begin.isoformat() if period.begin else None,
        "end": period.end.isoformat() if period.end else None,
        "timestamp": period.timestamp[0] if period.timestamp else None,
    }


@pytest.mark.parametrize("case", CASES, ids=[f"{c['text']}@{c['anchor']}" for c in CASES])
def test_case(case):
    anchor = dt.date.fromisoformat(case["anchor"]) if case["anchor"] else None

    assert as_record(resolve_time(case["text"], anchor)) == case["expected"], case["comment"]


def test_every_case_says_why():
    assert all(case["comment"].strip() for case in CASES)


@pytest.mark.parametrize(("text", "datatype"), [("ce lundi", "date"), ("en mars", "gYearMonth"), ("en 2024", "gYear")])
def test_timestamp_datatype(text, datatype):
    period = resolve_time(text, dt.date(2025, 4, 28))

    assert period is not None and period.timestamp is not None
    assert period.timestamp[1] == datatype


@given(st.text(max_size=40), st.dates())
def test_any_text_any_date_gives_a_period_or_none(text, anchor):
    period = resolve_time(text, anchor)

    if period is not None:
        assert period.first <= period.last
        assert period.begin is not None or period.end is not None


@given(
    st.sampled_from(["lundi", "samedi", "l'automne", "l'hiver"]),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
)
def test_unmarked_points_back_and_prochain_forward(text, anchor):
    back = resolve_time(text, anchor)
    ahead = resolve_time(f"{text} prochain", anchor)
    before = resolve_time(f"{text} dernier", anchor)

    assert back is not None and back.first <= anchor
    assert ahead is not None and ahead.first > anchor
    assert before is not None and before.last < anchor


def _distance(period: Period, anchor: dt.date) -> int:
    if period.first <= anchor <= period.last:
        return 0
    return min(abs((day - anchor).days) for day in (period.first, period.last))


@given(
    st.sampled_from(["mars", "décembre", "le 12 mars", "le 1er mai", "le 29 février"]),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
)
def test_unmarked_month_or_date_is_the_nearest(text, anchor):
    unmarked = resolve_time(text, anchor)
    ahead = resolve_time(f"{text} prochain", anchor)
    before = resolve_time(f"{text} dernier", anchor)

    assert unmarked is not None and ahead is not None and before is not None
    assert ahead.first > anchor and before.last < anchor
    assert _distance(unmarked, anchor) <= min(_distance(ahead, anchor), _distance(before, anchor))
