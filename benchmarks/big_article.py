"""Memory and throughput of `kg` on one big article written as a single paragraph.

    python benchmarks/big_article.py [--mb 5] [--normal-mb 1] [--corpus ../shared/corpus/wikinews-fr-100]

The big article is the corpus' texts joined without paragraph breaks into one line of ``--mb``
million characters (the tests' twelve Wikinews articles when the corpus is not beside the
project); the normal articles are the same texts as they are, copied to ``--normal-mb`` million
characters. One child process builds the graph of the big article, then of the normal articles
(so the big one's peak is its own, and it pays the warm-up), each with its three default
exports, and prints for each the seconds (wall clock and CPU), characters per second, time by
stage and peak resident memory so far; then the ratio of the two throughputs (target ≥ 0.80)
and the big article's peak (target < 1.5 GB). Compare the ratios: the machine is shared and
timings are noisy; both throughputs come from the same process, and the CPU-time ratio does not
move with the load of other processes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIXTURES = ROOT / "tests" / "fixtures" / "wikinews" / "articles"

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
import kg
from kg import nlp

def peak():  # MiB of the maximum resident set of this process so far
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

def cpu():  # user + system seconds of this process so far
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

out = {}
for name, path in (("big", sys.argv[2]), ("normal", sys.argv[1])):
    nlp.load()  # loaded before the clock starts, let go once parsed, as `kg build` does
    out.setdefault("loaded", peak())
    started, used = time.perf_counter(), cpu()
    graph = kg.build_graph([path], release_model=True)
    graph.write_all(Path(sys.argv[3]) / name)
    seconds = time.perf_counter() - started
    out[name] = {"seconds": seconds, "cpu": cpu() - used, "peak": peak(), "events": len(graph.events),
                 "entities": len(graph.entities), "stages": graph.seconds}
print(json.dumps(out))
"""


def sources(corpus: Path) -> list[str]:
    paths = sorted(corpus.glob("*.txt")) or sorted(FIXTURES.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no article in {corpus} nor in {FIXTURES}")
    return [p.read_text(encoding="utf-8") for p in paths]


def big_text(texts: list[str], size: int) -> str:
    """« Titre » then one paragraph of ``size`` characters: the texts' lines joined by spaces."""
    lines = [" ".join(line.split()) for t in texts for line in t.splitlines() if line.strip()]
    parts, total, k = [], 0, 0
    while total < size:
        line = lines[k % len(lines)]
        parts.append(line)
        total += len(line) + 1
        k += 1
    return "Un très long article\n\n" + " ".join(parts) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the big article, in millions of characters")
    parser.add_argument("--normal-mb", type=float, default=1.0, help="size of the normal articles together")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "wikinews-fr-100")
    args = parser.parse_args()

    texts = sources(args.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        normal = tmp / "normal"
        normal.mkdir()
        written, k = 0, 0
        while written < args.normal_mb * 1_000_000:  # distinct texts (numbered), so none is deduplicated
            text = f"Copie {k // len(texts)} : {texts[k % len(texts)]}"
            (normal / f"{k:05d}.txt").write_text(text, encoding="utf-8")
            written += len(text)
            k += 1
        big = tmp / "big.txt"
        big.write_text(big_text(texts, int(args.mb * 1_000_000)), encoding="utf-8")
        big_chars = len(big.read_text(encoding="utf-8"))
        print(f"normal: {k} articles, {written:,} characters; big: one paragraph of {big_chars:,} characters")

        env = {**os.environ, "KG_CACHE_DIR": str(tmp / "cache")}
        child = subprocess.run(
            [sys.executable, "-c", CHILD, str(normal), str(big), str(tmp / "out")],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
        )
        if child.returncode != 0:
            raise SystemExit(f"the build failed:\n{child.stderr}")
        found = json.loads(child.stdout.splitlines()[-1])

    print(f"model loaded: peak {found['loaded']:,.0f} MiB")
    rates, cpu_rates = {}, {}
    for name, chars in (("big", big_chars), ("normal", written)):
        run = found[name]
        rates[name], cpu_rates[name] = chars / run["seconds"], chars / run["cpu"]
        stages = ", ".join(f"{stage} {s:.1f} s" for stage, s in run["stages"].items())
        print(
            f"{name:6}: {run['seconds']:7.1f} s  {rates[name]:8,.0f} chars/s  (CPU {run['cpu']:.1f} s: "
            f"{cpu_rates[name]:,.0f} chars/CPU s)  peak so far {run['peak']:,.0f} MiB  "
            f"({run['events']:,} reports, {run['entities']:,} entities)\n        {stages}"
        )
    ratio, cpu_ratio = rates["big"] / rates["normal"], cpu_rates["big"] / cpu_rates["normal"]
    print(f"throughput ratio big / normal: {ratio:.2f} by the clock, {cpu_ratio:.2f} by CPU time (target ≥ 0.80)")
    print(f"peak memory with the big article: {found['big']['peak']:,.0f} MiB (target < 1,536 MiB)")


if __name__ == "__main__":
    main()
