"""The published pack on the web: the public edition for anyone, the members' edition only
for those the policy allows, and PDFs served as files that never change."""

from __future__ import annotations

import pytest
from django.urls import reverse

from minuted.papers.publishing import publish_pack
from minuted.papers.tests.conftest import SECRET, agenda  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(world, agenda):  # noqa: F811
    version = publish_pack(agenda.meeting, world.clerk)
    board, meeting = world.board.slug, agenda.meeting.slug
    return {
        "version": version,
        "agenda": agenda,
        "url": lambda name, edition, **kw: reverse(
            name, kwargs={"board": board, "meeting": meeting, "number": 1, "edition": edition, **kw}
        ),
    }


def test_anyone_can_read_the_public_edition_agenda(client, published):
    page = client.get(published["url"]("pack-edition", "public")).content.decode()
    assert "CONFIDENTIAL SECTION - START" in page
    assert "Procurement of the peer challenge contract" in page
    assert "Climate change support offer" in page


def test_an_exempt_report_in_the_public_edition_is_restricted(client, published):
    report_id = f"r{published['agenda'].exempt_report.pk}"
    response = client.get(published["url"]("pack-report", "public", report=report_id))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Document is Restricted" in page
    assert SECRET not in page


def test_a_public_report_page_shows_the_numbered_paragraphs(client, published):
    report_id = f"r{published['agenda'].public_report.pk}"
    page = client.get(published["url"]("pack-report", "public", report=report_id)).content.decode()
    assert "Text of Climate change support offer." in page
    assert ">1.</span>" in page and ">2.</span>" in page


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("member", 200),
        ("clerk", 200),
        ("administrator", 200),
        ("member_of_another_board", 403),
        ("former_member", 403),
        ("officer", 403),
    ],
)
def test_the_members_edition_is_for_the_boards_members_and_clerks(
    client, world, published, role, expected
):
    client.force_login(getattr(world, role))
    for url in (
        published["url"]("pack-edition", "members"),
        published["url"]("pack-pdf", "members"),
    ):
        assert client.get(url).status_code == expected


def test_an_anonymous_visitor_asking_for_the_members_edition_is_asked_to_sign_in(client, published):
    response = client.get(published["url"]("pack-pdf", "members"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_members_edition_shows_the_exempt_report_to_a_member(client, world, published):
    client.force_login(world.member)
    report_id = f"r{published['agenda'].exempt_report.pk}"
    page = client.get(published["url"]("pack-report", "members", report=report_id))
    assert SECRET in page.content.decode()


def test_the_public_pdf_is_served_inline_and_cacheable_forever(client, published):
    response = client.get(published["url"]("pack-pdf", "public"))
    body = b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline; filename=")
    assert "immutable" in response["Cache-Control"]
    assert body.startswith(b"%PDF")
    assert SECRET.encode() not in body


def test_the_members_pdf_is_never_cached_publicly(client, world, published):
    client.force_login(world.member)
    response = client.get(published["url"]("pack-pdf", "members"))
    assert response["Cache-Control"] == "private"


def test_an_unknown_edition_or_version_is_not_found(client, published, world):
    assert client.get(published["url"]("pack-edition", "drafts")).status_code == 404
    url = reverse(
        "pack-edition",
        kwargs={
            "board": world.board.slug,
            "meeting": published["agenda"].meeting.slug,
            "number": 9,
            "edition": "public",
        },
    )
    assert client.get(url).status_code == 404


def test_the_meeting_page_lists_the_versions_and_the_members_edition_only_to_members(
    client, world, published
):
    url = reverse("meeting", args=[world.board.slug, published["agenda"].meeting.slug])
    anonymous_page = client.get(url).content.decode()
    assert "Agenda pack, version 1" in anonymous_page
    assert "/pack/v1/members" not in anonymous_page
    client.force_login(world.member)
    assert "/pack/v1/members" in client.get(url).content.decode()
