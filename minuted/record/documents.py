"""Minutes as one JSON document per edition, like the agenda pack: the single source for
their web pages and PDF. In the public edition, decisions kept confidential are replaced by
the board's standard sentence until they are released."""

from __future__ import annotations

from typing import Any

from minuted.core.formats import long_date
from minuted.meetings.models import Meeting
from minuted.papers.documents import agenda_items
from minuted.papers.models import PackEdition
from minuted.record.models import (
    CONFIDENTIAL_DECISIONS,
    Attendance,
    AttendanceStatus,
    Declaration,
    Minutes,
    OtherAttendee,
)
from minuted.record.register import agenda_numbers
from minuted.record.rules.votes import Vote, count_votes
from minuted.rendering.blocks import markdown_to_blocks

EXCLUSION = (
    "RESOLVED that the press and public be excluded from the meeting for this item, as it "
    "involves the likely disclosure of exempt information as defined in paragraph {paragraph} "
    "of Part 1 of Schedule 12A to the Local Government Act 1972."
)


def declared(d: Declaration) -> str:
    """One declaration as the minutes record it."""
    text = f"{d.membership.person.display_name} declared a {d.get_kind_display().lower()}"
    text += f": {d.description}" if d.description else "."
    if d.has_valid_dispensation and d.dispensation_expires_on:
        text += (
            f" They hold a dispensation until {long_date(d.dispensation_expires_on)}: "
            f"{d.dispensation_grounds}"
        )
    if d.left_the_room:
        text += " They left the room for the item."
    return text


def minutes_document(minutes: Minutes, edition: str) -> dict[str, Any]:
    meeting: Meeting = minutes.meeting
    public = edition == PackEdition.PUBLIC
    items = agenda_items(meeting)
    numbers = dict(zip([i.pk for i in items], agenda_numbers(items), strict=True))
    index = {item.pk: i for i, item in enumerate(items)}
    entries = {
        e.agenda_item_id: e
        for e in minutes.items.prefetch_related("decisions__votes__membership__person", "actions")
    }
    declarations = list(
        Declaration.objects.filter(item__meeting=meeting).select_related(
            "membership__person", "item__meeting"
        )
    )
    out_items = []
    for item in items:
        entry = entries.get(item.pk)
        if entry is None:
            continue
        confidential = not entry.decisions_public
        decisions: list[dict[str, Any]] = []
        if not (public and confidential):
            for n, d in enumerate(entry.decisions.all(), start=1):
                votes = {str(v.membership_id): Vote(v.vote) for v in d.votes.all()}
                outcome = (
                    count_votes(votes, Vote(d.casting_vote) if d.casting_vote else None)
                    if d.recorded_vote
                    else None
                )
                decisions.append(
                    {
                        "number": str(n),
                        "text": markdown_to_blocks(d.text),
                        "vote": outcome.summary if outcome else "",
                        # Side by side (for, against, abstain), by name within a side.
                        "votes": [
                            {"member": v.membership.person.display_name, "vote": v.vote}
                            for v in sorted(
                                d.votes.all(),
                                key=lambda v: (
                                    list(Vote).index(Vote(v.vote)),
                                    v.membership.person.family_name,
                                    v.membership.person.given_name,
                                ),
                            )
                        ]
                        if d.recorded_vote
                        else [],
                    }
                )
        out_items.append(
            {
                "number": numbers[item.pk],
                "title": item.title,
                "exclusion": EXCLUSION.format(paragraph=item.exempt_paragraph)
                if item.exempt and item.exempt_paragraph
                else "",
                "urgency_reason": item.urgency_reason if item.added_late else "",
                "introduced_by": entry.introduced_by,
                "discussion": []
                if (public and item.exempt)
                else markdown_to_blocks(entry.discussion),
                "declarations": [declared(d) for d in declarations if d.item_id == item.pk],
                "decisions": decisions,
                "decisions_withheld": CONFIDENTIAL_DECISIONS if public and confidential else "",
                "actions": []
                if (public and confidential)
                else [{"text": a.text, "owner": a.owner} for a in entry.actions.all()],
            }
        )
    attendance = Attendance.objects.filter(meeting=meeting).select_related(
        "membership__person", "substitute_for__person"
    )
    others = list(OtherAttendee.objects.filter(meeting=meeting))
    return {
        "edition": edition,
        "title": f"{meeting.board.name}, {long_date(meeting.date)}: minutes",
        "board": meeting.board.name,
        "meeting": {"date": long_date(meeting.date), "place": meeting.place},
        # Members in the register's order, then members the transcribed minutes list without a
        # membership in Minuted (OtherAttendee.Kind.MEMBER), with their position as printed.
        "present": [_present(a) for a in attendance if a.status in _ATTENDED]
        + [_named(o) for o in others if o.kind == OtherAttendee.Kind.MEMBER],
        "apologies": [
            a.membership.person.display_name
            for a in attendance
            if a.status == AttendanceStatus.APOLOGIES
        ],
        "in_attendance": [_named(o) for o in others if o.kind != OtherAttendee.Kind.MEMBER],
        # All of them again, together, as minutes record under "Declarations of interest".
        "declarations": [
            {"item": numbers[d.item_id], "text": declared(d)}
            for d in sorted(declarations, key=lambda d: index[d.item_id])
        ],
        "inquorate": minutes.inquorate_note,
        "items": out_items,
        "approved": {
            "on": long_date(minutes.approved_on) if minutes.approved_on else "",
        },
    }


_ATTENDED = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.SUBSTITUTE,
    AttendanceStatus.VIRTUAL,
    AttendanceStatus.OBSERVER,
)


def _present(a: Attendance) -> str:
    name = a.membership.person.display_name
    if a.status == AttendanceStatus.SUBSTITUTE and a.substitute_for:
        return f"{name} (substitute for {a.substitute_for.person.display_name})"
    if a.status == AttendanceStatus.OBSERVER:
        return f"{name} (observer)"
    if a.status == AttendanceStatus.VIRTUAL:
        return f"{name} (attended virtually)"
    return name


def _named(o: OtherAttendee) -> str:
    return f"{o.name}, {o.role}" if o.role else o.name
