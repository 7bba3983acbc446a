"""The memberships screen: a board's clerks keep its memberships without the Django admin.

Every rule is the governance model's (Membership.clean); the screen shows its errors beside the
fields, keeps what was typed and saves nothing; every change is in the audit trail; nothing is
ever deleted."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from minuted.audit.models import AuditEntry
from minuted.governance.models import Membership, MembershipRole
from minuted.testing import allocate, appoint, make_authority, make_group, make_person


def text_of(response: Any) -> str:
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split()))


def listed(response: Any) -> str:
    """The memberships listed, without the add form (whose person list names everyone)."""
    return text_of(response).split("Add a membership")[0]


def fmt(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


@pytest.fixture
def url(world):
    return reverse("staff:memberships", args=[world.board.slug])


@pytest.fixture
def clerk(client, world):
    client.force_login(world.clerk)
    return client


@pytest.fixture
def newcomer(world):
    return make_person(world.organisation, "Nia", "Newcomer")


def add(client, url, term, **fields: Any):
    data = {"do": "add", **{f"add-{name}": value for name, value in fields.items()}}
    return client.post(f"{url}?term={term.slug}", data)


def a_member(world, person, **more: Any) -> dict[str, Any]:
    return {
        "person": person.pk,
        "political_group": world.labour.pk,
        "role": MembershipRole.MEMBER,
        "voting_right": "on",
        "authority": make_authority().pk,
        **more,
    }


# --- Who may ---------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_sign_in(client, url):
    assert client.get(url)["Location"].startswith("/sign-in/")


@pytest.mark.parametrize("role", ["member", "officer", "clerk_of_another_board", "former_member"])
def test_anyone_but_the_boards_clerks_and_administrators_is_refused_and_adds_nothing(
    client, world, url, newcomer, role
):
    client.force_login(getattr(world, role))
    assert client.get(url).status_code == 403
    assert add(client, url, world.term, **a_member(world, newcomer)).status_code == 403
    assert not Membership.objects.filter(person=newcomer).exists()


def test_an_administrator_adds_a_membership(client, world, url, newcomer):
    client.force_login(world.administrator)
    response = add(client, url, world.term, **a_member(world, newcomer))
    assert response.status_code == 302
    assert Membership.objects.get(person=newcomer).board == world.board


def test_the_clerks_workspace_links_to_the_memberships_screen(clerk, world, url):
    assert f'href="{url}"' in clerk.get(reverse("staff:workspace")).content.decode()


def test_a_members_workspace_has_no_memberships_link(client, world, url):
    client.force_login(world.member)
    assert url not in client.get(reverse("staff:workspace")).content.decode()


# --- What the screen shows ------------------------------------------------------------------


def test_a_clerk_sees_this_terms_memberships_by_political_group_with_role_and_dates(
    clerk, world, url
):
    chair = make_person(world.organisation, "Carys", "Chair")
    appoint(chair, world.board, world.term, world.labour, MembershipRole.CHAIR)
    response = clerk.get(url)
    assert response.status_code == 200
    page = listed(response)
    assert "This term:" in page
    conservative, labour = page.index("Conservative Group"), page.index("Labour Group")
    assert conservative < page.index(world.member.person.display_name) < labour
    assert labour < page.index("Cllr Carys Chair Chair")
    assert fmt(world.term.start_date) in page and fmt(world.term.end_date) in page
    assert "(8 seats)" in page
    assert world.former_member.person.display_name not in page  # last term only


def test_a_clerk_chooses_an_earlier_term_and_sees_its_members(clerk, world, url):
    page = listed(clerk.get(url, {"term": world.last_term.slug}))
    assert world.former_member.person.display_name in page
    assert world.member.person.display_name not in page


def test_an_unknown_term_is_not_found(clerk, url):
    assert clerk.get(url, {"term": "no-such-term"}).status_code == 404


# --- Adding ----------------------------------------------------------------------------------


def test_a_clerk_adds_a_membership_and_the_change_is_audited(clerk, world, url, newcomer):
    starts = world.term.start_date + dt.timedelta(days=30)
    response = add(
        clerk, url, world.term, **a_member(world, newcomer, start_date=starts.isoformat())
    )
    membership = Membership.objects.get(person=newcomer)
    assert response.status_code == 302
    assert response["Location"] == f"{url}?term={world.term.slug}#membership-{membership.uid}"
    assert (membership.board, membership.term, membership.political_group) == (
        world.board,
        world.term,
        world.labour,
    )
    assert membership.start_date == starts and membership.end_date is None
    entry = AuditEntry.objects.get(action="membership.save", object_uid=str(membership.uid))
    assert entry.who == world.clerk
    assert entry.before is None and entry.after is not None
    assert entry.after["person_id"] == newcomer.pk
    page = text_of(clerk.get(response["Location"]))
    assert "Cllr Nia Newcomer is added to the Improvement and Innovation Board as member" in page
    assert fmt(starts) in page


def _assert_refused_beside(response: Any, field: str, message: str) -> None:
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert f'href="#id_add-{field}"' in html  # the error summary links to the field
    assert f'id="id_add-{field}-error"' in html  # and the message is printed beside it
    assert message in html


def test_a_second_chair_for_the_same_dates_is_refused_beside_the_role(clerk, world, url, newcomer):
    sitting = make_person(world.organisation, "Carys", "Chair")
    appoint(sitting, world.board, world.term, world.labour, MembershipRole.CHAIR)
    response = add(clerk, url, world.term, **a_member(world, newcomer, role="chair"))
    _assert_refused_beside(response, "role", "Cllr Carys Chair is already the chair")
    # what was typed is kept
    assert re.search(r'<option value="chair" selected>', response.content.decode())
    assert f'<option value="{newcomer.pk}" selected>' in response.content.decode()
    assert not Membership.objects.filter(person=newcomer).exists()
    assert not AuditEntry.objects.filter(action="membership.save", who=world.clerk).exists()


def test_a_person_already_on_the_board_for_those_dates_is_refused_beside_the_person(
    clerk, world, url
):
    person = world.member.person
    response = add(clerk, url, world.term, **a_member(world, person))
    _assert_refused_beside(response, "person", "already has a membership of this board")
    assert Membership.objects.filter(person=person, board=world.board).count() == 1


def test_a_substitute_without_a_political_group_is_refused(clerk, world, url, newcomer):
    fields = a_member(world, newcomer, role="substitute", political_group="")
    response = add(clerk, url, world.term, **fields)
    _assert_refused_beside(
        response, "political_group", "A substitute must belong to a political group."
    )
    assert not Membership.objects.filter(person=newcomer).exists()


def test_a_membership_over_the_groups_allocation_is_refused(clerk, world, url, newcomer):
    greens = make_group(world.organisation, "Green", 2)
    allocate(world.board, world.term, greens, 1)
    appoint(make_person(world.organisation), world.board, world.term, greens)
    response = add(clerk, url, world.term, **a_member(world, newcomer, political_group=greens.pk))
    _assert_refused_beside(response, "political_group", "holds 1 seats on this board")
    assert not Membership.objects.filter(person=newcomer).exists()


def test_an_observer_with_a_vote_is_refused_beside_the_vote(clerk, world, url, newcomer):
    response = add(clerk, url, world.term, **a_member(world, newcomer, role="observer"))
    _assert_refused_beside(response, "voting_right", "Observers attend without a vote.")


def test_a_start_outside_the_term_and_an_unreal_date_are_refused_and_kept(
    clerk, world, url, newcomer
):
    before = world.term.start_date - dt.timedelta(days=1)
    fields = a_member(world, newcomer, start_date=before.isoformat(), end_date="31/02/2026")
    response = add(clerk, url, world.term, **fields)
    _assert_refused_beside(response, "end_date", "Enter a real date, for example")
    assert 'value="31/02/2026"' in response.content.decode()
    # The form's own errors come first; the model's rule on the start is shown once they are
    # put right.
    fields["end_date"] = ""
    response = add(clerk, url, world.term, **fields)
    _assert_refused_beside(response, "start_date", "The membership must start within This term.")
    assert f'value="{before.isoformat()}"' in response.content.decode()
    assert not Membership.objects.filter(person=newcomer).exists()


def test_a_membership_with_no_person_role_or_authority_says_what_is_missing(clerk, world, url):
    response = add(clerk, url, world.term, voting_right="on")
    _assert_refused_beside(response, "person", "Choose the person.")
    assert "Choose the role." in response.content.decode()


def test_a_member_of_no_council_and_no_body_is_refused_beside_the_authority(
    clerk, world, url, newcomer
):
    response = add(clerk, url, world.term, **a_member(world, newcomer, authority=""))
    _assert_refused_beside(response, "authority", "Give the authority the member represents")


def test_someone_of_another_organisation_cannot_be_chosen(clerk, world, url):
    from minuted.testing import make_organisation

    stranger = make_person(make_organisation("other", "Another body"))
    response = add(clerk, url, world.term, **a_member(world, stranger))
    _assert_refused_beside(response, "person", "Choose the person.")


# --- Ending (never deleting) ----------------------------------------------------------------


def end(client, url, term, membership, day: str):
    return client.post(
        f"{url}?term={term.slug}",
        {"do": "end", "membership": membership.uid, f"end-{membership.uid}-end_date": day},
    )


@pytest.fixture
def colleague(world):
    person = make_person(world.organisation, "Cai", "Colleague")
    return appoint(person, world.board, world.term, world.labour)


def test_a_clerk_ends_a_membership_which_stays_as_history_and_is_audited(
    clerk, world, url, colleague
):
    last_day = timezone.localdate()
    response = end(clerk, url, world.term, colleague, last_day.isoformat())
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.end_date == last_day
    assert Membership.objects.filter(pk=colleague.pk).exists()  # ended, never deleted
    entry = AuditEntry.objects.get(action="membership.save", who=world.clerk)
    assert entry.who == world.clerk
    assert entry.before == {"end_date": None} and entry.after == {"end_date": str(last_day)}
    page = clerk.get(response["Location"])
    text = text_of(page)
    assert f"Cllr Cai Colleague's membership ends on {last_day.day} {last_day:%B %Y}" in text
    assert "Ended" in text
    assert f'id="end-{colleague.uid}"' not in page.content.decode()  # no second ending


def test_an_end_before_the_membership_starts_is_refused_beside_the_date(
    clerk, world, url, colleague
):
    too_early = world.term.start_date - dt.timedelta(days=1)
    response = end(clerk, url, world.term, colleague, too_early.isoformat())
    assert response.status_code == 400
    html = response.content.decode()
    assert f'href="#id_end-{colleague.uid}-end_date"' in html
    assert f'id="id_end-{colleague.uid}-end_date-error"' in html
    assert "The membership must end within This term." in html
    assert f'value="{too_early.isoformat()}"' in html
    colleague.refresh_from_db()
    assert colleague.end_date is None


def test_an_end_with_no_date_says_so(clerk, world, url, colleague):
    response = end(clerk, url, world.term, colleague, "")
    assert response.status_code == 400
    assert "Enter the last day of the membership." in response.content.decode()


def test_a_membership_of_another_board_cannot_be_ended_from_this_one(clerk, world, url):
    elsewhere = world.member_of_another_board.person.memberships.get()
    response = end(clerk, url, world.term, elsewhere, timezone.localdate().isoformat())
    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.end_date is None
