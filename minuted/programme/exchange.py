"""CSV import and export of a programme's outputs with their KPIs and targets, and of the
actuals reported for a period.

Imports check every row first and write nothing unless every row is good: the errors come back
as (row, column, problem), row 1 being the header. Exports write the same columns, so a file
exported from one programme imports into another unchanged (a round trip gives the same file).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from minuted.core.spreadsheet import read_cell, safe_cell
from minuted.programme.models import (
    Actual,
    Kpi,
    Output,
    Programme,
    ReportingPeriod,
    Return,
    ReturnStatus,
    Theme,
    ThemeKind,
    TimeframeKind,
)
from minuted.programme.rules.status import Accumulation, Direction, Kind
from minuted.programme.services import (
    NOT_A_NUMBER,
    draft_return,
    latest_returns,
    parse_actual,
    parse_amount,
)

OUTPUT_COLUMNS = (
    "theme",
    "output reference",
    "output",
    "timeframe",
    "timeframe start",
    "timeframe end",
    "timeframe note",
    "kpi",
    "kind",
    "target",
    "unit",
    "direction",
    "accumulation",
    "due date",
)
ACTUAL_COLUMNS = ("output reference", "kpi", "period start", "actual")
MAX_ROWS = 5000
MAX_BYTES = 2_000_000


@dataclass(frozen=True)
class RowError:
    row: int  # the line of the file, the header being 1
    column: str
    problem: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column “{self.column}”" if self.column else "")
        return f"{where}: {self.problem}"


class ImportError_(Exception):  # noqa: N801 - "ImportError" is a builtin
    """The file was not imported; ``errors`` says where and why."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors[:20]))


# --- Reading ------------------------------------------------------------------------------------


