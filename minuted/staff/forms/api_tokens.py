"""A new API token, as its owner asks for one: what it is for, and the board it may write to."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from minuted.governance.models import Board
from minuted.staff.forms.govuk import GovukFormMixin


class BoardField(forms.ModelChoiceField):
    """A board by uid; anything that is not one's uid is "not a choice", in the form's words
    (rather than the uid field's "is not a valid UUID")."""

    def to_python(self, value: Any) -> Any:
        try:
            return super().to_python(value)
        except ValidationError:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None


class NewTokenForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        label="What is the token for?",
        max_length=100,
        help_text="So you can tell your tokens apart, for example “Committee import script”.",
        error_messages={
            "required": "Say what the token is for.",
            "max_length": "Say what the token is for in 100 characters or fewer.",
        },
    )
    board = BoardField(
        label="Board",
        queryset=Board.objects.all(),
        to_field_name="uid",
        empty_label="Choose a board",
        help_text="The token may change this board's meetings, agendas, attendance and minutes, "
        "and nothing of any other board.",
        error_messages={
            "required": "Choose the board the token is for.",
            "invalid_choice": "Choose one of the boards in the list.",
        },
    )

    def __init__(self, *args: Any, boards: list[Board], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Offer only the boards the user may have a token for. Any existing board is accepted,
        # so that the view asks the policy of a board that was not offered and answers 403.
        field: Any = self.fields["board"]
        field.choices = [("", "Choose a board"), *((str(b.uid), b.name) for b in boards)]
        if len(boards) == 1:
            self.initial.setdefault("board", str(boards[0].uid))
