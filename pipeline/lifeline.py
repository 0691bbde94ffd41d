"""Worker processes that end when the process that started them does.

A pool's workers are not told when their parent is SIGKILLed (or dies of any signal it cannot
handle): they would wait for work forever, holding the database file and a model's memory. Each
worker calls ``bind_to_parent`` first. On Linux the kernel kills it the moment the parent goes
(``prctl(PR_SET_PDEATHSIG)``); everywhere a daemon thread also watches ``os.getppid()``, which
changes when the parent is gone (the orphan is adopted), and ends the process.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
POLL_SECONDS = 0.5
ORPHAN_EXIT = 128 + signal.SIGKILL  # the status the kernel's signal would have given


def bind_to_parent(parent_pid: int) -> None:
    """End this process when ``parent_pid`` (its parent) ends. SIGTERM gets its default action
    back: a forked worker inherits the parent's handler, which would turn it into an exception
    the pool hands back as the result of a batch."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform == "linux":
        _kernel_kills_orphan()
    watch_parent(parent_pid)


def _kernel_kills_orphan() -> None:
    """Ask Linux for SIGKILL when the parent dies (a libc without prctl leaves the watcher alone)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def watch_parent(parent_pid: int, interval: float = POLL_SECONDS) -> threading.Thread:
    """A daemon thread that ends the process once its parent is no longer ``parent_pid``; also
    covers a parent that died before this process asked the kernel to watch it."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(interval)
        os._exit(ORPHAN_EXIT)  # no clean-up: the parent that would take the results is gone

    thread = threading.Thread(target=watch, name="armsledger-lifeline", daemon=True)
    thread.start()
    return thread
