"""How far to trust an event: the probability that its actor, action and target are right.

Features are read from the parse when the event is extracted (which rule found each argument,
their part of speech, how far they are from the verb, whether the verb was retagged…) and
weighed by a logistic regression fitted on data: ``kg/data/confidence.json`` holds its feature
names and coefficients, what it was trained on and the command that refits it
(``scripts/train_confidence.py``). Applying it is plain Python: no learning library at run time.

« Selon Séoul, la Corée du Nord aurait envoyé des soldats » (subject and object children of the
verb, names, close to it) scores high; an actor inherited through two infinitives, or a subject
the parser hung elsewhere, scores low.

"Right" is the deep scorers' sense (``../shared/eval/score_deep.py``): each argument span holds
the gold head, stays inside its phrase and leaves the verb out. An event without an actor or a
target is scored on the arguments it has.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from kg.data import document
from kg.extract.nominal import event_noun
from kg.extract.syntax import (
    ACL,
    ADVCL,
    AGENT,
    CONJ,
    OBJ,
    OBLIQUE,
    RELCL,
    SUBJ,
    XCOMP,
    conjuncts,
    has_morph,
    is_relative_pronoun,
    lower,
)

__all__ = ["FEATURE_NAMES", "ConfidenceModel", "event_features", "load_model", "score"]

# How an argument is tied to its verb, as far as the parse shows it.
ACTOR_ROUTES = ("none", "subject", "agent", "conjunct", "relative", "inherited", "other")
TARGET_ROUTES = ("none", "object", "passive_subject", "conjunct", "relative", "modified_noun", "repaired",
                 "inherited", "other")  # fmt: skip
VERB_DEPS = ("ROOT", CONJ, XCOMP, ADVCL, ACL, RELCL, "ccomp", "other")
ARGUMENT_POS = ("NOUN", "PROPN", "PRON", "NUM", "other")
_FLAGS = (
    "passive",  # the verb is passive: actor from « par », target from the subject
    "retagged",  # the tagger did not take the verb for a verb (repaired)
    "finite",
    "several_actors",  # coordinated or competing actors: one event each
    "several_targets",
    "actor_after_verb",
    "target_before_verb",
    "actor_name",  # spaCy's NER labels the head
    "target_name",
    "punct_between_actor",  # a comma or a bracket between actor and verb: often an attachment error
    "punct_between_target",
    # an actor that names an event, reached through control or an adverbial (« la victoire … pour
    # négocier »): an event does not negotiate; the infinitive was hung on the wrong verb
    "inherited_event_noun_actor",
)
_NUMBERS = ("log_actor_distance", "log_target_distance", "log_sentence_length")

FEATURE_NAMES: tuple[str, ...] = (
    *(f"actor_route={r}" for r in ACTOR_ROUTES),
    *(f"target_route={r}" for r in TARGET_ROUTES),
    *(f"verb_dep={d}" for d in VERB_DEPS),
    *(f"actor_pos={p}" for p in ARGUMENT_POS),
    *(f"target_pos={p}" for p in ARGUMENT_POS),
    *_FLAGS,
    *_NUMBERS,
)


def _route_through(children: list[Token], argument: Token, direct: str) -> str | None:
    """``direct`` when ``argument`` is one of ``children``, else « conjunct » or « relative »."""
    for child in children:
        if child == argument:
            return direct
    for child in children:
        if argument in conjuncts(child):
            return "conjunct"
        if is_relative_pronoun(child):
            return "relative"
    return None


def _inherited(verb: Token) -> bool:
    return verb.dep_ in (XCOMP, CONJ, ADVCL, ACL, "obl", "obl:mod", "advmod", "dep") and verb.head != verb


def actor_route(verb: Token, actor: Token | None, passive: bool) -> str:
    if actor is None:
        return "none"
    if passive:
        deps = AGENT | OBLIQUE | {"nmod"}
        found = _route_through([c for c in verb.children if c.dep_ in deps], actor, "agent")
    else:
        found = _route_through([c for c in verb.children if c.dep_ in SUBJ], actor, "subject")
    if found is not None:
        return found
    return "inherited" if _inherited(verb) and not actor.head == verb else "other"


def target_route(verb: Token, target: Token | None, passive: bool) -> str:
    if target is None:
        return "none"
    if passive:
        found = _route_through([c for c in verb.children if c.dep_ in SUBJ], target, "passive_subject")
        if found is None and verb.dep_ == ACL and target == verb.head:
            found = "modified_noun"  # « les efforts déployés par X »
    else:
        found = _route_through([c for c in verb.children if c.dep_ in OBJ], target, "object")
        if found is None and any(c.dep_ == "dep" and lower(c) in ("que", "qu'") for c in verb.children):
            found = "relative"
    if found is not None:
        return found
    if target.head == verb or any(target in conjuncts(c) for c in verb.children):
        return "repaired"  # an obl:arg, a ccomp or a partitive read as an object
    return "inherited" if _inherited(verb) else "other"


def _pos(token: Token) -> str:
    return token.pos_ if token.pos_ in ARGUMENT_POS else "other"


def _auxiliaries(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_.startswith("aux")]


def _punct_between(a: Token, b: Token) -> bool:
    lo, hi = sorted((a.i, b.i))
    return hi > lo + 1 and any(t.is_punct and t.text not in ("'", "’", "-") for t in a.doc[lo + 1 : hi])


def event_features(
    verb: Token,
    actor: Token | None,
    target: Token | None,
    passive: bool,
    n_actors: int = 1,
    n_targets: int = 1,
    sentence_length: int | None = None,
) -> dict[str, float]:
    """The features of one event: ``verb``'s ``actor`` and ``target`` tokens (None when the event
    has none), ``passive`` as the frame read it, and how many actors and targets the frame had
    (each pair is an event), and the sentence's length in tokens when the caller knows it. Keys
    are names of ``FEATURE_NAMES``; absent ones are 0."""
    found = {
        f"actor_route={actor_route(verb, actor, passive)}": 1.0,
        f"target_route={target_route(verb, target, passive)}": 1.0,
        f"verb_dep={verb.dep_ if verb.dep_ in VERB_DEPS else 'other'}": 1.0,
        "log_sentence_length": math.log1p(len(verb.sent) if sentence_length is None else sentence_length),
    }
    flags = {
        "passive": passive,
        "retagged": bool(verb.tag_) and verb.tag_ not in ("VERB", "AUX"),
        "finite": any(has_morph(t, "VerbForm", "Fin") for t in (verb, *_auxiliaries(verb))),
        "several_actors": n_actors > 1,
        "several_targets": n_targets > 1,
    }
    if actor is not None:
        route = next(k for k in found if k.startswith("actor_route="))
        flags["inherited_event_noun_actor"] = route == "actor_route=inherited" and event_noun(actor) is not None
        found[f"actor_pos={_pos(actor)}"] = 1.0
        found["log_actor_distance"] = math.log1p(abs(actor.i - verb.i))
        flags.update(
            actor_after_verb=actor.i > verb.i,
            actor_name=bool(actor.ent_type_),
            punct_between_actor=_punct_between(actor, verb),
        )
    if target is not None:
        found[f"target_pos={_pos(target)}"] = 1.0
        found["log_target_distance"] = math.log1p(abs(target.i - verb.i))
        flags.update(
            target_before_verb=target.i < verb.i,
            target_name=bool(target.ent_type_),
            punct_between_target=_punct_between(target, verb),
        )
    found.update({name: 1.0 for name, on in flags.items() if on})
    return found


@dataclass(frozen=True)
class ConfidenceModel:
    """A logistic regression: P(right) = 1 / (1 + exp(-(intercept + Σ weight × feature)))."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    intercept: float

    def probability(self, values: dict[str, float]) -> float:
        weight = self._weight_of()
        z = self.intercept + sum(weight.get(name, 0.0) * x for name, x in values.items())
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def _weight_of(self) -> dict[str, float]:
        found = self.__dict__.get("_weights_by_name")
        if found is None:  # once per model: a dict lookup per feature present beats a pass over all
            found = dict(zip(self.features, self.weights, strict=True))
            object.__setattr__(self, "_weights_by_name", found)
        return found


@cache
def load_model() -> ConfidenceModel | None:
    """The model of ``kg/data/confidence.json``; None when there is none (before the first fit)."""
    try:
        found = document("confidence.json")
    except FileNotFoundError:
        return None
    return ConfidenceModel(tuple(found["features"]), tuple(found["weights"]), float(found["intercept"]))


def score(values: dict[str, float]) -> float | None:
    """The confidence of an event with these features, rounded to 3 decimals; None without a model."""
    model = load_model()
    return None if model is None else round(model.probability(values), 3)
