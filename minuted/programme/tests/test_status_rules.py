"""The status rules for each kind of KPI, direction and accumulation, at period boundaries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minuted.programme.rules.rollup import rollup
from minuted.programme.rules.status import (
    Accumulation,
    Direction,
    Kind,
    KpiRule,
    Span,
    Status,
    kpi_status,
    pro_rata,
)

# 2019/20, a financial year, reported quarterly (366 days: 2020 is a leap year).
YEAR = Span(dt.date(2019, 4, 1), dt.date(2020, 3, 31))
QUARTERS = [
    Span(dt.date(2019, 4, 1), dt.date(2019, 6, 30)),
    Span(dt.date(2019, 7, 1), dt.date(2019, 9, 30)),
    Span(dt.date(2019, 10, 1), dt.date(2019, 12, 31)),
    Span(dt.date(2020, 1, 1), dt.date(2020, 3, 31)),
]
Q1, Q2, Q3, Q4 = range(4)
D = Decimal


def at_least(target: int, accumulation: Accumulation = Accumulation.CUMULATIVE) -> KpiRule:
    return KpiRule(Kind.QUANTITATIVE, D(target), Direction.AT_LEAST, accumulation)


def at_most(target: int, accumulation: Accumulation = Accumulation.CUMULATIVE) -> KpiRule:
    return KpiRule(Kind.QUANTITATIVE, D(target), Direction.AT_MOST, accumulation)


def status(rule: KpiRule, actuals: dict[int, object], at: int) -> Status:
    return kpi_status(rule, YEAR, QUARTERS, actuals, at)  # type: ignore[arg-type]


def test_pro_rata_counts_the_days_of_the_programme_elapsed_at_the_end_of_the_period():
    # 183 of 366 days at the end of September: half of 110 is 55.
    assert pro_rata(D(110), YEAR, dt.date(2019, 9, 30)) == D(55)
    assert pro_rata(D(110), YEAR, YEAR.end) == D(110)
    assert pro_rata(D(110), YEAR, dt.date(2019, 3, 31)) == D(0)


# --- Cumulative, at least: 110 peer challenges in the year -----------------------------------


def test_the_example_half_year_58_peer_challenges_of_110_is_on_track():
    assert status(at_least(110), {Q1: D(30), Q2: D(28)}, Q2) is Status.ON_TRACK


@pytest.mark.parametrize(
    ("half_year_total", "expected"),
    [
        (D("49.5"), Status.ON_TRACK),  # exactly 90 % of the pro-rata 55
        (D("49.4"), Status.AT_RISK),  # just under
        (D(109), Status.ON_TRACK),
        (D(110), Status.MET),  # the year's target reached early
        (D(111), Status.EXCEEDED),
    ],
)
def test_a_cumulative_at_least_kpi_before_the_last_period(half_year_total, expected):
    assert status(at_least(110), {Q2: half_year_total}, Q2) is expected


@pytest.mark.parametrize(
    ("year_total", "expected"),
    [(D(109), Status.MISSED), (D(110), Status.MET), (D(145), Status.EXCEEDED)],
)
def test_a_cumulative_at_least_kpi_in_the_last_period_is_settled(year_total, expected):
    actuals = {Q1: D(0), Q2: D(0), Q3: D(0), Q4: year_total}
    assert status(at_least(110), actuals, Q4) is expected


def test_a_period_whose_end_is_the_programmes_end_is_the_last_even_if_more_are_listed():
    periods = [*QUARTERS, Span(dt.date(2020, 1, 1), YEAR.end)]  # a year-end period after Q4
    rule = at_least(10)
    assert kpi_status(rule, YEAR, periods, {Q3: D(9)}, Q3) is Status.ON_TRACK
    assert kpi_status(rule, YEAR, periods, {Q3: D(9)}, Q4) is Status.MISSED


# --- Cumulative, at most: spend no more than 100 -----------------------------------------------


@pytest.mark.parametrize(
    ("half_year_total", "expected"),
    [
        (D(55), Status.ON_TRACK),  # exactly 110 % of the pro-rata 50
        (D("55.1"), Status.AT_RISK),
        (D(100), Status.AT_RISK),  # all of it spent by half-way
        (D(101), Status.MISSED),  # over the year's limit: it cannot come back
        (D(0), Status.ON_TRACK),
    ],
)
def test_a_cumulative_at_most_kpi_before_the_last_period(half_year_total, expected):
    assert status(at_most(100), {Q2: half_year_total}, Q2) is expected


@pytest.mark.parametrize(
    ("year_total", "expected"),
    [(D(99), Status.EXCEEDED), (D(100), Status.MET), (D(101), Status.MISSED)],
)
def test_a_cumulative_at_most_kpi_in_the_last_period_is_settled(year_total, expected):
    assert status(at_most(100), {Q4: year_total}, Q4) is expected


# --- Per period ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "actual", "expected"),
    [
        (at_least(10, Accumulation.PER_PERIOD), D(11), Status.EXCEEDED),
        (at_least(10, Accumulation.PER_PERIOD), D(10), Status.MET),
        (at_least(10, Accumulation.PER_PERIOD), D(9), Status.MISSED),
        (at_most(10, Accumulation.PER_PERIOD), D(9), Status.EXCEEDED),
        (at_most(10, Accumulation.PER_PERIOD), D(10), Status.MET),
        (at_most(10, Accumulation.PER_PERIOD), D(11), Status.MISSED),
    ],
)
def test_a_per_period_kpi_is_judged_on_each_period_alone(rule, actual, expected):
    # Earlier periods do not count towards this one.
    assert status(rule, {Q1: D(100), Q2: actual}, Q2) is expected


def test_a_per_period_kpi_with_no_actual_this_period_has_not_started_this_period():
    rule = at_least(10, Accumulation.PER_PERIOD)
    assert status(rule, {Q1: D(12)}, Q2) is Status.NOT_STARTED


# --- Milestones --------------------------------------------------------------------------------

HUB = KpiRule(Kind.MILESTONE, due=dt.date(2019, 12, 31))  # "an online climate change hub"


def test_a_milestone_delivered_is_met_from_that_period_on():
    assert status(HUB, {Q1: False, Q2: True}, Q2) is Status.MET
    assert status(HUB, {Q1: False, Q2: True}, Q4) is Status.MET


def test_a_milestone_not_delivered_is_missed_from_the_period_its_due_date_falls_in():
    assert status(HUB, {Q1: False, Q2: False}, Q2) is Status.ON_TRACK
    assert status(HUB, {Q1: False, Q2: False, Q3: False}, Q3) is Status.MISSED  # due 31 Dec
    assert status(HUB, {}, Q3) is Status.MISSED  # nothing reported and past due


def test_a_milestone_due_the_day_after_a_period_ends_is_not_yet_missed():
    rule = KpiRule(Kind.MILESTONE, due=dt.date(2019, 10, 1))
    assert status(rule, {Q2: False}, Q2) is Status.ON_TRACK
    assert status(rule, {Q2: False}, Q3) is Status.MISSED


def test_a_milestone_with_no_due_date_stays_on_track_until_delivered():
    rule = KpiRule(Kind.MILESTONE)
    assert status(rule, {Q4: False}, Q4) is Status.ON_TRACK


# --- Not started and bad questions -----------------------------------------------------------


def test_with_nothing_reported_yet_a_kpi_has_not_started():
    assert status(at_least(110), {}, Q1) is Status.NOT_STARTED
    assert status(at_least(110), {Q3: D(5)}, Q2) is Status.NOT_STARTED  # later returns ignored
    assert status(KpiRule(Kind.MILESTONE, due=YEAR.end), {}, Q1) is Status.NOT_STARTED


def test_a_quantitative_kpi_without_a_target_and_a_period_out_of_range_are_refused():
    with pytest.raises(ValueError, match="needs a target"):
        status(KpiRule(Kind.QUANTITATIVE), {Q1: D(1)}, Q1)
    with pytest.raises(IndexError):
        status(at_least(1), {}, 4)


# --- Properties ----------------------------------------------------------------------------------

amounts = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False)


@given(st.lists(amounts, min_size=4, max_size=4), amounts, st.integers(0, 3))
def test_reporting_more_never_makes_an_at_least_kpi_look_worse(values, extra, at):
    """Monotonic: adding to the total moves an at-least KPI up the order of statuses."""
    order = [Status.NOT_STARTED, Status.MISSED, Status.AT_RISK, Status.ON_TRACK]
    order += [Status.MET, Status.EXCEEDED]
    rule = at_least(500)
    before = status(rule, dict(enumerate(values)), at)
    after = status(rule, {**dict(enumerate(values)), at: values[at] + extra}, at)
    assert order.index(after) >= order.index(before)


@given(st.lists(amounts, min_size=4, max_size=4), st.integers(0, 3))
def test_an_at_most_kpi_is_never_met_or_exceeded_before_the_last_period(values, at):
    result = status(at_most(500), dict(enumerate(values)), at)
    if at < Q4:
        assert result not in (Status.MET, Status.EXCEEDED)
    else:
        assert result in (Status.MET, Status.EXCEEDED, Status.MISSED)


@given(st.lists(st.sampled_from(list(Status)), max_size=60))
def test_a_rollup_counts_every_status_once(statuses):
    counts = rollup(statuses)
    assert counts.total == len(statuses)
    assert counts.achieved == sum(s in (Status.MET, Status.EXCEEDED) for s in statuses)
    assert sum(counts.count(s) for s in Status) == len(statuses)


def test_the_rollup_headline_reads_as_the_annual_report_does():
    statuses = [Status.MET] * 40 + [Status.EXCEEDED] * 8 + [Status.MISSED] * 2
    assert rollup(statuses).headline == "48 of 50 targets met or exceeded"
    assert rollup([Status.MET]).headline == "1 of 1 target met or exceeded"
