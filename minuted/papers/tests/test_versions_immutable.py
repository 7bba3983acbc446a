"""A published pack version cannot change or go away: the model refuses, and on PostgreSQL
a database trigger refuses even raw SQL (migration papers 0002)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from minuted.accounts.models import Role
from minuted.papers.models import PackVersion
from minuted.papers.models.pack import ImmutableError
from minuted.papers.publishing import publish_pack
from minuted.testing import make_user


def _published(agenda, world) -> PackVersion:
    return publish_pack(agenda.meeting, world.clerk)


def test_a_published_pack_version_refuses_changes_and_deletion_in_the_model(agenda, world):
    version = _published(agenda, world)
    version.reason = "Rewritten history"
    with pytest.raises(ImmutableError):
        version.save()
    with pytest.raises(ImmutableError):
        version.delete()
    stored = PackVersion.objects.get(pk=version.pk)
    assert stored.reason == ""


def test_a_published_pack_version_refuses_raw_sql_update_and_delete_on_postgresql(agenda, world):
    version = _published(agenda, world)
    table = PackVersion._meta.db_table
    statements = [
        f"UPDATE {table} SET reason = 'Rewritten' WHERE id = %s",
        f"UPDATE {table} SET public_document = '{{}}' WHERE id = %s",
        f"DELETE FROM {table} WHERE id = %s",
    ]
    for sql in statements:
        if connection.vendor == "postgresql":
            with (
                pytest.raises(DatabaseError, match="cannot be changed or deleted"),
                transaction.atomic(),
                connection.cursor() as cursor,
            ):
                cursor.execute(sql, [version.pk])
        else:
            # Without the trigger only the model layer guards the row (tested above).
            with pytest.raises(ImmutableError):
                version.save()
    stored = PackVersion.objects.get(pk=version.pk)
    assert (stored.reason, stored.public_document) == ("", version.public_document)
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            PackVersion.objects.filter(pk=version.pk).update(reason="Bulk rewrite")
        assert PackVersion.objects.get(pk=version.pk).reason == ""


def test_deleting_the_account_that_published_keeps_the_version(agenda, world):
    """The one change the trigger lets through: published_by set to NULL by on_delete."""
    publisher = make_user("leaver@example.org", Role.ADMINISTRATOR)
    version = publish_pack(agenda.meeting, publisher)
    publisher.delete()
    stored = PackVersion.objects.get(pk=version.pk)
    assert stored.published_by is None
    assert stored.public_document == version.public_document
