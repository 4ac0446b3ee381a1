"""The ``kg`` command: a thin porch over the library.

Exit status: 0 everything was built; 1 some input was skipped (each reason printed, the rest
built); 2 nothing could be done (bad usage, no model, no readable article, bad query: a
``KgError``, printed as one line); 70 a bug in kg (any other exception: its traceback is
printed, with how to report it); 130 interrupted (Ctrl-C): the previous exports are left as
they were.
"""

from __future__ import annotations

import errno
import logging
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

import click

from kg.errors import ExportError, KgError
from kg.export import FORMATS, default_formats
from kg.export.files import CANNOT_WRITE, output_lock
from kg.export.rdf import check_base
from kg.export.table import FORMATS as TABLE_FORMATS
from kg.export.table import events_table, format_table
from kg.query import Limits, run_query
from kg.read import FieldMap, ReadOptions
from kg.text import printable
from kg.vocab import DEFAULT_BASE

EXIT_OK, EXIT_SKIPPED, EXIT_FAILED, EXIT_BUG, EXIT_INTERRUPTED = 0, 1, 2, 70, 130  # 70: EX_SOFTWARE

BUG = (
    "kg: internal error: this is a bug in kg, not a problem with your input. Please report it with "
    "the traceback above, the command you ran and `kg --version` (see « Reporting a bug » in README.md)"
)


def _say(message: str) -> None:
    """The one way kg speaks on standard error: « kg: » and one line, whatever a file name or an
    article holds (a newline in it is shown as \\n, never starts a line of its own)."""
    click.echo(f"kg: {printable(message)}", err=True)


def _fail(message: str) -> None:
    _say(f"error: {message}")
    sys.exit(EXIT_FAILED)


class _OneLine(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return "kg: " + printable(super().format(record))


def _export_formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    """« ttl,nt , gexf » → ("ttl", "nt", "gexf"), checked before anything is built."""
    formats = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise click.BadParameter(f"{', '.join(unknown) or 'none given'}: choose among {', '.join(FORMATS)}")
    return formats


class _Commands(click.Group):
    """kg's commands; an exception that is no KgError escaping one is a bug: shown whole, with
    its traceback and how to report it, never as the one line of an expected failure."""

    def main(self, *args, **kwargs):
        try:
            return super().main(*args, **kwargs)
        except Exception:  # click's own exceptions and sys.exit never get here
            traceback.print_exc()
            click.echo(BUG, err=True)
            sys.exit(EXIT_BUG)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="kg", prog_name="kg")
def main() -> None:
    """kg — French news articles → event knowledge graph (who did what to whom, when, where,
    according to whom), exported as RDF (Turtle, N-Triples, JSON-LD), an offline HTML viewer,
    JSON Lines and GraphML/GEXF.

    \b
    Examples:
      kg build seeds/ -o exports/
      kg extract "La Corée du Nord a fourni une grande quantité d'armes à la Russie."
      kg query exports/graph.ttl queries/who-did-what.rq
    """
    handler = logging.StreamHandler()
    handler.setFormatter(_OneLine())
    logging.basicConfig(handlers=[handler], level=logging.WARNING)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("exports"),
    show_default=True,
    help="Folder for the exports and report.json.",
)
@click.option(
    "--format",
    "formats",
    metavar="FORMATS",
    default=",".join(default_formats()),
    show_default=True,
    callback=_export_formats,
    help="Exports, comma-separated: "
    + "; ".join(f"{f.name} → {f.filename}, {f.description}" for f in FORMATS.values())
    + ".",
)
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the RDF instances.")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1), help="Parser processes.")
@click.option(
    "--cache/--no-cache",
    default=True,
    show_default=True,
    help="Reuse the extraction of articles already built by the same pipeline (folder: $KG_CACHE_DIR, "
    "else ~/.cache/kg).",
)
@click.option("--dask", metavar="ADDRESS", help="Extract on a Dask cluster: tcp://scheduler:8786, or 'local'.")
@click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="NAME=FIELD",
    help="Field names of a JSONL corpus, e.g. --field text=body --field title=headline "
    "(names: id, title, date, url, text, lead, paragraphs).",
)
@click.option(
    "--other-language",
    type=click.Choice(["skip", "warn"]),
    default="skip",
    show_default=True,
    help="What to do with an article that is not in French.",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    metavar="X",
    help="Drop the events whose confidence (the probability, from 0 to 1, that actor, action and target are "
    "right) is below X; 0 keeps them all.",
)
@click.option(
    "--wait",
    is_flag=True,
    help="When another kg build is writing OUTPUT, wait for it to end; without --wait, exit 2 at once, "
    "naming it (its pid).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar (there is none when not on a terminal).")
