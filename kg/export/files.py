"""Writing export files so that an interrupted build never leaves a half-written one, a killed
build leaves nothing that stays, and two builds never write the same folder at once.

An output folder being written holds ``.kg-lock`` (the writer's pid and start time, locked with
``flock``: the lock ends with the process, even killed) and, while the files are written, one
``.kg-staging-*/`` folder holding the new files and ``.kg-owner`` (the writer's pid and host).
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import json
import os
import shutil
import socket
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from kg.errors import ExportError, OutputBusyError

__all__ = [
    "BUSY",
    "CANNOT_WRITE",
    "LOCK_FILE",
    "STAGING_PREFIX",
    "output_lock",
    "remove_stale_staging",
    "staged",
    "write_atomic",
]

CANNOT_WRITE = "cannot write the exports to {output} ({reason}): choose another folder (kg build -o) or make room"
BUSY = "{output} is being written by another kg build ({holder}): wait for it to end, or use kg build --wait"
LOCK_FILE = ".kg-lock"
STAGING_PREFIX = ".kg-staging-"
OWNER_FILE = ".kg-owner"
STALE_AFTER = 6 * 3600  # seconds: a staging folder whose owner is unknown is left this long (no write takes it)


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
        staging = Path(tempfile.mkdtemp(dir=directory, prefix=STAGING_PREFIX))
        (staging / OWNER_FILE).write_text(f"{os.getpid()} {socket.gethostname()}\n", encoding="utf-8")
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


def remove_stale_staging(directory: str | os.PathLike) -> list[Path]:
    """Removes the staging folders that builds killed while writing left in ``directory``: those
    whose owner (the pid in ``.kg-owner``, on this host) is dead, and those of an unknown owner
    older than ``STALE_AFTER``. A live build's folder is kept. Returns the folders removed."""
    removed = []
    for staging in Path(directory).glob(f"{STAGING_PREFIX}*"):
        try:
            owner = (staging / OWNER_FILE).read_text(encoding="utf-8").split()
            pid, host = int(owner[0]), owner[1]
        except (OSError, ValueError, IndexError):  # killed before it wrote its owner, or not ours
            pid, host = None, None
        try:
            if pid is not None and host == socket.gethostname():
                stale = not _alive(pid)
            else:
                stale = time.time() - staging.stat().st_mtime > STALE_AFTER
        except OSError:  # removed meanwhile
            continue
        if stale and staging.is_dir():
            shutil.rmtree(staging, ignore_errors=True)
            removed.append(staging)
    return removed


def _alive(pid: int) -> bool:
    if pid <= 0:  # os.kill(0, …) would mean our own process group
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    try:  # a zombie (state Z) is dead, only not yet reaped by its parent
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except (OSError, IndexError):
        return True


_held: dict[str, list[int]] = {}  # real path of a folder locked by this process → [fd, depth]


@contextmanager
def output_lock(
    directory: str | os.PathLike, *, wait: bool = False, on_busy: Callable[[str], None] | None = None
) -> Iterator[None]:
    """The folder ``directory`` for this process alone while the ``with`` block runs: another
    process taking it raises OutputBusyError naming the holder (« pid 4242, since 14:35:10 UTC »),
    or, with ``wait``, calls ``on_busy`` with that text and waits for it. Reentrant; the lock ends
    with the process however it ends (a kill -9 too). Once held, the staging folders of dead
    builds are removed. A folder created for the lock is removed again if left empty."""
    directory = Path(directory)
    missing = [p for p in (directory.absolute(), *directory.absolute().parents) if not p.exists()]
    try:
        directory.mkdir(parents=True, exist_ok=True)
        key = os.path.realpath(directory)
        if key in _held:
            _held[key][1] += 1
            fd = None
        else:
            fd = _lock(directory, wait, on_busy)
            _held[key] = [fd, 1]
            remove_stale_staging(directory)
    except OSError as err:
        _remove_empty(missing)
        if isinstance(err, OutputBusyError):
            raise
        raise _cannot_write(directory, err) from err
    try:
        yield
    finally:
        _held[key][1] -= 1
        if fd is not None:
            del _held[key]
            Path(directory, LOCK_FILE).unlink(missing_ok=True)  # while held: see _lock
            os.close(fd)
            _remove_empty(missing)


def _lock(directory: Path, wait: bool, on_busy: Callable[[str], None] | None) -> int:
    """An open, flock-ed descriptor of ``directory/.kg-lock`` holding our pid and start time.
    The holder unlinks the file before it lets go, so a lock taken on a file no longer at that
    path is taken again on the new one."""
    path = directory / LOCK_FILE
    while True:
        directory.mkdir(parents=True, exist_ok=True)  # again: the holder we waited for may have removed it
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _holder(fd)
                if not wait:
                    raise OutputBusyError(BUSY.format(output=directory, holder=holder)) from None
                if on_busy is not None:
                    on_busy(holder)
                    on_busy = None
                fcntl.flock(fd, fcntl.LOCK_EX)
            except OSError as err:
                if err.errno not in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
                    raise
                # a file system without locks (some network mounts): write unguarded, as before
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(path))
            except FileNotFoundError:
                same = False
            if same:
                started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
                os.ftruncate(fd, 0)
                os.pwrite(fd, json.dumps({"pid": os.getpid(), "started": started}).encode() + b"\n", 0)
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)


def _holder(fd: int) -> str:
    """« pid 4242, since 2026-12-01T14:35:10Z », from the lock file; less when it says less."""
    try:
        held = json.loads(os.pread(fd, 4096, 0))
        return f"pid {int(held['pid'])}, since {held['started']}"
    except (OSError, ValueError, TypeError, KeyError):  # the holder has not written it yet
        return "pid unknown"


def _remove_empty(folders: list[Path]) -> None:
    for folder in folders:  # deepest first
        try:
            folder.rmdir()
        except OSError:
            break


def _forget_locks() -> None:
    """In a forked child: the parent's lock is the parent's. The descriptor is closed, which
    drops the child's share of it (unlocking would unlock the parent)."""
    for fd, _ in _held.values():
        os.close(fd)
    _held.clear()


os.register_at_fork(after_in_child=_forget_locks)


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
