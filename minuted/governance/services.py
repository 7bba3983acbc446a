"""Governance services shared by the pages, the admin, the CLI and (later) the API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from minuted import audit
from minuted.governance.models import (
    Board,
    Membership,
    MembershipRole,
    Organisation,
    PoliticalGroup,
    SeatAllocation,
    Term,
)
from minuted.governance.rules import QuorumRequirement, quorum_required

# Order of roles within a group, as the example pack prints them.
_ROLE_ORDER = {
    MembershipRole.CHAIR: 0,
    MembershipRole.VICE_CHAIR: 1,
    MembershipRole.DEPUTY_CHAIR: 2,
    MembershipRole.MEMBER: 3,
    MembershipRole.OBSERVER: 4,
    MembershipRole.SUBSTITUTE: 5,
    MembershipRole.INDEPENDENT_OBSERVER: 6,
}


@dataclass
class GroupRoster:
    group: PoliticalGroup
    seats: int | None  # None: no allocation recorded for the term
    members: list[Membership] = field(default_factory=list)  # seat holders, observers included
    substitutes: list[Membership] = field(default_factory=list)

    @property
    def vacancies(self) -> int:
        return max(0, (self.seats or 0) - len(self.members))

    @property
    def vacancy_slots(self) -> range:
        """One item per vacant seat, for listing "Vacancy — Labour Group" rows."""
        return range(self.vacancies)

    @property
    def over_allocation(self) -> int:
        return max(0, len(self.members) - (self.seats or 0))


@dataclass
class Roster:
    """A board's membership for a term as at one day, with its quorum."""

    board: Board
    term: Term
    as_at: dt.date
    groups: list[GroupRoster]
    independent_observers: list[Membership]
    voting_members: int
    observers: int
    quorum: QuorumRequirement

    @property
    def places(self) -> int:
        return sum(len(g.members) for g in self.groups) + len(self.independent_observers)


def terms_of(board: Board) -> list[Term]:
    """The terms in which the board has memberships, newest first."""
    return list(Term.objects.filter(memberships__board=board).distinct().order_by("-start_date"))


def current_term(board: Board, today: dt.date | None = None) -> Term | None:
    """The term that holds today, else the most recent one that has begun, else the earliest
    to come — among the terms in which the board has members."""
    today = today or timezone.localdate()
    terms = terms_of(board)
    for term in terms:
        if term.contains(today):
            return term
    started = [t for t in terms if t.start_date <= today]
    if started:
        return started[0]
    return terms[-1] if terms else None


def as_at_day(term: Term, today: dt.date | None = None) -> dt.date:
    """The day a term's membership is shown for: today within the term, else its nearest end."""
    today = today or timezone.localdate()
    return min(max(today, term.start_date), term.end_date)


def roster(board: Board, term: Term, as_at: dt.date | None = None) -> Roster:
    day = as_at or as_at_day(term)
    memberships = [
        m
        for m in Membership.objects.filter(board=board, term=term).select_related(
            "person", "political_group", "authority", "term"
        )
        if m.is_active_on(day)
    ]
    memberships.sort(key=lambda m: (_ROLE_ORDER[MembershipRole(m.role)], m.position, m.pk))
    allocations = {
        a.group_id: a.seats for a in SeatAllocation.objects.filter(board=board, term=term)
    }
    group_ids = set(allocations) | {
        m.political_group_id for m in memberships if m.political_group_id is not None
    }
    groups = {
        g.pk: GroupRoster(group=g, seats=allocations.get(g.pk))
        for g in PoliticalGroup.objects.filter(pk__in=group_ids)
    }
    independent: list[Membership] = []
    for m in memberships:
        if m.political_group_id is None:
            independent.append(m)
        elif m.role == MembershipRole.SUBSTITUTE:
            groups[m.political_group_id].substitutes.append(m)
        else:
            groups[m.political_group_id].members.append(m)
    voting = sum(1 for m in memberships if m.voting_right and m.role != MembershipRole.SUBSTITUTE)
    observers = sum(1 for m in memberships if m.is_observer)
    return Roster(
        board=board,
        term=term,
        as_at=day,
        groups=sorted(groups.values(), key=lambda g: (g.group.position, g.group.name)),
        independent_observers=independent,
        voting_members=voting,
        observers=observers,
        quorum=quorum_required(board.quorum_rule, voting_members=voting, observers=observers),
    )


def default_organisation(slug: str = "") -> Organisation | None:
    """The organisation the public site shows: the one named in settings, else the first."""
    organisations = Organisation.objects.all()
    if slug:
        return organisations.filter(slug=slug).first()
    return organisations.first()


@transaction.atomic
def save_membership(membership: Membership) -> Membership:
    """Validate a membership against the board's rules and save it, or raise ValidationError
    with a message per field and save nothing."""
    membership.full_clean()
    with audit.change(membership, "membership.save"):
        membership.save()
    return membership
