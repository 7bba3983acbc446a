"""Optimistic locking: when two people edit the same minute or report, the second save, made
from a form opened before the first save, is refused with a message naming who saved and
when; the form comes back with the second person's text and the database keeps the first."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from minuted.papers.models import Report
from minuted.record.models import MinuteItem
from minuted.staff.tests.conftest import editor_data
from minuted.staff.tests.test_minutes_screen import held  # noqa: F401


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def name(user) -> str:
    return user.get_full_name() or user.email


def opened_value(page: str, name: str) -> str:
    match = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', page)
    assert match, f"{name} is not on the page"
    return match.group(1)


def minute_post(prefix: str, opened: str, discussion: str) -> dict[str, str]:
    return {
        f"{prefix}-introduced_by": "The Chair",
        f"{prefix}-discussion": discussion,
        f"{prefix}-opened": opened,
    }


def test_a_stale_save_of_a_minute_is_refused_and_keeps_the_text(world, held):  # noqa: F811
    meeting, welcome, _, _ = held
    prefix = f"minute-{welcome.pk}"
    screen = reverse("staff:minutes", args=[meeting.uid])
    save = reverse("staff:minutes-item", args=[meeting.uid, welcome.uid])
    first, second = client_for(world.clerk), client_for(world.administrator)
    first_opened = opened_value(first.get(screen).content.decode(), f"{prefix}-opened")
    second_opened = opened_value(second.get(screen).content.decode(), f"{prefix}-opened")

    saved = first.post(save, minute_post(prefix, first_opened, "- The clerk's words."))
    assert saved.status_code == 302
    refused = second.post(save, minute_post(prefix, second_opened, "- The second words."))

    assert refused.status_code == 409
    page = refused.content.decode()
    assert f"was changed by {name(world.clerk)} at " in page
    assert "after you opened it" in page
    assert "- The second words." in page  # nothing is lost
    welcome.refresh_from_db()
    assert welcome.discussion == "- The clerk's words."
    assert welcome.edited_by == world.clerk


def test_a_fresh_save_of_a_minute_after_reloading_succeeds(world, held):  # noqa: F811
    meeting, welcome, _, _ = held
    prefix = f"minute-{welcome.pk}"
    screen = reverse("staff:minutes", args=[meeting.uid])
    save = reverse("staff:minutes-item", args=[meeting.uid, welcome.uid])
    clerk = client_for(world.clerk)
    for words in ("- First.", "- Second."):
        opened = opened_value(clerk.get(screen).content.decode(), f"{prefix}-opened")
        assert clerk.post(save, minute_post(prefix, opened, words)).status_code == 302
    assert MinuteItem.objects.get(pk=welcome.pk).discussion == "- Second."


def test_a_stale_save_of_a_report_is_refused_and_keeps_the_text(world, report):
    url = reverse("staff:report", args=[report.uid])
    officer, clerk = client_for(world.officer), client_for(world.clerk)
    page = officer.get(url).content.decode()
    officers_form = editor_data(report, **{"report-summary": "The officer's summary."})
    assert officers_form["report-opened"] == opened_value(page, "report-opened")
    clerks_form = editor_data(report, **{"report-summary": "The clerk's summary."})

    assert clerk.post(url, clerks_form).status_code == 302
    refused = officer.post(url, officers_form)

    assert refused.status_code == 409
    page = refused.content.decode()
    assert f"was changed by {name(world.clerk)} at " in page
    assert "after you opened it" in page
    assert "The officer&#x27;s summary." in page or "The officer's summary." in page
    stored = Report.objects.get(pk=report.pk)
    assert stored.summary == "The clerk's summary."
    assert stored.edited_by == world.clerk


@pytest.mark.parametrize("opened", ["not a time", "2001-01-01T00:00:00+00:00"])
def test_a_report_form_with_a_wrong_opened_time_is_refused(world, report, opened):
    url = reverse("staff:report", args=[report.uid])
    form = editor_data(report, **{"report-summary": "Changed.", "report-opened": opened})
    assert client_for(world.officer).post(url, form).status_code == 409
    assert Report.objects.get(pk=report.pk).summary == ""
