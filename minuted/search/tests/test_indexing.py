"""What goes into the index, and when: only the public editions of the latest published
versions and public governance data, refreshed on publishing and on saving."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command

from minuted.governance.models import Membership, MembershipRole
from minuted.papers.publishing import publish_pack, record_report_change
from minuted.record.services import approve_minutes, release_decisions
from minuted.search import receivers
from minuted.search.models import Entry, Kind
from minuted.search.services import search
from minuted.search.tests.conftest import DECISION_SECRET, DISCUSSION_SECRET, PACK_SECRET
from minuted.testing import appoint, make_person


def kinds(query: str) -> list[str]:
    return [r.kind for r in search(query).results]


def all_indexed_text() -> str:
    return " ".join(f"{e.title} {e.body}" for e in Entry.objects.all())


def test_publishing_a_pack_indexes_its_agenda_items_and_public_reports(world, agenda):
    assert kinds("climate") == []  # nothing is searchable before it is published
    publish_pack(agenda.meeting, world.clerk)
    assert sorted(kinds("climate")) == ["item", "report"]
    # Every section of the report: summary, recommendations, paragraphs.
    assert kinds("summary proposal second paragraph") == ["report"]


def test_an_exempt_report_never_reaches_the_index(world, published):
    assert PACK_SECRET not in all_indexed_text()
    assert search("Acme Holdings").total == 0
    # The exempt item's agenda line is public, as the public agenda prints it; its report's
    # title is not.
    assert kinds("procurement") == ["item"]
    assert not Entry.objects.filter(kind=Kind.REPORT, title="Peer challenge contract").exists()


def test_a_change_after_publishing_is_found_only_once_republished(world, published):
    report = published.public_report
    report.title = "Climate change support offer, with Pendlebury pilot"
    report.save()
    record_report_change(report, world.officer, "Pilot added.")
    assert search("Pendlebury").total == 0  # the public still reads version 1
    publish_pack(published.meeting, world.clerk, reason="Pilot added.")
    (result,) = search("Pendlebury").results
    assert result.version == 2
    # Version 2 replaced version 1's entries rather than adding to them.
    assert Entry.objects.filter(meeting=published.meeting, kind=Kind.REPORT).count() == 1


def test_publishing_minutes_indexes_their_items_decisions_and_actions(recorded):
    assert sorted(kinds("heat pump")) == ["decision", "minutes"]
    assert kinds("insulation newsletter") == ["minutes"]  # actions are part of the item
    assert kinds("Harrogate") == ["minutes"]  # the discussion


def test_exempt_discussion_and_confidential_decisions_never_reach_the_index(recorded):
    text = all_indexed_text()
    assert DECISION_SECRET not in text and DISCUSSION_SECRET not in text
    assert "Officers to negotiate" not in text
    assert search("Zanzibar").total == 0 and search("Quetzal").total == 0
    assert kinds("statutory notices") == ["minutes"]  # the item's title is public


def test_a_released_decision_is_found_once_the_minutes_are_republished(world, recorded):
    approve_minutes(recorded.minutes, recorded.approval)
    release_decisions(recorded.notices, recorded.approval, world.clerk)
    assert sorted(kinds("Zanzibar")) == ["decision", "minutes"]
    assert search("Quetzal").total == 0  # an exempt item's discussion stays out


def test_a_person_is_indexed_with_their_memberships_when_saved(world):
    person = make_person(world.organisation, "Ottoline", "Marchbanks")
    assert [r.url for r in search("Marchbanks").results] == [f"/people/{person.slug}/"]
    appoint(person, world.other_board, world.term, world.labour, MembershipRole.VICE_CHAIR)
    assert kinds("Marchbanks Resources vice chair Labour") == ["person"]
    person.family_name = "Featherstonehaugh"
    person.save()
    assert search("Marchbanks").total == 0 and kinds("Featherstonehaugh") == ["person"]


def test_a_person_drops_a_board_from_their_entry_when_the_membership_is_deleted(world):
    person = make_person(world.organisation, "Ottoline", "Marchbanks")
    membership = appoint(person, world.other_board, world.term, world.labour)
    assert kinds("Marchbanks Resources") == ["person"]
    Membership.objects.filter(pk=membership.pk).delete()  # a queryset delete sends signals too
    assert kinds("Marchbanks Resources") == []


def test_a_board_is_indexed_with_its_purpose_and_terms_of_reference(world):
    board = world.other_board
    board.purpose = "Oversees the council's finances."
    board.terms_of_reference = "1. To scrutinise **procurement** of waste contracts."
    board.save()
    (result,) = search("scrutinise waste").results
    assert (result.kind, result.url) == ("board", f"/boards/{board.slug}/")


def test_renaming_a_board_renames_it_in_its_peoples_entries(world):
    world.board.name = "Transformation Board"
    world.board.save()
    assert "person" in kinds("transformation")


def test_a_meeting_that_moves_takes_its_entries_to_the_new_date(world, published):
    meeting = published.meeting
    meeting.date = meeting.date + dt.timedelta(days=7)
    meeting.save()
    assert set(Entry.objects.filter(meeting=meeting).values_list("date", flat=True)) == {
        meeting.date
    }


def test_the_reindex_command_rebuilds_the_whole_index(world, published, recorded, capsys):
    before = sorted(Entry.objects.values_list("kind", "title", "body"))
    Entry.objects.all().delete()
    call_command("reindex")
    assert sorted(Entry.objects.values_list("kind", "title", "body")) == before
    assert f"{len(before)} entries in the search index." in capsys.readouterr().out


def test_a_database_migrated_with_data_but_no_index_is_indexed(world, published):
    Entry.objects.all().delete()
    receivers.on_migrated(sender=None)
    assert kinds("procurement") == ["item"]
