"""Programmes a board oversees: the public ones, with themes, outputs, KPIs, statuses and
roll-ups computed from signed-off returns (docs/programme.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Query, Router, Schema

from minuted.api import presenters as p
from minuted.api.errors import READ_ERRORS, READ_ONE_ERRORS
from minuted.api.lookups import get_or_404, slug_or_uid
from minuted.api.pagination import PageParams, page_of, paginate
from minuted.api.schemas import BoardRef, reference
from minuted.programme.dashboard import build
from minuted.programme.models import Programme
from minuted.programme.rules.rollup import Rollup

router = Router(tags=["programmes"])


class ProgrammeFilter(PageParams):
    board: str | None = reference("The overseeing board's slug or uid.")


class RollupOut(Schema):
    """Targets (KPIs) by status, and how many are met or exceeded."""

    achieved: int
    total: int
    headline: str  # "48 of 50 targets met or exceeded"
    by_status: dict[str, int]


class ProgrammeOut(Schema):
    uid: UUID
    slug: str
    name: str
    board: BoardRef
    start_date: dt.date
    end_date: dt.date
    reporting: str
    funder: str
    agreement: str
    grant_amount: Decimal | None
    url: str
    page_url: str


class ThemeOut(Schema):
    name: str
    kind: str  # "building block" or "priority"
    lead_member: str | None
    officer_lead: str | None
    rollup: RollupOut


class KpiOut(Schema):
    uid: UUID
    description: str
    kind: str  # "quantitative" or "milestone"
    target: Decimal | None
    unit: str
    direction: str
    accumulation: str
    due_date: dt.date | None
    status: str  # as at the end of the latest period with a signed-off return
    status_set_by_hand: str | None  # the reason, when a person set the status
    to_date: Decimal | None


class OutputOut(Schema):
    uid: UUID
    reference: str
    description: str
    theme: str
    timeframe: str
    kpis: list[KpiOut]


class PeriodOut(Schema):
    name: str
    start_date: dt.date
    end_date: dt.date
    rollup: RollupOut


class ComparisonOut(Schema):
    name: str
    achieved: int
    total: int
    reported: bool  # as the programme reported it, not computed here
    source: str


class ProgrammeDetail(ProgrammeOut):
    description: str  # Markdown
    as_at: str | None  # the period the statuses are for
    rollup: RollupOut
    previous: ComparisonOut | None
    themes: list[ThemeOut]
    outputs: list[OutputOut]
    periods: list[PeriodOut]


ProgrammePage = page_of(ProgrammeOut, "ProgrammePage")


def _rollup(r: Rollup) -> dict[str, Any]:
    return {
        "achieved": r.achieved,
        "total": r.total,
        "headline": r.headline,
        "by_status": {status.value: count for status, count in r.by_status.items()},
    }


def _programme_out(request: HttpRequest, programme: Programme) -> dict[str, Any]:
    return {
        "uid": programme.uid,
        "slug": programme.slug,
        "name": programme.name,
        "board": p.board_ref(request, programme.board),
        "start_date": programme.start_date,
        "end_date": programme.end_date,
        "reporting": programme.reporting,
        "funder": programme.funder,
        "agreement": programme.agreement,
        "grant_amount": programme.grant_amount,
        "url": p.api_url(request, "programme", programme=programme.uid),
        "page_url": p.page_url(request, "programme", programme=programme.slug),
    }


@router.get("/programmes", response={200: ProgrammePage, **READ_ERRORS})
def list_programmes(request: HttpRequest, filters: Query[ProgrammeFilter]) -> Any:
    """Public programmes, newest first."""
    rows = Programme.objects.filter(is_public=True).select_related("board")
    if filters.board:
        rows = rows.filter(slug_or_uid(filters.board, "board"))
    page = paginate(request, rows.order_by("-start_date", "pk"), filters)
    page["results"] = [_programme_out(request, x) for x in page["results"]]
    return page


@router.get(
    "/programmes/{uuid:programme}",
    response={200: ProgrammeDetail, **READ_ONE_ERRORS},
    url_name="programme",
)
def get_programme(request: HttpRequest, programme: UUID) -> Any:
    """A public programme: its themes, outputs and KPIs with their status, and its roll-ups."""
    the_programme = get_or_404(
        Programme.objects.filter(is_public=True).select_related("board", "previous"),
        "programme",
        uid=programme,
    )
    d = build(the_programme)
    results = {r.kpi.pk: r for summary in d.themes for r in summary.results}
    outputs = []
    for output in the_programme.outputs.select_related("theme").prefetch_related("kpis"):
        kpis = []
        for kpi in output.kpis.all():
            result = results.get(kpi.pk)
            kpis.append(
                {
                    "uid": kpi.uid,
                    "description": kpi.description,
                    "kind": kpi.kind,
                    "target": kpi.target,
                    "unit": kpi.unit,
                    "direction": kpi.direction,
                    "accumulation": kpi.accumulation,
                    "due_date": kpi.due_date,
                    "status": result.status.value if result else "not started",
                    "status_set_by_hand": result.override.reason
                    if result and result.override
                    else None,
                    "to_date": result.total if result else None,
                }
            )
        outputs.append(
            {
                "uid": output.uid,
                "reference": output.reference,
                "description": output.description,
                "theme": output.theme.name,
                "timeframe": output.timeframe_text(),
                "kpis": kpis,
            }
        )
    previous = d.previous
    return {
        **_programme_out(request, the_programme),
        "description": the_programme.description,
        "as_at": d.as_at.name if d.as_at else None,
        "rollup": _rollup(d.rollup),
        "previous": asdict(previous) if previous else None,
        "themes": [
            {
                "name": s.theme.name,
                "kind": s.theme.kind,
                "lead_member": str(s.theme.lead_member) if s.theme.lead_member else None,
                "officer_lead": s.theme.officer_lead.name if s.theme.officer_lead else None,
                "rollup": _rollup(s.rollup),
            }
            for s in d.themes
        ],
        "outputs": outputs,
        "periods": [
            {
                "name": period.name,
                "start_date": period.start_date,
                "end_date": period.end_date,
                "rollup": _rollup(counts),
            }
            for period, counts in d.trend
        ],
    }
