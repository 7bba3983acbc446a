"""Paragraph numbering across a report (no Django): 1., 2. …, sub-paragraphs 4.1, 4.2 …,
counted through every section in order, as the example pack's reports are numbered.
Tables are not numbered."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Para:
    key: Hashable
    parent: Hashable | None = None
    numbered: bool = True  # False for a table


def number_paragraphs(paragraphs: Sequence[Para]) -> dict[Hashable, str | None]:
    """Paragraphs in reading order (all sections); a sub-paragraph follows its parent."""
    numbers: dict[Hashable, str | None] = {}
    top = 0
    children: dict[Hashable, int] = {}
    for p in paragraphs:
        if not p.numbered:
            numbers[p.key] = None
        elif p.parent is None:
            top += 1
            numbers[p.key] = str(top)
        else:
            parent_number = numbers.get(p.parent)
            if parent_number is None or "." in parent_number:
                raise ValueError(f"sub-paragraph {p.key!r} does not follow a numbered paragraph")
            children[p.parent] = children.get(p.parent, 0) + 1
            numbers[p.key] = f"{parent_number}.{children[p.parent]}"
    return numbers
