"""Bad input: a clear message, the rest built, nothing lost (the test matrix of a corpus build)."""

from __future__ import annotations

import base64
import errno
import io
import json
import os
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, NO_CORPUS, WIKINEWS, WIKINEWS_JSONL

from kg.pipeline import load_inputs
from kg.read import FieldMap, ReadOptions, dateline, language_of, parse_article, read_paths

FRENCH = (
    "La Corée du Nord a fourni une grande quantité d'armes à la Russie. Le gouvernement sud-coréen "
    "a condamné ces livraisons et a convoqué l'ambassadeur russe à Séoul pour lui demander des explications."
)
ENGLISH = (
    "North Korea has supplied a large quantity of weapons to Russia. The South Korean government condemned "
    "the deliveries and summoned the Russian ambassador in Seoul to ask for explanations."
)


LEAD = (
    "La Corée du Nord confirme ce lundi son implication dans le conflit russo-ukrainien. C'est la première "
    "fois que Pyongyang reconnaît avoir envoyé des troupes sur le terrain pour soutenir la Russie contre l'Ukraine."
)
HEADLINE = "Conflit russo-ukrainien : la Corée du Nord confirme le déploiement de ses troupes"
LONG_LINE = "https://exemple.org/" + "a" * 2_000_000  # a 2 MB line without a space


def variant(country: str) -> str:
    """FRENCH about another country: another text, hence another article."""
    return FRENCH.replace("Russie", country).replace("russe", "de ce pays")


# The good articles of the matrix as a clean corpus holds them (UTF-8, no NUL, front matter
# closed): built alone, they must give the events the matrix build gives.
CLEAN = {
    "good.txt": "Titre\n\n" + FRENCH + "\n",
    "latin1.txt": "Titre accentué\n\n" + FRENCH,
    "utf16.txt": "Titre en UTF-16\n\n" + variant("Chine") + "\n",
    "utf16-sans-bom.txt": "Titre en UTF-16 sans BOM\n\n" + variant("Iran") + "\n",
    "nul.txt": "Titre avec un NUL\n\n" + variant("Libye") + "\n",
    "ouvert.txt": "---\ndate: 2025-04-28\nurl: https://exemple.org/ouvert\n---\n\nTitre ouvert\n\n"
    + variant("Biélorussie")
    + "\n",
    "ligne.txt": LONG_LINE + "\n\n" + variant("Cuba") + "\n",
    "chapeau.txt": LEAD + "\n" + HEADLINE + "\n" + variant("Érythrée") + "\n",
}

# A JSONL record whose line holds a stray NUL byte and whose text a « \\u0000 »: both dropped.
NUL_RECORD = {"id": "5", "title": "Titre avec des NUL", "text": variant("Tchad")}


NUL_SAID = "in the text, dropped: the file may be damaged, check it"


def nul_line() -> bytes:
    text = NUL_RECORD["text"]
    line = json.dumps({**NUL_RECORD, "text": text[:30] + "\x00" + text[30:]}, ensure_ascii=False).encode()
    return line[:-2] + b"\x00" + line[-2:] + b"\n"  # the byte inside the text's string


