"""What a programme's dashboard shows, read once: the roll-up as at the latest reporting
period with signed-off returns, the themes with their lead members and counts, the trend
across periods, the comparison with the previous programme, the outputs at risk or missed,
the latest signed-off returns, and a chart for each quantitative KPI.

Only signed-off returns are read (services.kpi_results), so nothing here is a draft."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Max

from minuted.programme.charts import Chart, kpi_chart, status_chart
from minuted.programme.models import (
    Kpi,
    Output,
    Programme,
    ReportingPeriod,
    Return,
    ReturnStatus,
    Theme,
)
from minuted.programme.rules.rollup import Rollup, rollup
from minuted.programme.rules.status import Accumulation, Kind, Status, pro_rata
from minuted.programme.services import (
    KpiResult,
    kpi_results,
    latest_returns,
    results_by_period,
)


@dataclass(frozen=True)
class Comparison:
    name: str
    achieved: int
    total: int
    reported: bool  # as published by the programme, not computed from KPIs held here
    source: str = ""

    @property
    def headline(self) -> str:
        return f"{self.achieved} of {self.total} targets met or exceeded"


@dataclass
class ThemeSummary:
    theme: Theme
    rollup: Rollup
    results: list[KpiResult] = field(default_factory=list)
    without_kpis: list[Output] = field(default_factory=list)  # outputs with no KPI set


@dataclass
class Dashboard:
    programme: Programme
    as_at: ReportingPeriod | None
    rollup: Rollup
    themes: list[ThemeSummary]
    trend: list[tuple[ReportingPeriod, Rollup]]
    previous: Comparison | None
    attention: list[KpiResult]  # at risk or missed
    latest_returns: list[Return]
    theme_chart: Chart | None
    kpi_charts: list[tuple[KpiResult, Chart]]

    @property
    def building_blocks(self) -> list[ThemeSummary]:
        """Building blocks no output is filed under: listed by name only."""
        return [
            t
            for t in self.themes
            if t.theme.kind == "building block" and not t.results and not t.without_kpis
        ]


def latest_reported_period(programme: Programme) -> ReportingPeriod | None:
    """The last period with a signed-off return, else the first period."""
    latest = Return.objects.filter(
        output__programme=programme, status=ReturnStatus.SIGNED_OFF
    ).aggregate(last=Max("period__start_date"))["last"]
    periods = programme.periods.all()
    if latest is not None:
        return periods.filter(start_date=latest).first()
    return periods.first()


def comparison(programme: Programme) -> Comparison | None:
    if programme.reported_total is not None and programme.reported_achieved is not None:
        return Comparison(
            programme.name,
            programme.reported_achieved,
            programme.reported_total,
            reported=True,
            source=programme.reported_source,
        )
    last = programme.periods.last()
    if last is None:
        return None
    counts = rollup(r.status for r in kpi_results(programme, last))
    if not counts.total:
        return None
    return Comparison(programme.name, counts.achieved, counts.total, reported=False)


def themes_chart_title(period: ReportingPeriod) -> str:
    return f"Status of targets by theme at the end of {period.name}"


def charted(kpi: Kpi) -> bool:
    """A KPI drawn as actual against target: a cumulative quantitative one."""
    return kpi.kind == Kind.QUANTITATIVE and kpi.accumulation == Accumulation.CUMULATIVE


def progress_chart(
    programme: Programme,
    kpi: Kpi,
    periods: list[ReportingPeriod],
    by_period: dict[int, list[KpiResult]],
    ident: str,
) -> Chart:
    """The KPI's actual to date at the end of each of ``periods``, against what was due."""
    assert kpi.target is not None
    totals = [next(r.total for r in by_period[p.pk] if r.kpi.pk == kpi.pk) for p in periods]
    return kpi_chart(
        ident,
        f"{kpi.description}: actual to date against the target",
        [p.name for p in periods],
        totals,
        [pro_rata(kpi.target, programme.span, p.end_date) for p in periods],
        kpi.target,
        kpi.unit,
    )


def themes_chart(programme: Programme, period: ReportingPeriod) -> Chart:
    """The status of targets by theme at the end of ``period`` (themes with targets)."""
    results = kpi_results(programme, period)
    rows = []
    for theme in programme.themes.all():
        counts = rollup(r.status for r in results if r.kpi.output.theme_id == theme.pk)
        if counts.total:
            rows.append((theme.name, counts))
    return status_chart("themes", themes_chart_title(period), rows)


def kpi_chart_to(programme: Programme, kpi: Kpi, period: ReportingPeriod) -> Chart:
    """The KPI's progress chart over the periods up to and including ``period``."""
    periods = [p for p in programme.periods.all() if p.start_date <= period.start_date]
    return progress_chart(programme, kpi, periods, results_by_period(programme, [kpi]), "kpi")


def build(programme: Programme) -> Dashboard:
    as_at = latest_reported_period(programme)
    periods = list(programme.periods.all())
    by_period = results_by_period(programme)
    results = by_period[as_at.pk] if as_at else []
    themes = []
    bare = list(programme.outputs.filter(kpis__isnull=True))
    for theme in programme.themes.select_related("lead_member", "officer_lead"):
        mine = [r for r in results if r.kpi.output.theme_id == theme.pk]
        others = [o for o in bare if o.theme_id == theme.pk]
        themes.append(ThemeSummary(theme, rollup(r.status for r in mine), mine, others))
    chart = None
    if as_at and results:
        chart = status_chart(
            "themes",
            themes_chart_title(as_at),
            [(summary.theme.name, summary.rollup) for summary in themes if summary.rollup.total],
        )
    shown = [p for p in periods if as_at and p.start_date <= as_at.start_date]
    kpi_charts = [
        (result, progress_chart(programme, result.kpi, shown, by_period, f"kpi-{number}"))
        for number, result in enumerate(results)
        if charted(result.kpi)
    ]
    previous = comparison(programme.previous) if programme.previous else None
    newest = (
        latest_returns(programme)
        .select_related("output", "period", "signed_off_by")
        .order_by("-period__start_date", "output__position")
    )
    return Dashboard(
        programme=programme,
        as_at=as_at,
        rollup=rollup(r.status for r in results),
        themes=themes,
        trend=[(p, rollup(r.status for r in by_period[p.pk])) for p in shown],
        previous=previous,
        attention=[r for r in results if r.status in (Status.AT_RISK, Status.MISSED)],
        latest_returns=list(newest[:10]),
        theme_chart=chart,
        kpi_charts=kpi_charts,
    )
