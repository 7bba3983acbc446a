"""Django forms dressed in GOV.UK Frontend classes, with errors the screens can summarise.

Widgets get the component classes (``govuk-input``, ``govuk-select`` …) and, when their field
has an error, the error modifier and an ``aria-describedby`` pointing at the message printed
beside the field by ``staff/includes/field.html``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

# Widget type (BoundField.widget_type) -> the GOV.UK class of its element.
_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "checkbox": "govuk-checkboxes__input",
    "radioselect": "govuk-radios__input",
}
_ERROR_CLASSES = {
    "govuk-input": "govuk-input--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-select": "govuk-select--error",
}
# The fieldset of a radio group carries the description, not each radio.
_DESCRIBED_BY_FIELDSET = {"radioselect"}


def _add_class(widget: forms.Widget, name: str) -> None:
    classes = widget.attrs.get("class", "").split()
    if name not in classes:
        widget.attrs["class"] = " ".join([*classes, name])


class GovukFormMixin:
    """Mix into a ``forms.Form`` or ``forms.ModelForm`` (before it in the bases)."""

    fields: dict[str, forms.Field]
    _errors: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.style_field(name)

    def style_field(self, name: str) -> None:
        bound = self[name]  # type: ignore[index]
        widget = self.fields[name].widget
        if bound.widget_type == "hidden":
            return
        _add_class(widget, _CLASSES.get(bound.widget_type, "govuk-input"))
        self._describe(name)

    def _describe(self, name: str) -> None:
        bound = self[name]  # type: ignore[index]
        if bound.widget_type in _DESCRIBED_BY_FIELDSET:
            return
        ids = []
        if self.fields[name].help_text:
            ids.append(f"{bound.auto_id}-hint")
        if self._errors and name in self._errors:
            ids.append(f"{bound.auto_id}-error")
        if ids:
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)  # type: ignore[misc]
        for name in self._errors:
            if name == NON_FIELD_ERRORS or name not in self.fields:
                continue
            widget = self.fields[name].widget
            for base, modifier in _ERROR_CLASSES.items():
                if base in widget.attrs.get("class", "").split():
                    _add_class(widget, modifier)
            self._describe(name)


def add_validation_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: beside the field it names when the form
    has that field, otherwise at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.error_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error)


class GovukFormSetMixin:
    """Style the fields a formset adds to each form (the "remove" checkbox)."""

    delete_label = "Remove"

    def add_fields(self, form: forms.BaseForm, index: int | None) -> None:
        super().add_fields(form, index)  # type: ignore[misc]
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = self.delete_label
            if isinstance(form, GovukFormMixin):
                form.style_field("DELETE")


def error_summary(*parts: Any) -> list[dict[str, str]]:
    """Every error of the given forms and formsets, as links for the GOV.UK error summary."""
    out: list[dict[str, str]] = []
    for part in parts:
        if part is None:
            continue
        if isinstance(part, forms.BaseForm):
            out += _form_errors(part)
        elif isinstance(part, forms.BaseFormSet):
            for message in part.non_form_errors():
                out.append({"href": f"#{part.prefix}", "text": str(message)})
            for form in part.forms:
                out += _form_errors(form)
        elif isinstance(part, Iterable):
            out += error_summary(*part)
    return out


def _form_errors(form: forms.BaseForm) -> list[dict[str, str]]:
    out = []
    anchor = f"#{form.prefix}" if form.prefix else "#main-content"
    for message in form.non_field_errors():
        out.append({"href": anchor, "text": str(message)})
    for name in form.fields:
        if name in form.errors:
            bound = form[name]
            href = f"#{bound.auto_id}"
            if bound.widget_type == "radioselect":
                href = f"#{bound.auto_id}_0"
            out += [{"href": href, "text": str(m)} for m in form.errors[name]]
    return out
