"""Decisions and actions: public reads from the public editions of the latest published
minutes (minuted/record/public.py), and the clerk's writes through minuted/record/editing.py.

Approved minutes are a correct record: every change to their decisions is refused with 409,
and so is every change to their actions but the action log's (done, where reported)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from ninja import Query, Router, Status

from minuted.accounts.policy import Action as Permission
from minuted.api import presenters as p
from minuted.api.auth import require, token_auth
from minuted.api.errors import READ_ERRORS, WRITE_ERRORS
from minuted.api.lookups import get_or_404
from minuted.api.manage_schemas import (
    ActionIn,
    ActionPatch,
    DecisionIn,
    ManagedAction,
    ManagedDecision,
    ManagedMinutes,
    VotesIn,
)
from minuted.api.pagination import page_of, paginate
from minuted.api.routers.meetings import managed_meeting
from minuted.api.routers.papers import filtered_meetings
from minuted.api.schemas import ActionOut, DecisionOut, RecordFilter
from minuted.governance.models import Membership, Officer, Person
from minuted.meetings.models import AgendaItem, Meeting
from minuted.papers.documents import agenda_items
from minuted.record import editing
from minuted.record.models import Action, Decision, MinuteItem, Minutes
from minuted.record.public import latest_minutes, public_actions, public_decisions
from minuted.record.register import agenda_numbers
from minuted.record.rules.votes import Vote, count_votes
from minuted.record.services import due_date, minutes_for

router = Router(tags=["minutes"])

DecisionPage = page_of(DecisionOut, "DecisionPage")
ActionPage = page_of(ActionOut, "ActionPage")


@router.get("/decisions", response={200: DecisionPage, **READ_ERRORS})
def list_decisions(request: HttpRequest, filters: Query[RecordFilter]) -> Any:
    """Decisions as the latest published minutes print them, oldest meeting first. Decisions
    kept confidential appear once the board has released them and the minutes are
    republished."""
    decisions = public_decisions(latest_minutes(filtered_meetings(filters)))
    page = paginate(request, decisions, filters)
    page["results"] = [
        {
            "meeting": p.meeting_ref(request, d.meeting),
            "item_number": d.item_number,
            "item_title": d.item_title,
            "number": d.number,
            "text": d.text,
            "vote": d.vote,
            "minutes_version": d.version.number,
            "published_at": d.version.published_at,
        }
        for d in page["results"]
    ]
    return page


@router.get("/actions", response={200: ActionPage, **READ_ERRORS})
def list_actions(request: HttpRequest, filters: Query[RecordFilter]) -> Any:
    """Actions as the latest published minutes print them, oldest meeting first."""
    actions = public_actions(latest_minutes(filtered_meetings(filters)))
    page = paginate(request, actions, filters)
    page["results"] = [
        {
            "meeting": p.meeting_ref(request, a.meeting),
            "item_number": a.item_number,
            "text": a.text,
            "owner": a.owner,
            "minutes_version": a.version.number,
        }
        for a in page["results"]
    ]
    return page


# --- The clerk's record ----------------------------------------------------------------------


def _numbers(meeting: Meeting) -> dict[int, str]:
    items = agenda_items(meeting)
    return dict(zip([i.pk for i in items], agenda_numbers(items), strict=True))


def decision_out(decision: Decision, meeting: Meeting, item_number: str) -> dict[str, Any]:
    votes = list(decision.votes.select_related("membership__person"))
    summary = ""
    if decision.recorded_vote and votes:
        casting = Vote(decision.casting_vote) if decision.casting_vote else None
        summary = count_votes({str(v.membership_id): Vote(v.vote) for v in votes}, casting).summary
    return {
        "uid": decision.uid,
        "meeting": meeting.uid,
        "item": decision.item.agenda_item.uid,
        "number": f"{item_number}.{decision.position}",
        "text": decision.text,
        "recorded_vote": decision.recorded_vote,
        "casting_vote": decision.casting_vote,
        "vote": summary,
        "votes": [
            {
                "membership": v.membership.uid,
                "person": v.membership.person.display_name,
                "vote": v.vote,
            }
            for v in votes
        ],
    }


def action_out(request: HttpRequest, action: Action, meeting: Meeting) -> dict[str, Any]:
    return {
        "uid": action.uid,
        "meeting": meeting.uid,
        "item": action.item.agenda_item.uid,
        "number": action.position,
        "text": action.text,
        "owner": action.owner,
        "owner_person": p.person_ref(request, action.owner_person) if action.owner_person else None,
        "owner_officer": {"uid": action.owner_officer.uid, "name": action.owner_officer.name}
        if action.owner_officer
        else None,
        "owner_role": action.owner_role,
        "due_on": action.due_on,
        "due_by_next_meeting": action.due_by_next_meeting,
        "due": due_date(action.due_on, action.due_by_next_meeting, meeting),
        "done_on": action.done_on,
        "closed_reference": action.closed_reference,
    }


@router.get(
    "/meetings/{uuid:meeting}/minutes",
    response={200: ManagedMinutes, **WRITE_ERRORS},
    auth=token_auth,
    tags=["clerks"],
)
def get_minutes(request: HttpRequest, meeting: UUID) -> Any:
    """The minutes as the clerk keeps them, confidential decisions included: the uids to
    change or delete decisions and actions by."""
    the_meeting = managed_meeting(request, meeting, Permission.EDIT_MINUTES)
    minutes = minutes_for(the_meeting)
    numbers = _numbers(the_meeting)
    entries = (
        minutes.items.select_related("agenda_item")
        .prefetch_related("decisions", "actions__owner_person", "actions__owner_officer")
        .order_by("agenda_item__position")
    )
    items = []
    for entry in sorted(entries, key=lambda e: list(numbers).index(e.agenda_item_id)):
        items.append(
            {
                "item": entry.agenda_item.uid,
                "number": numbers[entry.agenda_item_id],
                "title": entry.agenda_item.title,
                "decisions_confidential": entry.decisions_confidential,
                "decisions": [
                    decision_out(d, the_meeting, numbers[entry.agenda_item_id])
                    for d in entry.decisions.all()
                ],
                "actions": [action_out(request, a, the_meeting) for a in entry.actions.all()],
            }
        )
    return {"meeting": the_meeting.uid, "approved_on": minutes.approved_on, "items": items}


def _minute_item(request: HttpRequest, meeting: UUID, item: UUID) -> tuple[Meeting, MinuteItem]:
    """The entry of the minutes for an agenda item; 409 if the minutes are approved."""
    the_meeting = managed_meeting(request, meeting, Permission.EDIT_MINUTES)
    agenda_item = get_or_404(AgendaItem.objects.all(), "agenda item", meeting=the_meeting, uid=item)
    minutes = minutes_for(the_meeting)
    minutes.check_editable()
    entry = MinuteItem.objects.select_related("agenda_item").get(
        minutes=minutes, agenda_item=agenda_item
    )
    entry.minutes = minutes
    return the_meeting, entry


def _decision(request: HttpRequest, uid: UUID) -> tuple[Meeting, Decision]:
    decision = get_or_404(
        Decision.objects.select_related(
            "item__minutes__meeting__board", "item__agenda_item", "item__minutes__meeting__term"
        ),
        "decision",
        uid=uid,
    )
    meeting = decision.item.minutes.meeting
    require(request, Permission.EDIT_MINUTES, meeting.board)
    return meeting, decision


def _decision_answer(meeting: Meeting, decision: Decision) -> dict[str, Any]:
    decision.refresh_from_db()
    return decision_out(decision, meeting, _numbers(meeting)[decision.item.agenda_item_id])


@router.post(
    "/meetings/{uuid:meeting}/items/{uuid:item}/decisions",
    response={201: ManagedDecision, **WRITE_ERRORS},
    auth=token_auth,
    tags=["clerks"],
)
def create_decision(request: HttpRequest, meeting: UUID, item: UUID, payload: DecisionIn) -> Any:
    """Add a decision to an item's minutes; it is numbered after the item's last."""
    with transaction.atomic():  # minutes made for the occasion go too if it is refused
        the_meeting, entry = _minute_item(request, meeting, item)
        decision = Decision(item=entry, text=payload.text)
        decision.full_clean(exclude=["position"])
        editing.save_decision(decision)
    return Status(201, _decision_answer(the_meeting, decision))


@router.patch(
    "/decisions/{uuid:decision}",
    response={200: ManagedDecision, **WRITE_ERRORS},
    auth=token_auth,
    tags=["clerks"],
)
def update_decision(request: HttpRequest, decision: UUID, payload: DecisionIn) -> Any:
    """Change a decision's words."""
    meeting, the_decision = _decision(request, decision)
    the_decision.item.minutes.check_editable()
    the_decision.text = payload.text
    with transaction.atomic():
        the_decision.full_clean()
        editing.save_decision(the_decision)
    return _decision_answer(meeting, the_decision)


