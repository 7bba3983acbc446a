"""Property tests of the rule functions that had none (issue 6): the quorum (governance/rules/
quorum.py, domain-rules.md §3) and agenda numbering with its confidential sections
(meetings/rules/agenda.py, domain-rules.md §2). The seats, clear days, actions, votes and
attendance rules have theirs beside their example tests."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from minuted.governance.rules.quorum import (
    Attendee,
    QuorumRule,
    check_quorum,
    quorum_required,
)
from minuted.meetings.rules.agenda import (
    CONFIDENTIAL_END,
    CONFIDENTIAL_START,
    Entry,
    agenda_rows,
    effective_exemptions,
    number_agenda,
)

RULES = settings(max_examples=200, deadline=None)


@st.composite
def rules(draw: Any) -> QuorumRule:
    denominator = draw(st.integers(1, 12))
    return QuorumRule(
        numerator=draw(st.integers(1, denominator)),
        denominator=denominator,
        minimum_headcount=draw(st.none() | st.integers(0, 40)),
        minimum_groups=draw(st.integers(0, 4)),
        observers_count=draw(st.booleans()),
    )


@RULES
@given(rule=rules(), voting=st.integers(0, 200), observers=st.integers(0, 20))
def test_the_quorum_is_the_fraction_rounded_up_or_the_minimum_head_count(
    rule: QuorumRule, voting: int, observers: int
):
    required = quorum_required(rule, voting, observers)
    total = voting + observers if rule.observers_count else voting
    assert required.membership_total == total
    by_fraction = math.ceil(total * rule.numerator / rule.denominator)
    assert required.required == max(by_fraction, rule.minimum_headcount or 0)
    # The fraction is met, and one fewer would not meet it.
    assert required.required * rule.denominator >= total * rule.numerator
    if required.required == by_fraction and by_fraction > 0:
        assert (by_fraction - 1) * rule.denominator < total * rule.numerator


@RULES
@given(rule=rules(), voting=st.integers(0, 200), more=st.integers(0, 50))
def test_a_larger_board_never_needs_fewer_members_present(rule: QuorumRule, voting: int, more: int):
    assert quorum_required(rule, voting + more).required >= quorum_required(rule, voting).required


@RULES
@given(
    numerator=st.integers(-3, 15),
    denominator=st.integers(-3, 15),
    headcount=st.none() | st.integers(-3, 3),
    groups=st.integers(-3, 3),
    voting=st.integers(-3, 30),
)
def test_an_impossible_rule_or_count_is_a_value_error_never_a_wrong_answer(
    numerator: int, denominator: int, headcount: int | None, groups: int, voting: int
):
    rule = QuorumRule(numerator, denominator, headcount, groups)
    possible = (
        denominator > 0
        and 0 < numerator <= denominator
        and (headcount is None or headcount >= 0)
        and groups >= 0
        and voting >= 0
    )
    try:
        quorum_required(rule, voting)
    except ValueError as error:
        assert not possible and str(error)
    else:
        assert possible


attendees = st.lists(
    st.builds(
        Attendee,
        key=st.sampled_from([f"m{n}" for n in range(12)]),
        political_group=st.none() | st.sampled_from(["Con", "Lab", "LD", "Ind"]),
        counts=st.booleans(),
    ),
    max_size=20,
)


@RULES
@given(rule=rules(), voting=st.integers(0, 30), present=attendees, joining=attendees)
def test_more_members_arriving_never_makes_an_item_inquorate(
    rule: QuorumRule, voting: int, present: list[Attendee], joining: list[Attendee]
):
    requirement = quorum_required(rule, voting)
    # Newcomers with keys of their own, counting, in a group already present or a new one.
    keys = {a.key for a in present}
    newcomers = [
        Attendee(f"new-{a.key}", a.political_group, True) for a in joining if a.key not in keys
    ]
    before = check_quorum(requirement, present)
    after = check_quorum(requirement, [*present, *newcomers])
    assert after.present >= before.present
    assert set(after.groups_present) >= set(before.groups_present)
    if before.quorate:
        assert after.quorate


@RULES
@given(rule=rules(), voting=st.integers(0, 30), present=attendees, data=st.data())
def test_the_quorum_does_not_depend_on_the_order_the_register_lists_members(
    rule: QuorumRule, voting: int, present: list[Attendee], data: Any
):
    # One entry per member, so that "the first entry's group" is the same in any order.
    assume(len({a.key for a in present}) == len(present))
    shuffled = data.draw(st.permutations(present))
    requirement = quorum_required(rule, voting)
    assert check_quorum(requirement, present) == check_quorum(requirement, shuffled)


@RULES
@given(rule=rules(), voting=st.integers(0, 30), present=attendees)
def test_only_distinct_counting_members_are_counted(
    rule: QuorumRule, voting: int, present: list[Attendee]
):
    result = check_quorum(quorum_required(rule, voting), present)
    not_counting = {a.key for a in present if not a.counts}
    assert result.present == len({a.key for a in present} - not_counting)
    assert result.quorate == (
        result.present >= result.required and len(result.groups_present) >= result.minimum_groups
    )
    assert result.reasons


@st.composite
def agendas(draw: Any) -> list[Entry]:
    """Agendas in order: top-level items, each followed by its sub-items."""
    entries: list[Entry] = []
    for top in range(draw(st.integers(0, 12))):
        entries.append(Entry(key=f"i{top}", exempt=draw(st.booleans())))
        for sub in range(draw(st.integers(0, 3))):
            entries.append(Entry(key=f"i{top}.{sub}", parent=f"i{top}", exempt=draw(st.booleans())))
    return entries


@RULES
@given(entries=agendas())
def test_every_item_gets_one_number_and_numbers_follow_the_order(entries: list[Entry]):
    numbers = number_agenda(entries)
    assert set(numbers) == {e.key for e in entries}
    assert len(set(numbers.values())) == len(entries)
    tops = [numbers[e.key] for e in entries if e.parent is None]
    assert tops == [str(n) for n in range(1, len(tops) + 1)]
    for entry in entries:
        if entry.parent is not None:
            assert numbers[entry.key].startswith(numbers[entry.parent] + ".")


@RULES
@given(entries=agendas())
def test_confidential_markers_pair_up_around_exactly_the_exempt_items(entries: list[Entry]):
    """Each run of exempt top-level items sits between a start and an end marker, and a
    sub-item goes where its parent is."""
    rows = agenda_rows(entries)
    by_key = {e.key: e for e in entries}
    markers = [r.marker for r in rows if r.marker]
    assert markers == [CONFIDENTIAL_START, CONFIDENTIAL_END] * (len(markers) // 2)
    inside = False
    placed: dict[Any, bool] = {}
    for row in rows:
        if row.marker == CONFIDENTIAL_START:
            inside = True
        elif row.marker == CONFIDENTIAL_END:
            inside = False
        else:
            entry = by_key[row.key]
            placed[row.key] = inside
            if entry.parent is None:
                assert inside == entry.exempt
            else:
                assert inside == placed[entry.parent]
    assert [r.key for r in rows if not r.marker] == [e.key for e in entries]
    # A sub-item of an exempt item is exempt too, wherever it is printed.
    exempt = effective_exemptions(entries)
    assert all(exempt[e.key] for e in entries if e.parent is not None and by_key[e.parent].exempt)


@RULES
@given(entries=agendas())
def test_a_sub_item_before_its_parent_is_refused(entries: list[Entry]):
    assume(any(e.parent is not None for e in entries))
    child = next(e for e in entries if e.parent is not None)
    reordered = [child, *(e for e in entries if e is not child)]
    try:
        number_agenda(reordered)
    except ValueError as error:
        assert repr(child.key) in str(error)
    else:
        raise AssertionError("a sub-item before its parent was numbered")
