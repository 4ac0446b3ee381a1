"""Text folded for comparison, and made safe for a terminal. Imports nothing of kg (any stage
may use it).

``fold`` is the one normalisation: « L’Été » → « l'ete ». ``fold_name`` is the comparison key
of names built on it, where hyphens and spacing do not count either. ``printable`` is what any
text from an article, a file name or a query goes through before kg prints it for a person.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "fold_name", "printable"]

# What a terminal acts on instead of showing: C0 and C1 controls (ESC starts colours and
# OSC title changes, a newline forges a line of its own), DEL, the line and paragraph
# separators, and the bidirectional overrides and isolates that reorder what is shown.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


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


def printable(text: str) -> str:
    """``text`` with each control character written as its escape, so that a terminal shows it
    instead of obeying it: the ESC that starts a colour → the four characters ``\\x1b``, a
    newline → ``\\n``. Anything else, accents and « » included, is kept as it is."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")
