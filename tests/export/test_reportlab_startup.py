"""reportlab started without what sspclerk never uses: Pillow and three regexes wait.

Each check runs in a fresh interpreter, because the point is what happens at the
first import of reportlab.platypus.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import cli_env

ADDRESSES = [
    "https://www.stockton.gov.uk/council-and-democracy/committee-meetings/minutes/2025/07",
    "http://192.168.0.12:8080/papers/agenda-pack.pdf",
    "www.example.org/a/b/c",
    "ftp://ŁÓDŹ.example.pl/ścieżka/dokument",
    "not an address at all",
    "",
]


def _python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=cli_env(SSPCLERK_CACHE_DIR=""),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_pattern_waits_and_then_matches_as_reportlab_compiled_it() -> None:
    out = _python(
        "import json, re, sys\n"
        "import sspclerk.export.platypus_startup\n"
        "from reportlab.platypus import paragraph as p\n"
        "from sspclerk.export.reportlab_startup import LazyPattern\n"
        "lazy = p.uri_pat\n"
        "waited = isinstance(lazy, LazyPattern) and not lazy.compiled\n"
        "others = [k for k, v in vars(p).items() if isinstance(v, LazyPattern) and k != 'uri_pat']\n"
        "real = re.compile(lazy.pattern, lazy.flags)\n"
        f"addresses = {ADDRESSES!r}\n"
        "def seen(m):\n"
        "    return None if m is None else [m.span(), m.groups()]\n"
        "lazy_first = seen(lazy.match(addresses[0]))\n"
        "compiled = lazy.compiled\n"
        "pairs = [[seen(lazy.match(a)), seen(real.match(a))] for a in addresses]\n"
        "splits = [p._uri_split_pairs(a) for a in addresses]\n"
        "print(json.dumps({'waited': waited, 'others': others, 'compiled': compiled,\n"
        "    'pairs': pairs, 'splits': splits, 're_compile': re.compile.__module__}))\n"
    )
    seen = json.loads(out)
    assert seen["waited"] is True
    assert seen["others"] == []  # only the one pattern is deferred
    assert seen["compiled"] is True  # made on first use
    for lazy, real in seen["pairs"]:
        assert lazy == real
    assert sum(lazy is not None for lazy, _ in seen["pairs"]) >= 3  # real matches compared
    assert seen["splits"][0][-1] == ["https://", ADDRESSES[0][len("https://") :]]
    assert seen["re_compile"] == "re"  # re.compile is put back


def test_a_pdf_with_long_addresses_is_the_same_either_way() -> None:
    """A platypus PDF made after the lazy import equals the one made after reportlab's own,
    including web addresses too long for a line (which use the deferred pattern)."""
    render = (
        "import hashlib, io\n"
        "from reportlab import rl_config\n"
        "rl_config.invariant = 1\n"
        "{first}\n"
        "from reportlab.lib.styles import getSampleStyleSheet\n"
        "from reportlab.platypus import Paragraph, SimpleDocTemplate\n"
        "from reportlab.platypus import paragraph as p\n"
        "style = getSampleStyleSheet()['BodyText']\n"
        "style.uriWasteReduce = 0.3\n"
        f"text = ' '.join({ADDRESSES!r} * 3) + ' ' + 'x/' * 300\n"
        "out = io.BytesIO()\n"
        "SimpleDocTemplate(out).build([Paragraph(text, style)])\n"
        "compiled = getattr(p.uri_pat, 'compiled', True)\n"
        "print(type(p.uri_pat).__name__, compiled, hashlib.sha256(out.getvalue()).hexdigest())\n"
    )
    lazy = _python(render.format(first="import sspclerk.export.platypus_startup"))
    eager = _python(render.format(first="import reportlab.platypus"))
    assert lazy.split()[0] == "LazyPattern"
    assert lazy.split()[1] == "True"  # the long addresses needed it, and it was made
    assert eager.split()[0] == "Pattern"
    assert lazy.split()[2] == eager.split()[2]


def test_the_cjk_wrap_and_code_colouring_patterns_wait_and_then_work_as_before() -> None:
    """textsplit.rx and PyFontify's patterns are deferred too and give the same results."""
    check = (
        "import json, re\n"
        "{first}\n"
        "from reportlab.lib import PyFontify, textsplit\n"
        "names = [type(textsplit.rx).__name__, type(PyFontify.matchRE).__name__,\n"
        "    type(PyFontify.idRE).__name__]\n"
        "waited = [getattr(x, 'compiled', None) for x in\n"
        "    (textsplit.rx, PyFontify.matchRE, PyFontify.idRE)]\n"
        "text = 'Minutes 会議の議事録 of the partnership 안전한 Stockton ' * 4\n"
        "wrapped = textsplit.rx.sub(r'\\1\\0 ', text)\n"
        "code = 'def f(x):\\n    # a comment\\n    return \"s\" + str(x)\\nclass C: pass\\n'\n"
        "tags = PyFontify.fontify(code)\n"
        "print(json.dumps({{'names': names, 'waited': waited, 'wrapped': wrapped,\n"
        "    'tags': tags, 're_compile': re.compile.__module__}}))\n"
    )
    lazy = json.loads(_python(check.format(first="import sspclerk.export.platypus_startup")))
    eager = json.loads(_python(check.format(first="import reportlab.platypus")))
    assert lazy["names"] == ["LazyPattern"] * 3
    assert lazy["waited"] == [False, False, False]  # nothing compiled before first use
    assert eager["names"] == ["Pattern"] * 3
    assert lazy["wrapped"] == eager["wrapped"]
    assert "会\0 " in lazy["wrapped"]  # the pattern really ran (as cjkwrap calls it)
    assert lazy["tags"] == eager["tags"]
    assert len(lazy["tags"]) >= 4  # keywords, comment, string found
    assert lazy["re_compile"] == "re"


