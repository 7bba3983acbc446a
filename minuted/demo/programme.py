"""Loads the demonstration programmes (programme-2019-20.yaml) and the other boards'
improvement activity of the 29 October 2019 pack (item 9)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from minuted.accounts.models import User
from minuted.governance.models import Board, Officer, Person
from minuted.meetings.models import Meeting
from minuted.papers.models import Report
from minuted.programme.models import ImprovementActivity, Kpi, Output, Programme, Theme
from minuted.programme.services import (
    draft_return,
    make_periods,
    save_return,
    sign_off,
    submit_return,
)

PROGRAMMES = Path(__file__).resolve().parent / "programme-2019-20.yaml"
ACTIVITY_REPORT = "LGA Boards' improvement activity"
LEAD_IN = re.compile(r"^\*\*(?P<title>[^*]+?):?\*\*:?\s*")


def _day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _maybe_day(value: Any) -> dt.date | None:
    return None if value is None else _day(value)


def load_programmes(board: Board, path: Path = PROGRAMMES) -> list[Programme]:
    """Create the programmes of the file for ``board``. Returns are entered by the demo
    officer and signed off by the demo programme manager when those accounts exist."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    people = {p.slug: p for p in Person.objects.filter(organisation=board.organisation)}
    officers = {o.slug: o for o in Officer.objects.filter(organisation=board.organisation)}
    officer_user = User.objects.filter(email="officer@example.org").first()
    loaded: dict[str, Programme] = {}
    for entry in data["programmes"]:
        programme = Programme(
            organisation=board.organisation,
            board=board,
            slug=entry["slug"],
            name=entry["name"],
            start_date=_day(entry["start_date"]),
            end_date=_day(entry["end_date"]),
            reporting=entry.get("reporting", "quarterly"),
            description=(entry.get("description") or "").strip(),
            funder=entry.get("funder", ""),
            agreement=entry.get("agreement", ""),
            grant_amount=Decimal(str(entry["grant_amount"])) if entry.get("grant_amount") else None,
            reported_achieved=entry.get("reported_achieved"),
            reported_total=entry.get("reported_total"),
            reported_source=entry.get("reported_source", ""),
            previous=loaded.get(entry.get("previous") or ""),
        )
        programme.full_clean()
        programme.save()
        loaded[programme.slug] = programme
        managers = list(User.objects.filter(email__in=entry.get("managers") or []))
        programme.managers.add(*managers)
        make_periods(programme)
        themes = {}
        for position, row in enumerate(entry.get("themes") or []):
            theme = Theme(
                programme=programme,
                kind=row["kind"],
                name=row["name"],
                lead_member=_person(people, row.get("lead_member")),
                officer_lead=officers.get(row.get("officer_lead") or ""),
                position=position,
            )
            theme.full_clean()
            theme.save()
            themes[theme.name] = theme
        outputs = {}
        for position, row in enumerate(entry.get("outputs") or []):
            output = Output(
                programme=programme,
                theme=themes[row["theme"]],
                reference=row["reference"],
                description=row["description"],
                timeframe=row.get("timeframe", "ongoing"),
                timeframe_end=_maybe_day(row.get("timeframe_end")),
                officer_lead=officer_user,
                position=position,
            )
            output.full_clean()
            output.save()
            outputs[output.reference] = output
            for number, kpi_row in enumerate(row.get("kpis") or []):
                kpi = Kpi(
                    output=output,
                    position=number,
                    description=kpi_row["description"],
                    kind=kpi_row["kind"],
                    target=Decimal(str(kpi_row["target"])) if "target" in kpi_row else None,
                    unit=kpi_row.get("unit", ""),
                    due_date=_maybe_day(kpi_row.get("due_date")),
                )
                kpi.full_clean()
                kpi.save()
        if officer_user is None or not managers:
            continue
        periods = {p.start_date: p for p in programme.periods.all()}
        for row in entry.get("returns") or []:
            output = outputs[row["output"]]
            kpis = {k.description: k for k in output.kpis.all()}
            record = draft_return(output, periods[_day(row["period_start"])], officer_user)
            save_return(
                record,
                commentary=row.get("commentary", ""),
                evidence=row.get("evidence", ""),
                actuals={kpis[name].pk: str(value) for name, value in row["actuals"].items()},
                user=officer_user,
            )
            submit_return(record)
            sign_off(record, managers[0])
    return list(loaded.values())


def _person(people: dict[str, Person], slug: str | None) -> Person | None:
    return people[slug] if slug else None


def load_activity(board: Board, meeting: Meeting) -> list[ImprovementActivity]:
    """The other boards' activity the 29 October 2019 pack reports (item 9), as entries
    collected for that meeting: one per paragraph of each board's section of the report as
    transcribed in meeting-2019-10-29.yaml, its bold lead-in as the title."""
    report = Report.objects.filter(agenda_item__meeting=meeting, title=ACTIVITY_REPORT).first()
    if report is None:
        return []
    entries: list[ImprovementActivity] = []
    for section in report.sections.filter(standard="").exclude(heading="Background"):
        board_name, _, area = section.heading.partition(": ")
        for paragraph in section.paragraphs.filter(parent=None):
            text = paragraph.text.strip()
            match = LEAD_IN.match(text)
            title = match.group("title").strip() if match else ""
            body = text[match.end() :] if match else text
            children = [c.text.strip() for c in paragraph.children.all()]
            if children:
                body += "\n\n" + "\n".join(f"- {child}" for child in children)
            entries.append(
                ImprovementActivity.objects.create(
                    board=board,
                    meeting=meeting,
                    source_board=None,
                    source_board_name=board_name,
                    programme_area=area,
                    title=title,
                    text=body,
                    date=meeting.date,
                    position=len(entries),  # in the order the report prints them
                )
            )
    return entries
