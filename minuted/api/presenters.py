"""Objects as the API shows them (the shapes are in schemas.py).

Every function here reads only what is public (governance, meetings, the register of held
meetings) or a public edition already chosen by minuted/papers/public.py and
minuted/record/public.py; callers fetch related rows up front so that a page of a list costs
the same number of queries whatever its length."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from minuted.governance.models import (
    Board,
    Membership,
    Officer,
    Organisation,
    Person,
    PoliticalGroup,
    Term,
)
from minuted.meetings.models import Meeting
from minuted.papers.models import PackEdition, PackKind
from minuted.papers.public import PublicPaper

NAMESPACE = "api-v1"


def api_url(request: HttpRequest, name: str, **kwargs: Any) -> str:
    return request.build_absolute_uri(reverse(f"{NAMESPACE}:{name}", kwargs=kwargs))


def page_url(request: HttpRequest, name: str, **kwargs: Any) -> str:
    return request.build_absolute_uri(reverse(name, kwargs=kwargs))


# --- References ------------------------------------------------------------------------------


def organisation_ref(o: Organisation) -> dict[str, Any]:
    return {"uid": o.uid, "slug": o.slug, "name": o.name}


def board_ref(request: HttpRequest, b: Board) -> dict[str, Any]:
    return {
        "uid": b.uid,
        "slug": b.slug,
        "name": b.name,
        "url": api_url(request, "board", board=b.uid),
    }


def term_ref(t: Term) -> dict[str, Any]:
    return {"uid": t.uid, "slug": t.slug, "name": t.name}


def group_ref(g: PoliticalGroup | None) -> dict[str, Any] | None:
    return None if g is None else {"uid": g.uid, "slug": g.slug, "name": g.name}


def person_ref(request: HttpRequest, p: Person) -> dict[str, Any]:
    return {
        "uid": p.uid,
        "slug": p.slug,
        "name": p.display_name,
        "url": api_url(request, "person", person=p.uid),
    }


def meeting_ref(request: HttpRequest, m: Meeting) -> dict[str, Any]:
    """Needs ``m.board`` (select_related)."""
    return {
        "uid": m.uid,
        "slug": m.slug,
        "date": m.date,
        "board": board_ref(request, m.board),
        "url": api_url(request, "meeting", meeting=m.uid),
    }


# --- Governance ------------------------------------------------------------------------------


def organisation_out(o: Organisation) -> dict[str, Any]:
    fields = ("uid", "slug", "name", "short_name", "address", "website", "phone", "email")
    return {f: getattr(o, f) for f in fields}


def contact(officer: Officer | None) -> dict[str, Any] | None:
    if officer is None:
        return None
    return {
        "name": officer.name,
        "position": officer.position,
        "phone": officer.phone,
        "email": officer.email,
    }


def board_out(request: HttpRequest, b: Board) -> dict[str, Any]:
    """Needs ``organisation`` and ``contact_officer`` (select_related)."""
    return {
        **board_ref(request, b),
        "short_name": b.short_name,
        "organisation": organisation_ref(b.organisation),
        "purpose": b.purpose,
        "terms_of_reference": b.terms_of_reference,
        "hashtag": b.hashtag,
        "contact_officer": contact(b.contact_officer),
        "quorum_rule": {
            "numerator": b.quorum_numerator,
            "denominator": b.quorum_denominator,
            "minimum_headcount": b.quorum_minimum_headcount,
            "minimum_groups": b.quorum_minimum_groups,
            "observers_count": b.observers_count_towards_membership,
        },
        "meetings_per_year": b.meetings_per_year,
        "page_url": page_url(request, "board", board=b.slug),
    }


def term_out(t: Term) -> dict[str, Any]:
    """Needs ``organisation``."""
    return {
        **term_ref(t),
        "start_date": t.start_date,
        "end_date": t.end_date,
        "organisation": organisation_ref(t.organisation),
    }


def group_out(g: PoliticalGroup) -> dict[str, Any]:
    return {
        "uid": g.uid,
        "slug": g.slug,
        "name": g.name,
        "short_name": g.short_name,
        "organisation": organisation_ref(g.organisation),
        "group_office_phone": g.group_office_phone,
        "group_office_email": g.group_office_email,
    }


def membership_out(request: HttpRequest, m: Membership) -> dict[str, Any]:
    """Needs person, board, term, political_group and authority (select_related)."""
    return {
        "uid": m.uid,
        "person": person_ref(request, m.person),
        "board": board_ref(request, m.board),
        "term": term_ref(m.term),
        "role": m.role,
        "role_label": m.get_role_display(),
        "political_group": group_ref(m.political_group),
        "authority": {"gss_code": m.authority.gss_code, "name": m.authority.name}
        if m.authority
        else None,
        "represents": m.represents,
        "voting_right": m.voting_right,
        "start_date": m.first_day,
        "end_date": m.last_day,
    }


def person_out(request: HttpRequest, p: Person) -> dict[str, Any]:
    """Public fields only: never the e-mail address, telephone or sign-in account."""
    return {
        **person_ref(request, p),
        "title": p.title,
        "given_name": p.given_name,
        "family_name": p.family_name,
        "honours": p.honours,
        "organisation": organisation_ref(p.organisation),
        "page_url": page_url(request, "person", person=p.slug),
    }


# --- Meetings --------------------------------------------------------------------------------


def meeting_out(
    request: HttpRequest, m: Meeting, with_pack: set[int], with_minutes: set[int]
) -> dict[str, Any]:
    """Needs ``board`` and ``term``; ``with_pack`` and ``with_minutes`` are the ids of meetings
    with a published pack and published minutes."""
    return {
        "uid": m.uid,
        "slug": m.slug,
        "board": board_ref(request, m.board),
        "term": term_ref(m.term),
        "date": m.date,
        "start_time": f"{m.start_time:%H:%M}",
        "end_time": f"{m.end_time:%H:%M}" if m.end_time else None,
        "status": m.status,
        "format": m.format,
        "place": m.place,
        "room": m.room,
        "address": m.address,
        "online_url": m.online_url,
        "webcast_url": m.webcast_url,
        "cancellation_reason": m.cancellation_reason,
        "pack_published": m.pk in with_pack,
        "minutes_published": m.pk in with_minutes,
        "url": api_url(request, "meeting", meeting=m.uid),
        "page_url": page_url(request, "meeting", board=m.board.slug, meeting=m.slug),
    }


def paper_url(request: HttpRequest, paper: PublicPaper) -> str:
    return api_url(request, "paper", meeting=paper.meeting.uid, paper=paper.uid)


def paper_page_url(request: HttpRequest, paper: PublicPaper) -> str:
    meeting = paper.meeting
    name = "supplementary-report" if paper.version.kind == PackKind.SUPPLEMENTARY else "pack-report"
    return page_url(
        request,
        name,
        board=meeting.board.slug,
        meeting=meeting.slug,
        number=paper.version.number,
        edition=PackEdition.PUBLIC,
        report=paper.id,
    )


def paper_out(request: HttpRequest, paper: PublicPaper) -> dict[str, Any]:
    version = paper.version
    return {
        "uid": paper.uid,
        "id": paper.id,
        "title": paper.title,
        "item_number": paper.item_number,
        "purpose": str(paper.content.get("purpose", "")),
        "meeting": meeting_ref(request, paper.meeting),
        "pack": {
            "kind": version.kind,
            "version": version.number,
            "published_at": version.published_at,
        },
        "url": paper_url(request, paper),
        "page_url": paper_page_url(request, paper),
    }
