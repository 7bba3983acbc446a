"""Forms of the attendance screens: one row of the register, an officer or guest in
attendance, and a member's apologies."""

from __future__ import annotations

from typing import Any

from django import forms

from minuted.governance.models import Membership, MembershipRole
from minuted.record.models import AttendanceStatus, OtherAttendee
from minuted.staff.forms.govuk import GovukFormMixin

NOT_RECORDED = ""


class RegisterRowForm(GovukFormMixin, forms.Form):
    """One seat of the register. Labels name the person, for screen readers; the table's
    column headers say the same to sighted users, so the template hides the labels."""

    def __init__(
        self,
        *args: Any,
        membership: Membership,
        items: list[tuple[str, str]],
        replaceable: list[Membership],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.membership = membership
        name = membership.person.display_name
        whole_meeting = [("", "Whole meeting"), *items]
        self.fields["status"] = forms.ChoiceField(
            required=False,
            label=f"Attendance of {name}",
            choices=[(NOT_RECORDED, "Not recorded"), *AttendanceStatus.choices],
        )
        if membership.role == MembershipRole.SUBSTITUTE:
            self.fields["substitute_for"] = forms.ChoiceField(
                required=False,
                label=f"Member whose place {name} takes",
                choices=[
                    ("", "No one"),
                    *((str(m.uid), m.person.display_name) for m in replaceable),
                ],
                error_messages={
                    "invalid_choice": "Choose a member of the substitute's own political group."
                },
            )
        self.fields["substitute_sent"] = forms.BooleanField(
            required=False, label=f"{name} sent a substitute"
        )
        self.fields["arrived_at"] = forms.ChoiceField(
            required=False, label=f"Item at which {name} arrived", choices=whole_meeting
        )
        self.fields["left_after"] = forms.ChoiceField(
            required=False, label=f"Item after which {name} left", choices=whole_meeting
        )
        for field in self.fields:
            self.style_field(field)
        self.problems: list[str] = []  # problems of the whole register that name this person

    @property
    def is_substitute(self) -> bool:
        return "substitute_for" in self.fields

    def clean(self) -> dict[str, Any]:
        data = self.cleaned_data
        if not data.get("status") and (
            data.get("substitute_sent")
            or data.get("substitute_for")
            or data.get("arrived_at")
            or data.get("left_after")
        ):
            self.add_error("status", "Choose whether they attended.")
        return data


class OtherAttendeeForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = OtherAttendee
        fields = ["name", "role", "kind"]
        labels = {"name": "Name", "role": "Role", "kind": "Officer or guest"}
        help_texts = {"role": "Their post, or the body a guest comes from."}
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Members "as recorded" come only from transcribed minutes; a clerk taking a register
        # marks members on their seats.
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [
            (OtherAttendee.Kind.OFFICER, OtherAttendee.Kind.OFFICER.label),
            (OtherAttendee.Kind.GUEST, OtherAttendee.Kind.GUEST.label),
        ]


class ApologiesForm(forms.Form):
    substitute_sent = forms.BooleanField(required=False, label="A substitute will attend")
