"""The clerk's minutes screen: per agenda item who introduced it, the discussion, numbered
decisions (with recorded votes), actions and declarations of interest, each added, changed
and deleted in its own form; publishing the minutes, approving them at a later meeting (which
locks them) and releasing confidential decisions.

Every form is a plain POST that redirects back to its item (``#item-<n>``); errors re-render
the screen with status 400. Deleting asks first, on a page of its own. Once approved, any
change is refused with status 409. The work is done by minuted.record.editing and
minuted.record.services, which refuse changes to approved minutes themselves."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, capfirst
from django.views.decorators.http import require_http_methods, require_POST

from minuted.accounts.policy import Action as Permission
from minuted.accounts.policy import may
from minuted.core.concurrency import EditConflict, check_unchanged
from minuted.governance.models import Membership, Person
from minuted.meetings.models import AgendaItem, AgendaItemKind, Meeting
from minuted.papers.documents import agenda_items
from minuted.papers.models import PackEdition
from minuted.record import editing
from minuted.record.models import (
    Action,
    Decision,
    Declaration,
    LockedError,
    MinuteItem,
    Minutes,
    MinutesVersion,
)
from minuted.record.publishing import publish_minutes
from minuted.record.register import agenda_numbers
from minuted.record.services import approve_minutes, minutes_for, release_decisions
from minuted.record.voting import VoteRecord, vote_record, voters_at_items
from minuted.staff.access import managed_meeting
from minuted.staff.forms.govuk import add_validation_error, error_summary
from minuted.staff.forms.minutes import (
    ActionForm,
    DecisionForm,
    DeclarationForm,
    ItemChoiceForm,
    MinuteItemForm,
    MinutesPublishForm,
    VoteForm,
)


@dataclass
class DecisionRow:
    """A decision on the screen, with the form that changes it and the one for its vote."""

    decision: Decision
    number: str  # "2.1": item 2, decision 1
    form: DecisionForm
    vote_form: VoteForm | None  # None when no one may vote at the item and no vote is on record
    vote: VoteRecord | None

    @property
    def what(self) -> str:
        return f"decision {self.number}"


@dataclass
class ActionRow:
    action: Action
    form: ActionForm

    @property
    def what(self) -> str:
        return f"the action “{Truncator(self.action.text).chars(60)}”"


@dataclass
class DeclarationRow:
    declaration: Declaration
    form: DeclarationForm

    @property
    def what(self) -> str:
        return f"the declaration by {self.declaration.membership.person.display_name}"


@dataclass
class ItemBlock:
    """One agenda item on the screen, with its forms (bound when they failed)."""

    number: str
    agenda_item: AgendaItem
    minute: MinuteItem
    voters: list[Membership] = field(default_factory=list)  # who may vote at the item
    decisions: list[DecisionRow] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)
    declarations: list[DeclarationRow] = field(default_factory=list)
    forms: dict[str, forms.BaseForm] = field(default_factory=dict)

    @property
    def anchor(self) -> str:
        return f"item-{self.number}"

    def all_forms(self) -> list[BaseForm]:
        out: list[BaseForm] = list(self.forms.values())
        for d in self.decisions:
            out += [d.form] + ([d.vote_form] if d.vote_form else [])
        out += [a.form for a in self.actions] + [d.form for d in self.declarations]
        return out

    def row(self, kind: str, uid: UUID) -> Any:
        """The decision, action or declaration row (``kind``) with this uid, or 404."""
        rows: list[Any] = getattr(self, f"{kind}s")
        for row in rows:
            if getattr(row, kind).uid == uid:
                return row
        raise Http404(f"No such {kind} in this item.")


class Screen:
    """What the screen shows, built for a meeting; a failed form replaces the empty (or
    unchanged) one it was posted from, so its errors show where it was."""

    def __init__(self, meeting: Meeting) -> None:
        self.meeting = meeting
        self.minutes: Minutes = minutes_for(meeting)
        items = agenda_items(meeting)
        self.numbers = dict(zip([i.pk for i in items], agenda_numbers(items), strict=True))
        self.people = board_people(meeting)
        self.memberships = meeting_memberships(meeting)
        self.seats = list(self.memberships)
        self.voters = voters_at_items(meeting)
        minute_items = {
            m.agenda_item_id: m
            for m in self.minutes.items.prefetch_related(
                "decisions__votes__membership__person", "actions__owner_person"
            )
        }
        declarations: dict[int, list[Declaration]] = {}
        for d in Declaration.objects.filter(item__meeting=meeting).select_related(
            "membership__person", "item__meeting"
        ):
            declarations.setdefault(d.item_id, []).append(d)
        self.blocks: list[ItemBlock] = []
        for item in items:
            minute = minute_items.get(item.pk)
            if minute is None:  # added after the minutes were approved
                continue
            minute.agenda_item = item
            minute.minutes = self.minutes
            block = ItemBlock(
                number=self.numbers[item.pk],
                agenda_item=item,
                minute=minute,
                voters=self.voters.get(item.pk, []),
            )
            for n, decision in enumerate(minute.decisions.all(), start=1):
                decision.item = minute
                block.decisions.append(
                    DecisionRow(
                        decision=decision,
                        number=f"{block.number}.{n}",
                        form=self.decision_form(block, decision),
                        vote_form=None,
                        vote=vote_record(decision),
                    )
                )
                block.decisions[-1].vote_form = self.vote_form(block, block.decisions[-1])
            for action in minute.actions.all():
                action.item = minute
                block.actions.append(ActionRow(action, self.action_form(block, action)))
            for declaration in declarations.get(item.pk, []):
                block.declarations.append(
                    DeclarationRow(declaration, self.declaration_form(block, declaration))
                )
            block.forms = {
                "minute": self.minute_form(block),
                "decision": self.decision_form(block),
                "action": self.action_form(block),
                "declaration": self.declaration_form(block),
            }
            if minute.decisions_confidential and minute.released_on is None:
                block.forms["release"] = self.release_form(block)
            self.blocks.append(block)

    # --- Forms, empty or bound ---------------------------------------------------------------

    def block(self, minute_uid: UUID) -> ItemBlock:
        for block in self.blocks:
            if block.minute.uid == minute_uid:
                return block
        raise MinuteItem.DoesNotExist

    def minute_form(self, block: ItemBlock, data: Any = None) -> MinuteItemForm:
        return MinuteItemForm(
            data,
            instance=block.minute,
            exempt=block.agenda_item.exempt,
            prefix=f"minute-{block.minute.pk}",
        )

    # A new entry's form is prefixed with the item's id, an existing entry's with its own:
    # every field id on the screen is unique.

    def decision_form(
        self, block: ItemBlock, decision: Decision | None = None, data: Any = None
    ) -> DecisionForm:
        if decision is None:
            return DecisionForm(
                data, instance=Decision(item=block.minute), prefix=f"decision-{block.minute.pk}"
            )
        return DecisionForm(data, instance=decision, prefix=f"edit-decision-{decision.pk}")

    def vote_form(self, block: ItemBlock, row: DecisionRow, data: Any = None) -> VoteForm | None:
        if not block.voters and not row.decision.recorded_vote:
            return None
        return VoteForm(
            data,
            decision=row.decision,
            voters=block.voters,
            seats=self.seats,
            prefix=f"vote-{row.decision.pk}",
        )

    def action_form(
        self, block: ItemBlock, action: Action | None = None, data: Any = None
    ) -> ActionForm:
        if action is None:
            return ActionForm(
                data,
                instance=Action(item=block.minute),
                people=self.people,
                prefix=f"action-{block.minute.pk}",
            )
        return ActionForm(
            data, instance=action, people=self.people, prefix=f"edit-action-{action.pk}"
        )

    def declaration_form(
        self, block: ItemBlock, declaration: Declaration | None = None, data: Any = None
    ) -> DeclarationForm:
        if declaration is None:
            return DeclarationForm(
                data,
                instance=Declaration(item=block.agenda_item),
                memberships=self.memberships,
                prefix=f"declaration-{block.minute.pk}",
            )
        return DeclarationForm(
            data,
            instance=declaration,
            memberships=self.memberships,
            prefix=f"edit-declaration-{declaration.pk}",
        )

    def release_form(self, block: ItemBlock, data: Any = None) -> ItemChoiceForm:
        return ItemChoiceForm(
            data,
            field="released_at_item",
            label="Item at which the board agreed to release them",
            choices=later_items(self.meeting),
            prefix=f"release-{block.minute.pk}",
        )

    def approve_form(self, data: Any = None) -> ItemChoiceForm:
        return ItemChoiceForm(
            data,
            field="approved_at_item",
            label="Item of the later meeting that approved them",
            choices=later_items(self.meeting, AgendaItemKind.NOTE_OF_LAST_MEETING),
            prefix="approve",
        )

    def publish_form(self, data: Any = None) -> MinutesPublishForm:
        needs_reason = MinutesVersion.objects.filter(meeting=self.meeting).exists()
        return MinutesPublishForm(data, needs_reason=needs_reason)


def board_people(meeting: Meeting) -> QuerySet[Person]:
    """People with a membership of the board today: who may own an action."""
    today = timezone.localdate()
    ids = [
        m.person_id
        for m in Membership.objects.filter(board=meeting.board).select_related("term")
        if m.is_active_on(today)
    ]
    return Person.objects.filter(pk__in=ids).order_by("family_name", "pk")


def meeting_memberships(meeting: Meeting) -> QuerySet[Membership]:
    """Memberships of the board on the day of the meeting: who may declare an interest."""
    ids = [
        m.pk
        for m in Membership.objects.filter(board=meeting.board, term=meeting.term).select_related(
            "term"
        )
        if m.is_active_on(meeting.date)
    ]
    return (
        Membership.objects.filter(pk__in=ids)
        .select_related("person")
        .order_by("person__family_name", "pk")
    )


def later_items(meeting: Meeting, kind: str | None = None) -> list[tuple[str, str]]:
    items = AgendaItem.objects.filter(
        meeting__board=meeting.board, meeting__date__gt=meeting.date
    ).select_related("meeting")
    if kind is not None:
        items = items.filter(kind=kind)
    return [
        (str(i.uid), f"{i.meeting.date:%-d %B %Y}: {i.title}")
        for i in items.order_by("meeting__date", "position")
    ]


def minutes_url(meeting: Meeting, anchor: str = "") -> str:
    url = reverse("staff:minutes", kwargs={"meeting": meeting.uid})
    return f"{url}#{anchor}" if anchor else url


def public_minutes_url(meeting: Meeting, number: int) -> str:
    kwargs = {
        "board": meeting.board.slug,
        "meeting": meeting.slug,
        "number": number,
        "edition": PackEdition.PUBLIC,
    }
    return reverse("minutes-edition", kwargs=kwargs)


def minutes_page(
    request: HttpRequest,
    screen: Screen,
    publish_form: MinutesPublishForm | None = None,
    approve_form: ItemChoiceForm | None = None,
    locked: str = "",
    status: int | None = None,
) -> HttpResponse:
    meeting = screen.meeting
    minutes = screen.minutes
    publish_form = publish_form or screen.publish_form()
    approve_form = approve_form or screen.approve_form()
    versions = list(
        MinutesVersion.objects.filter(meeting=meeting)
        .select_related("published_by")
        .order_by("number")
    )
    for version in versions:
        version.public_url = public_minutes_url(meeting, version.number)  # type: ignore[attr-defined]
    approved_at = None
    if minutes.approved_at_item is not None:
        item = minutes.approved_at_item
        approved_at = {"meeting": item.meeting, "item": item}
    errors = error_summary(*[b.all_forms() for b in screen.blocks], publish_form, approve_form)
    if locked:
        errors = [{"href": "#approval", "text": locked}]
    context = {
        "meeting": meeting,
        "minutes": minutes,
        "blocks": screen.blocks,
        "publish_form": publish_form,
        "approve_form": approve_form,
        "versions": versions,
        "next_version": (versions[-1].number + 1) if versions else 1,
        "may_publish": may(request.user, Permission.PUBLISH_PACK, meeting.board),
        "attendance_url": reverse("staff:attendance", kwargs={"meeting": meeting.uid}),
        "approved_at": approved_at,
        "locked": locked,
        "errors": errors,
    }
    if status is None:
        status = 400 if errors else 200
    return render(request, "staff/minutes/screen.html", context, status=status)


def _screen(
    request: HttpRequest, meeting: UUID, action: Permission = Permission.EDIT_MINUTES
) -> Screen:
    return Screen(managed_meeting(request.user, meeting, action))


def _locked(request: HttpRequest, screen: Screen, error: ValidationError) -> HttpResponse:
    return minutes_page(request, screen, locked=" ".join(error.messages), status=409)


def _edit(
    request: HttpRequest, meeting: UUID, minute: UUID
) -> tuple[Screen, ItemBlock, HttpResponse | None]:
    """The screen and the item being edited, or the refusal when the minutes are locked."""
    screen = _screen(request, meeting)
    block = _block(screen, minute)
    try:
        screen.minutes.check_editable()
    except LockedError as error:
        return screen, block, _locked(request, screen, error)
    return screen, block, None


def _saved(
    request: HttpRequest,
    screen: Screen,
    form: forms.ModelForm,
    save: Callable[[Any], Any],
    failed: Callable[[forms.ModelForm], None],
    message: Callable[[], str],
    anchor: str,
) -> HttpResponse:
    """Save a valid form's instance through ``save``; a LockedError refuses the change, any
    other ValidationError is shown on the form (``failed`` puts it back on the screen)."""
    try:
        save(form.instance)
    except LockedError as error:
        return _locked(request, screen, error)
    except EditConflict as error:
        # Saved by someone else since the form was opened: show the user's text again.
        add_validation_error(form, error)
        failed(form)
        return minutes_page(request, screen, status=409)
    except ValidationError as error:
        add_validation_error(form, error)
        failed(form)
        return minutes_page(request, screen)
    messages.success(request, message())
    return redirect(minutes_url(screen.meeting, anchor))


# --- The screen --------------------------------------------------------------------------------


@login_required
def minutes_screen(request: HttpRequest, meeting: UUID) -> HttpResponse:
    return minutes_page(request, _screen(request, meeting))


def _save_minute(minute: MinuteItem, opened: str = "", user: Any = None) -> None:
    """Save the minute unless someone saved it after ``opened`` (optimistic locking); the
    model refuses approved minutes itself."""
    with transaction.atomic():
        check_unchanged(MinuteItem, minute.pk, opened, f"The minute of {minute.agenda_item}")
        if getattr(user, "is_authenticated", False):
            minute.edited_by = user
        minute.save()


# How each kind of entry is saved and deleted: through the services, which refuse approved
# minutes themselves.
SAVE: dict[str, Callable[[Any], Any]] = {
    "minute": _save_minute,
    "decision": editing.save_decision,
    "action": editing.save_action,
    "declaration": editing.save_declaration,
}
DELETE: dict[str, Callable[[Any], None]] = {
    "decision": editing.delete_decision,
    "action": editing.delete_action,
    "declaration": editing.delete_declaration,
}


def _post_item_form(
    request: HttpRequest,
    meeting: UUID,
    minute: UUID,
    key: str,
    message: Callable[[ItemBlock, Any], str],
) -> HttpResponse:
    """The shared path of the per-item forms that add (or, for "minute", save): refuse locked
    minutes, validate, save through the service, and say so. ``key`` names the form
    ("minute", "decision", "action", "declaration")."""
    screen, block, refused = _edit(request, meeting, minute)
    if refused:
        return refused
    form = getattr(screen, f"{key}_form")(block, data=request.POST)

    def failed(form: forms.BaseForm) -> None:
        block.forms[key] = form

    if not form.is_valid():
        failed(form)
        return minutes_page(request, screen)
    save = SAVE[key]
    if key == "minute":
        save = partial(_save_minute, opened=form.cleaned_data["opened"], user=request.user)
    return _saved(
        request,
        screen,
        form,
        save,
        failed,
        lambda: message(block, form.instance),
        block.anchor,
    )


@login_required
@require_POST
def item_save(request: HttpRequest, meeting: UUID, minute: UUID) -> HttpResponse:
    return _post_item_form(
        request, meeting, minute, "minute", lambda b, _: f"The minute of item {b.number} is saved."
    )


@login_required
@require_POST
def decision_add(request: HttpRequest, meeting: UUID, minute: UUID) -> HttpResponse:
    return _post_item_form(
        request,
        meeting,
        minute,
        "decision",
        lambda b, d: f"Decision {b.number}.{d.position} is added.",
    )


@login_required
@require_POST
def action_add(request: HttpRequest, meeting: UUID, minute: UUID) -> HttpResponse:
    return _post_item_form(
        request,
        meeting,
        minute,
        "action",
        lambda b, _: f"An action is added to item {b.number}.",
    )


@login_required
@require_POST
def declaration_add(request: HttpRequest, meeting: UUID, minute: UUID) -> HttpResponse:
    return _post_item_form(
        request,
        meeting,
        minute,
        "declaration",
        lambda b, _: f"A declaration of interest is added to item {b.number}.",
    )


# --- Changing and deleting an entry ------------------------------------------------------------


def _entry(
    request: HttpRequest, meeting: UUID, minute: UUID, kind: str, uid: UUID
) -> tuple[Screen, ItemBlock, Any, HttpResponse | None]:
    """The screen, the item and the entry (a ``kind`` row) being changed, or the refusal when
    the minutes are locked. An entry of another item or meeting is not found."""
    screen = _screen(request, meeting)
    block = _block(screen, minute)
    row = block.row(kind, uid)
    try:
        screen.minutes.check_editable()
    except LockedError as error:
        return screen, block, row, _locked(request, screen, error)
    return screen, block, row, None


def _post_row_form(
    request: HttpRequest, meeting: UUID, minute: UUID, kind: str, uid: UUID
) -> HttpResponse:
    """Change an existing decision, action or declaration with its own form."""
    screen, block, row, refused = _entry(request, meeting, minute, kind, uid)
    if refused:
        return refused
    form = getattr(screen, f"{kind}_form")(block, getattr(row, kind), data=request.POST)

    def failed(form: forms.BaseForm) -> None:
        row.form = form

    if not form.is_valid():
        failed(form)
        return minutes_page(request, screen)
    return _saved(
        request,
        screen,
        form,
        SAVE[kind],
        failed,
        lambda: f"{capfirst(row.what)} is changed.",
        block.anchor,
    )


def _row_delete(
    request: HttpRequest, meeting: UUID, minute: UUID, kind: str, uid: UUID
) -> HttpResponse:
    """Ask, then delete: GET shows what will be deleted, POST deletes it."""
    screen, block, row, refused = _entry(request, meeting, minute, kind, uid)
    if refused:
        return refused
    renumbers = isinstance(row, DecisionRow) and row is not block.decisions[-1]
    if request.method == "POST":
        try:
            DELETE[kind](getattr(row, kind))
        except LockedError as error:
            return _locked(request, screen, error)
        done = f"{capfirst(row.what)} is deleted."
        if renumbers:
            left = len(block.decisions) - 1
            done += (
                f" The decisions after it are renumbered: item {block.number} now has "
                f"decisions {block.number}.1 to {block.number}.{left}."
                if left > 1
                else f" The decision after it is now decision {block.number}.1."
            )
        messages.success(request, done)
        return redirect(minutes_url(screen.meeting, block.anchor))
    context = {
        "meeting": screen.meeting,
        "block": block,
        "kind": kind,
        "row": row,
        "what": row.what,
        "back": minutes_url(screen.meeting, block.anchor),
        "notes": row.action.notes.count() if isinstance(row, ActionRow) else 0,
        "renumbers": renumbers,
    }
    return render(request, "staff/minutes/delete.html", context)


@login_required
@require_POST
def decision_edit(
    request: HttpRequest, meeting: UUID, minute: UUID, decision: UUID
) -> HttpResponse:
    return _post_row_form(request, meeting, minute, "decision", decision)


@login_required
@require_http_methods(["GET", "POST"])
def decision_delete(
    request: HttpRequest, meeting: UUID, minute: UUID, decision: UUID
) -> HttpResponse:
    return _row_delete(request, meeting, minute, "decision", decision)


@login_required
@require_POST
def action_edit(request: HttpRequest, meeting: UUID, minute: UUID, action: UUID) -> HttpResponse:
    return _post_row_form(request, meeting, minute, "action", action)


@login_required
@require_http_methods(["GET", "POST"])
def action_delete(request: HttpRequest, meeting: UUID, minute: UUID, action: UUID) -> HttpResponse:
    return _row_delete(request, meeting, minute, "action", action)


@login_required
@require_POST
def declaration_edit(
    request: HttpRequest, meeting: UUID, minute: UUID, declaration: UUID
) -> HttpResponse:
    return _post_row_form(request, meeting, minute, "declaration", declaration)


@login_required
@require_http_methods(["GET", "POST"])
def declaration_delete(
    request: HttpRequest, meeting: UUID, minute: UUID, declaration: UUID
) -> HttpResponse:
    return _row_delete(request, meeting, minute, "declaration", declaration)


# --- Recorded votes ----------------------------------------------------------------------------


@login_required
@require_POST
def decision_vote(
    request: HttpRequest, meeting: UUID, minute: UUID, decision: UUID
) -> HttpResponse:
    """Record each member's vote on a decision and the chair's casting vote."""
    screen, block, row, refused = _entry(request, meeting, minute, "decision", decision)
    if refused:
        return refused
    form = screen.vote_form(block, row, data=request.POST)
    if form is None:
        raise Http404("No one may vote at this item.")
    if form.is_valid():
        try:
            outcome = editing.record_vote(
                row.decision, form.votes(), form.cleaned_data.get("casting_vote", "")
            )
        except LockedError as error:
            return _locked(request, screen, error)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request, f"The recorded vote on decision {row.number} is saved. {outcome.summary}"
            )
            return redirect(minutes_url(screen.meeting, block.anchor))
    row.vote_form = form
    return minutes_page(request, screen)


@login_required
@require_POST
def decision_vote_remove(
    request: HttpRequest, meeting: UUID, minute: UUID, decision: UUID
) -> HttpResponse:
    """The decision was not taken by a recorded vote: forget the votes."""
    screen, block, row, refused = _entry(request, meeting, minute, "decision", decision)
    if refused:
        return refused
    try:
        editing.remove_vote(row.decision)
    except LockedError as error:
        return _locked(request, screen, error)
    messages.success(request, f"Decision {row.number} no longer has a recorded vote.")
    return redirect(minutes_url(screen.meeting, block.anchor))


# --- Publishing, approval, release -------------------------------------------------------------


@login_required
@require_POST
def minutes_publish(request: HttpRequest, meeting: UUID) -> HttpResponse:
    screen = Screen(managed_meeting(request.user, meeting, Permission.PUBLISH_PACK))
    form = screen.publish_form(request.POST)
    if form.is_valid():
        try:
            version = publish_minutes(
                screen.minutes, request.user, reason=form.cleaned_data.get("reason", "")
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request,
                f"Version {version.number} of the minutes is published. It cannot be changed: "
                "a correction is published as a new version.",
            )
            return redirect(minutes_url(screen.meeting, "publishing"))
    return minutes_page(request, screen, publish_form=form)


@login_required
@require_POST
def minutes_approve(request: HttpRequest, meeting: UUID) -> HttpResponse:
    screen = _screen(request, meeting, Permission.APPROVE_MINUTES)
    try:
        screen.minutes.check_editable()
    except LockedError as error:
        return _locked(request, screen, error)
    form = screen.approve_form(request.POST)
    if form.is_valid():
        at_item = get_object_or_404(AgendaItem, uid=form.cleaned_data["approved_at_item"])
        try:
            approve_minutes(screen.minutes, at_item)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request,
                "The minutes are approved as a correct record. They can no longer be changed.",
            )
            return redirect(minutes_url(screen.meeting, "approval"))
    return minutes_page(request, screen, approve_form=form)


@login_required
@require_POST
def decisions_release(request: HttpRequest, meeting: UUID, minute: UUID) -> HttpResponse:
    screen = _screen(request, meeting, Permission.RELEASE_DECISION)
    block = _block(screen, minute)
    form = screen.release_form(block, request.POST)
    if form.is_valid():
        at_item = get_object_or_404(AgendaItem, uid=form.cleaned_data["released_at_item"])
        try:
            release_decisions(block.minute, at_item, request.user)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request, f"The decisions of item {block.number} are released to the public."
            )
            return redirect(minutes_url(screen.meeting, block.anchor))
    block.forms["release"] = form
    return minutes_page(request, screen)


def _block(screen: Screen, minute: UUID) -> ItemBlock:
    try:
        return screen.block(minute)
    except MinuteItem.DoesNotExist:
        raise Http404("No such item in these minutes.") from None
