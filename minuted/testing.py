"""Builders for tests: a small organisation with one board and named people in named roles.

Tests read like sentences — "the clerk may publish", "a member of another board may not see"
— because the fixtures in minuted/conftest.py are built from these (healthchecks' hc/test.py
is the model)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.text import slugify

from minuted.accounts.models import User
from minuted.governance.models import (
    Authority,
    Board,
    Membership,
    MembershipRole,
    Organisation,
    Person,
    PoliticalGroup,
    SeatAllocation,
    Term,
)
from minuted.governance.services import save_membership

PASSWORD = "correct horse battery staple"


def make_organisation(
    slug: str = "lga", name: str = "Local Government Association"
) -> Organisation:
    return Organisation.objects.create(slug=slug, name=name, short_name=slug.upper())


def make_authority(
    gss_code: str = "E07000111", name: str = "Sevenoaks District Council"
) -> Authority:
    return Authority.objects.get_or_create(
        gss_code=gss_code, defaults={"code": gss_code[-3:] + gss_code[:1], "name": name}
    )[0]


def make_group(organisation: Organisation, name: str, position: int = 0) -> PoliticalGroup:
    return PoliticalGroup.objects.create(
        organisation=organisation,
        name=name,
        slug=name.lower().replace(" ", "-"),
        position=position,
        group_office_email=f"{name.lower().replace(' ', '')}@example.org",
    )


def make_term(
    organisation: Organisation,
    name: str = "2019/20",
    start: dt.date = dt.date(2019, 9, 1),
    end: dt.date = dt.date(2020, 8, 31),
) -> Term:
    return Term.objects.create(
        organisation=organisation,
        name=name,
        slug=slugify(name.replace("/", "-")),
        start_date=start,
        end_date=end,
    )


def make_board(
    organisation: Organisation, name: str = "Improvement and Innovation Board", **fields: Any
) -> Board:
    slug = name.lower().replace(" ", "-")
    return Board.objects.create(organisation=organisation, name=name, slug=slug, **fields)


def allocate(board: Board, term: Term, group: PoliticalGroup, seats: int) -> SeatAllocation:
    return SeatAllocation.objects.create(board=board, term=term, group=group, seats=seats)


_people = 0


def make_person(
    organisation: Organisation, given: str = "", family: str = "", title: str = "Cllr"
) -> Person:
    global _people
    _people += 1
    given = given or f"Given{_people}"
    family = family or f"Family{_people}"
    return Person.objects.create(
        organisation=organisation,
        title=title,
        given_name=given,
        family_name=family,
        slug=f"{given}-{family}-{_people}".lower(),
    )


def appoint(
    person: Person,
    board: Board,
    term: Term,
    group: PoliticalGroup | None,
    role: str = MembershipRole.MEMBER,
    authority: Authority | None = None,
    **fields: Any,
) -> Membership:
    """A validated membership (raises ValidationError as the admin would)."""
    fields.setdefault(
        "voting_right", role not in (MembershipRole.OBSERVER, MembershipRole.INDEPENDENT_OBSERVER)
    )
    return save_membership(
        Membership(
            person=person,
            board=board,
            term=term,
            political_group=group,
            role=role,
            authority=authority or make_authority(),
            **fields,
        )
    )


def make_user(email: str, role: str, **fields: Any) -> User:
    return User.objects.create_user(
        username=email.split("@")[0], email=email, password=PASSWORD, role=role, **fields
    )


def make_meeting(board: Board, term: Term, day: dt.date | None = None, **fields: Any) -> Any:
    """A meeting in the term (by default 30 days from now, so its deadline is ahead)."""
    from django.utils import timezone

    from minuted.meetings.models import Meeting
    from minuted.meetings.services import meeting_slug

    day = day or timezone.localdate() + dt.timedelta(days=30)
    fields.setdefault("room", "Westminster Room")
    meeting = Meeting(board=board, term=term, date=day, start_time=dt.time(11), **fields)
    meeting.slug = meeting_slug(board, day)
    meeting.full_clean()
    meeting.save()
    return meeting


def make_report(
    item: Any, title: str, text: str = "", author: User | None = None, ready: bool = True
) -> Any:
    """A report with a summary, one recommendation and one section of two paragraphs."""
    from minuted.papers.models import Report, ReportParagraph, ReportSection

    report = Report.objects.create(
        agenda_item=item,
        title=title,
        author=author,
        status="ready" if ready else "draft",
        purpose="decision",
        summary=f"Summary of {title}.",
        recommendations_intro="That the board:",
        recommendations="agree the proposal;",
    )
    section = ReportSection.objects.create(report=report, position=1, heading="Background")
    ReportParagraph.objects.create(section=section, position=1, text=text or f"Text of {title}.")
    ReportParagraph.objects.create(section=section, position=2, text="A second paragraph.")
    return report
