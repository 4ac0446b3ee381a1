"""Plain frozen records shared by every stage. Imports nothing of kg.

Everything after extraction is one of these: small, hashable, buildable by hand in a test and
serialisable without a model. Offsets are character offsets into the text that was analysed
(``Article.text`` in a build, the string given to ``extract_events`` otherwise).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from dataclasses import dataclass, field, replace
from enum import StrEnum

__all__ = [
    "ACTING_ROLES",
    "ENTITY_ROLES",
    "REPORT_ROLES",
    "ROLES",
    "ROLE_TABLE",
    "Article",
    "Bound",
    "Entity",
    "EntityMention",
    "EntityType",
    "Event",
    "EventKind",
    "Extraction",
    "Happening",
    "Mention",
    "MentionKind",
    "Modality",
    "Period",
    "Role",
    "Unit",
    "stable_id",
]


def _interned(record: object, names: tuple[str, ...]) -> None:
    """The strings of ``record``'s fields ``names`` replaced by their interned copies: a big
    article holds millions of mentions whose features (« NOUN », « Sing », « la »), document
    ids and lemmas are a few thousand strings, and every parse, record read or ``replace``
    makes a new copy of each. Only words and ids are interned, never a text of unbounded
    variety: interned strings may live as long as the process."""
    for name in names:
        value = getattr(record, name)
        if type(value) is str:
            object.__setattr__(record, name, sys.intern(value))


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
    CITY = "City"  # a place that is a town: a capital, « la ville de Koursk »
    TEAM = "Team"  # a sports team, affiliated with its country or town: « l'équipe d'Italie »
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


class EventKind(StrEnum):
    """What the trigger of an event is: a verb (« a envoyé ») or an event noun (« l'envoi »)."""

    VERBAL = "verbal"
    NOMINAL = "nominal"  # « l'envoi de troupes en Russie », « la victoire de la Russie »


class Modality(StrEnum):
    """How far the text commits to an event. Listed from weakest claim to plain fact."""

    NEGATED = "negated"  # « n'avait ni confirmé ni infirmé »
    HYPOTHETICAL = "hypothetical"  # « craignent que la Russie ne récompense », « si … »
    ALLEGED = "alleged"  # journalistic conditional: « aurait envoyé »
    REPORTED = "reported"  # « selon X », « X a déclaré que »
    ASSERTED = "asserted"

    @property
    def claim(self) -> str:
        """What a report says of its happening: that it happened (asserted, reported or alleged:
        the text's commitment varies, not the claim), that it may happen, or that it did not. Only
        reports of one claim can tell one happening: « a envoyé » and « n'a pas envoyé » never merge."""
        return self.value if self in (Modality.NEGATED, Modality.HYPOTHETICAL) else "happened"


@dataclass(frozen=True, slots=True)
class Entity:
    """A real-world thing a mention refers to. ``id`` is stable across runs and articles."""

    id: str
    label: str
    type: EntityType = EntityType.THING
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None  # id of the country (or town) a group, person, team or town belongs to
    sector: str | None = None  # military, government, intelligence… for groups
    role: str | None = None  # « président » for a person
    # what a thing is of: « l'annonce de la Corée du Nord » → (Corée du Nord,)
    about: tuple[Entity, ...] = ()
    # a country's ISO 3166-1 alpha-2 code (CLDR, through Babel): « KP ». Left out of equality:
    # it follows from the same gazetteer entry as the id, so it never tells two entities apart
    iso: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        _interned(self, ("id", "label", "affiliation", "sector", "role", "iso"))


# not ``text``: interned strings may outlive every record (immortal in CPython 3.12), and a
# sentence's text is shared by the records of the sentence instead (``kg.records``, extraction)
_MENTION_STRINGS = ("head", "ner", "pos", "gender", "number", "determiner", "case")


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text: ``text == source[start:end]``."""

    text: str
    start: int
    end: int
    kind: MentionKind = MentionKind.NOUN
    head: str = ""  # lemma of the syntactic head: « région » for « la région de Koursk »
    ner: str | None = None  # spaCy entity label of the head (PER, LOC, ORG, MISC)
    pos: str = ""  # UD part of speech of the head: NOUN, PROPN, ADV, NUM, SYM…; "" if unknown
    gender: str | None = None  # of the head, for pronoun agreement: "Masc", "Fem", None if unknown
    number: str | None = None  # "Sing", "Plur", None if unknown
    determiner: str = ""  # the head's determiner, lowercased: « les », « l' », « ses », « un »; "" if none
    # the head's « de » complements inside the mention, each a mention of its own without its
    # preposition: « l'annonce de la Corée du Nord » → (« la Corée du Nord »,)
    complements: tuple[Mention, ...] = ()
    case: str = ""  # a complement's preposition, lowercased: « de », « du », « des », « d' »
    # the noun is part of its verb's predicate (« ont eu lieu », « fait état »): no participant
    locution: bool = False
    # the head is an event noun (« a confirmé l'envoi de troupes »): a nominal event of its own
    # stands for it, so resolution makes no entity of it
    event_noun: bool = False
    entity: Entity | None = None  # filled by resolution
    # a mention may name several entities: « les services de renseignement américains,
    # sud-coréens et ukrainiens » (``entity`` is the first of them)
    entities: tuple[Entity, ...] = ()

    def __post_init__(self) -> None:
        _interned(self, _MENTION_STRINGS)

    def resolved(self, *entities: Entity) -> Mention:
        """The mention naming ``entities``; itself when it names none and is given none (most
        mentions of a big article: no copy for nothing)."""
        if not entities and self.entity is None and not self.entities:
            return self
        return replace(self, entity=entities[0] if entities else None, entities=tuple(entities))

    def before_complements(self) -> str:
        """The text up to its first « de » complement: « l'Ukraine » of « l'Ukraine d'un levier »."""
        if not self.complements:
            return self.text
        first = min(self.complements, key=lambda c: c.start)
        return self.text[: first.start - self.start].rstrip().removesuffix(first.case).rstrip()

    def all_entities(self) -> tuple[Entity, ...]:
        """Every entity the mention names (none when unresolved)."""
        return self.entities or ((self.entity,) if self.entity is not None else ())


@dataclass(frozen=True, slots=True)
class Role:
    """One role an event may carry besides its action: everything the stages need to know of it.

    ``entity``: its mention names participants, resolved to entities (else it is an attribute
    kept as written: a time, a quantity, a purpose). ``acting``: a participant that can act or
    be acted upon, so that a capital stands for its state (« Pyongyang reconnaît ») and one span
    is resolved once for all acting roles; a place or a destination stays a place.
    ``property``: the local name of the ``kg:`` property of the event it fills in the RDF (an
    object property to entities for entity roles, a language-tagged literal otherwise);
    ``sem``: the SEM property it specialises and is written with (``hasActor``, ``hasPlace``).
    ``text_property``: a second ``kg:`` property holding the mention as written, whether or not
    it resolves. ``report``: the role says who tells the happening, not what happened (« selon
    X »): it belongs to each report of an event, and reports of one happening may differ in it.
    ``label``: its French name in the viewer; ``cue``: how it reads under the verb
    on an arrow of the viewer (``{}`` is the mention), none for the arrow's own two ends.
    """

    name: str
    entity: bool
    acting: bool
    property: str
    label: str
    sem: str | None = None
    text_property: str | None = None
    cue: str | None = None
    report: bool = False


# The roles, in display order (also the order in which a mention met in two roles is resolved).
# To add a role: a row here and an Event field of the same name below (the import fails until
# both agree), then its kg: property in kg/vocab.py, kg/ontology.ttl and kg/shapes.ttl (a test
# says what is missing). Every stage and export reads this table.
ROLE_TABLE: tuple[Role, ...] = (
    Role("actor", entity=True, acting=True, property="actor", sem="hasActor", label="acteur"),
    Role("target", entity=True, acting=True, property="target", sem="hasActor", label="cible"),
    Role("locution", entity=False, acting=False, property="locution", label="locution", cue="locution : {}"),
    Role("recipient", entity=True, acting=True, property="recipient", sem="hasActor", label="destinataire", cue="à {}"),
    Role("destination", entity=True, acting=False, property="destination", sem="hasPlace", label="destination",
         cue="destination : {}"),
    Role("place", entity=True, acting=False, property="place", sem="hasPlace", label="lieu", cue="lieu : {}"),
    Role("time", entity=False, acting=False, property="timeExpression", label="date", cue="{}"),
    Role("quantity", entity=False, acting=False, property="quantity", label="quantité", cue="quantité : {}"),
    Role("purpose", entity=False, acting=False, property="purpose", label="but", cue="but : {}"),
    Role("source", entity=True, acting=True, property="source", text_property="sourceText", label="source",
         cue="selon {}", report=True),
    Role("disputed_by", entity=True, acting=True, property="disputedBy", label="contesté par",
         cue="contesté par {}", report=True),
)  # fmt: skip
ROLES: tuple[str, ...] = tuple(r.name for r in ROLE_TABLE)
ROLE_BY_NAME: dict[str, Role] = {r.name: r for r in ROLE_TABLE}
ENTITY_ROLES: tuple[str, ...] = tuple(r.name for r in ROLE_TABLE if r.entity)
ACTING_ROLES: frozenset[str] = frozenset(r.name for r in ROLE_TABLE if r.acting)
REPORT_ROLES: frozenset[str] = frozenset(r.name for r in ROLE_TABLE if r.report)


class Unit(StrEnum):
    """Granularity of a resolved period."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"


class Bound(StrEnum):
    """How the event relates to the named period."""

    AT = "at"  # « ce lundi », « en mars »
    SINCE = "since"  # « depuis mars », « dès lundi »: from its first day on
    UNTIL = "until"  # « jusqu'à ce lundi »: up to its last day


@dataclass(frozen=True, slots=True)
class Period:
    """The period a time expression names, first and last day inclusive, how the event relates
    to it, and the date it was resolved against (the article's): « à l'automne dernier » in an
    article of 28 April 2025 → season, 2024-09-01 to 2024-11-30, anchor 2025-04-28."""

    unit: Unit
    first: dt.date
    last: dt.date
    bound: Bound = Bound.AT
    anchor: dt.date | None = None

    @property
    def begin(self) -> dt.date | None:
        """When the event starts at the latest known: None for « jusqu'à … »."""
        return None if self.bound is Bound.UNTIL else self.first

    @property
    def end(self) -> dt.date | None:
        """When the event ends at the latest known: None for « depuis … »."""
        return None if self.bound is Bound.SINCE else self.last

    @property
    def timestamp(self) -> tuple[str, str] | None:
        """(lexical form, XSD datatype name) when the event is at one day, month or year:
        ("2025-04-28", "date"), ("2025-03", "gYearMonth"), ("2025", "gYear"); else None."""
        if self.bound is not Bound.AT:
            return None
        if self.unit is Unit.DAY:
            return self.first.isoformat(), "date"
        if self.unit is Unit.MONTH:
            return f"{self.first.year:04d}-{self.first.month:02d}", "gYearMonth"
        if self.unit is Unit.YEAR:
            return f"{self.first.year:04d}", "gYear"
        return None


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom: one predicate of one sentence with its roles.

    « Selon X, la Corée du Nord aurait envoyé 3 000 soldats en Russie » →
    actor « la Corée du Nord », action « envoyé » (lemma envoyer), target « soldats »,
    quantity « 3 000 », destination « Russie », source « X », modality ALLEGED. ``confidence``
    is not part of ``id``: refitting the model changes no event's identity.
    """

    action: Mention
    lemma: str
    actor: Mention | None = None
    target: Mention | None = None
    # the noun of a verb + noun locution, part of the predicate: « fin » of « mettre fin à la
    # guerre » (lemma « mettre fin », target « la guerre »)
    locution: Mention | None = None
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
    period: Period | None = None  # what ``time`` names, resolved against the article's date
    kind: EventKind = EventKind.VERBAL  # the trigger is a verb, or an event noun (« l'envoi »)
    # P(actor, action and target are right), from kg/data/confidence.json; None when not scored
    confidence: float | None = None
    _id: str | None = field(default=None, init=False, repr=False, compare=False)  # memo of .id

    def __post_init__(self) -> None:
        _interned(self, ("lemma", "doc_id"))

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
            # the kind joins the hash of nominal events only: verbal ids stay what they were
            kind = () if self.kind == EventKind.VERBAL else (str(self.kind),)
            found = stable_id(self.doc_id, self.lemma, self.action.start, self.action.end, spans, *kind)
            object.__setattr__(self, "_id", found)
        return self._id


_ROLE_FIELDS = [f for f in Event.__dataclass_fields__.values() if f.type in ("Mention | None",)]
if [f.name for f in _ROLE_FIELDS if f.name != "sentence"] != list(ROLES):  # pragma: no cover - a developer's slip
    raise TypeError(f"Event's role fields and ROLE_TABLE disagree: {[f.name for f in _ROLE_FIELDS]} vs {ROLES}")


def _document_order(event: Event) -> tuple:
    return event.doc_id, event.action.start, event.id


@dataclass(frozen=True, slots=True)
class Happening:
    """One happening and every report of it: « Pyongyang a envoyé des troupes » in three
    articles is one happening with three reports, asserted in two and alleged in one.

    Each report is the per-sentence ``Event`` that told it, with its article, sentence, offsets,
    modality and source; the graph stage (``kg.graph``) decides which reports tell one happening.
    ``id`` is the event id of the graph and of every export (``event:{id}`` in the Turtle).
    """

    id: str
    reports: tuple[Event, ...]  # in document order: (doc_id, trigger offset, id)

    def __post_init__(self) -> None:
        if not self.reports:
            raise ValueError("a happening has at least one report")
        object.__setattr__(self, "reports", tuple(sorted(self.reports, key=_document_order)))

    @property
    def lead(self) -> Event:
        """The first report in document order: its trigger, sentence and offsets stand for the event."""
        return self.reports[0]

    @property
    def modality(self) -> Modality:
        """The strongest commitment of its reports: asserted once and alleged twice is asserted (each
        report keeps its own); reports of one happening share their claim (``Modality.claim``)."""
        order = list(Modality)
        return max((r.modality for r in self.reports), key=order.index)

    @property
    def confidence(self) -> float | None:
        """The best of its reports' confidences (None when none was scored)."""
        return max((r.confidence for r in self.reports if r.confidence is not None), default=None)

    def participants(self) -> dict[str, tuple[Entity, ...]]:
        """The entities of each role over all its reports, in role order, each once: one report
        may name the destination another leaves out."""
        found: dict[str, dict[str, Entity]] = {}
        for report in self.reports:
            for role, mention in report.roles().items():
                for entity in mention.all_entities():
                    found.setdefault(role, {}).setdefault(entity.id, entity)
        return {role: tuple(found[role].values()) for role in ROLES if role in found}


@dataclass(frozen=True, slots=True)
class Article:
    """One input document. ``text`` is what is analysed; ``title`` its headline (``kg.read.title_of``)."""

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


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A named span of an article, whether or not an event holds it: spaCy's PER, ORG, LOC,
    MISC spans and the gazetteer's names (« Mali » of « les autorités au Mali »), with its
    sentence. ``appositive`` is the noun phrase the text sets beside the name as what it is:
    « le maire de Lyon » of « le maire de Lyon, Grégory Doucet », « la sonde » of « la sonde
    Juice ». Resolution fills ``mention.entity``."""

    mention: Mention
    sentence: Mention | None = None
    doc_id: str = ""
    appositive: Mention | None = None

    def __post_init__(self) -> None:
        _interned(self, ("doc_id",))


@dataclass(frozen=True, slots=True)
class Extraction:
    """What extraction hands resolution for one article: its events and its named spans."""

    events: tuple[Event, ...] = ()
    names: tuple[EntityMention, ...] = ()
