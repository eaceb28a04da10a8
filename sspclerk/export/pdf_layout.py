"""Minutes laid out on pages: lines broken, pages filled, headings kept with what follows.

reportlab's platypus lays out anything (tables, frames, floating figures) and
was the larger part of a whole `sspclerk export --format pdf`: importing it
alone took about 40 ms, longer than laying out 60 items.  Minutes are only paragraphs,
bullet and numbered lines and item headings, so the PDF writer lays them out
here and draws them on reportlab's canvas.  The rules are platypus's own, so a
page breaks where it did, but for one deliberate change (the last rule):

- lines are broken greedily: a word joins the line while the line, its spaces
  allowed to shrink by 5%, still fits; a word wider than its line is cut
  between characters;
- a bullet or number (in the paragraph's face) hangs in the indent; when it
  is wider than the indent, the first line starts after it;
- the space before a paragraph overlaps the space after the one above it, and
  is dropped at the top of a page;
- a paragraph that does not fit splits between lines, but never leaves a
  single line at the foot of a page (it moves whole to the next page);
- a block marked to keep with the next (an item's heading, a paper's note, a
  "Minutes:" label) stays on the page of the first two lines after it.
  platypus keeps such a group whole, which left pages half empty before a long
  paragraph; the writer's groups used to leave labels and notes at a page foot.

The agenda pack's front sheet and the action log add tables (``Table``): rows of
cells in fixed columns, split between rows, the heading row kept with the first
row and drawn again, as decoration, on every later page; a row taller than a page
splits between lines.  A last page holding a single line is avoided by laying the
last two pages out again with the one before ending earlier (``paginate``).

Every placed line carries its paragraph's ``tag`` (what it is in the tagged PDF's
structure, or an ``Artifact``) so ``pdf_base`` can mark it.

Nothing here knows reportlab: widths come from a ``Metrics`` (the PDF writer
gives it reportlab's widths of the embedded fonts).
"""

from __future__ import annotations

import re
from collections import deque
from typing import Protocol

#: Heights are compared with this much slack, as platypus compares them.
FUZZ = 1e-6
#: How far the spaces of a full line may shrink to keep a word on it (platypus's default).
SHRINK = 0.05
#: A bullet's gap to its text, in ems of the bullet's size (platypus's).
BULLET_GAP = 0.6
#: The fewest lines of a paragraph left at the foot of a page when it splits.
ORPHAN_LINES = 2
#: The gap an item number's column keeps clear of the title.
COLUMN_GAP = 6
#: Where a line may break: whitespace, but not the no-break spaces.
_BREAK = re.compile(r"[^\S\xa0\u2007\u202f]+")


class Metrics(Protocol):
    """What the layout needs to know about the fonts."""

    def widths(self, face: str, size: float) -> dict[str, float]:
        """Widths of texts already measured at ``size`` (a word may be missing)."""

    def width(self, face: str, text: str, size: float) -> float:
        """The width of ``text`` at ``size``."""


class Style:
    """How one kind of paragraph is set: face, size, leading, indents and spacing."""

    __slots__ = (
        "face",
        "size",
        "leading",
        "left",
        "bullet_indent",
        "bullet_size",
        "space_before",
        "space_after",
        "centred",
        "right",
        "colour",
    )

    def __init__(
        self,
        face: str,
        size: float,
        leading: float,
        *,
        left: float = 0.0,
        bullet_indent: float = 0.0,
        bullet_size: float = 10.0,
        space_before: float = 0.0,
        space_after: float = 0.0,
        centred: bool = False,
        right: bool = False,
        colour: str = "",
    ) -> None:
        self.face = face
        self.size = size
        self.leading = leading
        self.left = left
        self.bullet_indent = bullet_indent
        self.bullet_size = bullet_size
        self.space_before = space_before
        self.space_after = space_after
        self.centred = centred
        #: Set flush right (a table's page column).
        self.right = right
        #: The text's fill colour as PDF operands ("0.6 0 0"); empty for black.
        self.colour = colour

    def but(self, **changes) -> Style:
        """This style with some settings changed."""
        values = {name: getattr(self, name) for name in self.__slots__}
        values.update(changes)
        face, size, leading = values.pop("face"), values.pop("size"), values.pop("leading")
        return Style(face, size, leading, **values)


