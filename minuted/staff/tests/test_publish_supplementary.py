"""Publishing the supplementary pack for items marked "to follow"."""

from __future__ import annotations

from django.urls import reverse

from minuted.meetings.models import AgendaItemKind
from minuted.meetings.services import add_item
from minuted.papers.models import PackKind, PackVersion
from minuted.papers.publishing import publish_pack
from minuted.testing import make_meeting, make_report


def test_the_clerk_publishes_a_supplementary_pack_for_a_late_report(client, world):
    meeting = make_meeting(world.board, world.term)
    make_report(add_item(meeting, title="Climate", kind=AgendaItemKind.REPORT), "Climate")
    later = add_item(meeting, title="Audit consultation", kind=AgendaItemKind.SUPPLEMENTAL)
    publish_pack(meeting, world.clerk)
    client.force_login(world.clerk)
    screen = client.get(reverse("staff:meeting", args=[meeting.uid])).content.decode()
    assert "“Audit consultation” is to follow but has no report yet." in screen
    make_report(later, "Audit consultation response")
    url = reverse("staff:meeting-publish-supplementary", args=[meeting.uid])
    response = client.post(url)
    assert response.status_code == 302
    supplement = PackVersion.objects.get(kind=PackKind.SUPPLEMENTARY)
    assert [r["title"] for r in supplement.public_document["reports"]] == [
        "Audit consultation response"
    ]


def test_a_member_cannot_publish_a_supplementary_pack(client, world):
    meeting = make_meeting(world.board, world.term)
    client.force_login(world.member)
    url = reverse("staff:meeting-publish-supplementary", args=[meeting.uid])
    assert client.post(url).status_code == 403
    assert not PackVersion.objects.exists()
