"""Where the page-import tests find their sample pages and the shared seed."""

from __future__ import annotations

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"
ROOT = HERE.parent.parent
#: CI keeps the shared folder beside the clone (../shared/seed); a git worktree kept
#: elsewhere can point at it with SSPCLERK_SHARED_DIR.
SHARED = Path(os.environ.get("SSPCLERK_SHARED_DIR") or ROOT.parent / "shared")
SEED = SHARED / "seed" / "ssp-2025-07-23-agenda-and-minutes.txt"
#: The invented sample pages (never text from a real council page).
SAMPLES = sorted(p for p in PAGES.iterdir() if p.suffix in (".txt", ".html"))
