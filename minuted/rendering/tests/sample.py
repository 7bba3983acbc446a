"""A realistic agenda pack document (modelled on the Improvement and Innovation Board's pack of
29 October 2019) for the rendering tests, in both editions, and a large one for timing."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from minuted.rendering.blocks import markdown_to_blocks, plain_inlines, table_block

SECRET_PHRASE = "Operation Quiet Harbour budget of 412,000 pounds"

PLACE = "Westminster Room, 8th Floor, 18 Smith Square, London, SW1P 3HZ"


def _paragraph(
    number: str | None, markdown: str, children: Sequence[tuple[str, str]] = ()
) -> dict[str, Any]:
    return {
        "number": number,
        "blocks": markdown_to_blocks(markdown),
        "children": [{"number": n, "blocks": markdown_to_blocks(text)} for n, text in children],
    }


def _officer(name: str, position: str, phone: str, email: str) -> dict[str, str]:
    return {"name": name, "position": position, "phone": phone, "email": email}


LOREM = (
    "Councils continue to face rising demand for services while their funding has fallen in "
    "real terms; the sector-led approach to improvement helps them learn from one another, "
    "share what works and hold themselves to account to residents for their performance."
)


def _confidential_report() -> dict[str, Any]:
    return {
        "id": "r3",
        "item_number": "3",
        "title": "Sector-led improvement communications strategy and campaign",
        "restricted": True,
        "purpose": "For discussion and decision.",
        "summary": markdown_to_blocks(
            f"This report sets out the proposed campaign, including the {SECRET_PHRASE}."
        ),
        "recommendations_intro": "That the Improvement and Innovation Board:",
        "recommendations": [plain_inlines("agree the campaign approach.")],
        "actions": markdown_to_blocks("Officers to proceed as directed."),
        "contact_officers": [
            _officer(
                "Helen Reeves",
                "Head of Campaigns",
                "020 7664 3000",
                "helen.reeves@local.gov.uk",
            )
        ],
        "sections": [
            {
                "heading": "Proposals",
                "paragraphs": [
                    _paragraph("1", f"Negotiations continue. {SECRET_PHRASE} is not final."),
                    _paragraph("2", LOREM),
                ],
            }
        ],
        "appendices": [],
        "background_papers": [],
    }


def _membership_report() -> dict[str, Any]:
    responsibilities = [
        (
            "4.1",
            "Developing a thorough understanding of council priorities and performance across "
            "the width of councils' responsibilities, using strong networks and robust "
            "information.",
        ),
        (
            "4.2",
            "Helping to shape the LGA Business plan by ensuring the priorities of the sector "
            "are fed into the process.",
        ),
        ("4.3", "Overseeing a programme of work to deliver the strategic priorities. " + LOREM),
        ("4.4", "Representational activities on behalf of the LGA. " + LOREM),
        ("4.5", "Building and maintaining effective relationships with key stakeholders."),
    ]
    background = [
        _paragraph(
            "1",
            "The purpose of the Improvement and Innovation Board is to provide **strategic "
            "oversight** of all the Local Government Association's (LGA) policy and "
            "improvement activity. " + LOREM,
        ),
        _paragraph("2", LOREM + " " + LOREM),
        _paragraph(
            "3", "Boards should seek to involve councillors in supporting delivery. " + LOREM
        ),
        _paragraph(
            "4",
            "The Improvement and Innovation Board will be responsible for:",
            responsibilities,
        ),
    ]
    for number in range(5, 13):
        background.append(_paragraph(str(number), f"Paragraph {number}. {LOREM} {LOREM}"))
    composition = table_block(
        "Political composition",
        ["Group", "Members", "Substitutes"],
        [
            ["Conservative", "8", "3"],
            ["Labour", "8", "3"],
            ["Liberal Democrat", "3", "1"],
            ["Independent", "3", "2"],
        ],
    )
    return {
        "id": "r5",
        "item_number": "5",
        "title": "Membership and terms of reference for 2019/20",
        "restricted": False,
        "purpose": "For discussion and decision.",
        "summary": markdown_to_blocks(
            "For members to note the membership and agree the *Terms of Reference* of the "
            "Board for 2019/20."
        ),
        "recommendations_intro": "That the Improvement and Innovation Board:",
        "recommendations": [
            plain_inlines("note its membership;"),
            plain_inlines("agree its Terms of Reference."),
        ],
        "actions": markdown_to_blocks("Officers to respond accordingly to members' direction."),
        "contact_officers": [
            _officer(
                "Benn Cain", "Member Services Officer", "020 7072 7420", "benn.cain@local.gov.uk"
            )
        ],
        "sections": [
            {"heading": "Terms of reference", "paragraphs": background},
            {
                "heading": "Political composition",
                "paragraphs": [
                    _paragraph(
                        "13",
                        "The political composition of the Board is as follows (including "
                        "political observers):",
                    ),
                    {"number": None, "blocks": [composition], "children": []},
                    _paragraph(
                        "14",
                        "Quorum is one third of the members, provided that representatives of "
                        "at least 2 political groups represented on the body are present.",
                    ),
                ],
            },
        ],
        "appendices": [
            {
                "title": "Appendix A: Membership 2019/20",
                "blocks": markdown_to_blocks(
                    "| Councillor | Authority |\n|---|---|\n"
                    "| Cllr Peter Fleming OBE (Chair) | Sevenoaks District Council |\n"
                    "| Cllr Judi Billing MBE (Deputy Chair) "
                    "| North Hertfordshire District Council |\n"
                ),
            }
        ],
        "background_papers": [
            {
                "title": "LGA Business Plan 2019-2022",
                "url": "https://www.local.gov.uk/about/our-business-plan",
            }
        ],
    }


def _climate_report() -> dict[str, Any]:
    return {
        "id": "r6",
        "item_number": "6",
        "title": "Improvement Support to Councils on Climate Change",
        "restricted": False,
        "purpose": "For direction.",
        "summary": markdown_to_blocks(
            "Following the LGA's declaration of a climate emergency at the annual conference "
            "in July, the Leadership Board set up a Climate Emergency Sounding Board. "
            + LOREM
            + "\n\n#### Data sources\n\nFigures come from `LG Inform`, the LGA's data service."
        ),
        "recommendations_intro": "",
        "recommendations": [
            plain_inlines(
                "That the board supports the recommendations in this report to address the "
                "LGA's response to Climate Emergency issues."
            )
        ],
        "actions": markdown_to_blocks(
            "1. Set up a Member climate change improvement working group.\n"
            "2. Officers to continue developing a pilot climate change improvement offer.\n"
        ),
        "contact_officers": [
            _officer(
                "Lusi Manukyan",
                "Improvement Strategy Adviser",
                "0207 187 7347",
                "lusi.manukyan@local.gov.uk",
            ),
            _officer(
                "Grace Abel", "Productivity Adviser", "0207 664 3322", "grace.abel@local.gov.uk"
            ),
        ],
        "sections": [
            {
                "heading": "Background",
                "paragraphs": [
                    _paragraph(
                        "1",
                        "In July 2019, the LGA General Assembly passed a motion declaring a "
                        "climate emergency. See [the motion](https://www.local.gov.uk/motion).",
                    ),
                    _paragraph("2", LOREM),
                ],
            },
            {
                "heading": "Recommendations from the Sounding Board",
                "paragraphs": [
                    _paragraph(
                        "3",
                        "The Sounding Board recommends:",
                        [
                            ("3.1", "Leadership support for councillors and officers."),
                            ("3.2", "Support for long term action-planning."),
                            ("3.3", "Accelerated learning pilots with experts in the field."),
                        ],
                    ),
                    _paragraph("4", LOREM),
                ],
            },
        ],
        "appendices": [],
        "background_papers": [],
    }


def _innovation_report() -> dict[str, Any]:
    return {
        "id": "r7",
        "item_number": "7",
        "title": "Innovation Zone 2020",
        "restricted": False,
        "purpose": "For direction.",
        "summary": markdown_to_blocks(
            "This report invites Members' views on the 2020 Innovation Zone at the LGA Annual "
            "Conference."
        ),
        "recommendations_intro": "",
        "recommendations": [plain_inlines("That the members note the report.")],
        "actions": markdown_to_blocks(
            "Subject to Members' comments, officers to progress the Zone."
        ),
        "contact_officers": [
            _officer(
                "Lusi Manukyan",
                "Improvement Strategy Adviser",
                "0207 187 7347",
                "lusi.manukyan@local.gov.uk",
            )
        ],
        "sections": [
            {
                "heading": "Innovation Zone 2020",
                "paragraphs": [_paragraph("1", LOREM), _paragraph("2", LOREM)],
            }
        ],
        "appendices": [],
        "background_papers": [],
    }


def members_document() -> dict[str, Any]:
    """The members' edition: every report in full."""
    return {
        "edition": "members",
        "version": 1,
        "title": (
            "Improvement and Innovation Board, Tuesday 29 October 2019: agenda pack "
            "(members' edition)"
        ),
        "published_at": "2019-10-21T09:00:00+01:00",
        "organisation": {
            "name": "Local Government Association",
            "short_name": "LGA",
            "address": "18 Smith Square, London, SW1P 3HZ",
            "website": "www.local.gov.uk",
            "phone": "020 7664 3000",
            "email": "info@local.gov.uk",
            "guidance_notes": markdown_to_blocks(
                "Please read these notes for your own safety and that of all visitors.\n\n"
                "## Security\n\nAll visitors are requested to report to the Reception desk.\n\n"
                "## Fire instructions\n\nIn the event of the fire alarm sounding, vacate the "
                "building immediately.\n\n**DO NOT USE THE LIFTS.**\n"
            ),
            "social_media_note": (
                "Please feel free to use social media during this meeting, but not during any "
                "confidential items."
            ),
            "carers_allowance": (
                "A Carer's Allowance of £9.00 per hour or £10.55 if receiving London living "
                "wage is available to cover the cost of dependants."
            ),
        },
        "board": {"name": "Improvement and Innovation Board", "hashtag": "#lgaiib"},
        "meeting": {
            "date": "Tuesday 29 October 2019",
            "time": "11.00 am",
            "place": PLACE,
            "online_url": "",
            "webcast_url": "",
            "header": "Improvement and Innovation Board — 29 October 2019",
            "pre_meeting": "For board lead members, 10.00 am in Smith Square Rooms 3&4.",
            "group_meetings": "10.00 am to 11.00 am",
            "refreshments": "A sandwich lunch will be available at 1.00 pm.",
            "contact": {
                "name": "Benn Cain",
                "position": "Member Services Officer",
                "phone": "020 7072 7420",
                "email": "benn.cain@local.gov.uk",
            },
            "next_meeting": "Thursday 30 January 2020, 11.00 am, " + PLACE,
        },
        "group_offices": [
            {
                "name": "Conservative",
                "phone": "020 7664 3223",
                "email": "lgaconservatives@local.gov.uk",
            },
            {"name": "Labour", "phone": "020 7664 3263", "email": "martha.lauchlan@local.gov.uk"},
            {
                "name": "Independent",
                "phone": "020 7664 3224",
                "email": "independent.grouplga@local.gov.uk",
            },
            {"name": "Liberal Democrat", "phone": "020 7664 3235", "email": "libdem@local.gov.uk"},
        ],
        "membership": {
            "term": "2019/20",
            "groups": [
                {
                    "name": "Conservative",
                    "seats": 8,
                    "members": [
                        {
                            "name": "Cllr Peter Fleming OBE",
                            "role": "Chair",
                            "authority": "Sevenoaks District Council",
                        },
                        {
                            "name": "Cllr Nigel Ashton",
                            "role": "",
                            "authority": "North Somerset Council",
                        },
                    ],
                    "substitutes": [
                        {
                            "name": "Cllr Kelham Cooke",
                            "role": "Substitute",
                            "authority": "South Kesteven District Council",
                        }
                    ],
                    "vacancies": 6,
                },
                {
                    "name": "Labour",
                    "seats": 8,
                    "members": [
                        {
                            "name": "Cllr Judi Billing MBE",
                            "role": "Deputy Chair",
                            "authority": "North Hertfordshire District Council",
                        },
                        {
                            "name": "Sir Stephen Houghton CBE",
                            "role": "Observer",
                            "authority": "Barnsley Metropolitan Borough Council",
                        },
                    ],
                    "substitutes": [],
                    "vacancies": 6,
                },
            ],
            "observers": [
                {
                    "name": "Mr Richard Priestman",
                    "represents": "Local Government Improvement and Development",
                }
            ],
        },
        "agenda": [
            {
                "type": "item",
                "number": "1",
                "title": "Welcome, Apologies and Declarations of Interest",
                "note": "",
                "reports": [],
                "exempt": False,
            },
            {"type": "marker", "text": "CONFIDENTIAL SECTION - START"},
            {
                "type": "item",
                "number": "2",
                "title": "Public Notices",
                "note": "Verbal update given by David Holdstock, Director of Communications.",
                "reports": [],
                "exempt": True,
            },
            {
                "type": "item",
                "number": "3",
                "title": _confidential_report()["title"],
                "note": "",
                "reports": ["r3"],
                "exempt": True,
            },
            {"type": "marker", "text": "CONFIDENTIAL SECTION - END"},
            {
                "type": "item",
                "number": "5",
                "title": "Membership and terms of reference for 2019/20",
                "note": "",
                "reports": ["r5"],
                "exempt": False,
            },
            {
                "type": "item",
                "number": "6",
                "title": "Improvement Support to Councils on Climate Change",
                "note": "",
                "reports": ["r6"],
                "exempt": False,
            },
            {
                "type": "item",
                "number": "7",
                "title": "Innovation Zone 2020",
                "note": "",
                "reports": ["r7"],
                "exempt": False,
            },
            {
                "type": "item",
                "number": "8",
                "title": "Audit Consultation (Redmond Review)",
                "note": "To be sent as a supplemental agenda item.",
                "reports": [],
                "exempt": False,
            },
        ],
        "reports": [
            _confidential_report(),
            _membership_report(),
            _climate_report(),
            _innovation_report(),
        ],
    }


