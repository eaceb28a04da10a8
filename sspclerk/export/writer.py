"""The one small interface every minutes writer follows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from .model import MinutesDocument


@dataclass(frozen=True)
class Rendered:
    """The bytes of one output file and what the writer had to warn about."""

    data: bytes
    warnings: tuple[str, ...] = field(default=())


class Writer(Protocol):
    """Renders a MinutesDocument it is given — and nothing else — to one format."""

    #: Short name used on the command line ("docx").
    name: str
    #: What the clerk sees in a menu ("Word document (.docx)").
    label: str
    extension: str
    media_type: str

    def render(self, doc: MinutesDocument) -> Rendered: ...


# XML 1.0 cannot hold these; clean_text drops most of them already, but a writer must
# not depend on every caller having cleaned its text.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters an XML file cannot contain."""
    return _XML_INVALID.sub("", text).replace("\t", " ")
