"""The named spans extraction hands resolution: exact offsets, sentences, records and cache."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kg.cache import ExtractionCache
from kg.extract import extract_articles, extract_events
from kg.model import EntityMention, Extraction, Mention, MentionKind
from kg.records import extraction_from_record, extraction_record, name_from_record, name_record

SEED = next((Path(__file__).parent.parent / "seeds").glob("*.txt")).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_extraction() -> Extraction:
    return next(extract_articles([SEED], ["seed"]))


def test_names_have_exact_offsets_and_their_sentence(seed_extraction):
    assert seed_extraction.names
    for name in seed_extraction.names:
        m, s = name.mention, name.sentence
        assert SEED[m.start : m.end] == m.text
        assert SEED[s.start : s.end] == s.text and s.start <= m.start and m.end <= s.end
        assert name.doc_id == "seed"
        if name.appositive is not None:
            a = name.appositive
            assert SEED[a.start : a.end] == a.text


def test_extract_events_gives_the_events_of_the_extraction(seed_extraction):
    assert [replace(e, doc_id="seed") for e in extract_events(SEED)] == list(seed_extraction.events)


def test_spacy_names_carry_their_label(seed_extraction):
    labels = {n.mention.ner for n in seed_extraction.names}
    assert {"PER", "LOC"} <= labels


def test_a_name_record_reads_back():
    sentence = Mention("Le maire de Lyon, Grégory Doucet, parle.", 0, 40, MentionKind.SENTENCE)
    name = EntityMention(
        mention=Mention("Grégory Doucet", 18, 32, MentionKind.NAME, head="Grégory", ner="PER"),
        sentence=sentence,
        doc_id="d",
        appositive=Mention("Le maire de Lyon", 0, 16, MentionKind.NOUN, head="maire", determiner="le"),
    )
    assert name_from_record(name_record(name, features=True)) == name


def test_the_cache_keeps_events_and_names(tmp_path, seed_extraction):
    cache = ExtractionCache(tmp_path)
    cache.put(SEED, seed_extraction)
    assert cache.get(SEED) == seed_extraction
    assert extraction_from_record(extraction_record(seed_extraction)) == seed_extraction


def test_a_long_unit_gives_each_sentence_its_own_names():
    """``doc_names`` hands each sentence its entities from one look at the Doc's (``sent.ents``
    walks the whole Doc: quadratic on a 20,000-character unit): the names are those each
    sentence finds alone."""
    from kg import nlp
    from kg.extract import doc_names
    from kg.extract.mentions import sentence_mention
    from kg.extract.names import sentence_names

    text = " ".join(SEED.split())  # the seed as one paragraph
    doc = nlp.load()(text)
    alone = [n for s in doc.sents for n in sentence_names(s, 0, sentence_mention(s, 0, text), "d")]
    assert len(list(doc.sents)) > 10 and len(alone) > 20
    assert doc_names(doc, 0, "d") == alone
