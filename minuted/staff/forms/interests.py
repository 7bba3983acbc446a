"""An entry in a member's register of interests, as the member or their clerk fills it in."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from minuted.core.formats import short_date
from minuted.record.models import RegisterCategory, RegisterEntry
from minuted.staff.forms.govuk import GovukFormMixin
from minuted.staff.forms.widgets import DATE_INPUT_FORMATS, DateInput

SENSITIVE_HINT = (
    "Only where the member and the monitoring officer agree that disclosing the details could "
    "lead to the member, or someone connected with them, being subjected to violence or "
    "intimidation (Localism Act 2011, section 32). The details are then withheld from the "
    "public register, which may say only that the member has an interest whose details are "
    "withheld. The member and their clerk still see them here."
)

FIELD_NAMES = {
    "category": "category",
    "description": "description",
    "spouse_or_partner": "whose interest",
    "registered_on": "date registered",
    "ended_on": "end date",
    "sensitive": "sensitive",
}


def _date(label: str, required: bool, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        input_formats=DATE_INPUT_FORMATS,
        error_messages={
            "invalid": "Enter a real date, for example 29 October 2019.",
            "required": f"Enter the {label.lower()}.",
        },
        **kwargs,
    )


class RegisterEntryForm(GovukFormMixin, forms.ModelForm):
    category = forms.ChoiceField(
        label="Category",
        choices=RegisterCategory.choices,
        widget=forms.RadioSelect,
        help_text=(
            "The first seven are the disclosable pecuniary interests of the Relevant Authorities "
            "(Disclosable Pecuniary Interests) Regulations 2012."
        ),
        error_messages={"required": "Choose the category of the interest."},
    )
    description = forms.CharField(
        label="Description",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: the employer and the job, or the address of the land.",
        error_messages={"required": "Describe the interest."},
    )
    spouse_or_partner = forms.BooleanField(
        label="This is the interest of the member's spouse or partner", required=False
    )
    registered_on = _date("Date registered", required=True)
    ended_on = _date(
        "Date the interest ended",
        required=False,
        help_text=(
            "Fill this in when the interest ends: it then leaves the public register. The entry "
            "and its history are kept."
        ),
    )
    sensitive = forms.BooleanField(
        label="Sensitive: withhold the details from the public register",
        required=False,
        help_text=SENSITIVE_HINT,
    )

    class Meta:
        model = RegisterEntry
        fields = list(FIELD_NAMES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["registered_on"].initial = timezone.localdate()

    def clean_description(self) -> str:
        text: str = self.cleaned_data["description"].strip()
        if not text:
            raise forms.ValidationError("Describe the interest.")
        return text

    def clean_registered_on(self) -> Any:
        day = self.cleaned_data["registered_on"]
        if day and day > timezone.localdate():
            raise forms.ValidationError("The date registered cannot be in the future.")
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        registered, ended = data.get("registered_on"), data.get("ended_on")
        if registered and ended and ended < registered:
            self.add_error(
                "ended_on",
                f"The end date must be on or after the date registered, {short_date(registered)}.",
            )
        return data

    def change_summary(self) -> str:
        """What this save does, for the register's history."""
        if self.instance.pk is None or not self.initial:
            return "Registered"
        changed = [name for name in FIELD_NAMES if name in self.changed_data]
        parts = []
        if "ended_on" in changed:
            ended = self.cleaned_data["ended_on"]
            parts.append(f"Ended on {short_date(ended)}" if ended else "No longer ended")
            changed.remove("ended_on")
        if "sensitive" in changed:
            parts.append(
                "Marked sensitive" if self.cleaned_data["sensitive"] else "No longer sensitive"
            )
            changed.remove("sensitive")
        if changed:
            parts.insert(0, "Changed the " + _join([FIELD_NAMES[n] for n in changed]))
        return "; ".join(parts)


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
