"""An agenda item's page: its public reports as accessible pages, or, for an exempt item, only
its title and that its papers are not for publication; and the item's minute once published."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from minuted.meetings.models import AgendaItemKind
from minuted.meetings.services import add_item
from minuted.papers.models import PackKind
from minuted.papers.publishing import publish_pack
from minuted.publicsite.tests.conftest import SECRET_DECISION, SECRETS, held_meeting, text_of
from minuted.record.models import CONFIDENTIAL_DECISIONS, Decision
from minuted.record.publishing import publish_minutes
from minuted.record.services import minutes_for
from minuted.testing import make_meeting, make_report

pytestmark = pytest.mark.django_db


def item_url(meeting, number: str) -> str:
    return reverse("item", args=[meeting.board.slug, meeting.slug, number])


def test_a_public_items_page_shows_its_report_with_numbered_paragraphs(client, held):
    response = client.get(item_url(held.meeting, "3"))
    text = text_of(response)
    assert response.status_code == 200
    assert "3. Climate change support" in text
    assert "Climate change support offer" in text
    assert "Purpose of report For decision" in text
    assert "1. Text of Climate change support offer. 2. A second paragraph." in text


def test_a_public_report_links_to_its_published_pack_page_and_pdf(client, world, held):
    html = client.get(item_url(held.meeting, "3")).content.decode()
    args = [world.board.slug, held.meeting.slug, 1, "public"]
    assert reverse("pack-report", args=[*args, f"r{held.public_report.pk}"]) in html
    assert reverse("pack-pdf", args=args) in html


def test_an_exempt_items_page_shows_only_its_title_and_that_its_papers_are_withheld(client, held):
    response = client.get(item_url(held.meeting, "2"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "2. Procurement of the peer challenge contract" in text_of(response)
    assert "Its papers are not for publication" in text_of(response)
    for secret in SECRETS:
        assert secret not in html
    assert "/pack/v1/members" not in html


def test_a_board_member_is_pointed_to_the_exempt_report_in_the_members_edition(client, world, held):
    members_report = reverse(
        "pack-report",
        args=[world.board.slug, held.meeting.slug, 1, "members", f"r{held.exempt_report.pk}"],
    )
    client.force_login(world.member_of_another_board)
    assert members_report not in client.get(item_url(held.meeting, "2")).content.decode()
    client.force_login(world.member)
    html = client.get(item_url(held.meeting, "2")).content.decode()
    assert f'href="{members_report}">Peer challenge contract</a>' in html


def test_the_items_minute_is_shown_with_confidential_decisions_withheld(client, held):
    public = text_of(client.get(item_url(held.meeting, "3")))
    assert "Minutes of this item" in public
    assert "Members agreed the climate support offer." in public
    exempt = client.get(item_url(held.meeting, "2")).content.decode()
    assert CONFIDENTIAL_DECISIONS in exempt
    assert SECRET_DECISION not in exempt
    assert "Officers to negotiate the bid." not in exempt


def test_items_link_to_the_previous_and_next_item(client, held):
    html = client.get(item_url(held.meeting, "2")).content.decode()
    assert f'href="{item_url(held.meeting, "1")}" rel="prev"' in html
    assert f'href="{item_url(held.meeting, "3")}" rel="next"' in html


def test_an_item_not_on_the_published_agenda_is_not_found(client, held):
    assert client.get(item_url(held.meeting, "9")).status_code == 404
    assert client.get(item_url(held.meeting, "3.4")).status_code == 404
    base = reverse("meeting", args=[held.meeting.board.slug, held.meeting.slug])
    assert client.get(base + "items/three/").status_code == 404


def test_nothing_of_an_unpublished_agenda_is_shown(client, world):
    meeting = make_meeting(world.board, world.term)
    add_item(meeting, title="A draft item the clerk is still writing")
    response = client.get(item_url(meeting, "1"))
    assert response.status_code == 404
    assert "A draft item" not in response.content.decode()


def test_a_sub_item_has_its_own_page(client, world):
    meeting = make_meeting(world.board, world.term)
    parent = add_item(meeting, title="Programme updates")
    child = add_item(meeting, title="Climate programme", kind=AgendaItemKind.REPORT, parent=parent)
    make_report(child, "Climate programme update")
    publish_pack(meeting, world.clerk)
    response = client.get(item_url(meeting, "1.1"))
    assert response.status_code == 200
    assert "1.1. Climate programme" in text_of(response)
    assert "Climate programme update" in text_of(response)


def test_a_report_sent_in_a_supplementary_pack_is_shown_from_it(client, world):
    meeting = make_meeting(world.board, world.term)
    late = add_item(meeting, title="Audit consultation", kind=AgendaItemKind.SUPPLEMENTAL)
    publish_pack(meeting, world.clerk)
    report = make_report(late, "Audit consultation response")
    publish_pack(meeting, world.clerk, kind=PackKind.SUPPLEMENTARY)
    html = client.get(item_url(meeting, "1")).content.decode()
    assert "Audit consultation response" in html
    supplementary = reverse(
        "supplementary-report",
        args=[world.board.slug, meeting.slug, 1, "public", f"r{report.pk}"],
    )
    assert supplementary in html


def test_a_meeting_with_minutes_but_no_pack_published_here_has_item_pages(client, world):
    day = timezone.localdate() - dt.timedelta(days=30)
    meeting = make_meeting(world.board, world.term, day, status="held")
    add_item(meeting, day - dt.timedelta(days=30), title="Productivity work programme")
    minutes = minutes_for(meeting)
    Decision.objects.create(item=minutes.items.get(), text="Members noted the work plan.")
    publish_minutes(minutes, world.clerk)
    response = client.get(item_url(meeting, "1"))
    assert response.status_code == 200
    assert "Members noted the work plan." in text_of(response)


@pytest.mark.parametrize("meetings", [2, 12])
def test_the_item_page_query_count_does_not_grow_with_meetings(
    client, world, django_assert_max_num_queries, meetings
):
    for n in range(meetings):
        held = held_meeting(world, timezone.localdate() - dt.timedelta(days=10 + 3 * n))
    with django_assert_max_num_queries(7):
        client.get(item_url(held.meeting, "3"))
