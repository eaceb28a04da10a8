"""The agenda pack as a tagged PDF, when every part of it is one.

The pack is the front sheet (tagged by sspclerk, see ``pdf_base``) followed by the
council's papers, which sspclerk does not write.  A reader of a tagged PDF reads
only what its structure tree holds: untagged pages inside a tagged file would be
skipped, which is worse than an untagged file, which readers read page by page.
So:

- every paper tagged (a Word or LibreOffice export with accessibility on): the
  pack's tree is one Document holding the front sheet's elements, then a Part per
  paper (titled with the paper's title) holding that paper's own elements; each
  source's parent tree keys are moved past the ones before it, role maps merged;
- any paper untagged: the pack is written untagged, and says so (``PackResult``).

The stamps (page numbers, "Agenda Item", NOT FOR PUBLICATION) are artifacts
either way (pack.py marks them).
"""

from __future__ import annotations

from dataclasses import dataclass

import pikepdf


@dataclass(frozen=True)
class Segment:
    """A run of the pack's pages copied from one source file."""

    source: pikepdf.Pdf
    start: int  # index of its first page in the pack
    count: int
    title: str
    #: The front sheet: its elements go straight under the pack's Document.
    front: bool = False


def is_tagged(pdf: pikepdf.Pdf) -> bool:
    """Whether the file says it is a tagged PDF and has a structure tree."""
    mark = pdf.Root.get("/MarkInfo")
    marked = isinstance(mark, pikepdf.Dictionary) and bool(mark.get("/Marked", False))
    return marked and isinstance(pdf.Root.get("/StructTreeRoot"), pikepdf.Dictionary)


def tag_pack(pdf: pikepdf.Pdf, segments: list[Segment]) -> bool:
    """Join the sources' structure trees in the pack; False, and the pack left
    untagged, when a source is not tagged or its tree cannot be read."""
    if all(is_tagged(segment.source) for segment in segments):
        try:
            _join(pdf, segments)
            return True
        except (pikepdf.PdfError, ValueError, TypeError, AttributeError, KeyError, IndexError):
            pass  # a paper's damaged tree: the pack is still printed, untagged
    _untag(pdf)
    return False


def _untag(pdf: pikepdf.Pdf) -> None:
    """No structure tree, and no page keys into one."""
    for key in ("/StructTreeRoot", "/MarkInfo"):
        if key in pdf.Root:
            del pdf.Root[key]
    for page in pdf.pages:
        for key in ("/StructParents", "/Tabs"):
            if key in page.obj:
                del page.obj[key]


def _join(pdf: pikepdf.Pdf, segments: list[Segment]) -> None:
    root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
    document = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document, P=root)
    )
    kids = pikepdf.Array()
    nums = pikepdf.Array()
    role_map = pikepdf.Dictionary()
    offset = 0
    for segment in segments:
        tree = pdf.copy_foreign(segment.source.Root.StructTreeRoot)
        for name, role in tree.get("/RoleMap", pikepdf.Dictionary()).items():
            if name not in role_map:
                role_map[name] = role
        top = _elements(tree.get("/K"))
        if len(top) == 1 and top[0].get("/S") == "/Document":
            # The paper's own Document element gives way to its Part, unless it holds
            # content of its own (marked-content ids), which only it can keep.
            inner = top[0].get("/K")
            count = len(inner) if isinstance(inner, pikepdf.Array) else int(inner is not None)
            if count and len(_elements(inner)) == count:
                top = _elements(inner)
        entries = _number_tree(tree.get("/ParentTree"))
        _check_tree(pdf, segment, top, {key for key, _ in entries})
        if segment.front:
            parent = document
            for element in top:
                kids.append(element)
        else:
            parent = pdf.make_indirect(
                pikepdf.Dictionary(
                    Type=pikepdf.Name.StructElem,
                    S=pikepdf.Name.Part,
                    P=document,
                    T=pikepdf.String(segment.title),
                    K=pikepdf.Array(top),
                )
            )
            kids.append(parent)
        for element in top:
            element.P = parent
        highest = _move_keys(pdf, segment, offset)
        for key, value in entries:
            nums.append(key + offset)
            nums.append(value)
        next_key = tree.get("/ParentTreeNextKey")
        highest = max(
            highest,
            max((key for key, _ in entries), default=-1),
            int(next_key) - 1 if isinstance(next_key, int) else -1,
        )
        offset += highest + 1
    document.K = kids
    root.K = document
    root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=nums))
    root.ParentTreeNextKey = offset
    if len(role_map):
        root.RoleMap = role_map
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    for page in pdf.pages:
        page.obj.Tabs = pikepdf.Name.S


def _check_tree(pdf: pikepdf.Pdf, segment: Segment, top: list, keys: set[int]) -> None:
    """A tree worth joining: it has elements, and the parent tree has an entry for
    every page that points into it (else its text would be unreachable)."""
    if not top:
        raise ValueError(f"{segment.title}: a structure tree with no elements")
    for page in pdf.pages[segment.start : segment.start + segment.count]:
        key = page.obj.get("/StructParents")
        if isinstance(key, int) and int(key) not in keys:
            raise ValueError(f"{segment.title}: a page missing from the parent tree")


def _elements(k) -> list[pikepdf.Dictionary]:
    """The structure elements among a /K value (not marked-content ids or references)."""
    items = list(k) if isinstance(k, pikepdf.Array) else ([] if k is None else [k])
    return [
        kid
        for kid in items
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR")
    ]


def _number_tree(node) -> list[tuple[int, pikepdf.Object]]:
    """A number tree's entries, flattened."""
    out: list[tuple[int, pikepdf.Object]] = []
    if not isinstance(node, pikepdf.Dictionary):
        return out
    nums = node.get("/Nums")
    if isinstance(nums, pikepdf.Array):
        out += [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums) - 1, 2)]
    for kid in node.get("/Kids", pikepdf.Array()):
        out += _number_tree(kid)
    return out


def _move_keys(pdf: pikepdf.Pdf, segment: Segment, offset: int) -> int:
    """Add ``offset`` to the parent-tree keys of the segment's pages, their annotations
    and their form XObjects; returns the highest key the source used (-1: none)."""
    highest = -1
    seen: set[tuple[int, int]] = set()

    def move(obj, key: str) -> None:
        nonlocal highest
        if obj.is_indirect:
            if obj.objgen in seen:
                return
            seen.add(obj.objgen)
        value = obj.get(key)
        if isinstance(value, int):
            highest = max(highest, int(value))
            obj[key] = int(value) + offset

    for page in pdf.pages[segment.start : segment.start + segment.count]:
        move(page.obj, "/StructParents")
        for annot in page.obj.get("/Annots", pikepdf.Array()):
            if isinstance(annot, pikepdf.Dictionary):
                move(annot, "/StructParent")
        xobjects = page.obj.get("/Resources", pikepdf.Dictionary()).get("/XObject")
        if isinstance(xobjects, pikepdf.Dictionary):
            for xobject in xobjects.values():
                if isinstance(xobject, pikepdf.Stream):
                    move(xobject, "/StructParents")
    return highest
