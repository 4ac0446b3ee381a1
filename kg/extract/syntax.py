"""UD French label sets and small questions about spaCy tokens, shared by the extractors."""

from __future__ import annotations

from spacy.tokens import Token

from kg.data import words
from kg.french import MONTH_NAMES, WEEKDAY_NAMES
from kg.text import fold

SUBJ = frozenset({"nsubj", "nsubj:pass"})
PASSIVE_MARKERS = frozenset({"aux:pass", "nsubj:pass", "expl:pass"})
OBJ = frozenset({"obj"})
IOBJ = frozenset({"iobj"})
AGENT = frozenset({"obl:agent"})
OBLIQUE = frozenset({"obl:arg", "obl:mod", "obl"})
AUXILIARY = frozenset({"aux:tense", "aux:pass", "aux:caus", "cop", "aux"})
CONJ = "conj"
RELCL = "acl:relcl"
ACL = "acl"
XCOMP = "xcomp"
CCOMP = "ccomp"
ADVCL = "advcl"

# Children kept inside a noun phrase mention; anything else (relative clauses, PPs other than
# « de », coordinated conjuncts, punctuation) is left out so that mentions stay tight.
NP_INNER = frozenset({"det", "amod", "nummod", "flat:name", "flat:foreign", "flat", "fixed", "compound"})
NP_DE_CASES = words("de_cases")

NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
# when the tagger did not mark them PronType=Rel
RELATIVE_PRONOUNS = words("relative_pronouns")


def lower(token: Token) -> str:
    return token.text.lower().replace("’", "'")


def children(token: Token, deps: frozenset[str] | str) -> list[Token]:
    if isinstance(deps, str):
        deps = frozenset({deps})
    return [c for c in token.children if c.dep_ in deps]


def case_of(token: Token) -> str:
    """The preposition of a PP head, lowercased and joined: « à » , « au », « lors de »."""
    marks = [lower(c) for c in token.children if c.dep_ in ("case", "mark") and c.i < token.i]
    return " ".join(marks)


def has_morph(token: Token, key: str, value: str) -> bool:
    return value in token.morph.get(key)


def is_relative_pronoun(token: Token) -> bool:
    return (token.pos_ == "PRON" and has_morph(token, "PronType", "Rel")) or (
        lower(token) in RELATIVE_PRONOUNS and token.dep_ != "mark"
    )


def conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it: « la Corée du Nord ni la Russie »."""
    out = [token]
    for c in token.children:
        if c.dep_ == CONJ and c.pos_ in NOMINAL_POS | {"ADJ"} and token.pos_ in NOMINAL_POS:
            out.extend(conjuncts(c))
        elif c.dep_ in ("nmod", "flat:name") and c.pos_ == "PROPN" and c.i > token.i:
            # « La Corée du Sud et les États-Unis »: the parser hangs the conjunct on « Sud »;
            # a conjunct with its own determiner and no preposition is a new noun phrase
            for g in c.children:
                if (
                    g.dep_ == CONJ
                    and any(d.dep_ == "det" for d in g.children)
                    and not any(d.dep_ == "case" for d in g.children)
                ):
                    out.extend(conjuncts(g))
    return out


def verb_chain(verb: Token) -> list[Token]:
    """The verb and its auxiliaries: where tense, mood and negation are marked."""
    return [verb, *(c for c in verb.children if c.dep_ in AUXILIARY)]


DATE_WORDS = frozenset(MONTH_NAMES + WEEKDAY_NAMES)
TIME_WORDS = DATE_WORDS | words("time_words")
TIME_ADVERBS = words("time_adverbs")
RELATIVE_DAY_ADVERBS = words("relative_day_adverbs")
DEICTIC_DETERMINERS = frozenset({"ce", "cet", "cette"})
DEICTIC_TIME_NOUNS = words("deictic_time_nouns")
TIME_CONTAINERS = words("time_containers")
OFFSET_ADVERBS = words("offset_adverbs")
TIME_QUALIFIERS = words("time_fillers")  # folded: « debut », « fin », « mi », « milieu »…
MONTHS = frozenset(MONTH_NAMES)


def is_time(token: Token, strict: bool = False) -> bool:
    """« lundi », « mars », « 2012 », « le 27 mai 1998 », « hier »; unless ``strict``, also
    « l'automne », « la fin », « à 9 h », « à partir de 8 h 30 »."""
    word = token.lemma_.lower()
    if word in (DATE_WORDS if strict else TIME_WORDS) or lower(token) in TIME_ADVERBS:
        return True
    if word in TIME_WORDS and any(c.dep_ == "advmod" and c.lemma_.lower() in OFFSET_ADVERBS for c in token.children):
        return True  # « l'ont rencontré une heure plus tard »: a point in time, even as an object
    if not strict and word in OFFSET_ADVERBS and token.pos_ == "ADV":
        # « a essuyé des tirs quelques heures plus tôt »: the parser heads the phrase with « tôt »
        return any(c.dep_ in ("obl:mod", "obl", "nmod", "obj") and is_time(c) for c in token.children)
    if not strict and lower(token) == "h." and any(c.dep_ == "nummod" for c in token.children):
        return True  # « jusqu'à 17 h. »: the tokenizer keeps the full stop on the hour
    if is_day_date(token):
        return True
    if not strict and word in DEICTIC_TIME_NOUNS and _deictic(token) and case_of(token):
        return True  # « à ce moment-là »; not « salue ce moment important »
    if not strict and word in TIME_CONTAINERS:
        return any(c.dep_ == "nmod" and case_of(c) in NP_DE_CASES and is_time(c) for c in token.children)
    if not strict and token.pos_ == "ADP" and token.dep_ in ("advmod", "obl:mod", "obl"):
        # « à partir de 8 h 30 », « à compter du 5 »: the parser makes the preposition the head
        return any(c.dep_ in ("dep", "obl", "nmod", "obj", "fixed") and is_time(c) for c in token.children)
    return _is_year(token)


