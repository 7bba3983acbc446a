"""Meeting and Location from the meeting rows (date, time, place and status are inherently
public; the register of a held meeting too); AgendaItem, Paper, Consultation and File from the
entries read out of the public editions of published versions (index.py)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import F, OuterRef, Q, QuerySet
from django.utils import timezone

from minuted.core.formats import long_date
from minuted.governance.models import Membership, MembershipRole, Organisation
from minuted.governance.rules import quorum_required
from minuted.interop.models import OParlEntry, OParlMeetingState, OParlType
from minuted.interop.oparl.common import Json, head, latest, newest_of, put, stamps
from minuted.interop.oparl.ids import Ids, moment
from minuted.meetings.models import Meeting, MeetingFormat, MeetingStatus
from minuted.record.models import Attendance, AttendanceStatus, OtherAttendee

ATTENDED = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.SUBSTITUTE,
    AttendanceStatus.VIRTUAL,
    AttendanceStatus.OBSERVER,
)


def meetings(queryset: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Meetings with a ``modified`` that also counts their register and what their published
    versions hold (agenda items, files, minutes)."""
    state = OParlMeetingState.objects.filter(meeting=OuterRef("pk"))
    return (
        queryset.select_related("board__organisation", "term")
        .annotate(
            oparl_modified=newest_of(
                latest(OParlEntry.objects.filter(meeting=OuterRef("pk"))),
                latest(Attendance.objects.filter(meeting=OuterRef("pk"))),
                latest(OtherAttendee.objects.filter(meeting=OuterRef("pk"))),
                latest(state.filter(register_changed__isnull=False), "register_changed"),
            )
        )
        .order_by("pk")
    )


def body_meetings(organisations: QuerySet[Organisation]) -> QuerySet[Meeting]:
    return meetings(Meeting.objects.filter(board__organisation__in=organisations))


def _aware(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


def has_location(meeting: Meeting) -> bool:
    return meeting.format != MeetingFormat.ONLINE and bool(meeting.room or meeting.address)


def location_object(meeting: Meeting, ids: Ids) -> Json:
    out = head("Location", meeting.uid, ids)
    out["description"] = ", ".join(p for p in (meeting.room, meeting.address) if p)
    put(out, "room", meeting.room)
    put(out, "streetAddress", meeting.address)
    out["meetings"] = [ids.of("Meeting", meeting.uid)]
    out["created"] = moment(meeting.created)
    out["modified"] = moment(meeting.modified)
    return out


def locations(organisations: QuerySet[Organisation]) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(board__organisation__in=organisations)
        .exclude(format=MeetingFormat.ONLINE)
        .exclude(room="", address="")
        .annotate(oparl_modified=F("modified"))
        .order_by("pk")
    )


def render_locations(rows: list[Meeting], ids: Ids) -> list[Json]:
    return [location_object(m, ids) for m in rows]


def _entries_by_meeting(meetings: list[Meeting]) -> dict[int, list[OParlEntry]]:
    found: dict[int, list[OParlEntry]] = defaultdict(list)
    for entry in OParlEntry.objects.filter(
        meeting__in=meetings,
        deleted=False,
        type__in=[OParlType.AGENDA_ITEM, OParlType.FILE, OParlType.MEETING_RECORD],
    ).order_by("position", "pk"):
        if entry.meeting_id is not None:
            found[entry.meeting_id].append(entry)
    return found


def _quorum(meeting: Meeting, memberships: list[Membership], record: Json) -> Json:
    """What the meeting needed to be quorate, counted as the board page counts it (the
    governance roster): voting members and observers whose membership held that day."""
    held = [m for m in memberships if m.is_active_on(meeting.date)]
    voting = sum(1 for m in held if m.voting_right and m.role != MembershipRole.SUBSTITUTE)
    observers = sum(1 for m in held if m.is_observer)
    requirement = quorum_required(meeting.board.quorum_rule, voting, observers)
    out: Json = {
        "required": requirement.required,
        "of": requirement.membership_total,
        "minimumGroups": requirement.minimum_groups,
        "explanation": requirement.explanation,
    }
    put(out, "inquorate", record.get("inquorate"))
    return out


