"""The ModernGov web service's XML, made from Minuted's public data.

The element names, nesting, attributes and formats are those of real ``mgWebService.asmx``
responses (minuted/interop/tests/moderngov_fixtures/): dates as dd/mm/yyyy, times as
"10.00 am", booleans as True/False, counts with a leading space (" 3"), empty elements for
facts Minuted does not hold. Ids are integers, as ModernGov's are: a board's, meeting's,
agenda item's and person's database id; a linked document's id is its record's database id
× 10 + 1 for a report page, + 2 for a pack PDF, + 3 for a minutes PDF, so that ids never
collide (docs/open-data.md).

Agendas come from the public edition of the latest published pack (or, for a meeting held
without a pack published here, from its public minutes), papers from public_papers and
minutes from the public minutes: an exempt item keeps its number and title, is marked
``isrestricted``, and has no linked documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from django.utils import timezone

from minuted.core.formats import clock, short_date
from minuted.governance.models import Board, Membership, MembershipRole, Organisation
from minuted.interop.lookups import xml_safe
from minuted.meetings.models import AgendaItem, Meeting, MeetingStatus
from minuted.papers.models import PackVersion
from minuted.papers.public import PublicPaper
from minuted.record.models import Attendance, AttendanceStatus, MinutesVersion, OtherAttendee
from minuted.rendering.html import blocks_html

STATUSES = {
    MeetingStatus.SCHEDULED: "Provisional",
    MeetingStatus.CONFIRMED: "Confirmed",
    MeetingStatus.HELD: "Confirmed",  # ModernGov keeps a held meeting "Confirmed"
    MeetingStatus.CANCELLED: "Cancelled",
}

ROLES = {
    MembershipRole.CHAIR: "Chair",
    MembershipRole.VICE_CHAIR: "Vice-Chair",
    MembershipRole.DEPUTY_CHAIR: "Deputy Chair",
    MembershipRole.MEMBER: "Committee Member",
    MembershipRole.SUBSTITUTE: "Substitute",
    MembershipRole.OBSERVER: "Observer",
    MembershipRole.INDEPENDENT_OBSERVER: "Independent Observer",
}

ATTENDANCE = {
    AttendanceStatus.PRESENT: "Present",
    AttendanceStatus.SUBSTITUTE: "Present as substitute",
    AttendanceStatus.APOLOGIES: "Apologies",
    AttendanceStatus.ABSENT: "Absent",
    AttendanceStatus.OBSERVER: "In attendance",
    AttendanceStatus.VIRTUAL: "Attended virtually",
}
EXPECTED = "Expected"  # before a meeting is held its register is not public

REPORT, PACK, MINUTES = 1, 2, 3  # the last digit of a linked document's id


def attachment_id(record_id: int, kind: int) -> str:
    return str(record_id * 10 + kind)


def _yes(value: bool) -> str:
    return "True" if value else "False"


def _date(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def _count(n: int) -> str:
    return f" {n}"  # sic: the real service writes counts with a leading space


def _add(parent: Element, tag: str, text: str = "", **attributes: str) -> Element:
    element = SubElement(parent, tag, {k: xml_safe(v) for k, v in attributes.items()})
    element.text = xml_safe(text)
    return element


def to_bytes(root: Element) -> bytes:
    indent(root, space="  ")
    body = tostring(root, encoding="unicode", short_empty_elements=False)
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'.encode()


# --- GetCommittees ----------------------------------------------------------------------


def committees(boards: Sequence[Board], owner: Organisation) -> Element:
    """Every board of the organisation as a committee. Minuted has no committee categories
    and keeps no expired boards, so the category is the organisation's name and
    ``committeeexpired`` is False."""
    root = Element("committees")
    _add(root, "committeescount", _count(len(boards)))
    for board in boards:
        committee = _add(root, "committee")
        _add(committee, "committeeid", str(board.pk))
        _add(committee, "committeetitle", board.name)
        _add(committee, "committeedeleted", "False")
        _add(committee, "committeeexpired", "False")
        _add(committee, "committeecategory", owner.name)
    return root


# --- GetMeetings ------------------------------------------------------------------------


def meetings(board: Board, found: Sequence[Meeting]) -> Element:
    root = Element("getmeetings")
    _add(root, "meetingscount", _count(len(found)))
    _add(root, "committeescount", _count(1))
    committee = _add(root, "committee")
    _add(committee, "committeeid", str(board.pk))
    _add(committee, "committeetitle", board.name)
    _add(committee, "committeemeetingcount", _count(len(found)))
    listed = _add(committee, "committeemeetings")
    for meeting in found:
        entry = _add(listed, "meeting")
        _add(entry, "meetingid", str(meeting.pk))
        _add(entry, "meetingdate", _date(meeting.date))
        _add(entry, "meetingstatus", STATUSES[MeetingStatus(meeting.status)])
        _add(entry, "meetingtime", clock(meeting.start_time))
        _add(entry, "iswebcast", _yes(bool(meeting.webcast_url)))
    return root


# --- GetMeeting -------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """A linked document: a public report page or a public PDF."""

    id: str
    title: str
    url: str
    is_url: bool  # a web page rather than a file
    published: dt.date


@dataclass(frozen=True)
class AgendaEntry:
    """An item as the public agenda (or, without a pack, the public minutes) prints it."""

    number: str
    title: str
    note: str
    exempt: bool


@dataclass(frozen=True)
class MeetingRecord:
    """Everything public GetMeeting tells of a meeting, gathered by the view."""

    meeting: Meeting
    pack: PackVersion | None  # the latest main pack
    minutes: MinutesVersion | None  # the latest minutes
    papers: Sequence[PublicPaper]
    documents: Sequence[Document]  # the meeting's own: packs and minutes
    approved_minutes: dict[int, Document]  # agenda item id -> minutes it approved
    items: Sequence[AgendaItem]  # the agenda's rows, read only for their ids
    seats: Sequence[Membership]
    register: Sequence[Attendance]
    others: Sequence[OtherAttendee]
    as_recorded: bool  # the register was transcribed from minutes (Minutes.attendance_as_recorded)


def published_agenda(record: MeetingRecord) -> list[AgendaEntry]:
    if record.pack is not None:
        return [
            AgendaEntry(
                number=str(row.get("number", "")),
                title=str(row.get("title", "")),
                note=str(row.get("note", "")),
                exempt=bool(row.get("exempt")),
            )
            for row in record.pack.public_document.get("agenda", [])
            if row.get("type") == "item"
        ]
    if record.minutes is not None:
        return [
            AgendaEntry(
                number=str(item.get("number", "")),
                title=str(item.get("title", "")),
                note="",
                exempt=bool(item.get("exclusion")),
            )
            for item in record.minutes.public_document.get("items", [])
        ]
    return []


def _item_ids(entries: Sequence[AgendaEntry], rows: Sequence[AgendaItem]) -> list[int | None]:
    """The agenda item id of each published entry: the row with the same title, taken in
    agenda order (a row retitled since publication has none: 0 is written)."""
    free: dict[str, list[int]] = {}
    for row in rows:
        free.setdefault(row.title, []).append(row.pk)
    return [free[e.title].pop(0) if free.get(e.title) else None for e in entries]


def minutes_html(item: dict[str, Any]) -> str:
    """A public minutes item as HTML, as ModernGov puts minutes into each agenda item."""
    parts = []
    if item.get("exclusion"):
        parts.append(f"<p><strong>{escape(item['exclusion'])}</strong></p>")
    if item.get("urgency_reason"):
        parts.append(
            f"<p>The Chair agreed to take this item as urgent: {escape(item['urgency_reason'])}</p>"
        )
    if item.get("introduced_by"):
        parts.append(f"<p>Introduced by {escape(item['introduced_by'])}.</p>")
    parts += [f"<p>{escape(d)}</p>" for d in item.get("declarations", [])]
    parts.append(blocks_html(item.get("discussion", [])))
    if item.get("decisions_withheld"):
        parts.append(f"<p>{escape(item['decisions_withheld'])}</p>")
    elif item.get("decisions"):
        decided = "".join(
            f"<li>{blocks_html(d.get('text', []))}"
            + (f"<p>{escape(d['vote'])}</p>" if d.get("vote") else "")
            + "</li>"
            for d in item["decisions"]
        )
        parts.append(f"<p>RESOLVED:</p><ol>{decided}</ol>")
    if item.get("actions"):
        actions = "".join(
            f"<li>{escape(a.get('text', ''))} ({escape(a.get('owner', ''))})</li>"
            for a in item["actions"]
        )
        parts.append(f"<p>Actions:</p><ul>{actions}</ul>")
    html = "".join(p for p in parts if p)
    return f'<div class="minutes">{html}</div>' if html else ""


def _linked(
    parent: Element,
    documents: Iterable[Document],
    meeting: Meeting,
    owner_title: str,
) -> None:
    linked = _add(parent, "linkeddocuments")
    for number, document in enumerate(documents, start=1):
        doc = _add(linked, "linkeddoc")
        _add(doc, "attachmentid", document.id)
        _add(doc, "title", document.title)
        _add(doc, "isurl", _yes(document.is_url))
        _add(doc, "url", document.url)
        _add(doc, "isrestricted", "False")
        _add(doc, "restrictionsRef")
        _add(doc, "itemnum", str(number))
        _add(doc, "publicationdate", _date(document.published))
        _add(doc, "meetingdate", _date(meeting.date))
        _add(doc, "decisiondate", _date(meeting.date))
        _add(doc, "committeetitle", meeting.board.name)
        _add(doc, "isdecisionattachment", "False")
        _add(doc, "ownertitle", owner_title)


def meeting_document(
    record: MeetingRecord,
    paper_document: Callable[[PublicPaper], Document],
    person_url: Callable[[str], str],
) -> Element:
    meeting = record.meeting
    board = meeting.board
    root = Element("meeting")
    _add(root, "meetingid", str(meeting.pk))
    _add(root, "meetingdate", _date(meeting.date))
    _add(root, "meetingstatus", STATUSES[MeetingStatus(meeting.status)])
    _add(root, "isdisplayallowed", "True")
    _add(root, "meetingtime", clock(meeting.start_time))
    _add(root, "meetingactualstarttime")
    _add(root, "meetingplannedfinishtime", clock(meeting.end_time) if meeting.end_time else "")
    _add(root, "meetingactualfinishtime")
    _add(root, "meetinglocation", meeting.place)
    _add(root, "iswebcast", _yes(bool(meeting.webcast_url)))
    _add(root, "agendaid", str(meeting.pk))
    _add(root, "agendapublished", _yes(record.pack is not None))
    _add(root, "decisionpublished", "False")  # ModernGov's executive decision notices
    _add(root, "minutepublished", _yes(record.minutes is not None))
    _add(root, "meetingroom", meeting.room)

    entries = published_agenda(record)
    ids = _item_ids(entries, record.items)
    minuted = {
        str(item.get("number", "")): item
        for item in (record.minutes.public_document.get("items", []) if record.minutes else [])
    }
    declared: dict[str, int] = {}
    for declaration in (
        record.minutes.public_document.get("declarations", []) if record.minutes else []
    ):
        declared[str(declaration.get("item", ""))] = (
            declared.get(str(declaration.get("item", "")), 0) + 1
        )
    papers: dict[str, list[PublicPaper]] = {}
    for paper in record.papers:
        papers.setdefault(paper.item_number, []).append(paper)

    agenda = _add(root, "agendaitems")
    for entry, item_id in zip(entries, ids, strict=True):
        number, _, sub = entry.number.partition(".")
        minutes_item = minuted.get(entry.number)
        decisions = bool(minutes_item and minutes_item.get("decisions"))
        item = _add(agenda, "agendaitem")
        _add(item, "agendaitemid", str(item_id or 0))
        _add(item, "agendaitemtitle", entry.title)
        _add(item, "agendatext", f"<p>{escape(entry.note)}</p>" if entry.note else "")
        _add(item, "actualmeetingdate", _date(meeting.date))
        _add(item, "agendaitemnumber", number)
        _add(item, "agendaitemsubnumber", sub)
        _add(item, "fulldisplaynumberformat", f"{entry.number}.")
        _add(item, "authorusername")
        _add(item, "commentlabel1", "Presented By")
        _add(item, "commenttext1", (minutes_item or {}).get("introduced_by", ""))
        _add(item, "commentlabel2", "Actions")
        _add(
            item,
            "commenttext2",
            "; ".join(
                f"{a.get('text', '')} ({a.get('owner', '')})"
                for a in (minutes_item or {}).get("actions", [])
            ),
        )
        _add(item, "minutesnonemptyhtmlbody", minutes_html(minutes_item) if minutes_item else "")
        _add(item, "declarationcount", str(declared.get(entry.number, 0)))
        _add(item, "iscallin", "False")
        _add(item, "iscomment", "False")
        _add(item, "isdecision", _yes(decisions))
        _add(item, "isdecisionpublished", _yes(decisions))
        _add(item, "isminutepublished", _yes(minutes_item is not None))
        _add(item, "ispubliccanspeak", "False")
        _add(item, "isrestricted", _yes(entry.exempt))
        _add(item, "isdisplayallowed", "True")
        _add(item, "meetingdate", _date(meeting.date))
        _add(item, "meetingtime", clock(meeting.start_time))
        _add(item, "minutesitemnumber", number if minutes_item else "")
        _add(item, "minutesitemsubnumber", sub if minutes_item else "")
        _add(item, "preferreddate", _date(meeting.date))
        _add(item, "refertocommittee", board.name)
        documents: list[Document] = []
        if not entry.exempt:
            documents = [paper_document(p) for p in papers.get(entry.number, [])]
            if item_id in record.approved_minutes:
                documents.append(record.approved_minutes[item_id])
        _linked(item, documents, meeting, entry.title)

    # Not in the fixtures' items: the meeting's own packs and minutes, as ModernGov lists
    # them on the meeting's page ("Public reports pack", "Printed minutes").
    _linked(root, record.documents, meeting, board.name)
    _attendees(root, record, person_url)
    return root


def _attendee(
    parent: Element,
    name: str,
    role: str,
    attendance: str,
    membership: Membership | None,
    person_url: Callable[[str], str],
) -> None:
    group = membership.political_group if membership else None
    represents = ""
    if membership is not None:
        represents = membership.authority.name if membership.authority else membership.represents
    attendee = _add(
        parent,
        "attendee",
        membertype="U" if membership else "",
        memberid=str(membership.person_id) if membership else "",
        name=name,
        roledescription=role,
        attendance=attendance,
        politicalparty=(group.short_name or group.name) if group else "",
        ward=represents,
    )
    if membership is not None:
        _add(attendee, "url", person_url(membership.person.slug))


def _attendees(root: Element, record: MeetingRecord, person_url: Callable[[str], str]) -> None:
    """Members expected; once the meeting is held, the register: members with their marks
    (a seat with no mark is absent, or left out when the register was transcribed from
    minutes that list only who attended), then members and officers the register adds."""
    meeting = record.meeting
    attendees = _add(root, "attendees")
    held = meeting.status == MeetingStatus.HELD
    marks = {a.membership_id: a for a in record.register} if held else {}
    seats = [s for s in record.seats if s.is_active_on(meeting.date)]
    for seat in seats:
        mark = marks.pop(seat.pk, None)
        if mark is not None:
            attendance = ATTENDANCE[AttendanceStatus(mark.status)]
        elif seat.role == MembershipRole.SUBSTITUTE or (held and record.as_recorded):
            continue  # a substitute is expected only in a member's place
        else:
            attendance = "Absent" if held else EXPECTED
        _attendee(
            attendees,
            seat.person.display_name,
            ROLES[MembershipRole(seat.role)],
            attendance,
            seat,
            person_url,
        )
    for mark in marks.values():  # a register line for a seat outside the term's roster
        membership = mark.membership
        _attendee(
            attendees,
            membership.person.display_name,
            ROLES[MembershipRole(membership.role)],
            ATTENDANCE[AttendanceStatus(mark.status)],
            membership,
            person_url,
        )
    if not held:
        return
    for other in record.others:
        member = other.kind == OtherAttendee.Kind.MEMBER
        _attendee(
            attendees,
            other.name,
            other.role or ("Committee Member" if member else "Officer"),
            "Present" if member else "In attendance",
            None,
            person_url,
        )


def publication_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def minutes_title(version: MinutesVersion) -> str:
    return f"Minutes of the meeting of {short_date(version.meeting.date)}"
