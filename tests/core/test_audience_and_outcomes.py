"""The one audience function and the outcome wording rules."""

from __future__ import annotations

import datetime as dt

from sspclerk.core.audience import audience_view, exempt_information, public_record
from sspclerk.core.model import (
    Action,
    AgendaItem,
    Committee,
    Declaration,
    DeclarationCategory,
    Document,
    Meeting,
    Outcome,
    OutcomeKind,
)
from sspclerk.core.outcomes import infer_kind, outcome_phrases, vote_outcome


def _meeting() -> Meeting:
    secret = AgendaItem(
        number="SSP/24/25",
        title="SBC Performance",
        agenda_text="CANARY-agenda",
        minutes="CANARY-minutes",
        outcomes=[Outcome("CANARY-outcome")],
        actions=[Action("CANARY-action", owner="CANARY-owner")],
        documents=[Document("CANARY-doc", "canary.pdf")],
        restricted=True,
        restriction_reason="Due to an ongoing investigation this item was restricted.",
        exempt_paragraph=7,
        public_summary="The update was noted.",
        urgent_reason="CANARY-urgent",
        started_at=dt.datetime(2025, 7, 23, 10, 30),
    )
    public = AgendaItem(number="SSP/15/25", title="Crime report", minutes="Public minutes")
    return Meeting(
        committee=Committee("Safer Stockton Partnership", "SSP"),
        date=dt.date(2025, 7, 23),
        items=[public, secret],
        declarations=[
            Declaration(
                "Cllr A",
                "SSP/24/25",
                DeclarationCategory.DISCLOSABLE_PECUNIARY,
                nature="CANARY-declaration",
                withdrew=True,
            ),
            Declaration("Cllr B", "SSP/15/25", nature="open interest"),
        ],
        unplaced_text="CANARY-unplaced",
    )


def test_public_view_keeps_only_number_title_reason_paragraph_summary() -> None:
    meeting = _meeting()
    view = audience_view(meeting, "public")
    text = repr(view)
    assert "CANARY" not in text
    item = view.items[1]
    assert (item.number, item.title, item.restricted, item.exempt_paragraph) == (
        "SSP/24/25",
        "SBC Performance",
        True,
        7,
    )
    assert item.restriction_reason.startswith("Due to an ongoing")
    assert item.public_summary == "The update was noted."
    assert view.items[0].minutes == "Public minutes"
    # A declaration on the restricted item is recorded: who, the category and that they
    # left the room; only its nature is kept back.
    assert [d.name for d in view.declarations] == ["Cllr A", "Cllr B"]
    declared = view.declarations[0]
    assert (declared.category, declared.withdrew, declared.nature) == (
        DeclarationCategory.DISCLOSABLE_PECUNIARY,
        True,
        "",
    )
    # the original is untouched: the view is a copy
    assert meeting.items[1].minutes == "CANARY-minutes"


def test_public_record_prints_summary_then_reason_then_the_decision() -> None:
    """The seed's SSP/23/25: what the summary tells, the public reason, then AGREED."""
    item = AgendaItem(
        "SSP/23/25",
        "IQaunta",
        restricted=True,
        restriction_reason="This report was a restricted document.",
        public_summary="Members were presented with a restricted report.\n\n"
        "AGREED that the report be noted.",
        exempt_paragraph=3,
    )
    record = public_record(item)
    assert record.summary == ("Members were presented with a restricted report.",)
    assert record.reason == "This report was a restricted document."
    assert record.outcomes == ("AGREED that the report be noted.",)
    assert record.exemption == (
        "Exempt information: paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972"
    )
    # A summary that is only a decision (the seed's SSP/24/25).
    item.public_summary = "Agreed that the update be noted."
    assert public_record(item).summary == ()
    assert public_record(item).outcomes == ("Agreed that the update be noted.",)
    # "Agreed" as an adjective is no decision.
    item.public_summary = "Agreed targets were missed."
    assert public_record(item).summary == ("Agreed targets were missed.",)
    assert exempt_information(None) == exempt_information(9) == ""


def test_confidential_view_keeps_everything() -> None:
    view = audience_view(_meeting(), "confidential")
    assert repr(view).count("CANARY") == 9


def test_phrases_use_the_committees_word() -> None:
    agreed = [o.text for o in outcome_phrases("AGREED")]
    assert "AGREED to note the report." in agreed
    assert "AGREED that the report be noted." in agreed
    resolved = [o.text for o in outcome_phrases("resolved")]
    assert "RESOLVED to note the update." in resolved
    assert not any("AGREED" in t for t in resolved)


def test_vote_outcome_records_counts() -> None:
    o = vote_outcome("RESOLVED", "RESOLVED that the plan be approved.", 7, 2, 1)
    assert o.text == "RESOLVED that the plan be approved (For 7, Against 2, Abstentions 1)."
    assert (o.kind, o.votes_for, o.votes_against, o.abstentions) == (OutcomeKind.VOTE, 7, 2, 1)


def test_infer_kind() -> None:
    assert infer_kind("AGREED to note the report.") is OutcomeKind.NOTED
    assert (
        infer_kind("AGREED", "agreed as a true record subject to the removal of X")
        is OutcomeKind.APPROVED_WITH_AMENDMENTS
    )
    assert infer_kind("AGREED", "agreed as a true record") is OutcomeKind.APPROVED
    assert infer_kind("RESOLVED that the item be deferred.") is OutcomeKind.DEFERRED
    assert infer_kind("The item was withdrawn.") is OutcomeKind.WITHDRAWN
    assert infer_kind("RESOLVED (For 5, Against 3) that it be approved") is OutcomeKind.VOTE
