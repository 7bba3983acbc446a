"""The meeting screen: details, deadline, the agenda builder, and publishing the pack."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from minuted.accounts.policy import Action, may
from minuted.meetings.models import AgendaItem, AgendaItemKind, Meeting
from minuted.meetings.rules.agenda import Entry, agenda_rows, effective_exemptions
from minuted.meetings.services import add_item, deadline_status, move_item, save_item
from minuted.papers.documents import agenda_items, build_document
from minuted.papers.models import PackEdition, PackKind, PackVersion, Report
from minuted.papers.publishing import next_version_number, problems_before_publishing, publish_pack
from minuted.papers.services import create_report
from minuted.record.outstanding import MatterState, matters_arising
from minuted.record.register import quorum_at_items
from minuted.staff.access import managed_item, managed_meeting, require
from minuted.staff.forms.govuk import add_validation_error, error_summary
from minuted.staff.forms.meeting import AddReportForm, ItemForm, MattersArisingForm, PublishForm

MATTERS_ARISING = "Matters arising"
MATTER_TAGS = {
    MatterState.OVERDUE: "govuk-tag--red",
    MatterState.DUE_BY_THIS_MEETING: "govuk-tag--yellow",
    MatterState.OPEN: "govuk-tag--blue",
    MatterState.DONE: "govuk-tag--green",
}


@dataclass
class AgendaRow:
    number: str = ""
    marker: str = ""
    item: AgendaItem | None = None
    exempt: bool = False  # exempt itself, or under an exempt item
    first: bool = False  # first among its siblings: cannot move up
    last: bool = False


def agenda(meeting: Meeting) -> list[AgendaRow]:
    """The agenda as numbered rows, with the confidential section's markers."""
    reports = Report.objects.select_related("author").order_by("position", "id")
    prefetch_related_objects(
        [meeting],
        Prefetch(
            "items",
            queryset=AgendaItem.objects.prefetch_related(Prefetch("reports", queryset=reports)),
        ),
    )
    items = agenda_items(meeting)
    entries = [Entry(key=i.pk, parent=i.parent_id, exempt=i.exempt) for i in items]
    exempt = effective_exemptions(entries)
    by_key: dict[Hashable, AgendaItem] = {i.pk: i for i in items}
    siblings: dict[int | None, list[int]] = {}
    for item in items:
        siblings.setdefault(item.parent_id, []).append(item.pk)
    rows = []
    for row in agenda_rows(entries):
        if row.key is None:
            rows.append(AgendaRow(marker=row.marker))
            continue
        item = by_key[row.key]
        group = siblings[item.parent_id]
        rows.append(
            AgendaRow(
                number=row.number,
                item=item,
                exempt=exempt[item.pk],
                first=group[0] == item.pk,
                last=group[-1] == item.pk,
            )
        )
    return rows


def public_pack_url(meeting: Meeting, number: int, edition: str = PackEdition.PUBLIC) -> str:
    kwargs = {
        "board": meeting.board.slug,
        "meeting": meeting.slug,
        "number": number,
        "edition": edition,
    }
    return reverse("pack-edition", kwargs=kwargs)


