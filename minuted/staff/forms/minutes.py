"""Forms of the clerk's minutes screen: an item's minute, its decisions (and their recorded
votes), actions and declarations of interest (with any dispensation), and publishing,
approving and releasing the minutes.

The model forms validate through the models' ``full_clean`` (ModelForm does), so a rule of
the record (an action needs an owner …) is shown beside the field it names."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet

from minuted.core.concurrency import opened_token
from minuted.governance.models import Membership, Person
from minuted.record.editing import vote_field
from minuted.record.models import Action, Decision, Declaration, InterestKind, MinuteItem
from minuted.record.rules.votes import Vote
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

    # The saved state the form was opened on (optimistic locking, core/concurrency.py).
    opened = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, exempt: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opened"].initial = opened_token(self.instance)
        if not exempt:
            del self.fields["decisions_confidential"]


class DecisionForm(GovukFormMixin, forms.ModelForm):
    """A decision's words; a recorded vote is recorded with :class:`VoteForm`."""

    class Meta:
        model = Decision
        fields = ["text"]
        labels = {"text": "Decision"}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["required"] = "Enter the decision."


VOTE_CHOICES = [
    (Vote.FOR.value, "For"),
    (Vote.AGAINST.value, "Against"),
    (Vote.ABSTAIN.value, "Abstain"),
    ("", "Did not vote"),
]


class VoteForm(GovukFormMixin, forms.Form):
    """How each member who may vote at the item voted on one decision, and the chair's
    casting vote. One radio group per member, named by :func:`vote_field`.

    ``voters`` may vote at the item. Members in ``seats`` (everyone on the board at the
    meeting) who are not voters get a field only when they already have a vote on record or
    one is posted for them, so that the refusal is shown beside their name."""

    def __init__(
        self,
        *args: Any,
        decision: Decision,
        voters: Sequence[Membership],
        seats: Iterable[Membership],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        recorded = {v.membership_id: v.vote for v in decision.votes.all()}
        voter_ids = {m.pk for m in voters}
        posted = set()
        if self.data:
            posted = {
                m.pk
                for m in seats
                if m.pk not in voter_ids and self.data.get(self.add_prefix(vote_field(m.pk)))
            }
        others = [
            m for m in seats if m.pk not in voter_ids and (m.pk in recorded or m.pk in posted)
        ]
        self.members: list[tuple[str, Membership]] = []
        for membership in [*voters, *others]:
            name = vote_field(membership.pk)
            self.fields[name] = forms.ChoiceField(
                label=membership.person.display_name,
                choices=VOTE_CHOICES,
                required=False,
                initial=recorded.get(membership.pk, ""),
                widget=forms.RadioSelect,
            )
            self.style_field(name)
            self.members.append((name, membership))
        self.fields["casting_vote"] = forms.ChoiceField(
            label="Chair’s casting vote",
            choices=[("", "None"), (Vote.FOR.value, "For"), (Vote.AGAINST.value, "Against")],
            required=False,
            initial=decision.casting_vote,
            help_text="Only when the votes for and against are equal.",
            widget=forms.RadioSelect,
        )
        self.style_field("casting_vote")

    def member_fields(self) -> list[forms.BoundField]:
        return [self[name] for name, _ in self.members]

    def votes(self) -> dict[int, str]:
        return {m.pk: self.cleaned_data.get(name, "") for name, m in self.members}


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
        if self.instance.owner_person_id:  # still offered if they have left the board
            people = people | Person.objects.filter(pk=self.instance.owner_person_id)
        owner.queryset = people
        owner.empty_label = "No one on the board"
        owner.label_from_instance = _display_name  # type: ignore[method-assign,assignment]
        owner.error_messages["invalid_choice"] = "Choose a current member of the board."
        self.fields["due_on"].error_messages["invalid"] = "Enter the due date as a real date."


class DeclarationForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Declaration
        fields = [
            "membership",
            "kind",
            "description",
            "left_the_room",
            "dispensation_granted_on",
            "dispensation_grounds",
            "dispensation_expires_on",
        ]
        labels = {
            "membership": "Member",
            "kind": "Kind of interest",
            "description": "The interest",
            "left_the_room": "Left the room for the item",
            "dispensation_granted_on": "Dispensation granted on",
            "dispensation_grounds": "Grounds for the dispensation",
            "dispensation_expires_on": "Dispensation expires on",
        }
        help_texts = {
            "dispensation_granted_on": "By the monitoring officer or the standards committee "
            "(Localism Act 2011 s.33). For example, 2025-03-31.",
            "dispensation_expires_on": "At most four years after it was granted.",
        }
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 2}),
            "dispensation_granted_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "dispensation_grounds": forms.Textarea(attrs={"rows": 2}),
            "dispensation_expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
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
        for name in ("dispensation_granted_on", "dispensation_expires_on"):
            self.fields[name].error_messages["invalid"] = "Enter a real date, like 2027-03-31."

    def clean(self) -> dict[str, Any]:
        """What the model's own check leaves open: an expiry date alone, or one before the
        grant. (The model refuses a dispensation of more than four years.)"""
        super().clean()
        data = self.cleaned_data
        granted = data.get("dispensation_granted_on")
        expires = data.get("dispensation_expires_on")
        if expires and not granted and not data.get("dispensation_grounds", "").strip():
            self.add_error(
                "dispensation_granted_on", "Give when the dispensation was granted, and why."
            )
        elif granted and expires and expires < granted:
            self.add_error(
                "dispensation_expires_on", "A dispensation expires after it was granted."
            )
        return data


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
