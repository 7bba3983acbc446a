"""The meeting screen's forms: agenda items, a report for an item, publishing the pack."""

from __future__ import annotations

from typing import Any

from django import forms

from minuted.accounts.models import Role, User
from minuted.meetings.models import AgendaItem, AgendaItemKind, ExemptParagraph
from minuted.staff.forms.govuk import GovukFormMixin
from minuted.staff.forms.widgets import date_field

ITEM_FIELDS = [
    "title",
    "kind",
    "presenter",
    "exempt",
    "exempt_paragraph",
    "public_interest_reason",
    "exemption_review_date",
]


class ItemForm(GovukFormMixin, forms.Form):
    """An agenda item. The model and ``meetings.services`` validate it (exemption needs its
    paragraph and reason, a late item its urgency reason); their errors land beside these
    fields."""

    title = forms.CharField(max_length=300, error_messages={"required": "Enter the item's title."})
    kind = forms.ChoiceField(choices=AgendaItemKind.choices, initial=AgendaItemKind.STANDARD)
    presenter = forms.CharField(
        max_length=200,
        required=False,
        help_text="Who introduces it, for example: David Holdstock, Director of Communications.",
    )
    exempt = forms.BooleanField(
        label="Exempt: to be considered in private",
        required=False,
        help_text="The public edition shows the item's title and withholds its report.",
    )
    exempt_paragraph = forms.TypedChoiceField(
        label="Schedule 12A paragraph",
        choices=[("", "Choose a paragraph"), *ExemptParagraph.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    public_interest_reason = forms.CharField(
        label="Why the public interest in withholding it outweighs disclosure",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    exemption_review_date = date_field("Review the exemption on")
    urgency_reason = forms.CharField(
        label="Reason for taking it as urgent",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=(
            "The publication deadline has passed: the chair's reason for taking the item as "
            "urgent goes into the minutes."
        ),
    )

    def __init__(self, *args: Any, late: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.late = late
        # GOV.UK's checkboxes script reveals the exemption's details when it is ticked.
        self.fields["exempt"].widget.attrs["data-aria-controls"] = f"{self.prefix}-exempt-details"
        if not late:
            del self.fields["urgency_reason"]

    @classmethod
    def for_item(cls, item: AgendaItem, data: Any = None) -> ItemForm:
        initial = {name: getattr(item, name) for name in ITEM_FIELDS}
        initial["urgency_reason"] = item.urgency_reason
        return cls(data, initial=initial, late=item.added_late, prefix="item")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("exempt"):
            # Details of an exemption the clerk has unticked are not kept.
            data["exempt_paragraph"] = None
            data["public_interest_reason"] = ""
            data["exemption_review_date"] = None
        return data

    def item_fields(self) -> dict[str, Any]:
        names = [*ITEM_FIELDS, *(["urgency_reason"] if self.late else [])]
        return {name: self.cleaned_data[name] for name in names}


def officers() -> Any:
    return User.objects.filter(role=Role.OFFICER, is_active=True).order_by(
        "first_name", "last_name", "email"
    )


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.email})" if name else obj.email


class AddReportForm(GovukFormMixin, forms.Form):
    title = forms.CharField(max_length=300, error_messages={"required": "Enter the title."})
    author = OfficerChoiceField(
        queryset=User.objects.none(),
        empty_label="Choose an officer",
        help_text="The officer who writes the report; they can edit it from their workspace.",
        error_messages={"required": "Choose the officer who writes the report."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        author = self.fields["author"]
        assert isinstance(author, forms.ModelChoiceField)
        author.queryset = officers()


class PublishForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why is a new version being published?",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="For example: a late report, or a correction to item 4.",
    )

    def __init__(self, *args: Any, needs_reason: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, prefix="publish", **kwargs)
        if not needs_reason:
            del self.fields["reason"]
        else:
            self.fields["reason"].required = True
            self.fields["reason"].error_messages["required"] = (
                "Say why a new version is being published."
            )


class MattersArisingForm(GovukFormMixin, forms.Form):
    """Adding the "Matters arising" item in one click; after the publication deadline it is a
    late item, so the chair's urgency reason is asked for as for any other."""

    urgency_reason = forms.CharField(
        label="Reason for taking it as urgent",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=(
            "The publication deadline has passed: the chair's reason for taking the item as "
            "urgent goes into the minutes."
        ),
        error_messages={"required": "Record the chair's reason for taking the item as urgent."},
    )

    def __init__(self, *args: Any, late: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, prefix="matters", **kwargs)
        if not late:
            del self.fields["urgency_reason"]
