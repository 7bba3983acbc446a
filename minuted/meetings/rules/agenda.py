"""Agenda numbering and confidential sections (no Django).

Items are numbered by their order: top-level items 1, 2, 3 …, sub-items under their parent
5.1, 5.2 … . Consecutive exempt top-level items form one "confidential section", printed
between start and end markers as in the example pack (domain rules §2)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

CONFIDENTIAL_START = "CONFIDENTIAL SECTION - START"
CONFIDENTIAL_END = "CONFIDENTIAL SECTION - END"


@dataclass(frozen=True)
class Entry:
    key: Hashable
    parent: Hashable | None = None  # the key of a top-level entry, for a sub-item
    exempt: bool = False


@dataclass(frozen=True)
class Row:
    """One line of the printed agenda: an item with its number, or a section marker."""

    key: Hashable | None
    number: str
    marker: str = ""


def number_agenda(entries: Sequence[Entry]) -> dict[Hashable, str]:
    """Numbers for entries given in agenda order. A sub-item must follow its parent."""
    numbers: dict[Hashable, str] = {}
    top = 0
    children: dict[Hashable, int] = {}
    for entry in entries:
        if entry.parent is None:
            top += 1
            numbers[entry.key] = str(top)
        else:
            if entry.parent not in numbers or "." in numbers[entry.parent]:
                raise ValueError(f"sub-item {entry.key!r} does not follow a top-level parent")
            children[entry.parent] = children.get(entry.parent, 0) + 1
            numbers[entry.key] = f"{numbers[entry.parent]}.{children[entry.parent]}"
    return numbers


def agenda_rows(entries: Sequence[Entry]) -> list[Row]:
    """The agenda as printed: numbered items, with a start marker before each run of exempt
    top-level items and an end marker after it. A sub-item belongs to its parent's run, and is
    exempt if it or its parent is."""
    numbers = number_agenda(entries)
    rows: list[Row] = []
    in_section = False
    for entry in entries:
        if entry.parent is None:
            if entry.exempt and not in_section:
                rows.append(Row(key=None, number="", marker=CONFIDENTIAL_START))
                in_section = True
            elif not entry.exempt and in_section:
                rows.append(Row(key=None, number="", marker=CONFIDENTIAL_END))
                in_section = False
        rows.append(Row(key=entry.key, number=numbers[entry.key]))
    if in_section:
        rows.append(Row(key=None, number="", marker=CONFIDENTIAL_END))
    return rows


def effective_exemptions(entries: Sequence[Entry]) -> dict[Hashable, bool]:
    """A sub-item of an exempt item is exempt too: nothing under a confidential item leaks."""
    exempt_parents = {e.key for e in entries if e.parent is None and e.exempt}
    return {e.key: e.exempt or e.parent in exempt_parents for e in entries}
