"""Reading article files: front matter, encodings, line ends, folders, and input problems."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

import kg
from kg.read import parse_article, read_paths

BODY = "Conflit russo-ukrainien : la Corée du Nord confirme\nLa Russie remercie la Corée du Nord.\n"
FRONT_MATTER = """\
---
date: 2025-04-28
url: https://example.org/coree-du-nord
source: Wikinews
auteur: Rédaction
---
"""


def write(path: Path, text: str, newline: str = "\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def read_one(path: Path) -> kg.Article:
    articles, problems = read_paths([path])
    assert problems == []
    assert len(articles) == 1
    return articles[0]


# --- front matter -------------------------------------------------------------------------


def test_front_matter_is_read_and_left_out_of_the_text(tmp_path):
    article = read_one(write(tmp_path / "article.txt", FRONT_MATTER + BODY))

    assert article.date == dt.date(2025, 4, 28)
    assert article.url == "https://example.org/coree-du-nord"
    assert article.source == "Wikinews"
    assert dict(article.metadata) == {"auteur": "Rédaction"}
    assert article.text == BODY
    assert article.title == "Conflit russo-ukrainien : la Corée du Nord confirme"


def test_seed_article_date_text_and_headline(seed_path):
    """The seed opens with its lead paragraph; its headline, line 2, is the title, and the lead
    stays the start of the text (the offsets of its events do not move)."""
    (article,), problems = read_paths([seed_path])

    assert article.date == dt.date(2025, 4, 28)
    assert article.text.startswith("La Corée du Nord confirme ce lundi")
    assert "---" not in article.text
    assert article.source == str(seed_path)
    assert article.title == "Conflit russo-ukrainien : la Corée du Nord confirme le déploiement de ses troupes"
    assert [p.code for p in problems] == ["title-from-headline"]
    assert not problems[0].skipped and "\n" not in str(problems[0])


def test_title_is_the_first_non_empty_line(tmp_path):
    article = read_one(write(tmp_path / "a.txt", "\n   \n  La Russie remercie la Corée du Nord  \nSuite.\n"))

    assert article.title == "La Russie remercie la Corée du Nord"


def test_title_key_wins_over_first_line(tmp_path):
    article = read_one(write(tmp_path / "a.txt", '---\ntitle: "Titre donné"\n---\nPremière ligne.\n'))

    assert article.title == "Titre donné"


def test_without_front_matter_source_is_the_path(tmp_path):
    path = write(tmp_path / "a.txt", BODY)

    article = read_one(path)

    assert article.source == str(path)
    assert article.date is None
    assert article.text == BODY


@pytest.mark.parametrize("value", ["28/04/2025", "avril 2025", "2025-13-40"])
def test_bad_date_is_a_note_not_a_skip(tmp_path, value):
    path = write(tmp_path / "a.txt", f"---\ndate: {value}\n---\n{BODY}")

    articles, problems = read_paths([path])

    assert [a.text for a in articles] == [BODY]
    assert articles[0].date is None
    assert len(problems) == 1
    assert problems[0].source == str(path)
    assert not problems[0].skipped
    assert value in problems[0].message
    assert "YYYY-MM-DD" in problems[0].message
    assert problems[0].code == "bad-date"


def test_empty_front_matter_is_not_text():
    article, problems = parse_article("---\n---\nLa Russie remercie la Corée du Nord\n")

    assert problems == []
    assert article.text == "La Russie remercie la Corée du Nord\n"
    assert article.title == "La Russie remercie la Corée du Nord"


def test_front_matter_closed_only_after_text_is_read_up_to_its_first_other_line():
    """A --- rule further down does not close a block left open: the text stays the text."""
    raw = "---\ndate: 2025-04-28\nsource: AFP\n\nTitre\n\nLa Russie remercie la Corée du Nord.\n---\nSuite.\n"

    article, problems = parse_article(raw, "a.txt")

    assert article.text == "\nTitre\n\nLa Russie remercie la Corée du Nord.\n---\nSuite.\n"
    assert (article.title, article.date, article.source) == ("Titre", dt.date(2025, 4, 28), "AFP")
    assert [(p.code, p.skipped) for p in problems] == [("unclosed-front-matter", False)]


def test_a_rule_opening_the_text_is_no_front_matter():
    article, problems = parse_article("---\nLa Russie remercie la Corée du Nord.\n", "a.txt")

    assert article.text.startswith("---\n") and article.title == "La Russie remercie la Corée du Nord."
    assert problems == []


def test_a_long_title_is_cut_after_a_word():
    title, notes = kg.read.title_of("Un titre " * 40 + "\n\nLa suite.\n")

    assert len(title) <= 200 and title.endswith("titre…") and title.startswith("Un titre Un titre")
    assert [code for code, _ in notes] == ["long-title"]


def test_a_lead_without_a_headline_below_stays_the_title():
    lead = "La Corée du Nord confirme ce lundi son implication dans le conflit russo-ukrainien, " * 2 + "dit Séoul."
    title, notes = kg.read.title_of(f"{lead}\nPyongyang a envoyé des troupes.\n")

    assert title == lead and notes == []


# --- encodings and line ends ----------------------------------------------------------------


def test_byte_order_mark_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + (FRONT_MATTER + BODY).encode("utf-8"))

    article = read_one(path)

    assert article.date == dt.date(2025, 4, 28)
    assert article.text == BODY
    assert not article.title.startswith("\ufeff")


def test_byte_order_mark_without_front_matter(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + BODY.encode("utf-8"))

    article = read_one(path)

    assert article.text == BODY
    assert article.title == "Conflit russo-ukrainien : la Corée du Nord confirme"


def test_crlf_file(tmp_path):
    article = read_one(write(tmp_path / "windows.txt", FRONT_MATTER + BODY, newline="\r\n"))

    assert article.date == dt.date(2025, 4, 28)
    assert article.url == "https://example.org/coree-du-nord"
    assert article.title == "Conflit russo-ukrainien : la Corée du Nord confirme"
    assert article.text == BODY.replace("\n", "\r\n")


# --- folders --------------------------------------------------------------------------------


def test_folder_is_read_recursively_txt_and_md_only_sorted(tmp_path):
    folder = tmp_path / "corpus"
    write(folder / "b.txt", "Article B.\n")
    write(folder / "a" / "z.md", "Article Z.\n")
    write(folder / "a" / "deeper" / "y.txt", "Article Y.\n")
    write(folder / "notes.rst", "Pas un article.\n")
    write(folder / "page.html", "<p>Pas un article.</p>\n")
    write(folder / "data.json", "{}\n")

    articles, problems = read_paths([folder])

    assert problems == []
    expected = sorted([folder / "b.txt", folder / "a" / "z.md", folder / "a" / "deeper" / "y.txt"])
    assert [a.source for a in articles] == [str(p) for p in expected]
    assert {a.title for a in articles} == {"Article B.", "Article Z.", "Article Y."}


def test_folder_without_articles_is_a_problem(tmp_path):
    folder = tmp_path / "vide"
    write(folder / "notes.rst", "rien\n")

    articles, problems = read_paths([folder])

    assert articles == []
    assert len(problems) == 1
    assert problems[0].source == str(folder)
    assert ".txt" in problems[0].message and ".md" in problems[0].message
    assert problems[0].code == "no-articles"


def test_a_link_to_a_folder_outside_is_followed_once_and_one_inside_is_not_read_twice(tmp_path):
    outside = write(tmp_path / "ailleurs" / "loin.txt", "Article loin.\n").parent
    folder = tmp_path / "corpus"
    write(folder / "a" / "pres.txt", "Article près.\n")
    (folder / "lien").symlink_to(outside, target_is_directory=True)
    (folder / "autre-lien").symlink_to(outside, target_is_directory=True)
    (folder / "raccourci").symlink_to(folder / "a", target_is_directory=True)

    articles, problems = read_paths([folder])

    assert sorted(a.title for a in articles) == ["Article loin.", "Article près."]
    assert problems == []


# --- one problem per bad input, the rest still read -------------------------------------------


def _missing(folder: Path) -> Path:
    return folder / "absent.txt"


def _latin1(folder: Path) -> Path:
    path = folder / "latin1.txt"
    path.write_bytes("La Corée du Nord a envoyé des troupes.\n".encode("latin-1"))
    return path


def _binary(folder: Path) -> Path:
    path = folder / "image.txt"
    path.write_bytes(bytes(range(256)) * 8)
    return path


def _empty(folder: Path) -> Path:
    path = folder / "vide.txt"
    path.write_bytes(b"")
    return path


def _blank(folder: Path) -> Path:
    return write(folder / "blanc.txt", "  \n\t\n   \n")


def _front_matter_only(folder: Path) -> Path:
    return write(folder / "entete.txt", "---\ndate: 2025-04-28\n---\n\n")


def _unreadable(folder: Path) -> Path:
    if os.geteuid() == 0:
        pytest.skip("root can read a chmod 000 file")
    path = write(folder / "secret.txt", "La Russie remercie la Corée du Nord.\n")
    path.chmod(0)
    return path


@pytest.mark.parametrize(
    ("make", "hint", "code"),
    [
        (_missing, "check the path", "missing"),
        (_binary, "binary", "binary"),
        (_empty, "empty", "empty"),
        (_blank, "empty", "empty"),
        (_front_matter_only, "empty", "empty"),
        (_unreadable, "permission", "unreadable"),
    ],
    ids=["missing", "binary", "empty", "whitespace-only", "front-matter-only", "no-permission"],
)
def test_bad_input_is_one_problem_and_the_rest_is_read(tmp_path, make, hint, code):
    good = write(tmp_path / "bon.txt", BODY)
    bad = make(tmp_path)

    articles, problems = read_paths([bad, good])

    assert [a.source for a in articles] == [str(good)]
    assert len(problems) == 1
    problem = problems[0]
    assert problem.skipped
    assert problem.source == str(bad)
    assert str(problem).startswith(str(bad))
    assert hint in problem.message
    assert problem.code == code


def test_bad_file_inside_a_folder_does_not_stop_the_folder(tmp_path):
    folder = tmp_path / "corpus"
    write(folder / "a.txt", "Article A.\n")
    _binary(folder)
    write(folder / "z.txt", "Article Z.\n")

    articles, problems = read_paths([folder])

    assert [a.title for a in articles] == ["Article A.", "Article Z."]
    assert [p.source for p in problems] == [str(folder / "image.txt")]


def test_latin1_is_decoded_and_said_so(tmp_path):
    path = _latin1(tmp_path)

    articles, problems = read_paths([path])

    assert [a.text for a in articles] == ["La Corée du Nord a envoyé des troupes.\n"]
    assert len(problems) == 1 and not problems[0].skipped and "UTF-8" in problems[0].message
    assert problems[0].code == "decoded"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_decoded_and_said_so(tmp_path, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(BODY.encode(encoding))

    (article,), problems = read_paths([path])

    assert article.text == BODY
    assert [(p.code, p.skipped) for p in problems] == [("decoded", False)]
    assert encoding.replace("-", "_")[:6] in problems[0].message


# --- offsets ------------------------------------------------------------------------------


def test_offsets_index_the_text_without_front_matter(tmp_path):
    path = write(tmp_path / "a.txt", FRONT_MATTER + BODY)

    graph = kg.build_graph([path])

    (article,) = graph.articles.values()
    assert article.text == BODY
    events = [e for e in graph.events if e.lemma == "remercier"]
    assert events, "« La Russie remercie la Corée du Nord » gives an event"
    event = events[0]
    assert event.action.start == BODY.index("remercie")
    for mention in [event.action, *event.roles().values()]:
        assert article.text[mention.start : mention.end] == mention.text
