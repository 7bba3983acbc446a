"""iCalendar feeds of meetings (RFC 5545): every board's, or one board's.

A meeting's date, time, place, joining and webcast links, status and cancellation are public
facts, so a calendar is made from the meetings themselves; it says nothing of agendas or
papers beyond a link to the public meeting page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from minuted.core.formats import long_date
from minuted.interop.lookups import board_of, host_of, organisation
from minuted.meetings.models import Meeting, MeetingFormat, MeetingStatus

LONDON = ZoneInfo("Europe/London")

STATUSES = {
    MeetingStatus.SCHEDULED: "TENTATIVE",
    MeetingStatus.CONFIRMED: "CONFIRMED",
    MeetingStatus.HELD: "CONFIRMED",
    MeetingStatus.CANCELLED: "CANCELLED",
}


def london_timezone() -> Timezone:
    """Europe/London as a VTIMEZONE with the rules in force since 1996 (the last Sundays of
    March and October), so that clients without a time-zone database place meetings right."""
    zone = Timezone()
    zone.add("tzid", "Europe/London")
    summer = TimezoneDaylight()
    summer.add("tzname", "BST")
    summer.add("dtstart", dt.datetime(1996, 3, 31, 1, 0))
    summer.add("tzoffsetfrom", dt.timedelta(hours=0))
    summer.add("tzoffsetto", dt.timedelta(hours=1))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    winter = TimezoneStandard()
    winter.add("tzname", "GMT")
    winter.add("dtstart", dt.datetime(1996, 10, 27, 2, 0))
    winter.add("tzoffsetfrom", dt.timedelta(hours=1))
    winter.add("tzoffsetto", dt.timedelta(hours=0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def meeting_event(meeting: Meeting, page_url: str, host: str) -> Event:
    """One meeting as a VEVENT. ``page_url`` is its public page; ``host`` makes the UID."""
    board = meeting.board
    cancelled = meeting.status == MeetingStatus.CANCELLED
    event = Event()
    event.add("uid", f"{meeting.uid}@{host}")
    event.add("dtstamp", meeting.modified)
    event.add("last-modified", meeting.modified)
    # Seconds between creation and the last change: it only ever grows, as SEQUENCE must.
    event.add("sequence", max(0, int((meeting.modified - meeting.created).total_seconds())))
    event.add("dtstart", dt.datetime.combine(meeting.date, meeting.start_time, tzinfo=LONDON))
    if meeting.end_time:
        event.add("dtend", dt.datetime.combine(meeting.date, meeting.end_time, tzinfo=LONDON))
    event.add("summary", f"{'Cancelled: ' if cancelled else ''}{board.name} meeting")
    event.add("status", STATUSES.get(MeetingStatus(meeting.status), "CONFIRMED"))
    online = meeting.format in (MeetingFormat.ONLINE, MeetingFormat.HYBRID) and meeting.online_url
    if meeting.format == MeetingFormat.ONLINE and meeting.online_url:
        event.add("location", meeting.online_url)
    elif meeting.place:
        event.add("location", meeting.place)
    event.add("url", meeting.online_url if online else page_url)
    lines = [f"{board.name}, {long_date(meeting.date)}."]
    if cancelled:
        lines.append(
            f"This meeting is cancelled: {meeting.cancellation_reason}"
            if meeting.cancellation_reason
            else "This meeting is cancelled."
        )
    if online:
        lines.append(f"Join online: {meeting.online_url}")
    if meeting.webcast_url:
        lines.append(f"Webcast: {meeting.webcast_url}")
    lines.append(f"Agenda, papers and minutes: {page_url}")
    event.add("description", "\n".join(lines))
    return event


def build_calendar(meetings: Iterable[Meeting], name: str, request: HttpRequest) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Minuted//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)  # RFC 7986
    calendar.add("x-wr-calname", name)  # the same, for clients that predate it
    calendar.add("x-wr-timezone", "Europe/London")
    calendar.add("refresh-interval", dt.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    calendar.add_component(london_timezone())
    host = host_of(request)
    for meeting in meetings:
        page = request.build_absolute_uri(
            reverse("meeting", args=[meeting.board.slug, meeting.slug])
        )
        calendar.add_component(meeting_event(meeting, page, host))
    return calendar


def _response(calendar: Calendar, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=600"
    return response


def _meetings(**filters: object) -> list[Meeting]:
    meetings = Meeting.objects.filter(**filters).select_related("board")
    return list(meetings.order_by("date", "start_time", "pk"))


def calendar(request: HttpRequest) -> HttpResponse:
    """/calendar.ics: every board's meetings."""
    owner = organisation()
    meetings = _meetings(board__organisation=owner)
    name = f"{owner.short_name or owner.name} meetings"
    return _response(build_calendar(meetings, name, request), f"{owner.slug}.ics")


def board_calendar(request: HttpRequest, board: str) -> HttpResponse:
    """/boards/<board>/calendar.ics: one board's meetings."""
    the_board = board_of(board)
    meetings = _meetings(board=the_board)
    name = f"{the_board.name} meetings"
    return _response(build_calendar(meetings, name, request), f"{the_board.slug}.ics")
