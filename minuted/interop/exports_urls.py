"""Calendars, feeds and CSV downloads beside the public pages (see minuted/interop/urls.py).

``/boards/<board>/<term>/`` is a public page whose term is a slug; "membership.csv" is not a
slug, so the CSV addresses below never reach it (tests check that resolve() picks these)."""

from django.urls import path

from minuted.interop import calendars, exports, feeds

urlpatterns = [
    path("calendar.ics", calendars.calendar, name="calendar"),
    path("boards/<slug:board>/calendar.ics", calendars.board_calendar, name="board-calendar"),
    path("feeds/papers.atom", feeds.all_papers, name="papers-feed"),
    path("boards/<slug:board>/papers.atom", feeds.board_papers, name="board-papers-feed"),
    path("feeds/decisions.atom", feeds.all_decisions, name="decisions-feed"),
    path("boards/<slug:board>/decisions.atom", feeds.board_decisions, name="board-decisions-feed"),
    path(
        "boards/<slug:board>/<slug:term>/membership.csv",
        exports.membership_csv,
        name="board-membership-csv",
    ),
    path(
        "boards/<slug:board>/<slug:term>/attendance.csv",
        exports.attendance_csv,
        name="board-attendance-csv",
    ),
    path("decisions.csv", exports.decisions_csv, name="decisions-csv"),
    path("boards/<slug:board>/actions.csv", exports.actions_csv, name="board-actions-csv"),
]
