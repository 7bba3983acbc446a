"""CSV cells that a spreadsheet shows as text.

A cell a spreadsheet would read as a formula (it starts with =, +, -, @, a tab or a carriage
return) is written with a leading apostrophe, so opening a download never runs anything
(OWASP, "CSV injection"); reading a file back, ``read_cell`` takes the apostrophe off again."""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A text cell a spreadsheet will show as text; numbers pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def read_cell(value: str) -> str:
    """The text ``safe_cell`` was given."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value
