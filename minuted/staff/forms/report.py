"""The report editor's forms: the standard template of an officer's report.

Contacts, sections, appendices and background papers are inline formsets; the paragraphs of
each section are a plain formset (prefix ``sections-<n>-paragraphs``) so that a new section
can take paragraphs before it exists."""

from __future__ import annotations

import csv
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError

from minuted.core.concurrency import opened_token
from minuted.papers.models import (
    Appendix,
    BackgroundPaper,
    Purpose,
    Report,
    ReportContact,
    ReportSection,
    StandardSection,
)
from minuted.staff.forms.govuk import GovukFormMixin, GovukFormSetMixin


class ReportForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Report
        fields = [
            "title",
            "purpose",
            "summary",
            "recommendations_intro",
            "recommendations",
            "actions",
        ]
        labels = {
            "recommendations_intro": "Introduction to the recommendations",
        }
        help_texts = {
            "summary": "Markdown: a blank line starts a new paragraph.",
            "recommendations_intro": "For example: Members of the Board are asked to:",
            "recommendations": "One recommendation per line; they are numbered when printed.",
            "actions": "What officers will do once the board has considered the report.",
        }
        widgets = {
            "purpose": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 5}),
            "recommendations": forms.Textarea(attrs={"rows": 4}),
            "actions": forms.Textarea(attrs={"rows": 3}),
        }

    # The saved state the editor was opened on (optimistic locking, core/concurrency.py).
    opened = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opened"].initial = opened_token(self.instance)
        purpose = self.fields["purpose"]
        assert isinstance(purpose, forms.ChoiceField)
        purpose.choices = Purpose.choices  # no blank choice: every report has a purpose
        self.fields["title"].error_messages["required"] = "Enter the report's title."


class ReasonForm(GovukFormMixin, forms.Form):
    """Why a published report is changing (kept with the revision)."""

    reason = forms.CharField(
        label="Why is this published report changing?",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=(
            "The report has been published in an agenda pack: every change is kept as a "
            "numbered revision with its reason."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="change", **kwargs)


class ContactForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = ReportContact
        fields = ["name", "job_title", "phone", "email"]
        labels = {"email": "E-mail address"}


class SectionForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = ReportSection
        fields = ["heading", "standard"]
        labels = {"standard": "Standard section"}
        help_texts = {
            "heading": "A standard section left without a heading takes its standard one.",
            "standard": "Implications the board asks for in every report; leave as — otherwise.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["heading"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        standard = data.get("standard")
        if not (data.get("heading") or "").strip():
            if standard:
                # A standard section is headed as the template names it.
                data["heading"] = StandardSection(standard).label
                self.instance.heading = data["heading"]
            else:
                self.add_error("heading", "Give the section a heading.")
        return data


class AppendixForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Appendix
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"body": "Markdown."}


class BackgroundPaperForm(GovukFormMixin, forms.ModelForm):
    url = forms.URLField(label="Web address", required=False, assume_scheme="https")

    class Meta:
        model = BackgroundPaper
        fields = ["title", "url"]
        labels = {"url": "Web address"}


def _inline(model: Any, form: Any, delete_label: str) -> Any:
    """A formset of the report's contacts, sections …: one empty row to add another, and a
    "remove" box on each saved row."""
    formset = type(
        f"{model.__name__}BaseFormSet",
        (GovukFormSetMixin, forms.BaseInlineFormSet),
        {"delete_label": delete_label},
    )
    return forms.inlineformset_factory(
        Report,
        model,
        form=form,
        formset=formset,
        extra=1,
        can_delete=True,
        can_delete_extra=False,
    )


ContactFormSet = _inline(ReportContact, ContactForm, "Remove this contact")
SectionFormSet = _inline(ReportSection, SectionForm, "Remove this section and its paragraphs")
AppendixFormSet = _inline(Appendix, AppendixForm, "Remove this appendix")
BackgroundPaperFormSet = _inline(BackgroundPaper, BackgroundPaperForm, "Remove this paper")


def parse_table(text: str) -> list[list[str]]:
    """Rows of cells from lines of text: cells separated by "|", a tab or commas (CSV quoting
    allowed); blank lines are skipped."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return []
    sample = lines[0]
    delimiter = "|" if "|" in sample else "\t" if "\t" in sample else ","
    rows = []
    for row in csv.reader(lines, delimiter=delimiter, skipinitialspace=True):
        cells = [cell.strip() for cell in row]
        if delimiter == "|" and cells and cells[0] == "" and cells[-1] == "":
            cells = cells[1:-1]  # "| a | b |", as Markdown writes a table row
        rows.append(cells)
    return rows


class ParagraphForm(GovukFormMixin, forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label="Paragraph", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    sub = forms.BooleanField(
        label="Sub-paragraph of the numbered paragraph above (4.1, 4.2 …)", required=False
    )
    table = forms.CharField(
        label="Or a table instead of text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "One row per line, cells separated by | or commas; the first line is the header. "
            "Tables are not numbered."
        ),
    )
    caption = forms.CharField(label="Table caption", required=False, max_length=200)
    remove = forms.BooleanField(label="Remove this paragraph", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["table_data"] = None
        if data.get("remove"):
            return data
        text = (data.get("text") or "").strip()
        table = (data.get("table") or "").strip()
        if text and table:
            self.add_error("table", "Give either the paragraph's text or a table, not both.")
        elif table:
            rows = parse_table(table)
            header, body = rows[0], rows[1:]
            for n, row in enumerate(body, start=2):
                if len(row) != len(header):
                    self.add_error(
                        "table",
                        f"Line {n} has {len(row)} cells; the header line has {len(header)}.",
                    )
                    break
            data["table_data"] = {
                "caption": (data.get("caption") or "").strip(),
                "header": header,
                "rows": body,
            }
        elif data.get("id") and not text:
            self.add_error("text", "Write the paragraph, or tick “Remove this paragraph”.")
        return data

    @property
    def is_blank(self) -> bool:
        """A new row left empty: nothing to save."""
        data = self.cleaned_data
        return (
            not data.get("id")
            and not (data.get("text") or "").strip()
            and not (data.get("table") or "").strip()
        )


class BaseParagraphFormSet(GovukFormSetMixin, forms.BaseFormSet):
    def __init__(self, *args: Any, existing_ids: set[int] | None = None, **kwargs: Any) -> None:
        self.existing_ids = existing_ids or set()
        super().__init__(*args, **kwargs)

    def kept(self) -> list[ParagraphForm]:
        """The rows to save, in order (valid formset only)."""
        return [
            form  # type: ignore[misc]
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("remove") and not form.is_blank
        ]

    def removed_ids(self) -> list[int]:
        return [
            form.cleaned_data["id"]
            for form in self.forms
            if form.cleaned_data.get("remove") and form.cleaned_data.get("id")
        ]

    def clean(self) -> None:
        if any(form.errors for form in self.forms):
            return
        for form in self.forms:
            pk = form.cleaned_data.get("id")
            if pk and pk not in self.existing_ids:
                raise ValidationError(
                    "A paragraph here has been removed or moved since the page was loaded: "
                    "reload the page."
                )
        above_is_numbered = False
        for form in self.kept():
            data = form.cleaned_data
            if data["sub"]:
                if not above_is_numbered:
                    form.add_error(
                        "sub",
                        "A sub-paragraph must follow a numbered paragraph of this section "
                        "(or another sub-paragraph).",
                    )
            else:
                above_is_numbered = data["table_data"] is None


ParagraphFormSet = cast(
    type[BaseParagraphFormSet],
    forms.formset_factory(ParagraphForm, formset=BaseParagraphFormSet, extra=1),
)
