"""The one text fold: « L’Élysée » → « l'elysee »; names also ignore hyphens and spacing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.text import fold, fold_name


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
