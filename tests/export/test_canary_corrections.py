"""Corrections and approval amendments about restricted items never reach the public.

The JSON carries fields the printed minutes do not (corrections recorded after
approval, the amendments the minutes were approved subject to), so the canary
test is run again with a canary in each of them: a correction made to a restricted
item, one to the minutes as a whole that names a restricted item, and amendments
that name one.  Public exports in every format hold none of them; the public
record of the open item's correction is still there; the confidential JSON holds
them all, so the test can fail.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from sspclerk.core.model import Approval, Correction
from sspclerk.export import WRITERS, render_minutes

from .conftest import canary_meeting
from .test_canary import found, readable

FIELDS = ("correction_of_item", "correction_naming_item", "correction_naming_title", "amendments")
CANARIES = [f"Zqx5{f.replace('_', '').capitalize()}Canary" for f in FIELDS]
OPEN_CORRECTION = "The spelling of Thornaby was corrected in item 4."


@pytest.fixture(scope="module")
def meeting():
    m = canary_meeting()
    c1, c2, c3, amend = CANARIES
    m.approval = Approval(
        dt.date(2025, 11, 12), amendments=f"the removal of {amend} from item RCS/5/25"
    )
    m.corrections = [
        Correction(f"Members heard {c1}.", item="RCS/5/25", recorded_on=dt.date(2025, 11, 20)),
        Correction(f"In the item rcs/6/25 read {c2}.", recorded_on=dt.date(2025, 11, 21)),
        Correction(f"Under Restricted matter 6, {c3}.", recorded_on=dt.date(2025, 11, 22)),
        Correction(OPEN_CORRECTION, item="RCS/4/25", recorded_on=dt.date(2025, 11, 23)),
    ]
    return m


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_public_export_holds_no_correction_or_amendment_canary(meeting, fmt):
    text = readable(fmt, render_minutes(meeting, fmt, "public").data)
    assert found(text, CANARIES) == []


def test_public_json_keeps_the_open_items_correction_and_the_approval_date(meeting):
    data = json.loads(render_minutes(meeting, "json", "public").data)
    assert [k["text"] for k in data["meeting"]["corrections"]] == [OPEN_CORRECTION]
    assert data["meeting"]["approval"] == {"approved_on": "2025-11-12", "amendments": ""}


def test_amendments_about_open_business_stay_public(meeting):
    meeting.approval.amendments = "the correction of the date in item RCS/4/25"
    try:
        data = json.loads(render_minutes(meeting, "json", "public").data)
    finally:
        meeting.approval.amendments = f"the removal of {CANARIES[3]} from item RCS/5/25"
    assert (
        data["meeting"]["approval"]["amendments"] == "the correction of the date in item RCS/4/25"
    )


def test_confidential_json_keeps_every_correction_and_the_amendments(meeting):
    text = render_minutes(meeting, "json", "confidential").data.decode()
    assert found(text, CANARIES) == CANARIES
    assert OPEN_CORRECTION in text
