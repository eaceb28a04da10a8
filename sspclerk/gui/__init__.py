"""The PySide6 window. Nothing outside this package imports it (except the CLI's hook).

Importing this package first guards against a reference-counting bug in PySide6 6.12
on Python 3.11: calls into Qt that return nothing or a bool release one reference
to None / True / False that they never took.  A few thousand keystrokes (each makes
several such calls) bring a count to zero and the interpreter aborts — a crash in
the middle of a meeting.  Python 3.12 made these objects immortal; on 3.11 their
counts are raised once, far beyond what any session can use up
(tests/gui/test_refcount_guard.py types twice as many keys as killed the window).
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40  # a trillion releases; a two-hour meeting makes a few hundred thousand


def _make_immortal(*objects: object) -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return  # immortal already (PEP 683), or not reference counted this way
    for obj in objects:
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(obj)).value += _HEADROOM


_make_immortal(None, True, False)
