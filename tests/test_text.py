"""The one text fold: « L’Élysée » → « l'elysee »; names also ignore hyphens and spacing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.text import fold, fold_name, printable


def test_fold_lowers_strips_accents_and_straightens_apostrophes():
    assert fold("L’Élysée") == "l'elysee"
    assert fold("Jusqu'à l'ÉTÉ") == "jusqu'a l'ete"
    assert fold("Œuvres de Gödel") == "œuvres de godel"  # a ligature is no accent
    assert fold("2025-04-28") == "2025-04-28"


def test_fold_name_ignores_hyphens_and_spacing():
    assert fold_name("Corée-du-Nord") == fold_name("  corée du   Nord ") == "coree du nord"
    assert fold_name("Côte d’Ivoire") == "cote d'ivoire"


@given(st.text())
def test_folding_twice_changes_nothing(text):
    assert fold(fold(text)) == fold(text)
    assert fold_name(fold_name(text)) == fold_name(text)


def test_printable_escapes_what_a_terminal_would_obey():
    assert printable("Séoul\x1b[31m rouge") == "Séoul\\x1b[31m rouge"
    assert printable("\x1b]0;titre\x07") == "\\x1b]0;titre\\x07"
    assert printable("a\nb\rc\td\x7f\x9b") == "a\\nb\\rc\\td\\x7f\\x9b"
    assert printable("abc\u202efed\u2028") == "abc\\u202efed\\u2028"


def test_printable_keeps_french_text():
    text = "« L’Élysée », dit-il — 3 000 soldats, 12 %"

    assert printable(text) == text


@given(st.text())
def test_printable_leaves_no_control_character(text):
    shown = printable(text)

    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029\u202e" for c in shown)
    assert printable(shown) == shown
