"""Quorum (domain rules §3, summarised in docs/rules.md).

A board's quorum rule and the attendance at one point of a meeting in; whether it is quorate,
with the arithmetic in words, out. No Django, no database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from minuted.governance.rules.wording import fraction_words, plural


@dataclass(frozen=True)
class QuorumRule:
    """A board's quorum rule (domain-rules.md §3).

    A fraction of the membership, rounded up; an optional minimum head count; and a minimum
    number of distinct political groups among those present. Defaults follow the example
    pack's terms of reference: one third, at least 2 groups, observers not counted towards the
    membership. (One quarter is the statutory minimum for a principal council.)
    """

    numerator: int = 1
    denominator: int = 3
    minimum_headcount: int | None = None
    minimum_groups: int = 2
    observers_count: bool = False


@dataclass(frozen=True)
class QuorumRequirement:
    """What a meeting needs to be quorate, with the arithmetic spelt out.

    ``observers_count`` records whether observers were included in ``membership_total`` so that
    :meth:`summary` can use the right words.
    """

    membership_total: int
    required: int
    minimum_groups: int
    explanation: str
    observers_count: bool = False

    def summary(self) -> str:
        """One line for the UI, e.g. "6 of 18 voting members, from at least 2 political groups"."""
        members = "members including observers" if self.observers_count else "voting members"
        text = f"{self.required} of {self.membership_total} {members}"
        if self.minimum_groups > 0:
            groups = plural(self.minimum_groups, "political group")
            text += f", from at least {groups}"
        return text


def _validate_rule(rule: QuorumRule) -> None:
    if rule.denominator <= 0:
        raise ValueError(f"quorum fraction denominator must be positive, got {rule.denominator}")
    if not 0 < rule.numerator <= rule.denominator:
        raise ValueError(
            "quorum fraction must be more than nothing and at most the whole membership, "
            f"got {rule.numerator}/{rule.denominator}"
        )
    if rule.minimum_headcount is not None and rule.minimum_headcount < 0:
        raise ValueError(f"minimum head count cannot be negative, got {rule.minimum_headcount}")
    if rule.minimum_groups < 0:
        raise ValueError(
            f"minimum number of political groups cannot be negative, got {rule.minimum_groups}"
        )


def quorum_required(rule: QuorumRule, voting_members: int, observers: int = 0) -> QuorumRequirement:
    """Work out the quorum for a board (domain-rules.md §3).

    Source: the example pack's terms of reference (one third of the members, at least two
    political groups); Local Government Act 1972 Sch.12 para 6 for the one-quarter minimum of a
    principal council.

    The fraction is taken of the voting members; when ``rule.observers_count`` is set it is
    taken of voting members plus observers instead. The fraction is rounded **up** using integer
    arithmetic only (``ceil(total * numerator / denominator)``), and the result is then raised
    to ``rule.minimum_headcount`` when that is larger. A board with no members needs 0.

    Worked example (§3): 22 places including 4 observers, so 18 voting members; one third of 18
    is 6; quorate with 6 voting members present from at least 2 groups.

    Raises ``ValueError`` for an impossible rule (denominator <= 0, numerator outside
    ``1..denominator``, a negative minimum) or negative member counts.
    """
    _validate_rule(rule)
    if voting_members < 0:
        raise ValueError(f"number of voting members cannot be negative, got {voting_members}")
    if observers < 0:
        raise ValueError(f"number of observers cannot be negative, got {observers}")

    total = voting_members + observers if rule.observers_count else voting_members
    members = "members including observers" if rule.observers_count else "voting members"
    by_fraction = -(-total * rule.numerator // rule.denominator)  # ceiling, integers only
    rounded = by_fraction * rule.denominator != total * rule.numerator
    required = max(by_fraction, rule.minimum_headcount or 0)

    fraction = fraction_words(rule.numerator, rule.denominator)
    explanation = f"{fraction} of {total} {members} is {by_fraction}"
    if rounded:
        explanation += " (rounded up)"
    if required > by_fraction:
        explanation += f"; the minimum head count of {required} applies, so {required} are needed"
    if required > total:
        explanation += f" (more than the {total} {members}, so the meeting cannot be quorate)"
    if rule.minimum_groups > 0:
        groups = plural(rule.minimum_groups, "political group")
        explanation += f"; at least {groups}"
    else:
        explanation += "; no minimum number of political groups"

    return QuorumRequirement(
        membership_total=total,
        required=required,
        minimum_groups=rule.minimum_groups,
        explanation=explanation,
        observers_count=rule.observers_count,
    )


@dataclass(frozen=True)
class Attendee:
    """Someone in the room for an item (domain-rules.md §3).

    ``counts`` is False for observers and for a member who has left for the item because of a
    disclosable pecuniary interest. Substitutes attending in a member's place count.
    ``political_group`` is None for a member in no group: they count towards the head count but
    do not add a political group.
    """

    key: str
    political_group: str | None
    counts: bool = True


@dataclass(frozen=True)
class QuorumResult:
    """Whether an item is quorate, and why."""

    quorate: bool
    present: int
    groups_present: tuple[str, ...]
    required: int
    minimum_groups: int
    reasons: tuple[str, ...]


def _group_list(groups: Sequence[str]) -> str:
    return f"{plural(len(groups), 'group')} ({', '.join(groups)})" if groups else "no group"


def check_quorum(requirement: QuorumRequirement, attendees: Iterable[Attendee]) -> QuorumResult:
    """Decide whether an item is quorate (domain-rules.md §3).

    Source: the example pack's terms of reference, as set out in domain-rules.md §3. Quorum is
    evaluated per item, so pass the people present for that item.

    Only attendees with ``counts=True`` are counted (observers and members who left for a
    disclosable pecuniary interest are not). Attendees are identified by ``key``: a key listed
    more than once is counted once, and if any of its entries says it does not count, it does
    not count (the cautious reading when, say, a member is listed as present and as having left
    for an interest). Its political group is taken from its first entry.

    The item is quorate when the number counted reaches ``requirement.required`` and the
    counted members come from at least ``requirement.minimum_groups`` distinct political
    groups. Members in no group count towards the head count only.
    """
    first_group: dict[str, str | None] = {}
    excluded: set[str] = set()
    for attendee in attendees:
        first_group.setdefault(attendee.key, attendee.political_group)
        if not attendee.counts:
            excluded.add(attendee.key)

    counted = [key for key in first_group if key not in excluded]
    groups_present = tuple(
        sorted({group for key in counted if (group := first_group[key]) is not None})
    )
    present = len(counted)
    enough_people = present >= requirement.required
    enough_groups = len(groups_present) >= requirement.minimum_groups

    reasons: list[str] = []
    if enough_people and enough_groups:
        reasons.append(
            f"{present} of {requirement.required} needed present, "
            f"from {_group_list(groups_present)}"
        )
    if not enough_people:
        reasons.append(
            f"{plural(present, 'counted member')} present; {requirement.required} needed"
        )
    if not enough_groups:
        reasons.append(
            f"counted members present from {_group_list(groups_present)}; "
            f"at least {plural(requirement.minimum_groups, 'political group')} needed"
        )
    if excluded:
        reasons.append(
            f"{plural(len(excluded), 'attendee')} not counted "
            "(observers, or members who left for an interest)"
        )

    return QuorumResult(
        quorate=enough_people and enough_groups,
        present=present,
        groups_present=groups_present,
        required=requirement.required,
        minimum_groups=requirement.minimum_groups,
        reasons=tuple(reasons),
    )
