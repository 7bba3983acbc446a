"""The programme in the JSON API (/api/v1/programmes) and as an OParl vendor property."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from minuted.programme.models import Programme
from minuted.programme.tests.test_returns import Scene

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(world: Any) -> Scene:
    return Scene(world)


def test_the_api_lists_public_programmes_with_their_rollup_and_kpi_statuses(scene, client):
    scene.signed_return(0, "30")
    listing = client.get("/api/v1/programmes").json()
    assert [p["slug"] for p in listing["results"]] == ["sli"]
    detail = client.get(listing["results"][0]["url"]).json()
    assert detail["as_at"] == scene.periods[0].name
    assert detail["rollup"]["headline"] == "0 of 2 targets met or exceeded"
    (output,) = detail["outputs"]
    peer = next(k for k in output["kpis"] if k["description"] == "Peer challenges delivered")
    assert (peer["status"], peer["to_date"], peer["target"]) == ("on track", "30.00", "110.00")
    assert [p["name"] for p in detail["periods"]] == [scene.periods[0].name]
    assert detail["page_url"].endswith(reverse("programme", args=["sli"]))


def test_a_programme_that_is_not_public_is_not_in_the_api(scene, client):
    Programme.objects.filter(pk=scene.programme.pk).update(is_public=False)
    assert client.get("/api/v1/programmes").json()["count"] == 0
    assert client.get(f"/api/v1/programmes/{scene.programme.uid}").status_code == 404


def test_a_drafted_actual_is_not_in_the_api(scene, client):
    from minuted.programme.services import draft_return, save_return

    record = draft_return(scene.output, scene.periods[0], scene.world.officer)
    save_return(
        record, commentary="", evidence="", actuals={scene.peer.pk: "99"}, user=scene.world.officer
    )
    detail = client.get(f"/api/v1/programmes/{scene.programme.uid}").json()
    kpis = detail["outputs"][0]["kpis"]
    assert all(k["to_date"] is None and k["status"] == "not started" for k in kpis)


def test_the_boards_oparl_organization_names_its_public_programmes(scene, client):
    board = client.get(f"/oparl/v1/organization/{scene.world.board.uid}/").json()
    (programme,) = board["minuted:programme"]
    assert programme["name"] == "Sector-led improvement"
    assert programme["web"].endswith("/programmes/sli/")
    assert client.get(programme["minuted:data"]).json()["slug"] == "sli"
    Programme.objects.filter(pk=scene.programme.pk).update(is_public=False)
    board = client.get(f"/oparl/v1/organization/{scene.world.board.uid}/").json()
    assert "minuted:programme" not in board
