"""Forms of the clerk's minutes screen: an item's minute, its decisions, actions and
declarations of interest, and publishing, approving and releasing the minutes.

The model forms validate through the models' ``full_clean`` (ModelForm does), so a rule of
the record (an action needs an owner …) is shown beside the field it names."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from minuted.governance.models import Membership, Person
from minuted.record.models import Action, Decision, Declaration, InterestKind, MinuteItem
from minuted.staff.forms.govuk import GovukFormMixin


def _display_name(person: Person) -> str:
    return person.display_name


def _member_name(membership: Membership) -> str:
    return membership.person.display_name


class MinuteItemForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = MinuteItem
        fields = ["introduced_by", "discussion", "decisions_confidential"]
        labels = {
            "introduced_by": "Introduced by",
            "discussion": "Discussion",
            "decisions_confidential": "Keep decisions confidential",
        }
        help_texts = {
            "introduced_by": "The officer or member who introduced the item, as they were named.",
            "discussion": "The points raised. You can use Markdown: a line starting with “- ” "
            "is a bullet point.",
            "decisions_confidential": "The public minutes say the decisions are kept "
            "confidential until the board releases them.",
        }
        widgets = {"discussion": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args: Any, exempt: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not exempt:
            del self.fields["decisions_confidential"]


class DecisionForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["text", "recorded_vote", "casting_vote"]
        labels = {
            "text": "Decision",
            "recorded_vote": "A recorded vote was taken",
            "casting_vote": "Chair's casting vote",
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["required"] = "Enter the decision."
        casting = self.fields["casting_vote"]
        assert isinstance(casting, forms.ChoiceField)
        casting.choices = [("", "None"), ("for", "For"), ("against", "Against")]


class ActionForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Action
        fields = ["text", "owner_person", "owner_role", "due_on", "due_by_next_meeting"]
        labels = {
            "text": "Action",
            "owner_person": "Owner",
            "owner_role": "Or an officer role",
            "due_on": "Due date",
            "due_by_next_meeting": "By the next meeting",
        }
        help_texts = {
            "owner_role": "For example, “Officers” or “Head of Finance”.",
            "due_on": "For example, 2027-03-31.",
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["required"] = "Enter the action."
        owner = self.fields["owner_person"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = people
        owner.empty_label = "No one on the board"
        owner.label_from_instance = _display_name  # type: ignore[method-assign,assignment]
        owner.error_messages["invalid_choice"] = "Choose a current member of the board."
        self.fields["due_on"].error_messages["invalid"] = "Enter the due date as a real date."


class DeclarationForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Declaration
        fields = ["membership", "kind", "description", "left_the_room"]
        labels = {
            "membership": "Member",
            "kind": "Kind of interest",
            "description": "The interest",
            "left_the_room": "Left the room for the item",
        }
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, memberships: QuerySet[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        member = self.fields["membership"]
        assert isinstance(member, forms.ModelChoiceField)
        member.queryset = memberships
        member.empty_label = "Choose a member"
        member.label_from_instance = _member_name  # type: ignore[method-assign,assignment]
        member.error_messages["required"] = "Choose the member who declared the interest."
        member.error_messages["invalid_choice"] = "Choose a member of the board at the meeting."
        self.fields["kind"].error_messages["required"] = "Choose the kind of interest."
        self.fields["description"].error_messages["required"] = "Describe the interest."
        # A radio group's "blank" choice is not one to offer.
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = InterestKind.choices


class MinutesPublishForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why is a new version of the minutes being published?",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="For example: a correction to item 4.",
    )

    def __init__(self, *args: Any, needs_reason: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, prefix="publish", **kwargs)
        if not needs_reason:
            del self.fields["reason"]
        else:
            self.fields["reason"].required = True
            self.fields["reason"].error_messages["required"] = (
                "Say why a new version of the minutes is published."
            )


class ItemChoiceForm(GovukFormMixin, forms.Form):
    """Choose an agenda item of a later meeting (to approve the minutes, or release decisions
    there). The field is named as the service names it in its errors."""

    def __init__(
        self,
        *args: Any,
        field: str,
        label: str,
        choices: list[tuple[str, str]],
        prefix: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, prefix=prefix, **kwargs)
        self.fields[field] = forms.ChoiceField(
            label=label,
            choices=[("", "Choose an item"), *choices],
            error_messages={
                "required": "Choose the item of a later meeting.",
                "invalid_choice": "Choose an item of a later meeting of the board.",
            },
        )
        self.style_field(field)