def meeting_page(
    request: HttpRequest,
    meeting: Meeting,
    item_form: ItemForm | None = None,
    publish_form: PublishForm | None = None,
    matters_form: MattersArisingForm | None = None,
) -> HttpResponse:
    status = deadline_status(meeting)
    versions = list(
        PackVersion.objects.filter(meeting=meeting, kind=PackKind.MAIN)
        .select_related("published_by")
        .order_by("number")
    )
    for version in versions:
        version.public_url = public_pack_url(meeting, version.number)  # type: ignore[attr-defined]
    if item_form is None:
        item_form = ItemForm(late=status.passed, prefix="item")
    if publish_form is None:
        publish_form = PublishForm(needs_reason=bool(versions))
    if matters_form is None:
        matters_form = MattersArisingForm(late=status.passed)
    rows = agenda(meeting)
    arising = matters_arising(meeting, timezone.localdate())
    context = {
        "meeting": meeting,
        "deadline": status,
        "rows": rows,
        "item_form": item_form,
        "publish_form": publish_form,
        "matters_form": matters_form,
        "previous_meeting": arising.previous,
        "matters": [(m, MATTER_TAGS[m.state]) for m in arising.matters],
        "matters_item": matters_arising_item(meeting),
        "errors": error_summary(item_form, matters_form, publish_form),
        "problems": problems_before_publishing(meeting),
        "versions": versions,
        # Once the register is taken, the quorum at every item, as on the attendance screen.
        "quorum": quorum_at_items(meeting) if meeting.attendance.exists() else [],
        "next_version": (versions[-1].number + 1) if versions else 1,
        "may_publish": may(request.user, Action.PUBLISH_PACK, meeting.board),
        "to_follow": versions and meeting.items.filter(kind=AgendaItemKind.SUPPLEMENTAL).exists(),
        "supplementary_problems": problems_before_publishing(meeting, PackKind.SUPPLEMENTARY),
        "supplements": PackVersion.objects.filter(
            meeting=meeting, kind=PackKind.SUPPLEMENTARY
        ).order_by("number"),
    }
    return render(request, "staff/meeting.html", context)


def meeting_url(meeting: Meeting, anchor: str = "") -> str:
    url = reverse("staff:meeting", kwargs={"meeting": meeting.uid})
    return f"{url}#{anchor}" if anchor else url


@login_required
def meeting_detail(request: HttpRequest, meeting: UUID) -> HttpResponse:
    return meeting_page(request, managed_meeting(request.user, meeting, Action.MANAGE_BOARD))


@login_required
@require_POST
def item_add(request: HttpRequest, meeting: UUID) -> HttpResponse:
    the_meeting = managed_meeting(request.user, meeting, Action.MANAGE_BOARD)
    form = ItemForm(request.POST, late=deadline_status(the_meeting).passed, prefix="item")
    if form.is_valid():
        try:
            item = add_item(the_meeting, **form.item_fields())
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, f"“{item.title}” is added to the agenda.")
            return redirect(meeting_url(the_meeting, f"item-{item.uid}"))
    return meeting_page(request, the_meeting, item_form=form)


def matters_arising_item(meeting: Meeting) -> AgendaItem | None:
    """The agenda's "Matters arising" item, if the clerk has added one (by any route)."""
    return next(
        (
            i
            for i in meeting.items.all()
            if i.title.strip().lower().startswith(MATTERS_ARISING.lower())
        ),
        None,
    )


@transaction.atomic
def add_matters_arising(meeting: Meeting, urgency_reason: str = "") -> AgendaItem:
    """Add a "Matters arising" item straight after the note of the last meeting, where the
    board reports on the actions that meeting set; without that item, before the confidential
    section, or at the end."""
    item = add_item(meeting, title=MATTERS_ARISING, urgency_reason=urgency_reason)
    top = [i for i in agenda_items(meeting) if i.parent_id is None]
    keys = [i.pk for i in top]
    note = next((i for i in top if i.kind == AgendaItemKind.NOTE_OF_LAST_MEETING), None)
    private = next((i for i in top if i.exempt), None)
    if note is not None:
        target = keys.index(note.pk) + 1
    elif private is not None:
        target = keys.index(private.pk)
    else:
        return item
    move_item(item, target - keys.index(item.pk))
    return item


@login_required
@require_POST
def matters_arising_add(request: HttpRequest, meeting: UUID) -> HttpResponse:
    the_meeting = managed_meeting(request.user, meeting, Action.MANAGE_BOARD)
    form = MattersArisingForm(request.POST, late=deadline_status(the_meeting).passed)
    existing = matters_arising_item(the_meeting)
    if existing is not None:
        messages.success(request, f"The agenda already has “{existing.title}”.")
        return redirect(meeting_url(the_meeting, f"item-{existing.uid}"))
    if form.is_valid():
        try:
            item = add_matters_arising(
                the_meeting, urgency_reason=form.cleaned_data.get("urgency_reason", "")
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, f"“{item.title}” is added to the agenda.")
            return redirect(meeting_url(the_meeting, f"item-{item.uid}"))
    return meeting_page(request, the_meeting, matters_form=form)


