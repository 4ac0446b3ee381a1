"""What a third-person pronoun may point back to: the layout of the article around it (its
quotation, sentence and paragraph) and the readings of its verb that leave it without a
participant (impersonal « il », neuter « le »). ``ArticleResolver`` reads them; an unresolved
pronoun is a mention with no entity, far better than a wrong edge.

- inside a quotation a pronoun takes an antecedent from the same quotation only: « Ils ont
  arraché la porte », in a quote of residents, are not the residents;
- an antecedent is at most ``MAX_SENTENCES_BACK`` sentences back, in the same paragraph;
- « il faut », « il y a », « il s'agit », « il serait bien de »: no referent;
- « comme il l'avait annoncé », « je le sais », « pour le réaliser »: the object « le » is a
  proposition, no participant.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from kg.data import words

__all__ = ["MAX_SENTENCES_BACK", "Layout", "impersonal_il", "neuter_le", "passive", "speaking"]

# « … deux phrases plus tôt » is as far as a reader of news carries a pronoun
MAX_SENTENCES_BACK = 2
IMPERSONAL_VERBS = words("impersonal_verbs")
PROPOSITION_VERBS = words("proposition_verbs") | words("reporting_verbs")
SPEAKING_VERBS = words("reporting_verbs") | words("cognition_verbs")
# what follows an impersonal « il » whatever its verb: « il y a », « il n'y a », « il s'agit »,
# « il serait bien de », « il est important que », « il faut »
_IMPERSONAL_AFTER = re.compile(
    r"^\s*(?:ne\s+|n['’]\s*)?(?:y\b|s['’]agi|fa(?:u|ll)"
    r"|(?:est|était|serait|sera|fut|semble|paraît)\s+(?:pas\s+|plus\s+|très\s+|donc\s+|aussi\s+)?\w+\s+(?:de|d['’]|que|qu['’])(?!\w))",
    re.IGNORECASE,
)
# « ils avaient été capturés », « il est attendu », « elles n'ont pas été retrouvées »: « être » (or
# « avoir été ») and a past participle after a subject pronoun
_PASSIVE_AFTER = re.compile(
    r"^\s*(?:ne\s+|n['’]\s*)?(?:(?:a|ont|avait|avaient|aura|auront|aurait|auraient)\s+(?:\w+\s+)?été"
    r"|est|sont|était|étaient|sera|seront|serait|seraient|fut|furent)\s+(?:pas\s+|plus\s+|\w+ment\s+)?"
    r"\w+(?:é|ée|és|ées|is|ise|ises|it|its|u|ue|us|ues)(?!\w)",
    re.IGNORECASE,
)
# quotation marks: « … », “ … ” and straight "…"; a quotation never runs past its paragraph
_OPENING = {"«": "»", "“": "”"}
# sentence ends the parser may not have seen (a sentence without an event or a name)
_SENTENCE_END = re.compile(r"[.!?…]+[»”\"]?\s+(?=[«“\"(]?[A-ZÀ-Ý])")


def quotations(text: str) -> list[tuple[int, int]]:
    """The spans of the quotations of ``text``, outermost only: « Il a dit : « non » » is one."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    closing = ""
    depth = 0
    for i, ch in enumerate(text):
        if ch in "\r\n" and start is not None:
            spans.append((start, i))
            start, depth = None, 0
        elif start is None and (ch in _OPENING or ch == '"'):
            start, closing, depth = i, _OPENING.get(ch, '"'), 1
        elif start is not None and ch == closing:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
                start = None
        elif start is not None and closing != '"' and ch in _OPENING and _OPENING[ch] == closing:
            depth += 1
    if start is not None:
        spans.append((start, len(text)))
    return spans


@dataclass(frozen=True)
class Layout:
    """Where quotations, sentences and paragraphs of one article begin and end."""

    quotes: tuple[tuple[int, int], ...] = ()
    sentence_starts: tuple[int, ...] = (0,)
    paragraph_starts: tuple[int, ...] = (0,)

    @classmethod
    def of(cls, text: str, sentence_starts: Iterable[int] = ()) -> Layout:
        """The layout of ``text``, with the parser's sentence starts added to those its
        punctuation shows."""
        paragraphs = {0, *(m.end() for m in re.finditer(r"[\r\n]+", text))}
        starts = {*paragraphs, *sentence_starts, *(m.end() for m in _SENTENCE_END.finditer(text))}
        return cls(tuple(quotations(text)), tuple(sorted(starts)), tuple(sorted(paragraphs)))

    def __post_init__(self) -> None:
        # the quotations' starts, for ``quote`` to find in log time what a 20 MB article's
        # pronouns would otherwise look for through all its quotations, each
        object.__setattr__(self, "_quote_starts", tuple(q[0] for q in self.quotes))

    def quote(self, position: int) -> tuple[int, int] | None:
        """The quotation ``position`` is in, if any (quotations are outermost: none overlap)."""
        at = bisect_left(self._quote_starts, position) - 1  # the last one that starts before it
        if at >= 0 and position < self.quotes[at][1]:
            return self.quotes[at]
        return None

    def sentence(self, position: int) -> int:
        return bisect_right(self.sentence_starts, position)

    def paragraph(self, position: int) -> int:
        return bisect_right(self.paragraph_starts, position)

    def reaches(self, pronoun: int, antecedent: int) -> bool:
        """An antecedent at ``antecedent`` is near enough to a pronoun at ``pronoun``: same
        paragraph, at most ``MAX_SENTENCES_BACK`` sentences back, and inside the pronoun's
        quotation if it is in one."""
        if self.paragraph(antecedent) != self.paragraph(pronoun):
            return False
        if self.sentence(pronoun) - self.sentence(antecedent) > MAX_SENTENCES_BACK:
            return False
        quote = self.quote(pronoun)
        return quote is None or quote[0] < antecedent < quote[1]


def impersonal_il(after: str, lemma: str) -> bool:
    """« il faut », « il existe cinq symboles », « il y a », « il s'agit », « il serait bien
    de »: the subject « il » of a verb of impersonal_verbs.txt, or before what only an impersonal
    « il » comes before; ``after``: the text that follows the pronoun."""
    if lemma in IMPERSONAL_VERBS or _IMPERSONAL_AFTER.match(after):
        return True
    pronominal = {f"s'{lemma}", f"se {lemma}"} & IMPERSONAL_VERBS
    return bool(pronominal) and bool(re.match(r"^\s*(?:ne\s+|n['’]\s*)?s[e'’]", after))


def neuter_le(pronoun: str, lemma: str) -> bool:
    """« comme il l'avait annoncé », « je le sais », « pour le réaliser »: an object « le » or
    « l' » of a verb of saying, knowing, wanting or doing stands for a proposition."""
    return pronoun in ("le", "l'", "l’") and lemma in PROPOSITION_VERBS


def speaking(lemma: str) -> bool:
    """« elle explique », « il estime », « elle considère »: its subject is a mind."""
    return lemma in SPEAKING_VERBS


def passive(after: str) -> bool:
    """« ils avaient été capturés », « il est attendu »: the subject pronoun before ``after`` (the
    text that follows it) is what the verb is done to, a thing as well as a person."""
    return bool(_PASSIVE_AFTER.match(after))
