"""The bench contract: every ``bench/bench_*.py`` has ``run() -> list[Row]``.

``bench/run.py`` imports each module, calls ``run()``, and prints one table of all
rows (also written to ``bench/RESULTS.md``).  A row is one figure of ours beside
the same job done by the tool a clerk would otherwise use, measured in the same
run on the same machine.  Lower is better for every unit used here.  See
bench/README.md.
"""

from __future__ import annotations

import os
import shutil
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Generated inputs (stores, PDFs) shared between benches; not committed.
WORK = Path(os.environ.get("SSPCLERK_BENCH_WORK", ROOT / "bench" / ".work"))


@dataclass
class Row:
    """One line of the results table."""

    name: str  # what was measured, in the clerk's words: "Export a 60-item meeting to PDF"
    ours: float | None  # our figure; None when it could not be measured (say why in note)
    peer_name: str  # the tool beside us: "soffice --headless --convert-to pdf"; "" if none
    peer: float | None  # the peer's figure; None when it is not installed or failed
    unit: str  # "s", "ms", "MB" ...
    goal: str = ""  # e.g. "≤ 2 s", "≤ 1.5 × peer"
    note: str = ""  # the gap and its reason, how measured, "peer not installed"

    @property
    def ratio(self) -> float | None:
        """ours / peer: below 1 we are faster (or smaller) than the peer."""
        if self.ours is None or not self.peer:
            return None
        return self.ours / self.peer


def peer_tool(name: str) -> str | None:
    """The peer program's path, or None (the row then says "not installed")."""
    return shutil.which(name)


def work_dir(name: str) -> Path:
    path = WORK / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0-100) by nearest rank: what p% of runs stayed under."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no measurements")
    rank = max(1, round(p / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def timed(fn: Callable[[], object], runs: int, warmup: int = 1) -> list[float]:
    """Wall-clock seconds of ``runs`` calls after ``warmup`` unmeasured ones."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def median(values: list[float]) -> float:
    return statistics.median(values)
