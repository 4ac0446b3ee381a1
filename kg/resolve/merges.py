"""Merges inside one article that the text states, after each mention has been resolved alone.

- apposition: « le maire de Lyon, Grégory Doucet », « Grégory Doucet, maire de Lyon » → the
  description is the person, whose role is its title (« maire »);
- a descriptor and its name: « la sonde Juice » … « la sonde » → Juice;
- acronyms defined in the text: « l'Organisation mondiale de la santé (OMS) » … « l'OMS » →
  one organisation;
- other names: « Malcolm X, né Malcolm Little » → one person.

A surname alone after the full name (« Mahama » after « John Mahama ») is a rule of the
resolver itself (``ArticleResolver._surname``): it has to be known before pronouns are read.
Each merge maps entity ids of this article only: « le maire » of another article is not
Grégory Doucet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache

from kg.data import words
from kg.model import Entity, EntityMention, EntityType, Event, Mention
from kg.resolve.gazetteer import gazetteer
from kg.resolve.names import normalise, slug, without_modifiers
from kg.text import fold_name

__all__ = ["merge_in_article"]

# « (OMS) », « ( OTAN ) » right after a name
_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-ZÀ-Ý][A-Za-zÀ-ÿ0-9&-]{1,11})\s*\)")
# « , né Malcolm Little », « , de son vrai nom … »: what stands between a name and another name
# of the same person (kg/data/other_name_links.txt)
_OTHER_NAME = re.compile(
    r"\s*[,(]?\s*(?:" + "|".join(sorted(map(re.escape, words("other_name_links")), key=len, reverse=True)) + r")\s+$",
    re.IGNORECASE,
)
_SMALL_WORDS = words("acronym_skipped_words")
# the roles of one who acts or speaks: « les autorités au Mali » there are Mali's
_AGENTS = frozenset({"actor", "source"})
_SINGULAR_DEFINITE = frozenset({"le", "la", "l'", "l’"})


def merge_in_article(
    events: list[Event], names: list[EntityMention], spans: Iterable[EntityMention] = ()
) -> tuple[list[Event], list[EntityMention]]:
    """``events`` and ``names`` of one article with the entities the text says are one merged;
    ``spans`` are all the article's named spans, resolved or not (« Juice » may stay
    unresolved while its appositive « la sonde » names it)."""
    mentions = _Mentions(sorted(_all_mentions(events, names), key=lambda ms: ms[0].start))
    remap: dict[str, Entity] = {}
    for found, merged in _links(mentions, names):
        if found.id not in remap:  # the name learns its role (« maire ») or its acronym
            remap[found.id] = found
        kept = _final(remap, found)
        same = [e for e in merged if e.type is not EntityType.COUNTRY]
        kept = remap[kept.id] = _enriched(kept, same)
        for entity in same:
            if _final(remap, entity).id != kept.id:
                remap[entity.id] = kept
    acting = [(m, e.sentence) for e in events for r, m in e.roles().items() if r in _AGENTS and m.all_entities()]
    remap.update(_located_groups(acting, names))
    if not remap:
        return events, names

    def fix(m: Mention) -> Mention:
        found = m.all_entities()
        if not any(x.id in remap for x in found):
            return m
        ents = {}
        for x in found:
            new = _final(remap, x)
            ents.setdefault(new.id, replace(new, aliases=(m.text,)) if new is not x else x)
        return m.resolved(*ents.values())

    def fixed(e: Event) -> Event:  # only the events that change are copied: most do not
        changes = {r: new for r, m in e.roles().items() if m.all_entities() and (new := fix(m)) is not m}
        return replace(e, **changes) if changes else e

    events = [fixed(e) for e in events]
    names = [n if (m := fix(n.mention)) is n.mention else replace(n, mention=m) for n in names]
    return events, names


_IN_COUNTRY = re.compile(r"\s+(?:au|aux|en|du|de la|de l'|d'|des|de)\s*", re.IGNORECASE)


class _Mentions(list):
    """The article's resolved mentions (with their sentence) in text order, also by start, by
    folded head and by folded text: each merge reads its few candidates, where reading every
    mention for each name made a 5 MB article quadratic."""

    def __init__(self, mentions: list[tuple[Mention, Mention | None]]) -> None:
        super().__init__(mentions)
        self.by_start: dict[int, list[Mention]] = {}
        self.by_head: dict[str, list[Mention]] = {}
        for mention, _ in mentions:
            self.by_start.setdefault(mention.start, []).append(mention)
            self.by_head.setdefault(fold_name(mention.head), []).append(mention)
        self._by_text: dict[str, list[Mention]] | None = None

    def by_text(self, key: str) -> list[Mention]:
        """The mentions whose folded, normalised text is ``key``: « OMS » for « l'OMS »."""
        if self._by_text is None:  # only an article that defines an acronym needs it
            self._by_text = {}
            for mention, _ in self:
                self._by_text.setdefault(fold_name(normalise(mention.text)), []).append(mention)
        return self._by_text.get(key, [])


