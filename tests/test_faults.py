"""Nothing lost, nothing hangs, nothing leaks: a damaged cache entry is redone and said once;
parser processes die with their parent; a build killed while parsing or writing leaves the
previous exports whole, and the next build removes what it left; two builds never write the same
output folder at once."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import wikinews_articles

import kg
from kg.cache import ExtractionCache
from kg.export.files import output_lock
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
    """The entry's records changed by ``change`` and written back as a coherent entry (header
    counts updated) under its old checksum: only the checksum can tell."""
    header, *records, checksum = (json.loads(line) for line in entry.read_text(encoding="utf-8").splitlines())
    extraction = {"events": records[: header["events"]], "names": records[header["events"] :]}
    change(extraction)
    header.update(events=len(extraction["events"]), names=len(extraction["names"]))
    lines = [header, *extraction["events"], *extraction["names"], checksum]
    entry.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")


def _flip_event_mention(extraction: dict) -> None:
    event = extraction["events"][0]
    event["action"]["text"] = _flip(event["action"]["text"])


def _flip_name(extraction: dict) -> None:
    name = extraction["names"][0]
    name["mention"]["text"] = _flip(name["mention"]["text"])


def _drop_line(entry: Path, at: int) -> None:
    lines = entry.read_text(encoding="utf-8").splitlines(keepends=True)
    del lines[at]
    entry.write_text("".join(lines), encoding="utf-8")


CORRUPTIONS = {
    "empty list": lambda entry: entry.write_text("[]", encoding="utf-8"),
    "wrong shape dict": lambda entry: entry.write_text('{"a": 1}', encoding="utf-8"),
    "wrong shape list": lambda entry: entry.write_text("[1]", encoding="utf-8"),
    "events emptied": lambda entry: _edit(entry, lambda x: x.update(events=[])),
    "flipped letter in an event": lambda entry: _edit(entry, _flip_event_mention),
    "flipped letter in a name": lambda entry: _edit(entry, _flip_name),
    "a record line lost": lambda entry: _drop_line(entry, 1),
    "checksum line lost": lambda entry: _drop_line(entry, -1),
    "truncated": lambda entry: entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2]),
    "zero bytes": lambda entry: entry.write_bytes(b""),
    "not UTF-8": lambda entry: entry.write_bytes(b"\xff\xfe" + entry.read_bytes()),
    "a folder in its place": lambda entry: (entry.unlink(), entry.mkdir(), (entry / "x").write_text("x")),
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
    (entry,) = cache.rglob("*.jsonl")
    entry.write_text('{"a": 1}', encoding="utf-8")
    done = CliRunner(env={"KG_CACHE_DIR": str(cache)}).invoke(
        main, ["build", str(ARTICLES[0]), "-o", str(tmp_path / "out"), "--format", "ttl"]
    )
    assert done.exit_code == 0, done.output
    notes = [line for line in done.stderr.splitlines() if "cached extraction" in line]
    assert notes == [f"kg: note: {ARTICLES[0]}: its cached extraction was not trusted (not an entry of kg's cache: "
                     "dict of another shape): parsed again, and the entry replaced"]  # fmt: skip


# Killed builds: the parser processes die with their parent, the previous exports stay whole, and
# the next build removes what the killed one left.


def _descendants(pid: int) -> set[int]:
    """Live processes under ``pid`` (zombies count as dead), by psutil, else from /proc."""
    try:
        import psutil
    except ImportError:  # pragma: no cover - psutil comes with dask[distributed]
        psutil = None
    if psutil is not None:
        try:
            found = psutil.Process(pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return set()
        return {p.pid for p in found if _running(p.pid)}
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if fields[0] != "Z":
            parents[int(stat.parent.name)] = int(fields[1])
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        children = {child for child, ppid in parents.items() if ppid == parent}
        found |= children
        todo.extend(children)
    return found


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def _wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"still not {what} after {timeout} s"
        time.sleep(0.2)


@pytest.fixture()
def previous(seed_graph, tmp_path):
    """An output folder holding the exports of a finished build, and their bytes."""
    out = tmp_path / "out"
    seed_graph.write_all(out, report=True)
    return out, _contents(out)


def _contents(folder: Path) -> dict[str, bytes]:
    """The files of ``folder`` but the lock file a killed build leaves (unlocked: see below)."""
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and p.name != ".kg-lock"}


def _environment(tmp_path: Path) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "KG_CACHE_DIR": str(tmp_path / "cache"), "HOME": str(tmp_path)}


def _corpus(tmp_path: Path, copies: int) -> Path:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for k in range(copies):
        for path in wikinews_articles():
            (corpus / f"{k}-{path.name}").write_text(f"Copie {k} : " + path.read_text(encoding="utf-8"), "utf-8")
    return corpus


def test_kill_9_while_parsing_kills_the_workers_and_leaves_the_exports(previous, tmp_path):
    out, before = previous
    _corpus(tmp_path, 4)  # 48 articles: minutes of parsing in 2 processes, killed once they run
    build = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", "in", "-o", "out", "--no-cache", "--jobs", "2", "-q"],
        cwd=tmp_path, env=_environment(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    workers: set[int] = set()
    try:
        _wait_for(lambda: len(_descendants(build.pid)) >= 2, 180, "2 parser processes")
        workers = _descendants(build.pid)
        time.sleep(1)  # they have their first batches
        os.kill(build.pid, signal.SIGKILL)
        build.wait(timeout=30)
        _wait_for(lambda: not any(_running(pid) for pid in workers), 10, "gone: the workers outlive their parent")
    finally:
        for pid in workers:  # never leave 600 MB processes behind, even when the test fails
            if _running(pid):
                os.kill(pid, signal.SIGKILL)
        if build.poll() is None:
            build.kill()

    assert _contents(out) == before
    assert not list(out.glob(".kg-staging-*"))
    with output_lock(out):  # the killed build's lock died with it, and its workers hold none
        pass


SLOW_WRITE = """\
import sys, time
from pathlib import Path

