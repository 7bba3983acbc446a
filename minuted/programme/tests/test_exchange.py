"""CSV import and export of outputs, KPIs and actuals: errors by row, column and problem with
nothing written, and a round trip that gives the same file."""

# ruff: noqa: E501 - the CSV files are written out as they are, one row per line.

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minuted.programme.exchange import (
    ACTUAL_COLUMNS,
    OUTPUT_COLUMNS,
    ImportError_,
    export_actuals,
    export_outputs,
    import_actuals,
    import_outputs,
)
from minuted.programme.models import Actual, Kpi, Output, Programme, Return, Theme
from minuted.programme.services import make_periods, sign_off, submit_return
from minuted.testing import make_user

pytestmark = pytest.mark.django_db

HEADER = ",".join(OUTPUT_COLUMNS)
GOOD = f"""{HEADER}
Improvement,1.1,Deliver peer challenges,ongoing,,,,Peer challenges delivered,quantitative,110,peer challenges,at least,cumulative,
Improvement,1.1,Deliver peer challenges,ongoing,,,,Corporate peer challenges,quantitative,70,peer challenges,at least,cumulative,
Leadership,2.1,"Leadership programmes, for councillors",range,2019-04-01,2020-03-31,,Councillors on programmes,quantitative,800,councillors,,,
Climate change,5.1,An online climate change hub,by date,,2020-03-31,,Hub launched,milestone,,,,,2020-03-31
Climate change,5.2,"=HYPERLINK(""http://evil.example"")",recurring,,,every month,Workshops held,quantitative,1,workshops,at least,per period,
"""


def programme_for(world: Any, slug: str = "sli-2019-20") -> Programme:
    programme = Programme.objects.create(
        organisation=world.organisation,
        board=world.board,
        name=f"Programme {slug}",
        slug=slug,
        start_date=dt.date(2019, 4, 1),
        end_date=dt.date(2020, 3, 31),
    )
    make_periods(programme)
    return programme


def everything() -> list[Any]:
    models = (Theme, Output, Kpi, Return, Actual)
    return [list(model.objects.order_by("pk").values()) for model in models]


def test_a_good_file_imports_themes_outputs_and_kpis(world):
    programme = programme_for(world)
    assert import_outputs(programme, GOOD) == {"themes": 3, "outputs": 4, "kpis": 5}
    peer = Output.objects.get(reference="1.1")
    assert [k.description for k in peer.kpis.all()] == [
        "Peer challenges delivered",
        "Corporate peer challenges",
    ]
    assert Kpi.objects.get(description="Hub launched").due_date == dt.date(2020, 3, 31)
    leadership = Kpi.objects.get(description="Councillors on programmes")
    assert (leadership.direction, leadership.accumulation) == ("at least", "cumulative")
    # The spreadsheet formula is kept as text, never as a formula.
    assert Output.objects.get(reference="5.2").description == '=HYPERLINK("http://evil.example")'


def test_an_export_imported_into_another_programme_exports_the_same_file(world):
    first = programme_for(world)
    import_outputs(first, GOOD)
    exported = export_outputs(first)
    assert "'=HYPERLINK" in exported  # defused for spreadsheets
    second = programme_for(world, "copy")
    import_outputs(second, exported)
    assert export_outputs(second) == exported
    # Importing the same file again changes nothing and adds nothing.
    assert import_outputs(second, exported) == {"themes": 0, "outputs": 0, "kpis": 0}
    assert export_outputs(second) == exported


def test_every_bad_row_is_reported_by_row_column_and_problem_and_nothing_is_written(world):
    programme = programme_for(world)
    bad = f"""{HEADER}
Improvement,1.1,Peer challenges,ongoing,,,,Peer challenges delivered,quantitative,lots,,at least,cumulative,
Improvement,1.2,Peer support,by date,,,,Councils supported,quantitative,150,,sideways,cumulative,
,1.3,Something,ongoing,,,,A KPI,milestone,5,,,,2019-13-01
Improvement,1.4,Something else,range,2020-01-01,2019-01-01,,Another,quantitative,,,,,
"""
    before = everything()
    with pytest.raises(ImportError_) as caught:
        import_outputs(programme, bad)
    found = {(e.row, e.column, e.problem) for e in caught.value.errors}
    assert (2, "target", "must be a number, not “lots”") in found
    assert (3, "direction", "must be one of at least, at most, not “sideways”") in found
    assert (4, "theme", "is empty") in found
    assert (4, "due date", "must be a date written 2019-04-01, not “2019-13-01”") in found
    assert (5, "timeframe end", "The output must end on or after it starts.") in found
    assert (5, "target", "Give the target a quantitative KPI is measured against.") in found
    assert "row 2, column “target”: must be a number" in str(caught.value)
    assert everything() == before


