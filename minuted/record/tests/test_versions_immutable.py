"""Published minutes versions and approved minutes cannot change below the view layer: the
models refuse, and on PostgreSQL a database trigger refuses even raw SQL on version rows
(migration record 0003)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from minuted.papers.models.pack import ImmutableError
from minuted.record.models import Decision, LockedError, MinutesVersion
from minuted.record.publishing import publish_minutes
from minuted.record.services import approve_minutes
from minuted.record.tests.test_minutes_document import SECRET, recorded  # noqa: F401


def test_a_published_minutes_version_refuses_changes_and_deletion(recorded, world):  # noqa: F811
    minutes, _, _ = recorded
    version = publish_minutes(minutes, world.clerk)
    version.reason = "Rewritten history"
    with pytest.raises(ImmutableError):
        version.save()
    with pytest.raises(ImmutableError):
        version.delete()
    table = MinutesVersion._meta.db_table
    if connection.vendor == "postgresql":
        for sql in (
            f"UPDATE {table} SET members_document = '{{}}' WHERE id = %s",
            f"DELETE FROM {table} WHERE id = %s",
        ):
            with (
                pytest.raises(DatabaseError, match="cannot be changed or deleted"),
                transaction.atomic(),
                connection.cursor() as cursor,
            ):
                cursor.execute(sql, [version.pk])
        with pytest.raises(DatabaseError), transaction.atomic():
            MinutesVersion.objects.filter(pk=version.pk).update(reason="Bulk rewrite")
    stored = MinutesVersion.objects.get(pk=version.pk)
    assert stored.reason == ""
    assert stored.members_document == version.members_document


def test_approved_minutes_refuse_changes_to_items_and_decisions(recorded):  # noqa: F811
    minutes, notices, approval = recorded
    approve_minutes(minutes, approval)
    notices.refresh_from_db()
    notices.discussion = "Added after approval"
    with pytest.raises(LockedError):
        notices.save()
    decision = Decision.objects.get(item=notices)
    decision.text = "Members agreed something else."
    with pytest.raises(LockedError):
        decision.save()
    with pytest.raises(LockedError):
        decision.delete()
    assert Decision.objects.get(pk=decision.pk).text == SECRET
    notices.refresh_from_db()
    assert notices.discussion == ""
