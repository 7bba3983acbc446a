"""The attendance register of a meeting (for its clerks), and a member's apologies."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.views.decorators.http import require_POST

from minuted.accounts.policy import Action, is_member_of
from minuted.governance.models import Membership
from minuted.governance.services import roster
from minuted.meetings.models import AgendaItem, Meeting
from minuted.meetings.services import record_held
from minuted.papers.documents import agenda_items
from minuted.record.models import (
    Attendance,
    AttendanceStatus,
    LockedError,
    Minutes,
    OtherAttendee,
)
from minuted.record.register import agenda_numbers, quorum_at_items, register_problems
from minuted.record.services import send_apologies
from minuted.staff.access import managed_meeting
from minuted.staff.forms.attendance import ApologiesForm, OtherAttendeeForm, RegisterRowForm
from minuted.staff.forms.govuk import add_validation_error, error_summary

# Marks of someone who came: a register with one of them, on or after the day, means the
# meeting was held.
ATTENDED = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.SUBSTITUTE,
    AttendanceStatus.OBSERVER,
    AttendanceStatus.VIRTUAL,
)

APOLOGIES_SENT = "Your apologies have been sent to the clerk and your group office."


@dataclass
class Section:
    """The seats of one political group (or the independent observers) in roster order."""

    heading: str
    forms: list[RegisterRowForm] = field(default_factory=list)


class Register:
    """Every seat of the board on the day of the meeting, one form each."""

    def __init__(self, meeting: Meeting, data: QueryDict | None = None) -> None:
        self.meeting = meeting
        board = roster(meeting.board, meeting.term, as_at=meeting.date)
        items = agenda_items(meeting)
        self.items: dict[str, AgendaItem] = {str(i.uid): i for i in items}
        choices = [
            (str(i.uid), Truncator(f"{number} {i.title}").chars(50))
            for number, i in zip(agenda_numbers(items), items, strict=True)
        ]
        self.existing = {a.membership_id: a for a in Attendance.objects.filter(meeting=meeting)}
        self.members: dict[str, Membership] = {}
        self.sections: list[Section] = []
        for group in board.groups:
            replaceable = [m for m in group.members if m.voting_right]
            section = Section(f"{group.group.name} group")
            for m in [*group.members, *group.substitutes]:
                section.forms.append(self._form(m, data, choices, replaceable))
            self.sections.append(section)
        if board.independent_observers:
            section = Section("Independent observers")
            for m in board.independent_observers:
                section.forms.append(self._form(m, data, choices, []))
            self.sections.append(section)
        self.problems: list[dict[str, str]] = []

    def _form(
        self,
        membership: Membership,
        data: QueryDict | None,
        items: list[tuple[str, str]],
        replaceable: list[Membership],
    ) -> RegisterRowForm:
        self.members[str(membership.uid)] = membership
        uids = {i.pk: uid for uid, i in self.items.items()}
        initial: dict[str, Any] = {}
        mark = self.existing.get(membership.pk)
        if mark is not None:
            replaced = next((str(m.uid) for m in replaceable if m.pk == mark.substitute_for_id), "")
            initial = {
                "status": mark.status,
                "substitute_for": replaced,
                "substitute_sent": mark.substitute_sent,
                "arrived_at": uids.get(mark.arrived_at_id or 0, ""),
                "left_after": uids.get(mark.left_after_id or 0, ""),
            }
        return RegisterRowForm(
            data,
            prefix=f"seat-{membership.uid}",
            initial=initial,
            membership=membership,
            items=items,
            replaceable=replaceable,
        )

    @property
    def forms(self) -> list[RegisterRowForm]:
        return [form for section in self.sections for form in section.forms]

    def save(self) -> bool:
        """Check every row, then the register as a whole; write all of it or nothing."""
        forms = self.forms
        if not all([form.is_valid() for form in forms]):
            return False
        marks: list[Attendance] = []
        unmarked: list[Attendance] = []
        for form in forms:
            data = form.cleaned_data
            mark = self.existing.get(form.membership.pk)
            if not data["status"]:
                if mark is not None:
                    unmarked.append(mark)
                continue
            if mark is None:
                mark = Attendance(meeting=self.meeting, membership=form.membership)
            mark.status = data["status"]
            mark.substitute_for = self.members.get(data.get("substitute_for") or "")
            mark.substitute_sent = data["substitute_sent"]
            mark.arrived_at = self.items.get(data["arrived_at"])
            mark.left_after = self.items.get(data["left_after"])
            try:
                mark.full_clean()
            except ValidationError as error:
                add_validation_error(form, error)
            marks.append(mark)
        if any(form.errors for form in forms):
            return False
        try:
            with transaction.atomic():
                for mark in unmarked:
                    mark.delete()
                for mark in marks:
                    mark.save()
                problems = register_problems(self.meeting)
                if problems:
                    raise _RegisterHasProblems(problems)
                if any(mark.status in ATTENDED for mark in marks):
                    record_held(self.meeting)
        except _RegisterHasProblems as error:
            self._show_problems(error.problems)
            return False
        return True

    def _show_problems(self, problems: list[str]) -> None:
        """Put each problem beside the rows of the people it names, and in the summary."""
        for problem in problems:
            named = [f for f in self.forms if f.membership.person.display_name in problem]
            for form in named:
                form.problems.append(problem)
            href = f"#{named[0]['status'].auto_id}" if named else "#register"
            self.problems.append({"href": href, "text": problem})


class _RegisterHasProblems(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems)
        self.problems = problems


def attendance_url(meeting: Meeting, anchor: str = "") -> str:
    url = reverse("staff:attendance", kwargs={"meeting": meeting.uid})
    return f"{url}#{anchor}" if anchor else url


def attendance_page(
    request: HttpRequest,
    meeting: Meeting,
    register: Register | None = None,
    other_form: OtherAttendeeForm | None = None,
    locked: str = "",
) -> HttpResponse:
    register = register or Register(meeting)
    other_form = other_form or OtherAttendeeForm(prefix="other")
    errors = error_summary(register.forms, other_form) + register.problems
    if locked:
        errors = [{"href": "#register", "text": locked}]
    context = {
        "locked": locked_message(meeting),
        "meeting": meeting,
        "register": register,
        "quorum": quorum_at_items(meeting),
        "others": OtherAttendee.objects.filter(meeting=meeting).exclude(
            kind=OtherAttendee.Kind.MEMBER
        ),
        "as_recorded": OtherAttendee.objects.filter(
            meeting=meeting, kind=OtherAttendee.Kind.MEMBER
        ),
        "other_form": other_form,
        "errors": errors,
    }
    status = 409 if locked else 400 if errors else 200
    return render(request, "staff/attendance.html", context, status=status)


def locked_message(meeting: Meeting) -> str:
    """Why the register cannot change, or "": it is part of approved minutes."""
    minutes = Minutes.objects.filter(meeting=meeting).first()
    try:
        if minutes is not None:
            minutes.check_editable()
    except LockedError as error:
        return str(error.message)
    return ""


@login_required
def attendance(request: HttpRequest, meeting: UUID) -> HttpResponse:
    the_meeting = managed_meeting(request.user, meeting, Action.TAKE_ATTENDANCE)
    if request.method != "POST":
        return attendance_page(request, the_meeting)
    if locked := locked_message(the_meeting):
        return attendance_page(request, the_meeting, locked=locked)
    register = Register(the_meeting, request.POST)
    if register.save():
        messages.success(request, "The register is saved.")
        return redirect(attendance_url(the_meeting, "quorum"))
    return attendance_page(request, the_meeting, register=register)


@login_required
@require_POST
def other_add(request: HttpRequest, meeting: UUID) -> HttpResponse:
    the_meeting = managed_meeting(request.user, meeting, Action.TAKE_ATTENDANCE)
    if locked := locked_message(the_meeting):
        return attendance_page(request, the_meeting, locked=locked)
    form = OtherAttendeeForm(request.POST, prefix="other")
    if form.is_valid():
        other = form.save(commit=False)
        other.meeting = the_meeting
        other.save()
        messages.success(request, f"{other.name} is added to those in attendance.")
        return redirect(attendance_url(the_meeting, "others"))
    return attendance_page(request, the_meeting, other_form=form)


# --- Apologies: a member, signed in, before the meeting ---------------------------------------


def my_meetings_context(user: Any) -> dict[str, Any]:
    """What /manage/me/ shows (as minuted.staff.views.me builds it)."""
    person = getattr(user, "person", None)
    boards = []
    if person is not None:
        candidates = {m.board for m in person.memberships.select_related("board")}
        boards = sorted((b for b in candidates if is_member_of(user, b)), key=lambda b: b.name)
    meetings = (
        Meeting.objects.filter(board__in=boards, date__gte=timezone.localdate())
        .select_related("board")
        .order_by("date", "start_time")
    )
    return {"person": person, "boards": boards, "meetings": meetings}


@login_required
@require_POST
def apologies(request: HttpRequest, meeting: UUID) -> HttpResponse:
    the_meeting = get_object_or_404(
        Meeting.objects.select_related("board__organisation", "term"), uid=meeting
    )
    person = getattr(request.user, "person", None)
    if person is None or not person.memberships.filter(board=the_meeting.board).exists():
        raise PermissionDenied("Only members of the board can send apologies for it.")
    form = ApologiesForm(request.POST)
    form.is_valid()
    substitute_sent = bool(form.cleaned_data.get("substitute_sent"))
    try:
        send_apologies(request.user, the_meeting, substitute_sent=substitute_sent)
    except PermissionDenied:
        problem = (
            "You cannot send apologies for this meeting: you are not a member of the "
            f"{the_meeting.board.name} on the day it meets."
        )
    except ValidationError as error:
        problem = " ".join(error.messages)
        if the_meeting.date < timezone.localdate():
            problem = "You cannot send apologies for this meeting: it has already taken place."
    else:
        messages.success(request, APOLOGIES_SENT)
        return redirect("staff:me")
    context = my_meetings_context(request.user)
    context["errors"] = [{"href": f"#apologies-{the_meeting.uid}", "text": problem}]
    return render(request, "staff/me.html", context, status=400)
