"""Body, Organization, Person, Membership and LegislativeTerm: inherently public governance
data, read from the rows (people's public fields only: no e-mail, phone or photo)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import F, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone

from minuted.governance.models import (
    Board,
    Membership,
    MembershipRole,
    Organisation,
    Person,
    PoliticalGroup,
    Term,
)
from minuted.interop.models import OParlEntry, OParlType
from minuted.interop.oparl.common import (
    Json,
    head,
    latest,
    newest_of,
    put,
    stamps,
    tombstone_modified,
)
from minuted.interop.oparl.ids import BODY_LISTS, Ids, moment
from minuted.programme.models import Programme


def bodies(organisations: QuerySet[Organisation]) -> QuerySet[Organisation]:
    return organisations.annotate(
        oparl_modified=newest_of(
            latest(Term.objects.filter(organisation=OuterRef("pk"))),
            latest(
                OParlEntry.objects.filter(
                    type=OParlType.LEGISLATIVE_TERM, deleted=True, body_uid=OuterRef("uid")
                )
            ),
        )
    ).order_by("pk")


def render_bodies(organisations: list[Organisation], ids: Ids) -> list[Json]:
    terms: dict[int, list[Term]] = defaultdict(list)
    for term in Term.objects.filter(organisation__in=organisations).order_by("start_date"):
        terms[term.organisation_id].append(term)
    out = []
    for organisation in organisations:
        body = head("Body", organisation.uid, ids)
        body["system"] = ids.base
        body["name"] = organisation.name
        put(body, "shortName", organisation.short_name)
        put(body, "website", organisation.website)
        put(body, "contactEmail", organisation.email)
        for name in BODY_LISTS:
            body[name] = ids.body_list(organisation.uid, name)
        body["legislativeTerm"] = [
            term_object(term, organisation, ids) for term in terms[organisation.pk]
        ]
        put(body, "web", ids.site("home"))
        put(body, "minuted:address", organisation.address)
        put(body, "minuted:phone", organisation.phone)
        body.update(stamps(organisation))
        out.append(body)
    return out


def terms(organisations: QuerySet[Organisation]) -> QuerySet[Term]:
    return (
        Term.objects.filter(organisation__in=organisations)
        .select_related("organisation")
        .annotate(oparl_modified=F("modified"))
        .order_by("pk")
    )


def term_object(term: Term, organisation: Organisation, ids: Ids) -> Json:
    out = head("LegislativeTerm", term.uid, ids)
    out["body"] = ids.of("Body", organisation.uid)
    out["name"] = term.name
    out["startDate"] = term.start_date.isoformat()
    out["endDate"] = term.end_date.isoformat()
    out.update(stamps(term))
    return out


def render_terms(rows: list[Term], ids: Ids) -> list[Json]:
    return [term_object(term, term.organisation, ids) for term in rows]


# --- Organizations: boards (committees) and political groups --------------------------------


def boards(organisations: QuerySet[Organisation]) -> QuerySet[Board]:
    return (
        Board.objects.filter(organisation__in=organisations)
        .select_related("organisation")
        .annotate(
            oparl_modified=newest_of(
                latest(Membership.objects.filter(board=OuterRef("pk"))),
                tombstone_modified(organization_uid=OuterRef("uid")),
            )
        )
        .order_by("pk")
    )


def _quorum_rule(board: Board) -> Json:
    rule = board.quorum_rule
    return {
        "numerator": rule.numerator,
        "denominator": rule.denominator,
        "minimumHeadcount": rule.minimum_headcount,
        "minimumGroups": rule.minimum_groups,
        "observersCount": rule.observers_count,
    }


def render_boards(rows: list[Board], ids: Ids) -> list[Json]:
    memberships: dict[int, list[Membership]] = defaultdict(list)
    for m in (
        Membership.objects.filter(board__in=rows)
        .select_related("term")
        .order_by("term__start_date", "pk")
    ):
        memberships[m.board_id].append(m)
    programmes: dict[int, list[Programme]] = defaultdict(list)
    for programme in Programme.objects.filter(board__in=rows, is_public=True).order_by(
        "-start_date", "pk"
    ):
        programmes[programme.board_id].append(programme)
    today = timezone.localdate()
    role_order = list(MembershipRole)
    out = []
    for board in rows:
        mine = memberships[board.pk]
        org = head("Organization", board.uid, ids)
        org["body"] = ids.of("Body", board.organisation.uid)
        org["name"] = board.name
        put(org, "shortName", board.short_name)
        org["organizationType"] = "Gremium"
        org["classification"] = "Board"
        org["membership"] = [ids.of("Membership", m.uid) for m in mine]
        org["meeting"] = ids.of("Organization", board.uid) + "meetings/"
        seated = [m for m in mine if m.is_active_on(today) and m.role != MembershipRole.SUBSTITUTE]
        if seated:
            org["memberCount"] = len(seated)
            org["votingMemberCount"] = sum(1 for m in seated if m.voting_right)
        roles = {MembershipRole(m.role) for m in mine}
        put(org, "post", [r.label for r in role_order if r in roles])
        put(org, "web", ids.site("board", ("slug", board.slug)))
        put(org, "minuted:purpose", board.purpose)
        put(org, "minuted:termsOfReference", board.terms_of_reference)
        org["minuted:quorum"] = _quorum_rule(board)
        org["minuted:meetingsPerYear"] = board.meetings_per_year
        put(org, "minuted:hashtag", board.hashtag)
        # The public programmes the board oversees; their data is in the JSON API.
        put(
            org,
            "minuted:programme",
            [
                {
                    "name": programme.name,
                    "startDate": programme.start_date.isoformat(),
                    "endDate": programme.end_date.isoformat(),
                    "web": ids.site("programme", ("slug", programme.slug)),
                    "minuted:data": ids.absolute(
                        reverse("api-v1:programme", kwargs={"programme": programme.uid})
                    ),
                }
                for programme in programmes[board.pk]
            ],
        )
        org.update(stamps(board))
        out.append(org)
    return out


def groups(organisations: QuerySet[Organisation]) -> QuerySet[PoliticalGroup]:
    return (
        PoliticalGroup.objects.filter(organisation__in=organisations)
        .select_related("organisation")
        .annotate(oparl_modified=F("modified"))
        .order_by("pk")
    )


def render_groups(rows: list[PoliticalGroup], ids: Ids) -> list[Json]:
    out = []
    for group in rows:
        org = head("Organization", group.uid, ids)
        org["body"] = ids.of("Body", group.organisation.uid)
        org["name"] = group.name
        put(org, "shortName", group.short_name)
        org["organizationType"] = "Fraktion"
        org["classification"] = "Political group"
        office: dict[str, Any] = {}
        put(office, "phone", group.group_office_phone)
        put(office, "email", group.group_office_email)
        put(org, "minuted:groupOffice", office)
        org.update(stamps(group))
        out.append(org)
    return out


# --- People and memberships ---------------------------------------------------------------


def people(organisations: QuerySet[Organisation]) -> QuerySet[Person]:
    return (
        Person.objects.filter(organisation__in=organisations)
        .select_related("organisation")
        .annotate(
            oparl_modified=newest_of(
                latest(Membership.objects.filter(person=OuterRef("pk"))),
                tombstone_modified(person_uid=OuterRef("uid")),
            )
        )
        .order_by("pk")
    )


def _membership_rows() -> QuerySet[Membership]:
    return Membership.objects.select_related(
        "person", "board", "term", "political_group", "authority"
    )


def render_people(rows: list[Person], ids: Ids) -> list[Json]:
    memberships: dict[int, list[Membership]] = defaultdict(list)
    for m in _membership_rows().filter(person__in=rows).order_by("term__start_date", "pk"):
        memberships[m.person_id].append(m)
    out = []
    for person in rows:
        obj = head("Person", person.uid, ids)
        obj["body"] = ids.of("Body", person.organisation.uid)
        obj["name"] = person.display_name
        obj["familyName"] = person.family_name
        obj["givenName"] = person.given_name
        put(obj, "formOfAddress", person.title)
        put(obj, "affix", person.honours)
        put(obj, "membership", [membership_object(m, ids) for m in memberships[person.pk]])
        web = ids.site("person", ("slug", person.slug))
        put(obj, "web", web)
        if web:
            obj["minuted:registerOfInterests"] = web + "#interests"
        obj.update(stamps(person))
        out.append(obj)
    return out


def memberships(organisations: QuerySet[Organisation]) -> QuerySet[Membership]:
    return (
        _membership_rows()
        .filter(board__organisation__in=organisations)
        .annotate(oparl_modified=F("modified"))
        .order_by("pk")
    )


def membership_object(m: Membership, ids: Ids) -> Json:
    out = head("Membership", m.uid, ids)
    out["person"] = ids.of("Person", m.person.uid)
    out["organization"] = ids.of("Organization", m.board.uid)
    out["role"] = m.get_role_display()
    out["votingRight"] = m.voting_right
    out["startDate"] = m.first_day.isoformat()
    out["endDate"] = m.last_day.isoformat()
    if m.political_group is not None:
        out["onBehalfOf"] = ids.of("Organization", m.political_group.uid)
    out["minuted:legislativeTerm"] = ids.of("LegislativeTerm", m.term.uid)
    if m.authority is not None:
        out["minuted:represents"] = m.authority.name
        put(out, "minuted:gssCode", m.authority.gss_code)
    else:
        put(out, "minuted:represents", m.represents)
    out["created"] = moment(m.created)
    out["modified"] = moment(m.modified)
    return out


def render_memberships(rows: list[Membership], ids: Ids) -> list[Json]:
    return [membership_object(m, ids) for m in rows]