import kg.export.html

write_html = kg.export.html.write_html


def write_then_hang(graph, path, *args, **kwargs):  # killed here: graph.ttl and graph.html are staged
    write_html(graph, path, *args, **kwargs)
    Path(sys.argv[1]).touch()
    time.sleep(600)


kg.export.html.write_html = write_then_hang
from kg.cli import main

main(sys.argv[2:], prog_name="kg")
"""


def test_kill_9_while_writing_leaves_the_exports_and_the_next_build_cleans_up(previous, seed_path, tmp_path):
    out, before = previous
    (tmp_path / "slow_write.py").write_text(SLOW_WRITE, encoding="utf-8")
    marker = tmp_path / "writing"
    args = ["build", str(seed_path), "-o", "out", "--no-cache", "-q"]
    build = subprocess.Popen(
        [sys.executable, "slow_write.py", str(marker), *args],
        cwd=tmp_path, env=_environment(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        _wait_for(marker.exists, 180, "writing")
        (staging,) = out.glob(".kg-staging-*")
        assert {"graph.ttl", "graph.html"} <= {p.name for p in staging.iterdir()}
        os.kill(build.pid, signal.SIGKILL)
        build.wait(timeout=30)
    finally:
        if build.poll() is None:
            build.kill()
    assert _contents(out) == before  # nothing replaced
    assert staging.is_dir()

    done = subprocess.run(
        [sys.executable, "-m", "kg", *args, "--format", "ttl"],
        cwd=tmp_path, env=_environment(tmp_path), capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert not staging.exists()
    assert sorted(p.name for p in out.iterdir()) == sorted(before)  # and no lock file left by either


def test_stale_staging_folders_are_removed_and_a_live_builds_kept(seed_graph, tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    host = socket.gethostname()
    folders = {
        "dead": f"{dead.stdout.strip()} {host}",
        "live": f"{os.getpid()} {host}",
        "unknown, old": None,
        "unknown, recent": None,
    }
    for name, owner in folders.items():
        staging = tmp_path / f".kg-staging-{name}"
        (staging / "graph.ttl").parent.mkdir()
        (staging / "graph.ttl").write_text("# half written\n", encoding="utf-8")
        if owner is not None:
            (staging / ".kg-owner").write_text(owner + "\n", encoding="utf-8")
    old = time.time() - 7 * 3600
    os.utime(tmp_path / ".kg-staging-unknown, old", (old, old))

    seed_graph.write_all(tmp_path)

    left = sorted(p.name for p in tmp_path.glob(".kg-staging-*"))
    assert left == [".kg-staging-live", ".kg-staging-unknown, recent"]
    assert (tmp_path / "graph.ttl").stat().st_size > 100


# One build at a time in an output folder.


def test_a_second_build_into_a_busy_folder_names_the_first_and_exits_2(seed_path, tmp_path):
    out = tmp_path / "out"
    with output_lock(out):
        done = subprocess.run(
            [sys.executable, "-m", "kg", "build", str(seed_path), "-o", "out", "--no-cache"],
            cwd=tmp_path, env=_environment(tmp_path), capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith(f"kg: error: out is being written by another kg build (pid {os.getpid()}, since ")
        assert done.stderr.endswith("): wait for it to end, or use kg build --wait\n")
        assert done.stderr.count("\n") == 1 and done.stdout == ""
        assert [p.name for p in out.iterdir()] == [".kg-lock"]  # nothing written
    assert not out.exists()  # the lock's folder, made for it and left empty, is removed


def test_build_wait_waits_for_the_folder(seed_graph, seed_path, tmp_path):
    out = tmp_path / "out"
    with output_lock(out):
        build = subprocess.Popen(
            [sys.executable, "-m", "kg", "build", str(seed_path), "-o", "out", "--no-cache", "--format", "ttl",
             "--wait"],
            cwd=tmp_path, env=_environment(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            said = build.stderr.readline()  # printed before it blocks on the lock
            assert said.startswith(f"kg: waiting for the kg build writing out (pid {os.getpid()}, since "), said
            time.sleep(2)
            assert build.poll() is None and not (out / "graph.ttl").exists()
        except BaseException:
            build.kill()
            raise
    rest, err = build.communicate(timeout=600)
    assert build.returncode == 0, err
    # nothing but the seed's own note (its title is the headline below its lead paragraph)
    assert [line for line in err.splitlines() if "title is the headline" not in line] == [] and "1 article(s)" in rest
    assert (out / "graph.ttl").read_text(encoding="utf-8") == seed_graph.to_turtle()


def test_the_output_lock_is_reentrant_and_lets_go(tmp_path):
    with output_lock(tmp_path), output_lock(tmp_path):  # a build's lock, then write_all's
        assert (tmp_path / ".kg-lock").exists()
    assert not (tmp_path / ".kg-lock").exists()
    with output_lock(tmp_path):  # taken again once let go
        pass
