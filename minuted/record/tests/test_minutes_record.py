"""Minutes: approval locks them below the view layer; confidential decisions are released by
an explicit act; apologies reach the clerk and the group office."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from minuted.governance.models import Membership, MembershipRole
from minuted.meetings.models import AgendaItemKind
from minuted.meetings.services import add_item
from minuted.record.models import (
    Action,
    Attendance,
    AttendanceStatus,
    Decision,
    Declaration,
    InterestKind,
    LockedError,
)
from minuted.record.services import (
    approve_minutes,
    minutes_for,
    release_decisions,
    send_apologies,
)
from minuted.testing import appoint, make_meeting, make_person


@pytest.fixture
def two_meetings(world):
    first = make_meeting(world.board, world.term)
    add_item(first, title="Welcome")
    add_item(
        first,
        title="Statutory public notices",
        exempt=True,
        exempt_paragraph=3,
        public_interest_reason="Commercial negotiations are under way.",
    )
    second = make_meeting(world.board, world.term, first.date + dt.timedelta(days=60))
    approval = add_item(
        second, title="Note of the previous meeting", kind=AgendaItemKind.NOTE_OF_LAST_MEETING
    )
    return first, second, approval


def test_minutes_have_an_entry_per_item_and_exempt_decisions_start_confidential(two_meetings):
    first, _, _ = two_meetings
    minutes = minutes_for(first)
    entries = list(minutes.items.all())
    assert [e.agenda_item.title for e in entries] == ["Welcome", "Statutory public notices"]
    assert [e.decisions_confidential for e in entries] == [False, True]


def test_approved_minutes_refuse_every_change_at_the_model_layer(two_meetings):
    first, _, approval = two_meetings
    minutes = minutes_for(first)
    entry = minutes.items.all()[0]
    decision = Decision.objects.create(item=entry, position=1, text="Members noted the update.")
    approve_minutes(minutes, approval)
    entry.refresh_from_db()
    entry.discussion = "Rewritten later"
    with pytest.raises(LockedError, match="approved as a correct record"):
        entry.save()
    decision.text = "Members agreed something else."
    with pytest.raises(LockedError):
        decision.save()
    with pytest.raises(LockedError):
        Decision.objects.create(item=entry, position=2, text="An extra decision")
    with pytest.raises(LockedError):
        decision.delete()


def test_approved_minutes_refuse_changes_to_declarations_and_actions_too(world, two_meetings):
    first, _, approval = two_meetings
    minutes = minutes_for(first)
    entry = minutes.items.all()[0]
    action = Action.objects.create(item=entry, text="Draft a plan.", owner_role="Officers")
    declaration = Declaration.objects.create(
        item=entry.agenda_item,
        membership=Membership.objects.get(person__user=world.member, term=world.term),
        kind=InterestKind.NON_REGISTRABLE,
        description="A friend works for a bidder.",
    )
    approve_minutes(minutes, approval)

    declaration.description = "Rewritten later"
    with pytest.raises(LockedError):
        declaration.save()
    with pytest.raises(LockedError):
        declaration.delete()
    action.text = "Rewritten later"
    with pytest.raises(LockedError):
        action.save()
    with pytest.raises(LockedError):
        Action.objects.create(item=entry, text="A new action.", owner_role="Officers")
    action.refresh_from_db()
    with pytest.raises(LockedError):
        action.delete()
    # The action log goes on after approval: an action is closed with where it was reported.
    action.done_on = approval.meeting.date
    action.closed_reference = "Reported at item 1 of the next meeting"
    action.save()
    action.refresh_from_db()
    assert action.text == "Draft a plan." and action.done_on == approval.meeting.date


def test_minutes_are_approved_only_at_a_later_meeting_of_the_board(world, two_meetings):
    first, second, _ = two_meetings
    earlier_item = add_item(first, title="Note", kind=AgendaItemKind.NOTE_OF_LAST_MEETING)
    with pytest.raises(ValidationError):
        approve_minutes(minutes_for(first), earlier_item)
    plain = add_item(second, title="Any other business")
    with pytest.raises(ValidationError):
        approve_minutes(minutes_for(first), plain)


def test_confidential_decisions_are_released_by_a_recorded_act_even_after_approval(
    two_meetings,
):
    first, second, approval = two_meetings
    minutes = minutes_for(first)
    confidential = minutes.items.get(decisions_confidential=True)
    assert not confidential.decisions_public
    approve_minutes(minutes, approval)
    release_decisions(confidential, approval)
    confidential.refresh_from_db()
    assert confidential.decisions_public
    assert confidential.released_on == second.date


def test_a_member_sends_apologies_and_the_clerk_and_group_office_are_told(world):
    meeting = make_meeting(world.board, world.term)
    attendance = send_apologies(world.member, meeting, substitute_sent=True)
    assert attendance.status == AttendanceStatus.APOLOGIES
    (message,) = mail.outbox
    assert set(message.to) == {"clerk@example.org", "conservative@example.org"}
    assert "A substitute will attend." in message.body


def test_only_members_of_the_board_send_apologies(world):
    meeting = make_meeting(world.board, world.term)
    for user in (world.member_of_another_board, world.officer, world.former_member):
        with pytest.raises(PermissionDenied):
            send_apologies(user, meeting)
    assert not mail.outbox


def test_a_substitute_takes_the_place_of_a_member_of_their_own_group_only(world):
    meeting = make_meeting(world.board, world.term)
    member = Membership.objects.get(person__user=world.member, term=world.term)
    labour_sub = appoint(
        make_person(world.organisation),
        world.board,
        world.term,
        world.labour,
        MembershipRole.SUBSTITUTE,
    )
    wrong = Attendance(
        meeting=meeting,
        membership=labour_sub,
        status=AttendanceStatus.SUBSTITUTE,
        substitute_for=member,
    )
    with pytest.raises(ValidationError) as error:
        wrong.full_clean()
    assert "own group" in error.value.message_dict["substitute_for"][0]


def test_a_dispensation_lasts_at_most_four_years(world):
    meeting = make_meeting(world.board, world.term)
    item = add_item(meeting, title="Planning application")
    member = Membership.objects.get(person__user=world.member, term=world.term)
    declaration = Declaration(
        item=item,
        membership=member,
        kind=InterestKind.DISCLOSABLE_PECUNIARY,
        description="Owns land next to the site",
        dispensation_granted_on=dt.date(2024, 1, 1),
        dispensation_expires_on=dt.date(2029, 1, 1),
        dispensation_grounds="Ward member",
    )
    with pytest.raises(ValidationError) as error:
        declaration.full_clean()
    assert "four years" in error.value.message_dict["dispensation_expires_on"][0]


def test_a_member_who_leaves_for_a_pecuniary_interest_is_excluded_from_the_item(world):
    meeting = make_meeting(world.board, world.term)
    item = add_item(meeting, title="Planning application")
    member = Membership.objects.get(person__user=world.member, term=world.term)
    declaration = Declaration.objects.create(
        item=item,
        membership=member,
        kind=InterestKind.DISCLOSABLE_PECUNIARY,
        description="Owns land next to the site",
        left_the_room=True,
    )
    assert declaration.excludes_from_item
    declaration.kind = InterestKind.OTHER_REGISTRABLE
    assert not declaration.excludes_from_item


def test_an_action_needs_an_owner_and_one_kind_of_due(two_meetings):
    first, _, _ = two_meetings
    entry = minutes_for(first).items.all()[0]
    with pytest.raises(ValidationError):
        Action(item=entry, text="Draw up a plan").full_clean()
    with pytest.raises(ValidationError):
        Action(
            item=entry,
            text="Draw up a plan",
            owner_role="Officers",
            due_on=dt.date(2030, 1, 1),
            due_by_next_meeting=True,
        ).full_clean()