def _rows(data: bytes | str, columns: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise ImportError_([RowError(1, "", f"the file is over {MAX_BYTES:,} bytes")])
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportError_(
                [RowError(1, "", f"the file is not UTF-8 text (byte {error.start})")]
            ) from None
    if "\x00" in data:
        raise ImportError_([RowError(1, "", "the file holds NUL characters: it is not CSV")])
    try:
        table = list(csv.reader(io.StringIO(data, newline="")))
    except csv.Error as error:
        raise ImportError_([RowError(1, "", f"the file is not readable CSV ({error})")]) from None
    if not table:
        raise ImportError_([RowError(1, "", "the file is empty")])
    header = [cell.strip().lower() for cell in table[0]]
    missing = [c for c in columns if c not in header]
    unknown = [c for c in header if c not in columns]
    if missing or unknown:
        problems = []
        if missing:
            problems.append("missing " + ", ".join(f"“{c}”" for c in missing))
        if unknown:
            problems.append("unknown " + ", ".join(f"“{c}”" for c in unknown))
        raise ImportError_(
            [
                RowError(
                    1,
                    "",
                    f"the header must name the columns {', '.join(columns)}: "
                    + "; ".join(problems),
                )
            ]
        )
    if len(table) - 1 > MAX_ROWS:
        raise ImportError_([RowError(1, "", f"the file has over {MAX_ROWS:,} rows")])
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise ImportError_(
                [RowError(number, "", f"{len(cells)} cells where the header has {len(header)}")]
            )
        rows.append(
            (
                number,
                {name: read_cell(cell.strip()) for name, cell in zip(header, cells, strict=True)},
            )
        )
    return rows


class _Row:
    """One row's cells, read column by column; problems are collected, not raised."""

    def __init__(self, number: int, cells: dict[str, str], errors: list[RowError]) -> None:
        self.line, self.cells, self.errors = number, cells, errors

    def fail(self, column: str, problem: str) -> None:
        self.errors.append(RowError(self.line, column, problem))

    def text(self, column: str, *, required: bool = False, limit: int = 300) -> str:
        value = self.cells[column]
        if required and not value:
            self.fail(column, "is empty")
        elif len(value) > limit:
            self.fail(column, f"is longer than {limit} characters")
        return value

    def choice(self, column: str, choices: Iterable[str], default: str = "") -> str:
        value = self.cells[column].lower() or default
        allowed = list(choices)
        if value not in allowed:
            self.fail(column, f"must be one of {', '.join(allowed)}, not “{self.cells[column]}”")
        return value

    def date(self, column: str) -> dt.date | None:
        value = self.cells[column]
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(column, f"must be a date written 2019-04-01, not “{value}”")
            return None

    def number(self, column: str) -> Decimal | None:
        value = self.cells[column]
        if not value:
            return None
        try:
            return parse_amount(value)
        except ValueError as problem:
            if str(problem) == NOT_A_NUMBER:
                self.fail(column, f"must be a number, not “{value}”")
            else:
                self.fail(column, str(problem))
            return None


# --- Outputs and KPIs ---------------------------------------------------------------------------


def _model_errors(row: _Row, instance: Any, columns: dict[str, str], exclude: list[str]) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            for message in messages:
                row.fail(columns.get(field, ""), message)


OUTPUT_FIELDS = {
    "description": "output",
    "reference": "output reference",
    "timeframe": "timeframe",
    "timeframe_start": "timeframe start",
    "timeframe_end": "timeframe end",
    "timeframe_note": "timeframe note",
}
KPI_FIELDS = {
    "description": "kpi",
    "kind": "kind",
    "target": "target",
    "unit": "unit",
    "direction": "direction",
    "accumulation": "accumulation",
    "due_date": "due date",
}


def import_outputs(programme: Programme, data: bytes | str) -> dict[str, int]:
    """Add or update the programme's outputs (by reference) and their KPIs (by description)
    from CSV, creating themes named in it that do not exist. All or nothing."""
    errors: list[RowError] = []
    parsed: list[tuple[_Row, dict[str, Any], dict[str, Any]]] = []
    seen: dict[tuple[str, Any], int] = {}
    outputs_seen: dict[str, tuple[str, dict[str, Any]]] = {}
    for number, cells in _rows(data, OUTPUT_COLUMNS):
        row = _Row(number, cells, errors)
        theme = row.text("theme", required=True, limit=200)
        reference = row.text("output reference", required=True, limit=20)
        output_cells = {
            "description": row.text("output", required=True, limit=2000),
            "timeframe": row.choice("timeframe", TimeframeKind.values, TimeframeKind.ONGOING),
            "timeframe_start": row.date("timeframe start"),
            "timeframe_end": row.date("timeframe end"),
            "timeframe_note": row.text("timeframe note", limit=100),
        }
        kpi_cells = {
            "description": row.text("kpi", required=True),
            "kind": row.choice("kind", [k.value for k in Kind]),
            "target": row.number("target"),
            "unit": row.text("unit", limit=60),
            "direction": row.choice(
                "direction", [d.value for d in Direction], Direction.AT_LEAST.value
            ),
            "accumulation": row.choice(
                "accumulation", [a.value for a in Accumulation], Accumulation.CUMULATIVE.value
            ),
            "due_date": row.date("due date"),
        }
        key = (reference, kpi_cells["description"])
        if key in seen:
            row.fail("kpi", f"repeats the KPI of row {seen[key]} for output {reference}")
        seen[key] = number
        if reference in outputs_seen and outputs_seen[reference] != (theme, output_cells):
            row.fail("output reference", f"{reference} is described differently on another row")
        outputs_seen.setdefault(reference, (theme, output_cells))
        if len([e for e in errors if e.row == number]) == 0:
            _model_errors(
                row,
                Output(programme=programme, reference=reference, **output_cells),
                OUTPUT_FIELDS,
                exclude=["programme", "theme"],
            )
            _model_errors(row, Kpi(**kpi_cells), KPI_FIELDS, exclude=["output"])
        parsed.append((row, {"theme": theme, "reference": reference, **output_cells}, kpi_cells))
    if errors:
        raise ImportError_(errors)
    counts = {"themes": 0, "outputs": 0, "kpis": 0}
    with transaction.atomic():
        themes = {t.name: t for t in programme.themes.all()}
        outputs = {o.reference: o for o in programme.outputs.all()}
        for position, (_, output_fields, kpi_fields) in enumerate(parsed):
            name = output_fields.pop("theme")
            if name not in themes:
                themes[name] = Theme.objects.create(
                    programme=programme, name=name, kind=ThemeKind.PRIORITY, position=len(themes)
                )
                counts["themes"] += 1
            reference = output_fields["reference"]
            output = outputs.get(reference)
            if output is None:
                output = Output(programme=programme, position=len(outputs))
                outputs[reference] = output
                counts["outputs"] += 1
            for field, value in output_fields.items():
                setattr(output, field, value)
            output.theme = themes[name]
            output.save()
            kpi = output.kpis.filter(description=kpi_fields["description"]).first() or Kpi(
                output=output
            )
            for field, value in kpi_fields.items():
                setattr(kpi, field, value)
            kpi.position = position
            if kpi.pk is None:
                counts["kpis"] += 1
            kpi.save()
    return counts


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def export_outputs(programme: Programme) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(OUTPUT_COLUMNS)
    kpis = Kpi.objects.filter(output__programme=programme).select_related("output__theme")
    for kpi in kpis.order_by("output__theme__position", "output__position", "position", "pk"):
        output = kpi.output
        cells = [
            output.theme.name,
            output.reference,
            output.description,
            output.timeframe,
            output.timeframe_start,
            output.timeframe_end,
            output.timeframe_note,
            kpi.description,
            kpi.kind,
            kpi.target,
            kpi.unit,
            kpi.direction,
            kpi.accumulation,
            kpi.due_date,
        ]
        writer.writerow([safe_cell(_cell(cell)) for cell in cells])
    return out.getvalue()


# --- Actuals ------------------------------------------------------------------------------------


def import_actuals(programme: Programme, data: bytes | str, user: Any) -> int:
    """Write the actuals in the file into the draft returns of their outputs and periods
    (making drafts where none is open). All or nothing; returns the number of actuals."""
    errors: list[RowError] = []
    kpis = {
        (k.output.reference, k.description): k
        for k in Kpi.objects.filter(output__programme=programme).select_related("output")
    }
    periods = {p.start_date: p for p in programme.periods.all()}
    wanted: dict[tuple[int, int], tuple[Kpi, ReportingPeriod, Any]] = {}
    for number, cells in _rows(data, ACTUAL_COLUMNS):
        row = _Row(number, cells, errors)
        reference, description = (
            row.text("output reference", required=True),
            row.text("kpi", required=True),
        )
        kpi = kpis.get((reference, description))
        if reference and description and kpi is None:
            row.fail("kpi", f"output {reference} has no KPI “{description}”")
        start = row.date("period start")
        period = periods.get(start) if start else None
        if start and period is None:
            row.fail("period start", f"no reporting period of the programme starts on {start}")
        elif not cells["period start"]:
            row.fail("period start", "is empty")
        if kpi is None or period is None:
            continue
        try:
            value = parse_actual(kpi, cells["actual"])
        except ValidationError as error:
            row.fail("actual", error.messages[0])
            continue
        if (kpi.pk, period.pk) in wanted:
            row.fail("kpi", "appears twice for the same period")
        wanted[(kpi.pk, period.pk)] = (kpi, period, value)
        latest = (
            Return.objects.filter(output=kpi.output, period=period).order_by("-version").first()
        )
        if latest is not None and latest.status == ReturnStatus.SIGNED_OFF:
            row.fail(
                "period start",
                f"the return of {reference} for {period} is signed off; "
                "make a correction to change it",
            )
    if errors:
        raise ImportError_(errors)
    from minuted.programme.models import Actual

    with transaction.atomic():
        for kpi, period, value in wanted.values():
            record = draft_return(kpi.output, period, user)
            actual, _ = Actual.objects.get_or_create(return_record=record, kpi=kpi)
            if kpi.kind == Kind.MILESTONE:
                actual.delivered, actual.value = value, None
            else:
                actual.value, actual.delivered = value, None
            actual.save()
    return len(wanted)


def export_actuals(programme: Programme, signed_off_only: bool = True) -> str:
    """The actual of every KPI in every period, from the latest (signed-off) return version."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ACTUAL_COLUMNS)
    latest = latest_returns(programme, signed_off_only)
    actuals = Actual.objects.filter(return_record__in=latest).select_related(
        "kpi__output", "return_record__period"
    )
    for actual in sorted(
        actuals,
        key=lambda a: (
            a.return_record.period.start_date,
            a.kpi.output.position,
            a.kpi.position,
            a.kpi.pk,
        ),
    ):
        reported = actual.reported
        if reported is None:
            continue
        value = ("yes" if reported else "no") if isinstance(reported, bool) else _cell(reported)
        cells = [
            actual.kpi.output.reference,
            actual.kpi.description,
            actual.return_record.period.start_date.isoformat(),
            value,
        ]
        writer.writerow([safe_cell(cell) for cell in cells])
    return out.getvalue()