class Line:
    """One line of a paragraph: where it starts, its words by face, and its slack.

    ``spare`` is the width left over; below zero the line fits only because its
    spaces shrink, by ``spare / spaces`` each.
    """

    __slots__ = ("x", "runs", "spare", "spaces")

    def __init__(self, x: float, runs: list[tuple[str, str]], spare: float, spaces: int) -> None:
        self.x = x
        self.runs = runs
        self.spare = spare
        self.spaces = spaces


class Paragraph:
    """Text in one style, optionally with a bullet or number hanging before it.

    ``text`` is plain text, or a list of (face, text) runs that meet at spaces
    (a bold "Date:" then the date).  ``tag`` is what its lines belong to in the
    tagged PDF's structure (``bullet_tag`` for the bullet), handed on to every
    ``TextLine`` placed; ``trailing`` is drawn after the last line but never
    measured (the space a reader needs between an item's number and its title).
    """

    __slots__ = ("style", "runs", "bullet", "tag", "bullet_tag", "trailing", "_lines", "_width")

    def __init__(
        self,
        style: Style,
        text: str | list[tuple[str, str]],
        bullet: str | None = None,
        *,
        tag: object = None,
        bullet_tag: object = None,
        trailing: str = "",
    ) -> None:
        self.style = style
        self.runs = [(style.face, text)] if isinstance(text, str) else text
        self.bullet = bullet
        self.tag = tag
        self.bullet_tag = bullet_tag
        self.trailing = trailing
        self._lines: list[Line] | None = None
        self._width = -1.0

    @property
    def space_before(self) -> float:
        return self.style.space_before

    @property
    def space_after(self) -> float:
        return self.style.space_after

    def lines(self, width: float, metrics: Metrics) -> list[Line]:
        """The paragraph broken into lines ``width`` wide (remembered per width)."""
        if self._lines is None or self._width != width:
            self._lines = _break(self, width, metrics)
            self._width = width
        return self._lines

    def height(self, width: float, metrics: Metrics) -> float:
        return len(self.lines(width, metrics)) * self.style.leading

    def bullet_end(self, metrics: Metrics) -> float:
        """Where the bullet and its gap end, from the paragraph's left edge."""
        style = self.style
        size = style.bullet_size
        return (
            style.bullet_indent + metrics.width(style.face, self.bullet, size) + BULLET_GAP * size
        )


class _Continued(Paragraph):
    """The lines of a paragraph that went on to the next page."""

    __slots__ = ()

    def __init__(self, para: Paragraph, lines: list[Line], width: float) -> None:
        super().__init__(para.style, [], tag=para.tag, trailing=para.trailing)
        self._lines = lines
        self._width = width


def _break(para: Paragraph, width: float, metrics: Metrics) -> list[Line]:
    """Greedy line breaking, as platypus breaks one-font text."""
    style = para.style
    size = style.size
    left = style.left
    first_x = left
    first_width = width - left
    if para.bullet:
        overrun = para.bullet_end(metrics) - left
        if overrun > 0:
            first_x += overrun
            first_width -= overrun
    full_width = width - left

    # Parallel lists, one entry per word: most paragraphs are one face, many long.
    faces: list[str] = []
    words: list[str] = []
    widths: list[float] = []
    for face, text in para.runs:
        known = metrics.widths(face, size).get
        found = [word for word in _BREAK.split(text) if word]
        measured = [known(word) for word in found]
        if None in measured:
            measured = [metrics.width(face, word, size) for word in found]
        if measured and max(measured) > first_width:  # a word too wide for a line
            found, measured = _cut_wide(face, found, measured, first_width, size, metrics)
        faces += [face] * len(found)
        words += found
        widths += measured
    if not words:
        return []

    one_face = len(para.runs) == 1
    spaces = {face: metrics.width(face, " ", size) for face, _ in para.runs}
    space = spaces[faces[0]]
    shrink = SHRINK * space
    lines: list[Line] = []
    start = 0
    max_width = first_width
    x = first_x
    current = widths[0]
    for i in range(1, len(words)):
        w = widths[i]
        if not one_face:
            space = spaces[faces[i]]
            shrink = SHRINK * space
        new_width = current + space + w
        if new_width <= max_width + shrink * (i - start):
            current = new_width
        else:
            lines.append(_line(x, faces, words, start, i, max_width - current))
            start = i
            current = w
            max_width = full_width
            x = left
    lines.append(_line(x, faces, words, start, len(words), max_width - current))
    return lines


