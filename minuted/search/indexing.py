"""Building the search index from public data only.

Meetings are indexed from the public editions of their latest published versions, read
through ``papers/public.py`` and ``record/public.py`` — never from reports, decisions or minutes
rows, which hold exempt text and drafts. So an exempt report never reaches the index (the
public edition has only its title, which is left out too: the exempt item's agenda line, as the
public agenda prints it, is what can be found), and a confidential decision reaches it only
once it is released and the minutes republished. People and boards are indexed from their
public fields (names, memberships, purpose, terms of reference).

Each ``reindex_*`` replaces the entries of what it is given, in one transaction: the signals
in ``apps.py`` call them when a pack or minutes are published and when people, memberships and
boards are saved; ``minuted reindex`` rebuilds everything."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Prefetch

from minuted.governance.models import Board, Membership, Person
from minuted.meetings.models import Meeting
from minuted.papers.models import PackKind, PackVersion
from minuted.papers.public import latest_packs, public_papers
from minuted.record.models import MinutesVersion
from minuted.record.public import latest_minutes, public_decisions
from minuted.rendering.blocks import markdown_to_blocks, plain_text
from minuted.search.backends import clean_text
from minuted.search.models import Entry, Kind

BATCH = 500


def _text(*parts: str) -> str:
    return clean_text("\n".join(p.strip() for p in parts if p and p.strip()))


def _blocks(blocks: Any) -> str:
    return plain_text(blocks) if isinstance(blocks, list) else ""


# --- Meetings: packs and minutes -------------------------------------------------------------


def report_text(report: dict[str, Any]) -> str:
    """Every section of a report as the public edition prints it, as plain text."""
    parts = [str(report.get("purpose", "")), _blocks(report.get("summary"))]
    parts.append(str(report.get("recommendations_intro", "")))
    for line in report.get("recommendations", []):
        parts.append(_blocks([{"type": "paragraph", "inlines": line}]))
    parts.append(_blocks(report.get("actions")))
    for section in report.get("sections", []):
        parts.append(str(section.get("heading", "")))
        for paragraph in section.get("paragraphs", []):
            parts.append(_blocks(paragraph.get("blocks")))
            parts += [_blocks(child.get("blocks")) for child in paragraph.get("children", [])]
    for appendix in report.get("appendices", []):
        parts += [str(appendix.get("title", "")), _blocks(appendix.get("blocks"))]
    for contact in report.get("contact_officers", []):
        parts.append(f"{contact.get('name', '')}, {contact.get('position', '')}".strip(", "))
    parts += [str(paper.get("title", "")) for paper in report.get("background_papers", [])]
    return _text(*parts)


def minutes_item_text(item: dict[str, Any]) -> str:
    """A public minutes item: who introduced it, the discussion, declarations, decisions and
    actions (an exempt item's discussion and withheld decisions are not in the document)."""
    parts = [
        str(item.get("introduced_by", "")),
        str(item.get("urgency_reason", "")),
        _blocks(item.get("discussion")),
    ]
    parts += [str(d) for d in item.get("declarations", [])]
    if not item.get("decisions_withheld"):
        for decision in item.get("decisions", []):
            parts += [_blocks(decision.get("text")), str(decision.get("vote", ""))]
        for action in item.get("actions", []):
            parts.append(f"{action.get('text', '')} {action.get('owner', '')}")
    return _text(*parts)


def _meeting_entry(meeting: Meeting, **fields: Any) -> Entry:
    return Entry(
        organisation_id=meeting.board.organisation_id,
        board_id=meeting.board_id,
        meeting=meeting,
        date=meeting.date,
        **fields,
    )


def pack_entries(versions: Sequence[PackVersion]) -> list[Entry]:
    """Agenda items (from each meeting's main pack) and public reports (from every pack, the
    latest copy of each) of the latest published versions."""
    entries: list[Entry] = []
    for version in versions:
        if version.kind != PackKind.MAIN:
            continue
        agenda = version.public_document.get("agenda", [])
        for position, line in enumerate(agenda):
            if line.get("type") != "item":
                continue
            entries.append(
                _meeting_entry(
                    version.meeting,
                    kind=Kind.AGENDA_ITEM,
                    title=clean_text(str(line.get("title", ""))),
                    body=_text(str(line.get("note", ""))),
                    label=f"Item {line.get('number', '')}",
                    version=version.number,
                    pack=version.kind,
                    ref=str(line.get("number", "")),
                    position=position,
                )
            )
    latest: dict[tuple[int, str], Any] = {}
    for paper in public_papers(versions):  # oldest pack first: a later copy replaces it
        latest[(paper.meeting.pk, paper.id)] = paper
    for position, paper in enumerate(latest.values()):
        entries.append(
            _meeting_entry(
                paper.meeting,
                kind=Kind.REPORT,
                title=clean_text(paper.title),
                body=report_text(paper.content),
                label=f"Report, item {paper.item_number}" if paper.item_number else "Report",
                version=paper.version.number,
                pack=paper.version.kind,
                ref=paper.id,
                position=position,
            )
        )
    return entries


def minutes_entries(versions: Sequence[MinutesVersion]) -> list[Entry]:
    """Public minutes items and decisions of the latest published minutes."""
    entries: list[Entry] = []
    for version in versions:
        for position, item in enumerate(version.public_document.get("items", [])):
            number = str(item.get("number", ""))
            entries.append(
                _meeting_entry(
                    version.meeting,
                    kind=Kind.MINUTES,
                    title=clean_text(str(item.get("title", ""))),
                    body=minutes_item_text(item),
                    label=f"Minutes, item {number}",
                    version=version.number,
                    ref=number,
                    position=position,
                )
            )
    for position, decision in enumerate(public_decisions(versions)):
        entries.append(
            _meeting_entry(
                decision.meeting,
                kind=Kind.DECISION,
                title=clean_text(decision.item_title),
                body=_text(decision.text, decision.vote),
                label=f"Decision {decision.number}",
                version=decision.version.number,
                ref=decision.item_number,
                position=position,
            )
        )
    return entries


@transaction.atomic
def reindex_meetings(meetings: Iterable[Meeting] | None = None) -> int:
    """Replace the entries of these meetings (all meetings if None) from their latest
    published packs and minutes; returns how many entries they have now."""
    if meetings is None:
        Entry.objects.filter(meeting__isnull=False).delete()
        packs, minutes = latest_packs(), latest_minutes()
    else:
        meetings = list(meetings)
        Entry.objects.filter(meeting__in=meetings).delete()
        packs, minutes = latest_packs(meetings), latest_minutes(meetings)
    entries = pack_entries(packs) + minutes_entries(minutes)
    Entry.objects.bulk_create(entries, batch_size=BATCH)
    return len(entries)


def reindex_meeting(meeting: Meeting) -> int:
    return reindex_meetings([meeting])


def follow_meeting(meeting: Meeting) -> None:
    """Keep the entries of a meeting whose date or board changed in step (their text comes
    from published versions, which never change)."""
    Entry.objects.filter(meeting=meeting).exclude(
        date=meeting.date, board_id=meeting.board_id
    ).update(date=meeting.date, board_id=meeting.board_id)


# --- People and boards ---------------------------------------------------------------------


def _membership_line(m: Membership) -> str:
    parts = [m.get_role_display(), m.board.name, m.term.name]
    if m.political_group:
        parts.append(m.political_group.name)
    parts.append(m.authority.name if m.authority else m.represents)
    return ", ".join(p for p in parts if p)


@transaction.atomic
def reindex_people(people: Iterable[Person] | None = None) -> int:
    """Replace the entries of these people (everyone if None): their name, and each
    membership (role, board, term, political group, whom they represent)."""
    found = Person.objects.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related(
                "board", "term", "political_group", "authority"
            ).order_by("-term__start_date", "board__name"),
        )
    )
    stale = Entry.objects.filter(kind=Kind.PERSON)
    if people is not None:
        keys = [p.pk for p in people]
        found = found.filter(pk__in=keys)
        stale = stale.filter(person__in=keys)
    stale.delete()
    entries = [
        Entry(
            organisation_id=person.organisation_id,
            kind=Kind.PERSON,
            person=person,
            title=clean_text(person.display_name),
            body=_text(*(_membership_line(m) for m in person.memberships.all())),
        )
        for person in found
    ]
    Entry.objects.bulk_create(entries, batch_size=BATCH)
    return len(entries)


@transaction.atomic
def reindex_boards(boards: Iterable[Board] | None = None) -> int:
    """Replace the entries of these boards (all if None): name, purpose and terms of
    reference."""
    found = Board.objects.all()
    stale = Entry.objects.filter(kind=Kind.BOARD)
    if boards is not None:
        keys = [b.pk for b in boards]
        found = found.filter(pk__in=keys)
        stale = stale.filter(board__in=keys)
    stale.delete()
    entries = [
        Entry(
            organisation_id=board.organisation_id,
            kind=Kind.BOARD,
            board=board,
            title=clean_text(board.name),
            body=_text(
                board.short_name,
                board.hashtag,
                board.purpose,
                plain_text(markdown_to_blocks(board.terms_of_reference)),
            ),
        )
        for board in found
    ]
    Entry.objects.bulk_create(entries, batch_size=BATCH)
    return len(entries)


@transaction.atomic
def reindex_all() -> int:
    """Rebuild the whole index; returns the number of entries."""
    return reindex_boards() + reindex_people() + reindex_meetings()
