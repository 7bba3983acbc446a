"""A minutes document (the contract of ``minuted.record.documents.minutes_document``) for the
PDF tests: three items, one with a recorded vote, one whose decisions are withheld."""

from __future__ import annotations

from typing import Any

from minuted.rendering.blocks import markdown_to_blocks

WITHHELD = (
    "Decisions for this item to be kept confidential, until such time members agree for these "
    "to be made public."
)
VOTE_TOTALS = "Carried: 3 for, 1 against, 1 abstention."


def decision(number: int, text: str, **extra: Any) -> dict[str, Any]:
    blocks = markdown_to_blocks(text)
    return {"number": str(number), "text": blocks, "vote": "", "votes": []} | extra


def item(number: str, title: str, **extra: Any) -> dict[str, Any]:
    return {
        "number": number,
        "title": title,
        "exclusion": "",
        "urgency_reason": "",
        "introduced_by": "",
        "discussion": [],
        "declarations": [],
        "decisions": [],
        "decisions_withheld": "",
        "actions": [],
    } | extra


def minutes_document() -> dict[str, Any]:
    return {
        "edition": "public",
        "title": "Improvement and Innovation Board, Thursday 11 July 2019: minutes",
        "meeting": {
            "date": "Thursday 11 July 2019",
            "place": "Smith Square 3&4, Ground Floor, 18 Smith Square, London, SW1P 3HZ",
        },
        "present": [
            "Cllr Peter Fleming OBE",
            "Mayor Dave Hodgson MBE",
            "Cllr Judi Billing MBE",
            "Cllr Joy Allen (substitute for Cllr Damian White)",
            "Cllr Ron Woodley",
        ],
        "apologies": ["Cllr Damian White"],
        "in_attendance": ["Dennis Skinner, Head of Improvement", "Matthew Hamilton"],
        "inquorate": "",
        "items": [
            item(
                "1",
                "Declarations of Interest",
                introduced_by="the Chairman",
                discussion=markdown_to_blocks(
                    "The Chairman welcomed members to the meeting.\n\n"
                    "Members had a brief discussion over how the decision was reached to make "
                    "items confidential on the agenda."
                ),
                declarations=[
                    "Cllr Joy Allen declared an other registrable interest: part of the LGA's "
                    "facilitation team."
                ],
                decisions=[
                    decision(1, "Members noted the declaration of interest."),
                    decision(
                        2,
                        "Members agreed that lead members will discuss if an item should be "
                        "confidential.",
                    ),
                ],
            ),
            item(
                "2",
                "Effectively communicating sector-led improvement",
                introduced_by="Matthew Hamilton",
                urgency_reason="The campaign must be agreed before the summer recess.",
                discussion=markdown_to_blocks("This item focused on a communication strategy."),
                decisions=[
                    decision(
                        1,
                        "Members agreed to the development of a communications strategy.",
                        vote=VOTE_TOTALS,
                        votes=[
                            {"member": "Cllr Peter Fleming OBE", "vote": "for"},
                            {"member": "Mayor Dave Hodgson MBE", "vote": "for"},
                            {"member": "Cllr Judi Billing MBE", "vote": "for"},
                            {"member": "Cllr Joy Allen", "vote": "against"},
                            {"member": "Cllr Ron Woodley", "vote": "abstain"},
                        ],
                    )
                ],
                actions=[
                    {
                        "text": "Draw up a communications plan for the next meeting.",
                        "owner": "Officers",
                    }
                ],
            ),
            item(
                "3",
                "Statutory public notices",
                exclusion=(
                    "RESOLVED that the press and public be excluded from the meeting for this "
                    "item, as it involves the likely disclosure of exempt information as defined "
                    "in paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972."
                ),
                introduced_by="David Holdstock",
                decisions_withheld=WITHHELD,
            ),
        ],
        "approved": {"on": "Thursday 19 September 2019"},
    }
