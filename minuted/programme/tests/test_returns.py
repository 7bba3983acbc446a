"""Reporting periods, returns, sign-off locking, corrections, overrides and roll-ups, on a
programme overseen by the world's board, with the roles named in the tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from minuted.audit.models import AuditEntry
from minuted.programme.models import (
    Actual,
    Kpi,
    LockedError,
    Output,
    Programme,
    Reporting,
    Return,
    ReturnStatus,
    Theme,
)
from minuted.programme.rules.status import Status
from minuted.programme.services import (
    correct_return,
    draft_return,
    kpi_results,
    make_periods,
    override_status,
    period_spans,
    programme_rollup,
    save_return,
    sign_off,
    submit_return,
    trend,
)
from minuted.testing import make_user

pytestmark = pytest.mark.django_db


class Scene:
    """A 2019/20-style programme reported quarterly: one theme, one output with a cumulative
    target of 110 peer challenges and a milestone; the officer writes returns, the programme
    manager signs them off."""

    def __init__(self, world: Any) -> None:
        self.world = world
        today = world.term.start_date
        self.programme = Programme.objects.create(
            organisation=world.organisation,
            board=world.board,
            name="Sector-led improvement",
            slug="sli",
            start_date=today,
            end_date=today.replace(year=today.year + 1) - dt.timedelta(days=1),
            grant_amount=Decimal("19200000"),
        )
        self.manager = make_user("programme-manager@example.org", "officer")
        self.programme.managers.add(self.manager)
        self.periods = make_periods(self.programme)
        self.theme = Theme.objects.create(programme=self.programme, name="Improvement")
        self.output = Output.objects.create(
            programme=self.programme,
            theme=self.theme,
            reference="1.1",
            description="Peer challenges",
            officer_lead=world.officer,
        )
        self.peer = Kpi.objects.create(
            output=self.output,
            description="Peer challenges delivered",
            kind="quantitative",
            target=Decimal(110),
            unit="peer challenges",
        )
        self.hub = Kpi.objects.create(
            output=self.output,
            description="Online hub launched",
            kind="milestone",
            due_date=self.periods[2].end_date,
            position=1,
        )

    def signed_return(self, period: int, peer: str, hub: str = "no") -> Return:
        record = draft_return(self.output, self.periods[period], self.world.officer)
        save_return(
            record,
            commentary="Progress is good.",
            evidence="https://local.gov.uk/peer-challenges",
            actuals={self.peer.pk: peer, self.hub.pk: hub},
            user=self.world.officer,
        )
        submit_return(record)
        return sign_off(record, self.manager)

    def statuses(self, period: int) -> dict[str, Status]:
        results = kpi_results(self.programme, self.periods[period])
        return {r.kpi.description: r.status for r in results}


@pytest.fixture
def scene(world: Any) -> Scene:
    return Scene(world)


def test_a_financial_year_reported_quarterly_has_four_named_quarters():
    programme = Programme(
        start_date=dt.date(2019, 4, 1), end_date=dt.date(2020, 3, 31), reporting="quarterly"
    )
    assert period_spans(programme) == [
        ("Quarter 1 (April to June 2019)", dt.date(2019, 4, 1), dt.date(2019, 6, 30)),
        ("Quarter 2 (July to September 2019)", dt.date(2019, 7, 1), dt.date(2019, 9, 30)),
        ("Quarter 3 (October to December 2019)", dt.date(2019, 10, 1), dt.date(2019, 12, 31)),
        ("Quarter 4 (January to March 2020)", dt.date(2020, 1, 1), dt.date(2020, 3, 31)),
    ]
    programme.reporting = Reporting.HALF_YEARLY
    assert [name for name, *_ in period_spans(programme)] == [
        "First half (April to September 2019)",
        "Second half (October 2019 to March 2020)",
    ]


def test_the_officer_enters_actuals_and_only_a_signed_off_return_changes_the_status(scene):
    record = draft_return(scene.output, scene.periods[0], scene.world.officer)
    save_return(
        record, commentary="", evidence="", actuals={scene.peer.pk: "30"}, user=scene.world.officer
    )
    assert scene.statuses(0)["Peer challenges delivered"] is Status.NOT_STARTED  # a draft
    submit_return(record)
    assert scene.statuses(0)["Peer challenges delivered"] is Status.NOT_STARTED  # awaiting
    sign_off(record, scene.manager)
    assert scene.statuses(0)["Peer challenges delivered"] is Status.ON_TRACK
    assert AuditEntry.objects.filter(action="programme.return.sign_off").count() == 1


def test_bad_actuals_are_refused_field_by_field_and_nothing_is_written(scene):
    record = draft_return(scene.output, scene.periods[0], scene.world.officer)
    with pytest.raises(ValidationError) as caught:
        save_return(
            record,
            commentary="Changed",
            evidence="not a link",
            actuals={scene.peer.pk: "lots", scene.hub.pk: "maybe"},
            user=scene.world.officer,
        )
    errors = caught.value.message_dict
    assert errors[f"kpi-{scene.peer.pk}"] == [
        "Enter the actual for “Peer challenges delivered” as a number."
    ]
    assert "yes or no" in errors[f"kpi-{scene.hub.pk}"][0]
    assert errors["evidence"] == ["Line 1 is not a web address: “not a link”."]
    record.refresh_from_db()
    assert record.commentary == "" and not Actual.objects.exists()


@pytest.mark.parametrize("typed", ["-1", "NaN", "Infinity", "1e40", "0.001"])
def test_negative_or_unreadable_amounts_are_refused(scene, typed):
    record = draft_return(scene.output, scene.periods[0], scene.world.officer)
    with pytest.raises(ValidationError):
        save_return(
            record,
            commentary="",
            evidence="",
            actuals={scene.peer.pk: typed},
            user=scene.world.officer,
        )
    assert not Actual.objects.exists()


def test_amounts_are_read_as_people_type_them(scene):
    record = draft_return(scene.output, scene.periods[0], scene.world.officer)
    save_return(
        record,
        commentary="",
        evidence="",
        actuals={scene.peer.pk: " 1,234 ", scene.hub.pk: "Yes"},
        user=scene.world.officer,
    )
    values = {a.kpi_id: a.reported for a in record.actuals.all()}
    assert values == {scene.peer.pk: Decimal(1234), scene.hub.pk: True}


def test_only_a_programme_manager_signs_off_and_only_a_submitted_return(scene):
    record = draft_return(scene.output, scene.periods[0], scene.world.officer)
    save_return(record, commentary="", evidence="", actuals={}, user=scene.world.officer)
    with pytest.raises(ValidationError, match="submitted for sign-off"):
        sign_off(record, scene.manager)
    submit_return(record)
    for someone in (scene.world.officer, scene.world.clerk, scene.world.member):
        with pytest.raises(ValidationError, match="Only a manager"):
            sign_off(record, someone)
    assert sign_off(record, scene.world.administrator).status == ReturnStatus.SIGNED_OFF


def test_a_signed_off_return_is_locked_in_the_model(scene):
    record = scene.signed_return(0, "30")
    record.commentary = "Rewritten"
    with pytest.raises(LockedError):
        record.save()
    with pytest.raises(LockedError):
        record.delete()
    actual = record.actuals.first()
    actual.value = Decimal(99)
    with pytest.raises(LockedError):
        actual.save()
    with pytest.raises(LockedError):
        save_return(record, commentary="x", evidence="", actuals={}, user=scene.world.officer)
    with pytest.raises(LockedError, match="make a correction"):
        draft_return(scene.output, scene.periods[0], scene.world.officer)


def test_a_correction_is_a_new_version_with_a_reason_that_counts_once_signed_off(scene):
    first = scene.signed_return(0, "30")
    with pytest.raises(ValidationError, match="Say why"):
        correct_return(first, scene.world.officer, "  ")
    correction = correct_return(first, scene.world.officer, "Two challenges were counted twice")
    assert correction.version == 2 and correction.status == ReturnStatus.DRAFT
    save_return(
        correction,
        commentary=first.commentary,
        evidence=first.evidence,
        actuals={scene.peer.pk: "28", scene.hub.pk: "no"},
        user=scene.world.officer,
    )
    results = {r.kpi.pk: r.total for r in kpi_results(scene.programme, scene.periods[0])}
    assert results[scene.peer.pk] == Decimal(30)  # the signed-off first version still counts
    submit_return(correction)
    sign_off(correction, scene.manager)
    results = {r.kpi.pk: r.total for r in kpi_results(scene.programme, scene.periods[0])}
    assert results[scene.peer.pk] == Decimal(28)
    first.refresh_from_db()
    assert first.actuals.get(kpi=scene.peer).value == Decimal(30)  # kept as it was


def test_statuses_follow_the_year_and_the_milestone_is_missed_after_its_due_date(scene):
    scene.signed_return(0, "30")
    scene.signed_return(1, "28")
    assert scene.statuses(1) == {
        "Peer challenges delivered": Status.ON_TRACK,  # 58 of 110 at the half year
        "Online hub launched": Status.ON_TRACK,
    }
    scene.signed_return(2, "30")
    assert scene.statuses(2)["Online hub launched"] is Status.MISSED
    scene.signed_return(3, "60", hub="yes")
    assert scene.statuses(3) == {
        "Peer challenges delivered": Status.EXCEEDED,  # 148 of 110
        "Online hub launched": Status.MET,
    }


def test_an_override_replaces_the_computed_status_and_needs_a_reason(scene):
    scene.signed_return(0, "30")
    with pytest.raises(ValidationError, match="Say why"):
        override_status(scene.peer, scene.periods[0], Status.AT_RISK, "", scene.manager)
    override_status(
        scene.peer, scene.periods[0], Status.AT_RISK, "The supplier has withdrawn", scene.manager
    )
    result = next(r for r in kpi_results(scene.programme, scene.periods[0]) if r.kpi == scene.peer)
    assert (result.computed, result.status) == (Status.ON_TRACK, Status.AT_RISK)
    assert AuditEntry.objects.get(action="programme.status.override").summary == (
        "The supplier has withdrawn"
    )


def test_the_rollup_counts_targets_met_or_exceeded_per_programme_theme_and_period(scene):
    other_theme = Theme.objects.create(programme=scene.programme, name="Leadership", position=1)
    leadership = Output.objects.create(
        programme=scene.programme, theme=other_theme, description="Leadership programmes"
    )
    councillors = Kpi.objects.create(
        output=leadership,
        description="Councillors on leadership programmes",
        kind="quantitative",
        target=Decimal(800),
    )
    for period in range(4):
        scene.signed_return(period, "40", hub="yes" if period == 1 else "no")
    record = draft_return(leadership, scene.periods[3], scene.world.officer)
    save_return(
        record,
        commentary="",
        evidence="",
        actuals={councillors.pk: "980"},
        user=scene.world.officer,
    )
    submit_return(record)
    sign_off(record, scene.manager)

    year = programme_rollup(scene.programme, scene.periods[3])
    assert year.headline == "3 of 3 targets met or exceeded"
    assert programme_rollup(scene.programme, scene.periods[3], theme=scene.theme).total == 2
    by_period = [
        (p.name.split(" (")[0], r.achieved, r.count(Status.NOT_STARTED))
        for p, r in trend(scene.programme)
    ]
    assert by_period == [
        ("Quarter 1", 0, 1),  # peer on track, hub on track, councillors not started
        ("Quarter 2", 1, 1),  # the hub delivered
        ("Quarter 3", 2, 1),  # 120 of 110 peer challenges
        ("Quarter 4", 3, 0),
    ]
