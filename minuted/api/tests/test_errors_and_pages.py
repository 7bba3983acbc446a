"""Bad input gets a clear JSON error naming the parameter, never a 500; lists come a page at
a time with links to the next and previous pages."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from minuted.api.tests.conftest import field_errors
from minuted.testing import make_meeting


def test_a_limit_out_of_range_is_a_400_naming_limit(anonymous):
    response = anonymous.get("/meetings", limit=1000)
    assert response.status_code == 400
    assert field_errors(response) == {"limit": "Input should be less than or equal to 200"}
    assert response.json()["errors"][0]["location"] == "query"
    assert response.json()["detail"].startswith("Invalid request. limit:")


def test_a_date_that_is_not_one_is_a_400_naming_it(anonymous):
    response = anonymous.get("/decisions", since="29/10/2019")
    assert response.status_code == 400
    assert list(field_errors(response)) == ["since"]


def test_a_filter_that_is_not_a_slug_or_uid_is_a_400(anonymous):
    response = anonymous.get("/meetings", board="no such board!")
    assert response.status_code == 400
    assert list(field_errors(response)) == ["board"]


def test_a_filter_naming_no_board_gives_an_empty_list(anonymous):
    body = anonymous.get("/meetings", board="no-such-board").json()
    assert body["count"] == 0 and body["results"] == []


def test_a_body_that_is_not_json_is_a_400(world, clerk_api):
    meeting = make_meeting(world.board, world.term)
    response = clerk_api.client.patch(
        f"/api/v1/meetings/{meeting.uid}",
        "{not json",
        content_type="application/json",
        headers=clerk_api.headers,
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Cannot parse request body")


def test_a_missing_field_is_a_400_naming_it(world, clerk_api):
    meeting = make_meeting(world.board, world.term)
    response = clerk_api.post(f"/meetings/{meeting.uid}/items", {"kind": "report"})
    assert response.status_code == 400
    assert field_errors(response) == {"title": "Field required"}


def test_an_address_that_is_not_a_uid_is_a_404(anonymous):
    assert anonymous.get("/meetings/2019-10-29").status_code == 404


def test_pages_link_to_the_next_and_previous(world, anonymous):
    today = timezone.localdate()
    for n in range(5):
        make_meeting(world.board, world.term, today + dt.timedelta(days=n + 1))
    first = anonymous.get("/meetings", limit=2).json()
    assert first["count"] == 5 and len(first["results"]) == 2
    assert first["previous"] is None
    assert "offset=2" in first["next"] and "limit=2" in first["next"]
    last = anonymous.get("/meetings", limit=2, offset=4).json()
    assert len(last["results"]) == 1 and last["next"] is None
    assert "offset=2" in last["previous"]


def test_the_index_links_the_lists_and_the_openapi_document(anonymous):
    body = anonymous.get("/").json()
    assert body["openapi"] == "http://testserver/api/v1/openapi.json"
    assert body["endpoints"]["meetings"] == "http://testserver/api/v1/meetings"
    docs = anonymous.get(body["docs"].removeprefix("http://testserver/api/v1"))
    assert docs.status_code == 200
    assert "cdn.jsdelivr.net" not in docs.content.decode()  # Swagger UI from our static files