def is_time_qualifier(token: Token) -> bool:
    """« début », « fin », « mi »: they qualify a period named by their complement."""
    return fold(token.lemma_) in TIME_QUALIFIERS


def _deictic(token: Token) -> bool:
    return any(c.dep_ == "det" and lower(c) in DEICTIC_DETERMINERS for c in token.children)


def _is_year(token: Token) -> bool:
    return token.text.isdigit() and len(token.text) == 4 and 1000 < int(token.text) < 2200


def is_day_date(token: Token) -> bool:
    """« le 27 mai 1998 », « le 1er mai »: the parser heads the date with the day's number."""
    text = lower(token)
    day = text in ("1er", "premier") or (text.isdigit() and 1 <= int(text) <= 31)
    return day and any(c.lemma_.lower() in MONTHS or lower(c) in MONTHS for c in token.children if c.i > token.i)


def is_date(token: Token) -> bool:
    """A time phrase that names a day, a month or an hour, and so cannot be the time of a noun
    without a preposition « de »: « lundi 6 septembre », « en août », « hier », « ce soir »,
    « à 9 h »; not « six mois », « le budget 2002 », « les élections du 30 mai »."""
    if case_of(token).split()[-1:] in (["de"], ["du"], ["des"], ["d'"]):
        return False
    word = token.lemma_.lower()
    if word in DATE_WORDS or is_day_date(token) or lower(token) in RELATIVE_DAY_ADVERBS:
        return True
    if word in TIME_CONTAINERS:  # « à un moment de l'année »
        return is_time(token)
    if word == "heure":  # « à 9 h »: a clock time has its number
        return any(c.dep_ == "nummod" and c.text.isdigit() for c in token.children)
    if word in TIME_WORDS and token.pos_ == "NOUN":
        # « ce soir », « en été », « vers midi », « à la fin du discours »; not a length
        # (« sur dix ans »), a bare noun after « à » or « de » (« mis à jour », « de nuit ») nor
        # a qualifier without its preposition (« cette fin programmée »)
        case = case_of(token)
        if any(c.dep_ == "nummod" for c in token.children):
            return False
        if is_time_qualifier(token):
            return bool(case)
        bare = not any(c.dep_ == "det" for c in token.children) and case.split()[-1:] in (["à"], ["de"], ["d'"])
        return _deictic(token) or (bool(case) and not (bare and word != "midi"))
    return _is_year(token) and bool(case_of(token))  # « en 2002 », not « la saison 2002 »
