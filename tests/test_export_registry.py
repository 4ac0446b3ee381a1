"""Export formats are registered once (kg.export.FORMATS); the CLI, ``write`` and ``write_all``
read the registry, so that a format added there is known everywhere."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg import export
from kg.cli import main
from kg.export import FORMATS, ExportFormat, default_formats, find_format, register
from kg.pipeline import KnowledgeGraph


def test_the_defaults_are_turtle_the_viewer_and_json_lines():
    assert default_formats() == ("ttl", "html", "jsonl")


@pytest.mark.parametrize("name", list(FORMATS))
def test_write_by_name_or_kind_gives_what_write_all_writes(seed_graph, tmp_path, name):
    export = FORMATS[name]
    written = seed_graph.write_all(tmp_path / "all", formats=[name])
    seed_graph.write(name, tmp_path / "by-name")
    seed_graph.write(export.kind, tmp_path / "by-kind")

    assert written == {export.kind: tmp_path / "all" / export.filename}
    expected = written[export.kind].read_bytes()
    assert expected and (tmp_path / "by-name").read_bytes() == expected == (tmp_path / "by-kind").read_bytes()


def test_the_help_of_kg_build_names_every_format_and_its_file():
    shown = " ".join(CliRunner().invoke(main, ["build", "--help"], terminal_width=200).output.split())

    for f in FORMATS.values():
        assert f"{f.name} → {f.filename}" in shown


def test_an_unknown_format_names_the_registered_ones(seed_graph, tmp_path):
    with pytest.raises(ValueError, match="unknown export format rdfxml: choose among ttl, nt, jsonld"):
        seed_graph.write("rdfxml", tmp_path / "x")
    with pytest.raises(ValueError, match="rdfxml"):
        find_format("rdfxml")


def test_a_format_is_registered_once():
    with pytest.raises(ValueError, match="registered already"):
        register(ExportFormat("ttl", "other", "x.ttl", "kg.export.rdf:write_turtle", "again"))


def write_summary(graph: KnowledgeGraph, path) -> None:
    """A format of the test's own: one line of counts."""
    path.write_text(f"{len(graph.events)} events\n", encoding="utf-8")


@pytest.fixture
def summary_format():
    added = register(ExportFormat("summary", "summary", "summary.txt", f"{__name__}:write_summary", "counts"))
    yield added
    del export.FORMATS[added.name]


def test_one_registration_makes_a_format_known_to_write_all_and_the_cli(summary_format, seed_graph, tmp_path):
    written = seed_graph.write_all(tmp_path, formats=["ttl", "summary"])

    assert written["summary"].read_text(encoding="utf-8") == f"{len(seed_graph.events)} events\n"
    runner = CliRunner()
    done = runner.invoke(main, ["build", "--format", "summary", "-o", str(tmp_path / "out"), "-"], input="")
    assert "choose among" not in done.output