@router.delete(
    "/decisions/{uuid:decision}",
    response={204: None, **WRITE_ERRORS},
    auth=token_auth,
    tags=["clerks"],
)
def delete_decision(request: HttpRequest, decision: UUID) -> Any:
    """Delete a decision with its recorded vote; the item's other decisions close up."""
    _, the_decision = _decision(request, decision)
    editing.delete_decision(the_decision)
    return Status(204, None)


@router.put(
    "/decisions/{uuid:decision}/vote",
    response={200: ManagedDecision, **WRITE_ERRORS},
    auth=token_auth,
    tags=["clerks"],
)
def record_vote(request: HttpRequest, decision: UUID, payload: VotesIn) -> Any:
    """Record how each member voted (only those who may vote at the item), and the chair's
    casting vote when the votes are equal. Replaces any earlier record."""
    meeting, the_decision = _decision(request, decision)
    the_decision.item.minutes.check_editable()
    members = {
        m.uid: m.pk
        for m in Membership.objects.filter(board=meeting.board, term=meeting.term).only("uid")
    }
    votes: dict[int, str | None] = {}
    field_of: dict[str, str] = {}
    errors: dict[str, str] = {}
    for n, cast in enumerate(payload.votes):
        pk = members.get(cast.membership)
        if pk is None:
            errors[f"votes.{n}.membership"] = "Not a membership of the board in this term."
        elif pk in votes:
            errors[f"votes.{n}.membership"] = "This member's vote is given twice."
        else:
            votes[pk] = cast.vote
            field_of[editing.vote_field(pk)] = f"votes.{n}.vote"
    if errors:
        raise ValidationError(errors)
    try:
        editing.record_vote(the_decision, votes, payload.casting_vote)
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        raise ValidationError(
            {field_of.get(k, k): v for k, v in error.message_dict.items()}
        ) from None
    return _decision_answer(meeting, the_decision)


