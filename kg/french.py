"""French words shared by several stages: calendar words (read, extract, resolve, timex and the
viewer that writes dates) and verb + noun locutions (extract, resolve). Ground floor: imports
nothing of kg."""

MONTH_NAMES = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
WEEKDAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

# Verb + noun locutions: the noun is part of the predicate, not a participant, and a « de / à »
# complement belongs to the verb, not to the noun:
# « font état d'exactions », « a tenu compte du nombre », « fait l'objet d'une surveillance ».
LIGHT_VERBS = frozenset(
    {
        ("faire", "état"),
        ("tenir", "compte"),
        ("rendre", "compte"),
        ("faire", "partie"),
        ("faire", "face"),
        ("avoir", "besoin"),
        ("faire", "objet"),
        ("faire", "usage"),
        ("prendre", "part"),
        ("prendre", "soin"),
        ("avoir", "recours"),
        ("faire", "preuve"),
        ("faire", "appel"),
        ("avoir", "trait"),
        ("faire", "allusion"),
        ("prendre", "acte"),
        ("avoir", "accès"),
        ("faire", "mention"),
        ("prendre", "connaissance"),
        ("avoir", "droit"),
        ("avoir", "lieu"),
    }
)
