"""My meetings: a member sees the meetings to come of the boards they sit on, and no other."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from minuted.staff.tests.conftest import make_meeting

URL = reverse("staff:me")


def test_an_anonymous_visitor_is_sent_to_sign_in(client, world):
    assert client.get(URL)["Location"].startswith("/sign-in/")


def test_the_member_sees_their_boards_meetings_to_come(signed_in, world, meeting):
    response = signed_in(world.member).get(URL)
    assert list(response.context["meetings"]) == [meeting]
    assert world.board.name in response.content.decode()


def test_the_member_does_not_see_other_boards_or_past_meetings(signed_in, world):
    today = timezone.localdate()
    make_meeting(world.other_board, world.term, today + dt.timedelta(days=20))
    make_meeting(world.board, world.term, today - dt.timedelta(days=20))
    assert list(signed_in(world.member).get(URL).context["meetings"]) == []


def test_a_former_member_sees_no_meetings(signed_in, world, meeting):
    response = signed_in(world.former_member).get(URL)
    assert list(response.context["meetings"]) == []
    assert "You do not sit on any board at present." in response.content.decode()


def test_a_user_who_is_not_a_member_is_told_so(signed_in, world, meeting):
    page = signed_in(world.officer).get(URL).content.decode()
    assert "You do not sit on any board at present." in page
