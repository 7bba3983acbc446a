"""When a new member's register of interests is due: 28 days after becoming a member."""

from __future__ import annotations

from datetime import date

from minuted.record.rules.interests import registration_deadline, registration_reminder

ELECTED = date(2026, 5, 14)


def test_the_register_is_due_28_days_after_becoming_a_member():
    assert registration_deadline(ELECTED) == date(2026, 6, 11)


def test_a_new_member_is_reminded_until_the_deadline_day_inclusive():
    expected = "Interests are registered within 28 days of becoming a member: by 11 June 2026."
    assert registration_reminder(ELECTED, ELECTED) == expected
    assert registration_reminder(ELECTED, date(2026, 6, 11)) == expected


def test_no_reminder_after_the_deadline_before_the_membership_or_without_one():
    assert registration_reminder(ELECTED, date(2026, 6, 12)) == ""
    assert registration_reminder(ELECTED, date(2026, 5, 13)) == ""
    assert registration_reminder(None, ELECTED) == ""
