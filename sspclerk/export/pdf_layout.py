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
    (a bold "Date:" then the date).
    """

    __slots__ = ("style", "runs", "bullet", "_lines", "_width")

    def __init__(
        self, style: Style, text: str | list[tuple[str, str]], bullet: str | None = None
    ) -> None:
        self.style = style
        self.runs = [(style.face, text)] if isinstance(text, str) else text
        self.bullet = bullet
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

    def __init__(self, style: Style, lines: list[Line], width: float) -> None:
        super().__init__(style, [])
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
    """A line placed on a page: its baseline position, size and word spacing."""

    __slots__ = ("x", "y", "size", "runs", "word_space")

    def __init__(
        self, x: float, y: float, size: float, runs: list[tuple[str, str]], word_space: float
    ) -> None:
        self.x = x
        self.y = y
        self.size = size
        self.runs = runs
        self.word_space = word_space


class Page:
    """What one page holds: lines of text, and the outline entries that point into it."""

    __slots__ = ("lines", "bookmarks")

    def __init__(self) -> None:
        self.lines: list[TextLine] = []
        self.bookmarks: list[tuple[Bookmark, float]] = []


def place(
    para: Paragraph, left: float, top: float, width: float, metrics: Metrics, lines=None
) -> list[TextLine]:
    """A paragraph's lines (or the first ``lines``) set with its top edge at ``top``."""
    style = para.style
    every = para.lines(width, metrics)
    if lines is not None:
        every = every[:lines]
    if not every:
        return []
    size = style.size
    baseline = top - size  # the first baseline one font size down, as platypus sets it
    placed = []
    if para.bullet:
        bullet_runs = [(style.face, para.bullet)]
        placed.append(
            TextLine(left + style.bullet_indent, baseline, style.bullet_size, bullet_runs, 0)
        )
    leading = style.leading
    centred = style.centred
    for line in every:
        x = left + line.x
        word_space = 0.0
        if line.spare < -1e-8 and line.spaces:
            word_space = line.spare / line.spaces
        elif centred:
            x += line.spare / 2
        placed.append(TextLine(x, baseline, size, line.runs, word_space))
        baseline -= leading
    return placed


def paginate(story: list, frame: Frame, metrics: Metrics) -> list[Page]:
    """The story laid out on as many pages as it needs (at least one)."""
    width = frame.width
    bottom = frame.bottom
    pages = [Page()]
    y = frame.top
    at_top = True
    after = 0.0  # the space after the block above
    queue = deque(story)

    def next_page() -> None:
        nonlocal y, at_top, after
        pages.append(Page())
        y, at_top, after = frame.top, True, 0.0

    while queue:
        block = queue.popleft()
        if isinstance(block, Bookmark):
            pages[-1].bookmarks.append((block, y))
            continue
        if isinstance(block, KeepWithNext):
            if not at_top and block.needed(width, metrics) > y - bottom:
                next_page()
            queue.extendleft(reversed(block.content))
            continue
        space = 0.0 if at_top else max(block.space_before - after, 0)
        height = block.height(width, metrics)
        if y - space - height >= bottom - FUZZ:
            _put(pages[-1], block, frame.left, y - space, width, metrics)
            y -= space + height + block.space_after
            after = block.space_after
            at_top = at_top and y == frame.top
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
                queue.appendleft(_Continued(block.style, lines[fit:], width))
                next_page()
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
