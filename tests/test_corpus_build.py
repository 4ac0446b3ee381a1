"""Corpus builds: incremental cache, parser processes and Dask give the same graph as a clean
build; the CLI reports what it skipped and exits accordingly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, wikinews_articles

import kg
import kg.export.html
from kg.cache import ExtractionCache
from kg.records import event_from_record, event_record

ARTICLES = wikinews_articles(6)


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """Exports of a clean, single-process build of six Wikinews articles."""
    out = tmp_path_factory.mktemp("clean")
    graph = kg.build_graph(ARTICLES)
    assert len(graph.articles) == 6 and graph.events  # the builds compared are not empty
    graph.write_all(out)
    return out


def _same_exports(a: Path, b: Path) -> None:
    for name in ("graph.ttl", "events.jsonl", "graph.html"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_events_survive_the_cache_format(seed_graph):
    for event in seed_graph.events:
        bare = event_from_record(event_record(event, features=True))
        assert bare.roles().keys() == event.roles().keys()
        assert bare.id == event.id and bare.modality is event.modality


def test_warm_and_incremental_builds_equal_a_clean_build(clean, tmp_path):
    cache = ExtractionCache(tmp_path / "cache")
    kg.build_graph(ARTICLES[:4], cache=cache)
    assert (cache.hits, cache.misses) == (0, 4)

    cache = ExtractionCache(tmp_path / "cache")
    out = tmp_path / "out"
    kg.build_graph(ARTICLES, cache=cache).write_all(out)
    assert (cache.hits, cache.misses) == (4, 2)  # only the two new articles are parsed
    _same_exports(clean, out)

    cache = ExtractionCache(tmp_path / "cache")
    again = tmp_path / "again"
    kg.build_graph(ARTICLES, cache=cache).write_all(again)
    assert (cache.hits, cache.misses) == (6, 0)
    _same_exports(clean, again)


def test_a_damaged_cache_entry_is_redone(tmp_path):
    cache = ExtractionCache(tmp_path)
    kg.build_graph(ARTICLES[:1], cache=cache)
    (entry,) = tmp_path.rglob("*.jsonl")
    entry.write_text("{broken", encoding="utf-8")
    cache = ExtractionCache(tmp_path)
    graph = kg.build_graph(ARTICLES[:1], cache=cache)
    assert cache.misses == 1 and graph.events


def test_two_parser_processes_give_the_same_graph(clean, tmp_path):
    kg.build_graph(ARTICLES, jobs=2).write_all(tmp_path)
    _same_exports(clean, tmp_path)


def test_dask_local_cluster_of_two_workers_gives_the_same_graph(clean, tmp_path):
    pytest.importorskip("dask.distributed")
    kg.build_graph(ARTICLES, dask="local", jobs=2).write_all(tmp_path)
    _same_exports(clean, tmp_path)


def test_an_unreachable_dask_scheduler_is_one_clear_error(monkeypatch):
    pytest.importorskip("dask.distributed")
    from kg import distributed

    monkeypatch.setattr(distributed, "SCHEDULER_TIMEOUT", "1s")
    with pytest.raises(RuntimeError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:1 .*--dask local"):
        with distributed.dask_client("tcp://127.0.0.1:1"):
            pass


def test_merge_is_associative_and_order_independent():
    a, b, c = (kg.build_graph([p]) for p in ARTICLES[:3])
    left, right = a.merge(b).merge(c), a.merge(b.merge(c))
    shuffled = c.merge(a).merge(b)
    for other in (right, shuffled):
        assert [e.id for e in left.events] == [e.id for e in other.events]
        assert left.entities == other.entities
        assert left.to_turtle() == other.to_turtle()


def _run(*args: str, cwd: Path, cache: Path) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "KG_CACHE_DIR": str(cache), "HOME": str(cache)}
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


def test_cli_reports_skips_in_a_summary_and_a_report_file(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text((ARTICLES[0]).read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "bad.jsonl").write_text("{oops\n", encoding="utf-8")
    done = _run("build", "in", "-o", "out", cwd=tmp_path, cache=tmp_path / "cache")
    assert done.returncode == 1, done.stderr
    lines = [ln for ln in done.stderr.splitlines() if ln.startswith("kg: skipped:")]
    assert len(lines) == 2 and any("bad.jsonl:1" in ln for ln in lines)
    assert "2 input(s) skipped" in done.stderr and "Traceback" not in done.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["articles"] == 1 and len(report["skipped"]) == 2
    assert report["skipped_by_reason"] == {"bad-json-line": 1, "empty": 1}  # by code
    assert {s["code"] for s in report["skipped"]} == {"bad-json-line", "empty"}
    assert "(1 bad-json-line, 1 empty)" in done.stderr
    assert (tmp_path / "out" / "graph.ttl").exists()


def test_cli_reads_a_jsonl_corpus_with_mapped_fields_from_stdin(tmp_path):
    record = {"headline": "Titre", "body": "La Corée du Nord a fourni des armes à la Russie, selon Séoul. " * 3}
    done = subprocess.run(
        [sys.executable, "-m", "kg", "build", "-", "--field", "title=headline", "--field", "text=body", "-o", "out",
         "--no-cache"],
        cwd=tmp_path, input=json.dumps(record) + "\n", capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "1 article(s)" in done.stdout


def test_an_export_set_is_replaced_whole_or_not_at_all(seed_graph, tmp_path, monkeypatch):
    seed_graph.write_all(tmp_path, report=True)
    (tmp_path / "graph.ttl").write_text("# an older export\n", encoding="utf-8")
    (tmp_path / "report.json").write_text("{}\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt  # Ctrl-C while the viewer is written, after graph.ttl

    monkeypatch.setattr(kg.export.html, "write_html", interrupted)
    with pytest.raises(KeyboardInterrupt):
        seed_graph.write_all(tmp_path, report=True)

    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # no staging folder left either


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_stops_a_build_and_leaves_the_previous_exports(tmp_path, jobs):
    corpus = tmp_path / "in"
    corpus.mkdir()
    articles = wikinews_articles()
    for k in range(600 // len(articles)):  # 600 articles: a build of a minute or so, interrupted after 10 s
        for path in articles:
            (corpus / f"{k}-{path.name}").write_text(f"Copie {k} : " + path.read_text(encoding="utf-8"), "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("# the previous export\n", encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "KG_CACHE_DIR": str(tmp_path / "cache"), "HOME": str(tmp_path)}
    build = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", "in", "-o", "out", "--no-cache", "--jobs", jobs],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    time.sleep(10)  # the model is loaded and articles are being parsed (the whole build takes a minute)
    os.killpg(build.pid, signal.SIGINT)  # as Ctrl-C in a terminal: the whole process group
    _, err = build.communicate(timeout=120)

    assert build.returncode == 130, err
    assert err.strip() == "kg: interrupted: nothing was written, out is as it was"  # workers print nothing
    assert [p.name for p in out.iterdir()] == ["graph.ttl"]
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "# the previous export\n"


def test_readme_documents_the_build_figures():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "benchmarks/build_speed.py" in readme
