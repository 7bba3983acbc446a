"""The permissions matrix of issue 6: every role against every action, from one table.

Each cell is its own test case, asserted twice: through the policy that decides it
(``minuted.accounts.policy.may``, each row with the action of its own), and through the real
HTTP surface where one exists (a staff screen or a public page). Adding a role is a new entry
in ROLES and a letter in each row; adding an action is a new row in MATRIX.

On the HTTP side an allowed user gets the action's own answer (200, or a 302 that did the
thing); a refused, signed-in user gets 403; an anonymous visitor is sent to sign in.
docs/security.md "Permissions" prints the table.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from minuted.accounts.models import Role
from minuted.accounts.policy import Action, may
from minuted.api.models import ApiToken
from minuted.api.tokens import user_for_token
from minuted.governance.models import Membership, MembershipRole
from minuted.meetings.models import AgendaItemKind
from minuted.meetings.services import add_item
from minuted.papers.models import PackVersion, ReportStatus
from minuted.papers.publishing import publish_pack
from minuted.record.models import Decision, MinuteItem
from minuted.record.services import approve_minutes, minutes_for
from minuted.testing import (
    appoint,
    make_authority,
    make_meeting,
    make_person,
    make_report,
    make_user,
)

SECRET = "The bid from Acme Holdings is 4.2 million pounds"

# The roles, in the order of the letters in each row of MATRIX.
ROLES = (
    "administrator",
    "clerk",  # clerk of this board
    "clerk_of_another_board",
    "author",  # the officer who wrote the report
    "other_officer",
    "member",  # member of this board
    "member_of_another_board",
    "former_member",  # sat on this board last term, whose term has ended
    "anonymous",
)

# action -> one letter per role in ROLES: Y allowed, n refused.
#                                       adm cl  cl2 aut off mem mm2 fmr anon
MATRIX: dict[str, str] = {
    "view public item": "Y   Y   Y   Y   Y   Y   Y   Y   Y",
    "view exempt paper": "Y   Y   n   n   n   Y   n   n   n",
    "download members' edition": "Y   Y   n   n   n   Y   n   n   n",
    "edit draft report": "Y   Y   n   Y   n   n   n   n   n",
    "publish pack": "Y   Y   n   n   n   n   n   n   n",
    "take attendance": "Y   Y   n   n   n   n   n   n   n",
    "edit minutes": "Y   Y   n   n   n   n   n   n   n",
    "approve minutes": "Y   Y   n   n   n   n   n   n   n",
    "release confidential decision": "Y   Y   n   n   n   n   n   n   n",
    "edit another member's register of interests": "Y   Y   n   n   n   n   n   n   n",
    "manage memberships": "Y   Y   n   n   n   n   n   n   n",
    "create API token": "Y   Y   n   n   n   n   n   n   n",
}


def allowed(action: str, role: str) -> bool:
    letters = MATRIX[action].split()
    assert len(letters) == len(ROLES), f"the row {action!r} needs one letter per role"
    return letters[ROLES.index(role)] == "Y"


# --- The scene every cell is played in ---------------------------------------------------


@dataclass
class Scene:
    world: Any
    meeting: Any  # a meeting of world.board with an exempt report item
    later: Any  # a later meeting whose note of the last meeting approves the minutes
    note: Any
    report: Any  # the exempt report, a draft written by the officer ("author")
    other_officer: Any
    colleague: Any  # another member of the board, with no account: whose register is edited

    def user(self, role: str) -> Any:
        if role == "author":
            return self.world.officer
        if role == "other_officer":
            return self.other_officer
        return getattr(self.world, role)

    def publish(self) -> PackVersion:
        self.report.status = ReportStatus.READY
        self.report.save()
        return publish_pack(self.meeting, self.world.clerk)

    def approve(self) -> Any:
        return approve_minutes(minutes_for(self.meeting), self.note)

    def exempt_minute(self) -> MinuteItem:
        return minutes_for(self.meeting).items.get(agenda_item__exempt=True)

    def staff(self, name: str, **kwargs: Any) -> str:
        return reverse(f"staff:{name}", kwargs={"meeting": self.meeting.uid, **kwargs})

    def public(self, name: str, **kwargs: Any) -> str:
        board, slug = self.world.board.slug, self.meeting.slug
        return reverse(name, kwargs={"board": board, "meeting": slug, **kwargs})


@pytest.fixture
def scene(world: Any) -> Scene:
    meeting = make_meeting(world.board, world.term)
    add_item(meeting, title="Welcome, apologies and declarations of interest")
    exempt_item = add_item(
        meeting,
        title="Procurement of the peer challenge contract",
        kind=AgendaItemKind.REPORT,
        exempt=True,
        exempt_paragraph=3,
        public_interest_reason="Commercially sensitive while the tender is open.",
    )
    report = make_report(
        exempt_item, "Peer challenge contract", text=SECRET, author=world.officer, ready=False
    )
    later = make_meeting(world.board, world.term, meeting.date + dt.timedelta(days=60))
    note = add_item(
        later, title="Note of the last meeting", kind=AgendaItemKind.NOTE_OF_LAST_MEETING
    )
    colleague = make_person(world.organisation)
    appoint(colleague, world.board, world.term, world.labour)
    return Scene(
        world=world,
        meeting=meeting,
        later=later,
        note=note,
        report=report,
        other_officer=make_user("other-officer@example.org", Role.OFFICER),
        colleague=colleague,
    )


# --- How each action is asked of the policy ----------------------------------------------


def _token_issued(scene: Scene, user: Any) -> bool:
    """A token for the board is for its clerks and the administrators (CREATE_API_TOKEN); the
    API then lets it write only to that board, only what the policy lets its owner do."""
    return may(user, Action.CREATE_API_TOKEN, scene.world.board)


Policy = Callable[[Scene, Any], bool]

POLICY: dict[str, Policy] = {
    "view public item": lambda s, u: may(u, Action.VIEW_PUBLIC, s.world.board),
    "view exempt paper": lambda s, u: may(u, Action.VIEW_EXEMPT, s.world.board),
    "download members' edition": lambda s, u: may(u, Action.VIEW_EXEMPT, s.world.board),
    "edit draft report": lambda s, u: may(u, Action.EDIT_REPORT, s.world.board, report=s.report),
    "publish pack": lambda s, u: may(u, Action.PUBLISH_PACK, s.world.board),
    "take attendance": lambda s, u: may(u, Action.TAKE_ATTENDANCE, s.world.board),
    "edit minutes": lambda s, u: may(u, Action.EDIT_MINUTES, s.world.board),
    "approve minutes": lambda s, u: may(u, Action.APPROVE_MINUTES, s.world.board),
    "release confidential decision": lambda s, u: may(u, Action.RELEASE_DECISION, s.world.board),
    "edit another member's register of interests": (
        lambda s, u: may(u, Action.EDIT_REGISTER, person=s.colleague)
    ),
    "manage memberships": lambda s, u: may(u, Action.MANAGE_MEMBERSHIPS, s.world.board),
    "create API token": _token_issued,
}


# --- How each action is tried over HTTP --------------------------------------------------

SIGN_IN = "/sign-in/"


def _public_item(scene: Scene, client: Client) -> tuple[bool, Any]:
    # Once the pack is published the exempt item's title is public; its report is not.
    scene.publish()
    response = client.get(scene.public("meeting"))
    page = response.content.decode()
    ok = response.status_code == 200 and "Procurement of the peer challenge contract" in page
    return ok and SECRET not in page, response


def _exempt_paper(scene: Scene, client: Client) -> tuple[bool, Any]:
    scene.publish()
    paper = f"r{scene.report.pk}"
    response = client.get(scene.public("pack-report", number=1, edition="members", report=paper))
    ok = response.status_code == 200 and SECRET in response.content.decode()
    return ok, response


def _members_pdf(scene: Scene, client: Client) -> tuple[bool, Any]:
    scene.publish()
    response = client.get(scene.public("pack-pdf", number=1, edition="members"))
    ok = response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return ok, response


def _edit_report(scene: Scene, client: Client) -> tuple[bool, Any]:
    response = client.get(reverse("staff:report", kwargs={"report": scene.report.uid}))
    return response.status_code == 200, response


def _publish(scene: Scene, client: Client) -> tuple[bool, Any]:
    # The report is still a draft: an allowed user reaches the publishing rules, which refuse.
    response = client.post(scene.staff("meeting-publish"))
    ok = response.status_code == 200 and "is still a draft" in response.content.decode()
    assert not PackVersion.objects.exists()
    return ok, response


def _attendance(scene: Scene, client: Client) -> tuple[bool, Any]:
    response = client.get(scene.staff("attendance"))
    return response.status_code == 200, response


def _minutes(scene: Scene, client: Client) -> tuple[bool, Any]:
    response = client.get(scene.staff("minutes"))
    return response.status_code == 200, response


def _approve(scene: Scene, client: Client) -> tuple[bool, Any]:
    response = client.post(
        scene.staff("minutes-approve"), {"approve-approved_at_item": str(scene.note.uid)}
    )
    approved = minutes_for(scene.meeting).is_approved
    return response.status_code == 302 and approved, response


def _release(scene: Scene, client: Client) -> tuple[bool, Any]:
    minute = scene.exempt_minute()
    Decision.objects.create(item=minute, position=1, text=SECRET)
    scene.approve()
    response = client.post(
        scene.staff("minutes-release", minute=minute.uid),
        {f"release-{minute.pk}-released_at_item": str(scene.note.uid)},
    )
    released = MinuteItem.objects.get(pk=minute.pk).released_on is not None
    return response.status_code == 302 and released, response


def _register(scene: Scene, client: Client) -> tuple[bool, Any]:
    response = client.get(reverse("staff:interests", kwargs={"person": scene.colleague.slug}))
    return response.status_code == 200, response


def _api_token(scene: Scene, client: Client) -> tuple[bool, Any]:
    board = scene.world.board
    response = client.post(reverse("staff:api-token-new"), {"name": "Matrix", "board": board.uid})
    issued = ApiToken.objects.filter(board=board).first()
    ok = response.status_code == 200 and issued is not None
    return ok and bool(user_for_token(_shown_token(response))), response


def _shown_token(response: Any) -> str:
    found = re.search(r'value="(mtd_[^"]+)"', response.content.decode())
    return found.group(1) if found else ""


def _memberships(scene: Scene, client: Client) -> tuple[bool, Any]:
    # Adds a new person to the board as a Labour member for this term, on the clerk's screen.
    newcomer = make_person(scene.world.organisation, "Nia", "Newcomer")
    url = reverse("staff:memberships", kwargs={"board": scene.world.board.slug})
    response = client.post(
        f"{url}?term={scene.world.term.slug}",
        {
            "do": "add",
            "add-person": newcomer.pk,
            "add-political_group": scene.world.labour.pk,
            "add-role": MembershipRole.MEMBER,
            "add-voting_right": "on",
            "add-authority": make_authority().pk,
        },
    )
    added = Membership.objects.filter(person=newcomer, board=scene.world.board).exists()
    return response.status_code == 302 and added, response


Surface = Callable[[Scene, Client], tuple[bool, Any]]

HTTP: dict[str, Surface] = {
    "view public item": _public_item,
    "view exempt paper": _exempt_paper,
    "download members' edition": _members_pdf,
    "edit draft report": _edit_report,
    "publish pack": _publish,
    "take attendance": _attendance,
    "edit minutes": _minutes,
    "approve minutes": _approve,
    "release confidential decision": _release,
    "edit another member's register of interests": _register,
    "manage memberships": _memberships,
    "create API token": _api_token,
}


def _assert_refused(action: str, role: str, response: Any) -> None:
    if role == "anonymous":
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith(SIGN_IN)
    else:
        assert response.status_code == 403, response.status_code


CELLS = [(role, action) for action in MATRIX for role in ROLES]


def _id(cell: tuple[str, str]) -> str:
    return f"{cell[0]}-{'may' if allowed(cell[1], cell[0]) else 'may not'}-{cell[1]}"


@pytest.mark.parametrize("cell", CELLS, ids=[_id(c) for c in CELLS])
def test_the_policy_answers_each_cell_as_the_table_says(scene, cell):
    role, action = cell
    assert POLICY[action](scene, scene.user(role)) is allowed(action, role)


HTTP_CELLS = [(role, action) for (role, action) in CELLS if action in HTTP]


@pytest.mark.parametrize("cell", HTTP_CELLS, ids=[_id(c) for c in HTTP_CELLS])
def test_the_web_answers_each_cell_as_the_table_says(scene, client, cell):
    role, action = cell
    user = scene.user(role)
    if role != "anonymous":
        client.force_login(user)
    done, response = HTTP[action](scene, client)
    if allowed(action, role):
        assert done, (response.status_code, response.get("Location"))
    else:
        assert not done
        _assert_refused(action, role, response)
        assert SECRET not in response.content.decode(errors="replace")


def test_every_action_is_asked_of_the_policy_and_every_row_has_a_letter_per_role():
    assert set(POLICY) == set(MATRIX)
    assert set(HTTP) <= set(MATRIX)
    for action in MATRIX:
        assert len(MATRIX[action].split()) == len(ROLES), action
