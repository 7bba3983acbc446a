"""The programme tables boards put in reports, and their freezing into a published pack."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from minuted.meetings.models import AgendaItemKind
from minuted.meetings.services import add_item
from minuted.papers.models import PackVersion, ReportRevision
from minuted.papers.publishing import publish_pack
from minuted.programme.models import Kpi, Output
from minuted.programme.services import draft_return, save_return, sign_off, submit_return
from minuted.programme.tables import (
    Shape,
    delivered_table,
    embed_table,
    planned_table,
    refresh_embedded_tables,
)
from minuted.programme.tests.test_returns import Scene
from minuted.testing import make_meeting, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(world: Any) -> Scene:
    return Scene(world)


def test_the_planned_table_lists_every_output_with_its_timeframe_and_kpi_targets(scene):
    table = planned_table(scene.programme)
    assert table.header == ["Output", "Timeframe", "KPI targets"]
    assert table.rows == [
        [
            "1.1 Peer challenges",
            "Ongoing",
            f"At least 110 peer challenges; Delivered by {scene.hub.due_date:%-d %B %Y}",
        ]
    ]


def test_the_delivered_table_lists_outputs_whose_kpis_are_all_met_and_when(scene):
    scene.signed_return(0, "60")
    scene.signed_return(1, "55", hub="yes")  # 115 of 110, and the hub: both met in quarter 2
    assert delivered_table(scene.programme, scene.periods[0]).rows == []
    table = delivered_table(scene.programme, scene.periods[2])
    assert table.header == ["Output", "When delivered", "KPIs met"]
    assert table.rows == [
        [
            "1.1 Peer challenges",
            scene.periods[1].name,
            "Peer challenges delivered: 115 against a target of at least 110 peer challenges "
            "(exceeded); Online hub launched: met",
        ]
    ]


def test_an_embedded_table_is_frozen_into_the_published_pack(scene):
    meeting = make_meeting(scene.world.board, scene.world.term)
    item = add_item(meeting, title="Priorities and work programme", kind=AgendaItemKind.REPORT)
    report = make_report(item, "Priorities and work programme", author=scene.world.officer)
    section = report.sections.get()
    embed_table(section, scene.programme, Shape.PLANNED, user=scene.world.clerk)
    version = publish_pack(meeting, scene.world.clerk)
    # As stored (PostgreSQL's jsonb orders keys its own way), compared key-order free.
    published = json.dumps(PackVersion.objects.get(pk=version.pk).members_document, sort_keys=True)
    assert "At least 110 peer challenges" in published

    # The programme changes after publication: the pack and the report stay as they were.
    Kpi.objects.filter(pk=scene.peer.pk).update(target=Decimal(120))
    Output.objects.filter(pk=scene.output.pk).update(description="Peer challenges, revised")
    version = PackVersion.objects.get(pk=version.pk)
    assert json.dumps(version.members_document, sort_keys=True) == published
    assert "At least 110" in json.dumps(section.paragraphs.last().table)

    # Refreshing the table in the published report is a revision, and needs a reason.
    with pytest.raises(ValidationError, match="say why it is changing"):
        refresh_embedded_tables(report, user=scene.world.clerk)
    assert "At least 110" in json.dumps(section.paragraphs.last().table)  # rolled back
    assert refresh_embedded_tables(report, user=scene.world.clerk, reason="Targets agreed") == 1
    assert "At least 120" in json.dumps(section.paragraphs.last().table)
    assert ReportRevision.objects.get(report=report).reason == "Targets agreed"
    again = PackVersion.objects.get(pk=version.pk).members_document
    assert json.dumps(again, sort_keys=True) == published


def test_a_delivered_table_needs_a_period(scene):
    meeting = make_meeting(scene.world.board, scene.world.term)
    item = add_item(meeting, title="Programme", kind=AgendaItemKind.REPORT)
    section = make_report(item, "Programme").sections.get()
    with pytest.raises(ValidationError, match="Choose the reporting period"):
        embed_table(section, scene.programme, Shape.DELIVERED, user=scene.world.clerk)
    assert section.paragraphs.count() == 2


def test_draft_returns_do_not_reach_a_table(scene):
    record = draft_return(scene.output, scene.periods[0], scene.world.officer)
    save_return(
        record,
        commentary="",
        evidence="",
        actuals={scene.peer.pk: "200", scene.hub.pk: "yes"},
        user=scene.world.officer,
    )
    submit_return(record)
    assert delivered_table(scene.programme, scene.periods[0]).rows == []
    sign_off(record, scene.manager)
    assert len(delivered_table(scene.programme, scene.periods[0]).rows) == 1


def test_embedded_charts_reach_the_html_and_the_tagged_pdf_with_their_data_tables(scene):
    from pypdf import PdfReader

    from minuted.rendering.html import blocks_html

    scene.signed_return(0, "30")
    meeting = make_meeting(scene.world.board, scene.world.term)
    item = add_item(meeting, title="Improvement programme", kind=AgendaItemKind.REPORT)
    report = make_report(item, "Improvement programme", author=scene.world.officer)
    section = report.sections.get()
    period = scene.periods[0]
    embed_table(section, scene.programme, Shape.THEMES_CHART, period, user=scene.world.clerk)
    embed_table(
        section, scene.programme, Shape.KPI_CHART, period, kpi=scene.peer, user=scene.world.clerk
    )
    with pytest.raises(ValidationError, match="Choose a cumulative KPI"):
        embed_table(
            section, scene.programme, Shape.KPI_CHART, period, kpi=scene.hub, user=scene.world.clerk
        )
    version = publish_pack(meeting, scene.world.clerk)

    blocks = [
        b
        for r in version.public_document["reports"]
        for s in r["sections"]
        for p in s["paragraphs"]
        for b in p["blocks"]
    ]
    kinds = [b["type"] for b in blocks if b["type"] in ("chart", "table")]
    assert kinds == ["chart", "table", "chart", "table"]  # each chart, then its data table
    html = blocks_html(blocks)
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 2
    assert html.count('role="img"') == 2 and "Actual to date" in html
    pdf = PdfReader(version.public_pdf.open("rb"))
    assert "/StructTreeRoot" in pdf.trailer["/Root"]  # type: ignore[operator]
    raw = version.public_pdf.open("rb").read()
    assert b"/Figure" in raw  # tagged as figures, with the chart titles as alternative text
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Status of targets by theme" in text and "Due by then" in text
