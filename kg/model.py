"""Plain frozen records shared by every stage. Imports nothing of kg.

Everything after extraction is one of these: small, hashable, buildable by hand in a test and
serialisable without a model. Offsets are character offsets into the text that was analysed
(``Article.text`` in a build, the string given to ``extract_events`` otherwise).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, replace
from enum import StrEnum

__all__ = [
    "ROLES",
    "Article",
    "Entity",
    "EntityType",
    "Event",
    "Mention",
    "MentionKind",
    "Modality",
    "stable_id",
]


def stable_id(*parts: object, length: int = 16) -> str:
    """Deterministic hex id of ``parts``: same input, same id, in every run and on every machine."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return digest[:length]


class EntityType(StrEnum):
    COUNTRY = "Country"
    PERSON = "Person"
    ORGANIZATION = "Organization"
    GROUP = "Group"
    PLACE = "Place"
    THING = "Thing"


class MentionKind(StrEnum):
    """What a mention is, as far as syntax tells: the resolver treats each kind differently."""

    NAME = "name"  # proper noun: « la Corée du Nord »
    NOUN = "noun"  # common noun phrase: « les forces ukrainiennes »
    PRONOUN = "pronoun"  # personal or demonstrative: « il », « lui », « leur »
    VERB = "verb"  # the trigger of an event
    CLAUSE = "clause"  # a clause standing for a proposition
    TIME = "time"
    QUANTITY = "quantity"
    SENTENCE = "sentence"


class Modality(StrEnum):
    """How far the text commits to an event. Listed from weakest claim to plain fact."""

    NEGATED = "negated"  # « n'avait ni confirmé ni infirmé »
    HYPOTHETICAL = "hypothetical"  # « craignent que la Russie ne récompense », « si … »
    ALLEGED = "alleged"  # journalistic conditional: « aurait envoyé »
    REPORTED = "reported"  # « selon X », « X a déclaré que »
    ASSERTED = "asserted"


@dataclass(frozen=True, slots=True)
class Entity:
    """A real-world thing a mention refers to. ``id`` is stable across runs and articles."""

    id: str
    label: str
    type: EntityType = EntityType.THING
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None  # id of the country a group or person belongs to
    sector: str | None = None  # military, government, intelligence… for groups
    role: str | None = None  # « président » for a person
    # what a thing is of: « l'annonce de la Corée du Nord » → (Corée du Nord,)
    about: tuple[Entity, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text: ``text == source[start:end]``."""

    text: str
    start: int
    end: int
    kind: MentionKind = MentionKind.NOUN
    head: str = ""  # lemma of the syntactic head: « région » for « la région de Koursk »
    ner: str | None = None  # spaCy entity label of the head (PER, LOC, ORG, MISC)
    morph: str = ""  # Gender/Number of the head, for pronoun agreement
    entity: Entity | None = None  # filled by resolution
    # a mention may name several entities: « les services de renseignement américains,
    # sud-coréens et ukrainiens » (``entity`` is the first of them)
    entities: tuple[Entity, ...] = ()

    def shifted(self, offset: int) -> Mention:
        return replace(self, start=self.start + offset, end=self.end + offset)

    def resolved(self, *entities: Entity) -> Mention:
        return replace(self, entity=entities[0] if entities else None, entities=tuple(entities))

    def all_entities(self) -> tuple[Entity, ...]:
        """Every entity the mention names (none when unresolved)."""
        return self.entities or ((self.entity,) if self.entity is not None else ())


# Roles an event may carry besides its action, in display order.
ROLES = (
    "actor",
    "target",
    "recipient",
    "destination",
    "place",
    "time",
    "quantity",
    "purpose",
    "source",
    "disputed_by",
)


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom: one predicate of one sentence with its roles.

    « Selon X, la Corée du Nord aurait envoyé 3 000 soldats en Russie » →
    actor « la Corée du Nord », action « envoyé » (lemma envoyer), target « soldats »,
    quantity « 3 000 », destination « Russie », source « X », modality ALLEGED.
    """

    action: Mention
    lemma: str
    actor: Mention | None = None
    target: Mention | None = None
    recipient: Mention | None = None  # « à la Russie », « lui »
    destination: Mention | None = None  # « en Russie » with a verb of motion or sending
    place: Mention | None = None
    time: Mention | None = None
    quantity: Mention | None = None  # of the target: « une grande quantité », « 3 000 »
    purpose: Mention | None = None  # « pour soutenir la Russie »
    source: Mention | None = None  # who says so: « selon X », « X a déclaré que »
    disputed_by: Mention | None = None  # who denies it: « Une affirmation démentie par X »
    modality: Modality = Modality.ASSERTED
    sentence: Mention | None = None
    doc_id: str = ""
    _id: str | None = field(default=None, init=False, repr=False, compare=False)  # memo of .id

    @property
    def negated(self) -> bool:
        return self.modality is Modality.NEGATED

    def roles(self) -> dict[str, Mention]:
        """The roles present, in display order: {"actor": …, "target": …, …}."""
        return {r: m for r in ROLES if (m := getattr(self, r)) is not None}

    @property
    def id(self) -> str:
        """Deterministic: the same event of the same document always gets the same id."""
        if self._id is None:  # computed once: graphs and exports ask for it many times
            spans = [(r, m.start, m.end) for r, m in self.roles().items()]
            found = stable_id(self.doc_id, self.lemma, self.action.start, self.action.end, spans)
            object.__setattr__(self, "_id", found)
        return self._id


@dataclass(frozen=True, slots=True)
class Article:
    """One input document. ``text`` is what is analysed; ``title`` is its first non-empty line."""

    text: str
    title: str = ""
    date: dt.date | None = None
    source: str | None = None  # path or URL it came from
    url: str | None = None
    metadata: tuple[tuple[str, str], ...] = field(default=())

    @property
    def id(self) -> str:
        """Content-addressed: the same text read twice, from anywhere, is one document."""
        return stable_id(self.text)
