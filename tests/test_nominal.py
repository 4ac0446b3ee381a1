"""Nominal events on parses built by hand (the table format of test_rules.py, no model loaded):
an event noun is a trigger, its possessive, « de », « par », « à / en » complements and dates its
roles; the noun stops being an entity where it heads a verb's participant. The cases through
the model are in cases/nominal.json."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from test_rules import FIN, LEMMAS, PART, no_model, parse  # noqa: F401 (no_model: autouse)

from kg.extract import doc_events
from kg.extract.nominal import lexicon
from kg.extract.repairs import VerbLemmas
from kg.model import Event, EventKind, Mention, stable_id
from kg.resolve import resolve_events, with_participants


def nominal(table: str) -> list[Event]:
    return [e for e in doc_events(parse(table), 0, LEMMAS) if e.kind == EventKind.NOMINAL]


def roles(event: Event) -> dict[str, str]:
    return {role: m.text for role, m in event.roles().items()}


ENVOI = """
    L'       le      DET   2 det
    envoi    envoi   NOUN  0 ROOT
    de       de      ADP   4 case
    troupes  troupe  NOUN  2 nmod
    en       en      ADP   6 case
    Russie   Russie  PROPN 2 nmod
"""


def test_de_complement_of_a_sending_noun_is_its_theme() -> None:
    """« l'envoi de troupes en Russie » → envoyer, target troupes, destination Russie."""
    [event] = nominal(ENVOI)
    assert (event.lemma, event.action.text, str(event.kind)) == ("envoyer", "envoi", "nominal")
    assert roles(event) == {"target": "troupes", "destination": "Russie"}


def test_de_complement_of_an_announcement_is_its_agent() -> None:
    """« l'annonce de la Corée du Nord » → annoncer, actor la Corée du Nord."""
    [event] = nominal("""
        L'       le      DET   2 det
        annonce  annonce NOUN  0 ROOT
        de       de      ADP   5 case
        la       le      DET   5 det
        Corée    Corée   PROPN 2 nmod
        du       de      ADP   7 case
        Nord     Nord    PROPN 5 nmod
    """)
    assert (event.lemma, roles(event)) == ("annoncer", {"actor": "la Corée du Nord"})


def test_agent_noun_with_a_complement_that_cannot_act_takes_it_as_theme() -> None:
    """« l'annonce de sanctions »: sanctions do not announce."""
    [event] = nominal("""
        L'        le        DET   2 det
        annonce   annonce   NOUN  0 ROOT
        de        de        ADP   4 case
        sanctions sanction  NOUN  2 nmod
    """)
    assert roles(event) == {"target": "sanctions"}


def test_possessive_is_the_agent_and_par_the_actor() -> None:
    """« son arrivée » → actor « son »; « le déploiement de ses troupes par Moscou »."""
    [arrival] = nominal("""
        Son      son      DET   2 det
        arrivée  arrivée  NOUN  0 ROOT
    """)
    assert (arrival.lemma, roles(arrival)) == ("arriver", {"actor": "Son"})
    [deployment] = nominal("""
        Le           le           DET   2 det
        déploiement  déploiement  NOUN  0 ROOT
        de           de           ADP   5 case
        ses          son          DET   5 det
        troupes      troupe       NOUN  2 nmod
        par          par          ADP   7 case
        Moscou       Moscou       PROPN 2 nmod
    """)
    assert (deployment.lemma, roles(deployment)) == ("déployer", {"target": "ses troupes", "actor": "Moscou"})


def test_headline_participle_is_the_noun() -> None:
    """« Premier doublé de la Scuderia en Principauté »: the parser reads a participle root."""
    found = doc_events(
        parse(f"""
            Premier     premier     ADJ   2 advmod
            doublé      doubler     VERB  0 ROOT     {PART}
            de          de          ADP   5 case
            la          le          DET   5 det
            Scuderia    Scuderia    PROPN 2 obl:arg
            en          en          ADP   7 case
            Principauté Principauté PROPN 2 obl:mod
        """),
        0,
        LEMMAS,
    )
    assert [(str(e.kind), e.lemma, roles(e)) for e in found] == [
        ("nominal", "doublé", {"actor": "la Scuderia", "place": "Principauté"})
    ]


def test_classifier_noun_is_no_event() -> None:
    """« le pouvoir d'achat »: a bare noun saying what kind of thing its head is."""
    assert (
        nominal("""
        Le       le       DET   2 det
        pouvoir  pouvoir  NOUN  0 ROOT
        d'       de       ADP   4 case
        achat    achat    NOUN  2 nmod
    """)
        == []
    )


def test_dead_person_is_no_event() -> None:
    """« trois morts » are victims; « la mort » is an event."""
    assert nominal("trois trois NUM 2 nummod\nmorts mort NOUN 0 ROOT Gender=Masc|Number=Plur") == []
    assert len(nominal("la le DET 2 det\nmort mort NOUN 0 ROOT Gender=Fem|Number=Sing")) == 1


