"""Writing export files so that an interrupted build never leaves a half-written one."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from kg.errors import ExportError

__all__ = ["CANNOT_WRITE", "staged", "write_atomic"]

CANNOT_WRITE = "cannot write the exports to {output} ({reason}): choose another folder (kg build -o) or make room"


def write_atomic(path: str | os.PathLike, text: str | Iterable[str]) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to a temporary file beside ``path``, then rename
    it over ``path``: readers see the old file or the new one, never a mix. ``text`` may be an
    iterable of pieces, written as they come (a big export is never all in memory)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            if isinstance(text, str):
                out.write(text)
            else:
                _copy(text, out)
        # mkstemp makes 0600: keep the mode of the file replaced, else the usual one for new files
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def staged(directory: str | os.PathLike) -> Iterator[Callable[[Path], Path]]:
    """Several files replaced together: inside the ``with`` block, write each file to
    ``stage(path)``; when the block ends normally, all of them are renamed over their paths
    (each keeping the mode of the file it replaces). Interrupted or failed, the block leaves
    every old file as it was: an export set is never half old, half new. A system error while
    writing (permissions, a full disk) is raised as an ExportError naming the folder.

    >>> with staged("exports") as stage:  # doctest: +SKIP
    ...     write_turtle(graph, stage(Path("exports/graph.ttl")))
    """
    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=directory, prefix=".kg-staging-"))
    except OSError as err:
        raise _cannot_write(directory, err) from err
    targets: dict[Path, Path] = {}

    def stage(path: Path) -> Path:
        targets[staging / Path(path).name] = Path(path)
        return staging / Path(path).name

    try:
        yield stage
        for new, path in targets.items():
            if path.exists():
                os.chmod(new, path.stat().st_mode & 0o777)
            os.replace(new, path)
    except ExportError:
        raise
    except OSError as err:
        raise _cannot_write(directory, err) from err
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _cannot_write(directory: Path, err: OSError) -> ExportError:
    return ExportError(CANNOT_WRITE.format(output=directory, reason=err.strerror or err))


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _copy(chunks: Iterable[str], out: IO[str]) -> None:
    """Write pieces through a 1 MiB buffer: few system calls, little memory."""
    buffer: list[str] = []
    size = 0
    for chunk in chunks:
        buffer.append(chunk)
        size += len(chunk)
        if size > 1 << 20:
            out.write("".join(buffer))
            buffer, size = [], 0
    out.write("".join(buffer))
