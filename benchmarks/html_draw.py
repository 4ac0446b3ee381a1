"""How fast the HTML viewer is ready in headless Chromium, on the Wikinews corpus and on a
synthetic 2,000-entity / 5,000-arrow graph.

    python benchmarks/html_draw.py [--corpus ../shared/corpus/wikinews-fr-100] [--runs 5]

Prints, for each graph: the time to write the page (layout included), its size, and over
``--runs`` fresh page loads the median and worst milliseconds from navigation to the first frame
and to the page answering clicks (the issue's target: interactive within 3 s), then how long a
filter click and a search take once it is. The machine may be shared: look at the median.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # the synthetic graph is the one the browser tests use

from test_browser import CHROMIUM_FLAGS, VIEWPORT, synthetic_graph  # noqa: E402

import kg  # noqa: E402
from kg.export.html import write_html  # noqa: E402

TARGET_MS = 3000
CHROMIUM = "/usr/bin/chromium"


def measure(context, page_path: Path, runs: int) -> dict[str, float]:
    drawn, ready, click, search = [], [], [], []
    for _ in range(runs):
        page = context.new_page()
        page.goto(page_path.as_uri())
        page.wait_for_function("document.body.dataset.ready === '1'", timeout=120_000)
        drawn.append(int(page.evaluate("document.body.dataset.drawnMs")))
        ready.append(int(page.evaluate("document.body.dataset.readyMs")))
        click.append(
            page.evaluate(
                """() => {
                const start = performance.now();
                document.querySelector("input[name=type][value=Thing]").click();
                return performance.now() - start;
            }"""
            )
        )
        search.append(
            page.evaluate(
                """() => {
                const start = performance.now();
                document.getElementById("kg-search-input").value = kg.data.nodes[0].label;
                document.getElementById("kg-search").requestSubmit();
                return performance.now() - start;
            }"""
            )
        )
        page.close()
    return {
        "first frame": statistics.median(drawn),
        "interactive": statistics.median(ready),
        "interactive, worst": max(ready),
        "filter click": statistics.median(click),
        "search": statistics.median(search),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "corpus" / "wikinews-fr-100")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    graphs = {}
    if args.corpus.is_dir():
        start = time.perf_counter()
        corpus = kg.build_graph([args.corpus])
        graphs[f"{args.corpus.name} (built in {time.perf_counter() - start:.0f} s)"] = corpus
    else:
        print(f"{args.corpus} not found: corpus skipped")
    graphs["synthetic 2,000 / 5,000"] = synthetic_graph()

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            Path(tmp) / "profile",
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport=VIEWPORT,
        )
        for name, eg in graphs.items():
            path = Path(tmp) / "graph.html"
            start = time.perf_counter()
            write_html(eg, path)
            written = time.perf_counter() - start
            drawn = sum(1 for e in eg.events if e.actor and e.target and e.actor.entity and e.target.entity)
            print(f"\n{name}: {len(eg.entities)} entities, {drawn} arrows")
            print(f"  page written in {written:.2f} s, {path.stat().st_size / 1e6:.1f} MB")
            figures = measure(context, path, args.runs)
            for label, ms in figures.items():
                print(f"  {label:>20}: {ms:7.0f} ms")
            verdict = "within" if figures["interactive"] <= TARGET_MS else "OVER"
            print(f"  {verdict} the {TARGET_MS / 1000:.0f} s target")
        context.close()


if __name__ == "__main__":
    main()
