"""On PostgreSQL a trigger refuses UPDATE and DELETE of published minutes versions (see
minuted/core/triggers.py); deleting the account that published still works."""

from django.db import migrations

from minuted.core.triggers import refuse_changes


class Migration(migrations.Migration):
    dependencies = [
        ("record", "0002_attendance_as_recorded"),
    ]

    operations = [refuse_changes("record_minutesversion", nullable="published_by_id")]
