"""Loads the demonstration meetings, agendas and reports (meeting-2019-10-29.yaml), then
publishes the 29 October 2019 pack so both editions and the PDF can be seen at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from minuted.accounts.models import Role, User
from minuted.governance.models import Board, Officer, Term
from minuted.meetings.models import AgendaItem, Meeting
from minuted.meetings.services import meeting_slug
from minuted.papers.models import (
    Appendix,
    BackgroundPaper,
    Report,
    ReportContact,
    ReportParagraph,
    ReportSection,
)

MEETING_2019_10_29 = Path(__file__).resolve().parent / "meeting-2019-10-29.yaml"


class DemoMeetingError(ValueError):
    pass


def _time(value: Any) -> Any:
    """A time from YAML (or None), typed loosely as the model fields take either."""
    if value in (None, ""):
        return None
    if isinstance(value, int):  # YAML reads 11:00 as sexagesimal minutes
        return dt.time(value // 60, value % 60)
    return dt.time.fromisoformat(str(value))


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _saved(obj: Any) -> Any:
    obj.full_clean()
    obj.save()
    return obj


def load_meetings(path: Path = MEETING_2019_10_29) -> list[Meeting]:
    """Create the meetings, their agendas and reports (call inside a transaction)."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    officers = {o.slug: o for o in Officer.objects.all()}
    authors = _officer_accounts(officers)
    meetings: dict[str, Meeting] = {}
    items: dict[tuple[str, int], AgendaItem] = {}
    for m in data["meetings"]:
        board = Board.objects.get(slug=m["board"])
        term = Term.objects.get(organisation=board.organisation, slug=m["term"])
        day = _date(m["date"])
        assert day is not None
        meeting = Meeting(
            board=board,
            term=term,
            date=day,
            slug=meeting_slug(board, day),
            start_time=_time(m["start_time"]),
            end_time=_time(m.get("end_time")),
            status=m.get("status", "scheduled"),
            format=m.get("format", "in_person"),
            room=m.get("room", ""),
            address=m.get("address", ""),
            contact_officer=officers.get(m.get("contact_officer") or ""),
            pre_meeting_date=_date(m.get("pre_meeting_date")),
            pre_meeting_time=_time(m.get("pre_meeting_time")),
            pre_meeting_room=m.get("pre_meeting_room") or "",
            group_meetings_start=_time(m.get("group_meetings_start")),
            group_meetings_end=_time(m.get("group_meetings_end")),
            refreshments=m.get("refreshments") or "",
        )
        _saved(meeting)
        meetings[day.isoformat()] = meeting
        for position, entry in enumerate(m.get("agenda") or [], start=1):
            exempt = entry.get("exempt") or {}
            item = _saved(
                AgendaItem(
                    meeting=meeting,
                    position=position,
                    title=entry["title"],
                    kind=entry.get("kind", "standard"),
                    presenter=entry.get("presenter") or "",
                    exempt=bool(exempt),
                    exempt_paragraph=exempt.get("paragraph"),
                    public_interest_reason=(exempt.get("reason") or "").strip(),
                    exemption_review_date=_date(exempt.get("review_date")),
                )
            )
            items[(day.isoformat(), position)] = item
    for position, r in enumerate(data.get("reports") or []):
        key = (str(_date(r["meeting"])), int(r["item"]))
        if key not in items:
            raise DemoMeetingError(f"report {r['title']!r}: no agenda item {key}")
        _load_report(r, items[key], position, authors, officers)
    return list(meetings.values())


def _officer_accounts(officers: dict[str, Officer]) -> dict[str, User | None]:
    """Report authors are officers with sign-in accounts (made here unless they exist)."""
    accounts: dict[str, User | None] = {}
    for slug, officer in officers.items():
        if officer.user_id is None:
            officer.user = User.objects.create_user(
                username=f"officer-{slug}",
                email=f"{slug}@officers.example.org",
                password=None,  # cannot sign in until an administrator sets a password
                role=Role.OFFICER,
                first_name=officer.name.split()[0],
                last_name=" ".join(officer.name.split()[1:]),
            )
            officer.save(update_fields=["user"])
        accounts[slug] = officer.user
    return accounts


def _load_report(
    data: dict[str, Any],
    item: AgendaItem,
    position: int,
    authors: dict[str, User | None],
    officers: dict[str, Officer],
) -> Report:
    report = _saved(
        Report(
            agenda_item=item,
            position=position,
            title=data["title"],
            author=authors.get(data.get("author") or ""),
            status=data.get("status", "ready"),
            purpose=data.get("purpose", "information"),
            summary=(data.get("summary") or "").strip(),
            recommendations_intro=(data.get("recommendations_intro") or "").strip(),
            recommendations="\n".join(
                " ".join(str(line).split()) for line in data.get("recommendations") or []
            ),
            actions=(data.get("actions") or "").strip(),
        )
    )
    for i, c in enumerate(data.get("contacts") or []):
        _saved(
            ReportContact(
                report=report,
                position=i,
                officer=officers.get(c.get("officer") or ""),
                name=c["name"],
                job_title=c.get("job_title") or "",
                phone=c.get("phone") or "",
                email=c.get("email") or "",
            )
        )
    for i, s in enumerate(data.get("sections") or []):
        section = _saved(
            ReportSection(
                report=report, position=i, heading=s["heading"], standard=s.get("standard") or ""
            )
        )
        for j, p in enumerate(s.get("paragraphs") or []):
            paragraph = _saved(
                ReportParagraph(
                    section=section,
                    position=j,
                    text=(p.get("text") or "").strip(),
                    table=p.get("table"),
                )
            )
            for k, child in enumerate(p.get("children") or []):
                _saved(
                    ReportParagraph(
                        section=section, position=k, parent=paragraph, text=str(child).strip()
                    )
                )
    for i, a in enumerate(data.get("appendices") or []):
        _saved(Appendix(report=report, position=i, title=a["title"], body=a.get("body") or ""))
    for i, b in enumerate(data.get("background_papers") or []):
        _saved(BackgroundPaper(report=report, position=i, title=b["title"], url=b.get("url") or ""))
    return report
