"""CSV downloads: membership and attendance of a board in a term, decisions and actions — from
public data only, safe to open in a spreadsheet, with clear errors for bad filters."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from minuted.governance.models import Membership, MembershipRole
from minuted.interop.exports import safe_cell
from minuted.meetings.services import add_item
from minuted.record.models import Action, Attendance, AttendanceStatus, Decision
from minuted.record.publishing import publish_minutes
from minuted.record.services import approve_minutes, minutes_for, release_decisions
from minuted.record.tests.test_minutes_document import SECRET as CONFIDENTIAL_DECISION
from minuted.record.tests.test_minutes_document import recorded  # noqa: F401
from minuted.testing import appoint, make_meeting, make_person


def read_csv(client: Client, url: str, filename: str | None = None) -> list[dict[str, str]]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    if filename:
        assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def test_the_csv_addresses_are_not_taken_for_a_boards_term_page(world):
    """/boards/<board>/<term>/ is a page; its CSV files sit beside it, not under it."""
    base = f"/boards/{world.board.slug}/{world.term.slug}/"
    assert resolve(base).url_name == "board-term"
    assert resolve(f"{base}membership.csv").url_name == "board-membership-csv"
    assert resolve(f"{base}attendance.csv").url_name == "board-attendance-csv"
    assert resolve(f"/boards/{world.board.slug}/actions.csv").url_name == "board-actions-csv"
    assert resolve("/decisions.csv").url_name == "decisions-csv"


def test_membership_lists_the_boards_members_for_the_term(world, client):
    chair = appoint(
        make_person(world.organisation, "Peter", "Fleming"),
        world.board,
        world.term,
        world.conservative,
        role=MembershipRole.CHAIR,
    )
    url = reverse("board-membership-csv", args=[world.board.slug, world.term.slug])
    rows = read_csv(client, url, f"{world.board.slug}-{world.term.slug}-membership.csv")
    assert len(rows) == 2  # the chair and the world's member; not last term's, nor others'
    row = next(r for r in rows if r["Name"] == "Cllr Peter Fleming")
    assert row == {
        "Name": "Cllr Peter Fleming",
        "Role": "Chair",
        "Political group": "Conservative",
        "Represents": "Sevenoaks District Council",
        "GSS code": "E07000111",
        "Voting right": "Yes",
        "From": world.term.start_date.isoformat(),
        "To": world.term.end_date.isoformat(),
        "Page": f"http://testserver{reverse('person', args=[chair.person.slug])}",
    }


def test_unknown_boards_and_terms_are_not_found(world, client):
    assert client.get(f"/boards/nope/{world.term.slug}/membership.csv").status_code == 404
    assert client.get(f"/boards/{world.board.slug}/1999-00/attendance.csv").status_code == 404
    assert client.get("/boards/nope/actions.csv").status_code == 404


def test_cells_that_a_spreadsheet_would_run_are_defused(world, client):
    person = make_person(world.organisation, '=HYPERLINK("http://evil.example")', "X", title="")
    person.slug = "evil-x"
    person.save()
    appoint(person, world.board, world.term, world.labour)
    url = reverse("board-membership-csv", args=[world.board.slug, world.term.slug])
    names = [r["Name"] for r in read_csv(client, url)]
    assert '\'=HYPERLINK("http://evil.example") X' in names
    assert [safe_cell(v) for v in ("+1", "-1", "@SUM(A1)", "\tx", "plain", 3)] == [
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\tx",
        "plain",
        3,
    ]


def held_meeting(world, days_ago: int):
    return make_meeting(
        world.board,
        world.term,
        timezone.localdate() - dt.timedelta(days=days_ago),
        status="held",
    )


def test_attendance_counts_the_held_meetings_of_the_term(world, client):
    member = Membership.objects.get(person__user=world.member, term=world.term)
    labour = appoint(make_person(world.organisation), world.board, world.term, world.labour)
    first, second = held_meeting(world, 20), held_meeting(world, 10)
    Attendance.objects.create(meeting=first, membership=member, status=AttendanceStatus.PRESENT)
    Attendance.objects.create(meeting=second, membership=member, status=AttendanceStatus.APOLOGIES)
    Attendance.objects.create(meeting=first, membership=labour, status=AttendanceStatus.PRESENT)
    make_meeting(world.board, world.term)  # not held yet: not counted
    url = reverse("board-attendance-csv", args=[world.board.slug, world.term.slug])
    rows = read_csv(client, url, f"{world.board.slug}-{world.term.slug}-attendance.csv")
    by_name = {r["Name"]: r for r in rows}
    assert by_name[member.person.display_name] == {
        "Name": member.person.display_name,
        "Meetings expected": "2",
        "Present": "1",
        "Attended as observer": "0",
        "Apologies": "1",
        "Absent": "0",
        "Present as substitute": "0",
        "Attendance rate": "50%",
    }
    # No mark at the second meeting: absent.
    assert by_name[labour.person.display_name]["Absent"] == "1"


def test_decisions_come_from_the_public_minutes_only(world, client, recorded):  # noqa: F811
    minutes, notices, approval = recorded
    publish_minutes(minutes, world.clerk)
    rows = read_csv(client, reverse("decisions-csv"), "lga-decisions.csv")
    assert [(r["Item"], r["Decision"], r["Text"]) for r in rows] == [
        ("1", "1.1", "Members noted the declaration.")
    ]
    assert rows[0]["Board"] == world.board.name
    assert rows[0]["Meeting date"] == minutes.meeting.date.isoformat()
    assert rows[0]["Minutes"].endswith("/minutes/v1/public/#minute-1")
    assert CONFIDENTIAL_DECISION not in client.get(reverse("decisions-csv")).content.decode()

    approve_minutes(minutes, approval)
    release_decisions(notices, approval, world.clerk)  # publishes version 2
    rows = read_csv(client, reverse("decisions-csv"))
    assert [r["Text"] for r in rows] == ["Members noted the declaration.", CONFIDENTIAL_DECISION]
    assert {r["Minutes version"] for r in rows} == {"2"}


def test_decisions_can_be_filtered_by_board_and_dates(world, client, recorded):  # noqa: F811
    minutes, _, _ = recorded
    publish_minutes(minutes, world.clerk)
    day = minutes.meeting.date

    def texts(query: str) -> list[str]:
        return [r["Text"] for r in read_csv(client, f"{reverse('decisions-csv')}?{query}")]

    assert texts(f"board={world.board.slug}") == ["Members noted the declaration."]
    assert texts(f"board={world.other_board.slug}") == []
    assert texts(f"from={day}&to={day}") == ["Members noted the declaration."]
    assert texts(f"from={day + dt.timedelta(days=1)}") == []
    assert texts(f"to={day - dt.timedelta(days=1)}") == []
    response = client.get(f"{reverse('decisions-csv')}?board={world.board.slug}")
    assert f'filename="{world.board.slug}-decisions.csv"' in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("from=29/10/2019", "from"),
        ("to=yesterday", "to"),
        ("from=2019-10-30&to=2019-10-29", "from must not be after to"),
        ("board=no-such-board", "board"),
        ("board=%00", "board"),  # PostgreSQL refuses a NUL in a query: was a 500 there
    ],
)
def test_bad_decision_filters_get_a_400_naming_the_parameter(world, client, query, named):
    response = client.get(f"{reverse('decisions-csv')}?{query}")
    assert response.status_code == 400
    assert response.content.decode().startswith(named)


def test_actions_are_those_the_public_minutes_print_with_their_state(
    world,
    client,
    recorded,  # noqa: F811
):
    minutes, _, _ = recorded
    welcome = minutes.items.all()[0]
    due = minutes.meeting.date + dt.timedelta(days=14)
    Action.objects.create(
        item=welcome, text="Circulate the slides.", owner_role="Board secretary", due_on=due
    )
    Action.objects.create(
        item=welcome, text="Report back.", owner_role="Officers", due_by_next_meeting=True
    )
    publish_minutes(minutes, world.clerk)
    url = reverse("board-actions-csv", args=[world.board.slug])
    rows = read_csv(client, url, f"{world.board.slug}-actions.csv")
    # "Officers to negotiate." sits under the confidential item: not in the public minutes.
    assert [(r["Item"], r["Action"], r["Owner"]) for r in rows] == [
        ("1", "Circulate the slides.", "Board secretary"),
        ("1", "Report back.", "Officers"),
    ]
    assert (rows[0]["Due"], rows[0]["State"], rows[0]["Done on"]) == (due.isoformat(), "open", "")
    next_meeting = minutes.meeting.date + dt.timedelta(days=60)  # the fixture's later meeting
    assert rows[1]["Due"] == next_meeting.isoformat()
    assert rows[0]["Minutes"].endswith("/minutes/v1/public/#minute-1")
    assert "Officers to negotiate." not in client.get(url).content.decode()


def test_an_actions_state_follows_the_action_log_after_approval(
    world,
    client,
    recorded,  # noqa: F811
):
    minutes, notices, approval = recorded
    welcome = minutes.items.all()[0]
    action = Action.objects.create(item=welcome, text="Circulate.", owner_role="Officers")
    publish_minutes(minutes, world.clerk)
    approve_minutes(minutes, approval)
    action.done_on = timezone.localdate()
    action.save(update_fields=["done_on", "modified"])
    url = reverse("board-actions-csv", args=[world.board.slug])
    (row,) = read_csv(client, url)
    assert (row["State"], row["Done on"]) == ("done", timezone.localdate().isoformat())
    # Released and republished, the confidential item's action appears too, with its state.
    release_decisions(notices, approval, world.clerk)
    rows = read_csv(client, url)
    assert [(r["Action"], r["State"]) for r in rows] == [
        ("Circulate.", "done"),
        ("Officers to negotiate.", "open"),
    ]


def test_an_action_reworded_since_publication_shows_the_published_words_only(
    world,
    client,
    recorded,  # noqa: F811
):
    minutes, _, _ = recorded
    action = Action.objects.create(
        item=minutes.items.all()[0], text="Circulate.", owner_role="Officers"
    )
    publish_minutes(minutes, world.clerk)
    action.text = "Circulate the draft budget, not yet published."
    action.save()
    (row,) = read_csv(client, reverse("board-actions-csv", args=[world.board.slug]))
    assert (row["Action"], row["State"]) == ("Circulate.", "")  # no longer matched: no state
    assert "not yet published" not in str(row)


def record_meetings(world, count: int) -> None:
    """Held meetings with a register mark, a decision and an action, minutes published."""
    member = Membership.objects.get(person__user=world.member, term=world.term)
    for n in range(count):
        meeting = held_meeting(world, 2 + n)
        add_item(meeting, title="Climate support", today=meeting.date - dt.timedelta(days=60))
        Attendance.objects.create(meeting=meeting, membership=member, status="present")
        minutes = minutes_for(meeting)
        item = minutes.items.get()
        Decision.objects.create(item=item, position=1, text="Noted.")
        Action.objects.create(item=item, text="Report back.", owner_role="Officers")
        publish_minutes(minutes, world.clerk)


def test_queries_do_not_grow_with_the_number_of_meetings(
    world, client, django_assert_max_num_queries
):
    urls = [
        reverse("board-membership-csv", args=[world.board.slug, world.term.slug]),
        reverse("board-attendance-csv", args=[world.board.slug, world.term.slug]),
        reverse("decisions-csv"),
        reverse("board-actions-csv", args=[world.board.slug]),
    ]
    for more in (2, 10):
        record_meetings(world, more)
        for url in urls:
            with django_assert_max_num_queries(8):
                read_csv(client, url)
    assert len(read_csv(client, urls[2])) == 12
    assert len(read_csv(client, urls[3])) == 12
