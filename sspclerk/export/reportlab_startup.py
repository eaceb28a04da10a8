"""Start reportlab without the parts of its start-up that sspclerk never uses.

reportlab imports Pillow's ``PIL.Image`` at start-up (about 20 ms, with its
EXIF tables) for drawing pictures, which minutes and agenda packs never have.
Importing this module registers ``PIL.Image`` through the standard library's
``importlib.util.LazyLoader``: the module object is real and is loaded the
first time anything reads from it, so a picture would still draw.  (Python
3.11's LazyLoader is not guarded against two threads touching such a module for
the first time at once; nothing in sspclerk touches Pillow.)  Every writer that
uses reportlab imports this module before reportlab.

The minutes, the agenda pack's front sheet and the action log are all laid out
by sspclerk itself (``pdf_layout``) and drawn on reportlab's canvas
(``pdf_base``), so reportlab's general layout engine, platypus, is never
imported either.
"""

from __future__ import annotations

import importlib.util
import sys


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
