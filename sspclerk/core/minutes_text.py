"""Read the clerk's plain-text minutes as paragraphs and lists.

The clerk types plain text during the meeting; structure comes from line starts
only, so nothing is lost if the text is pasted elsewhere:

- a line starting ``- ``, ``· ``, ``• `` or ``* `` is a bullet;
- a line starting ``1. `` (any number, or ``1)``) is a numbered entry;
- every other non-blank line is a paragraph of its own (the clerk presses Enter
  for a new paragraph, as in any editor); an indented line under a list entry
  continues that entry.

Every writer (Word, PDF, HTML, text) renders these blocks, so a list typed once is
a real list everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["paragraph", "bullets", "numbered"]

_BULLET = re.compile(r"^\s*[-·•*‣◦▪]\s+(?P<text>\S.*)$")
_NUMBER = re.compile(r"^\s*(?P<n>\d{1,3})[.)]\s+(?P<text>\S.*)$")


@dataclass(frozen=True)
class Block:
    """One paragraph (``lines`` has one entry) or one list (one entry per list item)."""

    kind: BlockKind
    lines: tuple[str, ...]
    #: For a numbered list: the number of its first entry (lists may resume at 4).
    start: int = 1


def split_blocks(text: str) -> list[Block]:
    """Paragraphs and lists of ``text`` in reading order; never raises."""
    blocks: list[Block] = []
    list_kind: BlockKind | None = None
    entries: list[str] = []
    start = 1

    def flush_list() -> None:
        nonlocal list_kind
        if list_kind and entries:
            blocks.append(Block(list_kind, tuple(entries), start))
        entries.clear()
        list_kind = None

    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            flush_list()
            continue
        bullet = _BULLET.match(raw)
        number = None if bullet else _NUMBER.match(raw)
        if bullet or number:
            kind: BlockKind = "bullets" if bullet else "numbered"
            if list_kind != kind:
                flush_list()
                list_kind = kind
                start = int(number.group("n")) if number else 1
            entries.append((bullet or number).group("text").strip())  # type: ignore[union-attr]
        elif list_kind and raw[:1].isspace() and entries:
            # An indented line under a list entry continues that entry.
            entries[-1] = f"{entries[-1]} {line}"
        else:
            flush_list()
            blocks.append(Block("paragraph", (line,)))
    flush_list()
    return blocks
