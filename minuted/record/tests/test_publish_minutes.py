"""Publishing minutes: versions in two editions; a release of confidential decisions
publishes a new version; nothing confidential reaches a public page or PDF before then."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pypdf import PdfReader

from minuted.record.models import CONFIDENTIAL_DECISIONS, MinutesVersion
from minuted.record.publishing import publish_minutes
from minuted.record.services import approve_minutes, release_decisions
from minuted.record.tests.test_minutes_document import SECRET, recorded  # noqa: F401


def pdf_text(field) -> str:
    with field.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


def test_published_minutes_keep_confidential_decisions_out_of_the_public_pdf(
    world,
    recorded,  # noqa: F811
):
    minutes, _, _ = recorded
    version = publish_minutes(minutes, world.clerk)
    assert version.number == 1
    assert SECRET not in pdf_text(version.public_pdf)
    assert "Decisions for this item to be kept confidential" in pdf_text(version.public_pdf)
    assert SECRET in pdf_text(version.members_pdf)


def test_releasing_decisions_publishes_a_new_version_and_leaves_the_first_alone(
    world,
    recorded,  # noqa: F811
):
    minutes, notices, approval = recorded
    first = publish_minutes(minutes, world.clerk)
    approve_minutes(minutes, approval)
    release_decisions(notices, approval, world.clerk)
    second = MinutesVersion.objects.get(number=2)
    assert SECRET in pdf_text(second.public_pdf)
    assert "released" in second.reason
    first.refresh_from_db()
    assert SECRET not in pdf_text(first.public_pdf)


def test_a_new_version_needs_a_reason_and_only_clerks_publish(world, recorded):  # noqa: F811
    minutes, _, _ = recorded
    with pytest.raises(PermissionDenied):
        publish_minutes(minutes, world.member)
    publish_minutes(minutes, world.clerk)
    with pytest.raises(ValidationError):
        publish_minutes(minutes, world.clerk)


def test_the_public_minutes_page_shows_the_confidential_sentence_not_the_decision(
    client,
    world,
    recorded,  # noqa: F811
):
    minutes, _, _ = recorded
    publish_minutes(minutes, world.clerk)
    args = {"board": world.board.slug, "meeting": minutes.meeting.slug, "number": 1}
    page = client.get(reverse("minutes-edition", kwargs={**args, "edition": "public"}))
    text = page.content.decode()
    assert CONFIDENTIAL_DECISIONS in text and SECRET not in text
    members = reverse("minutes-edition", kwargs={**args, "edition": "members"})
    assert client.get(members).status_code == 302  # anonymous: sign in first
    client.force_login(world.member_of_another_board)
    assert client.get(members).status_code == 403
    client.force_login(world.member)
    assert SECRET in client.get(members).content.decode()


def test_published_minutes_link_to_the_meeting_that_approved_them(
    client,
    world,
    recorded,  # noqa: F811
):
    minutes, _, approval = recorded
    publish_minutes(minutes, world.clerk)
    held = minutes.meeting
    args = {"board": world.board.slug, "meeting": held.slug, "number": 1, "edition": "public"}
    page = client.get(reverse("minutes-edition", kwargs=args)).content.decode()
    assert "not yet approved" in page

    approve_minutes(minutes, approval)
    later = reverse("meeting", args=[world.board.slug, approval.meeting.slug])
    for url in (
        reverse("minutes-edition", kwargs=args),  # version 1, published before approval
        reverse("meeting", args=[world.board.slug, held.slug]),
    ):
        page = client.get(url).content.decode()
        assert "Approved as a correct record" in page
        assert f'href="{later}"' in page
        assert approval.title in page
    # The approving meeting's page points back at the minutes it approved.
    page = client.get(later).content.decode()
    assert reverse("meeting", args=[world.board.slug, held.slug]) + "#minutes" in page


def test_a_meeting_without_a_pack_lists_the_items_of_its_public_minutes(
    client,
    world,
    recorded,  # noqa: F811
):
    minutes, notices, _ = recorded
    held = minutes.meeting
    page = client.get(reverse("meeting", args=[world.board.slug, held.slug])).content.decode()
    assert "The agenda has not been published yet." in page
    publish_minutes(minutes, world.clerk)
    page = client.get(reverse("meeting", args=[world.board.slug, held.slug])).content.decode()
    listed = page.split('id="minuted-items"')[1].split("</ol>")[0]
    assert "1. Welcome" in listed and f"2. {notices.agenda_item.title}" in listed
    assert "#minute-2" in listed and SECRET not in page