def render_meetings(rows: list[Meeting], ids: Ids) -> list[Json]:
    entries = _entries_by_meeting(rows)
    held = [m for m in rows if m.status == MeetingStatus.HELD]
    marks: dict[int, list[Attendance]] = defaultdict(list)
    for mark in Attendance.objects.filter(meeting__in=held).select_related(
        "membership__person", "substitute_for__person"
    ):
        marks[mark.meeting_id].append(mark)
    others: dict[int, list[OtherAttendee]] = defaultdict(list)
    for other in OtherAttendee.objects.filter(meeting__in=held):
        others[other.meeting_id].append(other)
    seats: dict[tuple[int, int], list[Membership]] = defaultdict(list)
    pairs = Q()
    for m in rows:
        pairs |= Q(board_id=m.board_id, term_id=m.term_id)
    if rows:
        for membership in Membership.objects.filter(pairs).select_related("term"):
            seats[(membership.board_id, membership.term_id)].append(membership)
    return [
        _meeting_object(
            m,
            entries[m.pk],
            marks[m.pk],
            others[m.pk],
            seats[(m.board_id, m.term_id)],
            ids,
        )
        for m in rows
    ]


def _meeting_object(
    meeting: Meeting,
    entries: list[OParlEntry],
    marks: list[Attendance],
    others: list[OtherAttendee],
    memberships: list[Membership],
    ids: Ids,
) -> Json:
    board = meeting.board
    files = {e.key: e for e in entries if e.type == OParlType.FILE}
    record: Json = next((e.data for e in entries if e.type == OParlType.MEETING_RECORD), {})
    out = head("Meeting", meeting.uid, ids)
    out["name"] = f"{board.name}, {long_date(meeting.date)}"
    out["meetingState"] = meeting.get_status_display()
    out["cancelled"] = meeting.status == MeetingStatus.CANCELLED
    out["start"] = moment(_aware(meeting.date, meeting.start_time))
    if meeting.end_time:
        out["end"] = moment(_aware(meeting.date, meeting.end_time))
    if has_location(meeting):
        out["location"] = location_object(meeting, ids)
    out["organization"] = [ids.of("Organization", board.uid)]
    put(
        out,
        "participant",
        [ids.of("Person", a.membership.person.uid) for a in marks if a.status in ATTENDED],
    )
    invitation = files.get(record.get("invitation") or "")
    if invitation is not None:
        out["invitation"] = file_object(invitation, meeting, ids)
    minutes = files.get(record.get("resultsProtocol") or "")
    if minutes is not None:
        out["resultsProtocol"] = file_object(minutes, meeting, ids)
    put(
        out,
        "auxiliaryFile",
        [file_object(files[k], meeting, ids) for k in record.get("auxiliary", []) if k in files],
    )
    put(
        out,
        "agendaItem",
        [agenda_item_object(e, meeting, ids) for e in entries if e.type == OParlType.AGENDA_ITEM],
    )
    put(out, "web", ids.site("meeting", ("slug", board.slug), ("slug", meeting.slug)))
    out["minuted:format"] = meeting.format
    put(out, "minuted:onlineUrl", meeting.online_url)
    put(out, "minuted:webcastUrl", meeting.webcast_url)
    if meeting.status == MeetingStatus.CANCELLED:
        put(out, "minuted:cancellationReason", meeting.cancellation_reason)
    out["minuted:legislativeTerm"] = ids.of("LegislativeTerm", meeting.term.uid)
    out["minuted:quorum"] = _quorum(meeting, memberships, record)
    if meeting.status == MeetingStatus.HELD:
        out["minuted:attendance"] = [_mark(a, ids) for a in marks]
        out["minuted:apologies"] = [
            ids.of("Person", a.membership.person.uid)
            for a in marks
            if a.status == AttendanceStatus.APOLOGIES
        ]
        put(
            out,
            "minuted:inAttendance",
            [_other(o) for o in others if o.kind != OtherAttendee.Kind.MEMBER],
        )
        put(
            out,
            "minuted:membersAsRecorded",
            [_other(o) for o in others if o.kind == OtherAttendee.Kind.MEMBER],
        )
    put(out, "minuted:declarations", record.get("declarations"))
    put(
        out,
        "minuted:earlierFiles",
        [
            ids.of("File", e.key)
            for e in entries
            if e.type == OParlType.FILE and not e.data.get("latest")
        ],
    )
    out.update(stamps(meeting))
    return out