def _line(x: float, faces: list[str], words: list[str], start: int, end: int, spare: float) -> Line:
    """Words ``start`` to ``end`` as a line, joined into runs of one face."""
    runs: list[tuple[str, str]] = []
    face0 = faces[start]
    first = start
    for i in range(start + 1, end):
        if faces[i] != face0:  # the space between two faces is set in the second
            runs.append((face0, " ".join(words[first:i])))
            face0, first = faces[i], i
    text = " ".join(words[first:end])
    runs.append((face0, text if first == start else " " + text))
    # A no-break space is drawn as the space character, so word spacing widens it too.
    spaces = end - start - 1 + sum(text.count("\xa0") for _, text in runs)
    return Line(x, runs, spare, spaces)


def _cut_wide(
    face: str, words: list[str], widths: list[float], width: float, size: float, metrics: Metrics
) -> tuple[list[str], list[float]]:
    """The words with each one too wide for a line cut between characters into pieces
    that fit (at least a character each)."""
    out_words: list[str] = []
    out_widths: list[float] = []
    for word, word_width in zip(words, widths, strict=True):
        if word_width <= width:
            out_words.append(word)
            out_widths.append(word_width)
            continue
        start = 0
        used = 0.0
        for i, ch in enumerate(word):
            w = metrics.width(face, ch, size)
            if used + w > width and i > start:
                out_words.append(word[start:i])
                out_widths.append(used)
                start, used = i, 0.0
            used += w
        out_words.append(word[start:])
        out_widths.append(used)
    return out_words, out_widths


class Spacer:
    """Blank space of a fixed height (kept at the top of a page, as platypus keeps it)."""

    __slots__ = ("size",)
    space_before = space_after = 0.0

    def __init__(self, size: float) -> None:
        self.size = size

    def height(self, width: float, metrics: Metrics) -> float:
        return self.size


class Bookmark:
    """An outline entry: where an item starts, for the reader's navigation pane."""

    __slots__ = ("key", "title")

    def __init__(self, key: str, title: str) -> None:
        self.key = key
        self.title = title


class ItemHeading:
    """An item's number in its own column with the title beside it, as councils print
    minutes; ``gap`` above it is part of it, so it stays at the top of a page too."""

    __slots__ = ("number", "title", "column", "gap")
    space_before = space_after = 0.0

    def __init__(self, number: Paragraph, title: Paragraph, column: float, gap: float) -> None:
        self.number = number
        self.title = title
        self.column = column
        self.gap = gap

    def _widths(self, width: float) -> tuple[float, float]:
        return self.column - COLUMN_GAP, width - self.column

    def height(self, width: float, metrics: Metrics) -> float:
        number_w, title_w = self._widths(width)
        return self.gap + max(
            self.number.height(number_w, metrics), self.title.height(title_w, metrics)
        )


class KeepWithNext:
    """Blocks never parted by a page break from the first lines of the last one: an item's
    heading, or a "Minutes:" label, with what follows it."""

    __slots__ = ("content",)

    def __init__(self, content: list) -> None:
        self.content = content

    def needed(self, width: float, metrics: Metrics) -> float:
        """The height that must fit on the page: the blocks with the spaces between them
        (not around), the last one only as far as its first lines.  A paragraph that
        splits leaves at least two lines behind, so two lines are enough."""
        height = 0.0
        previous = None
        blocks = [block for block in self.content if not isinstance(block, Bookmark)]
        for n, block in enumerate(blocks):
            if previous is not None:  # the larger of the space after and before, as placed
                after = previous.space_after
                height += after + max(block.space_before - after, 0)
            if n == len(blocks) - 1 and isinstance(block, Paragraph):
                lines = min(len(block.lines(width, metrics)), ORPHAN_LINES)
                height += lines * block.style.leading
            else:
                height += block.height(width, metrics)
            previous = block
        return height


class Frame:
    """The area of a page that text flows into."""

    __slots__ = ("left", "bottom", "width", "top")

    def __init__(self, left: float, bottom: float, width: float, top: float) -> None:
        self.left = left
        self.bottom = bottom
        self.width = width
        self.top = top


