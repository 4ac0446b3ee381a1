"""Names as keys: « la Corée du Nord », « La Corée du Nord » and « Corée du Nord » normalise
to « Corée du Nord » and slug to the id ``coree-du-nord``: determiners and elisions go, case,
spacing and typographic quotes are normalised, so the same name gives the same id in every run
and every article."""

from __future__ import annotations

import re
import unicodedata

from kg.data import entries, words
from kg.text import fold

__all__ = ["NOT_ENTITIES", "normalise", "slug", "without_modifiers"]


_APOSTROPHES = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
        "«": " ",
        "»": " ",
        "“": " ",
        "”": " ",
        '"': " ",
        "\u00a0": " ",
        "\u202f": " ",
    }
)
# « l'armée », « la Corée du Nord »: elisions then determiners, alternatives in the files' order
_LEADING_DETERMINERS = re.compile(
    r"^(?:(?:"
    + "|".join(map(re.escape, entries("leading_elisions")))
    + r")\s*|(?:"
    + "|".join(map(re.escape, entries("leading_determiners")))
    + r")\s+)+",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")
NOT_ENTITIES = words("not_entities")
_TITLE_MODIFIERS = words("title_modifiers")


def normalise(text: str) -> str:
    """« l’armée  Sud-Coréenne » → « armée Sud-Coréenne »: spacing, quotes, determiners.

    Case is kept (it is the label); compare with ``.casefold()``.
    """
    text = _SPACES.sub(" ", text.translate(_APOSTROPHES)).strip(" ,;:.!?()[]-–—'")
    stripped = _LEADING_DETERMINERS.sub("", text).strip()
    return stripped or text


def slug(text: str) -> str:
    """ASCII id of a name: « Corée du Nord » → ``coree-du-nord``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold()).strip("-") or "x"


def without_modifiers(text: str) -> str:
    """« nouveau premier ministre conservateur » → « premier ministre conservateur »: the
    adjectives that may open a title (kg/data/lexicon/title_modifiers.txt) and « ex- » go."""
    words = text.split()
    first = 0
    while first < len(words) - 1 and fold(words[first]) in _TITLE_MODIFIERS:
        first += 1
    rest = " ".join(words[first:])
    return rest[3:] if rest[:3].casefold() == "ex-" else rest
