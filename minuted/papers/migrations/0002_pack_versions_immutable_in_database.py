"""On PostgreSQL a trigger refuses UPDATE and DELETE of published pack versions (see
minuted/core/triggers.py); deleting the account that published still works."""

from django.db import migrations

from minuted.core.triggers import refuse_changes


class Migration(migrations.Migration):
    dependencies = [
        ("papers", "0001_initial"),
    ]

    operations = [refuse_changes("papers_packversion", nullable="published_by_id")]