class TextLine:
    """A line placed on a page: its baseline position, size and word spacing, its
    colour, and what it belongs to in the document's structure (``tag``)."""

    __slots__ = ("x", "y", "size", "runs", "word_space", "tag", "colour")

    def __init__(
        self,
        x: float,
        y: float,
        size: float,
        runs: list[tuple[str, str]],
        word_space: float,
        tag: object = None,
        colour: str = "",
    ) -> None:
        self.x = x
        self.y = y
        self.size = size
        self.runs = runs
        self.word_space = word_space
        self.tag = tag
        self.colour = colour


class Page:
    """What one page holds: lines of text, rules and shading (PDF path operators,
    drawn first), and the outline entries that point into it."""

    __slots__ = ("lines", "graphics", "bookmarks")

    def __init__(self) -> None:
        self.lines: list[TextLine] = []
        self.graphics: list[str] = []
        self.bookmarks: list[tuple[Bookmark, float]] = []

    def body_lines(self) -> int:
        """How many lines of text the page holds (a bullet and its line count once)."""
        return len({round(line.y, 3) for line in self.lines})


def place(
    para: Paragraph,
    left: float,
    top: float,
    width: float,
    metrics: Metrics,
    lines=None,
    tag: object = None,
) -> list[TextLine]:
    """A paragraph's lines (or the first ``lines``) set with its top edge at ``top``;
    ``tag`` stands in for the paragraph's own tags (a repeated table heading)."""
    style = para.style
    every = para.lines(width, metrics)
    whole = lines is None or lines >= len(every)
    if lines is not None:
        every = every[:lines]
    if not every:
        return []
    size = style.size
    colour = style.colour
    baseline = top - size  # the first baseline one font size down, as platypus sets it
    placed = []
    if para.bullet:
        bullet_runs = [(style.face, para.bullet)]
        placed.append(
            TextLine(
                left + style.bullet_indent,
                baseline,
                style.bullet_size,
                bullet_runs,
                0,
                tag or para.bullet_tag or para.tag,
                colour,
            )
        )
    leading = style.leading
    centred = style.centred
    right = style.right
    text_tag = tag or para.tag
    for line in every:
        x = left + line.x
        word_space = 0.0
        if line.spare < -1e-8 and line.spaces:
            word_space = line.spare / line.spaces
        elif centred:
            x += line.spare / 2
        elif right:
            x += line.spare
        placed.append(TextLine(x, baseline, size, line.runs, word_space, text_tag, colour))
        baseline -= leading
    if whole and para.trailing:
        last = placed[-1]
        face, text = last.runs[-1]
        last.runs = [*last.runs[:-1], (face, text + para.trailing)]
    return placed


def paginate(story: list, frame: Frame, metrics: Metrics) -> list[Page]:
    """The story laid out on as many pages as it needs (at least one).

    A last page holding a single line (the closing sentence, the last line of an
    outcome) reads as a mistake: the page before then ends a line or a few
    earlier, so that at least two lines go over together.
    """
    starts: list[tuple[list, bool]] = []
    pages = _paginate(story, frame, metrics, starts=starts)
    if len(pages) < 2 or pages[-1].body_lines() >= ORPHAN_LINES:
        return pages
    # Lay the last two pages out again from where the one before the last began.
    rest, fresh = starts[len(pages) - 2]
    step = max((line.size * 1.3 for line in pages[-2].lines), default=14.0)
    for lines in range(1, 5):
        trial = _paginate(rest, frame, metrics, shorter=lines * step, fresh=fresh)
        if len(trial) == 2 and trial[-1].body_lines() >= ORPHAN_LINES:
            return pages[:-2] + trial
    return pages


