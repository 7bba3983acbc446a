"""Changing the minutes entry by entry: decisions (numbered within their item, with any
recorded vote), actions and declarations of interest.

Each function refuses with :class:`LockedError` once the minutes are approved as a correct
record (rules §6). Decisions and recorded votes also refuse below this layer, in their
models; actions and declarations do not (an action's progress is still recorded after
approval, and a declaration belongs to the agenda item), so these functions are the lock for
them. The approval is read afresh from the database, so a form opened before the approval
cannot change the record after it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet

from minuted import audit
from minuted.governance.models import Membership
from minuted.meetings.models import AgendaItem
from minuted.record.models import (
    Action,
    Decision,
    Declaration,
    MinuteItem,
    Minutes,
    RecordedVote,
)
from minuted.record.rules.votes import Outcome, Vote, count_votes
from minuted.record.voting import voters_at_items


def vote_field(membership_id: int) -> str:
    """The name under which a member's vote is given and refused (a form field's name)."""
    return f"member_{membership_id}"


def _check_editable(minutes_id: int | None) -> None:
    if minutes_id is None:
        return
    Minutes.objects.select_for_update().get(pk=minutes_id).check_editable()


def _minutes_of_agenda_item(item: AgendaItem) -> int | None:
    return Minutes.objects.filter(meeting_id=item.meeting_id).values_list("pk", flat=True).first()


def _next_position(rows: QuerySet[Any]) -> int:
    last = rows.aggregate(Max("position"))["position__max"]
    return (last or 0) + 1


def _close_up(rows: QuerySet[Any]) -> None:
    """Number what is left 1, 2, 3 … in its order."""
    for position, row in enumerate(rows.order_by("position", "id"), start=1):
        if row.position != position:
            rows.filter(pk=row.pk).update(position=position)


# --- Decisions -----------------------------------------------------------------------------


Numbered = TypeVar("Numbered", Decision, Action)


def _save_numbered(row: Numbered) -> Numbered:
    """Save a new or changed decision or action; a new one goes after the item's last."""
    item: MinuteItem = row.item
    _check_editable(item.minutes_id)
    if row.pk is None:
        row.position = _next_position(type(row).objects.filter(item=item))
    with audit.change(row, f"minutes.{row._meta.model_name}.save"):
        row.save()
    return row


def _delete_numbered(row: Decision | Action) -> None:
    """Delete a decision or action; the item's others of its kind close up."""
    item: MinuteItem = row.item
    _check_editable(item.minutes_id)
    audit.deleted(row, f"minutes.{row._meta.model_name}.delete")
    row.delete()
    _close_up(type(row).objects.filter(item=item))


@transaction.atomic
def save_decision(decision: Decision) -> Decision:
    """Save a new or changed decision; a new one is numbered after the item's last."""
    return _save_numbered(decision)


@transaction.atomic
def delete_decision(decision: Decision) -> None:
    """Delete a decision with its recorded vote; the item's other decisions close up."""
    _delete_numbered(decision)


@transaction.atomic
def record_vote(
    decision: Decision,
    votes: Mapping[int, str | None],
    casting_vote: str = "",
) -> Outcome:
    """Record how each member voted on a decision (SI 2014/165) and the chair's casting vote.

    ``votes`` maps membership ids to "for", "against" or "abstain"; an empty value means the
    member did not vote. Only those who may vote at the item (voting.voters_at_items) may
    have voted. A casting vote is given only when the votes for and against are equal (LGA
    1972 Sch.12 para 39). The record replaces any earlier one. Errors are keyed by
    :func:`vote_field` and ``casting_vote``."""
    item: MinuteItem = decision.item
    _check_editable(item.minutes_id)
    agenda_item = item.agenda_item
    voters = {m.pk: m for m in voters_at_items(agenda_item.meeting).get(agenda_item.pk, [])}
    errors: dict[str, str] = {}
    cast: dict[int, Vote] = {}
    for membership_id, value in votes.items():
        if not value:
            continue
        if value not in {v.value for v in Vote}:
            errors[vote_field(membership_id)] = "Choose for, against, abstain or did not vote."
        elif membership_id not in voters:
            errors[vote_field(membership_id)] = _not_a_voter(membership_id, agenda_item)
        else:
            cast[membership_id] = Vote(value)
    if errors:
        raise ValidationError(errors)
    if not cast:
        raise ValidationError(
            "Record at least one member’s vote, or remove the recorded vote from the decision."
        )
    outcome = count_votes({str(k): v for k, v in cast.items()})
    if casting_vote:
        if casting_vote not in (Vote.FOR, Vote.AGAINST):
            raise ValidationError({"casting_vote": "A casting vote is for or against."})
        if outcome.for_ != outcome.against:
            raise ValidationError(
                {
                    "casting_vote": "The chair has a casting vote only when the votes are "
                    f"equal: these are {outcome.for_} for and {outcome.against} against."
                }
            )
    RecordedVote.objects.filter(decision=decision).delete()
    for membership_id, vote in cast.items():
        RecordedVote.objects.create(decision=decision, membership_id=membership_id, vote=vote)
    decision.recorded_vote = True
    decision.casting_vote = casting_vote
    decision.save(update_fields=["recorded_vote", "casting_vote", "modified"])
    return count_votes(
        {str(k): v for k, v in cast.items()}, Vote(casting_vote) if casting_vote else None
    )


def _not_a_voter(membership_id: int, agenda_item: AgendaItem) -> str:
    membership = Membership.objects.select_related("person").filter(pk=membership_id).first()
    if membership is None or membership.board_id != agenda_item.meeting.board_id:
        return "Only members of the board can vote."
    name = membership.person.display_name
    left = Declaration.objects.filter(item=agenda_item, membership=membership)
    if any(d.excludes_from_item for d in left.select_related("item__meeting")):
        return (
            f"{name} left the room for a disclosable pecuniary interest in this item, so did "
            "not vote. Choose “Did not vote”."
        )
    return (
        f"{name} is not recorded in the attendance register as a voting member present for "
        "this item, so did not vote. Choose “Did not vote”, or correct the attendance."
    )


@transaction.atomic
def remove_vote(decision: Decision) -> None:
    """The decision was not taken by a recorded vote after all."""
    item: MinuteItem = decision.item
    _check_editable(item.minutes_id)
    RecordedVote.objects.filter(decision=decision).delete()
    decision.recorded_vote = False
    decision.casting_vote = ""
    decision.save(update_fields=["recorded_vote", "casting_vote", "modified"])


# --- Actions -------------------------------------------------------------------------------


@transaction.atomic
def save_action(action: Action) -> Action:
    """Save a new or changed action of the minutes; a new one goes after the item's last."""
    return _save_numbered(action)


@transaction.atomic
def delete_action(action: Action) -> None:
    """Delete an action set in error, with any progress notes; the item's others close up."""
    _delete_numbered(action)


# --- Declarations --------------------------------------------------------------------------


@transaction.atomic
def save_declaration(declaration: Declaration) -> Declaration:
    _check_editable(_minutes_of_agenda_item(declaration.item))
    declaration.save()
    return declaration


@transaction.atomic
def delete_declaration(declaration: Declaration) -> None:
    _check_editable(_minutes_of_agenda_item(declaration.item))
    declaration.delete()
