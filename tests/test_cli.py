"""The ``kg`` command as a user runs it: in a subprocess, through ``python -m kg`` and the entry point."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, require_tool
from rdflib import Graph

from kg import cli

PYTHON_M_KG = [sys.executable, "-m", "kg"]
ARMS = "La Corée du Nord a fourni une grande quantité d'armes à la Russie."
THANKS = "La Russie remercie la Corée du Nord.\n"
SELECT = (
    'SELECT ?actor ?target WHERE { ?e kg:lemma "fournir" ; kg:actor ?a ; kg:target ?t . '
    "?a rdfs:label ?actor . ?t rdfs:label ?target }"
)


def entry_point() -> list[str]:
    beside = Path(sys.executable).with_name("kg")
    return [str(beside)] if beside.exists() else [require_tool("kg")]


def run(
    *args: object, cwd: Path = ROOT, stdin: str | None = None, command: list[str] | None = None, timeout: float = 300
):
    env = {**os.environ, "PYTHONUTF8": "1"}
    return subprocess.run(
        [*(command or PYTHON_M_KG), *map(str, args)],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=timeout,
        check=False,
    )


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def assert_clean_failure(done: subprocess.CompletedProcess) -> str:
    """Exit 2, no traceback, one ``kg: error:`` line; returns that line."""
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    errors = [line for line in lines(done.stderr) if line.startswith("kg: error:")]
    assert len(errors) == 1, done.stderr
    return errors[0]


# --- help ---------------------------------------------------------------------------------


@pytest.mark.parametrize("launcher", ["python -m kg", "kg"])
def test_help_describes_the_commands_with_examples(launcher):
    done = run("--help", command=PYTHON_M_KG if launcher == "python -m kg" else entry_point())

    assert done.returncode == 0, done.stderr
    assert "Usage: kg" in done.stdout
    assert "French news articles" in done.stdout
    assert "Example" in done.stdout
    for command in ("build", "extract", "query"):
        assert any(line.split()[:1] == [command] for line in lines(done.stdout)), command


@pytest.mark.parametrize("command", ["build", "extract", "query"])
def test_command_help_has_a_description_and_an_example(command):
    done = run(command, "--help")

    assert done.returncode == 0, done.stderr
    assert f"Usage: kg {command}" in done.stdout
    before_options = done.stdout.split("Options:")[0]
    description = lines(before_options)[1:]
    assert description and not description[0].strip().startswith("Example")
    assert "Example" in before_options
    assert f"kg {command} " in before_options.split("Example")[1]


# --- build --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds-build")
    return run("build", "seeds", "-o", out), out


def test_querying_and_help_do_not_load_spacy():
    """`kg query` answers in a fraction of a second: spaCy (a second to import) is only
    imported by the commands that parse."""
    probe = "import sys, kg, kg.cli; print(sorted(m for m in sys.modules if m.split('.')[0] == 'spacy'))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "[]"


def test_build_writes_the_exports_and_a_report(seeds_build):
    done, out = seeds_build

    assert done.returncode == 0, done.stderr
    assert {"events.jsonl", "graph.html", "graph.ttl", "report.json"} <= {p.name for p in out.iterdir()}
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["skipped"] == []
    assert len(Graph().parse(out / "graph.ttl", format="turtle")) > 0
    records = [json.loads(line) for line in (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert "fournir" in {r["lemma"] for r in records}
    assert (out / "graph.html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


def test_build_reports_what_it_wrote(seeds_build):
    done, out = seeds_build

    assert "1 article(s)" in done.stdout
    assert str(out / "graph.ttl") in done.stdout
    # nothing skipped; one note: the seed opens with its lead, its title is the headline below
    (note,) = done.stderr.splitlines()
    assert note.startswith("kg: note: seeds/coree-du-nord-troupes-russie.txt: the first line reads as a paragraph")


@pytest.fixture(scope="module")
def partial_build(tmp_path_factory):
    """One good file, one missing path; also given a --base."""
    folder = tmp_path_factory.mktemp("partial-build")
    (folder / "merci.txt").write_text(THANKS, encoding="utf-8")
    done = run(
        "build", "merci.txt", "introuvable.txt", "-o", "out", "--base", "http://example.org/actu/", "--timings",
        "--no-cache",  # so that the model is loaded and the article parsed: every stage is timed
        cwd=folder,
    )  # fmt: skip
    return done, folder


def test_build_into_a_folder_inside_its_input_does_not_read_its_own_exports(tmp_path):
    (tmp_path / "articles" / "exports").mkdir(parents=True)
    (tmp_path / "articles" / "merci.txt").write_text(THANKS, encoding="utf-8")
    (tmp_path / "articles" / "exports" / "events.jsonl").write_text('{"lemma": "remercier"}\n', encoding="utf-8")

    done = run("build", "articles", "-o", "articles/exports", cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    assert "1 article(s)" in done.stdout and done.stderr == ""

    (tmp_path / "others").mkdir()
    (tmp_path / "others" / "merci.txt").write_text(THANKS, encoding="utf-8")
    for _ in range(2):  # nor the exports written among the articles themselves
        done = run("build", "others", "-o", "others", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert "1 article(s)" in done.stdout and done.stderr == ""


def test_build_into_an_unwritable_folder_fails_before_building(tmp_path):
    (tmp_path / "merci.txt").write_text(THANKS, encoding="utf-8")
    (tmp_path / "a-file").write_text("", encoding="utf-8")

    done = run("build", "merci.txt", "-o", "a-file/exports", "--timings", cwd=tmp_path)

    error = assert_clean_failure(done)
    assert "cannot write the exports to a-file/exports" in error and "-o" in error
    assert "time by stage" not in done.stderr  # nothing was parsed


def test_build_timings_name_each_stage_with_its_seconds(partial_build):
    done, _ = partial_build

    table = done.stderr[done.stderr.index("kg: time by stage") :].splitlines()
    total = float(table[0].split("total ")[1].split(" s")[0])
    rows = {m[1]: float(m[2]) for line in table[1:] if (m := re.match(r"^  (.+?)\s+([\d.]+) s\s+\d+%$", line))}
    for stage in ("start-up (Python, imports)", "read", "load model", "parse", "extract", "resolve", "graph",
                  "write graph.ttl", "write graph.html", "write events.jsonl"):  # fmt: skip
        assert stage in rows, done.stderr
    assert all(seconds >= 0 for seconds in rows.values()) and total >= max(rows.values())
    assert rows["load model"] > rows["read"]  # loading spaCy's model is never free


def test_build_with_a_missing_path_exits_1_and_still_writes(partial_build):
    done, folder = partial_build

    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert all((folder / "out" / name).is_file() for name in ("graph.ttl", "graph.html", "events.jsonl"))
    assert "1 article(s)" in done.stdout
    named = [line for line in lines(done.stderr) if "introuvable.txt" in line]
    assert named and all("check the path" in line for line in named)


def test_build_base_option_is_honoured(partial_build):
    _, folder = partial_build
    turtle = (folder / "out" / "graph.ttl").read_text(encoding="utf-8")

    assert "<http://example.org/actu/event/" in turtle
    assert "w3id.org/kg-fr/id/" not in turtle


@pytest.fixture(scope="module")
def failed_build(tmp_path_factory):
    """Nothing readable: a missing path and a binary file."""
    folder = tmp_path_factory.mktemp("failed-build")
    (folder / "image.txt").write_bytes(bytes(range(256)) * 8)
    return run("build", "introuvable.txt", "image.txt", "-o", "out", cwd=folder), folder


def test_build_with_only_bad_input_exits_2(failed_build):
    done, folder = failed_build

    error = assert_clean_failure(done)
    assert ".txt, .md or .jsonl" in error
    assert done.stdout == ""
    assert not (folder / "out").exists()


@pytest.mark.parametrize("which", ["partial_build", "failed_build"])
def test_each_bad_input_is_named_on_one_line(request, which):
    done, _ = request.getfixturevalue(which)

    assert len([line for line in lines(done.stderr) if "introuvable.txt" in line]) == 1, done.stderr


def test_build_without_paths_is_a_usage_error():
    done = run("build")

    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "PATHS" in done.stderr


# --- extract ------------------------------------------------------------------------------


def assert_arms_table(done: subprocess.CompletedProcess) -> None:
    assert done.returncode == 0, done.stderr
    header, rule, *rows = lines(done.stdout)
    assert header.split()[:3] == ["actor", "action", "target"]
    assert set(rule) <= {"-", " "}
    assert any("fournir" in row and "armes" in row and "La Corée du Nord" in row for row in rows), done.stdout


def test_extract_prints_a_table():
    assert_arms_table(run("extract", ARMS))


def test_extract_reads_standard_input():
    assert_arms_table(run("extract", "-", stdin=ARMS + "\n"))


def test_extract_of_empty_input_is_a_clean_failure():
    error = assert_clean_failure(run("extract", "-", stdin="   \n"))

    assert "empty" in error


# --- query --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ttl(seed_exports) -> Path:
    return seed_exports["turtle"]


def test_query_inline_through_the_entry_point(ttl):
    done = run("query", ttl, SELECT, command=entry_point())

    assert done.returncode == 0, done.stderr
    assert lines(done.stdout)[0].split() == ["actor", "target"]
    assert "Corée du Nord" in done.stdout and "armes" in done.stdout
    assert lines(done.stdout)[-1] == "(1 row)"


def test_query_from_an_rq_file(ttl, tmp_path):
    query_file = tmp_path / "qui-a-fourni.rq"
    query_file.write_text(f"# Qui a fourni quoi ?\n{SELECT}\n", encoding="utf-8")

    done = run("query", ttl, query_file, "--format", "csv")

    assert done.returncode == 0, done.stderr
    assert done.stdout == "actor,target\nCorée du Nord,armes\n"


def test_query_as_json(ttl):
    done = run("query", ttl, SELECT, "--format", "json")

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [{"actor": "Corée du Nord", "target": "armes"}]


def test_query_with_base(partial_build):
    _, folder = partial_build

    done = run(
        "query",
        folder / "out" / "graph.ttl",
        "SELECT ?a WHERE { ?e kg:actor ?a }",
        "--base",
        "http://example.org/actu/",
        "--format",
        "tsv",
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout == "a\nkgi:entity/russie\n"


def test_bad_sparql_is_one_line_exit_2(ttl):
    done = run("query", ttl, "SELEC ?s WHERE { ?s ?p ?o }")

    error = assert_clean_failure(done)
    assert "SPARQL" in error
    assert lines(done.stderr) == [error]
    assert done.stdout == ""


def test_unknown_prefix_is_one_line_exit_2(ttl):
    done = run("query", ttl, "SELECT ?s WHERE { ?s a inconnu:Chose }")

    error = assert_clean_failure(done)
    assert lines(done.stderr) == [error]


@pytest.mark.parametrize("what", ["graph", "query file"])
def test_missing_file_is_one_line_exit_2(ttl, tmp_path, what):
    args = (tmp_path / "absent.ttl", SELECT) if what == "graph" else (ttl, tmp_path / "absent.rq")

    done = run("query", *args)

    error = assert_clean_failure(done)
    assert "absent." in error
    assert lines(done.stderr) == [error]


FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"  # 3 000³ rows, one answer


def test_a_query_past_its_time_is_one_line_exit_2(ttl):
    started = time.monotonic()

    done = run("query", ttl, FOREVER, "--timeout", "2")

    assert time.monotonic() - started < 30
    error = assert_clean_failure(done)
    assert "did not finish in 2 s" in error and "--timeout" in error
    assert lines(done.stderr) == [error]


def test_an_answer_past_its_rows_is_one_line_exit_2(ttl):
    done = run("query", ttl, "SELECT * WHERE { ?s ?p ?o }", "--max-rows", "10")

    error = assert_clean_failure(done)
    assert "more than 10 rows" in error and "--max-rows" in error
    assert lines(done.stderr) == [error] and done.stdout == ""


def _children(pid: int) -> list[int]:
    found = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat_file.parent.name))
    return found


NO_PROC = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the query process through /proc")


def start_forever_query(ttl: Path) -> tuple[subprocess.Popen, list[int]]:
    """`kg query` on a query that never ends, once its child process evaluates it."""
    process = subprocess.Popen(
        [*PYTHON_M_KG, "query", str(ttl), FOREVER, "--timeout", "600"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not (children := _children(process.pid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert children, "the query process never started"
    time.sleep(1)  # Oxigraph is evaluating
    return process, children


def gone(pids: list[int], within: float) -> bool:
    deadline = time.monotonic() + within
    while any(Path(f"/proc/{pid}").exists() for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not any(Path(f"/proc/{pid}").exists() for pid in pids)


@NO_PROC
def test_ctrl_c_stops_a_query_at_once(ttl):
    process, children = start_forever_query(ttl)
    try:
        interrupted = time.monotonic()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    finally:
        process.kill()

    assert time.monotonic() - interrupted < 3
    assert process.returncode == 130, err
    assert lines(err) == ["kg: interrupted"] and out == ""
    assert gone(children, within=1)


@NO_PROC
def test_a_query_killed_outright_leaves_no_process_behind(ttl):
    process, children = start_forever_query(ttl)
    process.kill()
    process.communicate(timeout=10)

    assert gone(children, within=3)


@pytest.fixture
def listener():
    """A TCP port on 127.0.0.1 that records what it is sent and answers HTTP 500."""
    server = socket.create_server(("127.0.0.1", 0))
    received: list[bytes] = []

    def serve():
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            with connection:
                received.append(connection.recv(65536))
                connection.sendall(b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n")

    threading.Thread(target=serve, daemon=True).start()
    yield server.getsockname()[1], received
    server.close()


def test_a_federated_query_is_refused_and_sends_nothing(ttl, listener):
    port, received = listener

    done = run("query", ttl, f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}")

    error = assert_clean_failure(done)
    assert "SERVICE" in error and "--allow-service" in error
    assert lines(done.stderr) == [error]
    time.sleep(0.2)
    assert received == []


def test_an_allowed_service_that_fails_is_one_line(ttl, listener):
    port, received = listener

    done = run(
        "query", ttl, f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}", "--allow-service"
    )

    error = assert_clean_failure(done)
    assert "the query failed" in error and "500" in error
    assert lines(done.stderr) == [error]
    assert received and received[0].split()[0] in (b"GET", b"POST")


@pytest.fixture(scope="module")
def hostile_ttl(tmp_path_factory) -> Path:
    """A graph whose labels hold a colour code and an OSC title change, as an article could."""
    path = tmp_path_factory.mktemp("hostile") / "graph.ttl"
    path.write_text(
        '<http://e/a> <http://www.w3.org/2000/01/rdf-schema#label> "S\\u00e9oul\\u001b[31m rouge" .\n'
        '<http://e/b> <http://www.w3.org/2000/01/rdf-schema#label> "\\u001b]0;pwned\\u0007titre\\nsuite" .\n',
        encoding="utf-8",
    )
    return path


HOSTILE = "SELECT ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l"


def test_control_characters_in_a_table_are_escaped_even_through_a_pipe(hostile_ttl):
    done = run("query", hostile_ttl, HOSTILE)

    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    assert "\\x1b]0;pwned\\x07titre\\nsuite" in done.stdout and "Séoul\\x1b[31m rouge" in done.stdout
    assert lines(done.stdout)[-1] == "(2 rows)" and len(lines(done.stdout)) == 5


def test_control_characters_in_json_are_kept_exactly(hostile_ttl):
    done = run("query", hostile_ttl, HOSTILE, "--format", "json")

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [{"l": "\x1b]0;pwned\x07titre\nsuite"}, {"l": "Séoul\x1b[31m rouge"}]


def test_a_file_name_cannot_forge_a_line_of_its_own(tmp_path):
    forged = tmp_path / "x\nkg: all good\x1b[2J"

    done = run("query", forged, "ASK { ?s ?p ?o }")

    error = assert_clean_failure(done)
    assert lines(done.stderr) == [error]
    assert "x\\nkg: all good\\x1b[2J: no such graph file" in error and "\x1b" not in done.stderr


def test_a_file_name_cannot_forge_a_line_in_builds_messages(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "vide\nkg: all good.txt").write_text("", encoding="utf-8")

    done = run("build", tmp_path / "articles", "-o", tmp_path / "out")

    assert done.returncode == 2, done.stderr
    assert [line.split(":")[:2] for line in lines(done.stderr)] == [["kg", " skipped"], ["kg", " error"]]
    assert "vide\\nkg: all good.txt: empty" in done.stderr


@pytest.mark.parametrize("what", ["folder", "device", "fifo"])
def test_a_graph_that_is_no_regular_file_says_what_it_is(tmp_path, what):
    if what == "folder":
        graph, expected = tmp_path, "is a folder"
    elif what == "device":
        graph, expected = Path("/dev/zero"), "is not a regular file (character device)"
    else:
        graph, expected = tmp_path / "graph.ttl", "is not a regular file (FIFO)"
        os.mkfifo(graph)  # nobody writes to it: opening it would block forever
    if not graph.exists():
        pytest.skip(f"no {graph} here")

    done = run("query", graph, "ASK { ?s ?p ?o }", timeout=60)

    error = assert_clean_failure(done)
    assert expected in error
    assert lines(done.stderr) == [error]


# --- expected failures and bugs -----------------------------------------------------------


def test_an_expected_failure_is_one_line(monkeypatch):
    import kg.extract
    from kg.nlp import MODEL_MISSING, ModelMissingError

    def no_model(text):
        raise ModelMissingError(MODEL_MISSING)

    monkeypatch.setattr(kg.extract, "extract_events", no_model)
    result = CliRunner().invoke(cli.main, ["extract", ARMS])

    assert result.exit_code == cli.EXIT_FAILED
    assert result.stderr.splitlines() == [f"kg: error: {MODEL_MISSING}"]


@pytest.mark.parametrize("bug", [RuntimeError("boom"), KeyError("actor"), ZeroDivisionError("division by zero")])
def test_a_bug_keeps_its_traceback_and_says_to_report_it(monkeypatch, tmp_path, bug):
    """Not « kg: error: boom » and exit 2, as if the user had done something wrong."""
    import kg.pipeline

    def broken(*args, **kwargs):
        raise bug

    monkeypatch.setattr(kg.pipeline, "build_graph", broken)
    result = CliRunner().invoke(cli.main, ["build", str(ROOT / "seeds"), "-o", str(tmp_path / "out")])

    assert result.exit_code == cli.EXIT_BUG
    assert "Traceback (most recent call last)" in result.stderr
    assert f"{type(bug).__name__}: " in result.stderr
    assert result.stderr.splitlines()[-1] == cli.BUG
    assert "kg: error:" not in result.stderr


def test_a_bug_in_the_installed_command_is_reported_as_one(tmp_path):
    probe = "import kg.cli as c; c.run_query = lambda *a, **k: {}['rows']; c.main()"
    done = subprocess.run(
        [sys.executable, "-c", probe, "query", str(tmp_path / "g.ttl"), "ASK {}"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip

    assert done.returncode == 70, done.stderr
    assert "KeyError: 'rows'" in done.stderr
    assert "Reporting a bug" in done.stderr.splitlines()[-1]
