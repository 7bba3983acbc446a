"""The clerk's minutes screen: per agenda item who introduced it, the discussion, numbered
decisions, actions and declarations of interest; publishing the minutes, approving them at a
later meeting (which locks them) and releasing confidential decisions.

Every form is a plain POST that redirects back to its item (``#item-<n>``); errors re-render
the screen with status 400. Once approved, any change is refused with status 409."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Max, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from minuted.accounts.policy import Action as Permission
from minuted.accounts.policy import may
from minuted.governance.models import Membership, Person
from minuted.meetings.models import AgendaItem, AgendaItemKind, Meeting
from minuted.papers.documents import agenda_items
from minuted.papers.models import PackEdition
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
from minuted.staff.access import managed_meeting
from minuted.staff.forms.govuk import add_validation_error, error_summary
from minuted.staff.forms.minutes import (
    ActionForm,
    DecisionForm,
    DeclarationForm,
    ItemChoiceForm,
    MinuteItemForm,
    MinutesPublishForm,
)


@dataclass
class ItemBlock:
    """One agenda item on the screen, with its forms (bound when they failed)."""

    number: str
    agenda_item: AgendaItem
    minute: MinuteItem
    decisions: list[Decision]
    actions: list[Action]
    declarations: list[Declaration]
    forms: dict[str, forms.BaseForm] = field(default_factory=dict)

    @property
    def anchor(self) -> str:
        return f"item-{self.number}"


class Screen:
    """What the screen shows, built for a meeting; ``bound`` replaces the empty form of one
    kind for one item by the posted one."""

    def __init__(self, meeting: Meeting) -> None:
        self.meeting = meeting
        self.minutes: Minutes = minutes_for(meeting)
        items = agenda_items(meeting)
        self.numbers = dict(zip([i.pk for i in items], agenda_numbers(items), strict=True))
        minute_items = {
            m.agenda_item_id: m
            for m in self.minutes.items.prefetch_related("decisions", "actions__owner_person")
        }
        declarations: dict[int, list[Declaration]] = {}
        for d in Declaration.objects.filter(item__meeting=meeting).select_related(
            "membership__person"
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
                decisions=list(minute.decisions.all()),
                actions=list(minute.actions.all()),
                declarations=declarations.get(item.pk, []),
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

    def decision_form(self, block: ItemBlock, data: Any = None) -> DecisionForm:
        return DecisionForm(
            data, instance=Decision(item=block.minute), prefix=f"decision-{block.minute.pk}"
        )

    def action_form(self, block: ItemBlock, data: Any = None) -> ActionForm:
        return ActionForm(
            data,
            instance=Action(item=block.minute),
            people=board_people(self.meeting),
            prefix=f"action-{block.minute.pk}",
        )

    def declaration_form(self, block: ItemBlock, data: Any = None) -> DeclarationForm:
        return DeclarationForm(
            data,
            instance=Declaration(item=block.agenda_item),
            memberships=meeting_memberships(self.meeting),
            prefix=f"declaration-{block.minute.pk}",
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
    errors = error_summary(
        *[list(b.forms.values()) for b in screen.blocks], publish_form, approve_form
    )
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
        "approved_at": approved_at,
        "locked": locked,
        "errors": errors,
    }
    if status is None:
        status = 400 if errors else 200
    return render(request, "staff/minutes/screen.html", context, status=status)


def _screen(request: HttpRequest, meeting: UUID) -> Screen:
    return Screen(managed_meeting(request.user, meeting))


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
    request: HttpRequest, screen: Screen, block: ItemBlock, form: forms.ModelForm, kind: str
) -> HttpResponse:
    """Save a valid form's instance; a LockedError from the model refuses the change."""
    try:
        form.save()
    except LockedError as error:
        return _locked(request, screen, error)
    except ValidationError as error:
        add_validation_error(form, error)
        block.forms[kind] = form
        return minutes_page(request, screen)
    return redirect(minutes_url(screen.meeting, block.anchor))


# --- The screen --------------------------------------------------------------------------------


@login_required
def minutes_screen(request: HttpRequest, meeting: UUID) -> HttpResponse:
    return minutes_page(request, _screen(request, meeting))


def _post_item_form(
    request: HttpRequest,
    meeting: UUID,
    minute: UUID,
    key: str,
    message: Callable[[Any, int], str],
    numbered: str = "",
) -> HttpResponse:
    """The shared path of the per-item forms: refuse locked minutes, validate, give a new
    decision or action the next number (``numbered`` names the related list), save, and say
    so. ``key`` names the form ("minute", "decision", "action", "declaration")."""
    screen, block, refused = _edit(request, meeting, minute)
    if refused:
        return refused
    form = getattr(screen, f"{key}_form")(block, request.POST)
    if not form.is_valid():
        block.forms[key] = form
        return minutes_page(request, screen)
    position = 0
    if numbered:
        last = getattr(block.minute, numbered).aggregate(Max("position"))["position__max"]
        position = (last or 0) + 1
        form.instance.position = position
    response = _saved(request, screen, block, form, key)
    if response.status_code == 302:
        messages.success(request, message(block, position))
    return response


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
        lambda b, n: f"Decision {b.number}.{n} is added.",
        numbered="decisions",
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
        numbered="actions",
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
    screen = _screen(request, meeting)
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
    screen = _screen(request, meeting)
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
