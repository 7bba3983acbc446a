"""In Debian's Chromium: a member keeps their register of interests, a clerk follows up
actions on the workspace and the meeting screen, and a clerk keeps the board's memberships;
each screen passes axe-core's WCAG 2.2 AA rules, errors included."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from minuted.record.models import Action, RegisterEntry
from minuted.record.services import minutes_for
from minuted.staff.tests.conftest import add, make_meeting
from minuted.staff.tests.test_journey_browser import assert_accessible, sign_in, submit
from minuted.testing import make_authority, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_keeps_their_register_of_interests(live_server, page, world):
    base = live_server.url
    sign_in(page, base, world.member.email)
    page.goto(base + reverse("staff:me"))
    page.get_by_role("link", name="Keep your register of interests up to date").click()
    page.wait_for_url(base + reverse("staff:my-interests"))
    assert_accessible(page)

    # Nothing filled in: the errors are summarised and beside the fields.
    submit(page, "Add the interest")
    assert "There is a problem" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)

    page.get_by_label("Land").check()
    page.get_by_label("Description").fill("Home at 4 Elm Road")
    page.get_by_label("Sensitive: withhold the details from the public register").check()
    submit(page, "Add the interest")
    assert "Home at 4 Elm Road" in page.locator("#register").inner_text()
    assert "Sensitive" in page.locator("#register").inner_text()
    assert "Registered" in page.locator("#changes").inner_text()
    assert_accessible(page)

    entry = RegisterEntry.objects.get()
    page.get_by_role("link", name="Change or end “Home at 4 Elm Road”").click()
    page.wait_for_url(base + reverse("staff:my-interest", args=[entry.uid]))
    assert_accessible(page)


def test_a_clerk_follows_up_actions_on_the_workspace_and_the_meeting(live_server, page, world):
    today = timezone.localdate()
    held = make_meeting(world.board, world.term, today - dt.timedelta(days=14))
    add(held, "Communications plan")
    entry = minutes_for(held).items.get()
    Action.objects.create(
        item=entry, text="Write to every council", owner_role="Officers", due_on=today
    )
    upcoming = make_meeting(world.board, world.term, today + dt.timedelta(days=42))
    base = live_server.url
    sign_in(page, base, world.clerk.email)
    assert "Write to every council" in page.locator("main").inner_text()
    assert "Minutes awaiting approval" in page.locator("main").inner_text()
    assert_accessible(page)  # the workspace, with actions and minutes to approve

    page.goto(base + reverse("staff:meeting", args=[upcoming.uid]))
    assert "Write to every council" in page.locator("#matters-arising").inner_text()
    submit(page, "Add a matters arising item")
    assert "Matters arising" in page.locator("#agenda").inner_text()
    assert_accessible(page)

    # The clerk opens a member's register from the workspace.
    page.goto(base + "/manage/")
    page.get_by_text("Registers of interests of the members").click()
    page.get_by_role("link", name=world.member.person.display_name).click()
    page.wait_for_url(base + reverse("staff:interests", args=[world.member.person.slug]))
    assert_accessible(page)


def test_a_clerk_keeps_the_boards_memberships_from_the_workspace(live_server, page, world):
    newcomer = make_person(world.organisation, "Nia", "Newcomer")
    make_authority()
    base = live_server.url
    sign_in(page, base, world.clerk.email)
    page.get_by_role("link", name=f"Memberships of the {world.board.name}").click()
    page.wait_for_url(base + reverse("staff:memberships", args=[world.board.slug]))
    assert world.member.person.display_name in page.locator("#group-conservative").inner_text()
    assert_accessible(page)

    # Nothing chosen: the errors are summarised at the top and printed beside the fields.
    submit(page, "Add membership")
    assert "There is a problem" in page.locator(".govuk-error-summary").inner_text()
    assert "Choose the person." in page.locator("#id_add-person-error").inner_text()
    assert_accessible(page)

    page.get_by_label("Person").select_option(label=newcomer.display_name)
    page.get_by_label("Political group").select_option(label="Labour")
    page.get_by_label("Role").select_option(label="Member")
    page.get_by_label("Authority represented").select_option(label="Sevenoaks District Council")
    submit(page, "Add membership")
    assert newcomer.display_name in page.locator("#group-labour").inner_text()
    assert_accessible(page)

    # Ending one: the form opens beside the membership.
    page.get_by_text(f"End the membership of {newcomer.display_name}").click()
    row = page.locator("tr", has_text=newcomer.display_name)
    row.get_by_label("Last day of the membership").fill(timezone.localdate().isoformat())
    row.get_by_role("button", name="End membership").click()
    page.wait_for_load_state()
    assert "Ended" in page.locator("#group-labour").inner_text()
    assert_accessible(page)
