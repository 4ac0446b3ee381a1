"""Tables of names, read once from well-kept data and from kg/data/.

- French country names: CLDR, through Babel (``babel.Locale("fr").territories``);
- official names, acronyms, variants, capitals and seats of power: kg/data/country_aliases.tsv;
- demonyms: kg/data/demonyms.tsv (feminine and plural forms derived here, or listed there when
  irregular);
- group head nouns and their sector: kg/data/sectors.tsv; titles of persons: kg/data/titles.tsv;
- words the NER wrongly takes for names: kg/data/not_names.txt;
- towns: the capitals of country_aliases.tsv and CLDR's exemplar cities of time zones (« Paris »,
  « New York », « São Paulo »), with their country;
- units of measure: CLDR's French unit and currency names and unit symbols (« kilomètres »,
  « euros », « km », « °C »).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from babel import Locale
from babel.core import get_global
from babel.numbers import get_currency_name
from babel.units import format_unit

from kg.data import rows
from kg.text import fold_name

__all__ = ["Country", "Gazetteer", "gazetteer"]

# CLDR territory codes that are not countries.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})
# CLDR unit categories whose units measure a quantity: « 35 kilomètres », « 12 % », « 3 heures ».
# Left out: angle (« tour »), graphics (« point »), light (« lumière »), concentr-item (« item »),
# whose French names are mostly other words.
_UNIT_CATEGORIES = ("length", "area", "volume", "mass", "speed", "acceleration", "temperature", "energy",
                    "power", "pressure", "digital", "electric", "frequency", "duration", "consumption", "force",
                    "torque", "concentr-percent", "concentr-permille", "concentr-permyriad")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Country:
    iso: str
    name: str  # French CLDR name: « Corée du Nord »


@dataclass(frozen=True)
class Gazetteer:
    countries: dict[str, Country]  # by ISO code
    names: dict[str, tuple[str, str]]  # fold_name(alias) → (iso, kind)
    demonyms: dict[str, str]  # fold_name(form) → iso
    sectors: dict[str, str | None]  # noun lemma → sector, None for a people noun of no sector (« ami »)
    bodies: frozenset[str]  # sector nouns that alone name one body of the article: « le gouvernement »
    people: frozenset[str]  # sector nouns of people: « le soldat » is one Person of the article
    institutions: frozenset[str]  # sector nouns of a body that is an organisation: « le gouvernement »
    plural_bodies: frozenset[str]  # sector nouns that name a body in the plural only: « les forces »
    titles: tuple[tuple[str, str], ...]  # (title, sector), longest first
    not_names: frozenset[str]  # folded
    cities: dict[str, str]  # fold_name(town) → iso of its country
    unit_names: frozenset[str]  # folded head words: « kilometre », « kilometres », « heures », « euros »
    unit_symbols: frozenset[str]  # symbols as written, that are no unit's word: « km », « kg », « °C »

    def lookup(self, name: str) -> tuple[Country, str] | None:
        """« la RPDC » → (Corée du Nord, "acronym"); « Russie » → (Russie, "name")."""
        found = self.names.get(fold_name(name))
        if found is None:
            return None
        iso, kind = found
        country = self.countries.get(iso)
        return (country, kind) if country is not None else None

    def city(self, name: str) -> Country | None:
        """« Moscou » → Russie; None for a name that is no known town."""
        iso = self.cities.get(fold_name(name))
        return None if iso is None else self.countries.get(iso)

    def demonym(self, word: str) -> Country | None:
        iso = self.demonyms.get(fold_name(word))
        return None if iso is None else self.countries.get(iso)


def _demonym_forms(base: str, listed: str = "") -> set[str]:
    """« sud-coréen » → sud-coréen, sud-coréens, sud-coréenne, sud-coréennes; an irregular
    adjective's forms are listed in demonyms.tsv: « grec » → grec + grecque, grecs, grecques."""
    if listed:
        return {base, *listed.split(",")}
    if base.endswith("e"):
        return {base, base + "s"}
    feminine = base + "ne" if base.endswith(("en", "on")) else base + "e"
    plural = base if base.endswith(("s", "x")) else base + "s"
    return {base, plural, feminine, feminine + "s"}


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    territories = Locale("fr").territories
    countries = {
        code: Country(code, name)
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    }
    aliases = rows("country_aliases.tsv")
    for alias, iso, kind in aliases:  # countries CLDR no longer lists (URSS)
        if iso not in countries and kind == "official":
            countries[iso] = Country(iso, alias)
    names = {fold_name(c.name): (c.iso, "name") for c in countries.values()}
    for alias, iso, kind in aliases:
        names.setdefault(fold_name(alias), (iso, kind))
    demonyms = {
        fold_name(form): iso for base, iso, *listed in rows("demonyms.tsv") for form in _demonym_forms(base, *listed)
    }
    sectors = {row[0]: None if row[1] == "-" else row[1] for row in rows("sectors.tsv")}
    bodies = frozenset(row[0] for row in rows("sectors.tsv") if row[2:] in (("alone",), ("person",), ("institution",)))
    people = frozenset(row[0] for row in rows("sectors.tsv") if row[2:] == ("person",))
    institutions = frozenset(row[0] for row in rows("sectors.tsv") if row[2:] == ("institution",))
    plural_bodies = frozenset(row[0] for row in rows("sectors.tsv") if row[2:] == ("plural",))
    titles = tuple(sorted(((t, s) for t, s in rows("titles.tsv")), key=lambda ts: -len(ts[0])))
    not_names = frozenset(fold_name(line[0]) for line in rows("not_names.txt"))
    return Gazetteer(
        countries,
        names,
        demonyms,
        sectors,
        bodies,
        people,
        institutions,
        plural_bodies,
        titles,
        not_names,
        *_cities(countries),
        *_units(),
    )


def _cities(countries: dict[str, Country]) -> tuple[dict[str, str]]:
    """Towns → country: the capitals of country_aliases.tsv, then CLDR's exemplar cities (the
    French name where CLDR has one, else the time zone's own: « America/New_York » → New York)."""
    cities = {fold_name(alias): iso for alias, iso, kind in rows("country_aliases.tsv") if kind == "capital"}
    names = Locale("fr").time_zones
    for zone, iso in get_global("zone_territories").items():
        if iso not in countries or "/" not in zone or zone.startswith("Etc/"):
            continue
        city = names.get(zone, {}).get("city") or zone.rsplit("/", 1)[1].replace("_", " ")
        cities.setdefault(fold_name(city), iso)
    return (cities,)


def _units() -> tuple[frozenset[str], frozenset[str]]:
    """CLDR's French units of the measuring categories: the head word of their long forms for
    one and two (« kilomètre », « kilomètres » of « kilomètres carrés »), and their short forms
    as written, case kept so that « PC » is not the parsec « pc » (« km », « h », « % »)."""
    locale = Locale("fr")
    names: set[str] = set()
    symbols: set[str] = set()
    for unit in locale.unit_display_names:
        if not unit.startswith(_UNIT_CATEGORIES):
            continue
        for count in (1, 2):
            long = format_unit(count, unit, "long", locale=locale).replace(str(count), "", 1)
            names.add(fold_name(long.split()[0]))
            short = format_unit(count, unit, "short", locale=locale).replace(str(count), "", 1)
            symbols.add(" ".join(short.split()))
    for code in locale.currencies:  # « 3 millions d'euros »
        names.update(fold_name(get_currency_name(code, count=n, locale=locale).split()[0]) for n in (1, 2))
    return frozenset(names), frozenset(s for s in symbols if s and fold_name(s) not in names)
