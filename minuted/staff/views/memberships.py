"""A board's memberships, kept by its clerks (ux.md: no everyday job should need /admin/).

The memberships of one term (the current one unless another is chosen), grouped by political
group; a clerk adds a membership or ends one by giving its last day. Nothing is deleted: an
ended membership stays, with its dates, as the board's history. Who may is the policy's
MANAGE_MEMBERSHIPS; every save goes through ``governance.services.save_membership``, which
runs the model's rules and writes the audit entry, or saves nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from minuted.accounts.policy import Action
from minuted.core.formats import short_date
from minuted.governance.models import Board, Membership, MembershipRole, PoliticalGroup, Term
from minuted.governance.services import current_term, save_membership
from minuted.staff.access import managed_board
from minuted.staff.forms.govuk import add_validation_error, error_summary
from minuted.staff.forms.memberships import EndForm, MembershipForm

ROLE_ORDER = list(MembershipRole)


@dataclass
class Row:
    membership: Membership
    end_form: EndForm | None  # None once an end date is set: the membership is history


@dataclass
class GroupRows:
    group: PoliticalGroup | None  # None: members of no political group
    seats: int | None  # the group's allocation this term; None when none is recorded
    rows: list[Row] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"group-{self.group.slug}" if self.group else "group-none"


def end_prefix(membership: Membership) -> str:
    return f"end-{membership.uid}"


def chosen_term(board: Board, slug: str) -> Term | None:
    """The term named in the address; else the one holding today; else the board's latest."""
    terms = Term.objects.filter(organisation_id=board.organisation_id)
    if slug:
        term = terms.filter(slug=slug).first()
        if term is None:
            raise Http404("No such term.")
        return term
    today = timezone.localdate()
    return (
        terms.filter(start_date__lte=today, end_date__gte=today).first()
        or current_term(board, today)
        or terms.first()
    )


def grouped(board: Board, term: Term, bound: dict[str, EndForm]) -> list[GroupRows]:
    """The term's memberships, ended ones included, by political group in the groups' order,
    those of no group last; within a group by role, then by the day they start."""
    memberships = Membership.objects.filter(board=board, term=term).select_related(
        "person", "political_group", "authority", "term"
    )
    seats = {a.group_id: a.seats for a in board.seat_allocations.filter(term=term)}
    groups = {
        g.pk: GroupRows(g, seats.get(g.pk))
        for g in PoliticalGroup.objects.filter(
            Q(pk__in=seats) | Q(pk__in=memberships.values("political_group_id"))
        ).order_by("position", "name")
    }
    no_group = GroupRows(None, None)
    for membership in sorted(
        memberships,
        key=lambda m: (ROLE_ORDER.index(MembershipRole(m.role)), m.first_day, m.person.sort_name),
    ):
        end_form = None
        if membership.end_date is None:
            prefix = end_prefix(membership)
            end_form = bound.get(prefix) or EndForm(prefix=prefix)
        rows = groups[membership.political_group_id] if membership.political_group_id else no_group
        rows.rows.append(Row(membership, end_form))
    return [*groups.values(), *([no_group] if no_group.rows else [])]


def memberships_url(board: Board, term: Term, anchor: str = "") -> str:
    url = reverse("staff:memberships", kwargs={"board": board.slug}) + f"?term={term.slug}"
    return f"{url}#{anchor}" if anchor else url


def _add(request: HttpRequest, board: Board, term: Term) -> HttpResponse | MembershipForm:
    form = MembershipForm(request.POST, board=board, term=term)
    if form.is_valid():
        membership = Membership(board=board, term=term, **form.cleaned_data)
        try:
            save_membership(membership)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request,
                f"{membership.person} is added to the {board.name} as "
                f"{membership.get_role_display().lower()} for {term.name}.",
            )
            return redirect(memberships_url(board, term, f"membership-{membership.uid}"))
    return form


def _end(request: HttpRequest, board: Board, term: Term) -> HttpResponse | EndForm:
    membership = (
        Membership.objects.filter(board=board, term=term, uid=request.POST.get("membership", ""))
        .select_related("person", "term", "board")
        .first()
    )
    if membership is None:
        raise Http404("No such membership of this board in this term.")
    form = EndForm(request.POST, prefix=end_prefix(membership))
    if form.is_valid():
        membership.end_date = form.cleaned_data["end_date"]
        try:
            save_membership(membership)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request,
                f"{membership.person}'s membership ends on {short_date(membership.last_day)}.",
            )
            return redirect(memberships_url(board, term, f"membership-{membership.uid}"))
    return form


@login_required
def memberships(request: HttpRequest, board: str) -> HttpResponse:
    the_board = managed_board(request.user, board, Action.MANAGE_MEMBERSHIPS)
    term = chosen_term(the_board, request.GET.get("term", ""))
    add_form: MembershipForm | None = None
    bound: dict[str, EndForm] = {}
    if request.method == "POST":
        if term is None:
            raise Http404("The organisation has no terms yet.")
        ending = request.POST.get("do") == "end"
        outcome = _end(request, the_board, term) if ending else _add(request, the_board, term)
        if isinstance(outcome, HttpResponse):
            return outcome
        if isinstance(outcome, EndForm):
            bound[outcome.prefix or ""] = outcome
        else:
            add_form = outcome
    if term is not None and add_form is None:
        add_form = MembershipForm(board=the_board, term=term)
    context: dict[str, Any] = {
        "board": the_board,
        "term": term,
        "terms": Term.objects.filter(organisation_id=the_board.organisation_id),
        "groups": grouped(the_board, term, bound) if term else [],
        "add_form": add_form,
        "errors": error_summary(
            add_form if add_form and add_form.is_bound else None, *bound.values()
        ),
    }
    status = 400 if context["errors"] else 200
    return render(request, "staff/memberships.html", context, status=status)
