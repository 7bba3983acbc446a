"""The status of a KPI in a reporting period, worked out from the actuals in its returns.

The rules (docs/programme.md, "Status rules", prints the same table):

- A **quantitative KPI** has a target, a direction (the actual should be *at least* or *at
  most* the target) and an accumulation:

  - **cumulative**: the target is for the whole programme, and each period's actual adds to
    the total so far (peer challenges delivered in the year: 58 in the first half of a
    target of 110). Before the programme's last period the total is compared with the
    target *pro rata*, by the days of the programme elapsed at the end of the period:

    | direction | total so far | before the last period | in the last period |
    |---|---|---|---|
    | at least | above the target | exceeded | exceeded |
    | at least | equal to the target | met | met |
    | at least | at least 90 % of pro rata | on track | missed |
    | at least | below 90 % of pro rata | at risk | missed |
    | at most | above the target | missed | missed |
    | at most | up to 110 % of pro rata | on track | exceeded below the target, met at it |
    | at most | over 110 % of pro rata | at risk | exceeded below the target, met at it |

  - **per period**: the target holds for each period on its own (at least 10 councils
    supported every quarter). The period's actual above the target (at least) or below it
    (at most) is exceeded, equal is met, otherwise missed.

- A **milestone** is delivered or not: delivered in this period or before is met; not
  delivered by a due date that falls in or before this period is missed; otherwise on track.

- With no actual reported in this period or before (for a per-period KPI: in this period), a
  KPI has not started — unless it is a milestone already past its due date, which is missed.

A manual override replaces the computed status and needs a reason (``programme.services``).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal


class Status(enum.StrEnum):
    EXCEEDED = "exceeded"
    MET = "met"
    ON_TRACK = "on track"
    AT_RISK = "at risk"
    MISSED = "missed"
    NOT_STARTED = "not started"


class Kind(enum.StrEnum):
    QUANTITATIVE = "quantitative"
    MILESTONE = "milestone"


class Direction(enum.StrEnum):
    AT_LEAST = "at least"
    AT_MOST = "at most"


class Accumulation(enum.StrEnum):
    CUMULATIVE = "cumulative"
    PER_PERIOD = "per period"


# How far a cumulative total may trail (at least) or run ahead of (at most) its pro-rata share
# of the target and still be on track.
ON_TRACK_MARGIN = Decimal("0.10")

Actual = Decimal | bool | None


@dataclass(frozen=True)
class Span:
    start: dt.date
    end: dt.date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class KpiRule:
    kind: Kind
    target: Decimal | None = None
    direction: Direction = Direction.AT_LEAST
    accumulation: Accumulation = Accumulation.CUMULATIVE
    due: dt.date | None = None  # a milestone's due date


def pro_rata(target: Decimal, programme: Span, on: dt.date) -> Decimal:
    """The share of ``target`` due by the end of day ``on``, by days of the programme elapsed."""
    elapsed = min(max((on - programme.start).days + 1, 0), programme.days)
    return target * elapsed / programme.days


def kpi_status(
    rule: KpiRule,
    programme: Span,
    periods: Sequence[Span],
    actuals: Mapping[int, Actual],
    at: int,
) -> Status:
    """The status of the KPI in ``periods[at]``; ``actuals`` maps a period's index to what the
    returns reported for it (an amount, or whether a milestone was delivered)."""
    if not 0 <= at < len(periods):
        raise IndexError(f"no reporting period {at}")
    period = periods[at]
    reported = {i: value for i, value in actuals.items() if i <= at and value is not None}
    if rule.kind is Kind.MILESTONE:
        return _milestone(rule, period, reported)
    if rule.target is None:
        raise ValueError("a quantitative KPI needs a target")
    if rule.accumulation is Accumulation.PER_PERIOD:
        value = reported.get(at)
        if value is None:
            return Status.NOT_STARTED
        return _against_target(rule.direction, Decimal(value), rule.target, final=True)
    if not reported:
        return Status.NOT_STARTED
    total = sum((Decimal(value) for value in reported.values()), Decimal(0))
    final = period.end >= programme.end
    status = _against_target(rule.direction, total, rule.target, final=final)
    if status is not Status.ON_TRACK or final:
        return status
    expected = pro_rata(rule.target, programme, period.end)
    if rule.direction is Direction.AT_LEAST:
        on_track = total >= expected * (1 - ON_TRACK_MARGIN)
    else:
        on_track = total <= expected * (1 + ON_TRACK_MARGIN)
    return Status.ON_TRACK if on_track else Status.AT_RISK


def _against_target(direction: Direction, value: Decimal, target: Decimal, final: bool) -> Status:
    """Exceeded, met or missed once the result is settled; on track while it may still change."""
    if value == target:
        # At most: equal to the target so far can still go over it before the end.
        return Status.MET if final or direction is Direction.AT_LEAST else Status.ON_TRACK
    better = value > target if direction is Direction.AT_LEAST else value < target
    if better:
        return Status.EXCEEDED if final or direction is Direction.AT_LEAST else Status.ON_TRACK
    # Worse than the target: an at-most total over it cannot come back down.
    return Status.MISSED if final or direction is Direction.AT_MOST else Status.ON_TRACK


def _milestone(rule: KpiRule, period: Span, reported: Mapping[int, Actual]) -> Status:
    if any(value is True for value in reported.values()):
        return Status.MET
    if rule.due is not None and rule.due <= period.end:
        return Status.MISSED
    return Status.ON_TRACK if reported else Status.NOT_STARTED
