"""What the public may read of the meeting record, for every face: decisions and actions as
they stand in the public edition of each meeting's latest published minutes — so decisions
kept confidential appear only once released and republished, and never from the database
rows, which a clerk may be editing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Q

from minuted.governance.models import Board
from minuted.meetings.models import Meeting
from minuted.record.models import MinutesVersion
from minuted.rendering.blocks import plain_text


def latest_minutes(
    meetings: Iterable[Meeting] | None = None,
    board: Board | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[MinutesVersion]:
    """The latest published version of the minutes of each meeting (of the meetings given,
    or of ``board``, or of all), held between ``since`` and ``until``; oldest first."""
    versions = MinutesVersion.objects.all()
    if meetings is not None:
        versions = versions.filter(meeting__in=list(meetings))
    if board is not None:
        versions = versions.filter(meeting__board=board)
    if since is not None:
        versions = versions.filter(meeting__date__gte=since)
    if until is not None:
        versions = versions.filter(meeting__date__lte=until)
    newest = versions.values("meeting").annotate(top=Max("number"))
    if not newest:
        return []
    wanted = Q()
    for row in newest:
        wanted |= Q(meeting=row["meeting"], number=row["top"])
    return list(
        MinutesVersion.objects.filter(wanted)
        .select_related("meeting__board", "meeting__term")
        .order_by("meeting__date", "meeting__start_time")
    )


@dataclass(frozen=True)
class PublicDecision:
    """A decision as the public minutes print it."""

    version: MinutesVersion
    item: dict[str, Any]  # the minutes item in the public document (record/documents.py)
    decision: dict[str, Any]

    @property
    def meeting(self) -> Meeting:
        return self.version.meeting

    @property
    def item_number(self) -> str:
        return str(self.item.get("number", ""))

    @property
    def item_title(self) -> str:
        return str(self.item.get("title", ""))

    @property
    def number(self) -> str:
        """ "5.2": the item's number and the decision's within it."""
        return f"{self.item_number}.{self.decision.get('number', '')}"

    @property
    def blocks(self) -> list[dict[str, Any]]:
        """The decision's text as blocks (rendering/blocks.py)."""
        return list(self.decision.get("text", []))

    @property
    def text(self) -> str:
        """The decision as plain text (for feeds, CSV and search)."""
        return plain_text(self.blocks)

    @property
    def vote(self) -> str:
        return str(self.decision.get("vote", ""))


@dataclass(frozen=True)
class PublicAction:
    version: MinutesVersion
    item: dict[str, Any]
    action: dict[str, Any]

    @property
    def meeting(self) -> Meeting:
        return self.version.meeting

    @property
    def item_number(self) -> str:
        return str(self.item.get("number", ""))

    @property
    def text(self) -> str:
        return str(self.action.get("text", ""))

    @property
    def owner(self) -> str:
        return str(self.action.get("owner", ""))


def public_decisions(versions: Iterable[MinutesVersion]) -> list[PublicDecision]:
    """Every decision the public minutes of these versions print, in order. Items whose
    decisions are withheld as confidential contribute none."""
    out = []
    for version in versions:
        for item in version.public_document.get("items", []):
            if item.get("decisions_withheld"):
                continue
            for decision in item.get("decisions", []):
                out.append(PublicDecision(version, item, decision))
    return out


def public_actions(versions: Iterable[MinutesVersion]) -> list[PublicAction]:
    """Every action the public minutes of these versions print, in order."""
    return [
        PublicAction(version, item, action)
        for version in versions
        for item in version.public_document.get("items", [])
        if not item.get("decisions_withheld")
        for action in item.get("actions", [])
    ]