@router.delete(
    "/decisions/{uuid:decision}/vote",
    response={200: ManagedDecision, **WRITE_ERRORS},
    auth=token_auth,
    tags=["clerks"],
)
def remove_vote(request: HttpRequest, decision: UUID) -> Any:
    """The decision was not taken by a recorded vote after all."""
    meeting, the_decision = _decision(request, decision)
    editing.remove_vote(the_decision)
    return _decision_answer(meeting, the_decision)


# --- Actions ---------------------------------------------------------------------------------

FOLLOW_UP = {"done_on", "closed_reference"}


def _owners(meeting: Meeting, fields: dict[str, Any]) -> dict[str, Any]:
    """Owners named by uid, as rows: a person with a membership of the board, an officer of
    the organisation."""
    if fields.get("owner_person") is not None:
        person = Person.objects.filter(
            uid=fields["owner_person"], memberships__board=meeting.board
        ).first()
        if person is None:
            raise ValidationError({"owner_person": "Choose a member of the board."})
        fields["owner_person"] = person
    if fields.get("owner_officer") is not None:
        officer = Officer.objects.filter(
            uid=fields["owner_officer"], organisation=meeting.board.organisation_id
        ).first()
        if officer is None:
            raise ValidationError({"owner_officer": "Choose an officer of the organisation."})
        fields["owner_officer"] = officer
    return fields


def _action(request: HttpRequest, uid: UUID) -> tuple[Meeting, Action]:
    action = get_or_404(
        Action.objects.select_related(
            "item__minutes__meeting__board",
            "item__minutes__meeting__term",
            "item__agenda_item",
            "owner_person",
            "owner_officer",
        ),
        "action",
        uid=uid,
    )
    meeting = action.item.minutes.meeting
    require(request, Permission.EDIT_MINUTES, meeting.board)
    return meeting, action


def _action_answer(request: HttpRequest, meeting: Meeting, action: Action) -> dict[str, Any]:
    action.refresh_from_db()
    return action_out(request, action, meeting)


@router.post(
    "/meetings/{uuid:meeting}/items/{uuid:item}/actions",
    response={201: ManagedAction, **WRITE_ERRORS},
    auth=token_auth,
    tags=["clerks"],
)
def create_action(request: HttpRequest, meeting: UUID, item: UUID, payload: ActionIn) -> Any:
    """Add an action to an item's minutes: who is to do what, by when."""
    with transaction.atomic():  # minutes made for the occasion go too if it is refused
        the_meeting, entry = _minute_item(request, meeting, item)
        action = Action(item=entry, **_owners(the_meeting, payload.dict()))
        action.full_clean(exclude=["position"])
        editing.save_action(action)
    return Status(201, _action_answer(request, the_meeting, action))


@router.patch(
    "/actions/{uuid:action}",
    response={200: ManagedAction, **WRITE_ERRORS},
    auth=token_auth,
    tags=["clerks"],
)
def update_action(request: HttpRequest, action: UUID, payload: ActionPatch) -> Any:
    """Change an action; once the minutes are approved, only ``done_on`` and
    ``closed_reference`` (the action log) may change."""
    meeting, the_action = _action(request, action)
    changes = _owners(meeting, payload.dict(exclude_unset=True))
    nullable = {"owner_person", "owner_officer", "due_on", "done_on"}
    for name, value in changes.items():
        if value is None and name not in nullable:
            raise ValidationError({name: "This field cannot be null."})
        setattr(the_action, name, value)
    with transaction.atomic():
        if set(changes) <= FOLLOW_UP:
            the_action.full_clean(exclude=["position"])
            the_action.save(update_fields=[*changes, "modified"])
        else:
            Minutes.objects.get(pk=the_action.item.minutes_id).check_editable()
            the_action.full_clean(exclude=["position"])
            editing.save_action(the_action)
    return _action_answer(request, meeting, the_action)


@router.delete(
    "/actions/{uuid:action}",
    response={204: None, **WRITE_ERRORS},
    auth=token_auth,
    tags=["clerks"],
)
def delete_action(request: HttpRequest, action: UUID) -> Any:
    """Delete an action set in error, with its progress notes; the item's others close up."""
    _, the_action = _action(request, action)
    editing.delete_action(the_action)
    return Status(204, None)