@click.option("--timings", is_flag=True, help="Print the time each stage took (on standard error).")
def build(
    paths: tuple[Path, ...],
    output: Path,
    formats: tuple[str, ...],
    base: str,
    jobs: int,
    cache: bool,
    dask: str | None,
    fields: tuple[str, ...],
    other_language: str,
    min_confidence: float,
    wait: bool,
    quiet: bool,
    timings: bool,
) -> None:
    """Build the graph of articles and write it to OUTPUT.

    PATHS are article files (.txt, .md: first line = title, or the headline below a lead
    paragraph; optional front matter with a date), folders of them (recursive), JSON Lines
    corpora (.jsonl: one article a line), or - for standard input. Each input problem is
    reported on one line and the rest is built; a summary is printed and written to
    OUTPUT/report.json.

    \b
    Exit status: 0 everything built; 1 some input skipped; 2 nothing built (also when another
    kg build is writing OUTPUT: one build at a time per folder, see --wait); 70 a bug in kg (its
    traceback is printed: please report it); 130 interrupted (Ctrl-C: the previous exports are
    left as they were). Killed instead (kill -9), a build leaves the previous exports as they
    were too, and its parser processes die with it.

    \b
    Examples:
      kg build seeds/ -o exports/
      kg build seeds/ -o exports/ --format ttl,nt,jsonld,gexf
      kg build archive/2025/ dump.jsonl --field text=body -o exports/ --jobs 2
      kg build seeds/ -o exports/ --min-confidence 0.5
      kg build corpus/ --dask tcp://scheduler:8786 -o exports/
    """
    try:  # Ctrl-C is caught anywhere, even while spaCy is imported (here: `kg query` does not)
        from kg.pipeline import build_graph

        started_after = time.process_time()  # CPU seconds of starting Python and importing kg and spaCy
        logger = logging.getLogger("kg")
        logger.propagate = False  # problems are printed below, once each
        logger.addHandler(logging.NullHandler())
        try:
            own = (output, *(output / name for name in (*(f.filename for f in FORMATS.values()), "report.json")))
            options = ReadOptions(fields=FieldMap.parse(fields), other_language=other_language, skip=own)
            check_base(base)
            _check_writable(output)  # before a build that may take hours, not after
            with output_lock(output, wait=wait, on_busy=lambda holder: _say_waiting(output, holder)):
                graph = build_graph(
                    [str(p) for p in paths],
                    jobs=jobs,
                    cache=cache,
                    dask=dask,
                    progress=not quiet and sys.stderr.isatty(),
                    read_options=options,
                    min_confidence=min_confidence,
                    release_model=True,  # once parsed: resolving and writing a big build need that memory
                )
                for problem in graph.problems:
                    _say(f"skipped: {problem}" if problem.skipped else f"note: {problem}")
                if not graph.articles:
                    _fail(NO_ARTICLE)
                written = graph.write_all(output, base, formats, report=True)  # together, or none
                report = graph.report()
        except KgError as err:
            _fail(str(err))
        click.echo(
            f"{len(graph.articles)} article(s), {len(graph.happenings)} event(s) ({len(graph.events)} report(s)), "
            f"{len(graph.entities)} entit(y/ies) → " + printable(", ".join(str(p) for p in written.values()))
        )
        if timings:
            click.echo(format_timings({"start-up (Python, imports)": started_after, **graph.seconds}), err=True)
        if report["skipped"]:
            reasons = ", ".join(f"{n} {reason}" for reason, n in report["skipped_by_reason"].items())
            _say(f"{len(report['skipped'])} input(s) skipped ({reasons}), see above")
            sys.exit(EXIT_SKIPPED)
    except KeyboardInterrupt:
        _say(f"interrupted: nothing was written, {output} is as it was")
        sys.exit(EXIT_INTERRUPTED)


WAITING = "kg: waiting for the kg build writing {output} ({holder}) to end"


def _say_waiting(output: Path, holder: str) -> None:
    click.echo(printable(WAITING.format(output=output, holder=holder)), err=True)


NO_ARTICLE = "no readable article in the input: give .txt, .md or .jsonl files (UTF-8) or folders holding them"


def _check_writable(folder: Path) -> None:
    """Raises ExportError when ``folder`` cannot be written to, or created; creates nothing."""
    try:
        existing = folder.absolute()
        while not existing.exists():
            existing = existing.parent
        if not existing.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(existing))
        if existing == folder.absolute():
            with tempfile.TemporaryFile(dir=folder):  # the real test, where permissions are subtle
                pass
        elif not os.access(existing, os.W_OK | os.X_OK):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(existing))
    except OSError as err:
        raise ExportError(CANNOT_WRITE.format(output=folder, reason=err.strerror or err)) from err