def test_event_noun_of_a_participant_is_no_entity() -> None:
    """« Le Kremlin a confirmé l'envoi de troupes »: the target « l'envoi de troupes » is marked,
    resolution makes no thing of it; the nominal event carries the troops."""
    found = doc_events(
        parse(f"""
            Le       le        DET   2 det
            Kremlin  Kremlin   PROPN 4 nsubj
            a        avoir     AUX   4 aux:tense
            confirmé confirmer VERB  0 ROOT      {PART}
            l'       le        DET   6 det
            envoi    envoi     NOUN  4 obj
            de       de        ADP   8 case
            troupes  troupe    NOUN  6 nmod
        """),
        0,
        LEMMAS,
    )
    verbal = next(e for e in found if e.kind == EventKind.VERBAL)
    assert verbal.target.text == "l'envoi de troupes" and verbal.target.event_noun
    resolved = resolve_events(found)
    by_kind = {str(e.kind): e for e in resolved}
    assert by_kind["verbal"].target.entity is None
    assert by_kind["verbal"].actor.entity is not None
    assert by_kind["nominal"].target.entity is not None


def test_nominal_event_with_no_participant_stays_out_of_the_graph() -> None:
    bare = Event(action=Mention("accident", 2, 10), lemma="accident", kind=EventKind.NOMINAL)
    assert with_participants([bare]) == []
    assert with_participants(resolve_events(nominal(ENVOI))) != []


def test_verbal_ids_do_not_change_nominal_ids_differ() -> None:
    action = Mention("envoi", 2, 7)
    verbal = Event(action=action, lemma="envoyer")
    assert verbal.id == Event(action=action, lemma="envoyer", kind=EventKind.VERBAL).id
    assert verbal.id == stable_id("", "envoyer", 2, 7, [])  # the hash of before the kind
    assert Event(action=action, lemma="envoyer", kind=EventKind.NOMINAL).id != verbal.id


def test_lexicon_pairs() -> None:
    entries = lexicon()
    assert entries["déploiement"].lemma == "déployer" and entries["déploiement"].de_role == "theme"
    assert entries["envoi"].lemma == "envoyer"
    assert entries["arrivée"].de_role == "agent"
    assert entries["guerre"].lemma == "guerre"
    assert "gouvernement" not in entries and "bâtiment" not in entries


CND = "Mood=Cnd|Number=Sing|Person=3|VerbForm=Fin"


def test_nominal_event_takes_the_source_and_modality_of_its_clause() -> None:
    """« Selon Séoul, l'envoi de troupes aurait eu lieu »: the sending is alleged, Séoul says so;
    the plain « L'envoi de troupes a eu lieu » is asserted."""
    found = nominal(f"""
        Selon    selon   ADP   2 case
        Séoul    Séoul   PROPN 9 obl:mod
        ,        ,       PUNCT 2 punct
        l'       le      DET   5 det
        envoi    envoi   NOUN  9 nsubj
        de       de      ADP   7 case
        troupes  troupe  NOUN  5 nmod
        aurait   avoir   AUX   9 aux:tense {CND}
        eu       avoir   VERB  0 ROOT      {PART}
        lieu     lieu    NOUN  9 obj
    """)
    assert [(e.lemma, e.modality.value, e.source and e.source.text) for e in found] == [("envoyer", "alleged", "Séoul")]
    [plain] = nominal(ENVOI)
    assert (plain.modality.value, plain.source) == ("asserted", None)


def test_allegation_adjective_makes_a_nominal_event_alleged() -> None:
    """« l'envoi présumé de troupes »."""
    [event] = nominal("""
        L'       le      DET   2 det
        envoi    envoi   NOUN  0 ROOT
        présumé  présumé ADJ   2 amod
        de       de      ADP   5 case
        troupes  troupe  NOUN  2 nmod
    """)
    assert event.modality.value == "alleged"


def test_possessive_points_back_to_the_last_actor_first() -> None:
    """« La Chine envoie des soldats en Russie, sa participation »: sa is the Chine, the actor,
    not Russie, named last as the destination."""
    found = doc_events(
        parse("""
            La             le            DET   2  det        _        O
            Chine          Chine         PROPN 3  nsubj      _        B-LOC
            envoie         envoyer       VERB  0  ROOT       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
            des            un            DET   5  det        _        O
            soldats        soldat        NOUN  3  obj        _        O
            en             en            ADP   7  case       _        O
            Russie         Russie        PROPN 3  obl:mod    _        B-LOC
            ,              ,             PUNCT 10 punct      _        O
            sa             son           DET   10 det        Poss=Yes O
            participation  participation NOUN  3  appos      _        O
        """),
        0,
        VerbLemmas(LEMMAS.rules, LEMMAS.index | {"envoyer", "participer"}),
    )
    [participation] = [e for e in resolve_events(found) if e.lemma == "participer"]
    assert participation.actor.text == "sa" and participation.actor.entity.label == "Chine"


