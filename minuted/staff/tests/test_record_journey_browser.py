"""The meeting record, end to end in Debian's Chromium: the clerk takes attendance, records a
declaration, writes a decision and an action and publishes the minutes; at the next meeting
they are approved and locked; the public person page shows the member's attendance rate.
The attendance and minutes screens and the public pages pass axe-core on the way."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from minuted.meetings.models import AgendaItem, AgendaItemKind
from minuted.record.models import Decision, LockedError, Minutes
from minuted.staff.tests.test_journey_browser import assert_accessible, sign_in, submit
from minuted.testing import appoint, make_meeting, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def meetings(world):
    """Last week's meeting (two items) and one in a fortnight whose first item is the note of
    the last meeting; a Labour member beside the (Conservative) member."""
    today = timezone.localdate()
    held = make_meeting(world.board, world.term, today - dt.timedelta(days=7))
    AgendaItem.objects.create(meeting=held, position=1, title="Welcome and apologies")
    AgendaItem.objects.create(meeting=held, position=2, title="Sector-led improvement")
    following = make_meeting(world.board, world.term, today + dt.timedelta(days=14))
    AgendaItem.objects.create(
        meeting=following,
        position=1,
        title="Note of the last meeting",
        kind=AgendaItemKind.NOTE_OF_LAST_MEETING,
    )
    labour = make_person(world.organisation, given="Asha", family="Patel")
    appoint(labour, world.board, world.term, world.labour)
    return held, following, labour


def test_a_meeting_is_recorded_minuted_approved_and_counted(live_server, page, world, meetings):
    held, following, labour = meetings
    base = live_server.url
    member = world.member.person
    sign_in(page, base, world.clerk.email)

    # Attendance: both members present, so the meeting is quorate at every item.
    page.goto(base + reverse("staff:attendance", args=[held.uid]))
    page.get_by_label(f"Attendance of {member.display_name}").select_option(label="Present")
    page.get_by_label(f"Attendance of {labour.display_name}").select_option(label="Present")
    submit(page, "Save the register")
    quorum = page.locator("#quorum + table")
    assert quorum.get_by_text("Quorate", exact=True).count() == 2
    assert_accessible(page)

    # Minutes of item 2: a declaration, a decision and an action.
    page.goto(base + reverse("staff:minutes", args=[held.uid]))
    item = page.locator("#item-2")
    item.locator("summary", has_text="Add declaration").click()
    item.get_by_label("Member", exact=True).select_option(label=member.display_name)
    item.get_by_label("Other registrable interest").check()
    item.get_by_label("The interest").fill("Chair of a housing association in the area.")
    item.get_by_role("button", name="Add declaration").click()
    page.wait_for_load_state()
    item = page.locator("#item-2")
    assert "Chair of a housing association" in item.inner_text()

    item.locator("summary", has_text="Add decision").click()
    item.get_by_label("Decision", exact=True).fill("Members noted the report.")
    item.get_by_role("button", name="Add decision").click()
    page.wait_for_load_state()

    item = page.locator("#item-2")
    item.locator("summary", has_text="Add action").click()
    item.get_by_label("Action", exact=True).fill("Officers to draw up a communications plan.")
    item.get_by_label("Or an officer role").fill("Officers")
    item.get_by_label("By the next meeting").check()
    item.get_by_role("button", name="Add action").click()
    page.wait_for_load_state()
    item = page.locator("#item-2")
    assert "2.1 Members noted the report." in item.inner_text()
    assert "Officers to draw up a communications plan." in item.inner_text()
    assert_accessible(page)

    submit(page, "Publish version 1 of the minutes")
    assert page.locator("#versions").get_by_text("Version 1 (public edition)").count() == 1

    # The public minutes show the decision, the action and the declaration.
    page.locator("#versions").get_by_role("link", name="Version 1 (public edition)").click()
    page.wait_for_load_state()
    public = page.locator("main").inner_text()
    assert "Members noted the report." in public
    assert "Officers to draw up a communications plan." in public
    assert "Chair of a housing association" in public
    assert_accessible(page)

    # At the next meeting, its note-of-the-last-meeting item approves them.
    page.goto(base + reverse("staff:minutes", args=[held.uid]))
    page.get_by_label("Item of the later meeting that approved them").select_option(index=1)
    submit(page, "Approve as a correct record")
    assert "Approved as a correct record" in page.locator("#approved").inner_text()
    assert page.get_by_role("button", name="Add decision").count() == 0

    # Locked: the screen refuses a change, and so does the model below it.
    minutes = Minutes.objects.get(meeting=held)
    assert minutes.approved_at_item is not None
    assert minutes.approved_at_item.meeting == following
    clerk = Client()
    clerk.force_login(world.clerk)
    minute = minutes.items.get(agenda_item__position=2)
    response = clerk.post(
        reverse("staff:minutes-decision-add", args=[held.uid, minute.uid]),
        {f"decision-{minute.pk}-text": "A late addition."},
    )
    assert response.status_code == 409
    with pytest.raises(LockedError):
        Decision.objects.create(item=minute, text="A late addition.", position=2)
    assert minute.decisions.count() == 1

    # Anyone can see the member's attendance on their public page.
    page.context.clear_cookies()
    page.goto(base + reverse("person", args=[member.slug]))
    attendance = page.locator("main").inner_text()
    assert "100%" in attendance
    assert_accessible(page)
