"""Time expressions → the period they name, resolved against the article's date.

In an article of Monday 28 April 2025: « ce lundi » → the day 2025-04-28; « samedi » → the
Saturday before, 2025-04-26; « en mars » → the month 2025-03; « le 1er mai » → 2025-05-01, three
days ahead; « lundi 17 mars à 14 h 30 » → 2025-03-17; « à l'automne dernier » → the
season autumn 2024 (1 September – 30 November 2024); « l'an dernier » → the year 2024;
« jusqu'à ce lundi » → up to 2025-04-28, no start. « à l'époque » or « deux jours » → None.

The choices, so that a user knows what a timestamp means:

- Unmarked weekdays and seasons point back. News reports what happened, and French marks the
  future (« samedi prochain », « l'été prochain »), so « samedi » is the latest Saturday on or
  before the anchor. « ce », « cet », « cette » are unmarked: « ce lundi » in a Monday article
  is that Monday.
- An unmarked month or day of a month is the nearest one, ahead or behind: news announces as
  much as it reports, and in the French TimeBank « prévue le 16 juillet » in an article of
  9 July, « rouvrira ses portes en août » in a July one, « le 10 novembre » in a January one are
  the nearest; so « en mai » in an April article is the May after it, « en décembre » the
  December before.
- A two-digit year after a month is the year of that ending nearest the anchor: « octobre 98 »
  in 1999 is October 1998. A clock time leaves its day: « hier vers 18 h » is yesterday.
- « dernier », « passé », « précédent » skip the period the anchor is in: « lundi dernier » in
  a Monday article is a week before, « l'automne dernier » in October 2025 is autumn 2024.
  « prochain », « suivant » take the first period after the anchor's.
- Seasons are meteorological, northern hemisphere: spring March–May, summer June–August,
  autumn September–November, winter December–February, named by the year they start in
  (« l'hiver 2024 » is December 2024 – February 2025). A season has no XSD type: it is given
  by its first and last day.
- A weekday with a date settles the year: « dimanche 5 août » in an article of Friday
  3 August 2012 is 5 August 2012, two days ahead, because that is a Sunday.
- A part of the day alone resolves only with « ce »: « ce matin », « cette nuit » are the
  article's day; « dans la nuit » may be the night before and does not resolve.
- Qualifiers keep the enclosing period: « début mars », « fin 2024 », « au début de l'année »
  resolve to the month or the year; the expression itself stays in the graph word for word.
- « jusqu'à X » bounds the end only, « depuis X », « dès X », « à partir de X » the start
  only; « avant X » and « après X » do not resolve.
- Durations (« deux jours », « depuis plus de trois ans ») and vague expressions
  (« à l'époque », « il y a quelques semaines ») do not resolve.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from kg.data import entries, pairs, words
from kg.french import MONTH_NAMES, WEEKDAY_NAMES
from kg.model import Bound, Period, Unit
from kg.text import fold

__all__ = ["Bound", "Period", "Unit", "resolve_time"]


WEEKDAYS = {name: number for number, name in enumerate(WEEKDAY_NAMES)}
MONTHS = {fold(name): number for number, name in enumerate(MONTH_NAMES, start=1)}
SEASONS = {season: int(month) for season, month in pairs("seasons")}  # first month
RELATIVE_DAYS = {word: int(days) for word, days in pairs("relative_days")}
NUMBERS = {word: int(value) for word, value in pairs("number_words")}
# Words that carry no date: prepositions, determiners, qualifiers of a period.
FILLERS = words("time_fillers")
DAY_PARTS = words("day_parts")
PREVIOUS = words("previous_words")
NEXT = words("next_words")
SINCE_WORDS = entries("since_words")
UNTIL_WORDS = entries("until_words")
UNRESOLVED_WORDS = words("unresolved_time_words")

_COMPOUNDS = dict(pairs("time_compounds"))  # replaced in this order
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_ORDINAL = re.compile(r"^(\d{1,2})(?:er|e)?$")
# A clock time and its preposition: the day stays, « lundi 17 fevrier a 14 h 30 » is that Monday.
_CLOCK = re.compile(
    r"(?:\b(?:a partir d[eu]|a compter d[eu]|jusqu a|vers|a|de|des)\s+)?"
    r"\b\d{1,2}\s?(?:h|heures?)(?:\s?\d{2})?\b(?:\s+locales?\b)?"
)


def resolve_time(expression: str, anchor: dt.date | None) -> Period | None:
    """The period ``expression`` names, read in an article dated ``anchor``; None when the
    expression names no date (a duration, « à l'époque ») or there is no anchor."""
    if anchor is None:
        return None
    words = _words(expression)
    bound = Bound.AT
    for prefixes, found in ((UNTIL_WORDS, Bound.UNTIL), (SINCE_WORDS, Bound.SINCE)):
        for prefix in prefixes:
            if words[: len(prefix.split())] == prefix.split():
                words, bound = words[len(prefix.split()) :], found
                break
    if not words or UNRESOLVED_WORDS & set(words):
        return None
    try:
        period = _absolute(words) or _relative(words, anchor)
    except (ValueError, OverflowError):  # beyond the calendar's years 1–9999
        return None
    if period is None:
        return None
    return Period(period.unit, period.first, period.last, bound, anchor)


def _words(expression: str) -> list[str]:
    """« Jusqu'à l'été » → ['jusqu', 'a', 'l', 'ete']: lowercase, no accents, no punctuation."""
    text = fold(re.sub(r"\bdès\b", "depuis", expression.lower()))  # before « dès » loses its accent to « des »
    text = re.sub(r"[’'`ʼ]", " ", text)
    for compound, word in _COMPOUNDS.items():
        text = text.replace(compound, word)
    text = _CLOCK.sub(" ", text)
    text = re.sub(r"[^\w/.-]+|(?<!\d)-|-(?!\d)", " ", text)  # hyphens go, except in 2025-04-28
    return [w.strip(".") for w in text.split() if w.strip(".")]


def _absolute(words: list[str]) -> Period | None:
    """Dates written out: « le 28/04/2025 », « 2025-04-28 »."""
    words = [w for w in words if w not in FILLERS]
    if len(words) != 1:
        return None
    found = _ISO.match(words[0])
    if found:
        return _day(int(found[1]), int(found[2]), int(found[3]))
    found = _NUMERIC.match(words[0])
    if found:
        return _day(int(found[3]), int(found[2]), int(found[1]))
    return None


def _relative(words: list[str], anchor: dt.date) -> Period | None:
    if words[:3] == ["il", "y", "a"]:
        return _ago(words[3:], anchor)
    direction = 0
    kept = []
    this = any(w in ("ce", "cet", "cette") for w in words)
    for word in words:
        if word in PREVIOUS or word in NEXT:
            if direction:
                return None
            direction = -1 if word in PREVIOUS else 1
        elif word not in FILLERS:
            kept.append(word)
    day_part = any(w in DAY_PARTS for w in kept)
    kept = [w for w in kept if w not in DAY_PARTS]
    if not kept:  # « ce matin », « cette nuit »; « dans la nuit » may be the night before
        return _day_of(anchor) if day_part and this and not direction else None
    if len(kept) == 1 and kept[0] in RELATIVE_DAYS and not direction:
        return _day_of(anchor + dt.timedelta(days=RELATIVE_DAYS[kept[0]]))
    if len(kept) == 2 and kept[0] in RELATIVE_DAYS and kept[1] in WEEKDAYS and not direction:
        return _day_of(anchor + dt.timedelta(days=RELATIVE_DAYS[kept[0]]))  # « aujourd'hui vendredi »
    year = None
    if len(kept) > 1 and _is_year(kept[-1]):
        year = int(kept[-1])
        kept = kept[:-1]
    elif len(kept) > 1 and kept[-2] in MONTHS and len(kept[-1]) == 2 and kept[-1].isdigit():
        year = _century(int(kept[-1]), anchor)  # « octobre 98 », « le 10 novembre 93 »
        kept = kept[:-1]
    weekday = None
    if len(kept) == 3 and kept[0] in WEEKDAYS:  # « dimanche 5 août »: the weekday tells the year
        weekday = WEEKDAYS[kept.pop(0)]
    if len(kept) == 2 and kept[1] in MONTHS and (kept[0] == "premier" or _ORDINAL.match(kept[0])):
        day = 1 if kept[0] == "premier" else int(_ORDINAL.match(kept[0])[1])
        return _dated(day, MONTHS[kept[1]], year, direction, anchor, weekday)
    if len(kept) != 1:
        return None
    word = kept[0]
    if word in WEEKDAYS and year is None:
        return _weekday(WEEKDAYS[word], direction, anchor)
    if word in MONTHS:
        return _month(MONTHS[word], year, direction, anchor)
    if word in SEASONS:
        return _season(SEASONS[word], year, direction, anchor)
    if _is_year(word) and year is None and not direction:
        return _year(int(word))
    if word in ("annee", "an"):  # « l'année 2024 », « l'an dernier », « cette année »; not « l'an »
        if year is not None or direction or word == "annee":
            return _year(year if year is not None else anchor.year + direction)
        return None
    if year is not None:
        return None
    if word == "mois":
        return _month_of(_add_months(anchor.replace(day=1), direction))
    if word == "semaine":
        return _week_of(anchor + dt.timedelta(weeks=direction))
    return None


def _ago(words: list[str], anchor: dt.date) -> Period | None:
    """« il y a deux jours », « il y a un an »; « il y a quelques mois » does not resolve."""
    if len(words) != 2:
        return None
    count = NUMBERS.get(words[0]) or (int(words[0]) if words[0].isdigit() else None)
    if count is None:
        return None
    unit = words[1].rstrip("s") if words[1] != "mois" else "mois"
    if unit == "jour":
        return _day_of(anchor - dt.timedelta(days=count))
    if unit == "semaine":
        return _week_of(anchor - dt.timedelta(weeks=count))
    if unit == "mois":
        return _month_of(_add_months(anchor.replace(day=1), -count))
    if unit in ("an", "annee"):
        return _year(anchor.year - count)
    return None


def _century(short: int, anchor: dt.date) -> int:
    """« 98 » in 1999 is 1998, « 03 » in 2002 is 2003: the year of that ending nearest the anchor."""
    return min((century + short for century in (1900, 2000, 2100)), key=lambda y: abs(y - anchor.year))


def _is_year(word: str) -> bool:
    return len(word) == 4 and word.isdigit() and 1000 <= int(word) <= 2999


def _day(year: int, month: int, day: int) -> Period | None:
    try:
        return _day_of(dt.date(year, month, day))
    except ValueError:
        return None


def _day_of(date: dt.date) -> Period:
    return Period(Unit.DAY, date, date)


def _week_of(date: dt.date) -> Period:
    monday = date - dt.timedelta(days=date.weekday())
    return Period(Unit.WEEK, monday, monday + dt.timedelta(days=6))


def _month_of(date: dt.date) -> Period:
    last = calendar.monthrange(date.year, date.month)[1]
    return Period(Unit.MONTH, date.replace(day=1), date.replace(day=last))


def _year(year: int) -> Period:
    return Period(Unit.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31))