def _mark(a: Attendance, ids: Ids) -> Json:
    out: Json = {
        "person": ids.of("Person", a.membership.person.uid),
        "membership": ids.of("Membership", a.membership.uid),
        "status": a.status,
    }
    if a.substitute_for is not None:
        out["substituteFor"] = ids.of("Person", a.substitute_for.person.uid)
    return out


def _other(o: OtherAttendee) -> Json:
    out: Json = {"name": o.name}
    put(out, "role", o.role)
    return out


# --- Objects read from published versions ----------------------------------------------------


def entries(type_name: str, organisations: QuerySet[Organisation]) -> QuerySet[OParlEntry]:
    bodies = organisations.values("uid")
    return (
        OParlEntry.objects.filter(type=type_name, body_uid__in=bodies)
        .filter(Q(meeting__isnull=False) | Q(deleted=True))  # a live object has its meeting
        .select_related("meeting__board", "meeting__term")
        .annotate(oparl_modified=F("modified"))
        .order_by("pk")
    )


def agenda_item_object(entry: OParlEntry, meeting: Meeting, ids: Ids) -> Json:
    data = entry.data
    out = head("AgendaItem", entry.key, ids)
    out["meeting"] = ids.of("Meeting", meeting.uid)
    out["number"] = data["number"]
    out["order"] = int(data["order"])
    out["name"] = data["name"]
    out["public"] = bool(data["public"])
    papers = data.get("papers", []) if data["public"] else []
    if papers:
        out["consultation"] = ids.of("Consultation", papers[0])
        if len(papers) > 1:
            out["minuted:consultations"] = [ids.of("Consultation", p) for p in papers]
    minutes = data.get("minutes") or {}
    decisions = minutes.get("decisions", [])
    put(out, "resolutionText", "\n\n".join(d["text"] for d in decisions))
    put(
        out,
        "web",
        ids.site(
            "item", ("slug", meeting.board.slug), ("slug", meeting.slug), ("item", data["number"])
        ),
    )
    put(out, "minuted:note", data.get("note"))
    put(out, "minuted:decisions", decisions)
    put(out, "minuted:decisionsWithheld", minutes.get("decisionsWithheld"))
    put(out, "minuted:actions", minutes.get("actions"))
    put(out, "minuted:declarations", minutes.get("declarations"))
    put(out, "minuted:introducedBy", minutes.get("introducedBy"))
    put(out, "minuted:discussion", minutes.get("discussion"))
    put(out, "minuted:exclusion", minutes.get("exclusion"))
    put(out, "minuted:urgencyReason", minutes.get("urgencyReason"))
    out["created"] = moment(entry.created)
    out["modified"] = moment(entry.modified)
    return out


def render_agenda_items(rows: list[OParlEntry], ids: Ids) -> list[Json]:
    return [agenda_item_object(e, _meeting(e), ids) for e in rows]


def _meeting(entry: OParlEntry) -> Meeting:
    if entry.meeting is None:  # only tombstones lose their meeting
        raise ValueError(f"{entry} has no meeting")
    return entry.meeting