def test_pillow_waits_until_a_picture_is_drawn_and_then_works() -> None:
    """PIL.Image is registered lazily; the first picture loads it, and it draws."""
    out = _python(
        "import io, json, sys\n"
        "import sspclerk.export.pdf_writer\n"
        "from reportlab.lib import utils\n"
        "waited = 'PIL.ExifTags' not in sys.modules\n"
        "lazy = type(sys.modules['PIL.Image']).__name__\n"
        "from reportlab.pdfgen.canvas import Canvas\n"
        "png = io.BytesIO()\n"
        "utils.Image.new('RGB', (4, 3), (200, 20, 20)).save(png, 'PNG')\n"
        "png.seek(0)\n"
        "reader = utils.ImageReader(png)\n"
        "pdf = io.BytesIO()\n"
        "c = Canvas(pdf)\n"
        "c.drawImage(reader, 10, 10, 40, 30)\n"
        "c.save()\n"
        "print(json.dumps({'waited': waited, 'lazy': lazy, 'size': reader.getSize(),\n"
        "    'loaded': type(sys.modules['PIL.Image']).__name__,\n"
        "    'image': b'/Subtype /Image' in pdf.getvalue()}))\n"
    )
    seen = json.loads(out)
    assert seen["waited"] is True
    assert seen["lazy"] == "_LazyModule"
    assert seen["size"] == [4, 3]
    assert seen["loaded"] == "module"  # a real module once used
    assert seen["image"] is True


def test_the_minutes_pdf_is_made_without_platypus_or_pillow() -> None:
    """The minutes writer draws on reportlab's canvas: platypus (its import was a sixth of
    a whole `sspclerk export --format pdf`) and Pillow are never loaded."""
    out = _python(
        "import json, sys\n"
        "from sspclerk.export import render_minutes\n"
        "from sspclerk.importers.meeting_json import read_meeting_file\n"
        "from sspclerk.resources import resource_path\n"
        "m = read_meeting_file(resource_path('demo-meeting.json'))\n"
        "data = render_minutes(m, 'pdf', 'confidential').data\n"
        "loaded = sorted(n for n in sys.modules if n.startswith('reportlab.platypus'))\n"
        "pillow = 'PIL.ExifTags' in sys.modules\n"
        "print(json.dumps({'pdf': data[:5].decode(), 'platypus': loaded, 'pillow': pillow}))\n"
    )
    seen = json.loads(out)
    assert seen["pdf"] == "%PDF-"
    assert seen["platypus"] == []
    assert seen["pillow"] is False
