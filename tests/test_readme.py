"""The README's examples run as written: its Python blocks, with the values their comments show,
and its `kg extract` console example, with the output it prints."""

from __future__ import annotations

import ast
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)


def blocks(language: str) -> list[str]:
    found = [body for lang, body in BLOCK.findall(README) if lang == language]
    assert found, f"no {language} block in the README"
    return found


def run_with_shown_values(code: str) -> int:
    """Runs ``code`` statement by statement; an expression followed by a comment line holding a
    Python literal (« # ('La Corée du Nord', 'fournir') ») must evaluate to it. Returns how many
    values were checked."""
    lines = code.splitlines()
    namespace: dict = {}
    checked = 0
    for statement in ast.parse(code).body:
        source = ast.get_source_segment(code, statement)
        if isinstance(statement, ast.Expr):
            value = eval(compile(ast.Expression(statement.value), "README.md", "eval"), namespace)
            following = lines[statement.end_lineno].strip() if statement.end_lineno < len(lines) else ""
            if following.startswith("# "):
                try:
                    shown = ast.literal_eval(following[2:])
                except (ValueError, SyntaxError):
                    continue
                assert value == shown, source
                checked += 1
        else:
            exec(compile(ast.Module([statement], []), "README.md", "exec"), namespace)
    return checked


def test_python_blocks_run_and_show_their_values(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")  # the paths of the README, from the project folder
    monkeypatch.chdir(tmp_path)
    checked = sum(run_with_shown_values(code) for code in blocks("python"))
    assert checked >= 2
    assert (tmp_path / "out.ttl").stat().st_size > 0


def test_console_examples_print_what_the_readme_shows():
    examples = [body.splitlines() for body in blocks("console")]
    kg_bin = Path(sys.executable).with_name("kg")  # the command the install puts beside python
    ran = 0
    for lines in examples:
        assert lines[0].startswith("$ kg "), lines[0]
        done = subprocess.run(
            [str(kg_bin), *shlex.split(lines[0][len("$ kg ") :])], capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines() == lines[1:]
        ran += 1
    assert ran >= 1


def test_quick_start_is_two_commands_then_says_how_to_run_kg():
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert len(BLOCK.findall(quick_start)) == 2
    assert ". .venv/bin/activate" in quick_start.rsplit("```", 1)[1]  # after them, before any `kg …` shown


@pytest.mark.parametrize("command", ["kg build", "kg extract", "kg query"])
def test_commands_the_readme_shows_exist(command):
    assert command in README
    name = command.split()[1]
    kg_bin = Path(sys.executable).with_name("kg")
    done = subprocess.run([str(kg_bin), name, "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
