"""A saved committee web page (HTML) turned into the text a browser copy gives.

The page importer reads one shape of text: the lines a clerk gets by selecting
the page in a browser and copying it.  A page saved as HTML is brought to that
shape here, with the standard library's parser only, so both kinds of file are
read by the same rules: block elements become lines, list entries become "- "
lines, an image's alt text stays (the "pdf icon" before "PDF 112 KB"), a table
row of plain cells becomes one "a | b | c" line (so the numbers in a table of
the minutes never look like item numbers), and the site's scripts, styles,
menus, cookie banners, breadcrumbs and footers are dropped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from html.parser import HTMLParser

from . import lines as pt
from .numbers import find_candidate

# Elements whose whole content is website furniture, never meeting text.
_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "nav",
        "footer",
        "form",
        "button",
        "select",
        "iframe",
        "svg",
        "object",
        "aside",
    }
)
# Elements that start and end a line of their own.
_BLOCK = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "address",
        "figure",
        "figcaption",
        "caption",
        "hr",
        "body",
        "html",
        "li",
        "fieldset",
        "legend",
        "details",
        "summary",
    }
)
_VOID = frozenset(
    {
        "br",
        "img",
        "hr",
        "meta",
        "link",
        "input",
        "area",
        "base",
        "col",
        "wbr",
        "source",
        "track",
        "embed",
        "param",
    }
)
_SPACES = re.compile(r"[ \t\r\n\f]+")
#: id / class words of website furniture: cookie banners, menus, breadcrumbs.
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:cookies?|consent|gdpr|breadcrumbs?|skip(?:link)?|menu|navbar|navigation"
    r"|masthead|site-?header|site-?footer|social|share-?bar|sidebar|banner|search)(?:$|[\s_-])",
    re.I,
)
_FURNITURE_ROLES = frozenset({"navigation", "banner", "contentinfo", "dialog", "search"})
#: Deeper nesting than this is flattened (a hostile page may nest thousands of divs).
_MAX_DEPTH = 150
# Elements an opening tag closes while still open (HTML's implied end tags).
_CLOSES = {
    "p": {"p"},
    "li": {"li"},
    "tr": {"tr", "td", "th"},
    "td": {"td", "th"},
    "th": {"td", "th"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
}
_CLOSES_STOP = frozenset({"table", "ul", "ol", "dl", "div", "td", "th", "body"})


class _Node:
    __slots__ = ("attrs", "children", "tag")

    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[_Node | str] = []


class _TreeBuilder(HTMLParser):
    """The page as a small tree, so that a table can be read row by row."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        closes = _CLOSES.get(tag)
        if closes:
            for k in range(len(self.stack) - 1, 0, -1):
                if self.stack[k].tag in closes:
                    del self.stack[k:]
                    break
                if self.stack[k].tag in _CLOSES_STOP:
                    break
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID and len(self.stack) < _MAX_DEPTH:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(_Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for k in range(len(self.stack) - 1, 0, -1):
            if self.stack[k].tag == tag:
                del self.stack[k:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _furniture(node: _Node) -> bool:
    if node.tag in _SKIP or "hidden" in node.attrs:
        return True
    if node.attrs.get("role", "").lower() in _FURNITURE_ROLES:
        return True
    words = f"{node.attrs.get('id', '')} {node.attrs.get('class', '')}"
    return bool(_FURNITURE.search(words))


def _walk(node: _Node) -> Iterator[_Node]:
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(c for c in reversed(n.children) if isinstance(c, _Node))


def _has_block(row: _Node) -> bool:
    """A row whose cells hold paragraphs or lists (an item row), not plain values.

    A cell with one paragraph (as Word writes every cell) still holds a plain value;
    a heading in bold before a paragraph ("<b>TITLE</b><p>text</p>") does not.
    """
    for cell in row.children:
        if not isinstance(cell, _Node):
            continue
        blocks = [n for n in _walk(cell) if n is not cell and n.tag in _BLOCK]
        if len(blocks) > 1 or any(n.tag in ("table", "ul", "ol", "li") for n in blocks):
            return True
        if blocks and any(_text_in(c) for c in cell.children if c not in blocks):
            return True
    return False


def _text_in(node: _Node | str) -> bool:
    """Whether a piece of a cell (outside its paragraph) shows any text."""
    if isinstance(node, str):
        return bool(node.strip())
    return any(isinstance(c, str) and c.strip() for n in _walk(node) for c in n.children)


def _item_number(cell: str) -> bool:
    """A table cell holding only an item number ("12.", "(199)", "SSP/12/25")."""
    found = find_candidate(cell)
    return found is not None and found.alone


class _Renderer:
    """Block elements become lines; a table row of plain cells becomes one line."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []
        self.lists: list[list[int | None]] = []
        self.pre = 0
        self.tables = 0

    def _break(self) -> None:
        line = "".join(self.current).strip(" \t\r\n\f")
        self.current = []
        if line:
            self.lines.append(line)
        elif self.lines and self.lines[-1] != "":
            self.lines.append("")

    def render(self, top: _Node) -> None:
        # An explicit stack, not recursion: a hostile page may nest very deeply.
        todo: list[tuple[bool, _Node | str]] = [(False, top)]
        while todo:
            closing, item = todo.pop()
            if isinstance(item, str):
                self._data(item)
            elif closing:
                self._end(item)
            elif item is not top and _furniture(item):
                continue
            elif item.tag == "tr" and not _has_block(item):
                self._row(item)
            else:
                self._start(item)
                todo.append((True, item))
                todo.extend((False, c) for c in reversed(item.children))

    def _cell_text(self, cell: _Node) -> str:
        inner = _Renderer()
        inner.render(cell)
        inner._break()
        return " ".join(line for line in inner.lines if line)

    def _row(self, row: _Node) -> None:
        """ "Residents | 7 | Prevention of public nuisance"; an item number cell stays alone."""
        cells = [
            self._cell_text(c)
            for c in row.children
            if isinstance(c, _Node) and c.tag in ("td", "th") and not _furniture(c)
        ]
        cells = [c for c in cells if c]
        self._break()
        if not cells:
            return
        if self.tables <= 1 and len(cells) > 1 and _item_number(cells[0]):
            self.lines.extend([cells.pop(0), ""])
            if len(cells) > 1 and all(pt.DOCUMENT.match(c) for c in cells[1:]):
                for cell in cells:  # the title, then each of its documents
                    self.lines.extend([cell, ""])
                return
        if len(cells) > 1 and cells[0].endswith(":"):
            # "Present: | Cllr A, Cllr B": a label cell and its value read as one line.
            cells[:2] = [f"{cells[0]} {cells[1]}"]
        self.lines.extend([" | ".join(cells), ""])

    def _start(self, node: _Node) -> None:
        tag = node.tag
        if tag == "br":
            self._break()
        elif tag == "img":
            alt = node.attrs.get("alt", "").strip()
            if alt:
                self.current.append(f" {alt} ")
        elif tag in _BLOCK:
            self._break()
            if tag == "table":
                self.tables += 1
            elif tag == "ul":
                self.lists.append([None])
            elif tag == "ol":
                self.lists.append([1])
            elif tag == "li":
                number = self.lists[-1][0] if self.lists else None
                if number is None:
                    self.current.append("- ")
                else:
                    self.current.append(f"{number}. ")
                    self.lists[-1][0] = number + 1
            elif tag == "pre":
                self.pre += 1

    def _end(self, node: _Node) -> None:
        tag = node.tag
        if tag in _BLOCK:
            self._break()
            if tag == "table" and self.tables:
                self.tables -= 1
            elif tag in ("ul", "ol") and self.lists:
                self.lists.pop()
            elif tag == "pre" and self.pre:
                self.pre -= 1

    def _data(self, data: str) -> None:
        if self.pre:
            for i, part in enumerate(data.split("\n")):
                if i:
                    self._break()
                self.current.append(part)
            return
        self.current.append(_SPACES.sub(" ", data))


def looks_like_html(text: str) -> bool:
    """True when the text is markup rather than a browser copy of a page."""
    head = text.lstrip()[:4000].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")):
        return True
    return head.startswith("<") and bool(re.search(r"<(body|div|p|table|h[1-6])\b", head))


def html_to_text(markup: str) -> str:
    """The page's visible text, one block per line, as a browser copy would give it.

    When the page marks its main content (``<main>``, ``role="main"``) only that
    is read; the tab title still names the meeting if the main part does not.
    """
    builder = _TreeBuilder()
    try:
        builder.feed(markup)
        builder.close()
    except (AssertionError, ValueError, IndexError):  # malformed markup: keep what was read
        pass
    main = next(
        (
            n
            for n in _walk(builder.root)
            if (n.tag == "main" or n.attrs.get("role", "").lower() == "main") and not _furniture(n)
        ),
        None,
    )
    renderer = _Renderer()
    renderer.render(main or builder.root)
    renderer._break()
    return "\n".join(renderer.lines).strip() + "\n"


_TITLE_TAG = re.compile(r"<title[^>]*>(?P<t>.*?)</title>", re.I | re.S)
_TITLE_MEETING = re.compile(
    r"^(?:agenda|minutes|decisions)(?:\s+and\s+(?:draft\s+)?minutes)?\s+for\s+(?P<name>.+?)\s+on\s+(?P<when>.+)$",
    re.I,
)


_SITE_NAME = re.compile(r"\s+[-–—|:]\s+[^\d|]*$")


def committee_line_from_title(markup: str) -> str | None:
    """ "Agenda for X on Wednesday, 23rd July, 2025 9.00 am" -> "X - Wednesday, …".

    Some saved pages show the committee and date only in the browser tab title.
    """
    m = _TITLE_TAG.search(markup[:20000])
    if not m:
        return None
    title = _SPACES.sub(" ", html.unescape(m.group("t"))).strip()
    t = _TITLE_MEETING.match(title)
    if not t:
        return None
    # "… 10.00 am - Yarrow District Council": the site's name after the meeting's
    when = _SITE_NAME.sub("", t.group("when"))
    return f"{t.group('name')} - {when}"


_MHTML_HEAD = re.compile(r"^mime-version\s*:|^content-type\s*:\s*multipart/related", re.I | re.M)


def html_from_web_archive(text: str) -> str | None:
    """The page inside a browser's single-file save (.mhtml / .mht); None if it is not one.

    Chrome and Edge save "Webpage, Single File" as a MIME message whose first
    text/html part, usually quoted-printable, is the page.
    """
    head = text[:4000]
    if not (_MHTML_HEAD.search(head) and "multipart/related" in head.lower()):
        return None
    import email
    from email.message import Message

    message = email.message_from_string(text)
    for part in message.walk():
        if not isinstance(part, Message) or part.get_content_type() != "text/html":
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        charset = part.get_content_charset() or "utf-8"
        try:
            return payload.decode(charset, errors="replace")
        except LookupError:  # an unknown charset name
            return payload.decode("utf-8", errors="replace")
    return None