def _paginate(
    story: list,
    frame: Frame,
    metrics: Metrics,
    *,
    shorter: float = 0.0,
    fresh: bool = False,
    starts: list[tuple[list, bool]] | None = None,
) -> list[Page]:
    """``paginate`` with the first page ending ``shorter`` points higher; ``starts``
    collects what was left to lay out as each page began."""
    width = frame.width
    bottom = frame.bottom + shorter
    pages = [Page()]
    y = frame.top
    at_top = True
    # fresh: a page just begun after a page break
    after = 0.0  # the space after the block above
    queue = deque(story)
    if starts is not None:
        starts.append((list(queue), fresh))

    def next_page() -> None:
        nonlocal y, at_top, after, bottom, fresh
        pages.append(Page())
        y, at_top, after, fresh = frame.top, True, 0.0, True
        bottom = frame.bottom

    while queue:
        if starts is not None and len(starts) < len(pages):
            starts.append((list(queue), fresh))
        block = queue.popleft()
        if isinstance(block, Bookmark):
            pages[-1].bookmarks.append((block, y))
            continue
        if isinstance(block, KeepWithNext):
            if not at_top and block.needed(width, metrics) > y - bottom:
                next_page()
            queue.extendleft(reversed(block.content))
            continue
        if fresh and isinstance(block, TableRow) and not block.header:
            # A table going on over a page break: its heading again, as decoration
            # (the tagged heading is the one on the table's first page).
            queue.appendleft(block)
            queue.extendleft(reversed([row.repeated() for row in block.table.headers]))
            fresh = False
            continue
        fresh = False
        space = 0.0 if at_top else max(block.space_before - after, 0)
        height = block.height(width, metrics)
        if y - space - height >= bottom - FUZZ:
            _put(pages[-1], block, frame.left, y - space, width, metrics)
            y -= space + height + block.space_after
            after = block.space_after
            # A table heading repeated at the top of a page still leaves the page "at
            # its top" for what follows: a row too tall for any page splits there.
            at_top = at_top and (y == frame.top or getattr(block, "artifact", None) is not None)
            continue
        if isinstance(block, Paragraph):
            leading = block.style.leading
            # (FUZZ: the lines a kept group counted on fit, whatever the rounding.)
            fit = int((y - space - bottom + FUZZ) / leading)
            lines = block.lines(width, metrics)
            if at_top:
                fit = max(fit, 1)  # a page cannot hold more: never loop on it
            if fit >= ORPHAN_LINES or at_top:
                pages[-1].lines += place(block, frame.left, y - space, width, metrics, fit)
                queue.appendleft(_Continued(block, lines[fit:], width))
                next_page()
                continue
        if at_top and isinstance(block, TableRow):  # a row taller than a page: split it
            rest = block.put_part(pages[-1], frame.left, y, y - bottom, metrics)
            next_page()
            queue.appendleft(rest)
            continue
        if at_top:  # unsplittable and taller than a page (no block of the writer is)
            _put(pages[-1], block, frame.left, y - space, width, metrics)
            next_page()
            continue
        next_page()
        queue.appendleft(block)
    return pages


def _put(page: Page, block, left: float, top: float, width: float, metrics: Metrics) -> None:
    """A whole block's lines set on the page with its top edge at ``top``."""
    if isinstance(block, Paragraph):
        page.lines += place(block, left, top, width, metrics)
    elif isinstance(block, ItemHeading):
        number_w, title_w = block._widths(width)
        top -= block.gap
        page.lines += place(block.number, left, top, number_w, metrics)
        page.lines += place(block.title, left + block.column, top, title_w, metrics)
    elif isinstance(block, TableRow):
        block.put(page, left, top, metrics)


# ---------------------------------------------------------------- tables


class Table:
    """Cells in fixed columns, for the agenda pack's front sheet and the action log.

    ``rows`` are lists of paragraphs (None for an empty cell); the first
    ``header_rows`` are the heading, kept with the first row below it and drawn
    again at the top of every page the table goes on to.  ``rules`` draws the
    grid (PDF stroke colour operands, e.g. "0.5 0.5 0.5"); ``heading_fill`` shades
    the heading; ``rule_below_heading`` draws one line under it.  ``tags`` gives
    each row's structure element (a TR), ``before`` blocks kept with the table's start.
    """

    def __init__(
        self,
        columns: list[float],
        rows: list[list[Paragraph | None]],
        *,
        header_rows: int = 1,
        padding: tuple[float, float, float, float] = (2, 2, 2, 2),
        rules: str = "",
        heading_fill: str = "",
        rule_below_heading: bool = False,
        tags: list[object] | None = None,
    ) -> None:
        self.columns = columns
        self.padding = padding
        self.rules = rules
        self.heading_fill = heading_fill
        self.rule_below_heading = rule_below_heading
        tags = tags or [None] * len(rows)
        self.rows = [
            TableRow(self, cells, n < header_rows, tag)
            for n, (cells, tag) in enumerate(zip(rows, tags, strict=True))
        ]
        self.headers = self.rows[:header_rows]

    def blocks(self, before: list | None = None) -> list:
        """The table as blocks of the story: its start (with ``before``, the heading
        and the first row) kept together, then one block per row."""
        count = len(self.headers) + 1
        start = [*(before or []), *self.rows[:count]]
        return [KeepWithNext(start), *self.rows[count:]]


