"""A meeting's pack as one JSON document per edition: the single source that the PDF (typst),
the HTML edition and the stored version are all made from.

Nothing exempt enters the public edition: an exempt item keeps its agenda line, and each of
its reports is reduced to its number and title with ``restricted: true`` (the "Document is
Restricted" page). The choice of edition is made by the caller from the visibility policy."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from minuted.core.formats import clock, long_date, short_date, time_window
from minuted.governance.services import roster
from minuted.meetings.models import AgendaItem, AgendaItemKind, Meeting, MeetingStatus
from minuted.meetings.rules.agenda import Entry, agenda_rows, effective_exemptions
from minuted.papers.models import PackEdition, PackKind, Report
from minuted.papers.numbering import Para, number_paragraphs
from minuted.rendering.blocks import markdown_to_blocks, table_block
from minuted.rendering.charts import chart_block


def inline_markdown(text: str) -> list[dict[str, Any]]:
    """The inlines of a one-line Markdown text (a recommendation)."""
    blocks = markdown_to_blocks(text)
    if blocks and blocks[0].get("type") == "paragraph":
        return list(blocks[0]["inlines"])
    return [{"text": text, "strong": False, "emph": False, "code": False, "link": None}]


def plain_text(markdown: str) -> str:
    """Markdown without its markup, for fields the pack prints as plain text."""
    paragraphs = []
    for block in markdown_to_blocks(markdown):
        runs = block.get("inlines", [])
        paragraphs.append("".join(str(r.get("text", "")) for r in runs))
    return "\n\n".join(p for p in paragraphs if p)


def report_content(report: Report) -> dict[str, Any]:
    """The report's full content, numbered, as the pack prints it."""
    sections = list(report.sections.prefetch_related("paragraphs"))
    paragraphs = [p for s in sections for p in _reading_order(list(s.paragraphs.all()))]
    numbers = number_paragraphs(
        [Para(key=p.pk, parent=p.parent_id, numbered=p.table is None) for p in paragraphs]
    )
    out_sections = []
    for section in sections:
        own = _reading_order(list(section.paragraphs.all()))
        top = [p for p in own if p.parent_id is None]
        out_sections.append(
            {
                "heading": section.heading,
                "standard": section.standard,
                "paragraphs": [
                    {
                        "number": numbers[p.pk],
                        "blocks": _paragraph_blocks(p),
                        "children": [
                            {"number": numbers[c.pk], "blocks": _paragraph_blocks(c)}
                            for c in own
                            if c.parent_id == p.pk
                        ],
                    }
                    for p in top
                ],
            }
        )
    return {
        "id": f"r{report.pk}",
        "uid": str(report.uid),
        "item_number": "",
        "title": report.title,
        "restricted": False,
        "purpose": report.get_purpose_display(),
        "summary": markdown_to_blocks(report.summary),
        "recommendations_intro": report.recommendations_intro,
        "recommendations": [inline_markdown(line) for line in report.recommendation_lines],
        "actions": markdown_to_blocks(report.actions),
        "contact_officers": [
            {"name": c.name, "position": c.job_title, "phone": c.phone, "email": c.email}
            for c in report.contacts.all()
        ],
        "sections": out_sections,
        "appendices": [
            {"title": a.title, "blocks": markdown_to_blocks(a.body)}
            for a in report.appendices.all()
        ],
        "background_papers": [
            {"title": b.title, "url": b.url} for b in report.background_papers.all()
        ],
    }


def _reading_order(paragraphs: list[Any]) -> list[Any]:
    """Top-level paragraphs by position, each followed by its sub-paragraphs."""
    top = sorted((p for p in paragraphs if p.parent_id is None), key=lambda p: (p.position, p.pk))
    ordered = []
    for p in top:
        ordered.append(p)
        ordered += sorted(
            (c for c in paragraphs if c.parent_id == p.pk), key=lambda c: (c.position, c.pk)
        )
    return ordered


def _paragraph_blocks(paragraph: Any) -> list[dict[str, Any]]:
    if paragraph.table is not None:
        t = paragraph.table
        table = table_block(t.get("caption", ""), t.get("header", []), t.get("rows", []))
        if isinstance(t.get("chart"), dict):  # a chart, drawn from its data, then that data
            return [chart_block(t["chart"]), table]
        return [table]
    return markdown_to_blocks(paragraph.text)


def agenda_items(meeting: Meeting) -> list[AgendaItem]:
    """Items in agenda order: top-level by position, each followed by its sub-items."""
    items = list(meeting.items.all())
    return _reading_order(items)


