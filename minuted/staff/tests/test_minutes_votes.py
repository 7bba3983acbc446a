"""Recorded votes on the minutes screen: each member present for the item is offered for,
against, abstain or did not vote; the chair's casting vote decides a tie; the totals and the
outcome are shown, and published with the minutes."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from minuted.record.models import (
    Attendance,
    Decision,
    Declaration,
    InterestKind,
    MinutesVersion,
    RecordedVote,
)
from minuted.record.tests.test_minutes_editing import sitting  # noqa: F401
from minuted.staff.tests.test_minutes_screen import url


@pytest.fixture
def decision(sitting):  # noqa: F811
    return Decision.objects.create(item=sitting.welcome, position=1, text="Agree the budget.")


def vote_url(sitting, decision, name="staff:minutes-decision-vote"):  # noqa: F811
    kwargs = {"meeting": sitting.meeting.uid, "minute": decision.item.uid, "decision": decision.uid}
    return reverse(name, kwargs=kwargs)


def ballot(sitting, decision, casting="", **votes):  # noqa: F811
    p = f"vote-{decision.pk}"
    data = {f"{p}-member_{sitting.seats[name].pk}": vote for name, vote in votes.items()}
    data[f"{p}-casting_vote"] = casting
    return data


def name(sitting, who):  # noqa: F811
    return sitting.seats[who].person.display_name


def test_only_members_who_may_vote_at_the_item_are_offered_a_vote(
    signed_in,
    world,
    sitting,  # noqa: F811
):
    notices = Decision.objects.create(item=sitting.notices, position=1, text="Award it.")
    page = signed_in(world.clerk).get(url(sitting.meeting)).content.decode()
    field = f'name="vote-{notices.pk}-member_{{}}"'
    for who in ("member", "ann", "bob", "cat", "sue"):
        assert field.format(sitting.seats[who].pk) in page, who
    # Left the room for the item; sent apologies (replaced by Sue); an observer.
    for who in ("pat", "dan", "olive"):
        assert field.format(sitting.seats[who].pk) not in page, who
    assert "Did not vote" in page
    assert (
        f'<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{name(sitting, "sue")}'
        in page
    )


def test_a_recorded_vote_shows_the_names_on_each_side_and_the_totals(
    signed_in,
    world,
    sitting,  # noqa: F811
    decision,
):
    client = signed_in(world.clerk)
    response = client.post(
        vote_url(sitting, decision),
        ballot(sitting, decision, ann="for", bob="for", cat="against", sue="abstain", pat=""),
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.recorded_vote and decision.casting_vote == ""
    assert RecordedVote.objects.filter(decision=decision).count() == 4  # Pat did not vote
    page = client.get(response["Location"]).content.decode()
    assert "Carried: 2 for, 1 against, 1 abstention." in page
    assert "For (2)</dt>" in page and "Against (1)</dt>" in page
    assert f"{name(sitting, 'ann')}, {name(sitting, 'bob')}" in page  # by family name


def test_the_chair_s_casting_vote_decides_a_tie(signed_in, world, sitting, decision):  # noqa: F811
    client = signed_in(world.clerk)
    response = client.post(
        vote_url(sitting, decision),
        ballot(sitting, decision, "against", ann="for", bob="for", cat="against", sue="against"),
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.casting_vote == "against"
    page = client.get(response["Location"]).content.decode()
    assert "Lost on the chair&#x27;s casting vote: 2 for, 2 against." in page


def test_a_casting_vote_without_a_tie_is_refused_beside_the_field(
    signed_in,
    world,
    sitting,  # noqa: F811
    decision,
):
    response = signed_in(world.clerk).post(
        vote_url(sitting, decision),
        ballot(sitting, decision, "for", ann="for", bob="against", cat="for"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    p = f"vote-{decision.pk}"
    assert f'id="id_{p}-casting_vote-error"' in page
    assert f'href="#id_{p}-casting_vote_0"' in page  # the summary links to the first radio
    assert "only when the votes are equal: these are 2 for and 1 against" in page
    assert not RecordedVote.objects.exists()
    decision.refresh_from_db()
    assert not decision.recorded_vote


@pytest.mark.parametrize("who", ["pat", "olive", "dan"])
def test_a_vote_by_someone_who_may_not_vote_is_refused_beside_their_name(
    signed_in,
    world,
    sitting,  # noqa: F811
    who,
):
    notices = Decision.objects.create(item=sitting.notices, position=1, text="Award it.")
    response = signed_in(world.clerk).post(
        vote_url(sitting, notices), ballot(sitting, notices, ann="for", **{who: "for"})
    )
    assert response.status_code == 400
    page = response.content.decode()
    field = f"id_vote-{notices.pk}-member_{sitting.seats[who].pk}"
    assert f'id="{field}-error"' in page and f'href="#{field}_0"' in page
    assert f"{name(sitting, who)} " in page and "Choose “Did not vote”" in page
    assert not RecordedVote.objects.exists()


def test_a_vote_on_record_by_someone_since_marked_absent_must_be_cleared(
    signed_in,
    world,
    sitting,  # noqa: F811
    decision,
):
    client = signed_in(world.clerk)
    client.post(vote_url(sitting, decision), ballot(sitting, decision, ann="for", bob="against"))
    Attendance.objects.filter(membership=sitting.seats["bob"]).update(status="apologies")
    # Still offered, with the vote on record, so that the clerk sees it and can clear it.
    page = client.get(url(sitting.meeting)).content.decode()
    assert f'name="vote-{decision.pk}-member_{sitting.seats["bob"].pk}"' in page
    refused = client.post(
        vote_url(sitting, decision), ballot(sitting, decision, ann="for", bob="against")
    )
    assert refused.status_code == 400
    assert "is not recorded in the attendance register" in refused.content.decode()
    cleared = client.post(vote_url(sitting, decision), ballot(sitting, decision, ann="for", bob=""))
    assert cleared.status_code == 302
    assert list(RecordedVote.objects.values_list("vote", flat=True)) == ["for"]


def test_a_vote_with_no_one_voting_is_refused(signed_in, world, sitting, decision):  # noqa: F811
    response = signed_in(world.clerk).post(
        vote_url(sitting, decision), ballot(sitting, decision, ann="", bob="")
    )
    assert response.status_code == 400
    assert "Record at least one member’s vote" in response.content.decode()


def test_removing_the_recorded_vote(signed_in, world, sitting, decision):  # noqa: F811
    client = signed_in(world.clerk)
    client.post(vote_url(sitting, decision), ballot(sitting, decision, ann="for"))
    response = client.post(vote_url(sitting, decision, "staff:minutes-decision-vote-remove"))
    assert response.status_code == 302
    decision.refresh_from_db()
    assert not decision.recorded_vote and not RecordedVote.objects.exists()


def test_with_no_one_present_the_screen_points_to_the_attendance(
    signed_in,
    world,
    sitting,  # noqa: F811
    decision,
):
    Attendance.objects.all().delete()
    page = signed_in(world.clerk).get(url(sitting.meeting)).content.decode()
    assert f'id="vote-{decision.pk}"' not in page
    assert reverse("staff:attendance", args=[sitting.meeting.uid]) in page


def pdf_text(field) -> str:
    with field.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


def test_the_published_minutes_show_the_recorded_vote_in_both_editions(
    client,
    signed_in,
    world,
    sitting,  # noqa: F811
    decision,
):
    clerk = signed_in(world.clerk)
    clerk.post(
        vote_url(sitting, decision),
        ballot(sitting, decision, "for", ann="for", bob="against", cat="against", sue="for"),
    )
    assert clerk.post(url(sitting.meeting, "staff:minutes-publish")).status_code == 302
    version = MinutesVersion.objects.get()
    summary = "Carried on the chair's casting vote: 2 for, 2 against."
    for edition in ("members", "public"):
        page = clerk.get(
            reverse(
                "minutes-edition",
                kwargs={
                    "board": world.board.slug,
                    "meeting": sitting.meeting.slug,
                    "number": 1,
                    "edition": edition,
                },
            )
        ).content.decode()
        assert summary.replace("'", "&#x27;") in page, edition
        assert "For (2)" in page and "Against (2)" in page, edition
        assert f"{name(sitting, 'ann')}, {name(sitting, 'sue')}" in page, edition
        assert f"{name(sitting, 'bob')}, {name(sitting, 'cat')}" in page, edition
    for pdf in (version.public_pdf, version.members_pdf):
        text = pdf_text(pdf)
        assert summary in text
        # The table lists each member with their vote, side by side.
        assert text.index(name(sitting, "ann")) < text.index(name(sitting, "bob"))
        assert f"{name(sitting, 'cat')} Against" in text


def test_a_member_with_a_pecuniary_interest_who_stays_may_not_vote_without_a_dispensation(
    signed_in,
    world,
    sitting,  # noqa: F811
    decision,
):
    declaration = Declaration.objects.create(
        item=sitting.welcome.agenda_item,
        membership=sitting.seats["ann"],
        kind=InterestKind.DISCLOSABLE_PECUNIARY,
        description="Owns land next to the site.",
        left_the_room=False,
    )
    field = f'name="vote-{decision.pk}-member_{sitting.seats["ann"].pk}"'
    assert field not in signed_in(world.clerk).get(url(sitting.meeting)).content.decode()

    day = sitting.meeting.date
    declaration.dispensation_granted_on = day - dt.timedelta(days=1)
    declaration.dispensation_expires_on = day + dt.timedelta(days=365)
    declaration.dispensation_grounds = "Granted so that the board can be quorate."
    declaration.save()
    assert field in signed_in(world.clerk).get(url(sitting.meeting)).content.decode()
