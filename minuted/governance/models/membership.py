from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models

from minuted.core.models import Record
from minuted.governance.models.board import Board, SeatAllocation, Term
from minuted.governance.models.organisation import Authority, Person, PoliticalGroup
from minuted.governance.periods import Period, overlaps, peak_alongside


class MembershipRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-Chair"
    DEPUTY_CHAIR = "deputy_chair", "Deputy Chair"
    MEMBER = "member", "Member"
    SUBSTITUTE = "substitute", "Substitute"
    OBSERVER = "observer", "Observer"
    INDEPENDENT_OBSERVER = "independent_observer", "Independent observer"


OBSERVER_ROLES = frozenset({MembershipRole.OBSERVER, MembershipRole.INDEPENDENT_OBSERVER})
# Roles that fill one of a political group's allocated seats (substitutes do not).
SEAT_ROLES = frozenset(
    {
        MembershipRole.CHAIR,
        MembershipRole.VICE_CHAIR,
        MembershipRole.DEPUTY_CHAIR,
        MembershipRole.MEMBER,
        MembershipRole.OBSERVER,
    }
)


class Membership(Record):
    """A person's place on a board for a term, in a role, for a political group."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="memberships")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="memberships")
    political_group = models.ForeignKey(
        PoliticalGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The council the member represents; blank for someone from another kind of body, who is
    # described in ``represents`` instead.
    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    represents = models.CharField(max_length=300, blank=True)
    role = models.CharField(max_length=30, choices=MembershipRole.choices)
    voting_right = models.BooleanField(default=True)
    # The days the membership holds; blank means from the start / to the end of the term.
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)  # order within the group, as printed

    class Meta:
        ordering = ["board", "term", "political_group__position", "position", "id"]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()}, {self.board} {self.term}"

    @property
    def is_observer(self) -> bool:
        return self.role in OBSERVER_ROLES

    @property
    def holds_seat(self) -> bool:
        return self.role in SEAT_ROLES and self.political_group_id is not None

    @property
    def first_day(self) -> dt.date:
        return self.start_date or self.term.start_date

    @property
    def last_day(self) -> dt.date:
        return self.end_date or self.term.end_date

    @property
    def period(self) -> Period:
        return (self.first_day, self.last_day)

    def is_active_on(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day

    def clean(self) -> None:
        errors: dict[str, str] = {}
        self._check_own_fields(errors)
        if errors:
            raise ValidationError(errors)
        self._check_against_others(errors)
        if errors:
            raise ValidationError(errors)

    def _check_own_fields(self, errors: dict[str, str]) -> None:
        if self.role == MembershipRole.SUBSTITUTE and self.political_group_id is None:
            errors["political_group"] = "A substitute must belong to a political group."
        if self.role in OBSERVER_ROLES and self.voting_right:
            errors["voting_right"] = "Observers attend without a vote."
        if self.role == MembershipRole.INDEPENDENT_OBSERVER and self.political_group_id:
            errors["political_group"] = "An independent observer belongs to no political group."
        if not self.authority_id and not self.represents:
            errors["authority"] = "Give the authority the member represents, or the body."
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "A membership cannot end before it starts."
        term = self.term if self.term_id else None
        if term is None or not self.board_id:
            return
        if self.board.organisation_id != term.organisation_id:
            errors["term"] = "This term belongs to another organisation."
        if self.start_date and not term.contains(self.start_date):
            errors["start_date"] = f"The membership must start within {term.name}."
        if self.end_date and not term.contains(self.end_date):
            errors["end_date"] = f"The membership must end within {term.name}."

    def _others(self) -> models.QuerySet[Membership]:
        others = Membership.objects.filter(board_id=self.board_id, term_id=self.term_id)
        return others.exclude(pk=self.pk) if self.pk else others

    def _check_against_others(self, errors: dict[str, str]) -> None:
        others = list(self._others().select_related("term"))
        mine = self.period
        for other in others:
            if other.person_id == self.person_id and overlaps(mine, other.period):
                errors["person"] = (
                    f"{self.person} already has a membership of this board from "
                    f"{other.first_day:%-d %B %Y} to {other.last_day:%-d %B %Y}."
                )
                break
        if self.role == MembershipRole.CHAIR:
            for other in others:
                if other.role == MembershipRole.CHAIR and overlaps(mine, other.period):
                    errors["role"] = f"{other.person} is already the chair for these dates."
                    break
        if self.holds_seat:
            allocation = SeatAllocation.objects.filter(
                board_id=self.board_id, term_id=self.term_id, group_id=self.political_group_id
            ).first()
            if allocation is None:
                errors["political_group"] = (
                    f"{self.political_group} has no seats allocated on this board for "
                    f"{self.term.name}."
                )
                return
            holders = [
                o.period
                for o in others
                if o.holds_seat
                and o.political_group_id == self.political_group_id
                and overlaps(mine, o.period)
            ]
            if peak_alongside(mine, holders) > allocation.seats:
                errors["political_group"] = (
                    f"{self.political_group} holds {allocation.seats} seats on this board "
                    f"in {self.term.name}, and they are all filled for these dates."
                )
