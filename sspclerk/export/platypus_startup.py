"""Import this before ``reportlab.platypus``: platypus then starts without compiling
patterns sspclerk never uses (``reportlab_startup.import_paragraph_module``)."""

from __future__ import annotations

from .reportlab_startup import import_paragraph_module

import_paragraph_module()
