"""Building the agenda: adding, editing and moving items, with the services' validation shown
beside the fields and nothing saved when it fails."""

from __future__ import annotations

import pytest
from django.urls import reverse

from minuted.meetings.models import AgendaItem


def add_url(meeting):
    return reverse("staff:item-add", args=[meeting.uid])


def edit_url(item):
    return reverse("staff:item-edit", args=[item.meeting.uid, item.uid])


def move_url(item):
    return reverse("staff:item-move", args=[item.meeting.uid, item.uid])


def item_data(**fields):
    data = {"item-title": "Digital transformation", "item-kind": "standard"}
    data.update({f"item-{k}": v for k, v in fields.items()})
    return data


def titles(meeting):
    return list(AgendaItem.objects.filter(meeting=meeting).values_list("title", flat=True))


def test_an_anonymous_visitor_is_sent_to_sign_in(client, meeting):
    assert client.post(add_url(meeting), item_data())["Location"].startswith("/sign-in/")
    assert not AgendaItem.objects.exists()


@pytest.mark.parametrize("who", ["clerk_of_another_board", "member"])
def test_only_the_boards_clerks_may_add_items(signed_in, world, meeting, who):
    assert signed_in(getattr(world, who)).post(add_url(meeting), item_data()).status_code == 403
    assert not AgendaItem.objects.exists()


def test_the_clerk_adds_an_item_at_the_end(signed_in, world, agenda):
    meeting = agenda[0].meeting
    response = signed_in(world.clerk).post(add_url(meeting), item_data())
    item = AgendaItem.objects.get(title="Digital transformation")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#item-{item.uid}")
    assert titles(meeting)[-1] == "Digital transformation"
    assert not item.added_late


def test_an_exempt_item_without_paragraph_or_reason_is_refused_beside_the_fields(
    signed_in, world, meeting
):
    response = signed_in(world.clerk).post(add_url(meeting), item_data(exempt="on"))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_item-exempt_paragraph">Give the Schedule 12A paragraph' in page
    assert 'id="id_item-exempt_paragraph-error"' in page
    assert 'id="id_item-public_interest_reason-error"' in page
    assert "govuk-select--error" in page
    assert not AgendaItem.objects.exists()


def test_an_exempt_item_with_its_paragraph_and_reason_is_added(signed_in, world, meeting):
    signed_in(world.clerk).post(
        add_url(meeting),
        item_data(
            exempt="on",
            exempt_paragraph="3",
            public_interest_reason="Commercially sensitive.",
            exemption_review_date="2030-01-31",
        ),
    )
    item = AgendaItem.objects.get()
    assert (item.exempt, item.exempt_paragraph) == (True, 3)
    assert str(item.exemption_review_date) == "2030-01-31"


def test_exemption_details_are_dropped_when_the_item_is_not_exempt(signed_in, world, meeting):
    signed_in(world.clerk).post(
        add_url(meeting), item_data(exempt_paragraph="3", public_interest_reason="Left over.")
    )
    item = AgendaItem.objects.get()
    assert (item.exempt, item.exempt_paragraph, item.public_interest_reason) == (False, None, "")


def test_a_verbal_update_needs_its_presenter(signed_in, world, meeting):
    response = signed_in(world.clerk).post(add_url(meeting), item_data(kind="verbal_update"))
    assert 'id="id_item-presenter-error"' in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_it_rejects_a_late_item_without_urgency_reason(signed_in, world, late_meeting):
    response = signed_in(world.clerk).post(add_url(late_meeting), item_data())
    page = response.content.decode()
    assert 'id="id_item-urgency_reason-error"' in page
    assert "record the chair's reason" in page.replace("&#x27;", "'")
    assert not AgendaItem.objects.exists()


def test_a_late_item_with_its_urgency_reason_is_added_and_marked_late(
    signed_in, world, late_meeting
):
    signed_in(world.clerk).post(
        add_url(late_meeting), item_data(urgency_reason="The funder's deadline is next week.")
    )
    item = AgendaItem.objects.get()
    assert item.added_late
    assert item.urgency_reason == "The funder's deadline is next week."


def test_the_clerk_edits_an_item(signed_in, world, agenda):
    client = signed_in(world.clerk)
    assert client.get(edit_url(agenda[0])).status_code == 200
    response = client.post(edit_url(agenda[0]), item_data(title="Welcome and apologies"))
    assert response.status_code == 302
    agenda[0].refresh_from_db()
    assert agenda[0].title == "Welcome and apologies"


def test_an_invalid_edit_is_shown_beside_the_field_and_not_saved(signed_in, world, agenda):
    response = signed_in(world.clerk).post(
        edit_url(agenda[0]), item_data(title="Changed", exempt="on", exempt_paragraph="2")
    )
    assert 'id="id_item-public_interest_reason-error"' in response.content.decode()
    agenda[0].refresh_from_db()
    assert (agenda[0].title, agenda[0].exempt) == (
        "Welcome, apologies and declarations of interest",
        False,
    )


def test_the_clerk_of_another_board_may_not_edit_an_item(signed_in, world, agenda):
    client = signed_in(world.clerk_of_another_board)
    assert client.get(edit_url(agenda[0])).status_code == 403


def test_moving_an_item_down_renumbers_the_agenda(signed_in, world, agenda):
    meeting = agenda[0].meeting
    response = signed_in(world.clerk).post(move_url(agenda[0]), {"direction": "down"})
    # Without JavaScript the browser goes back to the item on the meeting screen.
    assert response.status_code == 302
    assert response["Location"].endswith(f"#item-{agenda[0].uid}")
    assert titles(meeting)[:2] == [agenda[1].title, agenda[0].title]
    assert list(meeting.items.values_list("position", flat=True)) == [1, 2, 3, 4]


def test_moving_an_item_up_renumbers_the_agenda(signed_in, world, agenda):
    meeting = agenda[0].meeting
    signed_in(world.clerk).post(move_url(agenda[3]), {"direction": "up"})
    assert titles(meeting)[2:] == [agenda[3].title, agenda[2].title]


def test_the_first_item_stays_first_when_moved_up(signed_in, world, agenda):
    signed_in(world.clerk).post(move_url(agenda[0]), {"direction": "up"})
    assert titles(agenda[0].meeting)[0] == agenda[0].title


def test_an_htmx_move_returns_the_agenda_partial(signed_in, world, agenda):
    response = signed_in(world.clerk).post(
        move_url(agenda[0]), {"direction": "down"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<div id="agenda">')
    assert "<html" not in page
    assert f"“{agenda[0].title}” is now item 2." in page


def test_the_move_forms_work_with_and_without_javascript(signed_in, world, agenda):
    page = signed_in(world.clerk).get(reverse("staff:meeting", args=[agenda[0].meeting.uid]))
    html = page.content.decode()
    target = move_url(agenda[1])
    assert f'action="{target}"' in html
    assert f'hx-post="{target}" hx-target="#agenda" hx-swap="outerHTML"' in html


def test_only_the_boards_clerks_may_move_items(signed_in, world, agenda):
    response = signed_in(world.member).post(move_url(agenda[0]), {"direction": "down"})
    assert response.status_code == 403
    assert titles(agenda[0].meeting)[0] == agenda[0].title


def test_moving_needs_a_post(signed_in, world, agenda):
    assert signed_in(world.clerk).get(move_url(agenda[0])).status_code == 405
