"""A learned second opinion on the rules' choice of a verb's deep subject and object.

The rules of ``kg.extract.roles`` read the parse as it is; with a parser of about 0.86 LAS they
often take the wrong noun (« Selon les services, la Corée … aurait envoyé » with « Corée » hung
on « services ») or none. For each predicate this module scores every nominal head of its
sentence as the deep subject (actor) and as the deep object (target), from what the parse shows
of the candidate and of its way to the verb: its relation and part of speech, the relation path
(``↑nsubj↓conj``), distances, direction, the verbs, commas, « qui », « que » and conjunctions in
between, the verb's voice, form and relation, number and person agreement with the verb, and
whether the rules chose it. A relative pronoun stands for its antecedent, as in the rules.

The rules' choice stands unless the model is confident another candidate is right (swap) or
that the rules' candidate is wrong (drop); an argument the rules missed is added when the model
is confident (add). The weights and thresholds are data, ``kg/data/ranker.json``, fitted by
``scripts/train_ranker.py`` (logistic regressions, thresholds chosen out of fold in training);
applying them is plain Python. Without the file the rules' frame is returned unchanged.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import cache
from itertools import repeat

from spacy.tokens import Token

from kg.data import document
from kg.extract.roles import Frame, antecedent, is_passive
from kg.extract.syntax import conjuncts, has_morph, is_relative_pronoun, is_time, lower

__all__ = ["ROLES", "Ranker", "candidate_features", "candidates", "load_model", "rerank", "role_model"]

ROLES = ("actor", "target")
CANDIDATE_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
# inside a name or a fixed expression: its head stands for it
_NOT_HEADS = frozenset({"flat:name", "flat:foreign", "flat", "fixed", "compound"})
_PATH_STEPS = 3  # relations kept on each side of the path: nearest the candidate, nearest the verb
_DISTANCE_BUCKETS = (1, 2, 3, 5, 8, 13)


def _bucket(n: int) -> str:
    for b in _DISTANCE_BUCKETS:
        if n <= b:
            return str(b)
    return "more"


def candidates(verb: Token) -> list[tuple[Token, Token]]:
    """(token the text shows, token it stands for) for every nominal head of the verb's sentence:
    « qui » stands for its antecedent; a reflexive « se » and the verb itself are no candidates."""
    out = []
    for t in verb.sent:
        if t.i == verb.i or t.pos_ not in CANDIDATE_POS or t.dep_ in _NOT_HEADS:
            continue
        if is_relative_pronoun(t):
            ante = antecedent(t)
            if ante is not None and ante.i != verb.i:
                out.append((t, ante))
        elif lower(t) not in ("se", "s'"):
            out.append((t, t))
    return out


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 40:
        chain.append(chain[-1].head)
    return chain


def _finite(verb: Token) -> Token | None:
    for t in (verb, *(c for c in verb.children if c.dep_.startswith("aux") or c.dep_ == "cop")):
        if has_morph(t, "VerbForm", "Fin"):
            return t
    return None


def _agreement(candidate: Token, theirs: frozenset[str], key: str) -> str:
    mine = candidate.morph.get(key)
    if key == "Person" and not mine and candidate.pos_ in ("NOUN", "PROPN"):
        mine = ["3"]
    if not mine or not theirs:
        return "na"
    return "yes" if theirs.intersection(mine) else "no"


def _marker(token: Token) -> str | None:
    """What a token between a candidate and its verb tells: a comma, « qui », « que », a
    conjunction."""
    word = lower(token)
    if token.is_punct and word in (",", ";", ":", "(", ")", "-", "—", "–"):
        return "comma_between"
    if word in ("qui", "que", "qu'"):
        return "between=que" if word == "qu'" else f"between={word}"
    if token.pos_ in ("CCONJ", "SCONJ"):
        return f"between={token.pos_}"
    return None


@dataclass(frozen=True)
class _Verb:
    """What every candidate of one verb shares: computed once per verb."""

    token: Token
    passive: bool
    form: str
    dep: str
    ancestors: dict[int, int]  # token index → steps from the verb up to it
    chain: list[Token]
    features: list[str]  # of the verb alone: they move every candidate, and so decide « none »
    number: frozenset[str]  # of the finite verb or auxiliary (empty: none)
    person: frozenset[str]
    participle_number: frozenset[str]
    # the sentence once, by token index less ``start``: what the candidates' features read
    start: int
    heads: list[int]
    deps: list[str]
    pos: list[str]
    verbs_before: list[int]  # VERB tokens before each position
    markers_before: dict[str, list[int]]  # each marker's count before each position


def _verb(verb: Token, passive: bool) -> _Verb:
    chain = _ancestors(verb)
    form = "|".join(verb.morph.get("VerbForm")) or "none"
    own = sorted({c.dep_ for c in verb.children if c.dep_ not in ("punct", "det", "case")})
    features = [f"verb_lemma={verb.lemma_.lower()}", *(f"verb_has={d}" for d in own)]
    finite = _finite(verb)
    sent = verb.sent
    tokens = list(sent)
    verbs_before, markers_before = [0], {}
    for k, t in enumerate(tokens):
        verbs_before.append(verbs_before[-1] + (t.pos_ == "VERB"))
        if (m := _marker(t)) is not None:
            markers_before.setdefault(m, [0] * (len(tokens) + 1))[k + 1] = 1
    for counts in markers_before.values():
        for k in range(1, len(counts)):
            counts[k] += counts[k - 1]
    return _Verb(
        token=verb,
        passive=passive,
        form=form,
        dep=verb.dep_,
        ancestors={t.i: k for k, t in enumerate(chain)},
        chain=chain,
        features=features,
        number=frozenset(finite.morph.get("Number")) if finite is not None else frozenset(),
        person=frozenset(finite.morph.get("Person")) if finite is not None else frozenset(),
        participle_number=frozenset(verb.morph.get("Number")) if form == "Part" else frozenset(),
        start=sent.start,
        heads=[t.head.i for t in tokens],
        deps=[t.dep_ for t in tokens],
        pos=[t.pos_ for t in tokens],
        verbs_before=verbs_before,
        markers_before=markers_before,
    )


def candidate_features(v: _Verb, shown: Token, meant: Token, chosen: bool, rules_found: bool) -> list[str]:
    """The names of the features present for ``shown`` (standing for ``meant``) as an argument
    of the verb, ``chosen`` by the rules or not; every feature is 0/1."""
    feats, dep, path = _parse_features(v, shown, meant)
    return [*feats, *_rule_features(dep, path, chosen, rules_found)]


def _rule_features(dep: str, path: str, chosen: bool, rules_found: bool) -> list[str]:
    return [
        f"chosen={chosen}",
        f"chosen,dep={chosen},{dep}",
        f"chosen,path={chosen},{path}",
        f"rules_found={rules_found}",
    ]


def _parse_features(v: _Verb, shown: Token, meant: Token) -> tuple[list[str], str, str]:
    """The features that do not depend on the rules' choice, the candidate's relation and path."""
    verb = v.token
    start, heads, deps = v.start, v.heads, v.deps
    up: list[str] = []
    node = shown.i
    while node not in v.ancestors and len(up) < 40:
        up.append(deps[node - start])
        node = heads[node - start]
    down = [t.dep_ for t in reversed(v.chain[: v.ancestors.get(node, 0)])]
    path = "↑" + "↑".join(up[:_PATH_STEPS]) + "↓" + "↓".join(down[-_PATH_STEPS:])
    lo, hi = sorted((shown.i, verb.i))
    before = "before" if shown.i < verb.i else "after"
    voice = "passive" if v.passive else "active"
    k = shown.i - start
    dep, pos = deps[k], v.pos[k]
    head = heads[k]
    n_verbs = v.verbs_before[hi - start] - v.verbs_before[lo + 1 - start]
    relative = shown.i != meant.i
    feats = [
        "bias",
        f"dep={dep}",
        f"pos={pos}",
        f"dep,pos={dep},{pos}",
        f"head_dep={deps[head - start] if head != shown.i else 'ROOT'}",
        f"head_pos={v.pos[head - start]}",
        f"path={path}",
        f"path,voice={path},{voice}",
        f"path,verb_dep={path},{v.dep}",
        f"up={len(up)},down={len(down)}",
        f"dep,voice={dep},{voice}",
        f"dep,verb_dep={dep},{v.dep}",
        f"dep,verb_form={dep},{v.form}",
        f"tree_distance={_bucket(len(up) + len(down))}",
        f"distance={_bucket(hi - lo)}",
        f"side={before}",
        f"side,voice={before},{voice}",
        f"side,dep={before},{dep}",
        f"verbs_between={min(n_verbs, 2)}",
        f"voice={voice}",
        f"verb_form={v.form}",
        f"verb_dep={v.dep}",
        f"verb_dep,voice={v.dep},{voice}",
        f"number={_agreement(meant, v.number, 'Number')}",
        f"person={_agreement(shown, v.person, 'Person')}",
        f"participle_number={_agreement(meant, v.participle_number, 'Number')}",
        f"entity={meant.ent_type_ or 'none'}",
        f"meant_pos={meant.pos_}",
    ]
    feats += v.features
    if pos == "PRON":
        feats.append(f"word={lower(shown)}")
    if relative:
        feats += ["relative", f"relative,dep={dep}", f"relative,word={lower(shown)}"]
    if not up:
        feats.append("ancestor_of_verb")
    if not down:
        feats.append("under_verb")
    if shown.i == verb.head.i:
        feats.append("verb_head")
    feats += [m for m, counts in v.markers_before.items() if counts[hi - start] > counts[lo + 1 - start]]
    if is_time(meant, strict=True):
        feats.append("time")
    return feats, dep, path


@dataclass(frozen=True)
class _Role:
    weights: dict[str, float]
    swap: float  # a candidate the rules did not choose replaces theirs when it scores this much
    margin: float  # … and this much more than the rules' candidate
    drop: float  # the rules' candidate is dropped when it scores less than this (0: never)
    add: float  # a candidate is added when the rules found none and it scores this much

    def probability(self, *features: list[str]) -> float:
        get, zero = self.weights.get, repeat(0.0)
        z = sum(sum(map(get, feats, zero)) for feats in features)
        return 1.0 / (1.0 + math.exp(-max(-700.0, min(700.0, z))))


@dataclass(frozen=True)
class Ranker:
    """One logistic regression and its decision thresholds per role (``ROLES``)."""

    roles: dict[str, _Role]

    @classmethod
    def from_record(cls, record: dict) -> Ranker:
        return cls({role: role_model(record["roles"][role], record["roles"][role]["thresholds"]) for role in ROLES})


def role_model(fitted: dict, thresholds: dict[str, float]) -> _Role:
    """One role's model from its fitted ``intercept`` and ``weights`` ({feature: weight}) and its
    ``thresholds`` (swap, margin, drop, add)."""
    weights = dict(fitted["weights"])
    weights["bias"] = weights.get("bias", 0.0) + fitted["intercept"]
    return _Role(weights, **{k: float(thresholds[k]) for k in ("swap", "margin", "drop", "add")})


@cache
def load_model() -> Ranker | None:
    """The model of ``kg/data/ranker.json``; None when there is none."""
    try:
        return Ranker.from_record(document("ranker.json"))
    except FileNotFoundError:
        return None


def scored_candidates(f: Frame, passive: bool, model: Ranker) -> dict[str, dict[int, tuple[Token, float]]]:
    """role → {index of the token meant: (token, best probability over what shows it)}."""
    v = _verb(f.verb, passive)
    out: dict[str, dict[int, tuple[Token, float]]] = {role: {} for role in ROLES}
    chosen = {"actor": {t.i for t in f.actors}, "target": {t.i for t in f.targets}}
    for shown, meant in candidates(f.verb):
        feats, dep, path = _parse_features(v, shown, meant)
        for role in ROLES:
            rule_feats = _rule_features(dep, path, meant.i in chosen[role], bool(chosen[role]))
            p = model.roles[role].probability(feats, rule_feats)
            best = out[role].get(meant.i)
            if best is None or p > best[1]:
                out[role][meant.i] = (meant, p)
    return out


def decide(rules: list[Token], scores: dict[int, tuple[Token, float]], role: _Role) -> list[Token]:
    """The rules' tokens, or the model's candidate with its conjuncts, or none."""
    ruled = {t.i for t in rules}
    others = [(p, t) for i, (t, p) in scores.items() if i not in ruled]
    best_p, best = max(others, key=lambda x: (x[0], -x[1].i), default=(0.0, None))
    if rules:
        mine = [scores[t.i][1] for t in rules if t.i in scores]
        if not mine:
            return rules  # the rules' candidate is not a nominal head the model knows of
        rule_p = max(mine)
        if best is not None and best_p >= role.swap and best_p - rule_p >= role.margin:
            return conjuncts(best)
        if rule_p < role.drop:
            return []
        return rules
    if best is not None and best_p >= role.add:
        return conjuncts(best)
    return []


def rerank(f: Frame, model: Ranker | None = None) -> Frame:
    """``f`` with its actors and targets decided by the ranker (``load_model()`` unless given);
    a locution's frame is left alone (its target is the locution's complement)."""
    model = model if model is not None else load_model()
    if model is None or f.locution is not None:
        return f
    scores = scored_candidates(f, is_passive(f.verb), model)
    actors = decide(f.actors, scores["actor"], model.roles["actor"])
    taken = {a.i for a in actors}
    # the actor is no target: the target is the best of the others
    open_targets = {i: found for i, found in scores["target"].items() if i not in taken}
    targets = [t for t in decide(f.targets, open_targets, model.roles["target"]) if t.i not in taken]
    if actors == f.actors and targets == f.targets:
        return f
    return replace(f, actors=actors, targets=targets)