def format_timings(seconds: dict[str, float]) -> str:
    """« kg: time by stage » then one aligned line per stage: seconds and share of the total."""
    total = sum(seconds.values()) or 1.0
    width = max(len(stage) for stage in seconds)
    lines = [f"kg: time by stage (total {total:.1f} s)"]
    lines += [f"  {stage:<{width}}  {s:7.2f} s  {s / total:4.0%}" for stage, s in seconds.items()]
    return "\n".join(lines)


@main.command()
@click.argument("text")
@click.option("--format", "fmt", type=click.Choice(TABLE_FORMATS), default="table", show_default=True)
def extract(text: str, fmt: str) -> None:
    """Print the events of one text (use - to read standard input) as a table:
    actor → action → target, other roles, modality.

    \b
    Example:
      kg extract "Selon Séoul, la Corée du Nord aurait envoyé 3 000 soldats en Russie."
    """
    from kg.extract import extract_events

    if text == "-":
        text = sys.stdin.read()
    if not text.strip():
        _fail("empty text: give a French sentence, or - to read standard input")
    try:
        events = extract_events(text)
    except KgError as err:
        _fail(str(err))
    click.echo(format_table(events_table(events), fmt), nl=False)


def _limit(flag: str, field: str, kind: click.ParamType, help: str):
    """An option of `kg query` for one of the ``Limits``, with its default."""
    metavar = {"seconds": "SECONDS", "memory_mb": "MB"}.get(field, "N")
    return click.option(flag, type=kind, default=getattr(Limits, field), show_default=True, metavar=metavar, help=help)


@main.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("sparql")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(TABLE_FORMATS),
    default="table",
    show_default=True,
    help="The answer as an aligned table, CSV, TSV or JSON (a list of objects).",
)
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI the graph was built with.")
@_limit(
    "--timeout", "seconds", click.FloatRange(0, min_open=True), "Stop the query after this long (loading included)."
)
@_limit("--max-rows", "rows", click.IntRange(1), "Stop when the answer has more than this many rows.")
@_limit("--max-memory", "memory_mb", click.IntRange(64), "Stop the query when it needs more memory (MB) than this.")
@click.option(
    "--allow-service",
    is_flag=True,
    help="Run federated queries: each SERVICE <http://…> clause sends a request to the host it names.",
)
def query(
    graph: Path, sparql: str, fmt: str, base: str, timeout: float, max_rows: int, max_memory: int, allow_service: bool
) -> None:
    """Run a SPARQL query (inline, or a .rq file) on an exported graph (.ttl, .nt or .jsonld)
    and print the answer. Prefixes kg:, kgi:, sem:, prov:, nif:, skos:, rdfs:, rdf:, xsd:,
    dcterms:, schema: are predeclared. queries/ holds a query for each common question.

    The query runs in a child process, stopped at the first limit it reaches (--timeout,
    --max-rows, --max-memory) or at Ctrl-C. A query with a SERVICE clause is refused unless
    --allow-service is given. The aligned table shows control characters escaped (\\x1b,
    \\n); CSV, TSV and JSON keep every value exactly.

    \b
    Exit status: 0 answered; 2 no answer (a missing or unreadable graph, invalid SPARQL, a
    refused SERVICE, a limit reached: one line says which); 70 a bug in kg; 130 interrupted.

    \b
    Examples:
      kg query exports/graph.ttl queries/who-did-what.rq
      kg query exports/graph.ttl queries/actor-timeline.rq --format json
      kg query exports/graph.ttl "SELECT ?e WHERE { ?e a sem:Event } LIMIT 5" --format csv
      kg query exports/graph.ttl big.rq --timeout 600 --max-rows 1000000
    """
    try:
        if "\n" not in sparql and len(sparql) < 1024 and (sparql.endswith(".rq") or Path(sparql).is_file()):
            try:
                sparql = Path(sparql).read_text(encoding="utf-8")
            except OSError as err:
                _fail(f"{sparql}: cannot read the query file ({err.strerror})")
        limits = Limits(seconds=timeout, rows=max_rows, memory_mb=max_memory)
        table = run_query(graph, sparql, base, limits=limits, allow_service=allow_service)
    except KgError as err:
        _fail(str(err))
    except KeyboardInterrupt:
        _say("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    click.echo(format_table(table, fmt), nl=False)


if __name__ == "__main__":
    main()
