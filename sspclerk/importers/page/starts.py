"""Where the items of a page start: the number lines, or the titles above "Minutes:".

Part of the page reader, kept apart because choosing item starts is the subtle
part: the number style that starts items is the one sitting before the
``Minutes:`` lines (and the items numbered straight up to one, or on after the
last), numbers must run upwards, "6.1" under item 6 is its paragraph unless it has
minutes or papers of its own, and pages without numbers are split at the title
above each ``Minutes:`` or, with no labels either, at headings in capitals.
Nothing here invents an item: every start is a line of the page.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from . import header_lines as hdr
from . import lines as pt
from .numbers import NumberCandidate, find_candidate, number_key
from .state import PageLines
from .when import DATE

_SUB = re.compile(r"(?:\.\d{1,2}|[a-z])+")
#: Above this many number lines the longest upward run is not searched for.
_LONGEST_RUN_LIMIT = 1500


@dataclass
class Start:
    """A line of the page that starts an item."""

    line: int
    number: str
    title: str | None  # title on the number's line, or the title line itself (unnumbered)
    family: str


def _heading(c: NumberCandidate) -> bool:
    """A number alone, or one beside a heading (not a list entry's sentence)."""
    if c.title is None:
        return True
    return hdr.title_like(c.title) and not c.title.rstrip().endswith((".", ";", ":", ","))


def _directly_before(a: NumberCandidate | Start, b: NumberCandidate | Start) -> bool:
    """b is the number after a: 3 then 4, 4 then 4a, 4a then 4b, SSP/12/25 then SSP/13/25."""
    x, y = number_key(a.number), number_key(b.number)
    if not x or not y:
        return False
    if len(y) == len(x):  # the same level; "SSP/12/25" counts on in its first part
        return (y[:-1] == x[:-1] and y[-1] == x[-1] + 1) or (y[0] == x[0] + 1 and y[1:] == x[1:])
    if len(y) == len(x) + 1:  # the first sub-item
        return y[:-1] == x and y[-1] == 1
    return y[:-1] == x[: len(y) - 1] and y[-1] == x[len(y) - 1] + 1  # back up a level


def _sub_number(parent: str, number: str) -> bool:
    """ "6.1", "6a", "6.1.2" under "6" (not "61", not "7")."""
    return (
        bool(parent)
        and number != parent
        and number.startswith(parent)
        and bool(_SUB.fullmatch(number[len(parent) :]))
    )


def _paper(line: str) -> bool:
    m = pt.DOCUMENT.match(line)
    return bool(m and m.group("title"))


class StartFinder(PageLines):
    """Finds where the items start (mixed into the reader)."""

    def _candidates(self) -> list[NumberCandidate]:
        """The lines that may start an item and are not yet read as something else.

        Read once: the starts are found twice (before the header, to know where it
        ends, and after the attendance lists), and a line only ever becomes used.
        """
        if self.found_candidates is None:
            self.found_candidates = []
            for i, line in enumerate(self.lines):
                c = find_candidate(line) if line and not self.used[i] else None
                if c is not None:
                    c.line = i
                    self.found_candidates.append(c)
        return [c for c in self.found_candidates if not self.used[c.line]]

    def _item_starts(self, markers: list[tuple[int, str]]) -> list[Start]:
        """The lines where items start, in page order."""
        return self._without_subparagraphs(self._numbered_starts(markers))

    def _first_numbered_item(self, markers: list[tuple[int, str]], default: int) -> int:
        """The line of the first item with a number (the header is above it), found
        before the header is read; unnumbered items are not looked for here."""
        starts = self._numbered_starts(markers, numbers_only=True)
        return next((s.line for s in starts if s.number), default)

    def _without_subparagraphs(self, starts: list[Start]) -> list[Start]:
        """ "6.1", "6a" under item 6 are paragraphs of item 6 in printed minutes, unless
        they have minutes or papers of their own (a website's sub-items)."""
        kept: list[Start] = []
        whole: Start | None = None
        ends = [s.line for s in starts[1:]] + [len(self.lines)] * bool(starts)
        for start, end in zip(starts, ends, strict=True):
            if whole is not None and _sub_number(whole.number, start.number):
                own = any(
                    not self.used[j] and (pt.marker_kind(self.lines[j]) or _paper(self.lines[j]))
                    for j in range(start.line, end)
                )
                if not own:
                    continue
            else:
                whole = start
            kept.append(start)
        return kept

    def _numbered_starts(
        self, markers: list[tuple[int, str]], numbers_only: bool = False
    ) -> list[Start]:
        cands = self._candidates()
        if not markers and not cands:
            return [] if numbers_only else self._capital_headings()
        if not markers:
            return self._agenda_only_starts(cands)
        windows: list[tuple[int, int, str]] = []
        prev = -1
        for m, kind in markers:
            windows.append((prev, m, kind))
            prev = m
        score: dict[str, list[int]] = {}
        lines = [c.line for c in cands]  # in page order
        for lo, hi, _ in windows:
            inside = cands[bisect.bisect_right(lines, lo) : bisect.bisect_left(lines, hi)]
            for family in {c.family for c in inside}:
                entry = score.setdefault(family, [0, 0])
                entry[0] += 1
        for c in cands:
            if c.family in score:
                score[c.family][1] += c.alone
        dominant = max(score, key=lambda f: tuple(score[f])) if score else None
        family_cands = [c for c in cands if c.family == dominant]
        alone_style = bool(family_cands) and (
            sum(c.alone for c in family_cands) * 2 >= len(family_cands)
        )
        if alone_style:
            # A number on a line of its own starts an item whether or not it has minutes.
            alone = self._sequence([c for c in family_cands if c.alone])
            return alone if numbers_only else self._unnumbered_between(alone, markers)
        starts: list[Start] = []
        seen: set[str] = set()
        last_key: tuple[int, ...] | None = None
        family_lines = [c.line for c in family_cands]
        for lo, hi, kind in windows:
            inside = family_cands[
                bisect.bisect_right(family_lines, lo) : bisect.bisect_left(family_lines, hi)
            ]
            if last_key is not None:
                later = [c for c in inside if number_key(c.number) > last_key]
                inside = later or inside
            if inside:
                c = inside[-1]
                # Items with no minutes of their own before it ("1. Apologies", "2. …"
                # above "3. Budget" / "Decision:"): the numbers running up to it.
                run = [c]
                for before in reversed(inside[:-1]):
                    if not (_directly_before(before, run[0]) and _heading(before)):
                        break
                    run.insert(0, before)
                starts.extend(Start(r.line, r.number, r.title, r.family) for r in run)
                last_key = number_key(c.number)
                seen = {kind}
            elif numbers_only:
                continue
            elif not starts or kind in seen:
                t = self._walk_back_title(hi, lo)
                if t is not None and (not starts or t > starts[-1].line):
                    starts.append(Start(t, "", self.lines[t], "none"))
                    seen = {kind}
            else:
                seen.add(kind)
        # Items after the last one with minutes, numbered on from it.
        last = starts[-1] if starts else None
        for c in family_cands:
            if (
                last is not None
                and last.number
                and c.line > last.line
                and _heading(c)
                and _directly_before(last, c)
            ):
                last = Start(c.line, c.number, c.title, c.family)
                starts.append(last)
        return starts or self._agenda_only_starts(cands)

    def _capital_headings(self) -> list[Start]:
        """Items headed in capitals and not numbered ("APOLOGIES" / "SERIOUS VIOLENCE
        DUTY"), as partnership minutes typed in a document often are: each heading
        a line of its own after a blank line.  Two at least, or none."""
        out = []
        for i, line in enumerate(self.lines):
            if self.used[i] or not line or (i and self.lines[i - 1]):
                continue
            letters = [ch for ch in line if ch.isalpha()]
            if (
                len(letters) >= 3
                and all(ch.isupper() for ch in letters)
                and len(line.split()) <= 12
                and not line.endswith((".", ":", ";", ","))
                and not self._structural_text(line)
                and not DATE.search(line)
            ):
                out.append(Start(i, "", line, "none"))
        return out if len(out) >= 2 else []

    def _unnumbered_between(
        self, starts: list[Start], markers: list[tuple[int, str]]
    ) -> list[Start]:
        """A second "Minutes:" after an item's minutes starts an item without a number."""
        out = list(starts)
        lines = [s.line for s in out]
        prev = -1
        seen: set[str] = set()
        current = -1
        for m, kind in markers:
            k = bisect.bisect_left(lines, m) - 1
            if k != current:
                current, seen = k, set()
            if kind in seen:
                t = self._walk_back_title(m, max(prev, lines[k] if k >= 0 else -1))
                if t is not None:
                    out.insert(k + 1, Start(t, "", self.lines[t], "none"))
                    lines.insert(k + 1, t)
                    current, seen = k + 1, set()
            seen.add(kind)
            prev = m
        return out

    def _agenda_only_starts(self, cands: list[NumberCandidate]) -> list[Start]:
        if not cands:
            return []
        counts: dict[str, tuple[int, int]] = {}
        for c in cands:
            alone, total = counts.get(c.family, (0, 0))
            counts[c.family] = (alone + c.alone, total + 1)
        dominant = max(counts, key=lambda f: counts[f])
        chosen = [c for c in cands if c.family == dominant]
        alone = self._sequence([c for c in chosen if c.alone])
        titled = self._sequence([c for c in chosen if not c.alone])
        # Numbers alone or numbers beside their titles, whichever the page runs on: a
        # page number "2" alone in pasted minutes does not outvote "1. APOLOGIES" …
        return alone if len(alone) >= len(titled) else titled

    def _sequence(self, chosen: list[NumberCandidate]) -> list[Start]:
        """``_longest_run`` of these candidates, worked out once per page."""
        key = tuple(c.line for c in chosen)
        if key not in self.runs:
            self.runs[key] = self._longest_run(chosen)
        return list(self.runs[key])

    @staticmethod
    def _longest_run(chosen: list[NumberCandidate]) -> list[Start]:
        """The longest run of numbers going upwards in page order.

        A stray "2025" or a "7" in a table of the minutes is skipped, and so are
        not the real items after it (1, 2, 3, 7, 4, 5 gives 1 to 5); a jump of more
        than 30 is not a next item.
        """
        keys = [number_key(c.number) for c in chosen]

        def follows(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
            return a < b and not (a[:1] and b[:1] and b[0] > a[0] + 30)

        if len(chosen) > _LONGEST_RUN_LIMIT:  # a hostile page: the greedy reading
            picked: list[int] = []
            for i, key in enumerate(keys):
                if not picked or follows(keys[picked[-1]], key):
                    picked.append(i)
        else:
            # Longest first; among equally long runs, the one with more title-like
            # lines ("3. FINANCE" rather than "3. Members inspect the bridge.").
            heading = [
                int(c.title is None or (hdr.title_like(c.title) and not c.title.endswith(".")))
                for c in chosen
            ]
            best = [(1, h) for h in heading]
            before = [-1] * len(keys)
            for i, key in enumerate(keys):
                for j in range(i):
                    score = (best[j][0] + 1, best[j][1] + heading[i])
                    if score > best[i] and follows(keys[j], key):
                        best[i], before[i] = score, j
            end = max(range(len(keys)), key=lambda i: (best[i], -i), default=-1)
            picked = []
            while end >= 0:
                picked.append(end)
                end = before[end]
            picked.reverse()
        return [
            Start(chosen[i].line, chosen[i].number, chosen[i].title, chosen[i].family)
            for i in picked
        ]

    def _first_paper(self, icon: int, lower: int) -> int:
        """The title line of an item whose papers are listed above its marker.

        The item's own report comes first and its appendices after it (often under an
        "Additional documents:" line), so the title is the top of that run of paper
        lines; or, when the run starts under "Additional documents:", the heading
        above that label (an item titled without a paper of its own).
        """
        top = icon
        label = False
        for j in range(icon - 1, lower, -1):
            line = self.lines[j]
            if not line:
                continue
            if self.used[j]:
                label = label or bool(pt.PAPERS_LABEL.match(line))
                continue
            m = pt.DOCUMENT.match(line)
            if m and m.group("title"):
                top, label = j, False
                continue
            # a heading, in sentence case too ("Budget monitoring"), not the last line
            # of the item before ("AGREED to note the report.")
            heading = line[:1].isupper() and len(line.split()) <= 16
            if label and heading and not line.endswith((".", ";", ":", ",")):
                return j
            if self._title_above_papers(j):
                return j  # "Grant of a Lease" above its report "Harbour Yard Lease Report"
            break
        return top

    def _title_above_papers(self, j: int) -> bool:
        """A title standing alone right above an item's papers: in capitals, not a
        sentence, an outcome, a date, a list entry or a label (the last line of the
        item before is one of those)."""
        line = self.lines[j]
        entry = pt.read_entry(self.raw[j])
        return bool(
            entry is not None
            and entry.kind == "paragraph"
            and hdr.title_like(line)
            and not line.endswith((".", ";", ":", ",", "?", "!"))
            and not pt.is_outcome(line)
            and not DATE.search(line)
            and not self._structural_text(line)
        )

    def _walk_back_title(self, marker: int, lower: int) -> int | None:
        """The title line of an unnumbered item: the top of the block above its marker."""
        icon = None
        for j in range(marker - 1, lower, -1):
            if not self.used[j] and pt.DOCUMENT.match(self.lines[j]):
                m = pt.DOCUMENT.match(self.lines[j])
                if m and m.group("title"):
                    icon = j
                    break
        if icon is not None:
            return self._first_paper(icon, lower)
        block: list[int] = []
        for j in range(marker - 1, lower, -1):
            line = self.lines[j]
            if not line:
                continue
            if self.used[j]:
                break
            entry = pt.read_entry(self.raw[j])
            if entry is None:
                continue
            if (
                entry.kind != "paragraph"
                or pt.is_outcome(line)
                or (block and line.endswith((".", "?", "!", ";")))
            ):
                break
            block.append(j)
        if not block:
            return None
        # The earliest title-like line: lines above it are the previous item's or header text.
        titled = [j for j in block if hdr.title_like(self.lines[j])]
        return titled[-1] if titled else block[-1]
