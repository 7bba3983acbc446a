"""The report editor: every part of the standard template validated together and saved in
one transaction, so a report is never half-saved."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from minuted.core.concurrency import EditConflict, check_unchanged
from minuted.papers.documents import report_content
from minuted.papers.models import Report, ReportParagraph, ReportSection, ReportStatus
from minuted.papers.numbering import Para, number_paragraphs
from minuted.papers.publishing import record_report_change
from minuted.staff.forms.govuk import add_validation_error, error_summary
from minuted.staff.forms.report import (
    AppendixFormSet,
    BackgroundPaperFormSet,
    BaseParagraphFormSet,
    ContactFormSet,
    ParagraphFormSet,
    ReasonForm,
    ReportForm,
    SectionFormSet,
)


def reading_order(paragraphs: Iterable[ReportParagraph]) -> list[ReportParagraph]:
    """Top-level paragraphs by position, each followed by its sub-paragraphs, as printed."""
    paragraphs = list(paragraphs)
    top = sorted((p for p in paragraphs if p.parent_id is None), key=lambda p: (p.position, p.pk))
    ordered = []
    for parent in top:
        ordered.append(parent)
        ordered += sorted(
            (p for p in paragraphs if p.parent_id == parent.pk), key=lambda p: (p.position, p.pk)
        )
    return ordered


def table_text(table: dict[str, Any] | None) -> str:
    """A stored table as the lines the editor shows (header first, cells separated by |)."""
    if not table:
        return ""
    rows = [table.get("header", []), *table.get("rows", [])]
    if any('"' in str(cell) or "|" in str(cell) for row in rows for cell in row):
        out = io.StringIO()
        csv.writer(out, delimiter="|", lineterminator="\n").writerows(rows)
        return out.getvalue().rstrip("\n")
    return "\n".join(" | ".join(str(cell) for cell in row) for row in rows)


class PublishedChangeNeedsReason(Exception):
    def __init__(self, error: ValidationError) -> None:
        super().__init__(str(error))
        self.error = error


class ReportEditor:
    """The forms of one report, bound to POST data or showing what is saved."""

    def __init__(self, report: Report, data: Any = None) -> None:
        self.report = report
        self.form = ReportForm(data, instance=report, prefix="report")
        self.reason_form = ReasonForm(data) if report.is_published else None
        self.contacts = ContactFormSet(data, instance=report, prefix="contacts")
        self.sections = SectionFormSet(
            data,
            instance=report,
            prefix="sections",
            queryset=ReportSection.objects.filter(report=report).prefetch_related("paragraphs"),
        )
        self.appendices = AppendixFormSet(data, instance=report, prefix="appendices")
        self.papers = BackgroundPaperFormSet(data, instance=report, prefix="papers")
        self.numbers: dict[Any, str | None] = {}
        self.paragraphs: list[BaseParagraphFormSet] = []
        saved: list[Sequence[ReportParagraph]] = []
        for form in self.sections.forms:
            section = form.instance
            saved.append(reading_order(section.paragraphs.all()) if section.pk else [])
        self.numbers = number_paragraphs(
            [
                Para(key=p.pk, parent=p.parent_id, numbered=p.table is None)
                for paragraphs in saved
                for p in paragraphs
            ]
        )
        for index, paragraphs in enumerate(saved):
            initial = [
                {
                    "id": p.pk,
                    "text": p.text,
                    "sub": p.parent_id is not None,
                    "table": table_text(p.table),
                    "caption": (p.table or {}).get("caption", ""),
                }
                for p in paragraphs
            ]
            formset = ParagraphFormSet(
                data,
                initial=initial,
                prefix=f"sections-{index}-paragraphs",
                existing_ids={p.pk for p in paragraphs},
            )
            for form, paragraph in zip(formset.forms, paragraphs, strict=False):
                form.number = self.numbers.get(paragraph.pk)  # type: ignore[attr-defined]
            self.paragraphs.append(formset)

    @property
    def section_rows(self) -> list[tuple[Any, BaseParagraphFormSet]]:
        return list(zip(self.sections.forms, self.paragraphs, strict=True))

    def _deleting(self, form: Any) -> bool:
        return bool(form.is_bound and form.is_valid() and form.cleaned_data.get("DELETE"))

    def is_valid(self, marking_ready: bool = False) -> bool:
        parts = [self.form, self.contacts, self.sections, self.appendices, self.papers]
        if self.reason_form is not None:
            parts.append(self.reason_form)
        valid = all([part.is_valid() for part in parts])
        for section_form, paragraphs in self.section_rows:
            if self._deleting(section_form):
                continue  # its paragraphs go with it
            if not paragraphs.is_valid():
                valid = False
            elif (
                section_form.instance.pk is None
                and not section_form.has_changed()
                and paragraphs.kept()
            ):
                section_form.add_error("heading", "Give the new section a heading.")
                valid = False
        if marking_ready and self.form.is_valid() and not self.form.cleaned_data["summary"]:
            self.form.add_error("summary", "Write a summary before marking the report ready.")
            valid = False
        return valid

    def errors(self) -> list[dict[str, str]]:
        if not self.form.is_bound:
            return []
        active = [p for s, p in self.section_rows if not self._deleting(s)]
        return error_summary(
            self.reason_form,
            self.form,
            self.contacts,
            self.sections,
            active,
            self.appendices,
            self.papers,
        )

    def save(self, user: Any, status: str | None = None) -> bool:
        """Save everything (after ``is_valid``); True when the report's content changed.

        Raises PublishedChangeNeedsReason, with nothing saved, when a published report changes
        without a reason, and EditConflict, with nothing saved and the error on the form, when
        someone saved the report after this editor was opened."""
        try:
            with transaction.atomic():
                # Refused, with nothing saved, when someone saved the report after this
                # editor was opened (optimistic locking); the form keeps the user's text.
                check_unchanged(
                    Report,
                    self.report.pk,
                    self.form.cleaned_data.get("opened", ""),
                    f"The report “{self.report.title}”",
                )
                before = report_content(Report.objects.get(pk=self.report.pk))
                report = self.form.save(commit=False)
                if getattr(user, "is_authenticated", False):
                    report.edited_by = user
                if status in ReportStatus.values:
                    report.status = status
                report.save()
                self._save_ordered(self.contacts)
                self._save_ordered(self.appendices)
                self._save_ordered(self.papers)
                sections = self._save_ordered(self.sections)
                for index, section in sections.items():
                    self._save_paragraphs(section, self.paragraphs[index])
                after = report_content(Report.objects.get(pk=report.pk))
                changed = before != after
                if changed:
                    reason = self.reason_form.cleaned_data["reason"] if self.reason_form else ""
                    record_report_change(report, user, reason)
        except EditConflict as error:
            self.form.add_error(None, error)
            raise
        except ValidationError as error:
            if self.reason_form is not None:
                add_validation_error(self.reason_form, error)
            raise PublishedChangeNeedsReason(error) from error
        return changed

    def _save_ordered(self, formset: Any) -> dict[int, Any]:
        """Save a formset's rows with positions in the order shown; returns the saved objects
        by row index. Rows ticked "Remove" are deleted; blank new rows are skipped."""
        saved = {}
        position = 0
        for index, form in enumerate(formset.forms):
            if form.instance.pk is None and not form.has_changed():
                continue
            if form.cleaned_data.get("DELETE"):
                if form.instance.pk is not None:
                    form.instance.delete()
                continue
            obj = form.save(commit=False)
            obj.report = self.report
            obj.position = position
            obj.save()
            position += 1
            saved[index] = obj
        return saved

    def _save_paragraphs(self, section: ReportSection, formset: BaseParagraphFormSet) -> None:
        existing = {p.pk: p for p in ReportParagraph.objects.filter(section=section)}
        parent: ReportParagraph | None = None
        for position, form in enumerate(formset.kept()):
            data = form.cleaned_data
            paragraph = existing.get(data["id"]) or ReportParagraph(section=section)
            paragraph.position = position
            paragraph.parent = parent if data["sub"] else None
            if data["table_data"] is not None:
                paragraph.table = data["table_data"]
                paragraph.text = ""
            else:
                paragraph.table = None
                paragraph.text = data["text"].strip()
            paragraph.save()
            if not data["sub"]:
                parent = paragraph
        # Deleted last: their sub-paragraphs have found their new parents above.
        ReportParagraph.objects.filter(section=section, pk__in=formset.removed_ids()).delete()
