"""The public board page's attendance table for a term."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from minuted.governance.models import Membership
from minuted.record.models import Attendance
from minuted.testing import make_meeting


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_the_board_page_shows_attendance_with_a_rate(client, world):
    meeting = make_meeting(
        world.board, world.term, timezone.localdate() - dt.timedelta(days=10), status="held"
    )
    (membership,) = Membership.objects.filter(board=world.board, term=world.term)
    Attendance.objects.create(meeting=meeting, membership=membership, status="present")
    response = client.get(reverse("board", args=[world.board.slug]))
    assert response.status_code == 200
    text = text_of(response)
    assert f"Attendance {world.term.name}" in text
    assert "Member Expected Present As substitute Apologies Absent Attendance rate" in text
    assert f"{membership.person.display_name} 1 1 0 0 0 100%" in text


def test_no_table_while_nothing_is_recorded(client, world):
    make_meeting(
        world.board, world.term, timezone.localdate() - dt.timedelta(days=10), status="held"
    )
    response = client.get(reverse("board", args=[world.board.slug]))
    assert response.status_code == 200
    assert "Attendance rate" not in response.content.decode()