def build_document(
    meeting: Meeting,
    edition: str,
    version: int,
    kind: str = PackKind.MAIN,
    published_at: str = "",
) -> dict[str, Any]:
    board = meeting.board
    organisation = board.organisation
    items = agenda_items(meeting)
    entries = [Entry(key=i.pk, parent=i.parent_id, exempt=i.exempt) for i in items]
    exempt = effective_exemptions(entries)
    rows = agenda_rows(entries)
    by_key: dict[Hashable, AgendaItem] = {i.pk: i for i in items}
    numbers = {row.key: row.number for row in rows if row.key is not None}
    included = {
        i.pk for i in items if kind == PackKind.MAIN or i.kind == AgendaItemKind.SUPPLEMENTAL
    }
    reports_by_item: dict[int, list[Report]] = {}
    for report in Report.objects.filter(agenda_item__meeting=meeting).prefetch_related(
        "contacts", "appendices", "background_papers"
    ):
        reports_by_item.setdefault(report.agenda_item_id, []).append(report)

    agenda: list[dict[str, Any]] = []
    reports: list[dict[str, Any]] = []
    for row in rows:
        if row.key is None:
            agenda.append({"type": "marker", "text": row.marker})
            continue
        item = by_key[row.key]
        item_reports = reports_by_item.get(item.pk, []) if item.pk in included else []
        ids = []
        for report in sorted(item_reports, key=lambda r: (r.position, r.pk)):
            ids.append(f"r{report.pk}")
            if exempt[item.pk] and edition == PackEdition.PUBLIC:
                # Not even the report's own title: an officer's title may say what the
                # exempt information is. The public sees the agenda item's title, which the
                # clerk publishes on the agenda anyway.
                content = {"id": f"r{report.pk}", "title": item.title, "restricted": True}
            else:
                content = report_content(report)
            content["item_number"] = numbers[item.pk]
            reports.append(content)
        note = item.note
        if kind == PackKind.SUPPLEMENTARY and item.kind == AgendaItemKind.SUPPLEMENTAL:
            note = ""
        agenda.append(
            {
                "type": "item",
                "number": numbers[item.pk],
                "title": item.title,
                "note": note,
                "reports": ids,
                "exempt": exempt[item.pk],
            }
        )

    edition_name = "public edition" if edition == PackEdition.PUBLIC else "members' edition"
    pack_name = "supplementary pack" if kind == PackKind.SUPPLEMENTARY else "agenda pack"
    return {
        "edition": edition,
        "version": version,
        "kind": kind,
        "published_at": published_at,
        "title": f"{board.name}, {long_date(meeting.date)}: {pack_name} ({edition_name})",
        "organisation": _organisation(organisation),
        "board": {"name": board.name, "hashtag": board.hashtag},
        "meeting": _meeting(meeting),
        "group_offices": [
            {"name": g.name, "phone": g.group_office_phone, "email": g.group_office_email}
            for g in organisation.groups.all()
            if g.group_office_phone or g.group_office_email
        ],
        "membership": _membership(meeting),
        "agenda": agenda,
        "reports": reports,
    }


def _organisation(organisation: Any) -> dict[str, Any]:
    allowance = ""
    if organisation.carers_allowance_hourly:
        allowance = (
            f"A Carer's Allowance of £{organisation.carers_allowance_hourly} per hour"
            + (
                f" or £{organisation.carers_allowance_hourly_london} if receiving London living "
                "wage"
                if organisation.carers_allowance_hourly_london
                else ""
            )
            + " is available to cover the cost of dependants (children, elderly people or "
            "people with disabilities) incurred as a result of attending this meeting."
        )
    return {
        "name": organisation.name,
        "short_name": organisation.short_name,
        "address": organisation.address,
        "website": organisation.website,
        "phone": organisation.phone,
        "email": organisation.email,
        "guidance_notes": markdown_to_blocks(organisation.guidance_notes),
        "social_media_note": plain_text(organisation.social_media_note),
        "carers_allowance": allowance,
    }


def _meeting(meeting: Meeting) -> dict[str, Any]:
    contact = meeting.contact_officer or meeting.board.contact_officer
    next_meeting = (
        Meeting.objects.filter(board=meeting.board, date__gt=meeting.date)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("date", "start_time")
        .first()
    )
    pre = ""
    if meeting.pre_meeting_date:
        pre = long_date(meeting.pre_meeting_date)
        if meeting.pre_meeting_time:
            pre += f", {clock(meeting.pre_meeting_time)}"
        if meeting.pre_meeting_room:
            pre += f", {meeting.pre_meeting_room}"
    return {
        "date": long_date(meeting.date),
        "time": clock(meeting.start_time),
        "place": meeting.place,
        "online_url": meeting.online_url,
        "webcast_url": meeting.webcast_url,
        "status": meeting.get_status_display(),
        "header": f"{meeting.board.name} — {short_date(meeting.date)}",
        "pre_meeting": pre,
        "group_meetings": time_window(meeting.group_meetings_start, meeting.group_meetings_end)
        if meeting.group_meetings_start
        else "",
        "refreshments": meeting.refreshments,
        "contact": {
            "name": contact.name,
            "position": contact.position,
            "phone": contact.phone,
            "email": contact.email,
        }
        if contact
        else None,
        "next_meeting": (
            f"{long_date(next_meeting.date)}, {clock(next_meeting.start_time)}"
            + (f", {next_meeting.place}" if next_meeting.place else "")
        )
        if next_meeting
        else "",
    }


def _membership(meeting: Meeting) -> dict[str, Any]:
    r = roster(meeting.board, meeting.term, as_at=meeting.date)

    def place(m: Any) -> dict[str, str]:
        return {
            "name": m.person.display_name,
            "role": m.get_role_display(),
            "authority": m.authority.name if m.authority else m.represents,
        }

    return {
        "term": meeting.term.name,
        "groups": [
            {
                "name": g.group.name,
                "seats": g.seats,
                "members": [place(m) for m in g.members],
                "substitutes": [place(m) for m in g.substitutes],
                "vacancies": g.vacancies,
            }
            for g in r.groups
        ],
        "observers": [
            {
                "name": m.person.display_name,
                "represents": m.authority.name if m.authority else m.represents,
            }
            for m in r.independent_observers
        ],
    }
