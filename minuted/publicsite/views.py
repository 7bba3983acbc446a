"""Public pages: thin views that ask the governance services and render."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from minuted.governance.models import Board, Membership, Organisation, Person, Term
from minuted.governance.services import current_term, default_organisation, roster, terms_of
from minuted.meetings.models import MeetingStatus
from minuted.record.interests import public_register, withheld_interests
from minuted.record.models import Attendance
from minuted.record.register import person_statistics, statistics
from minuted.record.rules.attendance import MemberStats


def _organisation() -> Organisation:
    organisation = default_organisation(settings.MINUTED_ORGANISATION)
    if organisation is None:
        raise Http404("No organisation has been set up yet.")
    return organisation


def home(request: HttpRequest) -> HttpResponse:
    organisation = default_organisation(settings.MINUTED_ORGANISATION)
    boards = Board.objects.filter(organisation=organisation) if organisation else []
    return render(request, "publicsite/home.html", {"boards": boards})


def board_list(request: HttpRequest) -> HttpResponse:
    organisation = default_organisation(settings.MINUTED_ORGANISATION)
    boards = Board.objects.filter(organisation=organisation) if organisation else []
    return render(request, "publicsite/board_list.html", {"boards": boards})


def board_detail(request: HttpRequest, board: str, term: str | None = None) -> HttpResponse:
    the_board = get_object_or_404(
        Board.objects.select_related("contact_officer"), organisation=_organisation(), slug=board
    )
    if term is None:
        the_term = current_term(the_board)
    else:
        the_term = get_object_or_404(Term, organisation=the_board.organisation, slug=term)
    context = {
        "board": the_board,
        "term": the_term,
        "roster": roster(the_board, the_term) if the_term else None,
        "terms": terms_of(the_board),
        "themes": the_board.priority_themes.filter(term=the_term).select_related("lead_member")
        if the_term
        else [],
        "attendance": board_attendance(the_board, the_term) if the_term else [],
    }
    return render(request, "publicsite/board_detail.html", context)


def board_attendance(board: Board, term: Term) -> list[MemberStats]:
    """Attendance at the board's meetings held in the term, in membership order (anyone else
    on the register after them, alphabetically); empty while no held meeting has a register."""
    recorded = Attendance.objects.filter(
        meeting__board=board, meeting__term=term, meeting__status=MeetingStatus.HELD
    ).exists()
    if not recorded:
        return []
    stats = statistics(board, term)
    order: dict[str, int] = {}
    for membership in Membership.objects.filter(board=board, term=term).select_related("person"):
        order.setdefault(membership.person.display_name, len(order))
    return sorted(
        stats.values(), key=lambda s: (order.get(s.seat_person, len(order)), s.seat_person)
    )


def person_list(request: HttpRequest) -> HttpResponse:
    organisation = default_organisation(settings.MINUTED_ORGANISATION)
    people = Person.objects.filter(organisation=organisation) if organisation else []
    return render(request, "publicsite/person_list.html", {"people": people})


def person_detail(request: HttpRequest, person: str) -> HttpResponse:
    the_person = get_object_or_404(Person, organisation=_organisation(), slug=person)
    memberships = (
        Membership.objects.filter(person=the_person)
        .select_related("board", "term", "political_group", "authority")
        .order_by("-term__start_date", "board__name")
    )
    return render(
        request,
        "publicsite/person_detail.html",
        {
            "person": the_person,
            "memberships": memberships,
            "attendance": person_statistics(the_person),
            "interests": public_register(the_person, timezone.localdate()),
            "withheld_interests": withheld_interests(the_person, timezone.localdate()),
        },
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "publicsite/accessibility.html")
