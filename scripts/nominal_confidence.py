"""Measure how often a nominal event's trigger is a real event and ship it as their confidence.

Nominal events (« l'envoi de troupes ») have no argument gold to fit a model on, as verbal events
have (``scripts/train_confidence.py``); what the French TimeBank gives is whether each event noun
kg finds is an EVENT of its annotators. The share that is, on the documents given, is the
confidence every nominal event carries (calibrated in the mean by construction on those
documents); it is written with its provenance to ``kg/data/nominal_confidence.json``.

usage: python scripts/nominal_confidence.py [TIMEBANK_DIR] [--dry-run]
       (default ../shared/eval/french-timebank-dev; needs the score_timebank.py beside it)
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "kg" / "data" / "nominal_confidence.json"


def _scorer(folder: Path):
    spec = importlib.util.spec_from_file_location("kg_eval_score_timebank", folder.parent / "score_timebank.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT.parent / "shared/eval/french-timebank-dev")
    parser.add_argument("--dry-run", action="store_true", help="print the figure, write nothing")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    import kg
    from kg.model import EventKind

    scorer = _scorer(args.folder)
    found = right = 0
    for path in sorted(args.folder.glob("*.tml")):
        text, tags = scorer.read_tml(path)
        gold = [t.span for t in tags if t.name == "EVENT" and t.span[0] < t.span[1]]
        triggers = {(e.action.start, e.action.end) for e in kg.extract_events(text) if e.kind is EventKind.NOMINAL}
        found += len(triggers)
        right += sum(any(scorer.overlaps(span, g) for g in gold) for span in triggers)
    precision = right / found if found else 0.0
    print(f"nominal triggers: {found}, of which TimeBank events: {right} (precision {precision:.3f})")
    if args.dry_run:
        return
    record = {
        "confidence": round(precision, 3),
        "what": "share of kg's nominal event triggers that are TimeBank EVENTs",
        "data": f"{args.folder.name}: {right} of {found} triggers",
        "fitted": dt.date.today().isoformat(),
        "command": "python scripts/nominal_confidence.py ../shared/eval/french-timebank-dev",
    }
    OUT.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
