"""Fit kg's argument ranker (kg/data/ranker.json) and print what it changes.

    .venv/bin/pip install -e '.[train]'        # scikit-learn, for this script only
    .venv/bin/python scripts/train_ranker.py [EVAL] [--dry-run]   # EVAL: ../shared/eval

EVAL is the folder of the deep scorers (``score_deep.py``, ``score_gsd.py`` and their data); the
gold and the matching are imported from there at training time (kg itself never imports them).

Labels. Every predicate kg finds whose token overlaps a gold verb gives one instance per role
(actor = deep subject, target = deep object): each candidate of ``kg.extract.ranker.candidates``
is positive when the token it stands for overlaps a gold argument head of that role (its
coordinated conjuncts too). Deep Sequoia train labels every verb, with no argument when it has
none (spaCy was trained on these sentences: parses near-perfect); GSD dev labels the verbs of
its gold triples (parses of unseen text: the signal that matters). Deep Sequoia dev is never
fitted on: it is the check set.

Fitting. One logistic regression per role; GSD rows weighted so that each source weighs the
same. Out of fold: the sentences of both sources are dealt into 5 folds (fixed seed); each fold
is scored by a model fitted without it, the decision thresholds (swap, margin, drop, add of
``kg.extract.ranker.decide``) are chosen on those out-of-fold scores, and the GSD figure printed
as "out of fold" is kg's extraction with each sentence reranked by the model that did not see
it. The shipped model is fitted on all of it with those thresholds.

Reproducible: sentences in file order, lbfgs (no randomness), folds drawn with a fixed seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import random
import sys
from itertools import product
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "kg" / "data" / "ranker.json"
C = 0.3  # inverse regularisation of the logistic regressions
FOLDS = 5
SEED = 12
MIN_COUNT = 5  # features seen fewer times in the fitted rows are left out
MIN_WEIGHT = 0.01  # and so are weights smaller than this: they change no decision
GRID = {
    "swap": (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01),
    "margin": (0.0, 0.1, 0.2, 0.3),  # never swap to a candidate the model likes less
    # never drop: the rules find some arguments with words the model does not see (« dont » of a
    # verb of DE_VERBS, « la région dont les forces se sont emparées »); dropping them lost cases
    "drop": (0.0,),
    "add": (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01),
}


def _scorer(folder: Path, name: str):
    spec = importlib.util.spec_from_file_location(f"kg_eval_{name}", folder / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Sentence:
    """One gold sentence: its text, the scorer's gold triples and matching context, and the
    gold argument heads of every labelled verb ({verb id: {"suj": [ids], "obj": [ids]}})."""

    def __init__(self, source, sid, text, toks, phrase, gold, arguments):
        self.source, self.id, self.text, self.toks, self.phrase = source, sid, text, toks, phrase
        self.gold, self.arguments = gold, arguments
        self.docs = None  # [(offset, Doc)] as parsed, never repaired (copies are)


def _sequoia(scorer, path: Path, source: str) -> list[Sentence]:
    out = []
    for sent in scorer.read_conll(str(path)):
        if not scorer.align(sent):
            continue
        toks = {t["id"]: t for t in sent["toks"]}
        gold = scorer.gold_triples(sent)
        arguments: dict[int, dict[str, list[int]]] = {}
        for t in sent["toks"]:
            if t["cat"] in scorer.VERB_CATS and "void=y" not in t["feats"]:
                arguments[t["id"]] = {"suj": [], "obj": []}
        for h, d, f in scorer.deep_arcs(sent):
            if f in ("suj", "obj") and h in arguments and toks[d]["cat"] in scorer.NOMINAL and h != d:
                arguments[h][f].append(d)
        for s, v, o in gold:  # the conjuncts the scorer accepts
            arguments[v]["suj"] += [i for i in s if i not in arguments[v]["suj"]]
            arguments[v]["obj"] += [i for i in o if i not in arguments[v]["obj"]]
        out.append(Sentence(source, sent["id"], sent["text"], toks, scorer.phrase_spans(sent), gold, arguments))
    return out


def _gsd(scorer, path: Path) -> list[Sentence]:
    out = []
    for sent in scorer.read_conllu(str(path)):
        if not scorer.align(sent):
            continue
        kids = scorer.children(sent)
        gold = scorer.gold_triples(sent, kids)
        arguments: dict[int, dict[str, list[int]]] = {}
        for s, v, o, _ in gold:
            a = arguments.setdefault(v, {"suj": [], "obj": []})
            a["suj"] += [s] if s not in a["suj"] else []
            a["obj"] += [o] if o not in a["obj"] else []
        out.append(Sentence("gsd", sent["id"], sent["text"], sent["toks"], scorer.phrase_spans(sent, kids), gold,
                            arguments))  # fmt: skip
    return out


def _overlaps(token, gold_tok) -> bool:
    return token.idx < gold_tok["end"] and gold_tok["start"] < token.idx + len(token)


def _instances(sentence: Sentence, lemmas):
    """[(role, [(features, label, meant index)], rules' indices, gold empty?)] of one sentence."""
    from kg.extract.nominal import headline_noun
    from kg.extract.ranker import _verb, candidate_features, candidates
    from kg.extract.repairs import repair_parse
    from kg.extract.roles import frame, is_passive, is_predicate

    out = []
    for offset, parsed in sentence.docs:
        doc = parsed.copy()
        repair_parse(doc, lemmas)
        for token in doc:
            if not is_predicate(token) or headline_noun(token):
                continue
            gold_verbs = [v for v in sentence.arguments if _overlaps(token, _shifted(sentence.toks[v], offset))]
            if not gold_verbs:
                continue
            heads = sentence.arguments[gold_verbs[0]]
            f = frame(token)
            if f.locution is not None:
                continue
            passive = is_passive(token)
            v = _verb(token, passive)
            for role, function, rules in (("actor", "suj", f.actors), ("target", "obj", f.targets)):
                gold_toks = [_shifted(sentence.toks[i], offset) for i in heads[function]]
                chosen = {t.i for t in rules}
                rows = []
                for shown, meant in candidates(token):
                    feats = candidate_features(v, shown, meant, meant.i in chosen, bool(chosen))
                    rows.append((feats, any(_overlaps(meant, g) for g in gold_toks), meant.i))
                rules_right = [any(_overlaps(t, g) for g in gold_toks) for t in rules]
                out.append((role, rows, [t.i for t in rules], rules_right, not gold_toks))
    return out


def _shifted(tok, offset):
    """A gold token's span in the paragraph's Doc (the sentence is one text; paragraphs start at
    ``offset`` in it)."""
    return {"start": tok["start"] - offset, "end": tok["end"] - offset}


def _fit(rows, weights):
    """A logistic regression over the features of ``rows`` [(features, label, …)]."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for feats, _, _ in rows:
        for name in feats:
            counts[name] = counts.get(name, 0) + 1
    names = sorted(n for n, c in counts.items() if c >= MIN_COUNT and n != "bias")
    column = {n: k for k, n in enumerate(names)}
    data, indices, indptr = [], [], [0]
    for feats, _, _ in rows:
        cols = sorted({column[n] for n in feats if n in column})
        indices += cols
        data += [1.0] * len(cols)
        indptr.append(len(indices))
    X = csr_matrix((data, indices, indptr), shape=(len(rows), len(names)))
    y = [int(label) for _, label, _ in rows]
    model = LogisticRegression(C=C, max_iter=5000, solver="lbfgs")
    model.fit(X, y, sample_weight=weights)
    kept = {n: round(float(w), 4) for n, w in zip(names, model.coef_[0], strict=True) if abs(w) >= MIN_WEIGHT}
    return {"intercept": round(float(model.intercept_[0]), 4), "weights": kept}


def _summaries(instances, probability):
    """Per instance what the decision needs: (rules found?, rules' best p or None, rules' pick
    right?, best other p, best other right?, gold empty?, weight)."""
    out = []
    for role_model_key, rows, rules, rules_right, empty, weight in instances:
        p = probability(role_model_key, rows)
        by_token: dict[int, tuple[float, bool]] = {}
        for (_, label, i), q in zip(rows, p, strict=True):
            if i not in by_token or q > by_token[i][0]:
                by_token[i] = (q, label or by_token.get(i, (0, False))[1])
        ruled = set(rules)
        rule_ps = [by_token[i][0] for i in rules if i in by_token]
        others = sorted(((q, -i, ok) for i, (q, ok) in by_token.items() if i not in ruled), reverse=True)
        best_p, _, best_ok = others[0] if others else (0.0, 0, False)
        out.append((bool(rules), max(rule_ps) if rule_ps else None, bool(rules_right[:1] and rules_right[0]),
                    best_p, best_ok, empty, weight))  # fmt: skip
    return out


def _correct(s, t) -> float:
    """The weight of an instance when the decision with thresholds ``t`` gets it right."""
    found, rule_p, rule_ok, best_p, best_ok, empty, weight = s
    if found:
        if rule_p is None:
            ok = rule_ok
        elif best_p >= t["swap"] and best_p - rule_p >= t["margin"]:
            ok = best_ok
        elif rule_p < t["drop"]:
            ok = empty
        else:
            ok = rule_ok
    elif best_p >= t["add"]:
        ok = best_ok
    else:
        ok = empty
    return weight if ok else 0.0


def _tune(summaries):
    best, best_t = -1.0, None
    for values in product(*GRID.values()):
        t = dict(zip(GRID, values, strict=True))
        total = sum(_correct(s, t) for s in summaries)
        if total > best + 1e-9:
            best, best_t = total, t
    return best_t, best


def _events(sentences, lemmas, model_of):
    """kg's triples of each sentence as the scorers read them, each sentence reranked by
    ``model_of(sentence)`` (None: the rules alone)."""
    from kg.extract import doc_events
    from kg.extract import ranker as ranker_module

    out = {}
    original = ranker_module.load_model
    try:
        for s in sentences:
            model = model_of(s)
            ranker_module.load_model = lambda m=model: m
            preds = []
            for offset, parsed in s.docs:
                for e in doc_events(parsed.copy(), offset, lemmas):
                    objs = [(m.start, m.end) for m in (e.target, e.locution) if m is not None]
                    if e.actor is not None and objs:
                        preds.append(((e.actor.start, e.actor.end), (e.action.start, e.action.end), objs))
            out[id(s)] = preds
    finally:
        ranker_module.load_model = original
    return out


def _score(scorer, sentences, preds):
    tp_g = n_g = tp_s = n_s = 0
    for s in sentences:
        pred = preds[id(s)]
        verbs = {g[1] for g in s.gold}
        scored = [p for p in pred if any(scorer.overlaps(p[1], s.toks[v]) for v in verbs)]
        n_g += len(s.gold)
        n_s += len(scored)
        tp_g += sum(any(scorer.match(p, g, s.toks, s.phrase, s.text) for p in pred) for g in s.gold)
        tp_s += sum(any(scorer.match(p, g, s.toks, s.phrase, s.text) for g in s.gold) for p in scored)
    P = tp_s / n_s if n_s else 0.0
    R = tp_g / n_g if n_g else 0.0
    return {"P": round(P, 3), "R": round(R, 3), "F1": round(2 * P * R / (P + R) if P + R else 0.0, 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "eval",
        type=Path,
        nargs="?",
        default=ROOT.parent / "shared" / "eval",
        help="folder of score_deep.py, score_gsd.py and their data (default ../shared/eval)",
    )
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
    from kg import nlp
    from kg.extract.ranker import ROLES, Ranker, role_model
    from kg.extract.repairs import pipeline_lemmas

    deep, gsd_scorer = _scorer(a.eval, "score_deep"), _scorer(a.eval, "score_gsd")
    sets = {
        "train": _sequoia(deep, a.eval / "deep-sequoia-train.conll", "train"),
        "gsd": _gsd(gsd_scorer, a.eval / "ud-french-gsd" / "fr_gsd-ud-dev.conllu"),
        "dev": _sequoia(deep, a.eval / "deep-sequoia-dev.conll", "dev"),
    }
    scorers = {"train": deep, "gsd": gsd_scorer, "dev": deep}
    print("parsing…", file=sys.stderr)
    every = [s for name in ("train", "gsd", "dev") for s in sets[name]]
    for s, docs in zip(every, nlp.parse(s.text for s in every), strict=True):
        s.docs = docs
    lemmas = pipeline_lemmas(nlp.load())

    print("labelling…", file=sys.stderr)
    fitted_on = sets["train"] + sets["gsd"]
    instances = {id(s): _instances(s, lemmas) for s in fitted_on}
    n_rows = {name: sum(len(rows) for s in sets[name] for _, rows, *_ in instances[id(s)]) for name in ("train", "gsd")}
    gsd_weight = n_rows["train"] / n_rows["gsd"]

    def rows_and_weights(sentences, role):
        rows, weights = [], []
        for s in sentences:
            w = gsd_weight if s.source == "gsd" else 1.0
            for r, rs, *_ in instances[id(s)]:
                if r == role:
                    rows += rs
                    weights += [w] * len(rs)
        return rows, weights

    def fit_all(sentences):
        return {role: _fit(*rows_and_weights(sentences, role)) for role in ROLES}

    ids = [f"{s.source}/{s.id}" for s in fitted_on]
    order = sorted(set(ids))
    random.Random(SEED).shuffle(order)
    fold_of_id = {sid: k % FOLDS for k, sid in enumerate(order)}
    fold = {id(s): fold_of_id[sid] for s, sid in zip(fitted_on, ids, strict=True)}

    print("fitting out of fold…", file=sys.stderr)
    fold_fits = []
    summaries = {role: [] for role in ROLES}
    for k in range(FOLDS):
        fits = fit_all([s for s in fitted_on if fold[id(s)] != k])
        fold_fits.append(fits)
        plain = {role: role_model(fits[role], {"swap": 1, "margin": 0, "drop": 0, "add": 1}) for role in ROLES}
        for s in fitted_on:
            if fold[id(s)] != k:
                continue
            w = gsd_weight if s.source == "gsd" else 1.0
            for role in ROLES:
                inst = [(role, rs, rules, ok, empty, w) for r, rs, rules, ok, empty in instances[id(s)] if r == role]
                summaries[role] += _summaries(
                    inst, lambda key, rows, plain=plain: [plain[key].probability(f) for f, _, _ in rows]
                )
    thresholds, gains = {}, {}
    for role in ROLES:
        base = sum(_correct(s, {"swap": 2, "margin": 0, "drop": 0, "add": 2}) for s in summaries[role])
        thresholds[role], best = _tune(summaries[role])
        gains[role] = (round(base, 1), round(best, 1), round(sum(s[-1] for s in summaries[role]), 1))
    print("# kg argument ranker")
    for role in ROLES:
        base, best, total = gains[role]
        print(f"{role}: thresholds {thresholds[role]}; out-of-fold right decisions (weighted) "
              f"{base / total:.3f} → {best / total:.3f} of {total}")  # fmt: skip

    print("fitting on all…", file=sys.stderr)
    final = fit_all(fitted_on)

    def ranker_of(fits):
        return Ranker({role: role_model(fits[role], thresholds[role]) for role in ROLES})

    shipped = ranker_of(final)
    fold_rankers = [ranker_of(f) for f in fold_fits]
    print("scoring…", file=sys.stderr)
    figures = {}
    print("\n| set | rules | with the ranker |\n| --- | --- | --- |")
    for name, model_of, label in (
        ("dev", lambda s: shipped, "Deep Sequoia dev (held out)"),
        ("gsd", lambda s: fold_rankers[fold[id(s)]], "GSD dev (out of fold)"),
        ("gsd", lambda s: shipped, "GSD dev (fitted on: optimistic)"),
        ("train", lambda s: fold_rankers[fold[id(s)]], "Deep Sequoia train (out of fold)"),
        ("train", lambda s: shipped, "Deep Sequoia train (fitted on)"),
    ):
        sentences = sets[name]
        rules = _score(scorers[name], sentences, _events(sentences, lemmas, lambda s: None))
        ranked = _score(scorers[name], sentences, _events(sentences, lemmas, model_of))
        figures[label] = {"rules": rules, "ranker": ranked}
        print(f"| {label} | {_pr(rules)} | {_pr(ranked)} |")
    if a.dry_run:
        return
    record = {
        "about": "kg argument ranker: for each predicate, P(candidate is the deep subject / object) = "
        "1 / (1 + exp(-(intercept + sum of the weights of the features present))); features from "
        "kg/extract/ranker.py (candidate_features), decisions from its thresholds (ranker.decide)",
        "trained_on": {
            "deep-sequoia-train.conll": n_rows["train"],
            "ud-french-gsd/fr_gsd-ud-dev.conllu": n_rows["gsd"],
        },
        "checked_on": "deep-sequoia-dev.conll (held out); GSD dev out of fold (5 folds by sentence)",
        "figures": figures,
        "fitted": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d"),
        "command": ".venv/bin/pip install -e '.[train]' && .venv/bin/python scripts/train_ranker.py ../shared/eval",
        "learner": f"scikit-learn {sklearn.__version__} LogisticRegression(C={C}, solver=lbfgs) per role, "
        f"features seen at least {MIN_COUNT} times (weights under {MIN_WEIGHT} left out), "
        "GSD rows weighted so that each source weighs the same; "
        f"thresholds chosen on out-of-fold scores ({FOLDS} folds, seed {SEED})",
        "roles": {role: {**final[role], "thresholds": thresholds[role]} for role in ROLES},
    }
    a.out.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {a.out}", file=sys.stderr)


def _pr(f):
    return f"P {f['P']:.3f} R {f['R']:.3f} F1 {f['F1']:.3f}"


if __name__ == "__main__":
    main()
