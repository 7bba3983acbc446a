"""Governance rules as pure functions: quorum (§3) and political balance of seats (§4).

Nothing here touches Django or the database. Every function takes plain numbers (and names)
and returns a frozen result that carries a human-readable account of how it was reached, so
the pages can show the arithmetic. The rules and their sources are described in docs/rules.md.
"""

from minuted.governance.rules.quorum import (
    Attendee,
    QuorumRequirement,
    QuorumResult,
    QuorumRule,
    check_quorum,
    quorum_required,
)
from minuted.governance.rules.seats import UNGROUPED, SeatAllocation, allocate_seats

__all__ = [
    "UNGROUPED",
    "Attendee",
    "QuorumRequirement",
    "QuorumResult",
    "QuorumRule",
    "SeatAllocation",
    "allocate_seats",
    "check_quorum",
    "quorum_required",
]
