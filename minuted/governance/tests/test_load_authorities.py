"""Loading the UK local authorities register (mySociety's CSV, shipped in governance/data)."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from minuted.governance.authorities import DEFAULT_CSV, AuthorityDataError, parse_authorities
from minuted.governance.models import Authority

HEADER = "local-authority-code,official-name,gss-code,start-date,end-date,nation\n"


def test_it_loads_every_authority_in_the_register(db):
    out = io.StringIO()
    call_command("load_authorities", stdout=out)
    assert Authority.objects.count() == 470
    assert "470 created" in out.getvalue()
    sevenoaks = Authority.objects.get(gss_code="E07000111")
    assert (sevenoaks.name, sevenoaks.nation) == ("Sevenoaks District Council", "England")


def test_loading_again_updates_rather_than_duplicates(db):
    call_command("load_authorities", stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_authorities", stdout=out)
    assert Authority.objects.count() == 470
    assert "0 created, 470 updated" in out.getvalue()


def test_abolished_authorities_keep_their_end_date_and_successor(db):
    call_command("load_authorities", stdout=io.StringIO())
    bournemouth = Authority.objects.get(gss_code="E06000028")
    assert str(bournemouth.end_date) == "2019-03-31"
    assert not bournemouth.is_current
    assert bournemouth.replaced_by


def test_northern_irish_districts_abolished_in_2015_have_no_gss_code():
    # A quirk of the source: pre-2015 NI districts predate GSS codes.
    rows = parse_authorities(DEFAULT_CSV.read_text(encoding="utf-8").splitlines())
    derry = next(r for r in rows if r["code"] == "NIR-A")
    assert (derry["gss_code"], str(derry["end_date"])) == ("", "2015-03-31")


def test_names_are_tidied_of_double_spaces():
    rows = parse_authorities([HEADER, "NSM,North Somerset  Council,E06000024,,,England\n"])
    assert rows[0]["name"] == "North Somerset Council"


def test_a_bad_file_reports_every_problem_and_loads_nothing(db, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HEADER
        + "AAA,Good Council,E07000001,,,England\n"
        + "BBB,Bad Code Council,X123,,,England\n"
        + "CCC,Bad Date Council,E07000002,1st April,,England\n"
        + "DDD,No Code Council,,,,England\n"
    )
    with pytest.raises(CommandError) as error:
        call_command("load_authorities", str(bad))
    message = str(error.value)
    assert "line 3: GSS code 'X123'" in message
    assert "line 4: start-date '1st April'" in message
    assert "line 5: a current authority needs a GSS code" in message
    assert not Authority.objects.exists()  # not even the good row


def test_a_file_missing_columns_is_refused():
    with pytest.raises(AuthorityDataError, match="missing column 'gss-code'"):
        parse_authorities(["local-authority-code,official-name\n", "AAA,Somewhere\n"])


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        # PostgreSQL refused these half way through the load (SQLite stores them): a
        # DataError traceback there.
        (
            "AAAAAAAAA,Long Code Council,E07000001,,,England\n",
            "line 2: local-authority-code is longer than 8",
        ),
        (
            "AAA,Nul\x00 Council,E07000001,,,England\n",
            "line 2: official-name holds a NUL character",
        ),
        ("AAA,Wales,E07000001,,,England" + "x" * 41 + "\n", "line 2: nation is longer than 40"),
    ],
)
def test_a_value_the_database_cannot_hold_is_refused_naming_line_and_column(
    db, tmp_path, row, problem
):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + row)
    with pytest.raises(CommandError, match=problem):
        call_command("load_authorities", str(bad))
    assert not Authority.objects.exists()


def test_a_file_that_is_not_utf8_or_not_csv_is_refused_naming_the_line(db, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(HEADER.encode() + b"AAA,Caf\xe9 Council,E07000001,,,England\n")
    with pytest.raises(CommandError, match="line 2: not UTF-8"):
        call_command("load_authorities", str(bad))
    bad.write_text(HEADER + 'AAA,"' + "x" * 200_000 + '",E07000001,,,England\n')
    with pytest.raises(CommandError, match="line 2: field larger than field limit"):
        call_command("load_authorities", str(bad))
    assert not Authority.objects.exists()
