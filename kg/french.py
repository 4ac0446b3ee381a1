"""French words shared by several stages: calendar words (read, extract, resolve, timex and the
viewer that writes dates) and verb + noun locutions (extract, resolve). The words themselves are
in kg/data/lexicon/. Imports nothing of kg but its data."""

from kg.data import entries, pairs

MONTH_NAMES = entries("months")  # in calendar order: « janvier » is month 1
WEEKDAY_NAMES = entries("weekdays")  # Monday first, as ``date.weekday()``

# Verb + noun locutions: the noun is part of the predicate, not a participant, and a « de / à »
# complement belongs to the verb, not to the noun:
# « font état d'exactions », « a tenu compte du nombre », « fait l'objet d'une surveillance ».
LIGHT_VERBS = frozenset(pairs("light_verbs"))
