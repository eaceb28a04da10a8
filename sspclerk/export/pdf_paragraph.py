"""The PDF writer's paragraph: reportlab's, with a quicker line breaker for plain text.

Breaking lines is a large part of laying out minutes: reportlab's
``Paragraph.breakLines`` is general (hyphenation,
right-to-left text, long-word splitting, mixed fonts) and pays for that on
every word.  Minutes paragraphs are nearly always one font, left-aligned,
words that each fit on a line.  For exactly that case ``Para`` breaks lines
with the same greedy rule, the same widths and the same 5% space shrinkage as
reportlab, and hands everything else to reportlab: a soft hyphen, a word wider
than its line, markup with more than one font, any hyphenation or
bidirectional setting.  tests/export/test_pdf_paragraph.py holds the two
breakers to the same lines over thousands of generated paragraphs.

Drawing is the other large part, and again mostly reportlab's general case
being asked the same questions line after line.  For a left-aligned or centred
one-font paragraph in an embedded TrueType font, ``Para.drawPara`` writes the same PDF
operators reportlab's ``drawPara`` writes (the same calls for the bullet,
colour, font and word spacing; the per-line text done once per paragraph), and
anything else goes to reportlab.  The tests compare whole PDFs byte for byte.

This leans on a few of reportlab's private helpers (``_drawBullet``,
``_handleBulletWidth``, ``_processed_frags``) and on its drawing order, so the
byte-for-byte tests are what tell, after a reportlab upgrade, that it still holds;
if a helper is gone, ``QUICK`` is False and every paragraph is reportlab's own.
"""

from __future__ import annotations

# isort: off
import sspclerk.export.reportlab_startup  # noqa: F401  (before reportlab.platypus)
# isort: on

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont
from reportlab.platypus import Paragraph
from reportlab.platypus import paragraph as _rl_paragraph

try:
    from reportlab.platypus.paragraph import (
        _drawBullet,
        _handleBulletWidth,
        _processed_frags,
        setXPos,
        split,
        strip,
    )
except ImportError:  # a reportlab that moved its helpers: its own breaking and drawing
    QUICK = False
else:
    QUICK = True

_SOFT_HYPHEN = "\xad"


_heights: dict[tuple, tuple[float, float]] = {}


def _ascent_descent(font, name: str, size: float) -> tuple[float, float]:
    """reportlab's ``getAscentDescent``, asked once per font and size (for a TrueType
    font it finds the answer by catching an AttributeError, every time)."""
    key = (id(font), name, size)
    found = _heights.get(key)
    if found is None:
        if len(_heights) > 256:
            _heights.clear()
        found = _heights[key] = getAscentDescent(name, size)
    return found


