"""The item step: one item's title, papers, agenda text, minutes, outcomes and restriction.

The pieces (documents, actions, outcome grouping) are read by ``item_parts``;
this step walks the lines between one item start and the next.
"""

from __future__ import annotations

import re

from sspclerk.core import page_wording as wording
from sspclerk.core.model import AgendaItem, Outcome
from sspclerk.core.outcomes import infer_kind

from . import header_lines as hdr
from . import item_parts as items
from . import lines as pt
from .starts import Start
from .state import PageLines


def one_line(text: str) -> str:
    """A heading field with the page's no-break spaces (``&nbsp;``) as plain spaces."""
    return text.replace("\u00a0", " ").strip()


def restrict(item: AgendaItem, published: bool) -> None:
    """Flag an item restricted for where it stands on the page (under a Part B heading,
    after the resolution to exclude the public).  On a published page what it printed
    under the item was public, so it is the item's public summary, as for an item whose
    own text says it is exempt; otherwise (``PageLines.published``) it was not."""
    item.restricted = True
    if published and not item.public_summary:
        item.public_summary = "\n\n".join(
            t for t in (item.minutes, *(o.text for o in item.outcomes)) if t
        )


#: A title that ends in one of these goes on to the next line.
_LEADS_ON = frozenset(
    [
        "and",
        "or",
        "of",
        "the",
        "for",
        "to",
        "in",
        "on",
        "at",
        "with",
        "from",
        "by",
        "a",
        "an",
        "including",
        "into",
        "under",
        "between",
    ]
)
#: Lines that start the agenda text under a title, not more of the title.
_NOT_A_TITLE = re.compile(
    r"^(?:(?:joint\s+)?reports?|presentation|briefing|verbal\s+update|update)\s+(?:of|by|from)\b"
    r"|^(?:appendix|appendices|annex|enclosure|background\s+papers?)\b"
    r"|^to\s+(?:receive|consider|note|approve|agree|confirm|determine|discuss|resolve)\b",
    re.I,
)


def _has_paper(title: str) -> bool:
    m = pt.DOCUMENT.match(title)
    return bool(m and m.group("title"))


def _capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