def _add_months(first: dt.date, months: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _latest(periods: list[Period], direction: int, anchor: dt.date) -> Period | None:
    """Among occurrences of one period, in order: unmarked → the latest begun by the anchor,
    previous → the latest over before it, next → the first begun after it."""
    if direction > 0:
        return next((p for p in periods if p.first > anchor), None)
    fits = [p for p in periods if (p.last < anchor if direction < 0 else p.first <= anchor)]
    return fits[-1] if fits else None


def _weekday(weekday: int, direction: int, anchor: dt.date) -> Period | None:
    days = [_day_of(anchor + dt.timedelta(days=offset)) for offset in range(-8, 9)]
    return _latest([d for d in days if d.first.weekday() == weekday], direction, anchor)


def _month(month: int, year: int | None, direction: int, anchor: dt.date) -> Period | None:
    if year is not None:
        return _month_of(dt.date(year, month, 1))
    months = [_month_of(dt.date(y, month, 1)) for y in range(anchor.year - 2, anchor.year + 2)]
    return _nearest(months, anchor) if not direction else _latest(months, direction, anchor)


def _season_of(first_month: int, year: int) -> Period:
    first = dt.date(year, first_month, 1)
    return Period(Unit.SEASON, first, _add_months(first, 3) - dt.timedelta(days=1))


def _season(first_month: int, year: int | None, direction: int, anchor: dt.date) -> Period | None:
    if year is not None:
        return _season_of(first_month, year)
    seasons = [_season_of(first_month, y) for y in range(anchor.year - 2, anchor.year + 2)]
    return _latest(seasons, direction, anchor)


def _dated(
    day: int, month: int, year: int | None, direction: int, anchor: dt.date, weekday: int | None = None
) -> Period | None:
    """« le 12 mars »; with a weekday (« dimanche 5 août ») and no year, the nearest year where
    that date is that weekday, before or after the anchor: the weekday settles it."""
    if year is not None:
        return _day(year, month, day)
    # ± 8 years: wide enough for a 29 February around 1900 or 2100, which are not leap years
    candidates = [p for y in range(anchor.year - 8, anchor.year + 9) if (p := _day(y, month, day)) is not None]
    matching = [p for p in candidates if p.first.weekday() == weekday]
    if matching and not direction:
        return min(matching, key=lambda p: abs((p.first - anchor).days))
    return _nearest(candidates, anchor) if not direction else _latest(candidates, direction, anchor)


def _nearest(periods: list[Period], anchor: dt.date) -> Period | None:
    """The occurrence nearest the anchor, ahead or behind: news announces as much as it reports
    (« prévue le 16 juillet » in a 9 July article, « rouvrira en août » in a July one)."""

    def distance(p: Period) -> int:
        return 0 if p.first <= anchor <= p.last else min(abs((p.first - anchor).days), abs((p.last - anchor).days))

    return min(periods, key=lambda p: (distance(p), p.first > anchor), default=None)
