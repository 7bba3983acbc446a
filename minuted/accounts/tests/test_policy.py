"""The visibility policy, asked for every named role against every action of this issue.

The expected answers come from one table, so adding a role or an action extends the matrix."""

from __future__ import annotations

import pytest

from minuted.accounts.policy import PROGRAMME_ACTIONS, Action, is_clerk_of, is_member_of, may
from minuted.testing import appoint, make_person, make_user

ROLES = (
    "administrator",
    "clerk",
    "clerk_of_another_board",
    "member",
    "member_of_another_board",
    "former_member",
    "officer",
    "anonymous",
)

# action -> the roles allowed it on `world.board` (EDIT_REGISTER: on the register of another
# member of the board, who has no account of their own)
ALLOWED = {
    Action.VIEW_PUBLIC: set(ROLES),
    Action.VIEW_EXEMPT: {"administrator", "clerk", "member"},
    Action.MANAGE_BOARD: {"administrator", "clerk"},
    Action.PUBLISH_PACK: {"administrator", "clerk"},
    # Without a report: only clerks. The author's right is tested below.
    Action.EDIT_REPORT: {"administrator", "clerk"},
    Action.TAKE_ATTENDANCE: {"administrator", "clerk"},
    Action.EDIT_MINUTES: {"administrator", "clerk"},
    Action.APPROVE_MINUTES: {"administrator", "clerk"},
    Action.RELEASE_DECISION: {"administrator", "clerk"},
    Action.MANAGE_MEMBERSHIPS: {"administrator", "clerk"},
    Action.EDIT_REGISTER: {"administrator", "clerk"},
    Action.MANAGE_ORGANISATION: {"administrator"},
    # The write API is the clerks': a token is for a board its owner clerks (docs/api.md).
    Action.CREATE_API_TOKEN: {"administrator", "clerk"},
    # On a programme the board oversees that is not public, whose one output has the officer
    # as its lead, and which has no manager among these roles (a manager's rights are tested
    # in minuted/programme/tests).
    Action.VIEW_PROGRAMME: {"administrator", "clerk", "member"},
    Action.WORK_ON_PROGRAMME: {"administrator", "clerk", "officer"},
    Action.MANAGE_PROGRAMME: {"administrator"},
    Action.ENTER_RETURN: {"administrator", "officer"},
}


@pytest.fixture
def output(world):
    """The one output of a private programme overseen by the board, led by the officer."""
    from minuted.programme.models import Output, Programme, Theme

    programme = Programme.objects.create(
        organisation=world.organisation,
        board=world.board,
        name="Improvement programme",
        slug="improvement",
        start_date=world.term.start_date,
        end_date=world.term.end_date,
        is_public=False,
    )
    theme = Theme.objects.create(programme=programme, name="Peer challenge")
    return Output.objects.create(
        programme=programme, theme=theme, description="Peer challenges", officer_lead=world.officer
    )


@pytest.fixture
def colleague(world):
    person = make_person(world.organisation)
    appoint(person, world.board, world.term, world.labour)
    return person


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(Action))
def test_each_role_may_do_exactly_what_the_table_allows(world, colleague, output, role, action):
    user = getattr(world, role)
    if action is Action.ENTER_RETURN:
        answer = may(user, action, output=output)
    elif action in PROGRAMME_ACTIONS:
        answer = may(user, action, programme=output.programme)
    elif action is Action.EDIT_REGISTER:
        answer = may(user, action, person=colleague)
    elif action is Action.MANAGE_ORGANISATION:
        answer = may(user, action)
    else:
        answer = may(user, action, world.board)
    assert answer is (role in ALLOWED[action])


def test_every_action_has_a_row_in_the_table():
    assert set(ALLOWED) == set(Action)


def test_a_member_of_another_board_may_see_exempt_papers_of_their_own_board(world):
    assert may(world.member_of_another_board, Action.VIEW_EXEMPT, world.other_board)


def test_a_former_member_could_see_exempt_papers_while_their_membership_held(world):
    during_last_term = world.last_term.start_date
    assert is_member_of(world.former_member, world.board, on=during_last_term)
    assert not is_member_of(world.former_member, world.board)


def test_a_deactivated_clerk_loses_the_board(world):
    world.clerk.is_active = False
    world.clerk.save()
    assert not is_clerk_of(world.clerk, world.board)
    assert not may(world.clerk, Action.MANAGE_BOARD, world.board)


def test_a_user_named_as_clerk_without_the_clerk_role_is_not_a_clerk(world):
    # The clerk role and the board assignment are both needed.
    world.board.clerks.add(world.officer)
    assert not may(world.officer, Action.MANAGE_BOARD, world.board)


def test_a_board_action_asked_without_a_board_is_a_programming_error(world):
    with pytest.raises(ValueError, match="asked of a board"):
        may(world.clerk, Action.VIEW_EXEMPT)


def test_the_officer_who_wrote_a_report_may_edit_it_and_another_officer_may_not(world):
    class Written:  # a report is anything with an author_id
        author_id = world.officer.pk

    other = make_user("other-officer@example.org", "officer")
    assert may(world.officer, Action.EDIT_REPORT, world.board, report=Written())
    assert not may(other, Action.EDIT_REPORT, world.board, report=Written())
    assert not may(world.member, Action.EDIT_REPORT, world.board, report=Written())


def test_an_unknown_action_is_refused_loudly_not_answered_no(world):
    # A plain string, even one spelt like an action, is a programming error.
    for wrong in ("manage memberships", Action.MANAGE_MEMBERSHIPS.value, None):
        with pytest.raises(ValueError, match="No rule"):
            may(world.administrator, wrong, world.board)  # type: ignore[arg-type]


def test_a_register_asked_without_a_person_is_a_programming_error(world):
    with pytest.raises(ValueError, match="asked of a person"):
        may(world.administrator, Action.EDIT_REGISTER)


def test_a_member_may_edit_their_own_register_and_not_a_colleagues(world, colleague):
    assert may(world.member, Action.EDIT_REGISTER, person=world.member.person)
    assert not may(world.member, Action.EDIT_REGISTER, person=colleague)


def test_a_clerk_keeps_the_register_of_a_former_member_of_their_board(world):
    # The former member sat on the board last term: their register's history stays reachable.
    assert may(world.clerk, Action.EDIT_REGISTER, person=world.former_member.person)
    assert not may(world.clerk_of_another_board, Action.EDIT_REGISTER, person=world.member.person)


def test_a_deactivated_member_may_no_longer_edit_their_own_register(world):
    world.member.is_active = False
    world.member.save()
    assert not may(world.member, Action.EDIT_REGISTER, person=world.member.person)


@pytest.mark.parametrize(
    "action",
    [
        Action.TAKE_ATTENDANCE,
        Action.EDIT_MINUTES,
        Action.APPROVE_MINUTES,
        Action.RELEASE_DECISION,
        Action.MANAGE_MEMBERSHIPS,
    ],
)
def test_a_clerk_of_another_board_may_do_the_clerks_jobs_on_their_own_board_only(world, action):
    assert may(world.clerk_of_another_board, action, world.other_board)
    assert not may(world.clerk_of_another_board, action, world.board)


def test_a_public_programme_is_seen_by_everyone_and_a_question_needs_its_programme(world, output):
    output.programme.is_public = True
    assert may(world.anonymous, Action.VIEW_PROGRAMME, programme=output.programme)
    with pytest.raises(ValueError, match="asked of a programme"):
        may(world.clerk, Action.VIEW_PROGRAMME)
    with pytest.raises(ValueError, match="asked of an output"):
        may(world.clerk, Action.ENTER_RETURN, programme=output.programme)
