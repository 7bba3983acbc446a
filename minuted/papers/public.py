"""What the public may read of published packs, for every face (pages, search, feeds, OParl,
ModernGov XML, CSV, the JSON API): always the public edition of a published version, never
the reports as they are in the database. A version never changes, so neither does this.

In the public edition an exempt report is reduced to its number and title and marked
``restricted``; :func:`public_papers` leaves those out altogether, so a face built on it
never shows even that an exempt paper exists beyond what the public agenda says."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Q

from minuted.governance.models import Board
from minuted.meetings.models import Meeting
from minuted.papers.models import PackKind, PackVersion


def latest_packs(
    meetings: Iterable[Meeting] | None = None, board: Board | None = None
) -> list[PackVersion]:
    """The latest published version of each pack (main and supplementary) of the meetings,
    or of every meeting of ``board``, or of every meeting, oldest meeting first."""
    versions = PackVersion.objects.all()
    if meetings is not None:
        versions = versions.filter(meeting__in=list(meetings))
    if board is not None:
        versions = versions.filter(meeting__board=board)
    newest = versions.values("meeting", "kind").annotate(top=Max("number"))
    if not newest:
        return []
    wanted = Q()
    for row in newest:
        wanted |= Q(meeting=row["meeting"], kind=row["kind"], number=row["top"])
    return list(
        PackVersion.objects.filter(wanted)
        .select_related("meeting__board", "meeting__term")
        .order_by("meeting__date", "meeting__start_time", "kind")
    )


@dataclass(frozen=True)
class PublicPaper:
    """A report as published in the public edition of a pack version."""

    version: PackVersion
    content: dict[str, Any]  # the report in the public document (papers/documents.py)

    @property
    def meeting(self) -> Meeting:
        return self.version.meeting

    @property
    def id(self) -> str:
        """The report's id within the document ("r12"), used in its page's URL."""
        return str(self.content["id"])

    @property
    def uid(self) -> str:
        return str(self.content.get("uid", ""))

    @property
    def title(self) -> str:
        return str(self.content.get("title", ""))

    @property
    def item_number(self) -> str:
        return str(self.content.get("item_number", ""))

    @property
    def supplementary(self) -> bool:
        return self.version.kind == PackKind.SUPPLEMENTARY


def public_papers(versions: Iterable[PackVersion]) -> list[PublicPaper]:
    """The reports the public may read in these versions, in the order each pack prints
    them; restricted (exempt) reports are left out."""
    papers = []
    for version in versions:
        for content in version.public_document.get("reports", []):
            if isinstance(content, dict) and not content.get("restricted", True):
                papers.append(PublicPaper(version, content))
    return papers
