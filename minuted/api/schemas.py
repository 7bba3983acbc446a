"""What the read endpoints answer: public data only (docs/api.md).

Objects are named by their stable ``uid`` (never a database id) and carry ``url`` (their
address in this API) and, where the public site has one, ``page_url``."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from ninja import Field, Schema

from minuted.api.pagination import PageParams

CLOCK = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
# Filters that name a board, term or organisation take its uid or its slug.
SLUG_OR_UID = r"^[-a-zA-Z0-9_]{1,100}$"


def reference(description: str) -> Any:
    return Field(None, pattern=SLUG_OR_UID, description=description)


# --- References: enough to name an object and find it --------------------------------------


class OrganisationRef(Schema):
    uid: UUID
    slug: str
    name: str


class BoardRef(Schema):
    uid: UUID
    slug: str
    name: str
    url: str


class TermRef(Schema):
    uid: UUID
    slug: str
    name: str


class GroupRef(Schema):
    uid: UUID
    slug: str
    name: str


class PersonRef(Schema):
    uid: UUID
    slug: str
    name: str  # as printed: "Cllr Peter Fleming OBE"
    url: str


class MeetingRef(Schema):
    uid: UUID
    slug: str  # the meeting's key within its board: "2019-10-29"
    date: dt.date
    board: BoardRef
    url: str


# --- Governance ------------------------------------------------------------------------------


class OrganisationOut(Schema):
    uid: UUID
    slug: str
    name: str
    short_name: str
    address: str
    website: str
    phone: str
    email: str


class ContactOfficer(Schema):
    name: str
    position: str
    phone: str
    email: str


class QuorumRuleOut(Schema):
    """A fraction of the membership, rounded up, with an optional minimum head-count and a
    minimum number of political groups present (docs/rules.md)."""

    numerator: int
    denominator: int
    minimum_headcount: int | None
    minimum_groups: int
    observers_count: bool


class QuorumOut(Schema):
    """The quorum as at a day of a term, with its arithmetic."""

    term: TermRef
    as_at: dt.date
    membership_total: int
    required: int
    minimum_groups: int
    summary: str
    explanation: str


class BoardOut(Schema):
    uid: UUID
    slug: str
    name: str
    short_name: str
    organisation: OrganisationRef
    purpose: str
    terms_of_reference: str  # Markdown, as the board agreed it
    hashtag: str
    contact_officer: ContactOfficer | None
    quorum_rule: QuorumRuleOut
    meetings_per_year: int
    url: str
    page_url: str


class BoardDetail(BoardOut):
    current_term: TermRef | None
    quorum: QuorumOut | None  # for the current term, as at today


class TermOut(Schema):
    uid: UUID
    slug: str
    name: str
    start_date: dt.date
    end_date: dt.date
    organisation: OrganisationRef


class GroupOut(Schema):
    uid: UUID
    slug: str
    name: str
    short_name: str
    organisation: OrganisationRef
    group_office_phone: str
    group_office_email: str


class AuthorityOut(Schema):
    gss_code: str
    name: str


class MembershipOut(Schema):
    uid: UUID
    person: PersonRef
    board: BoardRef
    term: TermRef
    role: str  # chair, vice_chair, deputy_chair, member, substitute, observer, …
    role_label: str
    political_group: GroupRef | None
    authority: AuthorityOut | None
    represents: str  # the body represented, for a member from outside local government
    voting_right: bool
    start_date: dt.date  # the first and last day it holds (the term's, unless set)
    end_date: dt.date


class PersonOut(Schema):
    uid: UUID
    slug: str
    name: str
    title: str
    given_name: str
    family_name: str
    honours: str
    organisation: OrganisationRef
    url: str
    page_url: str


class InterestOut(Schema):
    category: str
    category_label: str
    description: str
    spouse_or_partner: bool
    registered_on: dt.date


class PersonDetail(PersonOut):
    memberships: list[MembershipOut]
    # The public register of interests today; sensitive interests are never described, only
    # counted (Localism Act 2011 s.32(2)).
    interests: list[InterestOut]
    withheld_interests: int


# --- Meetings ------------------------------------------------------------------------------


class MeetingOut(Schema):
    uid: UUID
    slug: str
    board: BoardRef
    term: TermRef
    date: dt.date
    start_time: str = Field(..., pattern=CLOCK, examples=["11:00"])  # 24-hour, Europe/London
    end_time: str | None = Field(..., pattern=CLOCK)
    status: str  # scheduled, confirmed, cancelled, held
    format: str  # in_person, online, hybrid
    place: str  # as the agenda prints it
    room: str
    address: str
    online_url: str
    webcast_url: str
    cancellation_reason: str
    pack_published: bool
    minutes_published: bool
    url: str
    page_url: str


class PaperLink(Schema):
    uid: UUID
    title: str
    url: str


class AgendaEntry(Schema):
    type: str  # "item", or "marker" for a heading such as the confidential section's
    number: str
    title: str
    note: str
    # An exempt item's number and title are public; its papers are not, and are not listed.
    exempt: bool
    papers: list[PaperLink]


class PackOut(Schema):
    kind: str  # main or supplementary
    version: int
    published_at: dt.datetime
    reason: str  # why a version after the first was published
    latest: bool
    pdf_url: str  # the public edition
    pdf_sha256: str
    page_url: str


class MinutesOut(Schema):
    version: int
    published_at: dt.datetime
    reason: str
    latest: bool
    pdf_url: str
    pdf_sha256: str
    page_url: str


class MeetingDetail(MeetingOut):
    # The agenda as published: from the latest main pack, or, for a meeting whose minutes were
    # published without a pack, from the minutes ("minutes"); empty until either is published.
    agenda_source: str | None
    agenda: list[AgendaEntry]
    packs: list[PackOut]
    minutes: list[MinutesOut]
    minutes_approved_on: dt.date | None


class AttendeeOut(Schema):
    person: PersonRef
    membership: UUID
    role: str
    political_group: GroupRef | None
    status: str  # present, substitute, apologies, absent, observer, virtual
    status_label: str
    substitute_for: PersonRef | None
    substitute_sent: bool
    arrived_at: str | None  # the agenda item's number, when they came late
    left_after: str | None


class OtherAttendeeOut(Schema):
    uid: UUID
    kind: str  # officer, guest, or member (as recorded in transcribed minutes)
    name: str
    role: str


class AttendanceOut(Schema):
    meeting: MeetingRef
    # The register is public once the meeting is held; before that the lists are empty.
    held: bool
    members: list[AttendeeOut]
    others: list[OtherAttendeeOut]


# --- Papers and the record (from the public editions of published versions) ------------------


class PackRef(Schema):
    kind: str
    version: int
    published_at: dt.datetime


class PaperOut(Schema):
    uid: UUID
    id: str  # the report's id within the pack ("r12"), as in the public pages' addresses
    title: str
    item_number: str
    purpose: str
    meeting: MeetingRef
    pack: PackRef
    url: str
    page_url: str


class PaperDetail(PaperOut):
    # The report as the public edition prints it: summary, recommendations, numbered sections,
    # appendices … as blocks (see docs/api.md).
    content: dict[str, Any]


class DecisionOut(Schema):
    meeting: MeetingRef
    item_number: str
    item_title: str
    number: str  # "5.2": the item's number and the decision's within it
    text: str
    vote: str  # the recorded vote's result, when there was one
    minutes_version: int
    published_at: dt.datetime


class ActionOut(Schema):
    meeting: MeetingRef
    item_number: str
    text: str
    owner: str
    minutes_version: int


# --- Filters ---------------------------------------------------------------------------------


class OrganisationFilter(PageParams):
    organisation: str | None = reference("An organisation's slug or uid.")


class MembershipFilter(PageParams):
    board: str | None = reference("A board's slug or uid.")
    term: str | None = reference("A term's slug or uid.")
    person: str | None = reference("A person's slug or uid.")
    on: dt.date | None = Field(None, description="Only memberships that hold on this day.")


class PeopleFilter(OrganisationFilter):
    board: str | None = reference("Only people with a membership of this board.")


class MeetingFilter(PageParams):
    organisation: str | None = reference("An organisation's slug or uid.")
    board: str | None = reference("A board's slug or uid.")
    term: str | None = reference("A term's slug or uid.")
    since: dt.date | None = Field(None, description="Meetings on or after this day.")
    until: dt.date | None = Field(None, description="Meetings on or before this day.")
    status: str | None = Field(None, pattern=r"^(scheduled|confirmed|cancelled|held)$")
    order: str = Field("date", pattern=r"^-?date$", description="date, or -date for newest first")


class RecordFilter(PageParams):
    """Filters of papers, decisions and actions: the meetings they come from."""

    organisation: str | None = reference("An organisation's slug or uid.")
    board: str | None = reference("A board's slug or uid.")
    since: dt.date | None = Field(None, description="From meetings on or after this day.")
    until: dt.date | None = Field(None, description="From meetings on or before this day.")
