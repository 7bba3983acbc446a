"""Counting statuses: "48 of 50 targets met or exceeded", by status, per theme and over time.

A target is one KPI. The headline counts the KPIs whose status is met or exceeded out of all
the programme's KPIs, as the example's annual report does ("Overall (48 of 50 targets) set in
the MoU were met or exceeded"; agenda pack of 29 October 2019, item 5, paragraph 14)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from minuted.programme.rules.status import Status

ACHIEVED = frozenset({Status.MET, Status.EXCEEDED})


@dataclass(frozen=True)
class Rollup:
    by_status: dict[Status, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def achieved(self) -> int:
        return sum(count for status, count in self.by_status.items() if status in ACHIEVED)

    def count(self, status: Status) -> int:
        return self.by_status.get(status, 0)

    @property
    def headline(self) -> str:
        noun = "target" if self.total == 1 else "targets"
        return f"{self.achieved} of {self.total} {noun} met or exceeded"


def rollup(statuses: Iterable[Status]) -> Rollup:
    """Count statuses; every status appears, with 0 where none has it, in the order of Status."""
    counts = Counter(statuses)
    return Rollup({status: counts.get(status, 0) for status in Status})
