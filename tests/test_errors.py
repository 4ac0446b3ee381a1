"""kg's errors: one hierarchy (kg/errors.py), each still the built-in exception it replaced."""

from __future__ import annotations

import pytest

import kg
import kg.errors
from kg.read import FieldMap


def test_every_error_is_a_kg_error_and_the_built_in_it_replaced():
    assert issubclass(kg.BadInputError, ValueError)
    assert issubclass(kg.QueryError, ValueError)
    assert issubclass(kg.ModelMissingError, kg.DependencyMissingError)
    assert issubclass(kg.DependencyMissingError, RuntimeError)
    assert issubclass(kg.SchedulerError, RuntimeError)
    assert issubclass(kg.ExportError, OSError)
    for name in kg.errors.__all__:
        assert issubclass(getattr(kg, name), kg.KgError), name


def test_the_errors_are_importable_where_they_were():
    import kg.nlp
    import kg.query

    assert kg.nlp.ModelMissingError is kg.ModelMissingError
    assert kg.query.QueryError is kg.QueryError


def test_a_bad_option_is_a_bad_input_error():
    with pytest.raises(kg.BadInputError, match="NAME=FIELD"):
        FieldMap.parse(["titre=headline"])


def test_exports_that_cannot_be_written_are_an_export_error(seed_graph, tmp_path):
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    with pytest.raises(kg.ExportError, match=r"cannot write the exports to .*a-file/exports \(.*\): choose another"):
        seed_graph.write_all(tmp_path / "a-file" / "exports")
    with pytest.raises(kg.BadInputError, match="unknown export format"):
        seed_graph.write_all(tmp_path / "out", formats=["pdf"])
