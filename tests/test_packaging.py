"""What an installed kg needs is in its wheel: every file of the package that is not Python is
named by a package-data pattern (an editable install would not notice a missing one)."""

from __future__ import annotations

import tomllib

from conftest import ROOT


def test_every_data_file_of_the_package_is_installed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["kg"]
    package = ROOT / "kg"
    files = {p for p in package.rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc")}
    installed = {p for pattern in patterns for p in package.glob(pattern)}  # as setuptools globs them
    assert files
    assert sorted(str(p.relative_to(package)) for p in files - installed) == []


def test_the_licence_is_an_spdx_expression():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["project"]["license"] == "MIT"
