"""The programme screens: an officer enters a return, the programme manager signs it off,
imports are all or nothing with row errors shown, and a clerk puts a table in a report."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from minuted.meetings.models import AgendaItemKind
from minuted.meetings.services import add_item
from minuted.programme.exchange import OUTPUT_COLUMNS
from minuted.programme.models import ImprovementActivity, Output, Return, ReturnStatus
from minuted.programme.tests.test_returns import Scene
from minuted.testing import make_meeting, make_report, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(world: Any) -> Scene:
    return Scene(world)


def return_url(scene: Scene, period: int = 0) -> str:
    return reverse(
        "staff:programme-return",
        kwargs={
            "programme": scene.programme.uid,
            "output": scene.output.uid,
            "period": scene.periods[period].uid,
        },
    )


def test_the_officer_lead_enters_a_return_and_the_manager_signs_it_off(scene, client):
    client.force_login(scene.world.officer)
    screen = client.get(reverse("staff:programme", args=[scene.programme.uid]))
    assert screen.status_code == 200 and return_url(scene) in screen.content.decode()
    response = client.post(
        return_url(scene),
        {
            "do": "submit",
            f"kpi-{scene.peer.pk}": "30",
            f"kpi-{scene.hub.pk}": "no",
            "commentary": "Thirty delivered.",
            "evidence": "https://local.gov.uk/peer-challenges",
        },
    )
    assert response.status_code == 302
    record = Return.objects.get()
    assert record.status == ReturnStatus.SUBMITTED
    # The officer cannot sign off their own return.
    assert b"Sign off" not in client.get(return_url(scene)).content
    assert client.post(return_url(scene), {"do": "sign-off"}).status_code == 403

    client.force_login(scene.manager)
    assert (
        b"awaiting your sign-off"
        in client.get(reverse("staff:programme", args=[scene.programme.uid])).content
    )
    assert client.post(return_url(scene), {"do": "sign-off"}).status_code == 302
    record.refresh_from_db()
    assert record.status == ReturnStatus.SIGNED_OFF
    page = client.get(return_url(scene)).content.decode()
    assert "Thirty delivered." in page and 'name="kpi-' not in page  # locked: no form


def test_bad_actuals_come_back_beside_their_fields_and_no_return_is_written(scene, client):
    client.force_login(scene.world.officer)
    response = client.post(
        return_url(scene),
        {"do": "save", f"kpi-{scene.peer.pk}": "thirty", "evidence": "nope", "commentary": "Kept"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "Enter the actual for “Peer challenges delivered” as a number." in page
    assert "Line 1 is not a web address" in page
    assert 'value="thirty"' in page and "Kept</textarea>" in page  # what was typed is kept
    assert not Return.objects.exists()


def test_someone_who_does_not_work_on_the_programme_is_refused(scene, client):
    client.force_login(make_user("other-officer@example.org", "officer"))
    assert client.get(reverse("staff:programme", args=[scene.programme.uid])).status_code == 403
    assert client.get(return_url(scene)).status_code == 403
    client.force_login(scene.world.clerk)  # the board's clerk sees it but enters no return
    assert client.get(return_url(scene)).status_code == 200
    assert client.post(return_url(scene), {"do": "save"}).status_code == 403


def test_an_import_with_errors_lists_them_by_row_and_writes_nothing(scene, client):
    client.force_login(scene.manager)
    bad = (
        ",".join(OUTPUT_COLUMNS)
        + "\nImprovement,9.9,New output,ongoing,,,,A KPI,quantitative,lots,,,,\n"
    )
    response = client.post(
        reverse("staff:programme-import", args=[scene.programme.uid]),
        {"import-what": "outputs", "import-file": SimpleUploadedFile("o.csv", bad.encode())},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was imported" in page and "must be a number, not “lots”" in page
    assert not Output.objects.filter(reference="9.9").exists()
    good = bad.replace("lots", "12")
    response = client.post(
        reverse("staff:programme-import", args=[scene.programme.uid]),
        {"import-what": "outputs", "import-file": SimpleUploadedFile("o.csv", good.encode())},
    )
    assert response.status_code == 302
    assert Output.objects.filter(reference="9.9").exists()


def test_only_managers_import(scene, client):
    client.force_login(scene.world.officer)
    response = client.post(
        reverse("staff:programme-import", args=[scene.programme.uid]),
        {"import-what": "outputs", "import-file": SimpleUploadedFile("o.csv", b"x")},
    )
    assert response.status_code == 403


def test_the_clerk_puts_the_planned_table_in_a_report(scene, client):
    meeting = make_meeting(
        scene.world.board, scene.world.term, timezone.localdate() + dt.timedelta(days=20)
    )
    item = add_item(meeting, title="Work programme", kind=AgendaItemKind.REPORT)
    report = make_report(item, "Work programme")
    client.force_login(scene.world.clerk)
    url = reverse("staff:programme-embed", args=[scene.programme.uid])
    response = client.post(url, {"embed-report": report.pk, "embed-shape": "delivered"})
    assert response.status_code == 400
    assert "Choose the reporting period the table or chart is for." in response.content.decode()
    response = client.post(url, {"embed-report": report.pk, "embed-shape": "planned"})
    assert response.status_code == 302
    table = report.sections.get().paragraphs.last().table
    assert table["header"] == ["Output", "Timeframe", "KPI targets"]
    assert "At least 110 peer challenges" in table["rows"][0][2]


def test_exports_download_as_csv(scene, client):
    scene.signed_return(0, "30")
    client.force_login(scene.manager)
    response = client.get(reverse("staff:programme-export", args=[scene.programme.uid, "actuals"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "1.1,Peer challenges delivered," in response.content.decode()


def test_the_clerk_collects_other_boards_activity_and_compiles_it_into_a_report(scene, client):
    day = timezone.localdate() + dt.timedelta(days=20)
    meeting = make_meeting(scene.world.board, scene.world.term, day)
    item = add_item(meeting, title="LGA Boards' improvement activity", kind=AgendaItemKind.REPORT)
    report = make_report(item, "LGA Boards' improvement activity")
    client.force_login(scene.world.clerk)
    url = reverse("staff:programme-activity", args=[scene.programme.uid])
    entry = {
        "activity-meeting": meeting.pk,
        "activity-source_board_name": "Community Wellbeing Board",
        "activity-programme_area": "Care and Health Improvement Programme (CHIP)",
        "activity-title": "Care and Health Systems Leadership",
        "activity-text": "We have held a number of successful leadership events.",
        "activity-links": "not a link",
    }
    response = client.post(url, entry)
    assert response.status_code == 400
    assert "Line 1 is not a web address" in response.content.decode()
    assert not ImprovementActivity.objects.exists()
    entry["activity-links"] = "https://www.local.gov.uk/chip"
    assert client.post(url, entry).status_code == 302
    second = {**entry, "activity-source_board_name": "Children and Young People's Board"}
    second |= {"activity-programme_area": "", "activity-title": "Regional Improvement Alliance"}
    assert client.post(url, second).status_code == 302

    response = client.post(
        reverse("staff:programme-activity-compile", args=[scene.programme.uid]),
        {"compile-report": report.pk},
    )
    assert response.status_code == 302
    headings = list(report.sections.order_by("position").values_list("heading", flat=True))
    assert headings == [
        "Background",
        "Community Wellbeing Board: Care and Health Improvement Programme (CHIP)",
        "Children and Young People's Board",
    ]
    text = report.sections.get(heading__startswith="Community").paragraphs.get().text
    assert text.startswith("**Care and Health Systems Leadership:** We have held")
    assert "<https://www.local.gov.uk/chip>" in text


def test_only_the_boards_clerks_collect_activity(scene, client):
    client.force_login(scene.manager)
    url = reverse("staff:programme-activity", args=[scene.programme.uid])
    assert client.post(url, {}).status_code == 403


def test_the_manager_sets_a_status_by_hand_only_with_a_reason(scene, client):
    from minuted.programme.services import kpi_results

    scene.signed_return(0, "30")
    client.force_login(scene.manager)
    response = client.post(
        return_url(scene),
        {"do": "override", "override-kpi": scene.peer.pk, "override-status": "at risk"},
    )
    assert response.status_code == 400
    assert "Say why the computed status is overridden." in response.content.decode()
    reason = "The supplier of the peer challenge programme has withdrawn"
    response = client.post(
        return_url(scene),
        {
            "do": "override",
            "override-kpi": scene.peer.pk,
            "override-status": "at risk",
            "override-reason": reason,
        },
    )
    assert response.status_code == 302
    result = next(r for r in kpi_results(scene.programme, scene.periods[0]) if r.kpi == scene.peer)
    assert result.status.value == "at risk"
    assert result.override is not None and result.override.reason == reason
    assert reason in client.get(return_url(scene)).content.decode()
    client.force_login(scene.world.officer)
    assert client.post(return_url(scene), {"do": "override"}).status_code == 403
