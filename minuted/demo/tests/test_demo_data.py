"""The demonstration data: the board of the example agenda pack, loaded as entered."""

from __future__ import annotations

import pytest

from minuted.accounts.models import User
from minuted.accounts.policy import Action, may
from minuted.demo import loader
from minuted.governance.models import Board, Membership, Organisation, Person, Term
from minuted.governance.services import roster
from minuted.record.models import Minutes, MinutesVersion


@pytest.fixture
def iib(db):
    return loader.load()


def test_it_loads_the_2019_20_membership_as_printed_in_the_pack(iib):
    term = Term.objects.get(slug="2019-20")
    r = roster(iib, term)
    seats = {g.group.name: (g.seats, len(g.members), len(g.substitutes)) for g in r.groups}
    assert seats == {
        "Conservative": (8, 8, 3),
        "Labour": (8, 8, 3),
        "Liberal Democrat": (3, 3, 1),
        "Independent": (3, 3, 2),
    }
    assert [m.person.display_name for m in r.independent_observers] == [
        "Mr Richard Priestman",
        "Mr Philip Sellwood",
    ]


def test_the_chair_and_officers_of_the_board_are_as_printed(iib):
    term = Term.objects.get(slug="2019-20")
    roles = {
        m.person.display_name: m.get_role_display()
        for m in Membership.objects.filter(term=term)
        .exclude(role="member")
        .exclude(role="substitute")
        .select_related("person")
        if not m.is_observer
    }
    assert roles == {
        "Cllr Peter Fleming OBE": "Chair",
        "Cllr Judi Billing MBE": "Deputy Chair",
        "Cllr Liz Green": "Vice-Chair",
        "Cllr Neil Prior": "Deputy Chair",
    }


def test_2018_19_gives_the_worked_quorum_example_six_of_eighteen(iib):
    # domain-rules.md §3: 22 places incl. 4 observers -> 18 voting members -> 6.
    r = roster(iib, Term.objects.get(slug="2018-19"))
    assert (r.places, r.observers, r.voting_members) == (22, 4, 18)
    assert r.quorum.summary() == "6 of 18 voting members, from at least 2 political groups"


def test_2019_20_quorum_follows_the_data_as_entered(iib):
    # Lord Porter is listed as an observer in 2018/19 but as a member in 2019/20, and two
    # independent observers join: 19 voting members, so one third is 7.
    r = roster(iib, Term.objects.get(slug="2019-20"))
    assert (r.voting_members, r.observers) == (19, 5)
    assert r.quorum.required == 7


def test_the_group_offices_carry_the_contacts_for_apologies(iib):
    offices = {g.name: g.group_office_email for g in iib.organisation.groups.all()}
    assert offices["Conservative"] == "lgaconservatives@local.gov.uk"
    assert offices["Liberal Democrat"] == "libdem@local.gov.uk"


def test_the_priority_themes_have_their_lead_members(iib):
    leads = [
        (t.name.split()[0], t.lead_member.display_name)
        for t in iib.priority_themes.select_related("lead_member")
    ]
    assert leads == [
        ("Improvement", "Cllr Peter Fleming OBE"),
        ("Leadership", "Cllr Judi Billing MBE"),
        ("Efficiency", "Cllr Neil Prior"),
        ("Sharing", "Cllr Liz Green"),
    ]


def test_members_represent_authorities_by_gss_code(iib):
    fleming = Membership.objects.filter(person__slug="peter-fleming").select_related("authority")[0]
    assert fleming.authority is not None
    assert fleming.authority.gss_code == "E07000111"
    assert fleming.authority.name == "Sevenoaks District Council"


def test_the_organisation_carries_the_pack_cover_details(iib):
    lga = Organisation.objects.get()
    assert (str(lga.carers_allowance_hourly), str(lga.carers_allowance_hourly_london)) == (
        "9.00",
        "10.55",
    )
    assert "Fire instructions" in lga.guidance_notes
    assert iib.hashtag == "#lgaiib"
    assert iib.contact_officer.name == "Benn Cain"


def test_the_demo_accounts_have_their_roles(iib):
    clerk = User.objects.get(email="clerk@example.org")
    member = User.objects.get(email="member@example.org")
    assert may(clerk, Action.MANAGE_BOARD, iib)
    assert member.person.slug == "liz-green"
    assert member.check_password(loader.DEMO_PASSWORD)


def test_a_faulty_file_loads_nothing(db, tmp_path):
    text = loader.IIB.read_text().replace("person: peter-fleming", "person: nobody-at-all", 1)
    faulty = tmp_path / "faulty.yaml"
    faulty.write_text(text)
    with pytest.raises(loader.DemoDataError, match="nobody-at-all"):
        loader.load(faulty)
    assert not Organisation.objects.exists()
    assert not Person.objects.exists()


def test_a_membership_breaking_a_rule_rolls_back_the_whole_load(db, tmp_path):
    # A second chair for 2019/20 fails validation after much has been written.
    text = loader.IIB.read_text()
    marker = "person: nigel-ashton"
    head, tail = text.rsplit(marker, 1)
    tail = tail.replace("role: member", "role: chair", 1)
    faulty = tmp_path / "two-chairs.yaml"
    faulty.write_text(head + marker + tail)
    with pytest.raises(loader.DemoDataError, match="memberships of '2019-20'.*already the chair"):
        loader.load(faulty)
    assert not Board.objects.exists()
    assert not Organisation.objects.exists()


def test_without_accounts_the_record_loads_approved_but_unpublished(db):
    # `load_demo --no-accounts`: no clerk to publish the pack or the minutes as.
    loader.load(with_accounts=False, with_meetings=True)
    minutes = Minutes.objects.get(meeting__date="2019-07-11")
    assert minutes.is_approved
    assert not MinutesVersion.objects.exists()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("organisation:\n", "organisation: [\n", "faulty.yaml is not readable YAML"),
        ("- slug: peter-fleming\n", "- name: peter-fleming\n", "people, entry 1: no slug"),
        ("  slug: lga\n", "  slug: lga\n  colour: red\n", "organisation: .*unexpected keyword"),
        ("start_date: 2018-09-01", "start_date: 2018-02-30", "faulty.yaml .*day is out of"),
        ("start_date: 2018-09-01", "start_date: 1 Sept", "terms '2018-19': Invalid isoformat"),
        ("role: member", "role: [member]", "2018-19', entry 2: role must be text"),
    ],
)
def test_a_wrongly_shaped_file_is_refused_naming_the_place_and_loads_nothing(
    db, tmp_path, old, new, message
):
    """Each of these was a traceback (YAMLError, KeyError, TypeError, ValueError) before."""
    text = loader.IIB.read_text()
    assert old in text
    faulty = tmp_path / "faulty.yaml"
    faulty.write_text(text.replace(old, new, 1))
    with pytest.raises(loader.DemoDataError, match=message):
        loader.load(faulty, with_accounts=False)
    assert not Organisation.objects.exists()
