"""Political balance of seats (domain rules §4, summarised in docs/rules.md).

Local Government and Housing Act 1989 s.15(5): council group sizes and committee sizes in;
seats per committee and group, with the principles applied in words, out. No Django.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from minuted.governance.rules.wording import decimal_text, plural, round_half_up

UNGROUPED = "ungrouped"
"""Key used for members who belong to no political group (domain-rules.md §4)."""


@dataclass(frozen=True)
class SeatAllocation:
    """Seats per committee and group, and how the s.15(5) principles were applied.

    ``seats`` maps committee -> group -> seats, in input order, with every group (and
    :data:`UNGROUPED`) present even when it holds no seats. ``group_totals`` maps each group
    (and :data:`UNGROUPED`) to its seats across all committees; they add up to the total number
    of seats.
    """

    seats: dict[str, dict[str, int]]
    group_totals: dict[str, int]
    majority_group: str | None
    reasons: tuple[str, ...]


def _validate_council(
    groups: Mapping[str, int], ungrouped: int, committees: Mapping[str, int]
) -> None:
    for name, members in groups.items():
        if name == UNGROUPED:
            raise ValueError(
                f"{UNGROUPED!r} is reserved for members in no group; rename that group"
            )
        if members < 0:
            raise ValueError(f"group {name!r} has {members} members; counts cannot be negative")
    if ungrouped < 0:
        raise ValueError(f"members in no group cannot be negative, got {ungrouped}")
    if sum(groups.values()) + ungrouped == 0:
        raise ValueError("the council has no sitting members to allocate seats to")
    if not committees:
        raise ValueError("at least one committee is needed to allocate seats")
    for name, size in committees.items():
        if size <= 0:
            raise ValueError(f"committee {name!r} has {size} seats; it needs at least one")


def _most_above_share(
    candidates: Iterable[str], totals: Mapping[str, int], exact: Mapping[str, Fraction]
) -> str:
    """The candidate furthest above (or least below) its exact share; first wins ties.

    For groups that were rounded up this is the one with the smallest fractional remainder.
    """
    return max(candidates, key=lambda name: totals[name] - exact[name])


def _most_below_share(
    candidates: Iterable[str], totals: Mapping[str, int], exact: Mapping[str, Fraction]
) -> str:
    """The candidate furthest below its exact share (largest remainder); first wins ties."""
    return min(candidates, key=lambda name: totals[name] - exact[name])


def _flow_within(
    sizes: Sequence[int],
    totals: Sequence[int],
    lower: Sequence[Sequence[int]],
    upper: Sequence[Sequence[int]],
) -> list[list[int]] | None:
    """Integer matrix with row sums ``sizes`` and column sums ``totals``, ``lower <= x <=
    upper`` cell by cell, closest in least squares to the proportional ideal
    ``sizes[r] * totals[c] / sum(sizes)``; None when the bounds admit no such matrix.

    Solved exactly as a convex-cost flow (source -> committee -> group -> sink) by successive
    shortest paths, one seat at a time, with Bellman-Ford (arc costs can be negative). Arc costs
    are the marginal squared error scaled by the seat total, so all arithmetic is on integers
    and the result is deterministic. Starting from ``lower`` there is no residual cycle, so each
    step keeps the partial matrix optimal; if no path is left before every seat is placed, the
    bounds are infeasible.
    """
    rows, cols = len(sizes), len(totals)
    seats_total = sum(sizes)
    x = [list(row) for row in lower]
    if any(sum(x[r]) > sizes[r] for r in range(rows)) or any(
        sum(x[r][c] for r in range(rows)) > totals[c] for c in range(cols)
    ):
        return None
    ideal_scaled = [[2 * sizes[r] * totals[c] for c in range(cols)] for r in range(rows)]

    def cost_up(r: int, c: int) -> int:  # cost of giving cell (r, c) one more seat
        return seats_total * (2 * x[r][c] + 1) - ideal_scaled[r][c]

    def cost_down(r: int, c: int) -> int:  # cost of taking one seat back from cell (r, c)
        return ideal_scaled[r][c] - seats_total * (2 * x[r][c] - 1)

    # Nodes: 0 source, 1..rows committees, rows+1..rows+cols groups, rows+cols+1 sink.
    source, sink = 0, rows + cols + 1
    remaining = seats_total - sum(map(sum, x))
    for _ in range(remaining):
        row_used = [sum(x[r]) for r in range(rows)]
        col_used = [sum(x[r][c] for r in range(rows)) for c in range(cols)]
        edges: list[tuple[int, int, int]] = []
        for r in range(rows):
            if row_used[r] < sizes[r]:
                edges.append((source, 1 + r, 0))
            for c in range(cols):
                if x[r][c] < upper[r][c]:
                    edges.append((1 + r, 1 + rows + c, cost_up(r, c)))
                if x[r][c] > lower[r][c]:
                    edges.append((1 + rows + c, 1 + r, cost_down(r, c)))
        for c in range(cols):
            if col_used[c] < totals[c]:
                edges.append((1 + rows + c, sink, 0))

        distance: list[int | None] = [None] * (sink + 1)
        previous = [-1] * (sink + 1)
        distance[source] = 0
        for _pass in range(sink + 1):
            changed = False
            for start, end, cost in edges:
                start_distance = distance[start]
                if start_distance is None:
                    continue
                end_distance = distance[end]
                if end_distance is None or start_distance + cost < end_distance:
                    distance[end] = start_distance + cost
                    previous[end] = start
                    changed = True
            if not changed:
                break
        if distance[sink] is None:
            return None

        node = previous[sink]
        while previous[node] != source:
            before = previous[node]
            if 1 <= before <= rows:  # committee -> group: one more seat
                x[before - 1][node - 1 - rows] += 1
            else:  # group -> committee: one seat fewer
                x[node - 1][before - 1 - rows] -= 1
            node = before
    return x


def _round_matrix(
    sizes: Sequence[int],
    totals: Sequence[int],
    lower: Sequence[Sequence[int]],
    upper: Sequence[Sequence[int]],
) -> tuple[list[list[int]], int]:
    """Share each committee's seats in proportion to the group totals (principle (d)).

    First every cell is held to its proportional share rounded down or up; within that band
    least squares is the same as largest remainders first, subject to every committee and
    every group total adding up. If the (a) and (b) limits make that impossible, the band is
    widened by one seat either way at a time until a solution exists (the last band is the
    limits themselves, which the totals are chosen to satisfy). Returns the matrix and the
    widening used (0 when every cell is its share rounded down or up).
    """
    seats_total = sum(sizes)
    widest = max(sizes)
    for slack in range(widest + 1):
        band_lower = [
            [
                max(lower[r][c], sizes[r] * totals[c] // seats_total - slack)
                for c in range(len(totals))
            ]
            for r in range(len(sizes))
        ]
        band_upper = [
            [
                min(upper[r][c], -(-sizes[r] * totals[c] // seats_total) + slack)
                for c in range(len(totals))
            ]
            for r in range(len(sizes))
        ]
        if any(
            lo > hi
            for lo_row, hi_row in zip(band_lower, band_upper, strict=True)
            for lo, hi in zip(lo_row, hi_row, strict=True)
        ):
            continue
        matrix = _flow_within(sizes, totals, band_lower, band_upper)
        if matrix is not None:
            return matrix, slack
    raise RuntimeError("no seat allocation satisfies the constraints")  # pragma: no cover


def allocate_seats(
    groups: Mapping[str, int], ungrouped: int, committees: Mapping[str, int]
) -> SeatAllocation:
    """Allocate committee seats to political groups (domain-rules.md §4).

    Source: Local Government and Housing Act 1989 s.15(5), applied in priority order "so far
    as reasonably practicable":

    (a) not all the seats on a body go to one group;
    (b) a group with a majority of the whole council has a majority on every body;
    (c) each group's share of all the seats combined equals its share of the council;
    (d) subject to those, each group's share of each body's seats is the same.

    ``groups`` gives the sitting members of each group (vacancies excluded), ``ungrouped`` the
    members in no group and ``committees`` each committee's size (kept in input order).

    How it is done:

    * (c) Each group's total is its exact share of all seats rounded to the nearest whole
      number (halves up). Seats left over go to the members in no group; with no such members
      they go to the groups furthest below their exact share. If rounding gives the groups more
      seats than exist, seats are taken back from the group with the smallest fractional
      remainder (the one least above its share), one at a time.
    * (b) The majority group needs ``size // 2 + 1`` seats on each committee (on a committee of
      one, the seat; on a committee of two, one seat, because (a) comes first). If its (c) total
      is below the sum of those, (b) wins: the total is raised and the difference taken, a seat
      at a time, from whichever other group (or the ungrouped members) is furthest above its
      exact share.
    * (a) When the council has more than one group, or a group and members in no group, a
      group may hold at most ``size - 1`` seats on each committee of more than one seat. If a
      group's total exceeds what that allows, (a) wins over (c): the excess goes to the others,
      furthest below their share first. (Members in no group are not a political group, so
      (a) does not limit them.)
    * (d) With the totals fixed, each group's seats on each committee are its proportional
      share (``total * size / all seats``) rounded down or up, the extra seats going to the
      largest remainders, so that every committee and every group total adds up. This is solved
      exactly, as a small convex-cost flow, so it never dead-ends. Where the (a) and (b) limits
      make that impossible, the result is the closest allocation (least squares) within the
      limits that keeps every cell as near its share as possible. The result is deterministic.

    Not modelled: a group cannot fill more seats on one committee than it has members; the
    membership check elsewhere shows any resulting vacancy.

    Worked example (§4): council of 60 (A 36, B 15, C 6, ungrouped 3), committees of 12, 10, 8
    and 7 -> totals A 22, B 9, C 4, ungrouped 2; A holds 7, 6, 5 and 4.

    Raises ``ValueError`` for negative counts, a group named :data:`UNGROUPED`, a council with
    no members, no committees, or a committee without seats.
    """
    _validate_council(groups, ungrouped, committees)

    group_names = list(groups)
    columns = [*group_names, UNGROUPED]
    members = {**{name: groups[name] for name in group_names}, UNGROUPED: ungrouped}
    council = sum(members.values())
    sizes = dict(committees)
    seats_total = sum(sizes.values())
    with_members = [name for name in columns if members[name] > 0]
    others_exist = len(with_members) >= 2
    exact = {name: Fraction(seats_total * members[name], council) for name in columns}

    def label(name: str) -> str:
        return "members in no group" if name == UNGROUPED else name

    reasons: list[str] = []
    council_parts = [f"{name} {groups[name]}" for name in group_names]
    if ungrouped:
        council_parts.append(f"{ungrouped} in no group")
    reasons.append(
        f"Council of {plural(council, 'sitting member')} ({', '.join(council_parts)}); "
        f"{plural(seats_total, 'seat')} on {plural(len(sizes), 'committee')}."
    )

    # (c) totals in proportion to the council, rounded to the nearest whole number.
    totals = {name: round_half_up(exact[name]) for name in group_names}
    shares = ", ".join(
        f"{name} {decimal_text(exact[name])} -> {totals[name]}" for name in group_names
    )
    reasons.append(
        f"(c) Each group's share of {plural(seats_total, 'seat')}, rounded to the nearest whole "
        f"number: {shares or 'no groups'}."
    )
    allocated = sum(totals.values())
    if allocated > seats_total:
        taken: list[str] = []
        while sum(totals.values()) > seats_total:
            name = _most_above_share(group_names, totals, exact)
            totals[name] -= 1
            taken.append(name)
        totals[UNGROUPED] = 0
        reasons.append(
            f"(c) Rounding gave the groups {allocated} seats, more than the {seats_total} "
            f"available, so a seat was taken back from the group(s) with the smallest "
            f"fractional remainder: {', '.join(taken)}; none are left for members in no group."
        )
    elif ungrouped > 0:
        totals[UNGROUPED] = seats_total - allocated
        reasons.append(
            f"(c) The {plural(seats_total - allocated, 'seat')} left over "
            f"{'goes' if seats_total - allocated == 1 else 'go'} to the "
            f"{ungrouped} {'member' if ungrouped == 1 else 'members'} in no group."
        )
    else:
        totals[UNGROUPED] = 0
        given: list[str] = []
        while sum(totals.values()) < seats_total:
            name = _most_below_share([g for g in group_names if members[g] > 0], totals, exact)
            totals[name] += 1
            given.append(name)
        if given:
            reasons.append(
                f"(c) No members are outside a group, so the {plural(len(given), 'seat')} "
                f"left over after rounding went to the group(s) with the largest fractional "
                f"remainder: {', '.join(given)}."
            )

    # (b) a majority of the council means a majority on every committee.
    majority = next((name for name in group_names if 2 * members[name] > council), None)
    needs = {committee: 0 for committee in sizes}
    if majority is None:
        reasons.append("(b) No group has a majority of the council.")
    else:
        for committee, size in sizes.items():
            need = size // 2 + 1
            if need >= size and size > 1 and others_exist:
                need = size - 1  # (a) comes first: a committee of two is shared
            needs[committee] = need
        needed = sum(needs.values())
        listing = ", ".join(f"{committee} {need}" for committee, need in needs.items())
        reasons.append(
            f"(b) {majority} has a majority of the council ({members[majority]} of {council}), "
            f"so it needs a majority on every committee: {listing} = {needed}."
        )
        if any(size == 2 for size in sizes.values()) and others_exist:
            reasons.append(
                "(b) On a committee of two a majority would mean every seat, which (a) "
                "forbids, so the majority group has one seat there."
            )
        if totals[majority] < needed:
            before = totals[majority]
            taken = []
            while totals[majority] < needed:
                donors = [n for n in columns if n != majority and totals[n] > 0]
                donor = _most_above_share(donors, totals, exact)
                totals[donor] -= 1
                totals[majority] += 1
                taken.append(label(donor))
            reasons.append(
                f"(b) wins over (c): {majority}'s total is raised from {before} to {needed}, "
                f"taking a seat from each of, in turn (furthest above their share first): "
                f"{', '.join(taken)}."
            )
        else:
            reasons.append(f"(b) {majority}'s total of {totals[majority]} already covers this.")

    # (a) no group holds every seat on a committee of more than one seat.
    shared = [committee for committee, size in sizes.items() if size > 1]
    cap = seats_total - len(shared)
    if not others_exist:
        if with_members[0] == UNGROUPED:
            reasons.append("(a) Every member is outside a group, so no group can hold any seat.")
        else:
            reasons.append(
                f"(a) Only {with_members[0]} has members, so it holds every seat; (a) cannot apply."
            )
    elif not shared:
        reasons.append("(a) Every committee has a single seat, so (a) cannot apply.")
    elif shared:
        for name in group_names:
            if totals[name] <= cap:
                continue
            before = totals[name]
            given = []
            while totals[name] > cap:
                receivers = [
                    n for n in with_members if n != name and (n == UNGROUPED or totals[n] < cap)
                ]
                receiver = _most_below_share(receivers, totals, exact)
                totals[name] -= 1
                totals[receiver] += 1
                given.append(label(receiver))
            reasons.append(
                f"(a) wins over (c): {name} could otherwise hold every seat on a committee, so "
                f"its total is cut from {before} to {cap} and the seats go to "
                f"{', '.join(given)}."
            )
        reasons.append("(a) No group holds every seat on any committee of more than one seat.")

    # (d) each committee in proportion, within the (a) and (b) limits.
    committee_names = list(sizes)
    size_list = [sizes[committee] for committee in committee_names]
    lower = [
        [needs[committee] if name == majority else 0 for name in columns]
        for committee in committee_names
    ]
    upper = [
        [
            sizes[committee] - 1
            if others_exist and sizes[committee] > 1 and name != UNGROUPED
            else sizes[committee]
            for name in columns
        ]
        for committee in committee_names
    ]
    matrix, slack = _round_matrix(size_list, [totals[name] for name in columns], lower, upper)
    seats = {
        committee: {name: matrix[r][c] for c, name in enumerate(columns)}
        for r, committee in enumerate(committee_names)
    }
    rows_text = "; ".join(
        f"{committee} {sizes[committee]}: "
        + ", ".join(f"{label(name)} {count}" for name, count in seats[committee].items())
        for committee in committee_names
    )
    if slack == 0:
        method = (
            "(d) On each committee, each group has its proportional share of the committee "
            "(its total x committee size / all seats) rounded down or up, largest remainders "
            "first, so that every committee and every group total adds up"
        )
    else:
        furthest = max(
            abs(seats[committee][name] - Fraction(sizes[committee] * totals[name], seats_total))
            for committee in committee_names
            for name in columns
        )
        method = (
            "(d) The (a) and (b) limits do not allow every group its proportional share of "
            "each committee rounded down or up, so the seats are as close to those shares as "
            f"the limits allow (the furthest is {decimal_text(furthest)} seats from its share)"
        )
    reasons.append(f"{method}: {rows_text}.")

    return SeatAllocation(
        seats=seats,
        group_totals={name: totals[name] for name in columns},
        majority_group=majority,
        reasons=tuple(reasons),
    )
