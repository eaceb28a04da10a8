"""A checker for the machine-checkable PDF/UA-1 rules sspclerk's PDFs follow.

Run by the export, pack and action-log tests on every PDF the product writes.
``problems(data)`` lists every rule broken (an empty list passes); ``tag_tree(data)``
prints the structure tree with the text of each element, for golden files.

The rules (ISO 14289-1 and the tagged-PDF rules of ISO 32000-1 it builds on):

- the catalog: /MarkInfo /Marked true, a /StructTreeRoot with a /ParentTree, a
  /Lang, XMP metadata holding dc:title and pdfuaid:part 1, the viewer showing the
  title (/DisplayDocTitle), and /PageMode /UseOutlines when there are bookmarks;
- every page: /Tabs /S and a /StructParents key into the parent tree;
- every operator that paints (text, paths, images, shadings, XObjects) is inside
  marked content that is either tagged (an MCID) or an /Artifact — never both, never
  neither — and marked content is properly nested;
- the structure tree: only standard structure types; every element's /P is its
  parent; headings start at H1 and never skip a level (H1 then H3); a list holds
  list items of a label and a body; a table holds rows of header and data cells,
  every row as many cells as the first;
- the parent tree agrees with the content both ways: every MCID drawn on a page is
  reachable from the root and the parent tree names the element that holds it;
  every MCID the tree holds is drawn on its page, once;
- every font is embedded and has a ToUnicode map.
"""

from __future__ import annotations

import io
import re

import pikepdf

