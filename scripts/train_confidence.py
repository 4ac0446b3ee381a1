"""Fit kg's event confidence (kg/data/confidence.json) and print how well it is calibrated.

    .venv/bin/pip install -e '.[train]'        # scikit-learn, for this script only
    .venv/bin/python scripts/train_confidence.py [EVAL] [--dry-run]   # EVAL: ../shared/eval

It rewrites kg/data/confidence.json (about 3 minutes on one core); refit after any change to
extraction, since the features and the labels both come from it.

EVAL is the folder of the deep scorers (``score_deep.py``, ``score_gsd.py`` and their data): the
events kg extracts are labelled right or wrong with the scorers' own matching, imported from
there (kg itself never imports it). The model is fitted on Deep Sequoia train and GSD dev,
checked on Deep Sequoia dev (never fitted on); the GSD figures are out of fold (5 folds by
sentence, each predicted by a model fitted without it), so no figure is read on the sentences
it was fitted on except the train reliability table.

Labels. An event with an actor and a target whose action overlaps a verb with a gold triple is
right when it matches one, as the scorers count it (``match``). An event with only one of them
is right when that argument matches a gold deep argument of the same function of its verb
(Sequoia: the deep arcs of any verb; GSD: the arguments of the verb's gold triples). Events
whose verb has no gold argument to check them against are not labelled and not fitted on, as
the scorers' precision leaves them out.

Reproducible: sentences in file order, lbfgs (no randomness), folds drawn with a fixed seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "kg" / "data" / "confidence.json"
THRESHOLDS = (0.3, 0.5, 0.7)
BINS = 10
C = 1.0  # inverse regularisation of the logistic regression
FOLDS = 5


def _scorer(folder: Path, name: str):
    spec = importlib.util.spec_from_file_location(f"kg_eval_{name}", folder / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _span(m):
    return None if m is None else (m.start, m.end)


def _prediction(event):
    """The event as the scorers read it: (actor, action, [target, locution])."""
    objs = [_span(m) for m in (event.target, getattr(event, "locution", None)) if m is not None]
    return _span(event.actor), _span(event.action), objs


def _labelled(scorer, sent_id, gold, arguments, pairs, parse):
    """One sentence's (id, gold triples, [(event, features, label or None, prediction)], parse),
    each event labelled with the scorer's own matching on the sentence's tokens and phrases."""
    toks, phrase, text = parse

    def match(p, g):
        return scorer.match(p, g, toks, phrase, text)

    def arg(span, i, v):
        return scorer.arg_ok(span, toks[i], phrase[i], toks[v], text)

    rows = []
    for event, values in pairs:
        p = _prediction(event)
        rows.append((event, values, _label(p, gold, arguments, toks, match, arg, lambda g: g[1]), p))
    return sent_id, gold, rows, parse


def _sequoia(scorer, path: Path, extract):
    """[(sentence id, gold triples, [(event, features, label or None, prediction)])] of a Deep
    Sequoia file, with what the scorer needs to count precision and recall."""
    sents = [s for s in scorer.read_conll(str(path)) if scorer.align(s)]
    out = []
    for sent, pairs in zip(sents, extract([s["text"] for s in sents]), strict=True):
        toks, text = {t["id"]: t for t in sent["toks"]}, sent["text"]
        phrase = scorer.phrase_spans(sent)
        gold = scorer.gold_triples(sent)
        arguments: dict[int, dict[str, list[int]]] = {}  # deep suj/obj heads of every verb
        for h, d, f in scorer.deep_arcs(sent):
            if (
                f in ("suj", "obj")
                and h in toks
                and toks[h]["cat"] in scorer.VERB_CATS
                and "void=y" not in toks[h]["feats"]
                and toks[d]["cat"] in scorer.NOMINAL
                and h != d
            ):
                arguments.setdefault(h, {}).setdefault(f, []).append(d)
        out.append(_labelled(scorer, sent["id"], gold, arguments, pairs, (toks, phrase, text)))
    return out


def _gsd(scorer, path: Path, extract):
    sents = [s for s in scorer.read_conllu(str(path)) if scorer.align(s)]
    out = []
    for sent, pairs in zip(sents, extract([s["text"] for s in sents]), strict=True):
        toks, text, kids = sent["toks"], sent["text"], scorer.children(sent)
        phrase = scorer.phrase_spans(sent, kids)
        gold = scorer.gold_triples(sent, kids)
        arguments: dict[int, dict[str, list[int]]] = {}
        for s, v, o, _ in gold:
            arguments.setdefault(v, {}).setdefault("suj", []).append(s)
            arguments[v].setdefault("obj", []).append(o)
        out.append(_labelled(scorer, sent["id"], gold, arguments, pairs, (toks, phrase, text)))
    return out


def _overlaps(span, tok):
    return span is not None and span[0] < tok["end"] and tok["start"] < span[1]


def _label(p, gold, arguments, toks, match, arg, verb_of) -> bool | None:
    actor, action, objs = p
    if actor is not None and objs:
        if not any(_overlaps(action, toks[verb_of(g)]) for g in gold):
            return None
        return any(match(p, g) for g in gold)
    verbs = [v for v in arguments if _overlaps(action, toks[v])]
    if not verbs:
        return None
    checks = []
    for v in verbs:
        for function, span in (("suj", actor), ("obj", objs or None)):
            if span is None:
                continue
            heads = arguments[v].get(function)
            if not heads:
                return None  # nothing to check this argument against
            checks.append(any(arg(span, i, v) for i in heads))
    return all(checks) if checks else None


def _matrix(rows, names):
    return [[values.get(n, 0.0) for n in names] for _, values, _, _ in rows]


def _fit(train_rows, gsd_rows, names):
    """Each source weighs the same in the fit: Sequoia train's parses are near-perfect (spaCy was
    trained on them), GSD's are the parses of unseen text that kg meets in use."""
    from sklearn.linear_model import LogisticRegression

    rows = train_rows + gsd_rows
    weights = [1.0] * len(train_rows) + [len(train_rows) / len(gsd_rows)] * len(gsd_rows)
    model = LogisticRegression(C=C, max_iter=5000, solver="lbfgs")
    model.fit(_matrix(rows, names), [int(r[2]) for r in rows], sample_weight=weights)
    return model


