"""Page import speed: the invented sample pages and the corpus, read as `sspclerk import` does.

    python bench/bench_page_import.py [--runs 20]

Prints the median time to read one page (decode, HTML to text, the whole reader) over
the sample pages in tests/importers/pages/ (and the seed when the shared folder is
beside the checkout), and over the 48 corpus pages.  No peer does this job; the row is
here so a change to the reader can be held against the figure before it.  A table to
read, never a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, Row  # noqa: E402
from sspclerk.importers.page import (  # noqa: E402
    PageImportError,
    PageNeedsDetails,
    import_page_file,
)

PAGES = ROOT / "tests" / "importers" / "pages"
#: The shared folder beside the clone, as in CI (tests/importers/pagefiles.py).
SHARED = Path(os.environ.get("SSPCLERK_SHARED_DIR") or ROOT.parent / "shared")
SEED = SHARED / "seed" / "ssp-2025-07-23-agenda-and-minutes.txt"


def _pages(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".html"))


def _per_page(pages: list[Path], runs: int) -> float:
    """Median over ``runs`` passes of the CPU time of one pass, divided by the pages."""

    def one_pass() -> float:
        start = time.process_time()
        for page in pages:
            try:
                import_page_file(page)
            except PageNeedsDetails:
                pass  # read up to the question: the work an import does before asking
            except PageImportError:
                pass
        return time.process_time() - start

    one_pass()
    return statistics.median(one_pass() for _ in range(runs)) / len(pages)


def run(runs: int = 20) -> list[Row]:
    samples = _pages(PAGES)
    what = f"{len(samples)} sample pages" + (" and the seed" if SEED.is_file() else "")
    samples += [SEED] if SEED.is_file() else []
    corpus = _pages(PAGES / "corpus")
    return [
        Row(
            f"Read a published page ({what}), per page",
            _per_page(samples, runs) * 1000,
            "",
            None,
            "ms",
            goal="≤ 20 ms",
            note="CPU time, median of the passes",
        ),
        Row(
            f"Read a published page ({len(corpus)} corpus pages in councils' layouts), per page",
            _per_page(corpus, runs) * 1000,
            "",
            None,
            "ms",
            goal="≤ 20 ms",
            note="CPU time, median of the passes; pages without their header read up to the question",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    for row in run(args.runs):
        print(f"{row.name}: {row.ours:.2f} {row.unit}  (goal {row.goal})")


if __name__ == "__main__":
    main()
