"""Find the files shipped in ``resources/`` from a source tree, a wheel or a bundle."""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def resources_dir() -> Path:
    here = Path(__file__).resolve().parent
    candidates = [
        here.parent / "resources",  # source tree / editable install
        here / "_resources",  # wheel (pyproject maps resources/ here)
    ]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:  # PyInstaller one-folder build
        candidates.insert(0, Path(bundle) / "resources")
    for candidate in candidates:
        if (candidate / "meeting.schema.json").is_file():
            return candidate
    raise FileNotFoundError("sspclerk's resources folder is missing from this installation")


def resource_path(name: str) -> Path:
    return resources_dir() / name
