"""Nothing lost, nothing hangs, nothing leaks: a damaged cache entry is redone and said once;
parser processes die with their parent; a build killed while parsing or writing leaves the
previous exports whole, and the next build removes what it left; two builds never write the same
output folder at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import wikinews_articles

import kg
from kg.cache import ExtractionCache
from kg.pipeline import load_inputs

ARTICLES = wikinews_articles(2)


@pytest.fixture(scope="module")
def clean():
    """The exports of a build of two articles without a cache."""
    graph = kg.build_graph(ARTICLES)
    assert graph.events and graph.entities
    return graph.to_turtle(), graph.to_jsonl()


def _flip(text: str) -> str:
    """« Russie » → « Rassie »: one letter changed, as a bad sector or a stray edit would."""
    at = next(i for i, ch in enumerate(text) if ch.isalpha() and ch.lower() != "a")
    return text[:at] + "a" + text[at + 1 :]


def _edit(entry: Path, change) -> None:
    record = json.loads(entry.read_text(encoding="utf-8"))
    change(record["extraction"])
    entry.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def _flip_event_mention(extraction: dict) -> None:
    event = extraction["events"][0]
    event["action"]["text"] = _flip(event["action"]["text"])


def _flip_name(extraction: dict) -> None:
    name = extraction["names"][0]
    name["mention"]["text"] = _flip(name["mention"]["text"])


CORRUPTIONS = {
    "empty list": lambda entry: entry.write_text("[]", encoding="utf-8"),
    "wrong shape dict": lambda entry: entry.write_text('{"a": 1}', encoding="utf-8"),
    "wrong shape list": lambda entry: entry.write_text("[1]", encoding="utf-8"),
    "events emptied": lambda entry: _edit(entry, lambda x: x.update(events=[])),
    "flipped letter in an event": lambda entry: _edit(entry, _flip_event_mention),
    "flipped letter in a name": lambda entry: _edit(entry, _flip_name),
    "truncated": lambda entry: entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2]),
    "zero bytes": lambda entry: entry.write_bytes(b""),
    "not UTF-8": lambda entry: entry.write_bytes(b"\xff\xfe" + entry.read_bytes()),
}


@pytest.mark.parametrize("corruption", CORRUPTIONS)
def test_a_damaged_cache_entry_is_redone_and_noted_once(clean, tmp_path, corruption):
    kg.build_graph(ARTICLES, cache=tmp_path)
    (first, _), _ = load_inputs(ARTICLES)
    entry = ExtractionCache(tmp_path).path(first.text)
    CORRUPTIONS[corruption](entry)

    cache = ExtractionCache(tmp_path)
    graph = kg.build_graph(ARTICLES, cache=cache)

    assert (graph.to_turtle(), graph.to_jsonl()) == clean
    assert (cache.hits, cache.misses, cache.damaged) == (1, 1, 1)
    notes = [n for n in graph.report()["notes"] if n["code"] == "bad-cache-entry"]
    assert len(notes) == 1 and notes[0]["source"] == str(ARTICLES[0])
    assert "parsed again" in notes[0]["note"]

    again = ExtractionCache(tmp_path)  # the entry was replaced: the next build trusts it
    assert kg.build_graph(ARTICLES, cache=again).to_turtle() == clean[0]
    assert (again.hits, again.damaged) == (2, 0)


def test_the_build_prints_one_note_for_a_damaged_entry(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    cache = tmp_path / "cache"
    kg.build_graph(ARTICLES[:1], cache=cache)
    (entry,) = cache.rglob("*.json")
    entry.write_text('{"a": 1}', encoding="utf-8")
    done = CliRunner(env={"KG_CACHE_DIR": str(cache)}).invoke(
        main, ["build", str(ARTICLES[0]), "-o", str(tmp_path / "out"), "--format", "ttl"]
    )
    assert done.exit_code == 0, done.output
    notes = [line for line in done.stderr.splitlines() if "cached extraction" in line]
    assert notes == [f"kg: note: {ARTICLES[0]}: its cached extraction was not trusted (not an entry of kg's cache: "
                     "dict of another shape): parsed again, and the entry replaced"]  # fmt: skip
