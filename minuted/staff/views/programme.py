"""The programme screens (ux.md: /manage/programmes/<id>/): returns by output and period,
entering actuals, sign-off and corrections, CSV import and export, and putting a programme
table into a report. Every rule is the programme app's (access.py, services.py, tables.py)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from minuted.accounts.policy import Action, may
from minuted.papers.models import Report
from minuted.programme import access, exchange, services
from minuted.programme.activity import compile_into, grouped
from minuted.programme.models import (
    ImprovementActivity,
    Kpi,
    Output,
    Programme,
    ReportingPeriod,
    Return,
    ReturnStatus,
    StatusOverride,
)
from minuted.programme.rules.status import Kind, Status
from minuted.programme.tables import Shape, embed_table
from minuted.staff.forms.govuk import GovukFormMixin, add_validation_error, error_summary

MAX_UPLOAD = exchange.MAX_BYTES


def _programme(user: Any, uid: UUID) -> Programme:
    programme = get_object_or_404(Programme.objects.select_related("board"), uid=uid)
    if not access.may_work_on(user, programme):
        raise PermissionDenied("You do not work on this programme.")
    return programme


# --- The programme screen -----------------------------------------------------------------


class ImportForm(GovukFormMixin, forms.Form):
    what = forms.ChoiceField(
        label="What the file holds",
        choices=[("outputs", "Outputs with KPIs and targets"), ("actuals", "Actuals for periods")],
        widget=forms.RadioSelect,
        initial="outputs",
    )
    file = forms.FileField(
        label="CSV file",
        help_text="UTF-8 CSV with a header row, as the export writes it.",
        error_messages={"required": "Choose a CSV file."},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise ValidationError(f"The file must be smaller than {MAX_UPLOAD // 1_000_000} MB.")
        return upload


class ReportChoiceForm(GovukFormMixin, forms.Form):
    """A report of the board's coming meetings that the user may edit, and the reason a
    published one changes (a revision: papers.publishing.record_report_change)."""

    report_message = "Choose the report."
    report = forms.ModelChoiceField(
        label="Report", queryset=Report.objects.none(), empty_label="Choose a report"
    )
    reason = forms.CharField(
        label="Why is this published report changing?",
        required=False,
        help_text="Only if the report has been published already.",
    )

    def __init__(self, *args: Any, programme: Programme, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reports = Report.objects.filter(
            agenda_item__meeting__board=programme.board,
            agenda_item__meeting__date__gte=timezone.localdate(),
        ).select_related("agenda_item__meeting")
        field = self.fields["report"]
        field.queryset = Report.objects.filter(  # type: ignore[attr-defined]
            pk__in=[
                r.pk for r in reports if may(user, Action.EDIT_REPORT, programme.board, report=r)
            ]
        ).order_by("agenda_item__meeting__date", "title")
        field.label_from_instance = (  # type: ignore[attr-defined]
            lambda r: f"{r.title} ({r.agenda_item.meeting.date:%-d %B %Y})"
        )
        field.error_messages["required"] = self.report_message


class EmbedForm(ReportChoiceForm):
    report_message = "Choose the report the table goes in."
    field_order = ["report", "shape", "period", "kpi", "reason"]
    shape = forms.ChoiceField(
        label="Table",
        choices=[
            (Shape.DELIVERED.value, "Outputs delivered, with when and the KPIs met"),
            (Shape.PLANNED.value, "Planned outputs, with timeframe and KPI targets"),
            (Shape.THEMES_CHART.value, "Chart: status of targets by theme, with its table"),
            (Shape.KPI_CHART.value, "Chart: a KPI's actual against its target, with its table"),
        ],
        widget=forms.RadioSelect,
        initial=Shape.DELIVERED.value,
    )
    period = forms.ModelChoiceField(
        label="Up to the end of",
        queryset=ReportingPeriod.objects.none(),
        required=False,
        empty_label="Choose a period",
        help_text="For the table of outputs delivered.",
    )
    kpi = forms.ModelChoiceField(
        label="KPI",
        queryset=Kpi.objects.none(),
        required=False,
        empty_label="Choose a KPI",
        help_text="For the chart of a KPI.",
    )

    def __init__(self, *args: Any, programme: Programme, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, programme=programme, user=user, **kwargs)
        self.fields["kpi"].queryset = Kpi.objects.filter(  # type: ignore[attr-defined]
            output__programme=programme, kind="quantitative", accumulation="cumulative"
        ).select_related("output")
        self.fields["period"].queryset = programme.periods.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        shape = data.get("shape")
        if shape != Shape.PLANNED and not data.get("period"):
            self.add_error("period", "Choose the reporting period the table or chart is for.")
        if shape == Shape.KPI_CHART and not data.get("kpi"):
            self.add_error("kpi", "Choose the KPI to draw.")
        return data


def _screen(
    request: HttpRequest,
    programme: Programme,
    import_form: ImportForm | None = None,
    embed_form: EmbedForm | None = None,
    import_errors: list[exchange.RowError] | None = None,
    activity_form: Any = None,
    compile_form: Any = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    periods = list(programme.periods.all())
    outputs = list(programme.outputs.select_related("theme", "officer_lead"))
    latest: dict[tuple[int, int], Return] = {}
    for record in Return.objects.filter(output__programme=programme).order_by("version"):
        latest[(record.output_id, record.period_id)] = record
    rows = [
        {
            "output": output,
            "mine": access.may_enter_return(user, output),
            "cells": [(period, latest.get((output.pk, period.pk))) for period in periods],
        }
        for output in outputs
    ]
    manager = access.is_manager(user, programme)
    import_form = import_form or (ImportForm(prefix="import") if manager else None)
    embed_form = embed_form or EmbedForm(prefix="embed", programme=programme, user=user)
    clerk = may(user, Action.MANAGE_BOARD, programme.board)
    if clerk:
        activity_form = activity_form or ActivityForm(prefix="activity", programme=programme)
        compile_form = compile_form or CompileForm(prefix="compile", programme=programme, user=user)
    activity = ImprovementActivity.objects.filter(
        board=programme.board, meeting__date__gte=timezone.localdate()
    ).select_related("meeting")
    context = {
        "programme": programme,
        "periods": periods,
        "rows": rows,
        "manager": manager,
        "awaiting": [r for r in latest.values() if r.status == ReturnStatus.SUBMITTED],
        "import_form": import_form,
        "import_errors": import_errors or [],
        "embed_form": embed_form if embed_form.fields["report"].queryset.exists() else None,  # type: ignore[attr-defined]
        "clerk": clerk,
        "activity": grouped(activity),
        "activity_form": activity_form,
        "compile_form": compile_form,
        "errors": error_summary(import_form, embed_form, activity_form, compile_form)
        + [{"href": "#import-errors", "text": str(e)} for e in (import_errors or [])[:5]],
    }
    return render(request, "staff/programme.html", context, status=status)


@login_required
def programme_screen(request: HttpRequest, programme: UUID) -> HttpResponse:
    return _screen(request, _programme(request.user, programme))


@login_required
@require_POST
def programme_import(request: HttpRequest, programme: UUID) -> HttpResponse:
    the_programme = _programme(request.user, programme)
    if not access.is_manager(request.user, the_programme):
        raise PermissionDenied("Only the programme's managers import files.")
    form = ImportForm(request.POST, request.FILES, prefix="import")
    if not form.is_valid():
        return _screen(request, the_programme, import_form=form, status=400)
    data = form.cleaned_data["file"].read()
    try:
        if form.cleaned_data["what"] == "outputs":
            counts = exchange.import_outputs(the_programme, data)
            done = (
                f"Imported {counts['outputs']} new outputs and {counts['kpis']} new KPIs "
                f"({counts['themes']} new themes); the others were updated."
            )
        else:
            count = exchange.import_actuals(the_programme, data, request.user)
            done = f"Imported {count} actuals into draft returns."
    except exchange.ImportError_ as error:
        return _screen(
            request, the_programme, import_form=form, import_errors=error.errors, status=400
        )
    messages.success(request, done)
    return redirect("staff:programme", programme=the_programme.uid)


@login_required
def programme_export(request: HttpRequest, programme: UUID, what: str) -> HttpResponse:
    the_programme = _programme(request.user, programme)
    text = (
        exchange.export_outputs(the_programme)
        if what == "outputs"
        else exchange.export_actuals(the_programme, signed_off_only=False)
    )
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{the_programme.slug}-{what}.csv"'
    return response


@login_required
@require_POST
def programme_embed(request: HttpRequest, programme: UUID) -> HttpResponse:
    the_programme = _programme(request.user, programme)
    form = EmbedForm(request.POST, prefix="embed", programme=the_programme, user=request.user)
    if form.is_valid():
        report: Report = form.cleaned_data["report"]
        section = report.sections.order_by("-position").first()
        if section is None:
            form.add_error("report", "The report has no section to put the table in.")
        else:
            try:
                embed_table(
                    section,
                    the_programme,
                    Shape(form.cleaned_data["shape"]),
                    form.cleaned_data["period"],
                    kpi=form.cleaned_data["kpi"],
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                what = "chart" if "chart" in form.cleaned_data["shape"] else "table"
                messages.success(request, f"The {what} is now at the end of “{section.heading}”.")
                return redirect("staff:report", report=report.uid)
    return _screen(request, the_programme, embed_form=form, status=400)


# --- Other boards' improvement activity -------------------------------------------------------


class ActivityForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = ImprovementActivity
        fields = ["meeting", "source_board_name", "programme_area", "title", "text", "links"]
        labels = {
            "meeting": "For the meeting",
            "source_board_name": "Board",
            "programme_area": "Programme or area",
            "text": "What was done",
            "links": "Links",
        }
        help_texts = {
            "source_board_name": "For example, Community Wellbeing Board.",
            "text": "Markdown.",
            "links": "Web addresses, one per line.",
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "links": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "meeting": {"required": "Choose the meeting the activity is reported to."},
            "source_board_name": {"required": "Enter the board whose activity it is."},
            "title": {"required": "Enter a title."},
            "text": {"required": "Say what was done."},
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting = self.fields["meeting"]
        meeting.required = True
        meeting.queryset = programme.board.meetings.filter(  # type: ignore[attr-defined]
            date__gte=timezone.localdate()
        ).order_by("date")
        meeting.label_from_instance = lambda m: f"{m.date:%-d %B %Y}"  # type: ignore[attr-defined]


class CompileForm(ReportChoiceForm):
    report_message = "Choose the report to compile the activity into."

    def __init__(self, *args: Any, programme: Programme, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, programme=programme, user=user, **kwargs)
        self.fields["report"].label = "Report to compile into"


def _board_clerk(user: Any, programme: Programme) -> None:
    if not may(user, Action.MANAGE_BOARD, programme.board):
        raise PermissionDenied("Only the board's clerks collect other boards' activity.")


@login_required
@require_POST
def activity_add(request: HttpRequest, programme: UUID) -> HttpResponse:
    the_programme = _programme(request.user, programme)
    _board_clerk(request.user, the_programme)
    form = ActivityForm(request.POST, prefix="activity", programme=the_programme)
    if form.is_valid():
        entry = form.save(commit=False)
        entry.board = the_programme.board
        entry.date = entry.meeting.date if entry.meeting else None
        entry.position = ImprovementActivity.objects.filter(meeting=entry.meeting).count()
        entry.save()
        messages.success(request, f"Added “{entry.title}” from the {entry.source_board_name}.")
        return redirect(reverse("staff:programme", args=[the_programme.uid]) + "#activity")
    return _screen(request, the_programme, activity_form=form, status=400)


@login_required
@require_POST
def activity_compile(request: HttpRequest, programme: UUID) -> HttpResponse:
    the_programme = _programme(request.user, programme)
    _board_clerk(request.user, the_programme)
    form = CompileForm(request.POST, prefix="compile", programme=the_programme, user=request.user)
    if form.is_valid():
        report: Report = form.cleaned_data["report"]
        entries = ImprovementActivity.objects.filter(
            board=the_programme.board, meeting=report.agenda_item.meeting
        )
        try:
            sections = compile_into(
                report, entries, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, f"Compiled {len(sections)} boards' activity into the report.")
            return redirect("staff:report", report=report.uid)
    return _screen(request, the_programme, compile_form=form, status=400)


# --- A return -------------------------------------------------------------------------------


class ReturnForm(GovukFormMixin, forms.Form):
    commentary = forms.CharField(
        label="Commentary",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What was done in the period, and anything at risk. Markdown.",
    )
    evidence = forms.CharField(
        label="Evidence",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Web addresses, one per line.",
    )

    def __init__(self, *args: Any, kpis: list[Kpi], initial_actuals: dict[int, Any], **kw: Any):
        super().__init__(*args, **kw)
        self.kpis = kpis
        for kpi in kpis:
            name = f"kpi-{kpi.pk}"
            value = initial_actuals.get(kpi.pk)
            if kpi.kind == Kind.MILESTONE:
                self.fields[name] = forms.ChoiceField(
                    label=kpi.description,
                    choices=[("", "Not reported"), ("yes", "Delivered"), ("no", "Not yet")],
                    required=False,
                    initial="" if value is None else ("yes" if value else "no"),
                    help_text=kpi.target_text(),
                )
            else:
                self.fields[name] = forms.CharField(
                    label=f"{kpi.description}{f' ({kpi.unit})' if kpi.unit else ''}",
                    required=False,
                    initial="" if value is None else f"{value.normalize():f}",
                    help_text=f"{kpi.target_text()}. The amount in this period alone."
                    if kpi.accumulation == "cumulative"
                    else f"{kpi.target_text()}.",
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
                )
            self.style_field(name)

    def kpi_fields(self) -> list[Any]:
        return [self[f"kpi-{kpi.pk}"] for kpi in self.kpis]


class OverrideForm(GovukFormMixin, forms.Form):
    kpi = forms.ModelChoiceField(
        label="KPI",
        queryset=Kpi.objects.none(),
        empty_label="Choose a KPI",
        error_messages={"required": "Choose the KPI whose status you are setting."},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=[("", "Choose a status")] + [(s.value, s.value.capitalize()) for s in Status],
        error_messages={"required": "Choose the status."},
    )
    reason = forms.CharField(
        label="Why the computed status is wrong",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why the computed status is overridden."},
    )

    def __init__(self, *args: Any, output: Output, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kpi"].queryset = output.kpis.all()  # type: ignore[attr-defined]


class CorrectForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why does the signed-off return need correcting?",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why the return is being corrected."},
    )


@login_required
def return_screen(
    request: HttpRequest, programme: UUID, output: UUID, period: UUID
) -> HttpResponse:
    the_programme = _programme(request.user, programme)
    the_output = get_object_or_404(Output, uid=output, programme=the_programme)
    the_period = get_object_or_404(ReportingPeriod, uid=period, programme=the_programme)
    user = request.user
    versions = list(
        Return.objects.filter(output=the_output, period=the_period).order_by("-version")
    )
    record = versions[0] if versions else None
    kpis = list(the_output.kpis.all())
    enter = access.may_enter_return(user, the_output)
    manager = access.is_manager(user, the_programme)
    initial = {a.kpi_id: a.reported for a in record.actuals.all()} if record else {}
    form: ReturnForm | None = None
    correct_form: CorrectForm | None = None
    status = 200
    if record is None or not record.is_locked:
        form = ReturnForm(
            initial={"commentary": record.commentary, "evidence": record.evidence}
            if record
            else {},
            kpis=kpis,
            initial_actuals=initial,
        )
    elif enter:
        correct_form = CorrectForm(prefix="correct")
    override_form = OverrideForm(prefix="override", output=the_output) if manager else None

    if request.method == "POST":
        do = request.POST.get("do", "")
        back = reverse(
            "staff:programme-return",
            kwargs={"programme": programme, "output": output, "period": period},
        )
        if do in ("save", "submit"):
            if not enter:
                raise PermissionDenied("Only the output's officer lead enters its return.")
            form = ReturnForm(request.POST, kpis=kpis, initial_actuals=initial)
            if form.is_valid():
                try:
                    with transaction.atomic():  # a new draft is kept only if it saves
                        draft = services.draft_return(the_output, the_period, user)
                        services.save_return(
                            draft,
                            commentary=form.cleaned_data["commentary"],
                            evidence=form.cleaned_data["evidence"],
                            actuals={k.pk: form.cleaned_data[f"kpi-{k.pk}"] for k in kpis},
                            user=user,
                        )
                        if do == "submit":
                            services.submit_return(draft)
                except ValidationError as error:
                    add_validation_error(form, error)
                else:
                    messages.success(
                        request,
                        "Submitted for sign-off." if do == "submit" else "Saved as a draft.",
                    )
                    return redirect(back)
            status = 400
        elif do == "sign-off":
            if not manager or record is None:
                raise PermissionDenied("Only the programme's managers sign returns off.")
            try:
                services.sign_off(record, user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect(back)
            messages.success(request, "Signed off. The return is now locked.")
            return redirect(back)
        elif do == "override":
            if not manager:
                raise PermissionDenied("Only the programme's managers set a status by hand.")
            override_form = OverrideForm(request.POST, prefix="override", output=the_output)
            if override_form.is_valid():
                data = override_form.cleaned_data
                try:
                    services.override_status(
                        data["kpi"], the_period, Status(data["status"]), data["reason"], user
                    )
                except ValidationError as error:
                    add_validation_error(override_form, error)
                else:
                    messages.success(request, f"The status of “{data['kpi']}” is set by hand.")
                    return redirect(back)
            status = 400
        elif do == "correct":
            if not enter or record is None:
                raise PermissionDenied("Only the output's officer lead corrects its return.")
            correct_form = CorrectForm(request.POST, prefix="correct")
            if correct_form.is_valid():
                services.correct_return(record, user, correct_form.cleaned_data["reason"])
                messages.success(request, "A correction has been started as a new version.")
                return redirect(back)
            status = 400
    return render(
        request,
        "staff/programme_return.html",
        {
            "programme": the_programme,
            "output": the_output,
            "period": the_period,
            "record": record,
            "versions": versions,
            "form": form if enter else None,
            "readonly_actuals": [(k, initial.get(k.pk)) for k in kpis],
            "correct_form": correct_form,
            "override_form": override_form,
            "overrides": StatusOverride.objects.filter(
                kpi__output=the_output, period=the_period
            ).select_related("kpi", "set_by"),
            "manager": manager,
            "errors": error_summary(form, correct_form, override_form),
        },
        status=status,
    )
