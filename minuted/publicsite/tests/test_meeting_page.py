"""The meeting page: its agenda linking to each item's page and public reports, the pack and
minutes downloads, and the register of a held meeting."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from minuted.governance.models import Membership
from minuted.publicsite.tests.conftest import (
    SECRETS,
    held_meeting,
    substitute_membership,
    text_of,
)
from minuted.record.models import Attendance, OtherAttendee
from minuted.testing import appoint, make_meeting, make_person

pytestmark = pytest.mark.django_db


def meeting_url(meeting) -> str:
    return reverse("meeting", args=[meeting.board.slug, meeting.slug])


def test_the_agenda_links_each_item_to_its_page_and_lists_public_reports(client, world, held):
    response = client.get(meeting_url(held.meeting))
    html = response.content.decode()
    for number in ("1", "2", "3"):
        assert reverse("item", args=[world.board.slug, held.meeting.slug, number]) in html
    item = reverse("item", args=[world.board.slug, held.meeting.slug, "3"])
    assert f'href="{item}#r{held.public_report.pk}">Climate change support offer</a>' in html


def test_an_exempt_item_is_listed_by_title_without_its_reports(client, world, held):
    response = client.get(meeting_url(held.meeting))
    text = text_of(response)
    assert "Procurement of the peer challenge contract Exempt" in text
    assert "Its papers are not for publication." in text
    for secret in SECRETS:
        assert secret not in response.content.decode()


def test_the_members_edition_downloads_are_offered_only_to_those_the_policy_allows(
    client, world, held
):
    assert "/pack/v1/members" not in client.get(meeting_url(held.meeting)).content.decode()
    client.force_login(world.member_of_another_board)
    assert "/pack/v1/members" not in client.get(meeting_url(held.meeting)).content.decode()
    client.force_login(world.member)
    html = client.get(meeting_url(held.meeting)).content.decode()
    assert "/pack/v1/members.pdf" in html and "/minutes/v1/members/" in html


def test_the_pack_and_minutes_of_the_meeting_can_be_downloaded(client, world, held):
    html = client.get(meeting_url(held.meeting)).content.decode()
    args = [world.board.slug, held.meeting.slug, 1, "public"]
    for name in ("pack-edition", "pack-pdf", "minutes-edition", "minutes-pdf"):
        assert reverse(name, args=args) in html, name


def test_a_held_meeting_shows_who_attended_sent_apologies_substituted_and_observed(client, world):
    meeting = make_meeting(
        world.board, world.term, timezone.localdate() - dt.timedelta(days=3), status="held"
    )
    member = Membership.objects.get(person__user=world.member, term=world.term)
    absent = appoint(
        make_person(world.organisation, "Rebecca", "Lury"),
        world.board,
        world.term,
        world.conservative,
    )
    observer = appoint(
        make_person(world.organisation, "Richard", "Priestman", "Mr"),
        world.board,
        world.term,
        None,
        "independent_observer",
        represents="EST",
    )
    substitute = substitute_membership(world)
    Attendance.objects.create(
        meeting=meeting, membership=absent, status="apologies", substitute_sent=True
    )
    Attendance.objects.create(
        meeting=meeting, membership=substitute, status="substitute", substitute_for=absent
    )
    Attendance.objects.create(meeting=meeting, membership=member, status="present")
    Attendance.objects.create(meeting=meeting, membership=observer, status="observer")
    OtherAttendee.objects.create(meeting=meeting, name="Benn Cain", role="Member Services Officer")
    text = text_of(client.get(meeting_url(meeting)))
    attendance = text[text.index("Attendance") :]
    assert f"Present {member.person.display_name} (Conservative)" in attendance
    assert "Substitutes Cllr Kelham Cooke (Conservative), substitute for Cllr Rebecca Lury" in (
        attendance
    )
    assert "Observers Mr Richard Priestman" in attendance
    assert "Apologies Cllr Rebecca Lury (Conservative), sent a substitute" in attendance
    assert "In attendance Benn Cain, Member Services Officer" in attendance


def test_a_meeting_not_yet_held_shows_no_register(client, world):
    meeting = make_meeting(world.board, world.term)
    member = Membership.objects.get(person__user=world.member, term=world.term)
    Attendance.objects.create(meeting=meeting, membership=member, status="apologies")
    html = client.get(meeting_url(meeting)).content.decode()
    assert 'id="attendance"' not in html  # apologies sent ahead are not published as a register


def test_a_cancelled_meeting_says_so_with_its_reason(client, world):
    meeting = make_meeting(
        world.board,
        world.term,
        status="cancelled",
        cancellation_reason="Not enough business",
    )
    text = text_of(client.get(meeting_url(meeting)))
    assert "Warning This meeting is cancelled: Not enough business." in text


@pytest.mark.parametrize("others", [1, 8])
def test_the_meeting_page_query_count_does_not_grow_with_the_record(
    client, world, django_assert_max_num_queries, others
):
    # More meetings of the board, more people in the register, more published versions.
    for n in range(others):
        appoint(make_person(world.organisation), world.board, world.term, world.labour)
        held_meeting(world, timezone.localdate() - dt.timedelta(days=60 + 3 * n))
    held = held_meeting(world, timezone.localdate() - dt.timedelta(days=10))
    with django_assert_max_num_queries(10):
        response = client.get(meeting_url(held.meeting))
    assert text_of(response).count("(Labour)") == others
