"""Outcome wording: the one-click phrases and reading the kind of a written outcome.

A committee writes its outcomes with its own word (the Safer Stockton Partnership
writes AGREED, many councils RESOLVED), so phrases are built from that word rather
than hard-coded.
"""

from __future__ import annotations

import re

from .model import Outcome, OutcomeKind


def outcome_phrases(word: str = "AGREED") -> list[Outcome]:
    """The phrases offered in one click, in the committee's outcome word."""
    w = word.upper()
    return [
        Outcome(f"{w} to note the report.", OutcomeKind.NOTED),
        Outcome(f"{w} to note the update.", OutcomeKind.NOTED),
        Outcome(f"{w} that the report be noted.", OutcomeKind.NOTED),
        Outcome(f"{w} that the recommendations be approved.", OutcomeKind.APPROVED),
        Outcome(f"{w} that the item be deferred to the next meeting.", OutcomeKind.DEFERRED),
        Outcome("The item was withdrawn.", OutcomeKind.WITHDRAWN),
    ]


def vote_outcome(word: str, text: str, votes_for: int, against: int, abstain: int) -> Outcome:
    """A recorded vote: 'AGREED that … (For 7, Against 2, Abstentions 1).'"""
    body = text.strip().rstrip(".") or f"{word.upper()} on a vote"
    return Outcome(
        f"{body} (For {votes_for}, Against {against}, Abstentions {abstain}).",
        OutcomeKind.VOTE,
        votes_for,
        against,
        abstain,
    )


_VOTE = re.compile(r"\bfor\s*:?\s*\d+.*\bagainst\b", re.I | re.S)
_TRUE_RECORD = re.compile(r"\btrue record\b|\bminutes\b.*\b(agreed|approved|confirmed)\b", re.I)


def infer_kind(text: str, context: str = "") -> OutcomeKind:
    """The kind of a written outcome; ``context`` is the item's minutes around it.

    Used by importers, where the page gives only the words.
    """
    t = text.lower()
    if _VOTE.search(text):
        return OutcomeKind.VOTE
    if "withdrawn" in t:
        return OutcomeKind.WITHDRAWN
    if "defer" in t:
        return OutcomeKind.DEFERRED
    if "note" in t:
        return OutcomeKind.NOTED
    if "subject to" in t or ("subject to" in context.lower() and _TRUE_RECORD.search(context)):
        return OutcomeKind.APPROVED_WITH_AMENDMENTS
    return OutcomeKind.APPROVED
