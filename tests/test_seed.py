"""The seed article yields the events a careful reader finds in it (cases/seed.json), and
nothing the text does not say."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.model import ROLES

EXPECTED = json.loads((Path(__file__).parent / "cases" / "seed.json").read_text(encoding="utf-8"))


def _matches(event, want: dict) -> bool:
    if event.lemma != want["lemma"]:
        return False
    if "modality" in want and event.modality.value != want["modality"]:
        return False
    for role in ROLES:
        if role in want:
            mention = getattr(event, role)
            if mention is None or want[role] not in mention.text:
                return False
    return True


@pytest.mark.parametrize("want", EXPECTED, ids=[w["comment"][:50] for w in EXPECTED])
def test_seed_event(seed_graph, want: dict) -> None:
    found = [e for e in seed_graph.events if _matches(e, want)]
    assert found, f"missing: {want['comment']}\n" + "\n".join(
        f"  {e.lemma}: " + ", ".join(f"{r}={m.text!r}" for r, m in e.roles().items())
        for e in seed_graph.events
        if e.lemma == want["lemma"]
    )


def test_seed_invents_no_participant(seed_graph, seed_text) -> None:
    """Every participant is a span of the article, and none is a bare pronoun node."""
    for event in seed_graph.events:
        for mention in event.roles().values():
            assert seed_text[mention.start : mention.end] == mention.text
    labels = {e.label.casefold() for e in seed_graph.entities.values()}
    assert not labels & {"il", "elle", "lui", "leur", "qui", "que", "ce", "ils"}


def test_quantity_is_not_the_target(seed_graph) -> None:
    targets = {e.target.text for e in seed_graph.events if e.lemma == "fournir" and e.target}
    assert targets == {"armes"}
