"""The corpus of invented pages in councils' layouts and what each should read as.

``tests/importers/pages/corpus/expected.json`` says, page by page, what the page
states (committee, date, time, item numbers and titles, restricted items), what
an import asks the clerk for when the page does not say it, and why a page that
is not an agenda or minutes is refused.  ``read_corpus()`` reads every page and
compares; ``test_page_corpus.py`` asserts the rate and prints the table.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sspclerk.importers.page import (
    MeetingDetails,
    PageImport,
    PageImportError,
    PageNeedsDetails,
    import_page_file,
)

from .pagefiles import PAGES

CORPUS = PAGES / "corpus"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))["pages"]


def details(given: dict | None) -> MeetingDetails | None:
    """The clerk's answers as the importer takes them."""
    if not given:
        return None
    return MeetingDetails(
        committee=given.get("committee", ""),
        date=dt.date.fromisoformat(given["date"]) if given.get("date") else None,
        time=dt.time.fromisoformat(given["time"]) if given.get("time") else None,
    )


@dataclass
class PageResult:
    """How one page of the corpus read against its expectation."""

    name: str
    layout: str
    exact: bool = False
    problems: list[str] = field(default_factory=list)
    result: PageImport | None = None


def _compare(want: dict, got: PageImport) -> list[str]:
    m = got.meeting
    problems = []
    if m.committee.name != want["committee"]:
        problems.append(f"committee {m.committee.name!r}, not {want['committee']!r}")
    if m.date.isoformat() != want["date"]:
        problems.append(f"date {m.date}, not {want['date']}")
    time = m.start_time.strftime("%H:%M") if m.start_time else None
    if time != want["time"]:
        problems.append(f"time {time}, not {want['time']}")
    items = [[i.number, i.title] for i in m.items]
    if items != want["items"]:
        problems.append(f"items {items}, not {want['items']}")
    restricted = [i.number or i.title for i in m.items if i.restricted]
    if restricted != want["restricted"]:
        problems.append(f"restricted {restricted}, not {want['restricted']}")
    return problems


def read_page(name: str) -> PageResult:
    """Read one corpus page as a clerk would: first as it is, then with what it asked for."""
    want = EXPECTED[name]
    out = PageResult(name, want["layout"])
    path = CORPUS / name
    if "refused" in want:
        try:
            import_page_file(path)
        except PageNeedsDetails as exc:
            out.problems.append(f"asked for {exc.missing} instead of refusing")
        except PageImportError as exc:
            if want["refused"] not in str(exc) or "\n" in str(exc):
                out.problems.append(f"refused with {str(exc)!r}")
        else:
            out.problems.append("imported, not refused")
        out.exact = not out.problems
        return out
    try:
        got = import_page_file(path)
        if want.get("asks"):
            out.problems.append(f"did not ask for {want['asks']}")
    except PageNeedsDetails as exc:
        if list(exc.missing) != want.get("asks"):
            out.problems.append(f"asked for {list(exc.missing)}, not {want.get('asks')}")
        try:
            got = import_page_file(path, details(want.get("supply")))
        except PageImportError as again:
            out.problems.append(f"refused even with the details given: {again}")
            return out
    except PageImportError as exc:
        out.problems.append(f"refused: {exc}")
        return out
    out.result = got
    out.problems.extend(_compare(want, got))
    out.exact = not out.problems
    return out


def read_corpus() -> list[PageResult]:
    return [read_page(name) for name in sorted(EXPECTED)]


def rate_table(results: list[PageResult]) -> str:
    """The printed table: one line per page, then the rate."""
    lines = []
    for r in results:
        mark = "exact" if r.exact else "WRONG"
        lines.append(f"{mark:5}  {r.name:45} {r.layout[:70]}")
        lines.extend(f"         - {p[:300]}" for p in r.problems)
    exact = sum(r.exact for r in results)
    lines.append(
        f"Read exactly: {exact} of {len(results)} pages ({100 * exact / len(results):.0f} %)"
    )
    held = [r for r in results if EXPECTED[r.name].get("held_out")]
    lines.append(
        f"  of which written after the reader's changes for the others: "
        f"{sum(r.exact for r in held)} of {len(held)}"
    )
    return "\n".join(lines)


if __name__ == "__main__":  # python -m tests.importers.corpus
    print(rate_table(read_corpus()))
