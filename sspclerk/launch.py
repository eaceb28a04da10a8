"""The `sspclerk` process: Python's garbage collector set for a short command.

A command makes many objects (every module it imports, reportlab's layout) and
frees nearly all of them by reference counting; Python's cyclic collector, at
its default of a look every 700 new containers, kept re-scanning them: about
16 ms of a 60-item PDF export, and a further full pass over everything as the
process ended.  So the process starts with the collector looking every
100,000 new containers (it still runs, so memory stays bounded) and, once the
command has finished, marks what is left as permanent so the exit does not
walk it again.  The window, a long-lived process, goes back to Python's
default (``sspclerk.window_gc``).  ``sspclerk.cli.main`` itself leaves the collector
alone, so calling it in-process (the tests) changes nothing.

Only the standard library is imported here, before the command line's own
imports, so they run with the new setting too.
"""

from __future__ import annotations

import gc

from sspclerk import PYTHON_GC_THRESHOLD

#: New containers between the collector's youngest-generation passes in a command.
COMMAND_GC_THRESHOLD = 100_000


def run() -> int:
    """Entry point of the `sspclerk` command and of `python -m sspclerk`."""
    gc.set_threshold(COMMAND_GC_THRESHOLD, *PYTHON_GC_THRESHOLD[1:])
    from sspclerk.cli import main

    status = main()
    gc.freeze()  # the process ends now: nothing left is worth a last full scan
    return status