def test_place_name_without_article_is_where_not_who() -> None:
    """« la guerre de Corée »: where; « la guerre de la Russie »: who."""
    [korea] = nominal("""
        la      le      DET   2 det   _ O
        guerre  guerre  NOUN  0 ROOT  _ O
        de      de      ADP   4 case  _ O
        Corée   Corée   PROPN 2 nmod  _ B-LOC
    """)
    assert roles(korea) == {"place": "Corée"}
    [russia] = nominal("""
        la      le      DET   2 det   _ O
        guerre  guerre  NOUN  0 ROOT  _ O
        de      de      ADP   5 case  _ O
        la      le      DET   5 det   _ O
        Russie  Russie  PROPN 2 nmod  _ B-LOC
    """)
    assert roles(russia) == {"actor": "la Russie"}


def test_a_bare_year_is_not_the_date_of_a_noun() -> None:
    """« sa participation … 1950 - 1953 »: the parser hangs the end of a cut range on the noun;
    « sa participation en 1953 » is dated."""
    [bare] = nominal("""
        sa             son           DET   2 det  Poss=Yes
        participation  participation NOUN  0 ROOT
        1953           1953          NUM   2 nmod NumType=Card
    """)
    [dated] = nominal("""
        sa             son           DET   2 det  Poss=Yes
        participation  participation NOUN  0 ROOT
        en             en            ADP   4 case
        1953           1953          NUM   2 nmod NumType=Card
    """)
    assert ("time" in roles(bare), roles(dated).get("time")) == (False, "en 1953")


def test_event_noun_complement_of_a_nominal_event_is_no_entity() -> None:
    """« une montée des tensions »: the tensions are an event of their own, no thing."""
    [montee, tensions] = nominal("""
        une      un       DET   2 det
        montée   montée   NOUN  0 ROOT
        des      de       ADP   4 case
        tensions tension  NOUN  2 nmod
    """)
    assert montee.lemma == "monter" and montee.target.event_noun and tensions.lemma == "tension"
    assert resolve_events([montee])[0].target.entity is None


def test_event_noun_saying_a_kind_is_no_participant() -> None:
    """« la reprise de séance »: « séance » is no event here (it says what resumes) and no thing
    either."""
    [reprise] = nominal("""
        la      le      DET   2 det
        reprise reprise NOUN  0 ROOT
        de      de      ADP   4 case
        séance  séance  NOUN  2 nmod
    """)
    assert reprise.target.text == "séance" and reprise.target.event_noun
    assert resolve_events([reprise])[0].target.entity is None


def test_complement_of_a_compound_is_no_target() -> None:
    """« une conférence de presse »: one word; « presse » is no participant of the conference."""
    [conference] = nominal("""
        une        un         DET   2 det
        conférence conférence NOUN  0 ROOT
        de         de         ADP   4 case
        presse     presse     NOUN  2 nmod
    """)
    assert conference.target is None


def test_complement_of_a_locution_noun_may_be_an_event() -> None:
    """« font état de véritables agressions »: the complement belongs to the locution's verb, it
    does not say what kind of « état » it is; the aggressions are an event, not a thing."""
    found = doc_events(
        parse(f"""
            Les        le         DET   2 det
            ONG        ONG        PROPN 3 nsubj
            font       faire      VERB  0 ROOT      {FIN}
            état       état       NOUN  3 obj
            de         de         ADP   7 case
            véritables véritable  ADJ   7 amod
            agressions agression  NOUN  4 nmod
        """),
        0,
        LEMMAS,
    )
    assert [e.lemma for e in found if e.kind == EventKind.NOMINAL] == ["agresser"]


def test_derivation_reads_the_open_vowel_of_the_noun() -> None:
    """« harcèlement » → harceler, « règlement » → régler: the noun's « è » is the verb's « e » or
    « é » (scripts/derive_event_nouns.py, which writes deverbal_nouns.tsv)."""
    path = Path(__file__).resolve().parent.parent / "scripts" / "derive_event_nouns.py"
    spec = importlib.util.spec_from_file_location("derive_event_nouns", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    nouns = {"harcèlement", "règlement", "achèvement", "lancement"}
    verbs = {"harceler", "régler", "achever", "lancer"}
    assert module.derive(nouns, verbs) == {
        "harcèlement": "harceler",
        "règlement": "régler",
        "achèvement": "achever",
        "lancement": "lancer",
    }
    assert lexicon()["harcèlement"].lemma == "harceler"


def test_event_noun_with_its_name_stays_a_participant() -> None:
    """« le lancement du projet Afripédia »: the project named so is a thing, not an event."""
    [lancement, _] = nominal("""
        le        le        DET   2 det
        lancement lancement NOUN  0 ROOT
        du        de        ADP   4 case
        projet    projet    NOUN  2 nmod
        Afripédia Afripédia PROPN 4 nmod
    """)
    assert lancement.target.text == "projet Afripédia" and not lancement.target.event_noun
    assert resolve_events([lancement])[0].target.entity is not None
