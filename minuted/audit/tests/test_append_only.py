import pytest
from django.db import DatabaseError, connection, transaction

from minuted.audit.models import AppendOnly, AuditEntry
from minuted.audit.services import record


@pytest.fixture
def entry(db):
    return record("test.event", summary="Something happened")


def test_an_entry_cannot_be_saved_again(entry):
    entry.summary = "Nothing happened"
    with pytest.raises(AppendOnly):
        entry.save()
    assert AuditEntry.objects.get(pk=entry.pk).summary == "Something happened"


def test_an_entry_cannot_be_deleted(entry):
    with pytest.raises(AppendOnly):
        entry.delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_bulk_updates_and_deletes_are_refused(entry):
    with pytest.raises(AppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(summary="rewritten")
    with pytest.raises(AppendOnly):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).summary == "Something happened"


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditentry SET summary = 'rewritten' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ],
)
def test_the_database_refuses_raw_updates_and_deletes_on_postgresql(entry, sql):
    if connection.vendor != "postgresql":
        # SQLite has no trigger (its flush is a DELETE): the model and its QuerySet guard it.
        # The check still runs the statement, so a trigger added later is noticed here.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
        return
    with pytest.raises(DatabaseError, match="append-only"):  # noqa: SIM117
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).summary == "Something happened"
