from minuted.governance.models.board import Board, SeatAllocation, Term
from minuted.governance.models.membership import Membership, MembershipRole
from minuted.governance.models.organisation import (
    Authority,
    Officer,
    Organisation,
    Person,
    PoliticalGroup,
)
from minuted.governance.models.themes import Champion, OutsideBodyAppointment, PriorityTheme

__all__ = [
    "Authority",
    "Board",
    "Champion",
    "Membership",
    "MembershipRole",
    "Officer",
    "Organisation",
    "OutsideBodyAppointment",
    "Person",
    "PoliticalGroup",
    "PriorityTheme",
    "SeatAllocation",
    "Term",
]
