"""Start reportlab without the parts of its start-up that sspclerk never uses.

reportlab imports Pillow's ``PIL.Image`` at start-up (about 20 ms, with its
EXIF tables) for drawing pictures, which minutes and agenda packs never have.
Importing this module registers ``PIL.Image`` through the standard library's
``importlib.util.LazyLoader``: the module object is real and is loaded the
first time anything reads from it, so a picture would still draw.  (Python
3.11's LazyLoader is not guarded against two threads touching such a module for
the first time at once; nothing in sspclerk touches Pillow.)  Every writer that
uses reportlab imports this module before reportlab.

The minutes writer draws on reportlab's canvas; the agenda pack's front sheet
and the action log use platypus, whose paragraph module compiles ``uri_pat`` at
import: a case-blind pattern over most of Unicode that takes about 50 ms to
build.  reportlab uses it only when a word too long for its line looks like a
web address and has to be split at a slash.  ``import_paragraph_module()``
imports platypus with that pattern compiled on first use instead, and the same
for three more patterns built at import for features sspclerk never uses:
``rx`` of ``reportlab.lib.textsplit`` (Chinese/Japanese/Korean wrapping, used
only by ``cjkwrap``, which in reportlab 4 cannot even run: it calls an
unimported ``reduce``; about 5 ms) and ``matchRE`` / ``idRE`` of
``reportlab.lib.PyFontify`` (colouring Python code in ``XPreformatted``; about
1.5 ms).  All are used only through their methods (``rx.sub``,
``matchRE.search``), which the stand-in passes on.  Nothing is skipped: a long
address still splits exactly as before (tests/export/test_reportlab_startup.py),
it just pays the 50 ms then.  Every other caller of ``re.compile`` meanwhile, in
any thread, gets the real thing; and if the module was already imported,
nothing changes.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import threading

_MODULE = "reportlab.platypus.paragraph"
# Module -> the flags a deferred pattern of it has (0: every pattern of that module).
_DEFERRED = {
    _MODULE: re.IGNORECASE,
    "reportlab.lib.textsplit": 0,
    "reportlab.lib.PyFontify": 0,
}


class LazyPattern:
    """A compiled pattern made on first use (stands in for ``re.Pattern``)."""

    def __init__(self, compile_, pattern, flags) -> None:
        self._compile = compile_
        self._args = (pattern, flags)
        self._real: re.Pattern | None = None
        self._lock = threading.Lock()

    @property
    def compiled(self) -> bool:
        return self._real is not None

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        real = self._real
        if real is None:
            with self._lock:
                if self._real is None:
                    self._real = self._compile(*self._args)
                real = self._real
        return getattr(real, name)


def import_paragraph_module() -> None:
    """Import reportlab.platypus (and its paragraph module) with the lazy pattern."""
    if _MODULE in sys.modules:
        return
    original = re.compile

    def compile_(pattern, flags=0):
        caller = sys._getframe(1).f_globals.get("__name__")
        wanted = _DEFERRED.get(caller)
        if wanted is not None and (flags & wanted) == wanted:
            return LazyPattern(original, pattern, flags)
        return original(pattern, flags)

    re.compile = compile_
    try:
        import reportlab.platypus.paragraph  # noqa: F401
    finally:
        re.compile = original


def _defer_module(name: str) -> None:
    """Register ``name`` to load on first attribute use (if it is not loaded yet)."""
    if name in sys.modules:
        return
    try:
        spec = importlib.util.find_spec(name)
    except ImportError:
        return
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)


# Importing this module is the point: every reportlab user imports it before reportlab.
_defer_module("PIL.Image")
