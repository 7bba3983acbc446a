"""The programme dashboard at /programmes/<programme>/: the roll-up from signed-off returns,
themes, trend, charts with their data tables, and who may see it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from minuted.programme.charts import kpi_chart, status_chart
from minuted.programme.models import Programme
from minuted.programme.rules.rollup import rollup
from minuted.programme.rules.status import Status
from minuted.programme.services import draft_return, save_return, submit_return
from minuted.programme.tests.test_returns import Scene

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(world: Any) -> Scene:
    return Scene(world)


def page(client: Client, programme: Programme) -> str:
    response = client.get(reverse("programme", args=[programme.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_an_anonymous_visitor_sees_the_rollup_from_signed_off_returns_only(scene, client):
    scene.signed_return(0, "30")
    scene.signed_return(1, "28", hub="yes")
    draft = draft_return(scene.output, scene.periods[2], scene.world.officer)
    save_return(
        draft,
        commentary="DRAFT-COMMENTARY not yet signed off",
        evidence="",
        actuals={scene.peer.pk: "500"},
        user=scene.world.officer,
    )
    submit_return(draft)
    html = page(client, scene.programme)
    assert "1 of 2 targets met or exceeded" in html  # the hub met, peer challenges on track
    assert scene.periods[1].name in html
    assert "DRAFT-COMMENTARY" not in html and "500" not in html
    assert "Progress is good." in html  # a signed-off return's commentary


def test_every_chart_on_the_dashboard_has_its_data_table(scene, client):
    scene.signed_return(0, "30")
    html = page(client, scene.programme)
    assert html.count("<svg") == 2  # the themes chart and the peer challenge KPI chart
    assert html.count('role="img"') == 2
    assert "Status of targets by theme" in html
    assert "<caption" in html and "Actual to date" in html


def test_a_programme_that_is_not_public_is_shown_only_to_those_who_may_see_the_board(scene, client):
    Programme.objects.filter(pk=scene.programme.pk).update(is_public=False)
    url = reverse("programme", args=[scene.programme.slug])
    assert client.get(url).status_code == 404
    client.force_login(scene.world.member_of_another_board)
    assert client.get(url).status_code == 404
    for allowed in (scene.world.member, scene.world.clerk, scene.manager):
        client.force_login(allowed)
        assert client.get(url).status_code == 200


def test_chart_labels_are_escaped_and_the_table_holds_every_figure():
    counts = rollup([Status.MET, Status.AT_RISK, Status.AT_RISK])
    chart = status_chart("t", "Themes <script>", [("Climate & <b>change</b>", counts)])
    assert "<script>" not in chart.svg and "&lt;b&gt;" in chart.svg
    assert chart.table.rows == [["Climate & <b>change</b>", "0", "1", "0", "2", "0", "0", "1 of 3"]]

    kpi = kpi_chart(
        "k",
        "Peer challenges",
        ["Q1", "Q2"],
        [Decimal(30), None],
        [Decimal(27), Decimal(55)],
        Decimal(110),
    )
    assert kpi.table.rows == [["Q1", "30", "27", "110"], ["Q2", "–", "55", "110"]]
    assert kpi.svg.count("<rect") == 2  # one bar (Q2 has no actual) and the legend's key


def test_the_board_page_and_sitemap_link_a_public_programme_and_the_workspace_its_screen(
    scene, client
):
    board = client.get(reverse("board", args=[scene.world.board.slug])).content.decode()
    dashboard = reverse("programme", args=[scene.programme.slug])
    assert dashboard in board
    assert dashboard in client.get(reverse("sitemap")).content.decode()
    client.force_login(scene.manager)
    workspace = client.get(reverse("staff:workspace")).content.decode()
    assert reverse("staff:programme", args=[scene.programme.uid]) in workspace
    Programme.objects.filter(pk=scene.programme.pk).update(is_public=False)
    client.logout()
    assert (
        dashboard
        not in client.get(reverse("board", args=[scene.world.board.slug])).content.decode()
    )
    assert dashboard not in client.get(reverse("sitemap")).content.decode()


def test_the_dashboard_offers_the_outputs_and_signed_off_actuals_as_csv(scene, client):
    from minuted.programme.services import draft_return, save_return

    scene.signed_return(0, "30")
    draft = draft_return(scene.output, scene.periods[1], scene.world.officer)
    save_return(
        draft, commentary="", evidence="", actuals={scene.peer.pk: "77"}, user=scene.world.officer
    )
    outputs = client.get(reverse("programme-csv", args=[scene.programme.slug, "outputs"]))
    assert outputs["Content-Type"] == "text/csv; charset=utf-8"
    assert "Peer challenges delivered,quantitative,110" in outputs.content.decode()
    actuals = client.get(reverse("programme-csv", args=[scene.programme.slug, "actuals"]))
    assert ",30\n" in actuals.content.decode() and "77" not in actuals.content.decode()
    Programme.objects.filter(pk=scene.programme.pk).update(is_public=False)
    assert (
        client.get(reverse("programme-csv", args=[scene.programme.slug, "outputs"])).status_code
        == 404
    )
