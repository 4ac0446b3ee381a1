"""Shared fixtures: the seed article, built once per test session, and the test articles."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "coree-du-nord-troupes-russie.txt"
# Twelve Wikinews articles shipped with the tests (CC BY 2.5, see the README beside them), as
# files and as JSON Lines: always there.
WIKINEWS = ROOT / "tests" / "fixtures" / "wikinews" / "articles"
WIKINEWS_JSONL = WIKINEWS.parent / "articles.jsonl"
# The whole 100-article corpus, when it sits beside the project: optional, and never the only
# input of a test.
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "wikinews-fr-100"
NO_CORPUS = f"the 100 Wikinews articles are not at {CORPUS} (optional: the shipped 12 are tested)"


def wikinews_articles(n: int | None = None) -> list[Path]:
    """The first ``n`` shipped Wikinews articles (all by default); never fewer, never none."""
    files = sorted(WIKINEWS.glob("*.txt"))[:n]
    assert files and len(files) == (n or len(files)), f"{WIKINEWS}: test articles missing"
    return files


def require_tool(name: str) -> str:
    """Path of an external tool; a missing one skips the test locally and fails it under CI."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed: run scripts/test.sh, which installs it")
        pytest.skip(f"{name} is not installed")
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    from kg.read import parse_article

    return parse_article(SEED.read_text(encoding="utf-8"))[0].text


@pytest.fixture(scope="session")
def seed_graph():
    import kg

    return kg.build_graph([SEED])


@pytest.fixture(scope="session")
def seed_exports(seed_graph, tmp_path_factory) -> dict[str, Path]:
    return seed_graph.write_all(tmp_path_factory.mktemp("exports"))
