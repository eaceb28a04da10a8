"""A saved committee web page (HTML) turned into the text a browser copy gives.

The page importer reads one shape of text: the lines a clerk gets by selecting
the page in a browser and copying it.  A page saved as HTML is brought to that
shape here, with the standard library's parser only, so both kinds of file are
read by the same rules: block elements become lines, list entries become "- "
lines, an image's alt text stays (the "pdf icon" before "PDF 112 KB"), and the
site's scripts, styles, menus and footers are dropped.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

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


class _PageText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip_depth = 0
        self.lists: list[list[int | None]] = []  # one entry per open ul/ol: [next number|None]
        self.pre = 0

    def _break(self) -> None:
        line = "".join(self.current).strip(" \t\r\n\f")
        self.current = []
        if line:
            self.lines.append(line)
        elif self.lines and self.lines[-1] != "":
            self.lines.append("")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip_depth:
            if tag in _SKIP and tag not in _VOID:
                self.skip_depth += 1
            return
        if tag in _SKIP:
            self.skip_depth = 1
            return
        if tag == "br":
            self._break()
        elif tag == "img":
            alt = dict(attrs).get("alt") or ""
            if alt.strip():
                self.current.append(f" {alt.strip()} ")
        elif tag in _BLOCK:
            self._break()
            if tag == "ul":
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

    def handle_endtag(self, tag: str) -> None:
        if self.skip_depth:
            if tag in _SKIP:
                self.skip_depth -= 1
            return
        if tag in _BLOCK:
            self._break()
            if tag in ("ul", "ol") and self.lists:
                self.lists.pop()
            elif tag == "pre" and self.pre:
                self.pre -= 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
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


def html_to_text(html: str) -> str:
    """The page's visible text, one block per line, as a browser copy would give it."""
    parser = _PageText()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError, IndexError):  # malformed markup: keep what was read
        pass
    parser._break()
    return "\n".join(parser.lines).strip() + "\n"


_TITLE_TAG = re.compile(r"<title[^>]*>(?P<t>.*?)</title>", re.I | re.S)
_TITLE_MEETING = re.compile(
    r"^(?:agenda|minutes|decisions)(?:\s+and\s+(?:draft\s+)?minutes)?\s+for\s+(?P<name>.+?)\s+on\s+(?P<when>.+)$",
    re.I,
)


def committee_line_from_title(markup: str) -> str | None:
    """ "Agenda for X on Wednesday, 23rd July, 2025 9.00 am" -> "X - Wednesday, …".

    Some saved pages show the committee and date only in the browser tab title.
    """
    m = _TITLE_TAG.search(markup[:20000])
    if not m:
        return None
    title = _SPACES.sub(" ", html.unescape(m.group("t"))).strip()
    t = _TITLE_MEETING.match(title)
    return f"{t.group('name')} - {t.group('when')}" if t else None