def test_the_model_rules_apply_to_imported_rows(world):
    programme = programme_for(world)
    rows = f"""{HEADER}
Improvement,1.1,Peer challenges,by date,,,,Peer challenges,quantitative,10,,,,
Improvement,1.1,Peer challenges,ongoing,,,,Other,quantitative,10,,,,
Improvement,1.2,Hub,ongoing,,,,Hub,milestone,3,,,,
Improvement,1.3,Count,ongoing,,,,Count,quantitative,10,,,,2020-01-01
"""
    with pytest.raises(ImportError_) as caught:
        import_outputs(programme, rows)
    found = {(e.row, e.column, e.problem) for e in caught.value.errors}
    assert (2, "timeframe end", "Give the date the output is due by.") in found
    assert (3, "output reference", "1.1 is described differently on another row") in found
    assert (4, "target", "A milestone is delivered or not: it has no target number.") in found
    assert (5, "due date", "Only a milestone has a due date.") in found
    assert not Output.objects.exists()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "the file is empty"),
        (b"\xff\xfe not utf-8", "the file is not UTF-8 text"),
        ("theme,output\n", "the header must name the columns"),
        (f"{HEADER}\nonly,three,cells\n", "3 cells where the header has 14"),
        (f"{HEADER}\n\x00\n", "NUL characters"),
    ],
)
def test_a_file_that_is_not_the_expected_csv_is_refused_with_the_reason(world, data, problem):
    with pytest.raises(ImportError_, match=problem):
        import_outputs(programme_for(world), data)
    assert not Output.objects.exists()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_any_mangled_file_either_imports_or_is_refused_with_nothing_written(world, data):
    """Fuzz: cut, repeat and garble the good file's cells; the import succeeds or raises
    ImportError_ naming rows, and a refusal leaves every table as it was."""
    programme = (
        Programme.objects.get(slug="fuzz")
        if Programme.objects.filter(slug="fuzz").exists()
        else programme_for(world, "fuzz")
    )
    lines = GOOD.splitlines()
    mangled = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        index = data.draw(st.integers(0, len(cells) - 1))
        cells[index] = data.draw(
            st.one_of(
                st.text(max_size=12),
                st.sampled_from(["-1", "1e99", "NaN", "", "\u202e", "2019-02-30"]),
            )
        )
        mangled.append(",".join(cells))
    text = "\n".join(mangled) + "\n"
    before = everything()
    try:
        import_outputs(programme, text)
    except ImportError_ as error:
        assert error.errors and all(e.row >= 1 for e in error.errors)
        assert everything() == before


# --- Actuals --------------------------------------------------------------------------------


def test_actuals_import_into_draft_returns_and_export_after_sign_off(world):
    programme = programme_for(world)
    import_outputs(programme, GOOD)
    manager = make_user("manager@example.org", "officer")
    programme.managers.add(manager)
    actuals = f"""{",".join(ACTUAL_COLUMNS)}
1.1,Peer challenges delivered,2019-04-01,30
1.1,Corporate peer challenges,2019-04-01,20
5.1,Hub launched,2019-04-01,no
2.1,Councillors on programmes,2019-07-01,"980"
"""
    assert import_actuals(programme, actuals, world.officer) == 4
    assert export_actuals(programme) == ",".join(ACTUAL_COLUMNS) + "\n"  # nothing signed off
    for record in Return.objects.all():
        submit_return(record)
        sign_off(record, manager)
    assert export_actuals(programme) == (
        "output reference,kpi,period start,actual\n"
        "1.1,Peer challenges delivered,2019-04-01,30\n"
        "1.1,Corporate peer challenges,2019-04-01,20\n"
        "5.1,Hub launched,2019-04-01,no\n"
        "2.1,Councillors on programmes,2019-07-01,980\n"
    )
    assert Actual.objects.get(kpi__description="Councillors on programmes").value == Decimal(980)


def test_bad_actuals_are_reported_by_row_and_nothing_is_written(world):
    programme = programme_for(world)
    import_outputs(programme, GOOD)
    actuals = f"""{",".join(ACTUAL_COLUMNS)}
1.1,Peer challenges delivered,2019-04-01,30
1.1,No such KPI,2019-04-01,30
1.1,Peer challenges delivered,2019-05-01,30
5.1,Hub launched,2019-04-01,maybe
1.1,Corporate peer challenges,2019-04-01,-4
"""
    with pytest.raises(ImportError_) as caught:
        import_actuals(programme, actuals, world.officer)
    found = {(e.row, e.column) for e in caught.value.errors}
    assert found == {(3, "kpi"), (4, "period start"), (5, "actual"), (6, "actual")}
    assert not Return.objects.exists() and not Actual.objects.exists()


def test_actuals_for_a_signed_off_return_are_refused(world):
    programme = programme_for(world)
    import_outputs(programme, GOOD)
    manager = make_user("manager@example.org", "officer")
    programme.managers.add(manager)
    line = f"{','.join(ACTUAL_COLUMNS)}\n1.1,Peer challenges delivered,2019-04-01,30\n"
    import_actuals(programme, line, world.officer)
    record = Return.objects.get()
    submit_return(record)
    sign_off(record, manager)
    with pytest.raises(ImportError_, match="is signed off; make a correction"):
        import_actuals(programme, line.replace(",30", ",31"), world.officer)
    assert Actual.objects.get().value == Decimal(30)
