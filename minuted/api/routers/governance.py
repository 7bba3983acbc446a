"""Organisations, boards, terms, political groups, people and memberships: all public."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router

from minuted.api import presenters as p
from minuted.api.errors import READ_ERRORS, READ_ONE_ERRORS
from minuted.api.lookups import get_or_404, slug_or_uid
from minuted.api.pagination import page_of, paginate
from minuted.api.schemas import (
    BoardDetail,
    BoardOut,
    GroupOut,
    MembershipFilter,
    MembershipOut,
    OrganisationFilter,
    OrganisationOut,
    PeopleFilter,
    PersonDetail,
    PersonOut,
    TermOut,
)
from minuted.governance.models import (
    Board,
    Membership,
    Organisation,
    Person,
    PoliticalGroup,
    Term,
)
from minuted.governance.services import as_at_day, current_term, roster
from minuted.record.interests import public_register, withheld_interests

router = Router(tags=["governance"])

OrganisationPage = page_of(OrganisationOut, "OrganisationPage")
BoardPage = page_of(BoardOut, "BoardPage")
TermPage = page_of(TermOut, "TermPage")
GroupPage = page_of(GroupOut, "GroupPage")
PersonPage = page_of(PersonOut, "PersonPage")
MembershipPage = page_of(MembershipOut, "MembershipPage")


def _in_organisation(rows: Any, organisation: str | None, field: str = "organisation") -> Any:
    return rows.filter(slug_or_uid(organisation, field)) if organisation else rows


@router.get("/organisations", response={200: OrganisationPage, **READ_ERRORS})
def list_organisations(request: HttpRequest, filters: Query[OrganisationFilter]) -> Any:
    """Organisations that own boards (a council, or a body of councils)."""
    page = paginate(request, Organisation.objects.order_by("name", "pk"), filters)
    page["results"] = [p.organisation_out(o) for o in page["results"]]
    return page


@router.get("/boards", response={200: BoardPage, **READ_ERRORS})
def list_boards(request: HttpRequest, filters: Query[OrganisationFilter]) -> Any:
    """Boards and committees, by name."""
    boards = Board.objects.select_related("organisation", "contact_officer").order_by("name", "pk")
    page = paginate(request, _in_organisation(boards, filters.organisation), filters)
    page["results"] = [p.board_out(request, b) for b in page["results"]]
    return page


@router.get(
    "/boards/{uuid:board}", response={200: BoardDetail, **READ_ONE_ERRORS}, url_name="board"
)
def get_board(request: HttpRequest, board: UUID) -> Any:
    """A board, with its current term and the quorum that term's membership needs today."""
    the_board = get_or_404(
        Board.objects.select_related("organisation", "contact_officer"), "board", uid=board
    )
    term = current_term(the_board)
    quorum = None
    if term is not None:
        day = as_at_day(term)
        requirement = roster(the_board, term, as_at=day).quorum
        quorum = {
            "term": p.term_ref(term),
            "as_at": day,
            "membership_total": requirement.membership_total,
            "required": requirement.required,
            "minimum_groups": requirement.minimum_groups,
            "summary": requirement.summary(),
            "explanation": requirement.explanation,
        }
    return {
        **p.board_out(request, the_board),
        "current_term": p.term_ref(term) if term else None,
        "quorum": quorum,
    }


@router.get("/terms", response={200: TermPage, **READ_ERRORS})
def list_terms(request: HttpRequest, filters: Query[OrganisationFilter]) -> Any:
    """Terms (municipal years), newest first."""
    terms = Term.objects.select_related("organisation").order_by("-start_date", "pk")
    page = paginate(request, _in_organisation(terms, filters.organisation), filters)
    page["results"] = [p.term_out(t) for t in page["results"]]
    return page


@router.get("/groups", response={200: GroupPage, **READ_ERRORS})
def list_groups(request: HttpRequest, filters: Query[OrganisationFilter]) -> Any:
    """Political groups, with their group offices' contacts."""
    groups = PoliticalGroup.objects.select_related("organisation").order_by("position", "name")
    page = paginate(request, _in_organisation(groups, filters.organisation), filters)
    page["results"] = [p.group_out(g) for g in page["results"]]
    return page


@router.get("/people", response={200: PersonPage, **READ_ERRORS})
def list_people(request: HttpRequest, filters: Query[PeopleFilter]) -> Any:
    """People who sit on boards, by family name."""
    people = Person.objects.select_related("organisation").order_by("family_name", "given_name")
    people = _in_organisation(people, filters.organisation)
    if filters.board:
        people = people.filter(
            pk__in=Membership.objects.filter(slug_or_uid(filters.board, "board")).values(
                "person_id"
            )
        )
    page = paginate(request, people.order_by("family_name", "given_name", "pk"), filters)
    page["results"] = [p.person_out(request, person) for person in page["results"]]
    return page


def _memberships() -> Any:
    return Membership.objects.select_related(
        "person", "board", "term", "political_group", "authority"
    ).order_by("board__name", "-term__start_date", "political_group__position", "position", "pk")


@router.get(
    "/people/{uuid:person}", response={200: PersonDetail, **READ_ONE_ERRORS}, url_name="person"
)
def get_person(request: HttpRequest, person: UUID) -> Any:
    """A person with their memberships and their public register of interests."""
    the_person = get_or_404(Person.objects.select_related("organisation"), "person", uid=person)
    today = timezone.localdate()
    interests = [
        {
            "category": e.category,
            "category_label": e.get_category_display(),
            "description": e.description,
            "spouse_or_partner": e.spouse_or_partner,
            "registered_on": e.registered_on,
        }
        for e in public_register(the_person, today)
    ]
    return {
        **p.person_out(request, the_person),
        "memberships": [
            p.membership_out(request, m) for m in _memberships().filter(person=the_person)
        ],
        "interests": interests,
        "withheld_interests": withheld_interests(the_person, today),
    }


@router.get("/memberships", response={200: MembershipPage, **READ_ERRORS})
def list_memberships(request: HttpRequest, filters: Query[MembershipFilter]) -> Any:
    """Who sits on which board, in which term, role and political group."""
    memberships = _memberships()
    if filters.board:
        memberships = memberships.filter(slug_or_uid(filters.board, "board"))
    if filters.term:
        memberships = memberships.filter(slug_or_uid(filters.term, "term"))
    if filters.person:
        memberships = memberships.filter(slug_or_uid(filters.person, "person"))
    if filters.on:
        day = filters.on
        memberships = (
            memberships.filter(term__start_date__lte=day, term__end_date__gte=day)
            .exclude(start_date__gt=day)
            .exclude(end_date__lt=day)
        )
    page = paginate(request, memberships, filters)
    page["results"] = [p.membership_out(request, m) for m in page["results"]]
    return page
