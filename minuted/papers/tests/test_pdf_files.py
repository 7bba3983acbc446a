"""Published PDFs: sent by Django in the embedded default, or by the front web server through
X-Accel-Redirect once Minuted has checked who may read them."""

from __future__ import annotations

from django.urls import reverse

from minuted.papers.publishing import publish_pack


def pdf_url(agenda, edition):
    meeting = agenda.meeting
    return reverse("pack-pdf", args=[meeting.board.slug, meeting.slug, 1, edition])


def test_django_sends_the_pdf_by_default(client, world, agenda):
    publish_pack(agenda.meeting, world.clerk)
    response = client.get(pdf_url(agenda, "public"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "X-Accel-Redirect" not in response
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_with_accel_redirect_the_front_server_sends_members_copies_after_the_policy(
    client, world, agenda, settings
):
    settings.MINUTED_ACCEL_REDIRECT = "/protected-media/"
    version = publish_pack(agenda.meeting, world.clerk)
    # The public edition is for any cache to keep: sent whole, marked immutable.
    public = client.get(pdf_url(agenda, "public"))
    assert "X-Accel-Redirect" not in public
    assert public["Cache-Control"] == "public, max-age=31536000, immutable"
    # The members' edition is still refused to those who may not read it.
    client.force_login(world.member_of_another_board)
    refused = client.get(pdf_url(agenda, "members"))
    assert refused.status_code == 403 and "X-Accel-Redirect" not in refused
    client.force_login(world.member)
    allowed = client.get(pdf_url(agenda, "members"))
    assert allowed.status_code == 200 and allowed.content == b""
    assert allowed["X-Accel-Redirect"] == f"/protected-media/{version.members_pdf.name}"
    assert allowed["Content-Type"] == "application/pdf"
    assert allowed["Cache-Control"] == "private"
