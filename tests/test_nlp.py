"""The parse kg works on: spaCy's French pipeline with kg's repairs, and nothing else changed."""

from __future__ import annotations

import re

import pytest
import spacy
from conftest import wikinews_articles
from hypothesis import given
from hypothesis import strategies as st

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


# --- a line too long for the parser: cut in pieces (the limit made tiny) -------------------------

CUT_TEXT = (
    "La Corée du Nord a envoyé des troupes. M. Kim a salué leur héroïsme ! « Nous vaincrons », "
    "a-t-il dit. J. Doe, un analyste, en doute… Le Kremlin remercie Pyongyang. 2025 sera décisive."
)


def _pieces_cover(line: str, pieces: list[tuple[int, str]], limit: int) -> None:
    assert all(line[o : o + len(p)] == p and 0 < len(p) <= limit for o, p in pieces)
    assert [o for o, _ in pieces] == sorted({o for o, _ in pieces})
    ends = [o + len(p) for o, p in pieces]
    gaps = [line[end:start] for end, (start, _) in zip(ends, pieces[1:], strict=False)]
    assert all(not gap.strip() for gap in gaps)  # only blank pieces are left out
    assert not line[ends[-1] :].strip() and not line[: pieces[0][0]].strip()


@pytest.mark.parametrize("limit", [40, 60, 90, 130])
def test_a_long_line_is_cut_after_sentence_ends_only(limit):
    pieces = nlp.cut_line(CUT_TEXT, limit)
    _pieces_cover(CUT_TEXT, pieces, limit)
    assert len(pieces) > 1
    starts = {m.start() for m in re.finditer(r"(?<=[.!?…] )(?:« )?[A-Z0-9ÉÀ]", CUT_TEXT)}
    starts -= {CUT_TEXT.index("Kim"), CUT_TEXT.index("Doe")}  # after « M. » and « J. »: no sentence end
    assert {o for o, _ in pieces[1:]} <= starts


def test_a_line_shorter_than_the_limit_is_one_piece():
    assert nlp.cut_line(CUT_TEXT, len(CUT_TEXT)) == [(0, CUT_TEXT)]
    assert nlp.paragraphs("Titre\n\n" + CUT_TEXT + "\n") == [(0, "Titre"), (7, CUT_TEXT)]


def test_a_line_without_sentence_end_is_cut_between_words():
    line = " ".join(f"mot{i}" for i in range(200))
    pieces = nlp.cut_line(line, 50)
    _pieces_cover(line, pieces, 50)
    assert all(re.fullmatch(r"(mot\d+ )*mot\d+ ?", p) for _, p in pieces)


def test_a_line_without_spaces_is_cut_at_the_limit_and_never_inside_a_letter():
    line = "x" * 250
    assert [(o, len(p)) for o, p in nlp.cut_line(line, 100)] == [(0, 100), (100, 100), (200, 50)]
    accented = "e\u0301" * 120  # « é » as e + combining acute accent
    pieces = nlp.cut_line(accented, 51)
    _pieces_cover(accented, pieces, 51)
    assert all(p[0] == "e" for _, p in pieces)


def test_a_huge_line_of_spaces_gives_no_piece():
    assert nlp.cut_line(" " * 1000, 64) == []
    assert nlp.paragraphs("Titre\n" + " " * 1000 + "\nFin.") == [(0, "Titre"), (1007, "Fin.")]


@given(st.text(alphabet=st.sampled_from("aé .!?»«\u00a0\u0301ABZ19-\t"), max_size=400), st.integers(1, 60))
def test_any_line_is_cut_in_pieces_that_index_it(line, limit):
    pieces = nlp.cut_line(line, limit)
    if line.strip():
        _pieces_cover(line, pieces, limit)
    else:
        assert pieces == []


def test_batches_hold_at_most_batch_chars(pipeline, monkeypatch):
    """Units of 400 characters in batches of 1,000: never three in one batch; the first text's
    Docs come before the whole input is parsed, one batch at a time."""
    monkeypatch.setattr(nlp, "MAX_UNIT", 400)
    monkeypatch.setattr(nlp, "BATCH_CHARS", 1_000)
    batches = []
    real_pipe = type(pipeline).pipe

    def pipe(self, units, **kwargs):
        if kwargs.get("as_tuples"):  # spaCy calls itself again without the tuples
            units = list(units)
            batches.append([len(u) for u, _ in units])
        return real_pipe(self, units, **kwargs)

    monkeypatch.setattr(type(pipeline), "pipe", pipe)
    texts = [CUT_TEXT * 12, "Titre seul", "", CUT_TEXT * 3]
    parsed = nlp.parse(texts)
    first = next(parsed)
    offset, doc = next(first)
    assert offset == 0 and len(batches) == 1
    docs = [[(offset, doc.text), *((o, d.text) for o, d in first)]]
    docs += [[(o, d.text) for o, d in group] for group in parsed]  # each text read before the next
    assert all(sum(b) <= 1_000 for b in batches if len(b) > 1)
    assert [[u for _, u in nlp.paragraphs(t)] for t in texts] == [[d for _, d in group] for group in docs]
    assert [[o for o, _ in nlp.paragraphs(t)] for t in texts] == [[o for o, _ in group] for group in docs]


def test_release_lets_the_pipeline_go():
    """``kg build`` lets the parser go before writing: once a build is done, nothing of kg holds
    the pipeline (in a fresh interpreter: this session's fixtures hold theirs)."""
    import subprocess
    import sys

    script = """
import gc, weakref
import kg
from kg import nlp
kg.build_graph([kg.Article(text="Pyongyang a envoyé des troupes en Russie.")])
held = weakref.ref(nlp.load())
nlp.release()
gc.collect()
assert held() is None, "the pipeline is still held"
assert nlp.load()("Pyongyang a confirmé.")[0].text == "Pyongyang"
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def test_a_build_can_let_the_pipeline_go_once_everything_is_parsed():
    """``release_model`` (what ``kg build`` asks): the parser is let go once the last article is
    parsed, before resolution (nothing of the parser's, its generators included, still holds it
    while the last article is resolved), and every article is parsed all the same."""
    import subprocess
    import sys

    script = """
import gc, weakref
import kg
from kg import nlp
import kg.pipeline
held = weakref.ref(nlp.load())
texts = ["Pyongyang a envoyé des troupes en Russie.", "Séoul a convoqué l'ambassadeur russe."]
resolve, alive = kg.pipeline.resolve_article, []
def resolving(*args):  # what is still held while each article is resolved
    gc.collect()
    alive.append(held() is not None)
    return resolve(*args)
kg.pipeline.resolve_article = resolving
graph = kg.build_graph([kg.Article(text=t) for t in texts], release_model=True)
gc.collect()
assert held() is None, "the pipeline is still held"
assert alive == [True, False], f"the pipeline is held while the last article is resolved: {alive}"
assert {e.lemma for e in graph.events} >= {"envoyer", "convoquer"}, graph.events
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
