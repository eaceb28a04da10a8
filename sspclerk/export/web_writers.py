"""Minutes for the council website: HTML and plain text, whole meeting or one item.

The per-item fragment is what a clerk pastes into the committee website's
"Minutes:" field — the minutes, declarations, the outcome in bold and the
actions, without the item's heading (the website prints that itself).
"""

from __future__ import annotations

from html import escape

from sspclerk.core.minutes_text import Block

from .model import ItemSection, MinutesDocument
from .writer import Rendered, xml_safe


def _h(text: str) -> str:
    """Clerk text as HTML: escaped once, here, with characters HTML cannot carry removed."""
    return escape(xml_safe(text), quote=True)


# ---------------------------------------------------------------- HTML


def _html_block(block: Block) -> str:
    if block.kind == "paragraph":
        return f'<p dir="auto">{_h(block.lines[0])}</p>'
    entries = "".join(f'<li dir="auto">{_h(line)}</li>' for line in block.lines)
    if block.kind == "bullets":
        return f"<ul>{entries}</ul>"
    start = f' start="{block.start}"' if block.start != 1 else ""
    return f"<ol{start}>{entries}</ol>"


def item_fragment_html(item: ItemSection) -> str:
    """The item's "Minutes:" text as an HTML fragment ready to paste."""
    parts = [_html_block(b) for b in item.minutes]
    parts += [f'<p dir="auto">{_h(s)}</p>' for s in item.declarations]
    parts += [f'<p dir="auto"><strong>{_h(o)}</strong></p>' for o in item.outcomes]
    if item.actions:
        parts.append("<p><strong>Actions:</strong></p>")
        parts.append(
            "<ul>" + "".join(f'<li dir="auto">{_h(a)}</li>' for a in item.actions) + "</ul>"
        )
    return "\n".join(parts) + ("\n" if parts else "")


_CSS = """
body { font-family: Arial, "DejaVu Sans", sans-serif; max-width: 48em; margin: 2em auto;
       padding: 0 1em; line-height: 1.45; color: #111; }
.mark { font-weight: bold; font-size: .85em; border-bottom: 1px solid #999; margin: 0 0 .3em; }
h1 { margin-bottom: 0; } .kind { font-size: 1.25em; margin-top: .2em; }
section.item { --indent: min(8em, 22vw); padding-left: var(--indent); margin-top: 1.2em; }
section.item h3 { margin-left: calc(-1 * var(--indent)); margin-bottom: .3em; }
section.item h3 .number { display: inline-block; width: var(--indent); }
ul, ol { margin-bottom: 1em; }
@media (max-width: 30em) {
  section.item { padding-left: 0; }
  section.item h3 { margin-left: 0; }
  section.item h3 .number { display: block; width: auto; }
}
.note { font-style: italic; font-size: .9em; margin: .1em 0; }
.label { font-weight: bold; margin-bottom: .2em; }
""".strip()


def render_html(doc: MinutesDocument) -> str:
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_h(doc.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(doc.title)}</title>",
        f'<meta name="author" content="{_h(doc.author)}">',
        f'<meta name="description" content="{_h(doc.subject)}">',
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
        "<main>",
    ]
    out += [f'<p class="mark">{_h(mark)}</p>' for mark in doc.page_marks]
    out.append(f"<h1>{_h(doc.body)}</h1>")
    out.append(f'<p class="kind">{_h(doc.kind)}</p>')
    out += [f"<p><strong>{_h(line.label)}:</strong> {_h(line.text)}</p>" for line in doc.heading]
    if doc.attendance:
        out.append("<h2>Attendance</h2>")
    for section in doc.attendance:
        out.append(f"<h3>{_h(section.title)}</h3>")
        out.append(
            "<ul>" + "".join(f'<li dir="auto">{_h(e)}</li>' for e in section.entries) + "</ul>"
        )
    if doc.items:
        out.append("<h2>Items</h2>")
    for index, item in enumerate(doc.items):
        out.append(f'<section class="item" id="item-{index + 1}">')
        out.append(
            f'<h3><span class="number">{_h(item.number)}</span> '
            f'<span dir="auto">{_h(item.title)}</span></h3>'
        )
        out += [f'<p class="note" dir="auto">{_h(n)}</p>' for n in item.notes]
        out += [_html_block(b) for b in item.agenda]
        if item.has_minutes:
            out.append('<p class="label">Minutes:</p>')
            out.append(item_fragment_html(item).rstrip("\n"))
        out.append("</section>")
    if doc.closing:
        out.append(f'<p class="closing">{_h(doc.closing)}</p>')
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


class HtmlWriter:
    name = "html"
    label = "Web page (.html)"
    extension = ".html"
    media_type = "text/html"

    def render(self, doc: MinutesDocument) -> Rendered:
        return Rendered(render_html(doc).encode("utf-8"))


# ---------------------------------------------------------------- plain text


def _t(text: str) -> str:
    return xml_safe(text).replace("\n", " ")


def _text_block(block: Block) -> list[str]:
    if block.kind == "paragraph":
        return [_t(block.lines[0])]
    if block.kind == "bullets":
        return ["\n".join(f"- {_t(line)}" for line in block.lines)]
    return ["\n".join(f"{n}. {_t(line)}" for n, line in enumerate(block.lines, start=block.start))]


def item_fragment_text(item: ItemSection) -> str:
    """The item's "Minutes:" text as plain paragraphs separated by blank lines."""
    parts: list[str] = []
    for block in item.minutes:
        parts += _text_block(block)
    parts += [_t(s) for s in item.declarations]
    parts += [_t(o) for o in item.outcomes]
    if item.actions:
        parts.append("Actions:\n" + "\n".join(f"- {_t(a)}" for a in item.actions))
    return "\n\n".join(parts) + ("\n" if parts else "")


def render_text(doc: MinutesDocument) -> str:
    out: list[str] = [_t(mark) for mark in doc.page_marks]
    if out:
        out.append("")
    title = _t(doc.body)
    out += [title, "=" * min(len(title), 78), _t(doc.kind), ""]
    out += [f"{line.label}: {_t(line.text)}" for line in doc.heading]
    for section in doc.attendance:
        out += ["", f"{section.title}:"]
        out += [f"  - {_t(entry)}" for entry in section.entries]
    for item in doc.items:
        out += ["", "", f"{_t(item.number)}  {_t(item.title)}".strip()]
        out += [f"[{_t(n)}]" for n in item.notes]
        for block in item.agenda:
            out += ["", *_text_block(block)]
        if item.has_minutes:
            out += ["", "Minutes:", "", item_fragment_text(item).rstrip("\n")]
    if doc.closing:
        out += ["", "", _t(doc.closing)]
    return "\n".join(out) + "\n"


class TextWriter:
    name = "txt"
    label = "Plain text (.txt)"
    extension = ".txt"
    media_type = "text/plain"

    def render(self, doc: MinutesDocument) -> Rendered:
        return Rendered(render_text(doc).encode("utf-8"))