def reliability(probs, labels, bins=BINS):
    """[(low, high, count, mean confidence, accuracy)] of equal-width bins, and the expected
    calibration error: Σ count/n × |accuracy − mean confidence|."""
    table, n, ece = [], len(probs), 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(p, y) for p, y in zip(probs, labels, strict=True) if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if not inside:
            table.append((lo, hi, 0, None, None))
            continue
        mean = sum(p for p, _ in inside) / len(inside)
        acc = sum(y for _, y in inside) / len(inside)
        ece += len(inside) / n * abs(acc - mean)
        table.append((lo, hi, len(inside), mean, acc))
    return table, ece


def precision_recall(scorer, sentences, confidence, threshold):
    """The scorer's P, R, F1 counting only the events whose confidence is at least ``threshold``."""
    tp_g = n_g = tp_s = n_s = 0
    for _, gold, rows, (toks, phrase, text) in sentences:
        kept = [p for event, _, _, p in rows if confidence[id(event)] >= threshold and p[0] is not None and p[2]]
        verbs = {g[1] for g in gold}
        scored = [p for p in kept if any(_overlaps(p[1], toks[v]) for v in verbs)]
        n_g += len(gold)
        n_s += len(scored)
        tp_g += sum(any(scorer.match(p, g, toks, phrase, text) for p in kept) for g in gold)
        tp_s += sum(any(scorer.match(p, g, toks, phrase, text) for g in gold) for p in scored)
    P = tp_s / n_s if n_s else 0.0
    R = tp_g / n_g if n_g else 0.0
    return P, R, (2 * P * R / (P + R) if P + R else 0.0), n_s


