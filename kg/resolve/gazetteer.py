"""Tables of names, read once from well-kept data and from kg/data/.

- French country names: CLDR, through Babel (``babel.Locale("fr").territories``);
- official names, acronyms, variants, capitals and seats of power: kg/data/country_aliases.tsv;
- demonyms: kg/data/demonyms.tsv (feminine and plural forms derived here);
- group head nouns and their sector: kg/data/sectors.tsv; titles of persons: kg/data/titles.tsv;
- words the NER wrongly takes for names: kg/data/not_names.txt.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from babel import Locale

from kg.data import rows
from kg.text import fold_name

__all__ = ["Country", "Gazetteer", "gazetteer"]

# CLDR territory codes that are not countries.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})


@dataclass(frozen=True, slots=True)
class Country:
    iso: str
    name: str  # French CLDR name: « Corée du Nord »


@dataclass(frozen=True)
class Gazetteer:
    countries: dict[str, Country]  # by ISO code
    names: dict[str, tuple[str, str]]  # fold_name(alias) → (iso, kind)
    demonyms: dict[str, str]  # fold_name(form) → iso
    sectors: dict[str, str]  # noun lemma → sector
    bodies: frozenset[str]  # sector nouns that alone name one body of the article: « le gouvernement »
    titles: tuple[tuple[str, str], ...]  # (title, sector), longest first
    not_names: frozenset[str]  # folded

    def lookup(self, name: str) -> tuple[Country, str] | None:
        """« la RPDC » → (Corée du Nord, "acronym"); « Russie » → (Russie, "name")."""
        found = self.names.get(fold_name(name))
        if found is None:
            return None
        iso, kind = found
        country = self.countries.get(iso)
        return (country, kind) if country is not None else None

    def demonym(self, word: str) -> Country | None:
        iso = self.demonyms.get(fold_name(word))
        return None if iso is None else self.countries.get(iso)


def _demonym_forms(base: str) -> set[str]:
    """« sud-coréen » → sud-coréen, sud-coréens, sud-coréenne, sud-coréennes."""
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
    demonyms = {fold_name(form): iso for base, iso in rows("demonyms.tsv") for form in _demonym_forms(base)}
    sectors = {row[0]: row[1] for row in rows("sectors.tsv")}
    bodies = frozenset(row[0] for row in rows("sectors.tsv") if row[2:] == ("alone",))
    titles = tuple(sorted(((t, s) for t, s in rows("titles.tsv")), key=lambda ts: -len(ts[0])))
    not_names = frozenset(fold_name(line[0]) for line in rows("not_names.txt"))
    return Gazetteer(countries, names, demonyms, sectors, bodies, titles, not_names)
