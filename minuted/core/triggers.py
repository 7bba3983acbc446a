"""Database triggers that make published rows immutable on PostgreSQL, below the models (which
refuse too): not even raw SQL or a bulk ``QuerySet.update()`` can change what was published.
Other databases rely on the model layer. Used by migrations, so keep its output stable."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def refuse_changes(table: str, nullable: str) -> migrations.RunPython:
    """A migration operation adding a trigger that refuses UPDATE and DELETE on ``table``, but
    lets through ``nullable`` set to NULL with nothing else changed: what Django's
    ``on_delete=SET_NULL`` does when the row it points at (the publishing account) goes."""
    function, trigger = f"{table}_refuse_change", f"{table}_immutable"
    create = f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.{nullable} IS NULL
       AND (to_jsonb(NEW) - '{nullable}') = (to_jsonb(OLD) - '{nullable}') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION USING
        MESSAGE = 'A published version (' || TG_TABLE_NAME || ' id ' || OLD.id
            || ') cannot be changed or deleted; publish a new one.',
        ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {trigger} BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {function}();
"""
    drop = f"""
DROP TRIGGER IF EXISTS {trigger} ON {table};
DROP FUNCTION IF EXISTS {function}();
"""

    def forwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(create)

    def backwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(drop)

    return migrations.RunPython(forwards, backwards)