def _print_reliability(name, probs, labels):
    table, ece = reliability(probs, labels)
    print(f"\n{name}: {len(probs)} labelled events, accuracy {sum(labels) / len(labels):.3f}, ECE {ece:.3f}")
    print("| bin | count | mean confidence | accuracy |\n| --- | ---: | ---: | ---: |")
    for lo, hi, count, mean, acc in table:
        if count:
            print(f"| {lo:.1f}–{hi:.1f} | {count} | {mean:.3f} | {acc:.3f} |")
    return ece


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("eval", type=Path, nargs="?", default=ROOT.parent / "shared" / "eval",
                    help="folder of score_deep.py, score_gsd.py and their data (default ../shared/eval)")
    ap.add_argument("--out", type=Path, default=MODEL, help=f"model file to write (default {MODEL.relative_to(ROOT)})")
    ap.add_argument("--dry-run", action="store_true", help="print the figures, write nothing")
    a = ap.parse_args()
    try:
        import sklearn
    except ImportError:
        sys.exit("scikit-learn is not installed: run .venv/bin/pip install -e '.[train]'")
    if not (a.eval / "score_deep.py").is_file():
        sys.exit(f"no score_deep.py in {a.eval}: give the folder of the deep scorers")

    sys.path.insert(0, str(ROOT))
    from kg.extract import extract_features
    from kg.extract.confidence import FEATURE_NAMES

    names = list(FEATURE_NAMES)
    deep, gsd_scorer = _scorer(a.eval, "score_deep"), _scorer(a.eval, "score_gsd")
    extract = extract_features
    print("extracting…", file=sys.stderr)
    sets = {
        "train": (_sequoia(deep, a.eval / "deep-sequoia-train.conll", extract), deep),
        "gsd": (_gsd(gsd_scorer, a.eval / "ud-french-gsd" / "fr_gsd-ud-dev.conllu", extract), gsd_scorer),
        "dev": (_sequoia(deep, a.eval / "deep-sequoia-dev.conll", extract), deep),
    }

    def labelled(sentences):
        return [r for _, _, rows, _ in sentences for r in rows if r[2] is not None]

    train_rows = labelled(sets["train"][0])  # sentences in file order: the same rows every run
    gsd_rows = labelled(sets["gsd"][0])
    model = _fit(train_rows, gsd_rows, names)

    def predict(m, rows):
        return [float(p) for p in m.predict_proba(_matrix(rows, names))[:, 1]] if rows else []

    # GSD out of fold: each GSD sentence predicted by a model fitted on train and the other folds
    import random

    gsd_ids = sorted({sid for sid, _, _, _ in sets["gsd"][0]})
    random.Random(12).shuffle(gsd_ids)
    fold_of = {sid: i % FOLDS for i, sid in enumerate(gsd_ids)}
    gsd_sent_of = {id(ev): sid for sid, _, rows, _ in sets["gsd"][0] for ev, _, _, _ in rows}
    confidence: dict[int, float] = {}
    for k in range(FOLDS):
        inside = [r for r in gsd_rows if fold_of[gsd_sent_of[id(r[0])]] != k]
        m = _fit(train_rows, inside, names)
        held = [r for sid, _, rows, _ in sets["gsd"][0] if fold_of[sid] == k for r in rows]
        confidence.update(zip((id(r[0]) for r in held), predict(m, held), strict=True))
    for name in ("train", "dev"):
        every = [r for _, _, rows, _ in sets[name][0] for r in rows]
        confidence.update(zip((id(r[0]) for r in every), predict(model, every), strict=True))

    print("# kg event confidence: logistic regression over", len(names), "features")
    print(f"fitted on {len(train_rows)} labelled events of Deep Sequoia train + {len(gsd_rows)} of GSD dev")
    eces = {}
    for name, title in (("dev", "Deep Sequoia dev (held out)"), ("gsd", "GSD dev (out of fold)"),
                        ("train", "Deep Sequoia train (fitted on)")):  # fmt: skip
        rows = labelled(sets[name][0])
        unlabelled = sum(1 for _, _, rs, _ in sets[name][0] for r in rs if r[2] is None)
        eces[name] = _print_reliability(
            f"{title} ({unlabelled} events unlabelled)", [confidence[id(r[0])] for r in rows], [int(r[2]) for r in rows]
        )
    print("\nTriples kept at each threshold (the scorer's precision and recall; 0 = every event):")
    print("| set | threshold | scored triples | P | R | F1 |\n| --- | ---: | ---: | ---: | ---: | ---: |")
    figures = {}
    for name in ("dev", "gsd"):
        sentences, scorer = sets[name]
        for t in (0.0, *THRESHOLDS):
            P, R, F, n = precision_recall(scorer, sentences, confidence, t)
            figures[f"{name}@{t}"] = {"P": round(P, 3), "R": round(R, 3), "F1": round(F, 3)}
            print(f"| {name} | {t:.1f} | {n} | {P:.3f} | {R:.3f} | {F:.3f} |")
    if a.dry_run:
        return
    record = {
        "about": "kg event confidence: P(actor, action and target right, in the sense of the deep scorers) = "
        "1 / (1 + exp(-(intercept + sum of weight × feature))); features from kg/extract/confidence.py",
        "trained_on": {
            "deep-sequoia-train.conll": len(train_rows),
            "ud-french-gsd/fr_gsd-ud-dev.conllu": len(gsd_rows),
        },
        "checked_on": "deep-sequoia-dev.conll (held out); GSD dev out of fold",
        "ece": {k: round(v, 3) for k, v in eces.items()},
        "thresholds": figures,
        "fitted": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d"),
        "command": ".venv/bin/pip install -e '.[train]' && .venv/bin/python scripts/train_confidence.py ../shared/eval",
        "learner": f"scikit-learn {sklearn.__version__} LogisticRegression(C={C}, solver=lbfgs), "
        "GSD rows weighted so that each source weighs the same",
        "intercept": round(float(model.intercept_[0]), 6),
        "features": names,
        "weights": [round(float(w), 6) for w in model.coef_[0]],
    }
    a.out.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
