"""The parse kg works on: spaCy's French pipeline with kg's repairs, and nothing else changed."""

from __future__ import annotations

import pytest
import spacy
from conftest import wikinews_articles

from kg import nlp


@pytest.fixture(scope="module")
def pipeline():
    return nlp.load()


def test_headline_without_final_punctuation_stays_one_sentence(pipeline):
    doc = pipeline("Conflit russo-ukrainien : la Corée du Nord confirme le déploiement de ses troupes")
    assert len(list(doc.sents)) == 1


def test_sentences_start_only_after_final_punctuation(pipeline):
    doc = pipeline("« La Russie remercie la Corée du Nord. » Le président russe a salué l'héroïsme des soldats !")
    assert [s.text for s in doc.sents] == [
        "« La Russie remercie la Corée du Nord. »",
        "Le président russe a salué l'héroïsme des soldats !",
    ]


@pytest.mark.parametrize("compound", ["russo-ukrainien", "franco-allemande", "sino-américains"])
def test_o_compounds_are_one_token(pipeline, compound):
    doc = pipeline(f"Le sommet {compound} a eu lieu hier.")
    assert compound in [t.text for t in doc]


def test_hyphenated_words_that_are_not_o_compounds_are_left_alone(pipeline):
    text = "Le porte-avions est arrivé à Saint-Nazaire. Viendra-t-il demain ? Le score : 3-0."
    assert [t.text for t in pipeline(text)] == [t.text for t in pipeline.tokenizer(text)]


def test_lemmas_and_tags_are_those_of_spacys_own_pipeline(pipeline):
    """kg swaps the French lemmatizer's word lists for sets (for speed) and adds two components:
    on paragraphs without « -o- » compounds, every token keeps spaCy's lemma, tag and morphology
    (entities and the parse may differ where kg's sentence boundaries differ)."""
    paragraphs = [
        para
        for path in wikinews_articles()
        for _, para in nlp.paragraphs(path.read_text(encoding="utf-8"))
        if "o-" not in para
    ]
    stock = spacy.load(nlp.MODEL)

    def annotations(language):
        return [[(t.text, t.lemma_, t.pos_, str(t.morph)) for t in doc] for doc in language.pipe(paragraphs)]

    assert annotations(pipeline) == annotations(stock)
