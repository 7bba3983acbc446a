"""The demonstration programmes and improvement activity, as the 29 October 2019 pack prints
them (item 5, paragraphs 4-16; item 6, paragraph 7; item 9)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from minuted.demo.tests.test_demo_record import OCTOBER, demo  # noqa: F401 - the fixture
from minuted.meetings.models import Meeting
from minuted.papers.models import Report
from minuted.programme.activity import compile_into, grouped
from minuted.programme.dashboard import build
from minuted.programme.models import ImprovementActivity, Programme
from minuted.programme.rules.status import Status
from minuted.programme.services import kpi_results

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(demo: Any) -> Programme:  # noqa: F811
    return Programme.objects.get(slug="sli-2019-20")


def test_the_2019_20_programme_is_the_mou_with_its_grant_blocks_and_themes(programme):
    assert programme.grant_amount == Decimal("19200000")
    assert programme.agreement == "Memorandum of understanding"
    blocks = programme.themes.filter(kind="building block").values_list("name", flat=True)
    assert list(blocks) == [
        "Peer challenge",
        "Leadership development programmes",
        "Efficiency and productivity support",
        "Tools to share comparative performance data",
        "Sharing good and innovative practice",
    ]
    leads = {t.name: t.lead_member.slug for t in programme.themes.filter(kind="priority")}
    assert leads == {
        "Improvement (including peer challenge) and Innovation": "peter-fleming",
        "Leadership": "judi-billing",
        "Efficiency and productivity": "neil-prior",
        "Sharing best practice and Climate change": "liz-green",
    }


def test_the_targets_and_half_year_actuals_are_those_printed(programme):
    half_year = programme.periods.get(start_date=dt.date(2019, 4, 1))
    results = {r.kpi.description: r for r in kpi_results(programme, half_year)}
    assert results["Peer challenges delivered"].kpi.target == 110
    assert results["Corporate peer challenges delivered"].kpi.target == 70
    assert results["Councils with peer based support"].kpi.target == 150
    assert results["Peer challenges delivered"].total == 58
    assert results["Peer challenges delivered"].status is Status.ON_TRACK  # 58 of 55 due
    assert results["Councillors on leadership programmes"].total == 980
    assert results["Councillors on leadership programmes"].status is Status.EXCEEDED
    climate = [r for r in results.values() if r.kpi.output.reference.startswith("4.")]
    assert len(climate) == 6 and all(r.status is Status.NOT_STARTED for r in climate)


def test_the_dashboard_compares_with_2018_19s_48_of_50(programme, client):
    dashboard = build(programme)
    assert dashboard.previous is not None
    assert dashboard.previous.headline == "48 of 50 targets met or exceeded"
    assert dashboard.rollup.headline == "1 of 10 targets met or exceeded"
    page = client.get(reverse("programme", args=["sli-2019-20"])).content.decode()
    assert "48 of 50 targets met or exceeded" in page and "£19,200,000" in page


def test_the_other_boards_activity_compiles_into_item_9s_sections(demo, db):  # noqa: F811
    meeting = Meeting.objects.get(date=OCTOBER)
    entries = list(ImprovementActivity.objects.filter(meeting=meeting))
    printed = Report.objects.get(agenda_item__meeting=meeting, title__startswith="LGA Boards'")
    boards = [s.heading for s in printed.sections.filter(standard="").exclude(heading="Background")]
    assert [heading for heading, _ in grouped(entries)] == boards
    first = entries[1]
    assert (first.source_board_name, first.programme_area, first.title) == (
        "Community Wellbeing Board",
        "Care and Health Improvement Programme (CHIP)",
        "Care and Health Systems Leadership",
    )

    # Compiled into a new report, the sections come out as item 9 prints them.
    from minuted.testing import make_report

    draft = make_report(printed.agenda_item, "Compiled activity")
    compile_into(draft, entries)
    compiled = list(draft.sections.order_by("position").values_list("heading", flat=True))
    assert compiled == ["Background", *boards]
    chip = draft.sections.get(heading=boards[0]).paragraphs.all()
    assert chip[1].text.startswith("**Care and Health Systems Leadership:** We have held")
