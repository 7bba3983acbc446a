"""A page of a list costs the same number of queries however many meetings, papers,
decisions and people there are."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from minuted.meetings.models import AgendaItemKind
from minuted.meetings.services import add_item
from minuted.papers.documents import build_document
from minuted.papers.models import PackEdition, PackVersion
from minuted.record.documents import minutes_document
from minuted.record.models import Action, Decision, MinutesVersion
from minuted.record.services import minutes_for
from minuted.testing import appoint, make_meeting, make_person, make_report

PDF: dict[str, bytes] = {"members": b"%PDF-1.7 members", "public": b"%PDF-1.7 public"}


def published_quickly(meeting: Any, clerk: Any) -> None:
    """A pack and minutes published as publishing.py would, without rendering PDFs (slow, and
    beside the point here)."""
    now = timezone.now()
    documents = {e: build_document(meeting, e, 1) for e in PackEdition.values}
    pack = PackVersion(
        meeting=meeting,
        number=1,
        published_at=now,
        published_by=clerk,
        members_document=documents[PackEdition.MEMBERS],
        public_document=documents[PackEdition.PUBLIC],
    )
    pack.attach_pdfs(f"pack-{meeting.pk}", PDF)
    pack.save()
    minutes = minutes_for(meeting)
    documents = {e: minutes_document(minutes, e) for e in PackEdition.values}
    version = MinutesVersion(
        meeting=meeting,
        number=1,
        published_at=now,
        published_by=clerk,
        members_document=documents[PackEdition.MEMBERS],
        public_document=documents[PackEdition.PUBLIC],
    )
    version.attach_pdfs(f"minutes-{meeting.pk}", PDF)
    version.save()


def history(world: Any, meetings: int) -> None:
    """``meetings`` meetings of the board, each with a report, a decision and an action, all
    published; and one more person on the board per meeting."""
    start = timezone.localdate() - dt.timedelta(days=90)
    long_ago = start - dt.timedelta(days=60)
    for n in range(meetings):
        meeting = make_meeting(world.board, world.term, start + dt.timedelta(days=n))
        item = add_item(meeting, title=f"Report {n}", kind=AgendaItemKind.REPORT, today=long_ago)
        make_report(item, f"Report {n}")
        entry = minutes_for(meeting).items.get()
        Decision.objects.create(item=entry, position=1, text=f"Decision {n}.")
        Action.objects.create(item=entry, position=1, text=f"Action {n}.", owner_role="Officers")
        published_quickly(meeting, world.clerk)
        group = world.labour if n % 2 else world.conservative
        appoint(make_person(world.organisation), world.other_board, world.term, group)


# Each list, and how many rows it has with 12 meetings.
LISTS = {
    "/boards": 2,
    "/people": 15,  # 3 people of the world, and one per meeting
    "/people?board=resources-board": 13,
    "/memberships": 15,
    "/meetings": 12,
    "/papers": 12,
    "/decisions": 12,
    "/actions": 12,
}


def queries(anonymous: Any) -> dict[str, int]:
    counts = {}
    for path in LISTS:
        with CaptureQueriesContext(connection) as captured:
            assert anonymous.get(path).status_code == 200
        counts[path] = len(captured.captured_queries)
    return counts


def test_a_page_of_every_list_costs_the_same_queries_for_2_and_12_meetings(
    world, anonymous, django_assert_max_num_queries
):
    history(world, 2)
    few = queries(anonymous)
    history(world, 10)
    assert queries(anonymous) == few
    for path, rows in LISTS.items():
        with django_assert_max_num_queries(few[path]):
            assert anonymous.get(path).json()["count"] == rows, path
