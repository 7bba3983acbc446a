"""The ModernGov-compatible web service. Its XML is read here with one parser — the paths a
tool written for ModernGov uses — run on real ModernGov responses (moderngov_fixtures/) and on
Minuted's, so that Minuted's keeps their shape: the same elements and attributes, nested the
same way, with dates, times and flags written the same way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from minuted.governance.models import Membership, MembershipRole
from minuted.meetings.models import AgendaItemKind, MeetingStatus
from minuted.meetings.services import add_item
from minuted.papers.publishing import publish_pack
from minuted.record.models import Attendance, AttendanceStatus, Decision, OtherAttendee
from minuted.record.publishing import publish_minutes
from minuted.record.services import approve_minutes, minutes_for
from minuted.testing import appoint, make_meeting, make_person, make_report

FIXTURES = Path(__file__).parent / "moderngov_fixtures"
SECRET_REPORT = "The bid from Acme Holdings is 4.2 million pounds"
SECRET_DECISION = "Members agreed to bid 2.1 million pounds for the contract."
SECRET_DISCUSSION = "Members discussed the bidders by name."

# --- One parser, for the real responses and for ours --------------------------------------


def text(element: ElementTree.Element, path: str) -> str:
    found = element.find(path)
    return (found.text or "").strip() if found is not None else ""


def day(value: str) -> dt.date | None:
    return dt.datetime.strptime(value, "%d/%m/%Y").date() if value else None


def flag(value: str) -> bool:
    assert value in ("True", "False"), value
    return value == "True"


def read_committees(root: ElementTree.Element) -> list[dict[str, Any]]:
    committees = [
        {
            "id": int(text(c, "committeeid")),
            "title": text(c, "committeetitle"),
            "deleted": flag(text(c, "committeedeleted")),
            "expired": flag(text(c, "committeeexpired")),
            "category": text(c, "committeecategory"),
        }
        for c in root.findall("committee")
    ]
    assert int(text(root, "committeescount")) == len(committees)
    return committees


def read_meetings(root: ElementTree.Element) -> list[dict[str, Any]]:
    assert root.tag == "getmeetings"
    found = []
    for committee in root.findall("committee"):
        meetings = committee.findall("committeemeetings/meeting")
        assert int(text(committee, "committeemeetingcount")) == len(meetings)
        found += [
            {
                "committee": int(text(committee, "committeeid")),
                "id": int(text(m, "meetingid")),
                "date": day(text(m, "meetingdate")),
                "status": text(m, "meetingstatus"),
                "time": text(m, "meetingtime"),
                "webcast": flag(text(m, "iswebcast")),
            }
            for m in meetings
        ]
    assert int(text(root, "meetingscount")) == len(found)
    assert int(text(root, "committeescount")) == len(root.findall("committee"))
    return found


def read_documents(element: ElementTree.Element) -> list[dict[str, Any]]:
    return [
        {
            "id": int(text(d, "attachmentid")),
            "title": text(d, "title"),
            "url": text(d, "url"),
            "isurl": flag(text(d, "isurl")),
            "restricted": flag(text(d, "isrestricted")),
            "published": day(text(d, "publicationdate")),
            "owner": text(d, "ownertitle"),
        }
        for d in element.findall("linkeddocuments/linkeddoc")
    ]


def read_meeting(root: ElementTree.Element) -> dict[str, Any]:
    assert root.tag == "meeting"
    return {
        "id": int(text(root, "meetingid")),
        "date": day(text(root, "meetingdate")),
        "status": text(root, "meetingstatus"),
        "time": text(root, "meetingtime"),
        "location": text(root, "meetinglocation"),
        "agenda published": flag(text(root, "agendapublished")),
        "minutes published": flag(text(root, "minutepublished")),
        "items": [
            {
                "id": int(text(i, "agendaitemid")),
                "title": text(i, "agendaitemtitle"),
                "number": text(i, "fulldisplaynumberformat"),
                "restricted": flag(text(i, "isrestricted")),
                "minutes": text(i, "minutesnonemptyhtmlbody"),
                "declarations": int(text(i, "declarationcount")),
                "date": day(text(i, "meetingdate")),
                "documents": read_documents(i),
            }
            for i in root.findall("agendaitems/agendaitem")
        ],
        "documents": read_documents(root),
        "attendees": [
            {**a.attrib, "url": text(a, "url")} for a in root.findall("attendees/attendee")
        ],
    }


def shape(element: ElementTree.Element, prefix: str = "") -> set[str]:
    """Every element path and attribute in the document: "agendaitems/agendaitem/isrestricted",
    "attendees/attendee@roledescription"."""
    paths = set()
    for child in element:
        path = f"{prefix}{child.tag}"
        paths.add(path)
        paths |= {f"{path}@{name}" for name in child.attrib}
        paths |= shape(child, f"{path}/")
    return paths


def fixture(name: str) -> ElementTree.Element:
    return ElementTree.fromstring((FIXTURES / name).read_bytes())


def fetch(client: Client, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.content
    if status != 200:
        return response.content.decode()
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n')
    return ElementTree.fromstring(response.content)


# --- The parser reads the real responses --------------------------------------------------


def test_the_parser_reads_the_real_responses():
    assert read_committees(fixture("committees.xml"))[-1] == {
        "id": 144,
        "title": "Audit Committee",
        "deleted": False,
        "expired": False,
        "category": "Governance and Decision Making Committees",
    }
    meetings = read_meetings(fixture("meetings.xml"))
    assert [(m["id"], m["status"]) for m in meetings] == [(4966, "Cancelled"), (4967, "Confirmed")]
    meeting = read_meeting(fixture("meeting_with_minutes.xml"))
    assert meeting["date"] == dt.date(2026, 2, 10) and meeting["time"] == "10.00 am"
    assert [i["documents"][0]["id"] for i in meeting["items"]] == [60860, 60909]
    assert meeting["attendees"][0]["roledescription"] == "Committee Member"


# --- GetCommittees, GetMeetings ------------------------------------------------------------


def test_get_committees_lists_the_boards_in_the_real_shape(world, client):
    root = fetch(client, "/mgWebService.asmx/GetCommittees")
    assert shape(fixture("committees.xml")) <= shape(root)
    committees = read_committees(root)
    assert {(c["id"], c["title"]) for c in committees} == {
        (world.board.pk, world.board.name),
        (world.other_board.pk, world.other_board.name),
    }
    assert (
        b"<committeescount> 2</committeescount>"
        in client.get("/mgWebService.asmx/GetCommittees").content
    )  # sic, as the real service writes it


def test_get_meetings_gives_a_committees_meetings_in_a_date_range(world, client):
    today = timezone.localdate()
    soon = make_meeting(world.board, world.term, today + dt.timedelta(days=10))
    later = make_meeting(
        world.board,
        world.term,
        today + dt.timedelta(days=40),
        status=MeetingStatus.CANCELLED,
        cancellation_reason="No business.",
    )
    make_meeting(world.other_board, world.term, today + dt.timedelta(days=10))
    since, until = today, today + dt.timedelta(days=60)
    root = fetch(
        client,
        f"/mgWebService.asmx/GetMeetings?lCommitteeId={world.board.pk}"
        f"&sFromDate={since:%d/%m/%Y}&sToDate={until:%d/%m/%Y}",
    )
    assert shape(fixture("meetings.xml")) <= shape(root)
    assert read_meetings(root) == [
        {
            "committee": world.board.pk,
            "id": soon.pk,
            "date": soon.date,
            "status": "Provisional",
            "time": "11.00 am",
            "webcast": False,
        },
        {
            "committee": world.board.pk,
            "id": later.pk,
            "date": later.date,
            "status": "Cancelled",
            "time": "11.00 am",
            "webcast": False,
        },
    ]
    narrow = f"sFromDate={soon.date:%d/%m/%Y}&sToDate={soon.date:%d/%m/%Y}"
    root = fetch(client, f"/mgWebService.asmx/GetMeetings?lCommitteeId={world.board.pk}&{narrow}")
    assert [m["id"] for m in read_meetings(root)] == [soon.pk]


def test_parameters_are_read_whatever_their_case_and_by_post(world, client):
    meeting = make_meeting(world.board, world.term)
    by_get = fetch(client, f"/mgWebService.asmx/GetMeetings?lcommitteeid={world.board.pk}")
    response = client.post("/mgWebService.asmx/GetMeetings", {"lCommitteeId": world.board.pk})
    assert response.status_code == 200
    by_post = ElementTree.fromstring(response.content)
    assert [m["id"] for m in read_meetings(by_get)] == [meeting.pk]
    assert read_meetings(by_post) == read_meetings(by_get)


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("GetMeetings", "lCommitteeId is required"),
        ("GetMeetings?lCommitteeId=audit", "lCommitteeId must be a whole number"),
        ("GetMeetings?lCommitteeId=1&sFromDate=2019-13-01", "sFromDate must be a date"),
        ("GetMeetings?lCommitteeId=1&sToDate=tomorrow", "sToDate must be a date"),
        (
            "GetMeetings?lCommitteeId=1&sFromDate=02/01/2020&sToDate=01/01/2020",
            "sFromDate must not be after sToDate",
        ),
        ("GetMeeting", "lMeetingId is required"),
        ("GetMeeting?lMeetingId=-1", "lMeetingId must be a whole number"),
        ("GetMeeting?lMeetingId=99999999999999999999999", "lMeetingId must be a whole number"),
    ],
)
def test_bad_parameters_get_a_400_naming_them(world, client, query, named):
    assert fetch(client, f"/mgWebService.asmx/{query}", status=400).startswith(named)


def test_unknown_committees_meetings_and_methods_are_not_found(world, client):
    assert "No committee" in fetch(client, "/mgWebService.asmx/GetMeetings?lCommitteeId=999", 404)
    assert "No meeting" in fetch(client, "/mgWebService.asmx/GetMeeting?lMeetingId=999", 404)
    assert client.get("/mgWebService.asmx/GetCouncillorsByWard").status_code == 404


# --- GetMeeting ----------------------------------------------------------------------------


@dataclass
class Published:
    meeting: Any
    welcome: Any
    exempt: Any
    public: Any
    exempt_report: Any
    public_report: Any
    member: Membership
    vice_chair: Membership


@pytest.fixture
def published(world) -> Published:
    """A meeting held ten days ago: its pack published (an exempt report and a public one),
    its register taken, its minutes published with a confidential decision."""
    today = timezone.localdate()
    meeting = make_meeting(
        world.board, world.term, today - dt.timedelta(days=10), end_time=dt.time(13)
    )
    before = meeting.date - dt.timedelta(days=60)
    welcome = add_item(meeting, title="Welcome and declarations of interest", today=before)
    exempt = add_item(
        meeting,
        title="Procurement of the peer challenge contract",
        kind=AgendaItemKind.REPORT,
        exempt=True,
        exempt_paragraph=3,
        public_interest_reason="Commercially sensitive while the tender is open.",
        today=before,
    )
    public = add_item(
        meeting, title="Climate change support", kind=AgendaItemKind.REPORT, today=before
    )
    exempt_report = make_report(exempt, "Peer challenge contract", text=SECRET_REPORT)
    public_report = make_report(public, "Climate change support offer")
    publish_pack(meeting, world.clerk, published_at=timezone.now() - dt.timedelta(days=20))

    member = Membership.objects.get(person__user=world.member, term=world.term)
    vice_chair = appoint(
        make_person(world.organisation, "Judi", "Billing"),
        world.board,
        world.term,
        world.labour,
        role=MembershipRole.VICE_CHAIR,
    )
    Attendance.objects.create(meeting=meeting, membership=member, status=AttendanceStatus.PRESENT)
    Attendance.objects.create(
        meeting=meeting, membership=vice_chair, status=AttendanceStatus.APOLOGIES
    )
    OtherAttendee.objects.create(meeting=meeting, name="Dennis Skinner", role="Adviser")
    meeting.status = MeetingStatus.HELD
    meeting.save()

    minutes = minutes_for(meeting)
    entries = {e.agenda_item_id: e for e in minutes.items.all()}
    confidential = entries[exempt.pk]
    confidential.discussion = SECRET_DISCUSSION
    confidential.save()
    Decision.objects.create(item=confidential, position=1, text=SECRET_DECISION)
    Decision.objects.create(item=entries[public.pk], position=1, text="Members noted the offer.")
    publish_minutes(minutes, world.clerk)
    return Published(
        meeting, welcome, exempt, public, exempt_report, public_report, member, vice_chair
    )


def get_meeting(client: Client, meeting: Any) -> ElementTree.Element:
    return fetch(client, f"/mgWebService.asmx/GetMeeting?lMeetingId={meeting.pk}")


def test_get_meeting_has_the_shape_of_the_real_response(world, client, published):
    root = get_meeting(client, published.meeting)
    missing = shape(fixture("meeting_with_minutes.xml")) - shape(root)
    assert missing == set()
    meeting = read_meeting(root)
    assert meeting["id"] == published.meeting.pk
    assert meeting["date"] == published.meeting.date
    assert (meeting["status"], meeting["time"]) == ("Confirmed", "11.00 am")
    assert text(root, "meetingplannedfinishtime") == "1.00 pm"
    assert meeting["location"] == "Westminster Room"
    assert meeting["agenda published"] and meeting["minutes published"]
    assert [(i["id"], i["number"], i["title"]) for i in meeting["items"]] == [
        (published.welcome.pk, "1.", "Welcome and declarations of interest"),
        (published.exempt.pk, "2.", "Procurement of the peer challenge contract"),
        (published.public.pk, "3.", "Climate change support"),
    ]


def test_an_exempt_item_is_restricted_with_no_documents_and_nothing_of_its_papers(
    world, client, published
):
    response = client.get(f"/mgWebService.asmx/GetMeeting?lMeetingId={published.meeting.pk}")
    body = response.content.decode()
    _, exempt, public = read_meeting(ElementTree.fromstring(response.content))["items"]
    assert exempt["restricted"] and exempt["documents"] == []
    assert not public["restricted"]
    for secret in (SECRET_REPORT, "Peer challenge contract", SECRET_DECISION, SECRET_DISCUSSION):
        assert secret not in body
    # What the public minutes print of it: the exclusion and that its decisions are withheld.
    assert "Schedule 12A" in exempt["minutes"]
    assert "kept confidential" in exempt["minutes"]


def test_a_public_item_links_its_report_pages_and_the_meeting_its_pdfs(world, client, published):
    meeting = read_meeting(get_meeting(client, published.meeting))
    public = meeting["items"][2]
    (report,) = public["documents"]
    assert report["id"] == published.public_report.pk * 10 + 1
    assert (report["title"], report["isurl"], report["restricted"]) == (
        "Climate change support offer",
        True,
        False,
    )
    assert report["owner"] == "Climate change support"
    assert report["published"] == (timezone.localdate() - dt.timedelta(days=20))
    assert resolve(report["url"].removeprefix("http://testserver")).url_name == "pack-report"
    assert "Members noted the offer." in public["minutes"]
    held = published.meeting.date
    assert [d["title"] for d in meeting["documents"]] == [
        "Agenda pack (public edition)",
        f"Minutes of the meeting of {held.day} {held:%B %Y}",
    ]
    for document in [report, *meeting["documents"]]:
        response = client.get(document["url"].removeprefix("http://testserver"))
        assert response.status_code == 200, document
        if not document["isurl"]:
            assert response["Content-Type"] == "application/pdf"
            assert "/public" in document["url"]


def test_attendees_carry_role_attendance_and_political_party(world, client, published):
    attendees = {
        a["name"]: a for a in read_meeting(get_meeting(client, published.meeting))["attendees"]
    }
    member = attendees[published.member.person.display_name]
    assert member["attendance"] == "Present"
    assert member["roledescription"] == "Committee Member"
    assert member["politicalparty"] == "Conservative"
    assert member["memberid"] == str(published.member.person_id)
    assert member["url"].endswith(reverse("person", args=[published.member.person.slug]))
    vice_chair = attendees["Cllr Judi Billing"]
    assert (vice_chair["attendance"], vice_chair["roledescription"]) == ("Apologies", "Vice-Chair")
    assert attendees["Dennis Skinner"]["attendance"] == "In attendance"


def test_before_a_meeting_is_held_everyone_is_expected_and_no_register_shows(world, client):
    meeting = make_meeting(world.board, world.term)
    member = Membership.objects.get(person__user=world.member, term=world.term)
    # Apologies sent ahead are not public until the register of the held meeting is.
    Attendance.objects.create(meeting=meeting, membership=member, status=AttendanceStatus.APOLOGIES)
    read = read_meeting(get_meeting(client, meeting))
    assert [(a["name"], a["attendance"]) for a in read["attendees"]] == [
        (member.person.display_name, "Expected")
    ]
    assert read["items"] == [] and read["documents"] == []
    assert not read["agenda published"] and not read["minutes published"]


def test_the_item_approving_earlier_minutes_links_them(world, client, published):
    later = make_meeting(world.board, world.term, timezone.localdate() + dt.timedelta(days=20))
    note = add_item(
        later, title="Note of the last meeting", kind=AgendaItemKind.NOTE_OF_LAST_MEETING
    )
    publish_pack(later, world.clerk)
    approve_minutes(minutes_for(published.meeting), note)
    (item,) = read_meeting(get_meeting(client, later))["items"]
    (minutes,) = item["documents"]
    assert minutes["title"].startswith("Minutes of the meeting of")
    assert resolve(minutes["url"].removeprefix("http://testserver")).url_name == "minutes-pdf"


def test_a_meeting_without_a_pack_lists_the_items_of_its_public_minutes(world, client):
    meeting = make_meeting(world.board, world.term)
    add_item(meeting, title="Welcome")
    minutes = minutes_for(meeting)
    Decision.objects.create(item=minutes.items.get(), position=1, text="Members noted it.")
    publish_minutes(minutes, world.clerk)
    read = read_meeting(get_meeting(client, meeting))
    (item,) = read["items"]
    assert (item["title"], item["restricted"]) == ("Welcome", False)
    assert "Members noted it." in item["minutes"]
    assert not read["agenda published"] and read["minutes published"]


def test_queries_do_not_grow_with_the_number_of_meetings(
    world, client, django_assert_max_num_queries
):
    url = f"/mgWebService.asmx/GetMeetings?lCommitteeId={world.board.pk}"
    for count, more in ((2, 2), (12, 10)):
        for _ in range(more):
            make_meeting(world.board, world.term)
        with django_assert_max_num_queries(3):
            assert len(read_meetings(fetch(client, url))) == count
        with django_assert_max_num_queries(2):
            fetch(client, "/mgWebService.asmx/GetCommittees")


def test_a_tool_walking_committees_meetings_and_documents_finds_only_public_files(
    world, client, published
):
    """As DemocracyClub's scraper does: committees, then each one's meetings, then each
    meeting's linked documents anywhere in it (.//linkeddoc)."""
    urls = []
    for committee in fetch(client, "/mgWebService.asmx/GetCommittees").findall("committee"):
        stubs = fetch(
            client,
            f"/mgWebService.asmx/GetMeetings?lCommitteeId={text(committee, 'committeeid')}"
            "&sFromDate=01/01/2000&sToDate=31/12/2099",
        )
        for stub in stubs.findall(".//meeting"):
            detail = fetch(
                client, f"/mgWebService.asmx/GetMeeting?lMeetingId={text(stub, 'meetingid')}"
            )
            urls += [text(doc, "url") for doc in detail.findall(".//linkeddoc")]
    assert len(urls) == 3  # the report page, the pack and the minutes
    for url in urls:
        response = client.get(url.removeprefix("http://testserver"))
        assert response.status_code == 200
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert SECRET_REPORT.encode() not in body


def test_a_control_character_in_a_title_does_not_break_the_xml(world, client):
    meeting = make_meeting(world.board, world.term)
    add_item(meeting, title="Budget\x0b monitoring")
    publish_pack(meeting, world.clerk)
    (item,) = read_meeting(get_meeting(client, meeting))["items"]
    assert item["title"] == "Budget monitoring"