def _located_groups(mentions: list[tuple[Mention, Mention | None]], names: list[EntityMention]) -> dict[str, Entity]:
    """« les autorités au Mali ont fermé »: a group (or a body that is an institution: « le
    gouvernement ») of no country that acts, followed by a country's name, is that country's
    group (the mention stops before « au Mali », which is a place of its own); one that undergoes
    is there, not of there (« ont arrêté des journalistes au Sénégal »: Sénégal is where)."""
    found: dict[str, Entity] = {}
    countries = {(n.sentence, n.mention.start): n.mention.entity for n in names if n.mention.entity is not None}
    for mention, sentence in mentions:
        group = mention.entity
        body = group is not None and (
            group.type is EntityType.GROUP or (group.type is EntityType.ORGANIZATION and group.sector is not None)
        )
        if not body or group.affiliation or sentence is None:
            continue
        after = sentence.text[mention.end - sentence.start :]
        link = _IN_COUNTRY.match(after)
        country = countries.get((sentence, mention.end + link.end())) if link else None
        if country is not None and country.type is EntityType.COUNTRY:
            label = f"{mention.text}{after[: link.end()]}{country.label}"
            found[group.id] = replace(
                group, id=slug(f"{mention.head} {country.label}"), label=normalise(label), affiliation=country.id
            )
    return found


def _enriched(kept: Entity, same: list[Entity]) -> Entity:
    """``kept`` with what the mentions merged into it know and it does not: « le président
    français François Hollande » gives the name « François Hollande » its affiliation."""
    fields = {}
    for field in ("affiliation", "sector", "role"):
        if getattr(kept, field) is None:
            known = sorted({v for e in same if e.type is kept.type and (v := getattr(e, field)) is not None})
            if known:
                fields[field] = known[0]
    return replace(kept, **fields) if fields else kept


def _final(remap: dict[str, Entity], entity: Entity) -> Entity:
    seen = set()
    while entity.id in remap and entity.id not in seen:
        seen.add(entity.id)
        entity = remap[entity.id]
    return entity


def _all_mentions(events: list[Event], names: list[EntityMention]) -> Iterator[tuple[Mention, Mention | None]]:
    """Every resolved mention of the article with its sentence."""
    for event in events:
        for mention in event.roles().values():
            if mention.all_entities():
                yield mention, event.sentence
    for name in names:
        yield name.mention, name.sentence


def _links(mentions: _Mentions, names: list[EntityMention]) -> Iterator[tuple[Entity, list[Entity]]]:
    """(entity kept, entities that are the same) for each merge the text states."""
    by_sentence: dict[Mention | None, list[EntityMention]] = {}
    for name in names:
        by_sentence.setdefault(name.sentence, []).append(name)
    for name in names:
        entity = name.mention.entity
        if entity is None:
            continue
        if name.appositive is not None:
            yield from _apposition(name, entity, mentions)
        after = _text_after(name)
        acronym = _ACRONYM_AFTER.match(after) if after is not None else None
        if acronym is not None and _abbreviates(acronym.group(1), normalise(name.mention.text)):
            short = fold_name(acronym.group(1))
            same = [x for m in mentions.by_text(short) for x in m.all_entities()]
            yield replace(entity, aliases=(*entity.aliases, acronym.group(1))), same
        if entity.type is EntityType.PERSON:
            other = _other_name(name, by_sentence.get(name.sentence, []))
            if other is not None:
                yield entity, [other]


