"""French words shared by several stages: calendar words (read, extract, resolve, timex and the
viewer that writes dates) and verb + noun locutions (extract, resolve). The words themselves are
in kg/data/lexicon/. Imports nothing of kg but its data."""

from typing import NamedTuple

from kg.data import entries, pairs

MONTH_NAMES = entries("months")  # in calendar order: « janvier » is month 1
WEEKDAY_NAMES = entries("weekdays")  # Monday first, as ``date.weekday()``


class Locution(NamedTuple):
    """« mettre fin à X »: lemma « mettre fin », the target is the complement in « à »."""

    lemma: str
    complement: str  # the target's preposition (« à », « de », « sur »…), "" when there is none


# (verb lemma, noun lemma) → the locution: « font état d'exactions », « ont eu lieu ».
LOCUTIONS: dict[tuple[str, str], Locution] = {
    (verb, noun): Locution(lemma, "" if complement == "-" else complement)
    for verb, noun, lemma, complement in pairs("locutions")
}
