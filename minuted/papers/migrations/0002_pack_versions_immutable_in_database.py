"""On PostgreSQL a trigger refuses UPDATE and DELETE of published pack versions, so that not
even raw SQL or a bulk ``QuerySet.update()`` can change what was published (the models refuse
too: PublishedEditions.save/delete). One change is let through: ``published_by`` set to NULL
with nothing else changed, which is what Django's ``on_delete=SET_NULL`` does when the account
that published is deleted (accounts are normally deactivated, but deleting one must not fail).
Other databases rely on the model layer only."""

from django.db import migrations

TABLE = "papers_packversion"
FUNCTION = "papers_packversion_refuse_change"
TRIGGER = "papers_packversion_immutable"

CREATE = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.published_by_id IS NULL
       AND (to_jsonb(NEW) - 'published_by_id') = (to_jsonb(OLD) - 'published_by_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION USING
        MESSAGE = 'A published version (' || TG_TABLE_NAME || ' id ' || OLD.id
            || ') cannot be changed or deleted; publish a new one.',
        ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {FUNCTION}();
"""

DROP = f"""
DROP TRIGGER IF EXISTS {TRIGGER} ON {TABLE};
DROP FUNCTION IF EXISTS {FUNCTION}();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("papers", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
