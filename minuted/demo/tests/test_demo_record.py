"""The demonstration record: the minutes of 11 July 2019 as the example pack prints them,
approved on 29 October 2019, and the registers of both meetings.

The demo is loaded once for the module (it renders the pack and the minutes to PDF) inside a
transaction that is rolled back afterwards; each test runs in a savepoint of its own."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings
from pypdf import PdfReader

from minuted.demo import loader
from minuted.governance.models import Board, Person, Term
from minuted.meetings.models import Meeting
from minuted.record.models import (
    CONFIDENTIAL_DECISIONS,
    Action,
    Attendance,
    AttendanceStatus,
    Decision,
    Declaration,
    InterestKind,
    LockedError,
    MinuteItem,
    Minutes,
    MinutesVersion,
    OtherAttendee,
)
from minuted.record.register import (
    person_statistics,
    quorum_at_items,
    register_problems,
    statistics,
)
from minuted.record.services import due_date

# The opening words of item 4's demonstration decisions (not the board's real decisions).
DEMONSTRATION_DECISION = "Members asked officers to prepare a campaign on the costs"
JULY = dt.date(2019, 7, 11)
OCTOBER = dt.date(2019, 10, 29)


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[Path]:
    """The whole demo, as `make demo` loads it; yields the folder holding its PDFs."""
    media = tmp_path_factory.mktemp("demo-media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=fast),
        transaction.atomic(),
    ):
        loader.load(with_meetings=True)
        yield media
        transaction.set_rollback(True)


@pytest.fixture
def july(demo: Path, db: Any) -> Minutes:
    return Minutes.objects.select_related("meeting").get(meeting__date=JULY)


def decision_counts(minutes: Minutes) -> dict[int, int]:
    return {
        item.agenda_item.position: item.decisions.count()
        for item in minutes.items.select_related("agenda_item")
    }


def test_the_july_minutes_have_items_1_to_10_with_decisions_numbered_as_printed(july):
    titles = [i.agenda_item.title for i in july.items.select_related("agenda_item")]
    assert len(titles) == 10
    assert titles[0] == "Declarations of Interest"
    assert titles[3] == "Statutory public notices"
    assert titles[8:] == ["Note of the Previous Meeting", "Any Other Business"]
    # Item 4's two decisions are the demonstration text kept confidential.
    assert decision_counts(july) == {1: 2, 2: 1, 3: 2, 4: 2, 5: 2, 6: 2, 7: 1, 8: 1, 9: 1, 10: 0}
    first = Decision.objects.filter(item__minutes=july, item__agenda_item__position=1)
    assert [d.position for d in first] == [1, 2]
    assert first[0].text == "Members noted the declaration of interest."


def test_the_july_minutes_keep_who_introduced_each_item_and_the_discussion(july):
    fifth = july.items.get(agenda_item__position=5)
    assert fifth.introduced_by.startswith("Susan Attard, Head of Productivity")
    # The page furniture the extraction left in the middle of the item is gone.
    assert "as well as working with government" in fifth.discussion
    for noise in ("vernment\n", "29 October 2019", "Clir"):
        assert noise not in fifth.discussion
    ninth = july.items.get(agenda_item__position=9)
    assert "Thursday 23 May 2019" in ninth.decisions.get().text


def test_item_3_set_one_action_for_the_next_meeting_reported_on_29_october(july):
    (action,) = Action.objects.filter(item__minutes=july)
    assert action.item.agenda_item.position == 3
    assert action.owner == "Officers" and action.due_by_next_meeting
    assert due_date(action.due_on, action.due_by_next_meeting, july.meeting) == OCTOBER
    # The communications strategy is item 3 of 29 October 2019, so the action is done.
    assert action.done_on == OCTOBER
    assert "29 October 2019, item 3" in action.closed_reference


def test_joy_allen_declared_a_non_registrable_interest_in_item_6(july):
    (declaration,) = Declaration.objects.filter(item__meeting=july.meeting)
    assert declaration.item.position == 6
    assert declaration.membership.person.slug == "joy-allen"
    assert declaration.kind == InterestKind.NON_REGISTRABLE
    assert "facilitation team" in declaration.description


def test_item_4_is_exempt_and_its_decisions_are_kept_confidential(july):
    fourth = july.items.select_related("agenda_item").get(agenda_item__position=4)
    assert fourth.agenda_item.exempt and fourth.agenda_item.exempt_paragraph == 3
    assert fourth.decisions_confidential and not fourth.decisions_public
    # Items 2 and 3 were discussed in confidence but decided in public.
    assert not july.items.filter(agenda_item__position__in=[2, 3], decisions_confidential=True)


def test_the_published_public_edition_withholds_item_4_decisions(july, client):
    version = MinutesVersion.objects.get(meeting=july.meeting)
    assert version.number == 1
    public, members = version.public_document, version.members_document
    assert DEMONSTRATION_DECISION not in json.dumps(public)
    assert public["items"][3]["decisions_withheld"] == CONFIDENTIAL_DECISIONS
    assert DEMONSTRATION_DECISION in json.dumps(members)
    page = client.get(
        f"/meetings/improvement-and-innovation-board/{july.meeting.slug}/minutes/v1/public/"
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert DEMONSTRATION_DECISION not in html
    assert "Decisions for this item to be kept confidential" in html


def test_the_public_pdf_withholds_item_4_decisions_and_the_members_pdf_has_them(
    july, demo, settings
):
    settings.MEDIA_ROOT = demo  # where the module's load wrote the PDFs
    version = MinutesVersion.objects.get(meeting=july.meeting)

    def text(field: Any) -> str:
        with field.open("rb") as handle:
            pages = PdfReader(io.BytesIO(handle.read())).pages
        return " ".join(" ".join((p.extract_text() or "").split()) for p in pages)

    assert "prepare a campaign" not in text(version.public_pdf)
    assert "prepare a campaign" in text(version.members_pdf)


def test_the_july_minutes_are_approved_at_item_10_of_29_october_and_refuse_edits(july):
    assert july.is_approved and july.approved_on == OCTOBER
    item = july.approved_at_item
    assert (item.meeting.date, item.position) == (OCTOBER, 10)
    assert item.title == "Non-confidential note of last Improvement & Innovation Board meeting"
    decision = Decision.objects.filter(item__minutes=july)[0]
    decision.text = "Changed after approval."
    with pytest.raises(LockedError):
        decision.save()
    entry = MinuteItem.objects.filter(minutes=july)[0]
    entry.discussion = "Changed after approval."
    with pytest.raises(LockedError):
        entry.save()


def test_the_july_register_has_damian_white_with_apologies(july):
    marks = {
        a.membership.person.slug: a.status
        for a in Attendance.objects.filter(meeting=july.meeting).select_related(
            "membership__person"
        )
    }
    assert marks["damian-white"] == AttendanceStatus.APOLOGIES
    assert marks["peter-fleming"] == AttendanceStatus.PRESENT
    assert marks["stephen-houghton"] == AttendanceStatus.OBSERVER
    # In the held 2018/19 table but not on the attendance list: not known, so not marked.
    assert "nigel-ashton" not in marks
    assert len(marks) == 13
    assert register_problems(july.meeting) == []


def test_the_july_attendees_not_in_the_held_table_are_listed_with_the_members(july):
    as_recorded = OtherAttendee.objects.filter(meeting=july.meeting, kind=OtherAttendee.Kind.MEMBER)
    assert as_recorded.count() == 10  # 12 marked present or observer + 10 = 22 present
    woodley = as_recorded.get(name="Cllr Ron Woodley")
    assert woodley.role == "Deputy-chairman, Southend-on-Sea Borough Council"
    document = MinutesVersion.objects.get(meeting=july.meeting).public_document
    line = "Cllr Ron Woodley, Deputy-chairman, Southend-on-Sea Borough Council"
    assert line in document["present"]
    assert len(document["present"]) == 22
    assert not any("Woodley" in name for name in document["in_attendance"])
    assert "Susan Attard, Head of Productivity" in document["in_attendance"]
    assert document["apologies"] == ["Cllr Damian White"]


def test_members_not_on_the_july_list_are_not_counted_absent_in_2018_19(july):
    board = Board.objects.get()
    stats = statistics(board, Term.objects.get(slug="2018-19"))
    assert "Cllr Nigel Ashton" not in stats
    assert stats["Cllr Damian White"].apologies == 1
    assert all(s.absent == 0 for s in stats.values())
    ashton = Person.objects.get(slug="nigel-ashton")
    assert [term.slug for _, term, _ in person_statistics(ashton)] == ["2019-20"]


def test_29_october_gives_peter_fleming_an_attendance_rate_for_2019_20(demo, db):
    fleming = Person.objects.get(slug="peter-fleming")
    rows = {term.slug: stats for _, term, stats in person_statistics(fleming)}
    assert rows["2019-20"].expected == 1
    assert rows["2019-20"].rate_percent() == "100%"
    stats = statistics(Board.objects.get(), Term.objects.get(slug="2019-20"))
    assert stats["Cllr Rebecca Lury"].apologies == 1
    assert stats["Cllr Kelham Cooke"].present_as_substitute == 1


def test_29_october_was_quorate_at_every_item_with_a_sound_register(demo, db):
    meeting = Meeting.objects.get(date=OCTOBER)
    rows = quorum_at_items(meeting)
    assert len(rows) == 10
    assert all(row.quorum.result.quorate for row in rows)
    assert register_problems(meeting) == []


def test_the_substitute_on_29_october_sits_for_a_member_of_the_same_group(demo, db):
    sitting = Attendance.objects.select_related(
        "membership__political_group", "substitute_for__political_group", "substitute_for__person"
    ).get(meeting__date=OCTOBER, status=AttendanceStatus.SUBSTITUTE)
    replaced = sitting.substitute_for
    assert replaced is not None
    assert replaced.person.slug == "damian-white"
    assert replaced.political_group == sitting.membership.political_group
    apologies = Attendance.objects.get(meeting__date=OCTOBER, membership=replaced)
    assert apologies.status == AttendanceStatus.APOLOGIES and apologies.substitute_sent