@login_required
def item_edit(request: HttpRequest, meeting: UUID, item: UUID) -> HttpResponse:
    the_item = managed_item(request.user, meeting, item)
    form = ItemForm.for_item(the_item, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        for name, value in form.item_fields().items():
            setattr(the_item, name, value)
        try:
            save_item(the_item)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, f"“{the_item.title}” is saved.")
            return redirect(meeting_url(the_item.meeting, f"item-{the_item.uid}"))
    return render(
        request,
        "staff/item_edit.html",
        {
            "meeting": the_item.meeting,
            "item": the_item,
            "form": form,
            "errors": error_summary(form),
        },
    )


@login_required
@require_POST
def item_move(request: HttpRequest, meeting: UUID, item: UUID) -> HttpResponse:
    the_item = managed_item(request.user, meeting, item)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        raise Http404("Move an item up or down.")
    move_item(the_item, -1 if direction == "up" else 1)
    if request.headers.get("HX-Request") == "true":
        rows = agenda(the_item.meeting)
        number = next(r.number for r in rows if r.item is not None and r.item.pk == the_item.pk)
        return render(
            request,
            "staff/meeting/_agenda.html",
            {
                "meeting": the_item.meeting,
                "rows": rows,
                "announcement": f"“{the_item.title}” is now item {number}.",
            },
        )
    return redirect(meeting_url(the_item.meeting, f"item-{the_item.uid}"))


@login_required
def report_add(request: HttpRequest, meeting: UUID, item: UUID) -> HttpResponse:
    the_item = managed_item(request.user, meeting, item)
    form = AddReportForm(
        request.POST if request.method == "POST" else None, initial={"title": the_item.title}
    )
    if request.method == "POST" and form.is_valid():
        report = create_report(the_item, form.cleaned_data["title"], form.cleaned_data["author"])
        messages.success(
            request,
            f"The report “{report.title}” is added as a draft; {report.author} can write it "
            "from their workspace.",
        )
        return redirect(meeting_url(the_item.meeting, f"item-{the_item.uid}"))
    return render(
        request,
        "staff/report_add.html",
        {
            "meeting": the_item.meeting,
            "item": the_item,
            "form": form,
            "errors": error_summary(form),
        },
    )


@login_required
def preview(request: HttpRequest, meeting: UUID, edition: str) -> HttpResponse:
    the_meeting = managed_meeting(request.user, meeting, Action.MANAGE_BOARD)
    if edition not in PackEdition.values:
        raise Http404("No such edition.")
    if edition == PackEdition.MEMBERS:
        require(request.user, Action.VIEW_EXEMPT, the_meeting.board)
    number = next_version_number(the_meeting, PackKind.MAIN)
    document = build_document(the_meeting, edition, number)
    return render(
        request,
        "staff/preview.html",
        {"meeting": the_meeting, "document": document, "edition": edition},
    )


@login_required
@require_POST
def publish(request: HttpRequest, meeting: UUID) -> HttpResponse:
    the_meeting = managed_meeting(request.user, meeting, Action.PUBLISH_PACK)
    exists = PackVersion.objects.filter(meeting=the_meeting, kind=PackKind.MAIN).exists()
    form = PublishForm(request.POST, needs_reason=exists)
    if form.is_valid():
        try:
            version = publish_pack(
                the_meeting, request.user, reason=form.cleaned_data.get("reason", "")
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request,
                f"Version {version.number} of the agenda pack is published. It cannot be "
                "changed: a correction is published as a new version.",
            )
            return redirect(meeting_url(the_meeting, "publishing"))
    return meeting_page(request, the_meeting, publish_form=form)


@login_required
@require_POST
def publish_supplementary(request: HttpRequest, meeting: UUID) -> HttpResponse:
    """Publish the reports of items marked "to follow" as a supplementary pack."""
    the_meeting = managed_meeting(request.user, meeting, Action.PUBLISH_PACK)
    reason = request.POST.get("supplementary-reason", "")
    try:
        version = publish_pack(
            the_meeting, request.user, reason=reason, kind=PackKind.SUPPLEMENTARY
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, f"Version {version.number} of the supplementary pack is published."
        )
    return redirect(meeting_url(the_meeting, "supplementary"))
