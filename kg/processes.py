"""Child processes that do not outlive their parent.

A parent killed outright (``kill -9``, the out-of-memory killer) cannot stop its children: a
build's worker waiting for work, or a query still computing, would go on for nobody, holding
its memory. On Linux the kernel kills the child with its parent (``PR_SET_PDEATHSIG``);
elsewhere the child checks that its parent is still there whenever it can (``orphaned``).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(parent: int) -> None:
    """In a child, first: ask the kernel to kill it when ``parent`` dies; exits at once if
    ``parent`` is already gone (it died before the request could see it)."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no prctl in this libc: `orphaned` checks remain
            pass
    if orphaned(parent):
        os._exit(1)


def orphaned(parent: int) -> bool:
    """Whether this process's parent is no longer ``parent`` (it died; the child was adopted)."""
    return os.getppid() != parent
