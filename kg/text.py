"""Text folded for comparison, never for display. Imports nothing of kg (any stage may use it).

``fold`` is the one normalisation: « L’Été » → « l'ete ». ``fold_name`` is the comparison key
of names built on it, where hyphens and spacing do not count either.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["fold", "fold_name"]


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case (``casefold``), accents stripped, typographic apostrophe made straight:
    « L’Élysée » → « l'elysee ». Letters without a decomposition (« œ », « ß ») are kept."""
    text = text.replace("’", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=65536)
def fold_name(text: str) -> str:
    """``fold``, and hyphens and runs of spaces are one space: « Corée-du-Nord » and
    « corée  du nord » → « coree du nord »."""
    return " ".join(fold(text).replace("-", " ").split())