class Para(Paragraph):
    """A Paragraph that breaks plain text quickly and breaks its lines once per width.

    The frame asks for a paragraph's size more than once (when a heading is kept
    with its first paragraph, and again on the page it lands on); the answer only
    changes with the width.
    """

    def wrap(self, availWidth, availHeight):  # noqa: N803 (reportlab's names)
        memo = self.__dict__.get("_memo")
        if memo is not None and memo[0] == availWidth and memo[2] is self.__dict__.get("blPara"):
            return memo[1]
        size = super().wrap(availWidth, availHeight)
        lines = self.__dict__.get("blPara")
        self._memo = None if lines is None else (availWidth, size, lines)
        return size

    def drawPara(self, debug=0):  # noqa: N802 (reportlab's name)
        if debug or not QUICK or not self._draws_plainly():
            return super().drawPara(debug)
        canvas = self.canv
        style = self.style
        para = self.blPara
        lines = para.lines
        if not lines:
            return None
        canvas.saveState()
        if _rl_paragraph.paraFontSizeHeightOffset:
            cur_y = self.height - para.fontSize
        else:
            cur_y = self.height - getattr(para, "ascent", para.fontSize)
        offset = style.firstLineIndent
        if self.bulletText:
            offset = _drawBullet(canvas, offset, cur_y, self.bulletText, style, rtl=False)
        canvas.setFillColor(para.textColor)
        tx = self.beginText(style.leftIndent, cur_y)
        tx.preformatted = False
        tx.direction = style.wordWrap
        tx.setFont(para.fontName, para.fontSize, style.leading)

        font = getFont(para.fontName)
        doc = canvas._doc
        escape = canvas._escape
        code = tx._code
        font_change = f"{fp_str(para.fontSize)} Tf {fp_str(style.leading)} TL"
        centred = style.alignment == TA_CENTER
        for n, (spare, words) in enumerate(lines):
            indent = offset if n == 0 else 0
            text = " ".join(words)
            spaces = len(words) + text.count("\xa0") - 1
            squeezed = spare <= -1e-8 and spaces > 0
            # The operators in reportlab's order (_leftDrawParaLine, _centerDrawParaLine).
            if centred:
                if squeezed:
                    tx.setWordSpace(spare / float(spaces))
                else:
                    indent += 0.5 * spare
                setXPos(tx, indent)
            else:
                setXPos(tx, indent)
                if squeezed:  # a line fitted by shrinking its spaces
                    tx.setWordSpace(spare / float(spaces))
            out = []
            for subset, part in font.splitString(text, doc):
                if subset != tx._curSubset:
                    out.append(f"{font.getSubsetInternalName(subset, doc)} {font_change}")
                    tx._curSubset = subset
                out.append(f"({escape(part)}) Tj")
            code.append(" ".join(out) + " T*")
            if squeezed:
                tx.setWordSpace(0)
            setXPos(tx, -indent)
        canvas.drawText(tx)
        canvas.restoreState()
        return None

    def _draws_plainly(self) -> bool:
        """True when reportlab would draw this as plain left or centred lines of one font."""
        para = self.__dict__.get("blPara")
        style = self.style
        if (
            para is None
            or para.kind != 0
            or style.alignment not in (TA_LEFT, TA_CENTER)
            or style.wordWrap
            or style.backColor
            or (getattr(style, "borderColor", None) and getattr(style, "borderWidth", None))
            or getattr(self, "autoLeading", getattr(style, "autoLeading", "")) not in ("", "off")
            or "_offsets" in self.__dict__
            or getattr(para, "us_lines", None)
            or getattr(para, "link", None)
        ):
            return False
        font = getFont(para.fontName)
        return bool(font._dynamicFont) and not font.shapable

    def breakLines(self, width):  # noqa: N802 (reportlab's name)
        lines = self._plain_lines(width) if QUICK else None
        return super().breakLines(width) if lines is None else lines

    def _plain_lines(self, width):
        """reportlab's one-font line breaking, or None when this text needs the general one."""
        style = self.style
        frags = self.frags
        if (
            len(frags) != 1
            or style.wordWrap
            or style.endDots
            or style.hyphenationLang
            or style.uriWasteReduce
            or style.embeddedHyphenation
            or _processed_frags(frags)
        ):
            return None
        frag = frags[0]
        if hasattr(frag, "cbDefn") or hasattr(frag, "backColor"):
            return None
        font_name, font_size = frag.fontName, frag.fontSize
        font = getFont(font_name)
        if style.shaping and font.shapable:
            return None
        if hasattr(frag, "text"):
            text = strip(frag.text)
            if not text or _SOFT_HYPHEN in text:
                return None
            words = split(text)
        else:  # the rest of a paragraph split at a page end
            words = frag.words
            if any(type(word) is not str or _SOFT_HYPHEN in word for word in words):
                return None
            if not any(strip(word) for word in words):
                return None

        max_widths = list(width) if isinstance(width, (list, tuple)) else [width]
        _handleBulletWidth(self.bulletText, style, max_widths)
        encoding = self.encoding
        # Our fonts remember widths (pdf_fonts.FastTTFont): most words are one lookup.
        widths_at = getattr(font, "widths_at", None)
        known = widths_at(font_size, encoding) if widths_at is not None else {}
        try:
            widths = [known[word] for word in words]
        except KeyError:
            measure = font.stringWidth
            widths = [measure(word, font_size, encoding) for word in words]
        if max(widths) > min(max_widths):
            return None  # reportlab splits a word too long for its line

        space = font.stringWidth(" ", font_size, encoding)
        shrink = style.spaceShrinkage * space
        last_line = len(max_widths) - 1
        line_no = 0
        max_width = max_widths[0]
        widest = 0
        lines = []
        line: list[str] = []
        current = -space  # no space before a line's first word
        for word, word_width in zip(words, widths, strict=True):
            new_width = current + space + word_width
            if new_width <= max_width + shrink * len(line) or not line:
                line.append(word)
                current = new_width
            else:
                widest = max(widest, current)
                lines.append((max_width - current, line))
                line = [word]
                current = word_width
                line_no += 1
                max_width = max_widths[min(last_line, line_no)]
        if line:
            widest = max(widest, current)
            lines.append((max_width - current, line))

        self.height = 0
        self._width_max = widest
        self._splitLongWordCount = self._hyphenations = 0
        ascent, descent = _ascent_descent(font, font_name, font_size)
        return frag.clone(kind=0, lines=lines, ascent=ascent, descent=descent, fontSize=font_size)