class TableRow:
    """One row of a ``Table``; it moves to the next page whole unless it is taller
    than a page, when its cells split between lines."""

    __slots__ = ("table", "cells", "header", "tag", "artifact")
    space_before = space_after = 0.0

    def __init__(
        self, table: Table, cells: list[Paragraph | None], header: bool, tag: object = None
    ) -> None:
        self.table = table
        self.cells = cells
        self.header = header
        self.tag = tag
        #: A heading row repeated on a later page: its text is decoration, not structure.
        self.artifact: object = None

    def repeated(self) -> TableRow:
        row = TableRow(self.table, self.cells, True, None)
        row.artifact = REPEATED_HEADING
        return row

    def _inner(self, column: float) -> float:
        left, right, _, _ = self.table.padding
        return column - left - right

    def height(self, width: float, metrics: Metrics) -> float:
        _, _, top, bottom = self.table.padding
        tallest = max(
            (
                cell.height(self._inner(column), metrics)
                for cell, column in zip(self.cells, self.table.columns, strict=True)
                if cell is not None
            ),
            default=0.0,
        )
        return top + tallest + bottom

    def put(self, page: Page, left: float, top: float, metrics: Metrics, lines=None) -> float:
        """The row's cells (their first ``lines`` each, when given) and its rules;
        returns the row's height."""
        table = self.table
        pad_left, _, pad_top, pad_bottom = table.padding
        tallest = 0.0
        x = left
        for cell, column in zip(self.cells, table.columns, strict=True):
            if cell is not None:
                inner = self._inner(column)
                count = len(cell.lines(inner, metrics))
                if lines is not None:
                    count = min(count, lines)
                page.lines += place(
                    cell, x + pad_left, top - pad_top, inner, metrics, count, self.artifact
                )
                tallest = max(tallest, count * cell.style.leading)
            x += column
        height = pad_top + tallest + pad_bottom
        width = sum(table.columns)
        bottom = top - height
        if self.header and table.heading_fill:
            page.graphics.append(
                f"{table.heading_fill} rg {left:.2f} {bottom:.2f} {width:.2f} {height:.2f} re f"
            )
        if table.rules:
            cells = []
            x = left
            for column in table.columns:
                cells.append(f"{x:.2f} {bottom:.2f} {column:.2f} {height:.2f} re")
                x += column
            page.graphics.append(f"{table.rules} RG 0.5 w {' '.join(cells)} S")
        if table.rule_below_heading and self.cells is table.headers[-1].cells:
            page.graphics.append(
                f"0 0 0 RG 0.8 w {left:.2f} {bottom:.2f} m {left + width:.2f} {bottom:.2f} l S"
            )
        return height

    def put_part(
        self, page: Page, left: float, top: float, room: float, metrics: Metrics
    ) -> TableRow:
        """As much of a row taller than the page as fits in ``room``; returns the rest."""
        _, _, pad_top, pad_bottom = self.table.padding
        leading = max((c.style.leading for c in self.cells if c is not None), default=12.0)
        fit = max(1, int((room - pad_top - pad_bottom + FUZZ) / leading))
        self.put(page, left, top, metrics, fit)
        rest: list[Paragraph | None] = []
        for cell, column in zip(self.cells, self.table.columns, strict=True):
            lines = [] if cell is None else cell.lines(self._inner(column), metrics)
            rest.append(_Continued(cell, lines[fit:], self._inner(column)) if lines[fit:] else None)
        row = TableRow(self.table, rest, self.header, self.tag)
        row.artifact = self.artifact
        return row


class Artifact:
    """What a tagged PDF marks as decoration rather than structure: running heads and
    feet ("Pagination", with "Header" or "Footer"), rules and shading ("Layout")."""

    __slots__ = ("kind", "subtype")

    def __init__(self, kind: str, subtype: str = "") -> None:
        self.kind = kind
        self.subtype = subtype


#: A table's heading drawn again on a later page.
REPEATED_HEADING = Artifact("Pagination", "Header")
