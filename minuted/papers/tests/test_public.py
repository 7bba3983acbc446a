"""What every public face reads of the packs: the public edition of each latest version,
without restricted (exempt) reports."""

from __future__ import annotations

import json

from minuted.papers.public import latest_packs, public_papers
from minuted.papers.publishing import publish_pack, record_report_change
from minuted.papers.tests.conftest import SECRET


def test_public_papers_come_from_the_latest_version_without_exempt_reports(world, agenda):
    publish_pack(agenda.meeting, world.clerk)
    report = agenda.public_report
    report.refresh_from_db()
    report.title = "Climate change support offer, revised"
    report.save()
    record_report_change(report, world.officer, "Title corrected.")
    # Not yet republished: the public still reads version 1.
    (paper,) = public_papers(latest_packs(board=world.board))
    assert (paper.version.number, paper.title) == (1, "Climate change support offer")
    assert paper.item_number == "3" and paper.meeting == agenda.meeting

    publish_pack(agenda.meeting, world.clerk, reason="Title corrected.")
    versions = latest_packs([agenda.meeting])
    assert [v.number for v in versions] == [2]
    (paper,) = public_papers(versions)
    assert paper.title == "Climate change support offer, revised"
    assert SECRET not in json.dumps(paper.content)
    assert latest_packs(board=world.other_board) == []
