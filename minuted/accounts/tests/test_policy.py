"""The visibility policy, asked for every named role against every action of this issue.

The expected answers come from one table, so adding a role or an action extends the matrix."""

from __future__ import annotations

import pytest

from minuted.accounts.policy import Action, is_clerk_of, is_member_of, may

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

# action -> the roles allowed it on `world.board`
ALLOWED = {
    Action.VIEW_PUBLIC: set(ROLES),
    Action.VIEW_EXEMPT: {"administrator", "clerk", "member"},
    Action.MANAGE_BOARD: {"administrator", "clerk"},
    Action.PUBLISH_PACK: {"administrator", "clerk"},
    # Without a report: only clerks. The author's right is tested below.
    Action.EDIT_REPORT: {"administrator", "clerk"},
    Action.MANAGE_ORGANISATION: {"administrator"},
    # The write API is the clerks': a token is for a board its owner clerks (docs/api.md).
    Action.CREATE_API_TOKEN: {"administrator", "clerk"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(Action))
def test_each_role_may_do_exactly_what_the_table_allows(world, role, action):
    user = getattr(world, role)
    board = None if action is Action.MANAGE_ORGANISATION else world.board
    assert may(user, action, board) is (role in ALLOWED[action])


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
    from minuted.testing import make_user

    class Written:  # a report is anything with an author_id
        author_id = world.officer.pk

    other = make_user("other-officer@example.org", "officer")
    assert may(world.officer, Action.EDIT_REPORT, world.board, report=Written())
    assert not may(other, Action.EDIT_REPORT, world.board, report=Written())
    assert not may(world.member, Action.EDIT_REPORT, world.board, report=Written())
