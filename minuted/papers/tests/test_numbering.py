"""Report paragraphs are numbered across the whole report, as in the example's reports."""

import pytest

from minuted.papers.numbering import Para, number_paragraphs


def test_numbering_runs_on_across_sections_with_sub_paragraphs():
    # "Priorities and work programme": 1-3 in Background, 4 with 4.1-4.5, then 5 …
    paras = [Para(1), Para(2), Para(3), Para(4)]
    paras += [Para(f"4.{i}", parent=4) for i in range(1, 6)]
    paras += [Para(5)]
    numbers = number_paragraphs(paras)
    assert [numbers[p.key] for p in paras] == [
        "1",
        "2",
        "3",
        "4",
        "4.1",
        "4.2",
        "4.3",
        "4.4",
        "4.5",
        "5",
    ]


def test_tables_are_not_numbered_and_do_not_take_a_number():
    numbers = number_paragraphs([Para("a"), Para("t", numbered=False), Para("b")])
    assert numbers == {"a": "1", "t": None, "b": "2"}


def test_a_sub_paragraph_needs_a_numbered_parent():
    with pytest.raises(ValueError):
        number_paragraphs([Para("t", numbered=False), Para("x", parent="t")])
