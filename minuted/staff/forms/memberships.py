"""The clerk's forms for a board's memberships: add one, end one. They only read what was
typed; every rule of a membership (one chair at a time, no overlaps, substitutes in a group,
seats never over allocation) is ``Membership.clean``'s, run by ``save_membership``."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from minuted.governance.models import (
    Authority,
    Board,
    MembershipRole,
    Person,
    PoliticalGroup,
    Term,
)
from minuted.staff.forms.govuk import GovukFormMixin
from minuted.staff.forms.widgets import date_field

# The form's fields in the order the error summary lists them, named as Membership names them
# so that the model's errors land beside the field they are about.
ADD_FIELDS = (
    "person",
    "political_group",
    "role",
    "voting_right",
    "authority",
    "represents",
    "start_date",
    "end_date",
)


class MembershipForm(GovukFormMixin, forms.Form):
    person = forms.ModelChoiceField(
        label="Person",
        queryset=Person.objects.none(),
        error_messages={"required": "Choose the person.", "invalid_choice": "Choose the person."},
    )
    political_group = forms.ModelChoiceField(
        label="Political group",
        queryset=PoliticalGroup.objects.none(),
        required=False,
        empty_label="No political group",
        help_text="Substitutes sit for a group; independent observers belong to none.",
        error_messages={"invalid_choice": "Choose one of the political groups."},
    )
    role = forms.ChoiceField(
        label="Role",
        choices=[("", "Choose a role"), *MembershipRole.choices],
        error_messages={"required": "Choose the role.", "invalid_choice": "Choose the role."},
    )
    voting_right = forms.BooleanField(
        label="Votes at meetings",
        required=False,
        initial=True,
        help_text="Observers attend without a vote.",
    )
    authority = forms.ModelChoiceField(
        label="Authority represented",
        queryset=Authority.objects.none(),
        required=False,
        empty_label="Not a council: give the body below",
        error_messages={"invalid_choice": "Choose one of the authorities."},
    )
    represents = forms.CharField(
        label="Body represented",
        required=False,
        max_length=300,
        help_text="For a member who does not represent a council.",
    )
    start_date = date_field("Start date")
    end_date = date_field("End date")

    def __init__(self, *args: Any, board: Board, term: Term, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "add")
        super().__init__(*args, **kwargs)
        organisation = board.organisation_id
        choices = {
            "person": Person.objects.filter(organisation_id=organisation),
            "political_group": PoliticalGroup.objects.filter(organisation_id=organisation),
            "authority": Authority.objects.all(),
        }
        for name, queryset in choices.items():
            cast(forms.ModelChoiceField, self.fields[name]).queryset = queryset
        fields = self.fields
        starts, ends = f"{term.start_date:%-d %B %Y}", f"{term.end_date:%-d %B %Y}"
        fields["start_date"].help_text = f"Leave blank if it starts with {term.name}, on {starts}."
        fields["end_date"].help_text = f"Leave blank if it lasts to the end of {term.name}, {ends}."


class EndForm(GovukFormMixin, forms.Form):
    end_date = date_field("Last day of the membership", required=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["end_date"].error_messages["required"] = "Enter the last day of the membership."
