"""Who did what to whom: the deep actor and target of each predicate, through French syntax.

The parser gives surface functions; a reader wants deep ones. This module undoes what French
grammar moves around:

- passives: « la loi a été votée par le Sénat » → Sénat votes loi (``nsubj:pass``, ``obl:agent``,
  participles modifying a noun: « les efforts déployés par X »);
- control and raising: « Pyongyang reconnaît avoir envoyé » → Pyongyang envoie (``xcomp``),
  with object control for verbs like « permettre à X de »;
- coordination: « a changé … et établi » shares the subject; « ni confirmé ni infirmé les
  déploiements » shares the object; coordinated subjects and objects give one event each;
- relatives: qui / que / dont / lequel → the antecedent;
- adverbial clauses: « pour soutenir la Russie », « en transférant », « promettant que »
  take the subject of the verb they hang on.

It reads a Doc ``kg.extract.repairs`` has repaired, and reads around recurring fr_core_news_md
errors, conservatively: a noun made the head of a relative clause (« la région dont les forces
… s'étaient emparées »), a bare object labelled ``obl:arg`` (« aurait envoyé entre 10 000 et
12 000 soldats »), a PP « en Russie » or « à la Russie » attached to the object of a verb of
sending or giving instead of to the verb.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from kg.data import pairs, words
from kg.extract.nominal import event_noun
from kg.extract.syntax import (
    ACL,
    ADVCL,
    AGENT,
    CONJ,
    IOBJ,
    NP_DE_CASES,
    OBJ,
    OBLIQUE,
    PASSIVE_MARKERS,
    RELCL,
    SUBJ,
    XCOMP,
    case_of,
    children,
    conjuncts,
    has_morph,
    is_relative_pronoun,
    is_time,
    lower,
    verb_chain,
)
from kg.french import LOCUTIONS, Locution

# « permettre à X de partir », « obliger X à partir »: the infinitive's subject is the object.
OBJECT_CONTROL = words("object_control")

# Verbs whose « en / à / vers + place » is where something goes, not where it happens.
SENDING = words("sending_verbs")
DESTINATION_CASES = words("destination_cases")
# Verbs whose « à X » after the object is who gets it.
GIVING = words("giving_verbs")
# Verbs whose object is introduced by « de »: « dont » stands for it.
DE_VERBS = words("de_verbs")
PLACE_CASES = words("place_cases")
RECIPIENT_CASES = words("recipient_cases")
AGENT_CASES = words("agent_cases")
PURPOSE_MARKS = words("purpose_marks")
# The first word of a purpose infinitive's mark: « pour négocier », « afin de négocier ».
PURPOSE_INFINITIVE_MARKS = tuple(sorted({m.split()[0] for m in PURPOSE_MARKS}))
REPORTING = words("reporting_verbs")
IMPERSONAL = words("impersonal_verbs")
REFLEXIVE = words("reflexive_clitics")
# Verbs conjugated with « être » in compound tenses: « il est monté » is active.
ETRE_VERBS = words("etre_verbs")
# Verbs that lend their relative object to their infinitive: « qu'elle vient de définir »,
# « que l'on cherche à atteindre ».
SEMI_AUXILIARIES = words("semi_auxiliaries")
PARTITIVES = words("partitives")
POSSESSIVES = words("possessives")
# Subject pronouns that may announce the noun after them: « Si elle est confirmée, la victoire ».
SUBJECT_PRONOUNS = {
    pronoun: (gender, number)
    for pronoun, gender, number in pairs("personal_pronouns")
    if pronoun in words("subject_pronouns")
}
DEGREE_ADVERBS = words("degree_adverbs")
QUANTITY_ADVERBS = words("quantity_adverbs")
DURATION_WORDS = words("duration_words")
# Fixed expressions as their tokens joined without spaces: « compte tenu » → « comptetenu »;
# the longest has this many tokens (« c'est-à-dire »: c' est - à - dire).
FIXED_EXPRESSIONS = words("fixed_expressions")
_FIXED = frozenset(e.replace(" ", "") for e in FIXED_EXPRESSIONS)
_LONGEST_FIXED = 6
_FIXED_KEY = "kg.fixed_expressions"


@dataclass
class Frame:
    """The deep arguments of one predicate, as tokens of the parse."""

    verb: Token
    lemma: str
    actors: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    recipient: Token | None = None
    destination: Token | None = None
    place: Token | None = None
    purpose: Token | None = None
    locution: Token | None = None  # the noun of « mettre fin à »: ``lemma`` is the locution's


def is_predicate(token: Token) -> bool:
    """Main verbs, and verbs the tagger took for nouns: « ne récompense la Corée du Nord »; not
    a graded participle (« très connue »), a verb inside a fixed expression (« c'est-à-dire »)
    nor the « a » of « il y a un an »."""
    dep, pos = token.dep_, token.pos_
    if dep in ("aux:tense", "aux:pass", "aux:caus", "cop", "aux"):
        return False
    if _graded(token) or _in_fixed_expression(token) or _il_y_a(token):
        return False
    if pos == "VERB":
        return True
    if pos == "AUX" and token.lemma_ == "avoir":
        # « avoir » as a main verb: « M. X avait 44 ans », « a le droit de »
        return any(c.dep_ in OBJ for c in token.children)
    if pos in ("NOUN", "ADJ") and _is_gerund(token):
        return True
    if pos in ("NOUN", "ADJ", "PROPN") and dep not in ("nsubj", "obj", "nmod", "obl:arg", "obl:mod"):
        deps = {c.dep_ for c in token.children}
        negated = any(lower(c) in ("ne", "n'") for c in token.children)
        # a noun with a subject and an object, or negated with a subject, is a verb
        return bool(SUBJ & deps) and (bool(OBJ & deps) or negated)
    return False


def _graded(token: Token) -> bool:
    """« une personne très connue », « les villes les plus connues », « Moins confiant qu'il y a
    quelques semaines, … »: a word right after a degree adverb is an adjective; not in a compound
    tense nor negated (« l'enquête a peu progressé », « n'est plus entré »)."""
    if token.i == 0:
        return False
    before = token.doc[token.i - 1]
    if before.head != token or before.dep_ != "advmod":
        return False
    if any(c.dep_ == "aux:tense" or lower(c) in ("ne", "n'") for c in token.children):
        return False
    word = lower(before)
    if word in DEGREE_ADVERBS:
        return True
    if word in ("plus", "moins"):
        superlative = token.i > 1 and lower(token.doc[token.i - 2]) in ("le", "la", "les")
        return superlative or not any(c.dep_.startswith("aux") for c in token.children)
    return False


def _in_fixed_expression(token: Token) -> bool:
    """« c'est-à-dire », « compte tenu de »: the token is inside one of FIXED_EXPRESSIONS."""
    return token.i in _fixed_indices(token.doc)


def _fixed_indices(doc: Doc) -> frozenset[int]:
    """The tokens of ``doc`` inside a fixed expression, found once per Doc (every token of every
    sentence asks)."""
    found = doc.user_data.get(_FIXED_KEY)
    if found is None:
        forms = [lower(t) for t in doc]
        inside: set[int] = set()
        for start in range(len(forms)):
            joined = ""
            for k in range(start, min(len(forms), start + _LONGEST_FIXED)):
                joined += forms[k]
                if joined in _FIXED:
                    inside.update(range(start, k + 1))
        found = doc.user_data[_FIXED_KEY] = frozenset(inside)
    return found


def _il_y_a(token: Token) -> bool:
    """« il y a un an », « il y a quelques semaines »: a time ago, no event (« il y avait des
    blessés » is a state, and stays)."""
    return (
        token.lemma_ == "avoir"
        and {"il", "y"} <= {lower(c) for c in token.children if c.i < token.i}
        and any(c.dep_ in OBJ and lower(c) in DURATION_WORDS for c in token.children)
    )


def _is_gerund(token: Token) -> bool:
    """« en simplifiant », tagged as an adjective: « en » + a form in -ant."""
    return token.text[-3:].lower() == "ant" and any(
        lower(c) == "en" and c.dep_ in ("mark", "case") and c.i == token.i - 1 for c in token.children
    )


def _relative_noun_before(verb: Token) -> Token | None:
    """« la région dont les forces ukrainiennes s'étaient emparées »: the parser makes the
    noun « forces » the relative clause (a noun cannot be one); the verb that follows, with
    only clitics, auxiliaries and adverbs between, is the clause and the noun its subject."""
    node = _clause_noun_before(verb, skip_punct=False)
    return node if node is not None and node.pos_ in ("NOUN", "PROPN") else None


def _relative_clause_before(verb: Token) -> Token | None:
    """« des soldats qui, selon lui, "épaule contre épaule avec les combattants russes, ont
    défendu notre patrie" »: the parser made the noun « épaule » the relative clause and hung the
    finite verb after it elsewhere; a finite verb with no subject right after a noun-headed
    relative clause whose subject is « qui » (punctuation, clitics, auxiliaries and adverbs
    between) is that clause's verb, and its subject the antecedent. Only for a verb the parser
    made a conjunct with no conjunction: one it made a complement clause keeps its place (in
    « … le Parlement belge qui, grâce à …, se sont toujours situées », an infinitive before
    would inherit the new subject)."""
    if verb.dep_ != CONJ or children(verb, frozenset({"cc"})):
        return None
    if not _finite(verb) or any(c.dep_ in SUBJ or c.dep_ == "expl:subj" for c in verb.children):
        return None
    node = _clause_noun_before(verb, skip_punct=True)
    if node is None:
        return None
    relatives = [c for c in node.children if c.dep_ == "nsubj" and is_relative_pronoun(c)]
    return antecedent(relatives[0], verb) if relatives else None


def _clause_noun_before(verb: Token, skip_punct: bool) -> Token | None:
    """The noun, proper name or adjective the parser made a relative clause, whose phrase ends
    right before ``verb`` (clitics, auxiliaries, adverbs and, with ``skip_punct``, punctuation
    between; no « dont » nor relative pronoun)."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and (
        doc[i].dep_.startswith(("aux", "expl"))
        or doc[i].pos_ in ("ADV", "PRON")
        or (skip_punct and doc[i].pos_ == "PUNCT")
    ):
        if doc[i].is_punct and not skip_punct:
            break
        if lower(doc[i]) == "dont" or (skip_punct and is_relative_pronoun(doc[i])):
            return None
        i -= 1
    if i < 0:
        return None
    node = doc[i]
    while node.dep_ in ("amod", "nmod", "flat:name") and node.head.i < node.i:
        node = node.head
    if node.dep_ == RELCL and node.pos_ in ("NOUN", "PROPN", "ADJ") and node.right_edge.i < verb.i:
        return node
    return None


def is_passive(verb: Token) -> bool:
    if verb.lemma_ in ETRE_VERBS:
        return False  # « il était monté au cinquième »: être is the tense auxiliary here
    if any(c.dep_ in PASSIVE_MARKERS for c in verb.children):
        return True
    # « les efforts déployés par X »: a bare past participle modifying a noun is passive (one with
    # its own subject or auxiliary is a relative clause the parser mislabelled: « que X a publié »)
    return (
        verb.dep_ == ACL
        and has_morph(verb, "VerbForm", "Part")
        and has_morph(verb, "Tense", "Past")
        and not any(c.dep_ in SUBJ or c.dep_.startswith("aux") for c in verb.children)
    )


def antecedent(pronoun: Token, verb: Token | None = None) -> Token | None:
    """The noun a relative pronoun stands for: the head of its relative clause, or, when the
    parser missed the clause, the noun phrase just before the pronoun (French puts it there).
    A subject « qui » agrees with its ``verb`` (the pronoun's head by default) in number: « l'éloge
    des soldats qui … ont défendu » → soldats, wherever the parser hung the clause."""
    node = pronoun.head
    while node.dep_ == CONJ and node.head != node:
        node = node.head
        # « Wharton, qu'il avait accompagné …, et qui lui promettait »: the second relative
        # stands for what the first one does
        first = [c for c in node.children if c.i < pronoun.i and is_relative_pronoun(c)]
        if first:
            return antecedent(first[0])
    if node.dep_ in (RELCL, ACL) and node.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "DET"):
        head = node.head
        before = _phrase_before(pronoun)
        # « plusieurs des amendements que … »: the quantifier's noun is the antecedent
        if head.pos_ in ("DET", "PRON", "NUM") and before is not None and head.is_ancestor(before):
            return before
        return _agreeing(pronoun, head, pronoun.head if verb is None else verb)
    return _phrase_before(pronoun)


# How the words of a noun phrase hang together, climbing from its last word to its head.
_PHRASE_INNER = frozenset({"amod", "nmod", "conj", "flat:name", "appos", "fixed"})


def _agreeing(pronoun: Token, head: Token, verb: Token) -> Token:
    """``head``, or the nearer noun before ``pronoun`` inside its phrase when only that one
    agrees with the subject ``pronoun``'s verb: in number with the finite verb (« la série
    d'amendements qui font »), and in gender too with a participle conjugated with « être » (« la
    constance des relations entre le Parlement européen et le Parlement belge qui … se sont
    toujours situées » → relations)."""
    if pronoun.dep_ != "nsubj" or pronoun.i == 0:
        return head
    wanted = _subject_agreement(pronoun, verb)
    if not wanted or _agrees(head, wanted):
        return head
    coordinated = head.dep_ == CONJ or any(c.i < pronoun.i for c in children(head, CONJ))
    if coordinated and _agrees(head, {**wanted, "Number": "Plur"}):
        return head  # « la CGT et Solidaires qui demandaient »: a coordination is plural
    node = pronoun.doc[pronoun.i - 1]
    while True:
        if node != head and node.pos_ in ("NOUN", "PROPN") and _agrees(node, wanted, strict=True):
            return node
        if node.dep_ not in _PHRASE_INNER or node.head == node or node.head.i > pronoun.i:
            return head
        node = node.head


def _subject_agreement(pronoun: Token, verb: Token) -> dict[str, str]:
    """What the subject of ``verb`` must be: {"Number": "Plur"} from the finite verb or
    auxiliary, and "Gender" from a participle with « être »."""
    finite = [t for t in (verb, *verb.children) if t.i > pronoun.i and has_morph(t, "VerbForm", "Fin")]
    if not finite or not (finite[0] == verb or finite[0].dep_.startswith("aux")):
        return {}
    wanted = {}
    if len(number := finite[0].morph.get("Number")) == 1:
        wanted["Number"] = number[0]
    etre = any(c.dep_.startswith("aux") and c.lemma_ == "être" for c in verb.children)
    if etre and has_morph(verb, "VerbForm", "Part") and len(gender := verb.morph.get("Gender")) == 1:
        wanted["Gender"] = gender[0]
    return wanted if "Number" in wanted else {}


def _agrees(noun: Token, wanted: dict[str, str], strict: bool = False) -> bool:
    """Whether ``noun`` may have the agreement ``wanted``; ``strict``: it says so (a noun without
    the feature agrees with anything, but is not chosen for it)."""
    for key, value in wanted.items():
        found = noun.morph.get(key)
        if (found or strict) and value not in found:
            return False
    return True


def _phrase_before(token: Token) -> Token | None:
    """The head of the noun phrase that ends right before ``token`` (a comma and a bracketed aside
    between them allowed): « la ville | dont », « au mouvement des coopératives, | qui »."""
    doc = token.doc
    i = token.i - 1
    # « au mouvement des coopératives, qui », « l'autoroute A36 (E54), qui »: the phrase may
    # end before a comma and a bracketed aside
    if i >= 0 and doc[i].text == "," and lower(token) != "où":
        i -= 1
    if i >= 0 and doc[i].text == ")":
        i = next((k - 1 for k in range(i - 1, -1, -1) if doc[k].text == "("), -1)
    if i < 0:
        return None
    aside = i < token.i - 1
    last = doc[i]
    node = last
    # climb while the phrase still ends at ``last``: « la région de Koursk » → région
    while (
        node.head != node
        and node.head.i <= last.i
        and node.head.pos_ in ("NOUN", "PROPN")
        and node.dep_ in ("nmod", "amod", "flat:name", "fixed", "appos")
    ):
        node = node.head
    if node.pos_ not in ("NOUN", "PROPN") or any(is_time(t, strict=True) for t in node.subtree):
        return None  # « le 10 octobre 1979 qui impliquait … »: a date is not the antecedent
    if aside and (lower(node) in DURATION_WORDS or (token.dep_ in SUBJ and _disagree(node, token.head))):
        # « âgés de plus de 50 ans, qui … », « autour de leur étoile, qui n'attendent »: past a
        # comma the nearest noun is only a guess, and a length or a number clash rules it out
        return None
    return node


def _disagree(noun: Token, verb: Token) -> bool:
    """The noun and the finite verb it would be the subject of differ in number."""
    verb_number = next((t.morph.get("Number") for t in verb_chain(verb) if has_morph(t, "VerbForm", "Fin")), [])
    noun_number = noun.morph.get("Number")
    return bool(verb_number and noun_number) and set(verb_number) != set(noun_number)


def _substitute(token: Token) -> Token | None:
    """Relative pronouns stand for their antecedent, a cataphoric pronoun for the subject it
    announces; everything else stands for itself."""
    if is_relative_pronoun(token):
        return antecedent(token)
    return _announced(token) or token


def _announced(pronoun: Token) -> Token | None:
    """« Si elle est confirmée, la victoire de la Russie … priverait », « Lorsqu'il sera
    opérationnel, le système Galileo garantira », « Bien qu'il ne porte aucune accusation, le
    reportage a été … »: the subject pronoun of an adverbial clause placed before its main clause
    stands for the main clause's noun subject that follows, when they agree. Not for a subject
    with a possessive (« Alors qu'elle est adolescente, sa famille s'installe »: elle is the
    possessor)."""
    if pronoun.dep_ not in SUBJ or lower(pronoun) not in SUBJECT_PRONOUNS:
        return None
    clause = pronoun.head
    if clause.dep_ != ADVCL or clause.head.i < clause.i or not children(clause, frozenset({"mark"})):
        return None
    subjects = [c for c in children(clause.head, SUBJ) if c.i > clause.right_edge.i and c.pos_ in ("NOUN", "PROPN")]
    if not subjects or _possessive(subjects[0]) is not None:
        return None
    gender, number = SUBJECT_PRONOUNS[lower(pronoun)]
    wanted = {"Number": number} if gender == "-" else {"Number": number, "Gender": gender}
    return subjects[0] if _agrees(subjects[0], wanted) else None


def surface_subjects(verb: Token, depth: int = 0) -> list[Token]:
    """The verb's grammatical subject, given or inherited (control, coordination, adverbials)."""
    relative_noun = _relative_noun_before(verb)
    if relative_noun is not None:
        return [relative_noun]
    heads = [s for s in children(verb, SUBJ) if s != _subject_read_for_object(verb)] or _personal_il(verb)
    if len(heads) > 1:
        # two subjects that are not coordinated: a parse error. Adjacent ones are one phrase cut
        # in two (« le président russe Vladimir | Poutine »: keep the first, the mention joins
        # the name); otherwise the nearest is the subject (« La température affichant -6°C, il »)
        first, second = sorted(heads, key=lambda s: s.i)[:2]
        between = verb.doc[first.right_edge.i + 1 : second.left_edge.i]
        if all(t.is_punct for t in between) and (second.pos_ != "PRON" or _cut_word(first, second)):
            # adjacent, in apposition (« Alfred Sirven, son officier »), or one word the
            # tokenizer cut (« Celui | - | ci »)
            heads = [first]
        else:
            heads = [min(heads, key=lambda s: abs(s.i - verb.i))]
    own = [s for c in heads for s in conjuncts(c)]
    if own:
        return [t for s in own if (t := _substitute(s)) is not None]
    if (relative := _relative_clause_before(verb)) is not None:
        return [relative]
    if depth > 6:
        return []
    gov = verb.head
    if gov == verb:
        stray = _stray_subject(verb) if _finite(verb) else None
        return [] if stray is None else [stray]
    dep = verb.dep_
    if dep == XCOMP:
        if gov.pos_ == "ADJ" and gov.dep_ == "amod":
            return [gov.head]  # « des technologies susceptibles de renforcer … »
        if gov.lemma_ in OBJECT_CONTROL and not is_passive(gov):  # « il fut obligé de » → il
            controllers = children(gov, OBJ | IOBJ) or [
                c for c in children(gov, OBLIQUE) if case_of(c) in RECIPIENT_CASES
            ]
            if controllers:
                return [t for c in controllers if (t := _substitute(c)) is not None]
        return surface_subjects(gov, depth + 1)
    if (dep == CONJ and gov.pos_ in ("VERB", "AUX")) or (dep == CONJ and is_predicate(gov)):
        return surface_subjects(gov, depth + 1)
    if (chained := _chained_to(verb)) is not None:
        return surface_subjects(chained, depth + 1)
    if dep in (ADVCL, "obl:mod", "obl") and not _finite(verb):
        # « pour soutenir », « en transférant », « promettant que »
        inherited = surface_subjects(gov, depth + 1)
        if _marked(verb, PURPOSE_INFINITIVE_MARKS) and children(verb, OBJ):
            # « la victoire … priverait l'Ukraine …, pour négocier la fin »: an event has no purpose;
            # the parser hung the clause on the wrong verb, and whose purpose it is stays unknown
            # (the event keeps its object; one with no other participant keeps its trigger)
            inherited = [s for s in inherited if event_noun(s) is None]
        return inherited
    if dep == ACL and has_morph(verb, "VerbForm", "Part"):
        return [gov]
    if dep == ACL and has_morph(verb, "VerbForm", "Inf") and _marked(verb, ("de", "d'", "à")):
        # « on est en train de modifier », « nous avions bon espoir d'obtenir », « a le droit de
        # former »: the infinitive on a predicate noun or a light verb's object takes the subject
        if any(c.dep_ == "cop" for c in gov.children):
            return surface_subjects(gov, depth + 1)
        # « demande à son administration d'accorder »: the parser hangs the infinitive on the
        # verb's object or oblique; object-control verbs give it that noun as subject, others
        # (« a menacé à l'audience de produire ») their own subject
        if gov.dep_ in ("obj", "obl:arg", "iobj") and gov.head.lemma_ in OBJECT_CONTROL:
            return [gov]
        if (controller := _noun_controller(verb, gov)) is not None:
            return [controller]
        if gov.dep_ in ("obj", "obl:arg", "obl:mod") and gov.head != gov and gov.head.pos_ in ("VERB", "AUX"):
            return surface_subjects(gov.head, depth + 1)
    if dep in ("advmod", "dep") and gov.pos_ == "VERB" and any(c.dep_.startswith("aux") for c in verb.children):
        # « il était monté …, a ouvert une fenêtre »: a coordinated verb the parser mislabelled
        return surface_subjects(gov, depth + 1)
    if _finite(verb):
        stray = _stray_subject(verb)
        if stray is not None:
            return [stray]
        root = _root_noun_above(verb)
        if root is not None:
            return [root]
    return []


def _subject_read_for_object(verb: Token) -> Token | None:
    """« la victoire … priverait l'Ukraine d'un levier », « Ni la Corée ni la Russie n'ont indiqué
    le nombre … »: a second ``nsubj`` after an active verb that has a nominal subject before it
    and no object is its object. French does not put a noun subject after its verb when another
    stands before it (complex inversion repeats it as a clitic: « la Russie a-t-elle … »)."""
    if is_passive(verb) or children(verb, OBJ) or not _finite(verb):
        return None
    subjects = children(verb, frozenset({"nsubj"}))
    before = [s for s in subjects if s.i < verb.i and s.pos_ in ("NOUN", "PROPN", "PRON") and not is_time(s)]
    after = [s for s in subjects if s.i > verb.i and s.pos_ in ("NOUN", "PROPN") and not is_time(s)]
    if not before or len(after) != 1 or not any(c.dep_ == "det" for c in after[0].children):
        return None  # « dans lequel jouent Béatrice et Niels »: a bare name after the verb is inverted
    subject = max(before, key=lambda s: s.i)
    if any(t.is_punct or t.pos_ == "PUNCT" for t in verb.doc[subject.right_edge.i + 1 : verb.i]):
        return None  # « », affirme un jeune manifestant »: the subject before is another clause's
    return after[0]


def _noun_controller(verb: Token, noun: Token) -> Token | None:
    """Who does what a noun's « de » infinitive says: « le vœu de François II d'affirmer son
    indépendance » → François II; « son envie de participer » → son (resolution finds the
    possessor). The parser often hangs the infinitive on the complement itself: « la volonté de
    Vladimir Poutine de mettre fin à la guerre », « le droit de ses habitants de s'adresser »."""
    if (
        noun.dep_ == "nmod"
        and case_of(noun) in NP_DE_CASES
        and noun.head.pos_ == "NOUN"
        and ((_is_party(noun) and noun.pos_ != "PRON") or _possessive(noun) is not None)
    ):
        return noun
    if noun.pos_ != "NOUN":
        return None
    for c in noun.children:
        if c.dep_ == "nmod" and c.i < verb.i and case_of(c) in NP_DE_CASES and _is_party(c) and c.pos_ != "PRON":
            return c
    return _possessive(noun)


def _possessive(noun: Token) -> Token | None:
    """The third-person possessive determiner of ``noun``: « sa volonté » → sa."""
    return next((c for c in noun.children if c.dep_ == "det" and lower(c) in POSSESSIVES and c.i < noun.i), None)


def _root_noun_above(verb: Token) -> Token | None:
    """« L'article 80 du code pénal punit la sodomie », « Cet évènement marque le début »:
    the parser found no main verb, made the subject noun the root of the sentence and hung the
    finite verb under it (on the noun or one of its complements); that noun is the subject. Not
    a verb with a conjunction or a relative pronoun (a relative or subordinate clause)."""
    if verb.dep_ in _NAME_PARTS | {RELCL} or any(c.dep_ == "mark" or is_relative_pronoun(c) for c in verb.children):
        return None
    node = verb.head
    while node.head != node and node.pos_ in ("NOUN", "PROPN") and node.dep_ in _UNDER_ROOT_NOUN:
        node = node.head
    if node.head != node or node.pos_ not in ("NOUN", "PROPN") or node.i > verb.i or not node.text.isalpha():
        return None
    # a root with a preposition is no subject (« Au prochain repos du joueur, … proposera »), one
    # with a subject is a verb the tagger missed (« Il part à Londres et obtient »), and so is a
    # common noun without determiner (« Il commanda ensuite … et se vit confier »)
    deps = {c.dep_ for c in node.children}
    if "case" in deps or deps & SUBJ or any(d.startswith("expl") for d in deps):
        return None
    if any(t.text in (":", "—", "–") for t in verb.doc[node.i : verb.i]):
        return None  # a headline's topic: « Espagne : l'agence Moody's dégrade 28 banques »
    return node if "det" in deps or (node.pos_ == "PROPN" and node.ent_type_) else None


# A verb hung on a name as one of its parts would be inside the name's mention.
_NAME_PARTS = frozenset({"flat:name", "flat", "flat:foreign", "fixed", "compound"})
# How the parser hangs things under a noun it wrongly made the root: « du code pénal »,
# « Thelen », « et archéologue ».
_UNDER_ROOT_NOUN = frozenset({"nmod", "flat:name", "conj", "appos", "amod"})


def _cut_word(first: Token, second: Token) -> bool:
    """« Celui | - | ci »: two pieces of one hyphenated word (not « a-t-on », « l'on »)."""
    dash = first.right_edge.i + 1
    return (
        second.i in (dash, dash + 1)
        and first.doc[dash].text == "-"
        and not first.right_edge.whitespace_
        and not first.doc[dash].whitespace_
        and len(first.text) > 1
        and first.text.isalpha()
    )


def _personal_il(verb: Token) -> list[Token]:
    """« Il critique le plan marocain », « il l'offre à Marge »: the parser labels « il » an
    impersonal subject (expl:subj); before a verb with a direct object that has no impersonal
    use (« il faut des moyens », « il reste des doutes »), it is the subject."""
    il = [c for c in verb.children if c.dep_ == "expl:subj" and lower(c) in ("il", "ils", "elle", "elles")]
    if not il or any(lower(c) == "y" for c in verb.children) or is_passive(verb):
        return []  # « il y a », « il se pose un problème »
    # « Il peut s'agir de … », « Il devrait faire 38 °C »: the infinitive decides
    if any(_lemma(v) in IMPERSONAL for v in (verb, *children(verb, frozenset({XCOMP})))):
        return []
    return il if any(c.dep_ in OBJ and lower(c) not in REFLEXIVE for c in verb.children) else []


def _chained_to(verb: Token) -> Token | None:
    """The predicate a subjectless finite verb shares its subject with, where the parser hung
    it on something else than a verb: a predicate noun or adjective (« Carey est une auteur et
    a écrit … »), the object of the verb (« Il attirait les foules et faisait des miracles »), or
    the verb itself as an adverbial clause without conjunction (« Ils atterrissent …, prennent
    un SUV et quittent Black Mesa »). Not a verb with its own impersonal « il », a
    subordinating conjunction, or a noun phrase of its own right before it (« Velasco quitte
    Mexico et l'archevêque Guerra se retire »), nor an inserted verb of saying (« …, explique
    l'association »: no « et » before it)."""
    gov, dep = verb.head, verb.dep_
    if (
        not _finite(verb)
        or dep not in (CONJ, ADVCL)
        or any(c.dep_ in ("mark", "expl:subj", "expl") for c in verb.children)
        or (verb.lemma_ in REPORTING and not children(verb, frozenset({"cc"})))
        or _stray_subject(verb) is not None
    ):
        return None
    if dep == CONJ and children(gov, SUBJ):
        return gov
    if dep == CONJ and gov.dep_ in OBJ | OBLIQUE and is_predicate(gov.head):
        return gov.head
    if dep == ADVCL and gov.i < verb.i and gov.dep_ not in (RELCL, ACL, ADVCL):
        return gov  # not on a verb inside a relative (« telle qu'elle fonctionne, …, appelle »)
    return None


def _stray_subject(verb: Token) -> Token | None:
    """A finite verb without subject, right after a noun phrase the parser hung elsewhere:
    « Selon les services, la Corée du Nord aurait envoyé … » (« Corée » read as an apposition
    of « services »)."""
    i = min(t.i for t in verb_chain(verb) if t.i <= verb.i)
    doc = verb.doc
    while i > 0 and (
        doc[i - 1].dep_ in ("advmod", "expl:comp", "iobj", "obj")
        and doc[i - 1].head.i in (verb.i, *(c.i for c in verb.children))
        and doc[i - 1].i < verb.i
    ):
        i -= 1
    if i == 0:
        return None
    last = doc[i - 1]
    node = last
    while (
        node.head != node
        and node.head.i < i
        and node.dep_ in ("nmod", "amod", "flat:name", "fixed")
        and node.head.pos_ in ("NOUN", "PROPN")
    ):
        node = node.head
    if node.pos_ in ("NOUN", "PROPN") and node.dep_ in ("appos", "nmod", "conj") and not node.is_ancestor(verb):
        return node
    return None


def _marked(verb: Token, marks: tuple[str, ...]) -> bool:
    return any(c.dep_ == "mark" and lower(c) in marks for c in verb.children)


def _finite(verb: Token) -> bool:
    chain = [verb, *(c for c in verb.children if c.dep_.startswith("aux"))]
    return any(has_morph(t, "VerbForm", "Fin") for t in chain)


def _objects(verb: Token) -> list[Token]:
    objs = [o for c in children(verb, OBJ) for o in conjuncts(c) if lower(o) not in REFLEXIVE]
    if not objs and (misread := _subject_read_for_object(verb)) is not None:
        objs = conjuncts(misread)
    objs += [c for c in verb.children if c.dep_ == "dep" and lower(c) in ("que", "qu'") and c.pos_ == "PRON"]
    if objs and verb.lemma_ in SEMI_AUXILIARIES and children(verb, frozenset({XCOMP})):
        # « la ligne qu'elle vient de définir »: the relative object belongs to the infinitive
        objs = [o for o in objs if not is_relative_pronoun(o)]
    if not objs and verb.dep_ == XCOMP and verb.head.lemma_ in SEMI_AUXILIARIES:
        objs = [c for c in verb.head.children if c.dep_ in ("obj", "dep") and is_relative_pronoun(c)]
    if not objs:
        # « ne permettait que des mesures »: the restricted object was read as a clause
        objs = [o for c in children(verb, frozenset({"ccomp"})) if c.pos_ in ("NOUN", "PROPN") for o in conjuncts(c)]
    if not objs and _lemma(verb) not in DE_VERBS:
        # « je me pose des questions »: the partitive article was read as the preposition « des »
        objs = [
            o
            for c in children(verb, frozenset({"obl:arg"}))
            if case_of(c) in PARTITIVES and c.i > verb.i
            for o in conjuncts(c)
        ]
    if not objs:
        # repair: a bare noun phrase labelled obl:arg is an object (« envoyé entre 10 000 et
        # 12 000 soldats »: the parser read « entre » as a preposition)
        objs = [
            o
            for c in children(verb, frozenset({"obl:arg"}))
            if c.pos_ in ("NOUN", "PROPN") and case_of(c) in ("", "entre") and c.i > verb.i
            for o in conjuncts(c)
        ]
    if not objs:
        # « ni confirmé ni infirmé les déploiements »: the next conjunct's object is shared when
        # only a conjunction stands between the two verbs (not « a porté sur … et a tenu compte »)
        for c in verb.children:
            if c.dep_ == CONJ and c.i > verb.i and _only_conjunction_between(verb, c):
                objs = _objects(c)
                break
    # « a déclaré samedi que … »: a bare day or date is when, not what; « a battu l'Argentine
    # lors du match »: an adverb the parser made an object (« lors », « ensuite ») is none,
    # unless of quantity (« beaucoup de civils ») or with a determiner (« un pas », a noun)
    return [
        t
        for o in objs
        if (t := _substitute(o)) is not None
        and not is_time(t, strict=True)
        and (t.pos_ != "ADV" or lower(t) in QUANTITY_ADVERBS or any(c.dep_ == "det" for c in t.children))
    ]


def _only_conjunction_between(left: Token, right: Token) -> bool:
    """« ni confirmé ni infirmé », « en simplifiant et en codifiant »."""
    between = left.doc[left.i + 1 : right.i]
    return all(
        t.dep_ in ("cc", "punct") or t.pos_ in ("CCONJ", "PUNCT") or (t.dep_ == "mark" and t.head == right)
        for t in between
    )


def _agents(verb: Token) -> list[Token]:
    agents = [a for c in children(verb, AGENT) for a in conjuncts(c)]
    if not agents:
        agents = [
            a for c in verb.children if c.dep_ in OBLIQUE | {"nmod"} and case_of(c) in AGENT_CASES for a in conjuncts(c)
        ]
    if not agents and verb.dep_ == ACL:
        # « une affirmation démentie par les autorités »: the parser hangs « par … » on the noun
        agents = [
            a
            for c in verb.head.children
            if c.dep_ == "nmod" and c.i > verb.i and case_of(c) in AGENT_CASES
            for a in conjuncts(c)
        ]
    return [t for a in agents if (t := _substitute(a)) is not None]


def _lemma(verb: Token) -> str:
    lemma = verb.lemma_.lower()
    reflexive = any(
        c.dep_ in ("expl:comp", "obj", "iobj") and lower(c) in REFLEXIVE and c.i < verb.i for c in verb.children
    )
    if reflexive:
        return f"s'{lemma}" if lemma[:1] in "aeiouyéèêàâîôûh" else f"se {lemma}"
    return lemma


def _recipient(verb: Token, lemma: str, targets: list[Token]) -> Token | None:
    for c in verb.children:
        if c.dep_ in IOBJ and lower(c) not in REFLEXIVE:
            return _substitute(c)
        if (
            c.dep_ == "obl:arg"
            and case_of(c) in RECIPIENT_CASES
            and c.pos_ in ("PROPN", "NOUN", "PRON")
            and not is_time(c)
        ):
            return _substitute(c)
    if lemma in GIVING:
        # PP attachment repair: « a fourni une grande quantité d'armes à la Russie » — the parser
        # hangs « à la Russie » on « armes »; with a verb of giving it is the recipient.
        for t in targets:
            for node in (t, *(c for c in t.children if c.dep_ == "nmod")):
                for c in node.children:
                    if c.dep_ == "nmod" and c.i > node.i and case_of(c) in RECIPIENT_CASES and _is_party(c):
                        return c
    return None


def _is_party(token: Token) -> bool:
    """Could receive something: a name, a pronoun, a person or organisation noun."""
    return token.pos_ in ("PROPN", "PRON") or token.ent_type_ in ("PER", "ORG", "LOC")


def _is_place_like(token: Token) -> bool:
    return token.ent_type_ == "LOC" or token.pos_ == "PROPN"


def _destination_and_place(verb: Token, lemma: str, targets: list[Token]) -> tuple[Token | None, Token | None]:
    candidates = [c for c in verb.children if c.dep_ in OBLIQUE]
    # PP attachment repair: « envoyé des soldats en Russie » — the parser hangs « en Russie »
    # on « soldats »; with a verb of sending it is the verb's destination.
    if lemma in SENDING:
        candidates += [c for t in targets for c in t.children if c.dep_ == "nmod" and case_of(c) in ("en", "vers")]
    destination = place = None
    for c in sorted(candidates, key=lambda t: t.i):
        case = case_of(c)
        if not _is_place_like(c):
            continue
        if lemma in SENDING and case in DESTINATION_CASES and destination is None:
            destination = c
        elif case in PLACE_CASES and place is None:
            place = c
    return destination, place


def _purpose(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == ADVCL and has_morph(c, "VerbForm", "Inf"):
            marks = " ".join(lower(m) for m in c.children if m.dep_ == "mark")
            if marks in PURPOSE_MARKS or marks.startswith("afin"):
                return c
    return None


def _nominal(token: Token) -> bool:
    """Could head a participant: not a verb, preposition, conjunction or punctuation. An object
    tagged as a verb but with no argument of its own is a noun the tagger missed (« ayant trait »)."""
    if token.pos_ == "VERB" and token.dep_ == "obj":
        return not any(c.dep_ in SUBJ | OBJ or c.dep_.startswith("aux") for c in token.children)
    return token.pos_ not in ("VERB", "AUX", "ADP", "CCONJ", "SCONJ", "PUNCT", "SYM", "SPACE")


def frame(verb: Token) -> Frame:
    """The deep roles of ``verb``: « la Corée du Nord aurait envoyé … soldats en Russie » →
    actors [Corée], targets [soldats], destination Russie."""
    lemma = _lemma(verb)
    passive = is_passive(verb)
    subjects = surface_subjects(verb)
    if passive:
        actors, targets = _agents(verb), subjects
    else:
        actors, targets = subjects, _objects(verb)
    if not targets and (lemma in DE_VERBS or lemma.startswith(("s'", "se "))):
        # « la ville dont les rebelles s'étaient emparés »: « dont » is the « de » complement,
        # wherever the parser hung it (on the verb, or on its subject)
        subjects = [*children(verb, SUBJ), *filter(None, [_relative_noun_before(verb)])]
        dont = [t for t in (*verb.children, *(g for c in subjects for g in c.children)) if lower(t) == "dont"]
        if dont and (ante := antecedent(dont[0])) is not None and ante.i != verb.i:
            targets = [ante]
    destination, place = _destination_and_place(verb, lemma, targets)
    recipient = _recipient(verb, lemma, targets)
    noun = None
    if (found := _locution(lemma, targets)) is not None:
        noun, locution = found
        lemma = locution.lemma
        targets = _locution_complements(verb, noun, locution.complement)
        # « mettre fin à la guerre »: « à la guerre » is the target, not where or to whom
        recipient, destination, place = (r if r not in targets else None for r in (recipient, destination, place))
    actors = [a for a in actors if a.i != verb.i and _nominal(a)]
    targets = [t for t in targets if t.i != verb.i and _nominal(t) and all(t.i != a.i for a in actors)]
    return Frame(
        verb=verb,
        lemma=lemma,
        actors=actors,
        targets=targets,
        recipient=recipient if recipient not in (destination, place) else None,
        destination=destination,
        place=place,
        purpose=_purpose(verb),
        locution=noun,
    )


def _locution(lemma: str, targets: list[Token]) -> tuple[Token, Locution] | None:
    """« ont eu lieu », « a fait l'éloge des soldats »: the object noun and the locution it makes
    with its verb (kg/data/lexicon/locutions.tsv)."""
    for t in targets:
        if (found := LOCUTIONS.get((lemma, t.lemma_.lower()))) is not None:
            return t, found
    return None


# A locution's complement preposition → the forms it takes: « à » is also « au », « aux ».
_COMPLEMENT_CASES = {"à": RECIPIENT_CASES, "de": NP_DE_CASES}


def _locution_complements(verb: Token, noun: Token, complement: str) -> list[Token]:
    """The target of a locution: its complement in ``complement``, hung on the noun or on the
    verb (« mettre fin à la guerre », either way), or a clitic or relative standing for it
    (« lui rendre hommage », « dont il fait état »). None for « avoir lieu »."""
    if not complement:
        return []
    cases = _COMPLEMENT_CASES.get(complement, frozenset({complement}))
    found = [c for c in noun.children if c.dep_ == "nmod" and c.i > noun.i and case_of(c) in cases]
    found += [c for c in verb.children if c.dep_ in OBLIQUE | IOBJ and c.i > noun.i and case_of(c) in cases]
    if not found and complement == "à":
        # the parser labels « leur » obj as often as iobj
        found = [
            c for c in children(verb, OBJ | IOBJ) if c.pos_ == "PRON" and c.i < verb.i and lower(c) not in REFLEXIVE
        ]
    if not found and complement == "de":
        dont = [t for t in (*verb.children, *noun.children) if lower(t) == "dont"]
        found = [a for a in [antecedent(dont[0])] if a is not None and a.i != verb.i] if dont else []
    if not found:
        return []
    first = min(found, key=lambda c: c.i)
    return [t for c in conjuncts(first) if (t := _substitute(c)) is not None]
