"""Bad input: a clear message, the rest built, nothing lost (the test matrix of a corpus build)."""

from __future__ import annotations

import base64
import io
import json
import os
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, NO_CORPUS, WIKINEWS, WIKINEWS_JSONL

from kg.pipeline import load_inputs
from kg.read import FieldMap, ReadOptions, dateline, language_of, read_paths

FRENCH = (
    "La Corée du Nord a fourni une grande quantité d'armes à la Russie. Le gouvernement sud-coréen "
    "a condamné ces livraisons et a convoqué l'ambassadeur russe à Séoul pour lui demander des explications."
)
ENGLISH = (
    "North Korea has supplied a large quantity of weapons to Russia. The South Korean government condemned "
    "the deliveries and summoned the Russian ambassador in Seoul to ask for explanations."
)


@pytest.fixture
def matrix(tmp_path):
    """A folder holding every kind of bad input next to one good article."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Titre\n\n" + FRENCH + "\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text(" \n\t\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "latin1.txt").write_bytes(("Titre accentué\n\n" + FRENCH.replace("Corée", "Corée")).encode("cp1252"))
    (folder / "english.txt").write_text("Title\n\n" + ENGLISH + "\n", encoding="utf-8")
    (folder / "page.txt").write_text(
        "<!DOCTYPE html><html><head><title>Une page</title><script>alert(1)</script></head>"
        f"<body><h1>Une page</h1><p>{FRENCH}</p></body></html>",
        encoding="utf-8",
    )
    (folder / "copy.txt").write_text("Titre\n\n" + FRENCH + "\n", encoding="utf-8")  # the same article twice
    lines = [
        json.dumps({"id": "1", "title": "Un", "lead": FRENCH, "paragraphs": []}, ensure_ascii=False),
        "{not json",
        json.dumps(
            {"id": "3", "title": "Trois", "paragraphs": [FRENCH.replace("Russie", "Syrie")]}, ensure_ascii=False
        ),
        json.dumps({"id": "4", "title": "Quatre"}),
    ]
    (folder / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _by_source(problems):
    return {os.path.basename(p.source): p for p in problems}


def test_every_bad_input_is_one_problem_and_the_rest_is_read(matrix):
    articles, problems = read_paths([matrix])
    found = _by_source(problems)
    assert found["empty.txt"].skipped and "empty" in found["empty.txt"].message
    assert found["blank.txt"].skipped
    assert found["binary.txt"].skipped and "binary" in found["binary.txt"].message
    assert not found["latin1.txt"].skipped and "cp1252" in found["latin1.txt"].message.lower().replace(
        "windows-1252", "cp1252"
    )
    assert found["english.txt"].skipped and "en" in found["english.txt"].message
    assert not found["page.txt"].skipped and "HTML" in found["page.txt"].message
    jsonl = [p for p in problems if p.source.endswith("corpus.jsonl")]
    assert {p.line for p in jsonl} == {2, 4}
    assert all(str(p).startswith(f"{p.source}:{p.line}: ") for p in jsonl)
    sources = {os.path.basename(a.source).split(":")[0] for a in articles}
    assert {"good.txt", "latin1.txt", "page.txt", "corpus.jsonl", "copy.txt"} <= sources
    assert "Corée" in next(a for a in articles if a.source.endswith("latin1.txt")).text


def test_every_problem_has_the_code_of_its_kind(matrix):
    _, problems = load_inputs([matrix])
    codes = {(os.path.basename(p.source).split(":")[0], p.line): p.code for p in problems}
    assert codes == {
        ("empty.txt", None): "empty",
        ("blank.txt", None): "empty",
        ("binary.txt", None): "binary",
        ("latin1.txt", None): "decoded",
        ("english.txt", None): "not-french",
        ("page.txt", None): "html",
        ("good.txt", None): "duplicate",  # read after copy.txt
        ("corpus.jsonl", 2): "bad-json-line",
        ("corpus.jsonl", 4): "no-text-field",
    }


def test_html_page_keeps_text_and_drops_markup(matrix):
    articles, _ = read_paths([matrix / "page.txt"])
    (page,) = articles
    assert "<" not in page.text and "alert(1)" not in page.text
    assert page.title == "Une page" and FRENCH in page.text


def test_other_language_can_be_kept_with_a_warning(matrix):
    articles, problems = read_paths([matrix / "english.txt"], ReadOptions(other_language="warn"))
    assert len(articles) == 1
    assert len(problems) == 1 and not problems[0].skipped and problems[0].code == "not-french"


LANGUAGES = json.loads((Path(__file__).parent / "cases" / "languages.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", LANGUAGES, ids=[f"{c['language']}-{i}" for i, c in enumerate(LANGUAGES)])
def test_language_of_a_text(case):
    """French is recognised from its function words at once; languages close to French
    (Spanish, Italian, Catalan, Portuguese) must not pass for it."""
    assert language_of(case["text"]) == case["language"], case["comment"]


def test_jsonl_fields_are_mappable(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text(
        json.dumps({"headline": "Titre", "body": FRENCH, "published": "2025-04-28"}) + "\n", encoding="utf-8"
    )
    articles, problems = read_paths(
        [path], ReadOptions(fields=FieldMap.parse(["title=headline", "text=body", "date=published"]))
    )
    assert problems == []
    (article,) = articles
    assert article.title == "Titre" and article.date.isoformat() == "2025-04-28"
    with pytest.raises(ValueError, match="NAME=FIELD"):
        FieldMap.parse(["titre=headline"])


@pytest.mark.parametrize(
    ("folder", "jsonl", "n"),
    [
        (WIKINEWS, WIKINEWS_JSONL, 12),
        pytest.param(
            CORPUS,
            CORPUS.parent / "wikinews_fr_100.jsonl",
            100,
            marks=pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_CORPUS),
        ),
    ],
    ids=["shipped", "corpus"],
)
def test_the_same_article_from_a_folder_and_from_jsonl_is_one_text(folder, jsonl, n):
    """The Wikinews articles come as .txt files and as JSONL: both readings give the same texts."""
    from_files, _ = read_paths([folder])
    from_jsonl, _ = read_paths([jsonl])
    assert len(from_files) == len(from_jsonl) == n
    assert {a.id for a in from_files} == {a.id for a in from_jsonl}


def test_datelines_date_articles_without_metadata():
    assert dateline("Titre\n\n22 mai 2012. - Prévu initialement pour samedi…").isoformat() == "2012-05-22"
    assert dateline("Paris, 1er juin 2012 — Le président…").isoformat() == "2012-06-01"
    assert dateline("Le 22 mai 2012, il a plu.") is None
    articles, _ = read_paths([WIKINEWS])
    assert len(articles) == 12 and all(a.date is not None for a in articles)


def test_stdin_is_one_article(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(("Titre\n\n" + FRENCH).encode())))
    articles, problems = read_paths(["-"])
    assert len(articles) == 1 and problems == []


def test_a_five_megabyte_article_is_read_and_cut_for_the_parser(tmp_path):
    from kg.nlp import MAX_UNIT, paragraphs

    text = "Titre\n\n" + (FRENCH + " ") * (5_000_000 // len(FRENCH))
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    (article,), _ = read_paths([path])
    units = paragraphs(article.text)
    assert all(len(u) <= MAX_UNIT for _, u in units)
    assert all(article.text[o : o + len(u)] == u for o, u in units)
    assert sum(len(u) for _, u in units) >= len(article.text.strip()) - 10


def test_hidden_files_backups_and_folder_links_are_not_read(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text("Titre\n\n" + FRENCH + "\n", encoding="utf-8")
    (folder / "._good.txt").write_bytes(b"Mac OS X resource fork")  # macOS companion file
    (folder / ".brouillon.txt").write_text(FRENCH.replace("Russie", "Syrie"), encoding="utf-8")
    (folder / "good.txt~").write_text(FRENCH, encoding="utf-8")  # editor backup
    (folder / ".git").mkdir()
    (folder / ".git" / "notes.md").write_text(FRENCH.replace("Russie", "Chine"), encoding="utf-8")
    (folder / "sub" / "boucle").symlink_to(folder, target_is_directory=True)  # a loop

    articles, problems = read_paths([folder])

    assert [a.source for a in articles] == [str(folder / "good.txt")]
    assert problems == []


def test_a_file_named_explicitly_is_read_even_if_hidden(tmp_path):
    hidden = tmp_path / ".article.txt"
    hidden.write_text("Titre\n\n" + FRENCH + "\n", encoding="utf-8")
    articles, _ = read_paths([hidden])
    assert len(articles) == 1


def test_the_output_folder_inside_the_input_folder_is_not_read(tmp_path):
    folder = tmp_path / "in"
    (folder / "exports").mkdir(parents=True)
    (folder / "good.txt").write_text("Titre\n\n" + FRENCH + "\n", encoding="utf-8")
    (folder / "exports" / "events.jsonl").write_text('{"lemma": "fournir"}\n', encoding="utf-8")

    articles, problems = read_paths([folder], ReadOptions(skip=(folder / "exports",)))

    assert len(articles) == 1 and problems == []


def test_odd_jsonl_lines_are_each_one_clear_problem(tmp_path):
    lines = [
        {"id": 1, "title": "Un", "text": FRENCH},
        {"id": 2, "title": "Deux", "text": 42},
        {"id": 3, "title": "Trois", "text": ["Premier paragraphe.", FRENCH]},
        {"id": 4, "title": "Quatre", "lead": FRENCH, "paragraphs": [None, 7, "  "]},
        "juste une chaîne",
        {"id": 6, "title": "Six", "paragraphs": ["   ", None]},
        {"id": 7, "title": "Sept", "paragraphs": 5},
        {"id": 8, "title": "Huit", "paragraphs": {"secret": "v"}},
    ]
    corpus = tmp_path / "odd.jsonl"
    corpus.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")

    articles, problems = read_paths([corpus])

    assert [a.title for a in articles] == ["Un", "Trois", "Quatre"]
    assert articles[1].text == f"Trois\n\nPremier paragraphe.\n\n{FRENCH}\n"  # a list is paragraphs
    assert [p.code for p in problems] == [
        "field-not-text",
        "paragraphs-not-text",
        "bad-json-line",
        "empty",
        "field-not-text",
        "field-not-text",
    ]
    said = {p.line: (p.skipped, p.message) for p in problems}
    assert said[2] == (True, "the 'text' field is a JSON number, not text: fix this line")
    assert said[4] == (False, "1 paragraph(s) that are not text (JSON number) were left out")
    assert said[5] == (True, "not a JSON object (a JSON string): fix or remove this line")
    assert said[6][0] and said[6][1].startswith("empty")
    assert said[7] == (True, "the 'paragraphs' field is a JSON number, not text: fix this line")
    assert said[8] == (True, "the 'paragraphs' field is a JSON object, not text: fix this line")


def test_encoded_data_is_said_to_have_no_language(tmp_path):
    blob = tmp_path / "blob.txt"
    blob.write_text("Pièce jointe\n\n" + base64.b64encode(bytes(range(256)) * 40).decode() + "\n", encoding="utf-8")
    articles, problems = read_paths([blob])
    assert articles == [] and len(problems) == 1
    assert problems[0].message.startswith("has no recognisable language")
    assert problems[0].code == "no-language"


def test_another_language_is_named(matrix):
    _, problems = read_paths([matrix / "english.txt"])
    assert problems[0].message.startswith("looks English (en), not French")
