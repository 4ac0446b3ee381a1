"""French calendar words, shared by the stages that read dates (read, extract, resolve, timex)
and the viewer that writes them. Ground floor: imports nothing of kg."""

MONTH_NAMES = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
WEEKDAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
