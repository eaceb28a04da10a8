"""sspclerk: minute-taking for the clerk of a committee or partnership, offline first.

The package keeps one fact about the process, read before anything changes it:
Python's own garbage-collector setting.  A command runs with a lazier collector
(launch.py); the window, a long-lived process, puts Python's own back
(``window_gc``, called by the command line's window launcher).  It lives here,
where both can reach it, so the launcher and the command line never import each
other.
"""

import gc

#: Python's own collector setting, as the interpreter started with it.
PYTHON_GC_THRESHOLD = gc.get_threshold()


def window_gc() -> None:
    """Python's own collector setting, for the long-lived window."""
    gc.set_threshold(*PYTHON_GC_THRESHOLD)
