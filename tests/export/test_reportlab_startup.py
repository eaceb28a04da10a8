"""reportlab started without what sspclerk never uses: Pillow waits, platypus never loads.

Each check runs in a fresh interpreter, because the point is what happens at the
first import of reportlab.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import cli_env


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


def test_every_pdf_is_made_without_platypus_or_pillow() -> None:
    """The minutes, the front sheet and the action log are drawn on reportlab's canvas:
    platypus (its import was a sixth of a whole `sspclerk export --format pdf`) and
    Pillow are never loaded."""
    out = _python(
        "import datetime as dt, json, sys\n"
        "from sspclerk.export import render_minutes\n"
        "from sspclerk.export.action_log import render_action_log\n"
        "from sspclerk.export.frontsheet import FrontSheet, render_front_sheet\n"
        "from sspclerk.importers.meeting_json import read_meeting_file\n"
        "from sspclerk.resources import resource_path\n"
        "m = read_meeting_file(resource_path('demo-meeting.json'))\n"
        "data = render_minutes(m, 'pdf', 'confidential').data\n"
        "render_front_sheet(FrontSheet('Agenda pack', 'Council', 'Committee', 'Monday'))\n"
        "render_action_log([], 'pdf', today=dt.date(2025, 7, 23))\n"
        "loaded = sorted(n for n in sys.modules if n.startswith('reportlab.platypus'))\n"
        "pillow = 'PIL.ExifTags' in sys.modules\n"
        "print(json.dumps({'pdf': data[:5].decode(), 'platypus': loaded, 'pillow': pillow}))\n"
    )
    seen = json.loads(out)
    assert seen["pdf"] == "%PDF-"
    assert seen["platypus"] == []
    assert seen["pillow"] is False
