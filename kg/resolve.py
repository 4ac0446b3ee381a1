"""Mention → Entity: one node per distinct normalised name.

« la Corée du Nord », « La Corée du Nord » and « Corée du Nord » are one entity with id
``coree-du-nord``: determiners and elisions go, case, spacing and typographic quotes are
normalised, and the id is an ASCII slug of what remains, so the same name gives the same id in
every run and every article. Pronouns and relative words are never entities: a mention
« il » stays unresolved rather than becoming a node named « il ».
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace

from kg.model import Entity, EntityType, Event, Mention, MentionKind

__all__ = ["ENTITY_ROLES", "entity_for", "normalise", "resolve_events", "slug"]

# Roles whose mentions name participants; time, quantity and purpose are attributes.
ENTITY_ROLES = ("actor", "target", "recipient", "destination", "place", "source", "disputed_by")

_APOSTROPHES = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
        "«": " ",
        "»": " ",
        "“": " ",
        "”": " ",
        '"': " ",
        "\u00a0": " ",
        "\u202f": " ",
    }
)
_LEADING_DETERMINERS = re.compile(
    r"^(?:(?:l'|d'|qu')\s*|(?:les|la|le|des|du|de la|de|un|une|ce|cet|cette|ces|son|sa|ses|leur|leurs|notre|nos"
    r"|votre|vos|mon|ma|mes|ton|ta|tes)\s+)+",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")
NOT_ENTITIES = frozenset(
    {
        "il",
        "elle",
        "ils",
        "elles",
        "lui",
        "leur",
        "eux",
        "on",
        "ce",
        "ça",
        "cela",
        "ceci",
        "qui",
        "que",
        "dont",
        "lequel",
        "laquelle",
        "lesquels",
        "lesquelles",
        "le",
        "la",
        "les",
        "l'",
        "en",
        "y",
        "se",
        "s'",
        "je",
        "tu",
        "nous",
        "vous",
        "me",
        "te",
        "moi",
        "toi",
        "celui",
        "celle",
        "ceux",
        "celles",
        "tout",
        "tous",
        "rien",
        "personne",
        "chacun",
        "aucun",
    }
)
_TYPES_BY_NER = {"PER": EntityType.PERSON, "ORG": EntityType.ORGANIZATION, "LOC": EntityType.PLACE}


def normalise(text: str) -> str:
    """« l’armée  Sud-Coréenne » → « armée Sud-Coréenne »: spacing, quotes, determiners.

    Case is kept (it is the label); compare with ``.casefold()``.
    """
    text = _SPACES.sub(" ", text.translate(_APOSTROPHES)).strip(" ,;:.!?()[]-–—'")
    stripped = _LEADING_DETERMINERS.sub("", text).strip()
    return stripped or text


def slug(text: str) -> str:
    """ASCII id of a name: « Corée du Nord » → ``coree-du-nord``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold()).strip("-") or "x"


def _label(name: str, mention: Mention) -> str:
    """Names keep their case; a common noun is written in lower case: « Armée » → « armée »."""
    if mention.kind is MentionKind.NAME:
        return name
    return name[:1].lower() + name[1:] if name[1:2].islower() or len(name) == 1 else name


def entity_for(mention: Mention) -> Entity | None:
    """The entity a mention names, or None for pronouns and empty names."""
    if mention.kind in (MentionKind.PRONOUN, MentionKind.CLAUSE, MentionKind.TIME, MentionKind.QUANTITY):
        return None
    name = normalise(mention.text)
    if not name or name.casefold() in NOT_ENTITIES:
        return None
    label = _label(name, mention)
    kind = _TYPES_BY_NER.get(mention.ner or "", EntityType.THING)
    return Entity(id=slug(label), label=label, type=kind, aliases=(mention.text,))


def resolve_events(events: Iterable[Event]) -> list[Event]:
    """Events whose participant mentions carry ``.entity`` (None where nothing resolves)."""
    resolved = []
    for event in events:
        changes = {
            role: mention.resolved(entity_for(mention))
            for role, mention in event.roles().items()
            if role in ENTITY_ROLES
        }
        resolved.append(replace(event, **changes))
    return resolved
