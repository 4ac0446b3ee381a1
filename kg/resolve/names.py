"""Names as keys: « la Corée du Nord », « La Corée du Nord » and « Corée du Nord » normalise
to « Corée du Nord » and slug to the id ``coree-du-nord``: determiners and elisions go, case,
spacing and typographic quotes are normalised, so the same name gives the same id in every run
and every article."""

from __future__ import annotations

import re
import unicodedata

from kg.data import entries, words

__all__ = ["NOT_ENTITIES", "normalise", "slug"]


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
