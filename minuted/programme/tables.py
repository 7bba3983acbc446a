"""The two programme tables boards put in their reports, built from the programme's data, and
embedding one in a report as a table paragraph.

- **Delivered**: the outputs whose KPIs were all met or exceeded by the end of a period, with
  when each was delivered (the period in which its last KPI was first met) and the KPIs met.
- **Planned**: every output with its timeframe and its KPI targets.

An embedded table is copied into the report (``ReportParagraph.table``), with a note of where
it came from, so publishing freezes it into the pack version like any other text: a later edit
of the programme changes neither a published pack nor, until someone refreshes the table, the
report. ``refresh_embedded_tables`` rebuilds them in a report that is not yet published."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from minuted.papers.models import Report, ReportParagraph, ReportSection
from minuted.papers.publishing import record_report_change
from minuted.programme.models import Kpi, Output, Programme, ReportingPeriod
from minuted.programme.rules.rollup import ACHIEVED
from minuted.programme.rules.status import Kind
from minuted.programme.services import KpiResult, results_by_period
from minuted.rendering.blocks import table_block


class Shape(enum.StrEnum):
    DELIVERED = "delivered"
    PLANNED = "planned"
    THEMES_CHART = "themes chart"  # a chart, with its data table
    KPI_CHART = "kpi chart"


@dataclass(frozen=True)
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]

    def as_json(self) -> dict[str, Any]:
        return {"caption": self.caption, "header": self.header, "rows": self.rows}

    def as_block(self) -> dict[str, Any]:
        """As a document block, which pages and PDFs render (every cell printed as text)."""
        return table_block(self.caption, self.header, self.rows)


def _amount(value: Decimal | None) -> str:
    if value is None:
        return "–"
    text = f"{value.normalize():,f}"
    return text


def kpi_result_text(result: KpiResult) -> str:
    kpi = result.kpi
    if kpi.kind == Kind.MILESTONE:
        return f"{kpi.description}: {result.status.value}"
    unit = f" {kpi.unit}" if kpi.unit else ""
    return (
        f"{kpi.description}: {_amount(result.total)} against a target of "
        f"{kpi.direction} {_amount(kpi.target)}{unit} ({result.status.value})"
    )


def delivered_table(programme: Programme, period: ReportingPeriod) -> Table:
    periods = [p for p in programme.periods.all() if p.start_date <= period.start_date]
    by_period = {
        pk: {r.kpi.pk: r for r in results} for pk, results in results_by_period(programme).items()
    }
    rows = []
    for output, kpis in _outputs_with_kpis(programme):
        if not kpis:
            continue
        latest = by_period[period.pk]
        if not all(latest[k.pk].status in ACHIEVED for k in kpis):
            continue
        when = next(
            p for p in periods if all(by_period[p.pk][k.pk].status in ACHIEVED for k in kpis)
        )
        rows.append(
            [
                str(output),
                when.name,
                "; ".join(kpi_result_text(latest[k.pk]) for k in kpis),
            ]
        )
    return Table(
        caption=f"{programme.name}: outputs delivered by the end of {period.name}",
        header=["Output", "When delivered", "KPIs met"],
        rows=rows,
    )


def _outputs_with_kpis(programme: Programme) -> list[tuple[Output, list[Kpi]]]:
    outputs = programme.outputs.select_related("theme").prefetch_related("kpis")
    return [(output, list(output.kpis.all())) for output in outputs]


def planned_table(programme: Programme) -> Table:
    rows = [
        [str(output), output.timeframe_text(), "; ".join(k.target_text() for k in kpis)]
        for output, kpis in _outputs_with_kpis(programme)
    ]
    return Table(
        caption=f"{programme.name}: planned outputs",
        header=["Output", "Timeframe", "KPI targets"],
        rows=rows,
    )


def build_table(programme: Programme, shape: Shape, period: ReportingPeriod | None) -> Table:
    if shape is Shape.DELIVERED:
        if period is None:
            raise ValidationError({"period": "Choose the reporting period the table is for."})
        return delivered_table(programme, period)
    return planned_table(programme)


def build_embed(
    programme: Programme, shape: Shape, period: ReportingPeriod | None, kpi: Kpi | None = None
) -> dict[str, Any]:
    """What a report paragraph holds for ``shape``: a table, or a chart's spec with its data
    table (the paragraph's ``table`` JSON)."""
    if shape in (Shape.DELIVERED, Shape.PLANNED):
        return build_table(programme, shape, period).as_json()
    # The charts are the dashboard's; it imports this module, so it is imported here.
    from minuted.programme.dashboard import charted, kpi_chart_to, themes_chart

    if period is None:
        raise ValidationError({"period": "Choose the reporting period the chart is for."})
    if shape is Shape.THEMES_CHART:
        chart = themes_chart(programme, period)
    else:
        if kpi is None or kpi.output.programme_id != programme.pk or not charted(kpi):
            raise ValidationError({"kpi": "Choose a cumulative KPI of the programme."})
        chart = kpi_chart_to(programme, kpi, period)
    return {**chart.table.as_json(), "chart": chart.spec}


@transaction.atomic
def embed_table(
    section: ReportSection,
    programme: Programme,
    shape: Shape,
    period: ReportingPeriod | None = None,
    *,
    kpi: Kpi | None = None,
    user: Any = None,
    reason: str = "",
) -> ReportParagraph:
    """Add the table (or chart) at the end of the report section, as data copied from the
    programme. In a report already published this is a revision, and needs a reason."""
    content = build_embed(programme, shape, period, kpi)
    source = {"programme": str(programme.uid), "shape": shape.value}
    if period is not None:
        source["period"] = str(period.uid)
    if kpi is not None and shape is Shape.KPI_CHART:
        source["kpi"] = str(kpi.uid)
    last = section.paragraphs.order_by("-position").first()
    paragraph = ReportParagraph(
        section=section,
        position=(last.position + 1) if last else 0,
        table={**content, "source": source},
    )
    paragraph.full_clean()
    paragraph.save()
    report = Report.objects.get(pk=section.report_id)  # as published now, not as first read
    record_report_change(report, user, reason)
    return paragraph


@transaction.atomic
def refresh_embedded_tables(report: Report, *, user: Any = None, reason: str = "") -> int:
    """Rebuild every programme table in the report from the programme as it is now; returns
    how many. In a report already published this is a revision, and needs a reason."""
    report.refresh_from_db(fields=["published_version", "revision"])
    count = 0
    for paragraph in ReportParagraph.objects.filter(section__report=report, table__isnull=False):
        source = (paragraph.table or {}).get("source")
        if not source:
            continue
        programme = Programme.objects.get(uid=source["programme"])
        period = (
            ReportingPeriod.objects.get(uid=source["period"], programme=programme)
            if source.get("period")
            else None
        )
        kpi = Kpi.objects.get(uid=source["kpi"]) if source.get("kpi") else None
        content = build_embed(programme, Shape(source["shape"]), period, kpi)
        paragraph.table = {**content, "source": source}
        paragraph.save()
        count += 1
    if count:
        record_report_change(report, user, reason)
    return count
