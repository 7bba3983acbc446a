"""Programme services: reporting periods, returns and their sign-off, corrections, overrides,
and the statuses and roll-ups computed from signed-off returns.

Only signed-off returns count: a draft or a return awaiting sign-off changes no status. Of a
corrected return, the latest signed-off version counts."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from minuted.audit import services as audit
from minuted.programme.access import is_manager
from minuted.programme.models import (
    Actual,
    Kpi,
    LockedError,
    Output,
    Programme,
    Reporting,
    ReportingPeriod,
    Return,
    ReturnStatus,
    StatusOverride,
    Theme,
)
from minuted.programme.rules.rollup import Rollup, rollup
from minuted.programme.rules.status import (
    Accumulation,
    Direction,
    Kind,
    KpiRule,
    Status,
    kpi_status,
)

MONTHS_PER_PERIOD = {Reporting.QUARTERLY: 3, Reporting.HALF_YEARLY: 6, Reporting.ANNUALLY: 12}
ORDINALS = ["First", "Second", "Third", "Fourth"]


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def period_spans(programme: Programme) -> list[tuple[str, dt.date, dt.date]]:
    """The reporting periods of the programme by its reporting frequency: quarters, halves or
    the whole year, from its start; the last one ends with the programme."""
    months = MONTHS_PER_PERIOD[Reporting(programme.reporting)]
    spans = []
    start = programme.start_date
    number = 0
    while start <= programme.end_date:
        end = min(_add_months(start, months) - dt.timedelta(days=1), programme.end_date)
        label = (
            f"{start:%B} to {end:%B %Y}"
            if start.year == end.year
            else f"{start:%B %Y} to {end:%B %Y}"
        )
        if months == 3:
            name = f"Quarter {number + 1} ({label})"
        elif months == 6:
            name = f"{ORDINALS[number] if number < 4 else str(number + 1)} half ({label})"
        else:
            name = f"Year ({label})"
        spans.append((name, start, end))
        start, number = end + dt.timedelta(days=1), number + 1
    return spans


@transaction.atomic
def make_periods(programme: Programme) -> list[ReportingPeriod]:
    """Create the programme's reporting periods (those that exist already are kept)."""
    periods = []
    for name, start, end in period_spans(programme):
        period, _ = ReportingPeriod.objects.get_or_create(
            programme=programme, start_date=start, defaults={"name": name, "end_date": end}
        )
        periods.append(period)
    return periods


# --- Returns ------------------------------------------------------------------------------------


NOT_A_NUMBER = "is not a number"
LARGEST = Decimal(10) ** 12  # the amount fields hold 14 digits, 2 of them after the point


def parse_amount(text: str) -> Decimal:
    """An amount as people type it ("1,234", "£1,234.50"): a number from 0 to under a
    trillion, in pounds and pence at most. Raises ValueError saying what is wrong with it."""
    try:
        value = Decimal(text.strip().replace(",", "").removeprefix("£"))
    except InvalidOperation:
        raise ValueError(NOT_A_NUMBER) from None
    if not value.is_finite():
        raise ValueError(NOT_A_NUMBER)
    if value < 0:
        raise ValueError("cannot be negative")
    if value >= LARGEST:
        raise ValueError("is over 999,999,999,999")
    if value != value.quantize(Decimal("0.01")):
        raise ValueError("has more than two decimal places")
    return value


