"""Real French sentences in, events out. The cases live in cases/extraction.json and
cases/nominal.json (event nouns), one comment each;
a case with an "xfail" reason is a known failure, strict so that a fix is noticed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg
from kg.model import ROLES

CASES = [
    case
    for name in ("extraction.json", "nominal.json")
    for case in json.loads((Path(__file__).parent / "cases" / name).read_text(encoding="utf-8"))
]


def _matches(event: kg.Event, expected: dict) -> bool:
    if event.lemma != expected["lemma"]:
        return False
    if "modality" in expected and event.modality.value != expected["modality"]:
        return False
    if "kind" in expected and event.kind != expected["kind"]:
        return False
    for role in ROLES:
        if role not in expected:
            continue
        mention = getattr(event, role)
        want = expected[role]
        if (mention.text if mention is not None else None) != want:
            return False
    return True


def _describe(events: list[kg.Event]) -> str:
    return "\n".join(
        f"  {e.lemma} [{e.modality.value}] " + ", ".join(f"{r}={m.text!r}" for r, m in e.roles().items())
        for e in events
    )


def _params():
    for case in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
        yield pytest.param(case, id=case["comment"][:60], marks=marks)


@pytest.mark.parametrize("case", list(_params()))
def test_case(case: dict) -> None:
    text = case["text"]
    events = kg.extract_events(text)
    for event in events:
        for mention in (event.action, *event.roles().values()):
            assert text[mention.start : mention.end] == mention.text
    for expected in case["events"]:
        assert any(_matches(e, expected) for e in events), f"missing {expected}\ngot:\n{_describe(events)}"
    for unwanted in case.get("absent", []):
        assert not any(_matches(e, unwanted) for e in events), f"unwanted {unwanted}\ngot:\n{_describe(events)}"


def test_action_mention_covers_the_verb() -> None:
    text = "Les rebelles ont attaqué la ville."
    (event,) = [e for e in kg.extract_events(text) if e.lemma == "attaquer"]
    assert event.action.text == "attaqué"
    assert text[event.action.start : event.action.end] == "attaqué"


def test_each_line_is_its_own_unit() -> None:
    """A headline without a final period does not swallow the next paragraph."""
    text = (
        "Conflit russo-ukrainien : la Corée du Nord confirme le déploiement de ses troupes\n"
        "La Russie remercie la Corée du Nord"
    )
    events = kg.extract_events(text)
    lemmas = [(e.actor.text if e.actor else None, e.lemma) for e in events]
    assert ("la Corée du Nord", "confirmer") in lemmas
    assert ("La Russie", "remercier") in lemmas
    sentences = {e.sentence.text for e in events}
    assert all("\n" not in s for s in sentences)


def test_empty_and_blank_texts_give_no_events() -> None:
    assert kg.extract_events("") == []
    assert kg.extract_events(" \n\n\t ") == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("abcdéèàçôLRX '’-.,;:!?«»\"()\n0123456789")), max_size=120))
def test_any_text_gives_valid_offsets(text: str) -> None:
    for event in kg.extract_events(text):
        for mention in (event.action, *event.roles().values()):
            assert text[mention.start : mention.end] == mention.text