def _apposition(name: EntityMention, entity: Entity, mentions: _Mentions) -> Iterator[tuple[Entity, list[Entity]]]:
    """The appositive's own mentions, and later definite mentions of its head noun alone
    (« la sonde » after « la sonde Juice »), are the name's entity; a title is its role."""
    described = name.appositive
    title = _title_of(described.text)
    if entity.type is EntityType.PERSON and title is None and described.start < name.mention.start:
        before = name.sentence.text[described.end - name.sentence.start : name.mention.start - name.sentence.start]
        if "," not in before:
            return  # « la stratégie Romney » is not Romney; « le président Poutine » is Poutine
    kept = replace(entity, role=title) if title and entity.type is EntityType.PERSON and not entity.role else entity
    if _body_noun(described.head):
        return  # « le gouvernement Ayrault » is a government, not Ayrault
    head = fold_name(described.head)
    same = []
    start, end = min(described.start, name.mention.start), max(described.end, name.mention.end)
    for mention in mentions.by_start.get(start, []):
        if mention.end <= end and mention is not name.mention:
            same.extend(mention.all_entities())  # « le maire de Lyon », « la sonde Juice »
    for mention in mentions.by_head.get(head, []) if head else []:
        if mention.start > name.mention.end and _only_the_head(mention, head):
            same.extend(mention.all_entities())  # « la sonde » after « la sonde Juice »
    yield kept, same


def _body_noun(word: str) -> bool:
    """« gouvernement », « armée », « police »: the bodies of the sectors table."""
    bodies = gazetteer().bodies
    word = word.lower()
    return word in bodies or word.removesuffix("s") in bodies


def _only_the_head(mention: Mention, head: str) -> bool:
    """« la sonde » (definite singular, nothing but the noun) for the head « sonde »."""
    if mention.determiner not in _SINGULAR_DEFINITE or mention.complements or mention.number == "Plur":
        return False
    rest = fold_name(mention.text).split()
    return (
        fold_name(mention.head) == head
        and len(rest) <= 2
        and not any(w[:1].isupper() for w in mention.text.split()[1:])
    )


def _text_after(name: EntityMention) -> str | None:
    sentence = name.sentence
    if sentence is None:
        return None
    return sentence.text[name.mention.end - sentence.start :]


def _abbreviates(acronym: str, name: str) -> bool:
    """« OMS » of « Organisation mondiale de la santé »: the letters are the initials of the
    name's words, in order, with « de », « la »… skipped or not."""
    letters = [c for c in fold_name(acronym) if c.isalnum()]
    initials = [w[0] for w in re.findall(r"\w+", fold_name(name)) if w not in _SMALL_WORDS]
    every = [w[0] for w in re.findall(r"\w+", fold_name(name))]
    return len(letters) >= 2 and letters in (initials, every)


def _other_name(name: EntityMention, names: list[EntityMention]) -> Entity | None:
    """« Malcolm Little » of « Malcolm X, né Malcolm Little »; ``names``: those of its sentence."""
    sentence = name.sentence
    if sentence is None:
        return None
    for other in names:
        if other.mention.start <= name.mention.end or other.sentence != sentence or other.mention.entity is None:
            continue
        between = sentence.text[name.mention.end - sentence.start : other.mention.start - sentence.start]
        if _OTHER_NAME.fullmatch(between):
            return other.mention.entity
        return None
    return None


def _title_of(text: str) -> str | None:
    """« maire » of « le maire de Lyon »: the title the description opens with."""
    folded = fold_name(without_modifiers(normalise(text)))
    for title, key in _folded_titles():
        if folded == key or folded.startswith(key + " "):
            return title
    return None


@lru_cache(maxsize=1)
def _folded_titles() -> tuple[tuple[str, str], ...]:
    return tuple((title, fold_name(title)) for title, _ in gazetteer().titles)