_PDF_PAGES = {"main": "pack-pdf", "supplementary": "supplementary-pdf", "minutes": "minutes-pdf"}
_REPORT_PAGES = {"main": "pack-report", "supplementary": "supplementary-report"}


def file_object(entry: OParlEntry, meeting: Meeting, ids: Ids) -> Json:
    data = entry.data
    download = ids.of("File", entry.key) + "download/"
    out = head("File", entry.key, ids)
    out["name"] = data["name"]
    out["fileName"] = data["fileName"]
    out["mimeType"] = "application/pdf"
    out["date"] = data["date"]
    if data.get("sha512Checksum"):
        out["size"] = int(data["size"])
        out["sha512Checksum"] = data["sha512Checksum"]
    out["accessUrl"] = (
        ids.site(
            _PDF_PAGES[data["kind"]],
            ("slug", meeting.board.slug),
            ("slug", meeting.slug),
            ("int", data["number"]),
            ("slug", "public"),
        )
        or download
    )
    out["downloadUrl"] = download
    out["meeting"] = [ids.of("Meeting", meeting.uid)]
    out["minuted:kind"] = data["kind"]
    out["minuted:version"] = data["number"]
    out["minuted:edition"] = "public"
    out["minuted:latest"] = bool(data.get("latest"))
    out["created"] = moment(entry.created)
    out["modified"] = moment(entry.modified)
    return out


def render_files(rows: list[OParlEntry], ids: Ids) -> list[Json]:
    return [file_object(e, _meeting(e), ids) for e in rows]


def consultation_object(entry: OParlEntry, meeting: Meeting, ids: Ids) -> Json:
    data = entry.data
    purpose = str(data.get("purpose", "")).rstrip(".")
    out = head("Consultation", entry.key, ids)
    out["paper"] = ids.of("Paper", entry.key)
    out["agendaItem"] = ids.of("AgendaItem", data["item"])
    out["meeting"] = ids.of("Meeting", meeting.uid)
    out["organization"] = [ids.of("Organization", meeting.board.uid)]
    out["authoritative"] = "decision" in purpose.lower()
    put(out, "role", purpose)
    out["created"] = moment(entry.created)
    out["modified"] = moment(entry.modified)
    return out


def render_consultations(rows: list[OParlEntry], ids: Ids) -> list[Json]:
    return [consultation_object(e, _meeting(e), ids) for e in rows]


def render_papers(rows: list[OParlEntry], ids: Ids) -> list[Json]:
    consultations = {
        e.key: e
        for e in OParlEntry.objects.filter(
            type=OParlType.CONSULTATION, key__in=[r.key for r in rows], deleted=False
        )
    }
    out = []
    for entry in rows:
        meeting = _meeting(entry)
        data = entry.data
        paper = head("Paper", entry.key, ids)
        paper["body"] = ids.of("Body", entry.body_uid)
        paper["name"] = data["name"]
        paper["date"] = data["date"]
        paper["paperType"] = "Report"
        consultation = consultations.get(entry.key)
        if consultation is not None:
            paper["consultation"] = [consultation_object(consultation, meeting, ids)]
        paper["underDirectionOf"] = [ids.of("Organization", meeting.board.uid)]
        put(
            paper,
            "web",
            ids.site(
                _REPORT_PAGES.get(data["kind"], "pack-report"),
                ("slug", meeting.board.slug),
                ("slug", meeting.slug),
                ("int", data["version"]),
                ("slug", "public"),
                ("slug", data["report"]),
            ),
        )
        put(paper, "minuted:itemNumber", data.get("itemNumber"))
        put(paper, "minuted:purpose", data.get("purpose"))
        put(paper, "minuted:summary", data.get("summary"))
        put(paper, "minuted:recommendations", data.get("recommendations"))
        paper["minuted:file"] = ids.of("File", data["file"])
        put(paper, "minuted:pages", data.get("pages"))
        paper["created"] = moment(entry.created)
        paper["modified"] = moment(entry.modified)
        out.append(paper)
    return out
