import datetime as dt

from minuted.core.formats import clock, long_date, time_window


def test_dates_read_as_on_an_agenda():
    assert long_date(dt.date(2019, 10, 29)) == "Tuesday 29 October 2019"


def test_times_use_the_uk_style():
    assert clock(dt.time(11, 0)) == "11.00 am"
    assert clock(dt.time(13, 30)) == "1.30 pm"
    assert clock(dt.time(12, 0)) == "12.00 noon"
    assert clock(dt.time(0, 15)) == "12.15 am"
    assert time_window(dt.time(10), dt.time(11)) == "10.00 am to 11.00 am"
