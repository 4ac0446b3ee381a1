"""Parsed sentence → the named spans of it, as plain ``EntityMention`` records.

Every name of an article is handed to resolution, whether or not an event holds it: spaCy's
PER, ORG, LOC and MISC spans, and capitalised words the NER missed (« au Mali », « les
Sénégalais »: resolution keeps those its gazetteer knows). What the syntax says a name is
comes with it: the noun phrase in apposition (« le maire de Lyon, Grégory Doucet », « la sonde
Juice », « Grégory Doucet, maire de Lyon »).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Span, Token

from kg.extract.mentions import tokens_mention
from kg.model import EntityMention, Mention, MentionKind

__all__ = ["NER_LABELS", "sentence_names"]

NER_LABELS = frozenset({"PER", "ORG", "LOC", "MISC"})
# the dependencies by which a name hangs on the common noun that says what it is: « le
# président Poutine » (flat:name, appos, nmod as the French models give it)
_BESIDE_DEPS = frozenset({"appos", "flat:name", "nmod", "amod"})
# between a descriptor and its name: adjectives (« le président russe Vladimir Poutine »), a
# « de » complement before a comma (« le maire de Lyon, Grégory Doucet »)
_DESCRIPTOR_POS = frozenset({"DET", "ADJ", "NOUN", "ADP", "PROPN", "PUNCT"})


def sentence_names(
    sent: Span, offset: int, sentence: Mention, doc_id: str = "", ents: Iterable[Span] | None = None
) -> list[EntityMention]:
    """The named spans of one sentence, in text order; offsets into the text (``offset`` is the
    paragraph's place in it). ``ents``: the sentence's entities when the caller has them
    (``sent.ents`` walks the whole Doc: for each sentence of a long unit, that is quadratic)."""
    doc = sent.doc
    found: list[EntityMention] = []
    covered: set[int] = set()
    for ent in sent.ents if ents is None else ents:
        if ent.label_ not in NER_LABELS:
            continue
        # « Vendée Globe : Déjà un abandon »: a name holds no colon, the NER ran over a headline's
        end = next((t.i for t in ent if t.text == ":"), ent.end)
        if end == ent.start:
            continue
        root = ent.root if ent.root.i < end else doc[end - 1]
        mention = tokens_mention(offset, doc, ent.start, end - 1, MentionKind.NAME, root)
        if mention is None:
            continue
        covered.update(range(ent.start, ent.end))
        mention = replace(mention, ner=ent.label_)
        found.append(EntityMention(mention, sentence, doc_id, _appositive(ent, offset)))
    for token in sent:
        # a capitalised word the NER missed, not the sentence's first (capitalised anyway)
        if token.i in covered or token.i == sent.start or not token.text[:1].isupper() or not token.is_alpha:
            continue
        if token.pos_ not in ("PROPN", "NOUN", "ADJ"):
            continue
        mention = tokens_mention(offset, doc, token.i, token.i, MentionKind.NAME, token)
        if mention is not None:
            found.append(EntityMention(replace(mention, ner=None), sentence, doc_id))
    return sorted(found, key=lambda n: n.mention.start)


def _appositive(ent: Span, offset: int) -> Mention | None:
    """The common noun phrase the text sets beside the name ``ent`` as what it is: before it
    (« le maire de Lyon, Grégory Doucet », « la sonde Juice ») or after a comma (« Grégory
    Doucet, maire de Lyon »)."""
    doc = ent.doc
    root = ent.root
    head = root.head
    marked = any(c.dep_ == "case" for c in root.children)  # « au Mali », « de Lyon »: a complement
    # « Le maire de Lyon, Grégory Doucet » is often parsed as a coordination without « et »
    beside = root.dep_ in _BESIDE_DEPS or (root.dep_ == "conj" and not any(c.dep_ == "cc" for c in root.children))
    if head.i < ent.start and head.pos_ == "NOUN" and beside and not marked:
        before = _left_phrase(head, ent.start)
        if before is not None:
            return tokens_mention(offset, doc, before[0], before[1], MentionKind.NOUN, head)
    for child in (c for token in ent for c in token.children):  # on « Grégory » or « Doucet »
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.i >= ent.end and child.text[:1].islower():
            tokens = sorted(t.i for t in child.subtree)
            if tokens == list(range(tokens[0], tokens[-1] + 1)) and doc[tokens[0] - 1].text == ",":
                return tokens_mention(offset, doc, tokens[0], tokens[-1], MentionKind.NOUN, child)
    return None


def _left_phrase(head: Token, end: int) -> tuple[int, int] | None:
    """Tokens of ``head``'s phrase before token ``end``, without a final comma: (first, last).
    Without a comma only adjectives may stand between the noun and the name (« le président
    russe Vladimir Poutine »): « le plan de l'entreprise Hewlett-Packard » is not Hewlett-Packard."""
    if "Plur" in head.morph.get("Number"):
        return None  # « les astronomes Kian Jek et … »: a name is one of them, not them
    tokens = sorted(t.i for t in head.subtree if t.i < end)
    if not tokens or tokens != list(range(tokens[0], tokens[-1] + 1)):
        return None
    if not all(head.doc[i].is_punct for i in range(tokens[-1] + 1, end)):
        return None  # something else stands between: « le maire a dit à Grégory Doucet »
    if any(head.doc[i].pos_ not in _DESCRIPTOR_POS for i in tokens):
        return None
    if not head.text[:1].islower():
        return None  # « la Banque centrale européenne, la Commission européenne »: a list of names
    comma = head.doc[end - 1].text == ","
    if head.doc[end - 1].is_punct and not comma:
        return None  # « l'entreprise Hewlett-Packard (HP) »: brackets hold an acronym, not a name
    if not comma and any(head.doc[i].pos_ not in ("ADJ",) for i in range(head.i + 1, end)):
        return None
    if not comma and any(head.doc[i].pos_ not in ("DET", "ADJ") for i in range(tokens[0], head.i)):
        return None
    last = end - 1
    while last >= tokens[0] and head.doc[last].is_punct:
        last -= 1
    return (tokens[0], last) if last >= head.i else None