def parse_actual(kpi: Kpi, raw: Any) -> Decimal | bool | None:
    """Read what was typed for a KPI: an amount (commas allowed, not negative) or, for a
    milestone, yes/no. Blank is "not reported". Raises ValidationError with a message."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if kpi.kind == Kind.MILESTONE:
        if isinstance(raw, bool):
            return raw
        word = str(raw).strip().lower()
        if word in {"yes", "y", "true", "delivered", "1"}:
            return True
        if word in {"no", "n", "false", "not delivered", "0"}:
            return False
        raise ValidationError(f"Say whether “{kpi}” was delivered: yes or no.")
    try:
        return parse_amount(str(raw))
    except ValueError as problem:
        if str(problem) == NOT_A_NUMBER:
            raise ValidationError(f"Enter the actual for “{kpi}” as a number.") from None
        raise ValidationError(f"The actual for “{kpi}” {problem}.") from None


def draft_return(output: Output, period: ReportingPeriod, user: Any) -> Return:
    """The return being written for the output and period: the open draft (or submitted)
    version if there is one, else a new first version."""
    latest = Return.objects.filter(output=output, period=period).order_by("-version").first()
    if latest is not None and not latest.is_locked:
        return latest
    if latest is not None:
        raise LockedError(
            "The return for this period is signed off; make a correction to change it."
        )
    record = Return(output=output, period=period, entered_by=user)
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def save_return(
    record: Return,
    *,
    commentary: str,
    evidence: str,
    actuals: Mapping[int, Any],
    user: Any,
) -> Return:
    """Write a return's text and actuals (by KPI id) in one go: every error, field by field,
    or nothing written."""
    if record.is_locked:
        raise LockedError("This return is signed off; make a correction to change it.")
    errors: dict[str, list[str]] = {}
    values: dict[Kpi, Decimal | bool | None] = {}
    for kpi in record.output.kpis.all():
        try:
            values[kpi] = parse_actual(kpi, actuals.get(kpi.pk))
        except ValidationError as error:
            errors[f"kpi-{kpi.pk}"] = error.messages
    record.commentary, record.evidence, record.entered_by = commentary, evidence, user
    try:
        record.full_clean()
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    record.save()
    for kpi, value in values.items():
        actual, _ = Actual.objects.get_or_create(return_record=record, kpi=kpi)
        if kpi.kind == Kind.MILESTONE:
            actual.delivered, actual.value = value, None  # type: ignore[assignment]
        else:
            actual.value, actual.delivered = value, None  # type: ignore[assignment]
        actual.save()
    return record


def submit_return(record: Return) -> Return:
    if record.is_locked:
        raise LockedError("This return is already signed off.")
    record.status, record.submitted_at = ReturnStatus.SUBMITTED, timezone.now()
    record.save()
    audit.record("programme.return.submit", record, summary=str(record.period))
    return record


@transaction.atomic
def sign_off(record: Return, user: Any) -> Return:
    """The programme manager signs a submitted return off; from then on it is locked."""
    programme = record.output.programme
    if not is_manager(user, programme):
        raise ValidationError("Only a manager of the programme can sign returns off.")
    if record.status != ReturnStatus.SUBMITTED:
        raise ValidationError("Only a return submitted for sign-off can be signed off.")
    record.status = ReturnStatus.SIGNED_OFF
    record.signed_off_by, record.signed_off_at = user, timezone.now()
    Return.objects.filter(pk=record.pk).update(
        status=record.status, signed_off_by=user, signed_off_at=record.signed_off_at
    )
    audit.record("programme.return.sign_off", record, summary=str(record.period), user=user)
    return record


@transaction.atomic
def correct_return(record: Return, user: Any, reason: str) -> Return:
    """Start a correction of a signed-off return: the next version, a draft with the same text
    and actuals, which counts once it is signed off in its turn."""
    if not record.is_locked:
        raise ValidationError("Only a signed-off return is corrected; edit the draft instead.")
    if Return.objects.filter(
        output=record.output_id, period=record.period_id, version__gt=record.version
    ).exists():
        raise ValidationError("A later version of this return exists; correct that one.")
    correction = Return(
        output=record.output,
        period=record.period,
        version=record.version + 1,
        correction_reason=reason,
        commentary=record.commentary,
        evidence=record.evidence,
        entered_by=user,
    )
    correction.full_clean()
    correction.save()
    for actual in record.actuals.all():
        Actual.objects.create(
            return_record=correction, kpi=actual.kpi, value=actual.value, delivered=actual.delivered
        )
    audit.record("programme.return.correct", correction, summary=reason, user=user)
    return correction


def override_status(
    kpi: Kpi, period: ReportingPeriod, status: Status, reason: str, user: Any
) -> StatusOverride:
    """Replace the computed status of a KPI in a period; a reason is required."""
    override = StatusOverride.objects.filter(kpi=kpi, period=period).first() or StatusOverride(
        kpi=kpi, period=period
    )
    override.status, override.reason, override.set_by = status.value, reason, user
    override.full_clean()
    override.save()
    audit.record("programme.status.override", override, summary=reason, user=user)
    return override


# --- Statuses and roll-ups --------------------------------------------------------------------


@dataclass(frozen=True)
class KpiResult:
    kpi: Kpi
    computed: Status
    override: StatusOverride | None
    total: Decimal | None  # cumulative total (or this period's amount) where quantitative

    @property
    def status(self) -> Status:
        return Status(self.override.status) if self.override else self.computed


def rule_for(kpi: Kpi) -> KpiRule:
    return KpiRule(
        kind=Kind(kpi.kind),
        target=kpi.target,
        direction=Direction(kpi.direction),
        accumulation=Accumulation(kpi.accumulation),
        due=kpi.due_date,
    )


def latest_returns(programme: Programme, signed_off_only: bool = True) -> QuerySet[Return]:
    """The latest version of each output's return for each period (of the signed-off ones,
    by default): a correction replaces its predecessor once it is signed off in its turn."""
    returns = Return.objects.filter(output__programme=programme)
    if signed_off_only:
        returns = returns.filter(status=ReturnStatus.SIGNED_OFF)
    latest: dict[tuple[int, int], int] = {}
    for output_id, period_id, pk in returns.order_by("version").values_list(
        "output_id", "period_id", "pk"
    ):
        latest[(output_id, period_id)] = pk
    return Return.objects.filter(pk__in=latest.values())


def signed_off_actuals(programme: Programme) -> dict[tuple[int, int], Any]:
    """(kpi id, period id) → the reported actual of the latest signed-off return version."""
    return {
        (actual.kpi_id, actual.return_record.period_id): actual.reported
        for actual in Actual.objects.filter(
            return_record__in=latest_returns(programme)
        ).select_related("kpi", "return_record")
    }


def results_by_period(
    programme: Programme, kpis: Iterable[Kpi] | None = None
) -> dict[int, list[KpiResult]]:
    """Every KPI's status as at the end of each period (by period id), from signed-off
    returns and overrides, read once for all the periods."""
    periods = list(programme.periods.all())
    spans = [p.span for p in periods]
    actuals = signed_off_actuals(programme)
    overrides = {
        (o.kpi_id, o.period_id): o
        for o in StatusOverride.objects.filter(kpi__output__programme=programme)
    }
    if kpis is None:
        kpis = Kpi.objects.filter(output__programme=programme).select_related("output__theme")
    kpis = list(kpis)
    out: dict[int, list[KpiResult]] = {}
    for index, period in enumerate(periods):
        results = []
        for kpi in kpis:
            reported = {
                i: actuals[(kpi.pk, p.pk)]
                for i, p in enumerate(periods)
                if (kpi.pk, p.pk) in actuals
            }
            computed = kpi_status(rule_for(kpi), programme.span, spans, reported, index)
            total = None
            per_period = kpi.accumulation == Accumulation.PER_PERIOD
            if kpi.kind == Kind.QUANTITATIVE:
                counted = [i for i in reported if i == index or (i < index and not per_period)]
                amounts = [Decimal(reported[i]) for i in counted if reported[i] is not None]
                total = sum(amounts, Decimal(0)) if amounts else None
            override = overrides.get((kpi.pk, period.pk))
            results.append(KpiResult(kpi, computed, override, total))
        out[period.pk] = results
    return out


def kpi_results(
    programme: Programme, period: ReportingPeriod, kpis: Iterable[Kpi] | None = None
) -> list[KpiResult]:
    """Every KPI's status as at the end of ``period``, from signed-off returns and overrides."""
    return results_by_period(programme, kpis)[period.pk]


def programme_rollup(
    programme: Programme, period: ReportingPeriod, theme: Theme | None = None
) -> Rollup:
    results = kpi_results(programme, period)
    if theme is not None:
        results = [r for r in results if r.kpi.output.theme_id == theme.pk]
    return rollup(r.status for r in results)


def trend(programme: Programme) -> list[tuple[ReportingPeriod, Rollup]]:
    by_period = results_by_period(programme)
    return [
        (period, rollup(r.status for r in by_period[period.pk]))
        for period in programme.periods.all()
    ]
