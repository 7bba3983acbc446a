"""Agenda numbering and the confidential section, as in the example pack."""

import pytest

from minuted.meetings.rules.agenda import (
    CONFIDENTIAL_END,
    CONFIDENTIAL_START,
    Entry,
    agenda_rows,
    effective_exemptions,
    number_agenda,
)

# The example pack: items 2-4 confidential, 1 and 5-10 public.
EXAMPLE = [Entry(key=n, exempt=n in (2, 3, 4)) for n in range(1, 11)]


def test_items_are_numbered_by_their_order():
    assert number_agenda(EXAMPLE) == {n: str(n) for n in range(1, 11)}


def test_sub_items_are_numbered_under_their_parent():
    entries = [Entry("a"), Entry("b"), Entry("b1", parent="b"), Entry("b2", parent="b"), Entry("c")]
    assert number_agenda(entries) == {"a": "1", "b": "2", "b1": "2.1", "b2": "2.2", "c": "3"}


def test_a_sub_item_must_follow_a_top_level_item():
    with pytest.raises(ValueError, match="does not follow"):
        number_agenda([Entry("x", parent="missing")])


def test_consecutive_exempt_items_form_one_confidential_section():
    rows = agenda_rows(EXAMPLE)
    printed = [r.marker or r.number for r in rows]
    assert printed == [
        "1",
        CONFIDENTIAL_START,
        "2",
        "3",
        "4",
        CONFIDENTIAL_END,
        "5",
        "6",
        "7",
        "8",
        "9",
        "10",
    ]


def test_separate_runs_of_exempt_items_get_their_own_markers():
    entries = [Entry(1, exempt=True), Entry(2), Entry(3, exempt=True)]
    printed = [r.marker or r.number for r in agenda_rows(entries)]
    assert printed == [
        CONFIDENTIAL_START,
        "1",
        CONFIDENTIAL_END,
        "2",
        CONFIDENTIAL_START,
        "3",
        CONFIDENTIAL_END,
    ]


def test_sub_items_of_an_exempt_item_are_exempt_and_inside_its_section():
    entries = [Entry("a", exempt=True), Entry("a1", parent="a"), Entry("b")]
    assert effective_exemptions(entries) == {"a": True, "a1": True, "b": False}
    printed = [r.marker or r.number for r in agenda_rows(entries)]
    assert printed == [CONFIDENTIAL_START, "1", "1.1", CONFIDENTIAL_END, "2"]