def public_document() -> dict[str, Any]:
    """The public edition, as the pack builder makes it: restricted reports keep only their
    agenda details."""
    document = members_document()
    document["edition"] = "public"
    document["title"] = document["title"].replace("members' edition", "public edition")
    document["reports"] = [
        {key: r[key] for key in ("id", "item_number", "title", "restricted")}
        if r["restricted"]
        else r
        for r in document["reports"]
    ]
    return document


def large_document(copies: int = 6) -> dict[str, Any]:
    """The public edition with each public report repeated ``copies`` times (about ten pages
    per copy): a pack of some sixty numbered pages."""
    document = public_document()
    reports = []
    agenda = [entry for entry in document["agenda"] if not entry.get("reports")]
    number = 10
    for copy_index in range(copies):
        for report in document["reports"]:
            if report["restricted"]:
                continue
            clone = copy.deepcopy(report)
            clone["id"] = f"{report['id']}-{copy_index}"
            clone["item_number"] = str(number)
            clone["title"] = f"{report['title']} (part {copy_index + 1})"
            reports.append(clone)
            agenda.append(
                {
                    "type": "item",
                    "number": str(number),
                    "title": clone["title"],
                    "note": "",
                    "reports": [clone["id"]],
                    "exempt": False,
                }
            )
            number += 1
    document["agenda"] = agenda
    document["reports"] = reports
    return document
