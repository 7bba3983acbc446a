"""My meetings: a member sees the meetings to come of the boards they sit on, and no other."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from minuted.record.models import Action
from minuted.record.services import minutes_for
from minuted.staff.tests.conftest import add, make_meeting

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


def test_the_member_sees_their_own_open_actions(signed_in, world):
    today = timezone.localdate()
    held = make_meeting(world.board, world.term, today - dt.timedelta(days=14))
    add(held, "Welcome")
    add(held, "Communications plan")
    entry = minutes_for(held).items.get(agenda_item__title="Communications plan")
    mine = world.member.person
    Action.objects.create(
        item=entry, text="Brief the group", owner_person=mine, due_on=today - dt.timedelta(1)
    )
    Action.objects.create(item=entry, text="Done already", owner_person=mine, done_on=today)
    Action.objects.create(item=entry, text="Officers to report", owner_role="Officers")
    page = signed_in(world.member).get(URL).content.decode()
    assert "My actions" in page
    assert "Brief the group" in page
    assert "Item 2: Communications plan" in page
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in page
    assert "Done already" not in page
    assert "Officers to report" not in page
    # Another member does not see them.
    assert (
        "Brief the group" not in signed_in(world.member_of_another_board).get(URL).content.decode()
    )