@pytest.fixture
def matrix(tmp_path, monkeypatch):
    """A folder holding every kind of bad input next to good articles."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(CLEAN["good.txt"], encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text(" \n\t\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "latin1.txt").write_bytes(CLEAN["latin1.txt"].encode("cp1252"))
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
    (folder / "nul.jsonl").write_bytes(nul_line())
    # a folder that cannot be listed: chmod 000 stops anyone but root; as root (the tests' CI),
    # listing it fails the way the kernel makes it fail for others
    locked = folder / "verrou"
    locked.mkdir()
    (locked / "cache.txt").write_text("Titre caché\n\n" + variant("Mali") + "\n", encoding="utf-8")
    locked.chmod(0)
    if os.access(locked, os.R_OK):
        listing = os.scandir

        def scandir(path="."):
            if isinstance(path, (str, os.PathLike)) and Path(path) == locked:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            return listing(path)

        monkeypatch.setattr(os, "scandir", scandir)
    (folder / "perdu.txt").symlink_to(folder / "absent.txt")  # a link to nothing
    (folder / "sub").mkdir()
    (folder / "sub" / "boucle").symlink_to(folder, target_is_directory=True)  # a loop
    (folder / "utf16.txt").write_bytes(CLEAN["utf16.txt"].encode("utf-16"))  # with its byte-order mark
    (folder / "utf16-sans-bom.txt").write_bytes(CLEAN["utf16-sans-bom.txt"].encode("utf-16-le"))
    clean = CLEAN["nul.txt"]
    (folder / "nul.txt").write_bytes(clean[:40].encode() + b"\x00" + clean[40:].encode())
    (folder / "ouvert.txt").write_text(CLEAN["ouvert.txt"].replace("---\n\n", "\n"), encoding="utf-8")
    (folder / "ponctuation.txt").write_text("… !!! — ??? *** ---\n«  » (…)\n", encoding="utf-8")
    (folder / "ligne.txt").write_text(CLEAN["ligne.txt"], encoding="utf-8")
    (folder / "chapeau.txt").write_text(CLEAN["chapeau.txt"], encoding="utf-8")
    yield folder
    locked.chmod(0o700)


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
        ("verrou", None): "unreadable",
        ("perdu.txt", None): "broken-link",
        ("boucle", None): "link-loop",
        ("utf16.txt", None): "decoded",
        ("utf16-sans-bom.txt", None): "decoded",
        ("nul.txt", None): "nul-bytes",
        ("nul.jsonl", 1): "nul-bytes",
        ("ouvert.txt", None): "unclosed-front-matter",
        ("ponctuation.txt", None): "no-words",
        ("ligne.txt", None): "long-title",
        ("chapeau.txt", None): "title-from-headline",
    }
    assert len(problems) == len(codes)  # one problem each


def test_what_was_lost_or_assumed_in_the_matrix_is_said_in_one_line_each(matrix):
    articles, problems = read_paths([matrix])
    found = _by_source(problems)
    said = {name: (p.skipped, p.message) for name, p in found.items()}
    assert said["verrou"] == (True, "cannot be read (Permission denied): check its permissions")
    assert found["verrou"].source == str(matrix / "verrou")
    assert said["perdu.txt"] == (
        True,
        f"a symbolic link to {matrix / 'absent.txt'}, which does not exist: fix or remove the link",
    )
    assert said["boucle"] == (
        False,
        f"a symbolic link back to {matrix}, a folder above it: not followed, its articles are read once",
    )
    assert said["utf16.txt"] == (False, "not UTF-8: read as utf_16 (detected); convert it to UTF-8 to be sure")
    assert said["utf16-sans-bom.txt"][1].startswith("not UTF-8: read as utf_16_le")
    assert said["nul.txt"] == (False, "1 NUL byte(s) in the text, dropped: the file may be damaged, check it")
    assert said["nul.jsonl"] == (False, "2 NUL byte(s) in the text, dropped: the file may be damaged, check it")
    assert said["ouvert.txt"][0] is False and said["ouvert.txt"][1].startswith("front matter opened by --- but not")
    assert said["ponctuation.txt"][0] and said["ponctuation.txt"][1].startswith("no words")
    assert said["ligne.txt"] == (
        False,
        "a title of 2,000,020 characters, cut to 200: give a shorter first line or a title",
    )
    assert said["chapeau.txt"] == (
        False,
        f"the first line reads as a paragraph: the title is the headline below it, « {HEADLINE} »",
    )
    assert all("\n" not in str(p) for p in problems)

    read = {os.path.basename(a.source): a for a in articles}
    assert "cache.txt" not in read and "ponctuation.txt" not in read
    for name in ("utf16.txt", "utf16-sans-bom.txt", "nul.txt", "ouvert.txt", "ligne.txt", "chapeau.txt"):
        assert read[name].id == parse_article(CLEAN[name])[0].id, name  # the text a clean file gives
    assert [a.source for a in articles].count(str(matrix / "good.txt")) == 1  # the loop read nothing twice
    assert read["ouvert.txt"].title == "Titre ouvert"
    assert read["ouvert.txt"].date.isoformat() == "2025-04-28" and read["ouvert.txt"].url.endswith("/ouvert")
    assert read["ligne.txt"].title == LONG_LINE[:199] + "…"
    assert read["chapeau.txt"].title == HEADLINE and read["chapeau.txt"].text.startswith(LEAD)
    assert "\x00" not in read["nul.txt"].text
    assert read["nul.jsonl:1"].text == f"{NUL_RECORD['title']}\n\n{NUL_RECORD['text']}\n"  # as a clean line gives


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


def test_hidden_files_backups_and_folder_loops_are_not_read(tmp_path):
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
    assert [(p.source, p.code, p.skipped) for p in problems] == [(str(folder / "sub" / "boucle"), "link-loop", False)]


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


def _built(out: Path) -> tuple[set[str], set[str], dict[str, str]]:
    """Event ids, article ids and the title of each article of the events.jsonl in ``out``."""
    events = [json.loads(line) for line in (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    return {e["id"] for e in events}, {e["doc_id"] for e in events}, {e["doc_id"]: e["title"] for e in events}


def test_kg_build_of_the_matrix_says_each_problem_once_and_builds_all_the_good_articles(matrix, tmp_path):
    """The bad input costs nothing to the good: the build of the matrix has the events of a clean
    build of its good articles alone, each problem is one line of stderr and one entry of
    report.json, and the exit status says some input was skipped."""
    from click.testing import CliRunner

    import kg
    from kg import cli

    out = tmp_path / "out"
    done = CliRunner().invoke(cli.main, ["build", str(matrix), "-o", str(out), "--no-cache", "--quiet"])

    assert done.exit_code == cli.EXIT_SKIPPED, done.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    entries = [(os.path.basename(e["source"]).split(":")[0], e["code"]) for e in report["skipped"] + report["notes"]]
    said = [line for line in done.stderr.splitlines() if line.startswith(("kg: skipped: ", "kg: note: "))]
    assert len(said) == len(entries) == len(set(entries))
    for name, code, kind in [
        ("verrou", "unreadable", "skipped"),
        ("perdu.txt", "broken-link", "skipped"),
        ("ponctuation.txt", "no-words", "skipped"),
        ("boucle", "link-loop", "note"),
        ("utf16.txt", "decoded", "note"),
        ("utf16-sans-bom.txt", "decoded", "note"),
        ("nul.txt", "nul-bytes", "note"),
        ("ouvert.txt", "unclosed-front-matter", "note"),
        ("ligne.txt", "long-title", "note"),
        ("chapeau.txt", "title-from-headline", "note"),
    ]:
        assert (name, code) in entries
        (line,) = [ln for ln in said if f"/{name}: " in ln]
        assert line.startswith(f"kg: {kind}: {matrix}/"), line
    assert ("nul.jsonl", "nul-bytes") in entries
    assert [ln for ln in said if "/nul.jsonl:" in ln] == [f"kg: note: {matrix}/nul.jsonl:1: 2 NUL byte(s) {NUL_SAID}"]

    clean = tmp_path / "clean"
    clean.mkdir()
    for name, text in CLEAN.items():
        (clean / name).write_text(text, encoding="utf-8")
    for name in ("page.txt", "corpus.jsonl"):
        (clean / name).write_bytes((matrix / name).read_bytes())
    (clean / "nul.jsonl").write_text(json.dumps(NUL_RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    kg.build_graph([clean]).write_all(tmp_path / "clean-out")
    events, articles, titles = _built(out)
    assert (events, articles) == _built(tmp_path / "clean-out")[:2]
    assert len(articles) == 12  # good, latin1, page, 3 JSONL lines, and the 6 above: copy.txt is good.txt
    assert titles[parse_article(CLEAN["chapeau.txt"])[0].id] == HEADLINE
    assert all(len(title) <= 200 for title in titles.values())


def test_a_utf16_jsonl_corpus_is_read_line_by_line(tmp_path):
    lines = [{"id": 1, "title": "Un", "text": FRENCH}, {"id": 2, "title": "Deux", "text": variant("Chine")}]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_bytes("\n".join(json.dumps(x, ensure_ascii=False) for x in lines).encode("utf-16"))

    articles, problems = read_paths([corpus])

    assert [a.title for a in articles] == ["Un", "Deux"]
    assert [(p.code, p.line) for p in problems] == [("decoded", None)]