#: ISO 32000-1 14.8.4 standard structure types.
STANDARD_TYPES = frozenset(
    {
        *("Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "NonStruct"),
        *("TOC", "TOCI", "Index", "Private", "H", "H1", "H2", "H3", "H4", "H5", "H6"),
        *("P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead", "TBody"),
        *("TFoot", "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link"),
        *("Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure", "Formula"),
        "Form",
    }
)
#: Operators that paint or build a path (pikepdf names an inline image "INLINE IMAGE").
_PAINTING = frozenset(
    {
        *("Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*"),
        *("Do", "sh", "BI", "INLINE IMAGE", "m", "l", "c", "v", "y", "h", "re"),
    }
)
_HEADING = re.compile(r"^H([1-6])$")


class _Walk:
    """The structure tree read once: elements in document order and their MCIDs."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.problems: list[str] = []
        self.page_index = {page.objgen: n for n, page in enumerate(pdf.pages)}
        #: (page, mcid) -> the element (its objgen) holding it
        self.owner: dict[tuple[int, int], tuple[int, int]] = {}
        #: elements in document order: (depth, type, objgen, [(page, mcid)...])
        self.elements: list[tuple[int, str, tuple[int, int], list[tuple[int, int]]]] = []

    def run(self, root: pikepdf.Dictionary) -> None:
        kids = root.get("/K")
        for kid in _as_list(kids):
            self.element(kid, root, 0)

    def element(self, elem, parent, depth: int) -> None:
        if not isinstance(elem, pikepdf.Dictionary):
            self.problems.append(f"the structure tree root holds a {type(elem).__name__}")
            return
        kind = str(elem.get("/S", ""))[1:]
        role = self.pdf.Root.StructTreeRoot.get("/RoleMap", {})
        standard = str(role.get("/" + kind, "/" + kind))[1:] if kind not in STANDARD_TYPES else kind
        if standard not in STANDARD_TYPES:
            self.problems.append(f"structure type /{kind} is not a standard type")
        if elem.get("/P") is None or elem.P.objgen != parent.objgen:
            self.problems.append(f"/{kind} element's /P is not its parent")
        page = elem.get("/Pg")
        marked: list[tuple[int, int]] = []
        entry = (depth, standard, elem.objgen, marked)
        self.elements.append(entry)
        for kid in _as_list(elem.get("/K")):
            if isinstance(kid, int):
                self.mcid(elem, page, kid, marked)
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                self.mcid(elem, kid.get("/Pg", page), int(kid.MCID), marked)
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                continue
            elif isinstance(kid, pikepdf.Dictionary):
                self.element(kid, elem, depth + 1)
            else:
                self.problems.append(f"/{kind} element has a kid of type {type(kid).__name__}")

    def mcid(self, elem, page, mcid: int, marked: list) -> None:
        if page is None or page.objgen not in self.page_index:
            self.problems.append(f"MCID {mcid} of /{elem.S} names no page of the document")
            return
        key = (self.page_index[page.objgen], mcid)
        if key in self.owner:
            self.problems.append(f"page {key[0] + 1} MCID {mcid} is claimed twice")
        self.owner[key] = elem.objgen
        marked.append(key)


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return list(value)
    return [value]


def _content_marks(pdf: pikepdf.Pdf, problems: list[str]) -> dict[tuple[int, int], int]:
    """Every MCID drawn, per page, with how many times; and painting outside marks."""
    drawn: dict[tuple[int, int], int] = {}
    for index, page in enumerate(pdf.pages):
        stack: list[str] = []  # "mcid" / "artifact" / "other"
        unmarked = 0
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                tag = str(operands[0])
                props = operands[1] if op == "BDC" else None
                if tag == "/Artifact":
                    if "mcid" in stack:
                        problems.append(f"page {index + 1}: an artifact inside tagged content")
                    stack.append("artifact")
                elif isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                    if "artifact" in stack:
                        problems.append(f"page {index + 1}: tagged content inside an artifact")
                    key = (index, int(props.MCID))
                    drawn[key] = drawn.get(key, 0) + 1
                    stack.append("mcid")
                else:
                    stack.append("other")
            elif op == "EMC":
                if not stack:
                    problems.append(f"page {index + 1}: EMC without BDC")
                else:
                    stack.pop()
            elif op in _PAINTING and "mcid" not in stack and "artifact" not in stack:
                unmarked += 1
        if stack:
            problems.append(f"page {index + 1}: marked content left open")
        if unmarked:
            problems.append(
                f"page {index + 1}: {unmarked} painting operator(s) outside marked content"
            )
    return drawn


def _parent_tree(root) -> dict[int, pikepdf.Object]:
    """The parent tree's number tree flattened: key -> value."""
    out: dict[int, pikepdf.Object] = {}

    def walk(node) -> None:
        nums = node.get("/Nums")
        if nums is not None:
            for i in range(0, len(nums), 2):
                out[int(nums[i])] = nums[i + 1]
        for kid in _as_list(node.get("/Kids")):
            walk(kid)

    walk(root)
    return out


def problems(data: bytes) -> list[str]:
    """Every machine-checkable PDF/UA rule the file breaks (see the module docstring)."""
    found: list[str] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root
        mark_info = root.get("/MarkInfo")
        if mark_info is None or not bool(mark_info.get("/Marked", False)):
            found.append("the catalog has no /MarkInfo /Marked true")
        if not str(root.get("/Lang", "")).strip():
            found.append("the catalog has no /Lang")
        prefs = root.get("/ViewerPreferences", {})
        if not bool(prefs.get("/DisplayDocTitle", False)):
            found.append("the viewer is not told to show the title (/DisplayDocTitle)")
        outlined = "/Outlines" in root and root.Outlines.get("/First") is not None
        if outlined and root.get("/PageMode") != "/UseOutlines":
            found.append("the file has bookmarks but does not open with them shown")
        if "/Metadata" not in root:
            found.append("the catalog has no XMP metadata")
        else:
            xmp = root.Metadata.read_bytes().decode("utf-8", "replace")
            if "<dc:title>" not in xmp:
                found.append("the XMP metadata has no dc:title")
            if not re.search(r"<pdfuaid:part>1</pdfuaid:part>|pdfuaid:part=\"1\"", xmp):
                found.append("the XMP metadata does not say PDF/UA-1 (pdfuaid:part)")
        tree = root.get("/StructTreeRoot")
        if tree is None:
            found.append("the catalog has no /StructTreeRoot")
            return found
        if "/ParentTree" not in tree:
            found.append("the structure tree has no /ParentTree")
            return found

        for n, page in enumerate(pdf.pages, start=1):
            if page.obj.get("/Tabs") != "/S":
                found.append(f"page {n} has no /Tabs /S")
            if "/StructParents" not in page.obj:
                found.append(f"page {n} has no /StructParents")

        walk = _Walk(pdf)
        walk.run(tree)
        found += walk.problems
        drawn = _content_marks(pdf, found)
        for key, count in drawn.items():
            if count > 1:
                found.append(f"page {key[0] + 1} MCID {key[1]} is drawn {count} times")
            if key not in walk.owner:
                found.append(f"page {key[0] + 1} MCID {key[1]} is not reachable from the root")
        for key in walk.owner:
            if key not in drawn:
                found.append(f"page {key[0] + 1} MCID {key[1]} is in the tree but not drawn")
        parents = _parent_tree(tree.ParentTree)
        for index, page in enumerate(pdf.pages):
            key = page.obj.get("/StructParents")
            if key is None:
                continue
            entry = parents.get(int(key))
            if not isinstance(entry, pikepdf.Array):
                found.append(f"page {index + 1}'s parent tree entry is missing")
                continue
            for (page_n, mcid), owner in walk.owner.items():
                if page_n != index:
                    continue
                if mcid >= len(entry) or entry[mcid].objgen != owner:
                    found.append(
                        f"page {index + 1} MCID {mcid}: the parent tree names another element"
                    )
        found += _structure_rules(walk.elements)
        found += _font_rules(pdf)
    return found


def _structure_rules(elements) -> list[str]:
    found = []
    last_level = 0
    for _depth, kind, _, _ in elements:
        m = _HEADING.match(kind)
        if m:
            level = int(m.group(1))
            if level > last_level + 1:
                found.append(
                    f"heading H{level} follows H{last_level or 'nothing'}: a level skipped"
                )
            last_level = level
    # Parent/child rules, from the flat list: an element's kids are the following
    # elements one level deeper, up to the next one at its own depth or above.
    for i, (depth, kind, _, _) in enumerate(elements):
        kids = []
        for d, k, _, _ in elements[i + 1 :]:
            if d <= depth:
                break
            if d == depth + 1:
                kids.append(k)
        allowed = {
            "L": {"LI", "Caption", "L"},
            "LI": {"Lbl", "LBody"},
            "Table": {"TR", "THead", "TBody", "TFoot", "Caption"},
            "THead": {"TR"},
            "TBody": {"TR"},
            "TFoot": {"TR"},
            "TR": {"TH", "TD"},
        }.get(kind)
        if allowed is not None and not set(kids) <= allowed:
            found.append(f"/{kind} holds {sorted(set(kids) - allowed)}")
        if kind in ("L",) and not kids:
            found.append("an empty list")
        if kind == "Table":
            rows = _rows(elements, i)
            if rows and len(set(rows)) > 1:
                found.append(f"a table's rows have different numbers of cells: {rows}")
    return found


def _rows(elements, table: int) -> list[int]:
    depth = elements[table][0]
    counts: list[int] = []
    for d, k, _, _ in elements[table + 1 :]:
        if d <= depth:
            break
        if k == "TR":
            counts.append(0)
        elif k in ("TH", "TD") and counts:
            counts[-1] += 1
    return counts


def _font_rules(pdf: pikepdf.Pdf) -> list[str]:
    found = []
    seen = set()
    for n, page in enumerate(pdf.pages, start=1):
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        for name, font in fonts.items():
            if font.objgen in seen:
                continue
            seen.add(font.objgen)
            descendant = font.get("/DescendantFonts")
            described = descendant[0] if descendant is not None else font
            descriptor = described.get("/FontDescriptor")
            if descriptor is None or not any(
                k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
            ):
                found.append(f"page {n}: font {name} ({font.get('/BaseFont')}) is not embedded")
            if "/ToUnicode" not in font:
                found.append(f"page {n}: font {name} has no ToUnicode map")
    return found


# ---------------------------------------------------------------- the tree as text


def _cmap(stream) -> dict[bytes, str]:
    """A ToUnicode CMap's single-byte and two-byte mappings (bfchar and bfrange)."""
    text = stream.read_bytes().decode("latin-1")
    out: dict[bytes, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[bytes.fromhex(src)] = bytes.fromhex(dst).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, dst in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            width = len(lo) // 2
            start = int(dst, 16)
            for offset, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code.to_bytes(width, "big")] = chr(start + offset)
    return out


def _marked_text(pdf: pikepdf.Pdf) -> dict[tuple[int, int], str]:
    """The text drawn inside each MCID, decoded through the fonts' ToUnicode maps."""
    out: dict[tuple[int, int], str] = {}
    for index, page in enumerate(pdf.pages):
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        maps = {str(k): _cmap(f.ToUnicode) for k, f in fonts.items() if "/ToUnicode" in f}
        current: dict[bytes, str] = {}
        stack: list[tuple[int, int] | None] = []
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op == "BDC":
                props = operands[1]
                mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
                stack.append((index, int(mcid)) if mcid is not None else None)
            elif op == "BMC":
                stack.append(None)
            elif op == "EMC" and stack:
                stack.pop()
            elif op == "Tf":
                current = maps.get(str(operands[0]), {})
            elif op == "Tm" and stack and stack[-1] is not None and out.get(stack[-1]):
                out[stack[-1]] += " "  # a new line of the same element
            elif op == "Tj" and stack and stack[-1] is not None:
                raw = bytes(operands[0])
                out[stack[-1]] = out.get(stack[-1], "") + "".join(
                    current.get(raw[i : i + 1], "?") for i in range(len(raw))
                )
    return out


def tag_tree(data: bytes, width: int = 70) -> str:
    """The structure tree, one element a line, indented, with its text cut to ``width``."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        walk = _Walk(pdf)
        walk.run(pdf.Root.StructTreeRoot)
        text = _marked_text(pdf)
        lines = []
        for depth, kind, _, marked in walk.elements:
            words = " ".join(" ".join(text.get(key, "") for key in marked).split())
            if len(words) > width:
                words = words[: width - 1] + "…"
            lines.append(f"{'  ' * depth}{kind}" + (f" {words}" if words else ""))
        return "\n".join(lines) + "\n"
