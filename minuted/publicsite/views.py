"""Public pages: thin views that ask the governance services and the public readings of
published papers and minutes (papers/public.py, record/public.py), and render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from minuted.governance.models import Board, Membership, Organisation, Person, Term
from minuted.governance.services import current_term, roster
from minuted.meetings.models import Meeting, MeetingStatus
from minuted.papers.models import PackVersion
from minuted.papers.public import PublicPaper, latest_packs, public_papers
from minuted.programme.access import may_view
from minuted.publicsite.context_processors import site_organisation
from minuted.record.interests import public_register, withheld_interests
from minuted.record.models import Attendance, MinutesVersion
from minuted.record.public import PublicDecision, latest_minutes, public_decisions
from minuted.record.register import person_statistics, statistics
from minuted.record.rules.attendance import MemberStats

UPCOMING = 10  # meetings on the home page
LATEST = 8  # papers and decisions on the home page
RECENT_MEETINGS = 10  # meetings the home page reads papers and decisions from


def _organisation(request: HttpRequest) -> Organisation:
    organisation = site_organisation(request)
    if organisation is None:
        raise Http404("No organisation has been set up yet.")
    return organisation


def _boards(organisation: Organisation | None) -> QuerySet[Board]:
    """The organisation's boards, each with the date of its next meeting (not cancelled)."""
    if organisation is None:
        return Board.objects.none()
    upcoming = Q(meetings__date__gte=timezone.localdate()) & ~Q(
        meetings__status=MeetingStatus.CANCELLED
    )
    return Board.objects.filter(organisation=organisation).annotate(
        next_meeting=Min("meetings__date", filter=upcoming)
    )


def with_publications(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Meetings marked with whether an agenda pack and minutes have been published."""
    return meetings.annotate(
        has_pack=Exists(PackVersion.objects.filter(meeting=OuterRef("pk"))),
        has_minutes=Exists(MinutesVersion.objects.filter(meeting=OuterRef("pk"))),
    )


def home(request: HttpRequest) -> HttpResponse:
    organisation = site_organisation(request)
    context: dict[str, Any] = {"boards": _boards(organisation)}
    if organisation is not None:
        meetings = Meeting.objects.filter(board__organisation=organisation).select_related("board")
        context["upcoming"] = list(
            meetings.filter(date__gte=timezone.localdate()).order_by("date", "start_time")[
                :UPCOMING
            ]
        )
        context["papers"] = latest_papers(meetings)
        context["decisions"] = latest_decisions(meetings)
    return render(request, "publicsite/home.html", context)


def latest_papers(meetings: QuerySet[Meeting], limit: int = LATEST) -> list[PublicPaper]:
    """Public reports of the most recently published packs, newest meeting first."""
    recent = meetings.filter(Exists(PackVersion.objects.filter(meeting=OuterRef("pk"))))
    recent = recent.order_by("-date", "-start_time")
    papers = public_papers(reversed(latest_packs(meetings=recent[:RECENT_MEETINGS])))
    return papers[:limit]


def latest_decisions(meetings: QuerySet[Meeting], limit: int = LATEST) -> list[PublicDecision]:
    """Decisions of the most recently published public minutes, newest meeting first."""
    recent = meetings.filter(Exists(MinutesVersion.objects.filter(meeting=OuterRef("pk"))))
    recent = recent.order_by("-date", "-start_time")
    return public_decisions(reversed(latest_minutes(meetings=recent[:RECENT_MEETINGS])))[:limit]


def board_list(request: HttpRequest) -> HttpResponse:
    organisation = site_organisation(request)
    return render(request, "publicsite/board_list.html", {"boards": _boards(organisation)})


def board_detail(request: HttpRequest, board: str, term: str | None = None) -> HttpResponse:
    the_board = get_object_or_404(
        Board.objects.select_related("contact_officer", "organisation"),
        organisation=_organisation(request),
        slug=board,
    )
    if term is None:
        the_term = current_term(the_board)
    else:
        the_term = get_object_or_404(Term, organisation=the_board.organisation, slug=term)
    context = {
        "board": the_board,
        "term": the_term,
        "roster": roster(the_board, the_term) if the_term else None,
        "themes": the_board.priority_themes.filter(term=the_term).select_related("lead_member")
        if the_term
        else [],
        "attendance": board_attendance(the_board, the_term) if the_term else [],
        "meetings": list(
            with_publications(Meeting.objects.filter(board=the_board, term=the_term)).order_by(
                "date", "start_time"
            )
        )
        if the_term
        else [],
        "other_terms": [(t, n) for t, n in board_terms(the_board) if t != the_term],
        "programmes": [
            p for p in the_board.programmes.order_by("-start_date") if may_view(request.user, p)
        ],
    }
    return render(request, "publicsite/board_detail.html", context)


def board_terms(board: Board) -> list[tuple[Term, int]]:
    """The terms in which the board had members or meetings, newest first, each with the
    number of its meetings."""
    rows = Meeting.objects.filter(board=board).values("term").annotate(n=Count("id")).order_by()
    counts = {row["term"]: row["n"] for row in rows}
    terms = Term.objects.filter(Q(pk__in=counts) | Q(memberships__board=board)).distinct()
    return [(t, counts.get(t.pk, 0)) for t in terms.order_by("-start_date")]


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
    organisation = site_organisation(request)
    today = timezone.localdate()
    people = []
    if organisation is not None:
        memberships = Membership.objects.select_related("board", "term", "political_group")
        for person in Person.objects.filter(organisation=organisation).prefetch_related(
            Prefetch("memberships", queryset=memberships.order_by("board__name"))
        ):
            current = current_memberships(person.memberships.all(), today)
            groups = {m.political_group.name: None for m in current if m.political_group}
            people.append((person, current, list(groups)))
    return render(request, "publicsite/person_list.html", {"people": people})


def current_memberships(memberships: Any, day: dt.date) -> list[Membership]:
    return [m for m in memberships if m.is_active_on(day)]


def person_detail(request: HttpRequest, person: str) -> HttpResponse:
    the_person = get_object_or_404(Person, organisation=_organisation(request), slug=person)
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


# When the accessibility statement's text was written and last checked against the pages it
# describes (domain-rules.md §8): change these when the statement is reviewed.
STATEMENT_PREPARED = dt.date(2026, 12, 2)
STATEMENT_REVIEWED = dt.date(2026, 12, 2)


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "publicsite/accessibility.html",
        {"prepared": STATEMENT_PREPARED, "reviewed": STATEMENT_REVIEWED},
    )
