"""The register of interests: when a new member's register is due (domain-rules.md §5). No
Django."""

from __future__ import annotations

from datetime import date, timedelta

REGISTRATION_DAYS = 28


def registration_deadline(became_member: date) -> date:
    """The last day to register interests: 28 days after becoming a member (Localism Act 2011
    s.30(1); "within 28 days" counts calendar days from the day after)."""
    return became_member + timedelta(days=REGISTRATION_DAYS)


def registration_reminder(became_member: date | None, today: date) -> str:
    """A reminder while a new member's 28 days run, else an empty string.

    >>> registration_reminder(date(2026, 5, 14), date(2026, 5, 20))
    'Interests are registered within 28 days of becoming a member: by 11 June 2026.'
    >>> registration_reminder(date(2026, 5, 14), date(2026, 6, 12))
    ''
    """
    if became_member is None or not became_member <= today <= registration_deadline(became_member):
        return ""
    deadline = registration_deadline(became_member)
    return (
        f"Interests are registered within {REGISTRATION_DAYS} days of becoming a member: "
        f"by {deadline.day} {deadline:%B %Y}."
    )