class ItemSteps(PageLines):
    """Reads one item (mixed into the reader)."""

    def _item(self, start: Start, end: int) -> AgendaItem:
        item = AgendaItem(number=start.number, title="")
        i = start.line + 1
        title = start.title
        if title is None:
            j = self._next_text(i, end)
            if j is not None and not pt.marker_kind(self.lines[j]):
                title = self.lines[j]
                i = j + 1
        title, i = self._whole_title(title or "", i, end)
        pages = pt.PACK_PAGES.search(title)
        if pages and pages.start() > 0:
            title = title[: pages.start()]
            self.clutter += 1
        doc = pt.DOCUMENT.match(title)
        if doc and doc.group("title"):
            title = pt.document_title(doc)
        item.title = one_line(title)
        if doc and doc.group("title"):
            item.documents.append(items.document_from(doc, title))
        first = "minutes" if self.text_is_minutes else "agenda"
        segments: list[tuple[str, list[pt.Entry]]] = [(first, [])]
        details: list[str] = []
        for j in range(i, end):
            if self.used[j]:
                continue
            line = self.lines[j]
            if not line:
                continue
            kind = pt.marker_kind(line)
            if kind:
                segments.append((kind, []))
                rest = pt.MARKER.match(line).group("rest").strip()  # type: ignore[union-attr]
                if rest:
                    segments[-1][1].append(pt.Entry("paragraph", rest))
                continue
            d = pt.DOCUMENT.match(line)
            if d and items.MEETING_DOCUMENT.match(d.group("title")):
                # The meeting's own papers (front sheet, reports pack): no item to hold them.
                self.unplaced.append(line)
                continue
            if d:
                item.documents.append(items.document_from(d, pt.document_title(d) or title))
                continue
            u = pt.URGENT.match(line)
            if u and segments[-1][0] == "agenda":
                item.urgent_reason = u.group("value").strip()
                continue
            if pt.DECISION_DETAIL.match(line):
                details.append(line)
                continue
            a = pt.ACTION.match(line)
            if a:
                item.actions.append(items.action_from(a))
                continue
            entry = pt.read_entry(self.raw[j])
            if entry is not None:
                segments[-1][1].append(entry)
        self._fill_item(item, segments)
        if details:
            label = item.number or item.title or "without a title"
            self.unplaced.append(f"Decision details for item {label}: " + "; ".join(details))
        return item

    def _whole_title(self, title: str, i: int, end: int) -> tuple[str, int]:
        """A title wrapped over the next lines joined again, and the line after it.

        "REPORT OF THE TOWN CLERK ON THE CONDITION OF" / "THE WAR MEMORIAL …", or a
        long title the page broke before its paper ("… Homes and the" / "Progress
        of … pdf icon PDF 510 KB").  Up to three lines, none of them blank.
        """
        for _ in range(3):
            if i >= end or self.used[i] or not self._continues(title, self.lines[i]):
                break
            title = f"{title} {self.lines[i]}"
            i += 1
        return title, i

    def _continues(self, title: str, line: str) -> bool:
        """Whether ``line`` (right under the title) is more of the title."""
        if not title or not line:
            return False
        if line[:1].islower() or title.endswith((",", "-", "–", "—", "&", "/")):
            joins = True  # a new paragraph would start with a capital
        elif title.split()[-1].lower() in _LEADS_ON:
            joins = True
        elif line.endswith((".", "?", "!", ";", ":")):
            joins = False
        else:
            doc = pt.DOCUMENT.match(line)
            text = pt.document_title(doc) if doc else line
            joins = bool(text) and (
                (_capitals(title) and _capitals(text))
                or (self.paragraphs_apart and hdr.title_like(text))
            )
        if not joins or _has_paper(title):
            return False
        doc = pt.DOCUMENT.match(line)
        text = pt.document_title(doc) if doc else line
        entry = pt.read_entry(line)
        return not (
            not text
            or entry is None
            or entry.kind != "paragraph"
            or items.LETTERED.match(line)  # "(a) To approve …": a list under the title
            or _NOT_A_TITLE.match(text)
            or self._structural_text(line)
        )

    def _fill_item(self, item: AgendaItem, segments: list[tuple[str, list[pt.Entry]]]) -> None:
        agenda: list[pt.Entry] = []
        minutes: list[pt.Entry] = []
        reasons: list[str] = []
        outcomes: list[tuple[str, list[pt.Entry]]] = []
        restricted = bool(items.RESTRICTED_TITLE.search(item.title))
        for kind, entries in segments:
            for piece_kind, piece in items.pieces(kind, entries):
                first = piece[0]
                if first.kind == "paragraph" and wording.EXEMPT_LINE.match(first.text):
                    item.exempt_paragraph = int(wording.EXEMPT_LINE.match(first.text).group("n"))  # type: ignore[union-attr]
                    restricted = True
                    continue
                if (
                    piece_kind == "text"
                    and first.kind == "paragraph"
                    and pt.is_restriction_reason(first.text)
                ):
                    reasons.append(first.text)
                    restricted = True
                    continue
                if kind == "agenda":
                    agenda.extend(piece)
                    continue
                if piece_kind == "outcome":
                    outcomes.append((kind, piece))
                else:
                    minutes.extend(piece)
        item.agenda_text = pt.join_entries(agenda)
        item.minutes = pt.join_entries(minutes)
        keys: dict[str, set[str]] = {"minutes": set(), "decision": set()}
        stated: list[pt.Entry] = []
        for kind, piece in outcomes:
            text = "\n".join(e.render() for e in piece)
            key = pt.outcome_key(text)
            other = "decision" if kind == "minutes" else "minutes"
            if key and key in keys[other]:
                continue  # the Decision: text and the minutes record the same outcome
            keys[kind].add(key)
            stated.extend(piece)
            outcome = Outcome(text=text, kind=infer_kind(text, context=item.minutes))
            votes = items.VOTES.search(text)
            if votes:
                outcome.votes_for = int(votes.group("for"))
                outcome.votes_against = int(votes.group("against"))
                if votes.group("abstain"):
                    outcome.abstentions = int(votes.group("abstain"))
            item.outcomes.append(outcome)
        if restricted:
            item.restricted = True
            item.restriction_reason = "\n\n".join(reasons)
            # The published record in the minutes' own shape: the text, then the
            # outcomes, each once (the Decision: text may repeat the minutes').
            if self.published:
                item.public_summary = pt.join_entries(minutes + stated)
            if item.exempt_paragraph is None:
                item.exempt_paragraph = wording.exempt_paragraph(item.restriction_reason)
