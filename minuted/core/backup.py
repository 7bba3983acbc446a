"""Backup and restore: one archive holding the whole database as portable JSON, the media
files (published PDFs) and a manifest of SHA-256 checksums and row counts.

``write_backup`` reads every model inside one read-only transaction (REPEATABLE READ on
PostgreSQL, a single read transaction on SQLite), so the dump is a consistent snapshot.
``restore_backup`` verifies every checksum before touching anything, refuses a database that
already holds data unless told to replace it, loads every row in one transaction and only then
writes the media files, removing them again if anything fails: a damaged archive or a failed
load writes nothing.

Files are read and written through Django's default storage, so the same archive comes from
and goes to ``MEDIA_ROOT`` or an object-storage bucket (``FILE_STORAGE_BACKEND``).

Content types and permissions are not dumped: ``migrate`` creates them, and rows that point at
them are written with natural keys (``["papers", "report"]``) so they resolve in any database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import posixpath
import tarfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "minuted-backup/1"
MANIFEST = "manifest.json"
DATABASE = "database.json"
MEDIA = "media"
# Created by ``migrate`` in every database; rows pointing at them use natural keys.
NOT_DUMPED = frozenset({"contenttypes.contenttype", "auth.permission"})
# Saving any row bumps the page-cache counter (core/pagecache.py): load it last.
LOADED_LAST = frozenset({"core.publicgeneration"})


class ExactEncoder(DjangoJSONEncoder):
    """Django's encoder, except that times keep their microseconds (it rounds them to
    milliseconds, which a restore would then not reproduce)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """A backup cannot be written or restored; the message says why."""


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def dumped_models() -> list[type[models.Model]]:
    """Every concrete model of every installed app, in dependency order."""
    app_list = {config: None for config in apps.get_app_configs()}
    ordered = serializers.sort_dependencies(app_list.items(), allow_cycles=True)
    return [
        model
        for model in ordered
        if model._meta.managed
        and not model._meta.proxy
        and not model._meta.swapped
        and _label(model) not in NOT_DUMPED
    ]


def serialize_database(using: str = DEFAULT_DB_ALIAS) -> tuple[str, dict[str, int]]:
    """The whole database as JSON (a list of objects, by pk within each model) and the row
    count of each model. Call inside a transaction for a consistent result."""
    objects: list[Any] = []
    counts: dict[str, int] = {}
    for model in dumped_models():
        rows = list(model._base_manager.using(using).order_by("pk"))
        counts[_label(model)] = len(rows)
        objects.extend(
            serializers.serialize(
                "python", rows, use_natural_foreign_keys=True, use_natural_primary_keys=False
            )
        )
    text = json.dumps(objects, cls=ExactEncoder, indent=1, sort_keys=True)
    return text, counts


def _migrations(using: str) -> list[list[str]]:
    recorder = MigrationRecorder(connections[using])
    return sorted([app, name] for app, name in recorder.applied_migrations())


def stored_files(storage: Storage | None = None, directory: str = "") -> Iterator[str]:
    """The name of every file in the storage (the default storage unless given), in order."""
    storage = storage or default_storage
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:  # a filesystem storage whose MEDIA_ROOT is not made yet
        return
    for name in sorted(files):
        yield posixpath.join(directory, name)
    for name in sorted(directories):
        yield from stored_files(storage, posixpath.join(directory, name))


def read_stored(name: str, storage: Storage | None = None) -> bytes:
    with (storage or default_storage).open(name, "rb") as file:
        return file.read()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _snapshot(using: str) -> tuple[str, dict[str, int], list[list[str]]]:
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql" and outermost:
            # The first statement of the transaction: every later read sees one snapshot.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        text, counts = serialize_database(using)
        return text, counts, _migrations(using)


def write_backup(path: Path | str, using: str = DEFAULT_DB_ALIAS) -> dict[str, Any]:
    """Write the archive (a .tar.gz) to ``path``; return its manifest."""
    path = Path(path)
    text, counts, applied = _snapshot(using)
    database = text.encode()
    files: dict[str, dict[str, Any]] = {
        DATABASE: {"sha256": _sha256(database), "bytes": len(database)}
    }
    media = list(stored_files())
    for name in media:
        data = read_stored(name)
        files[f"{MEDIA}/{name}"] = {"sha256": _sha256(data), "bytes": len(data)}
    manifest = {
        "format": FORMAT,
        "database_vendor": connections[using].vendor,
        "migrations": applied,
        "tables": counts,
        "files": files,
    }
    partial = path.with_name(path.name + ".partial")
    with tarfile.open(partial, "w:gz") as archive:
        _add(archive, MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
        _add(archive, DATABASE, database)
        for name in media:
            data = read_stored(name)
            if _sha256(data) != files[f"{MEDIA}/{name}"]["sha256"]:
                raise BackupError(f"{name} changed while it was being backed up; try again")
            _add(archive, f"{MEDIA}/{name}", data)
    os.replace(partial, path)
    return manifest


def _add(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o644
    archive.addfile(info, io.BytesIO(data))


def read_archive(path: Path | str) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The manifest and every file of the archive, each checked against its checksum."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            contents: dict[str, bytes] = {}
            for member in archive.getmembers():
                if not member.isfile():
                    raise BackupError(f"the archive holds {member.name!r}, which is not a file")
                pure = PurePosixPath(member.name)
                if pure.is_absolute() or ".." in pure.parts:
                    raise BackupError(f"the archive holds an unsafe path {member.name!r}")
                extracted = archive.extractfile(member)
                assert extracted is not None
                contents[member.name] = extracted.read()
    except (OSError, tarfile.TarError, EOFError) as error:
        raise BackupError(f"{path} is not a readable backup archive ({error})") from error
    if MANIFEST not in contents:
        raise BackupError(f"{path} has no {MANIFEST}: it is not a Minuted backup")
    try:
        manifest = json.loads(contents.pop(MANIFEST))
    except ValueError as error:
        raise BackupError(f"the manifest of {path} is not valid JSON ({error})") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a {FORMAT} archive")
    _check_manifest(manifest, path)
    listed = manifest["files"]
    for name in sorted(set(listed) | set(contents)):
        if name not in contents:
            raise BackupError(f"the archive is damaged: {name} is missing")
        if name not in listed:
            raise BackupError(f"the archive is damaged: {name} is not in the manifest")
        if _sha256(contents[name]) != listed[name].get("sha256"):
            raise BackupError(f"the archive is damaged: the checksum of {name} does not match")
    return manifest, contents


def _check_manifest(manifest: dict[str, Any], path: Path | str) -> None:
    """The manifest's ``files`` map each name to its checksum and ``tables`` each model to a
    row count, as ``write_backup`` writes them."""
    files, tables = manifest.get("files"), manifest.get("tables")
    if not isinstance(files, dict) or not all(
        isinstance(entry, dict) and isinstance(entry.get("sha256"), str) for entry in files.values()
    ):
        raise BackupError(f"the manifest of {path} is damaged: 'files' must give each checksum")
    if not isinstance(tables, dict) or not all(
        isinstance(count, int) and not isinstance(count, bool) for count in tables.values()
    ):
        raise BackupError(f"the manifest of {path} is damaged: 'tables' must count each table")


def _check_rows(objects: Any) -> None:
    """The dump is a list of rows, each naming its model and holding a mapping of fields."""
    if not isinstance(objects, list):
        raise BackupError("the database dump is damaged: it is not a list of rows")
    for number, obj in enumerate(objects, start=1):
        if not (
            isinstance(obj, dict)
            and isinstance(obj.get("model"), str)
            and isinstance(obj.get("fields"), dict)
        ):
            raise BackupError(
                f"the database dump is damaged: row {number} has no model and fields ({obj!r:.80})"
            )


def rows_present(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Models that already hold rows (content types and permissions aside)."""
    present = {}
    for model in dumped_models():
        count = model._base_manager.using(using).count()
        if count:
            present[_label(model)] = count
    return present


def restore_backup(
    path: Path | str, *, force: bool = False, using: str = DEFAULT_DB_ALIAS
) -> dict[str, Any]:
    """Restore the archive into the database and the file storage; return its manifest."""
    manifest, contents = read_archive(path)
    if manifest.get("migrations") != _migrations(using):
        raise BackupError(
            "the database's migrations differ from the archive's: run `minuted migrate` with "
            "the Minuted version that wrote the backup, then restore"
        )
    present = rows_present(using)
    if present and not force:
        listed = ", ".join(f"{label} ({count})" for label, count in sorted(present.items()))
        raise BackupError(
            f"the database is not empty ({listed}); restore into an empty, migrated database, "
            "or give --force to delete everything in it and replace it with the archive"
        )
    try:
        objects = json.loads(contents[DATABASE])
    except ValueError as error:
        raise BackupError(f"the database dump is not valid JSON ({error})") from error
    _check_rows(objects)
    objects.sort(key=lambda obj: obj["model"] in LOADED_LAST)  # stable: order kept otherwise

    media = {
        name[len(MEDIA) + 1 :]: data
        for name, data in contents.items()
        if name.startswith(f"{MEDIA}/")
    }
    written: list[str] = []
    try:
        with transaction.atomic(using=using):
            if present:
                _empty(using)
            try:
                _load(objects, using)
            except (
                DatabaseError,
                DeserializationError,
                LookupError,
                FieldDoesNotExist,  # a field the model does not have
                ValidationError,
                ValueError,
                TypeError,
            ) as error:
                reason = " ".join(str(error).split())
                raise BackupError(
                    f"the archive's rows could not be loaded ({reason}); nothing was written"
                ) from error
            # The files last, still inside the transaction: if one cannot be written, the
            # rows roll back and the files already written are removed below.
            for name, data in media.items():
                if _store(name, data, force=force):
                    written.append(name)
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    return manifest


def _store(name: str, data: bytes, *, force: bool) -> bool:
    """Write one file under its own name; False if the storage already holds the same bytes."""
    if default_storage.exists(name):
        if read_stored(name) == data:
            return False
        if not force:
            raise BackupError(f"the stored file {name} exists and differs; give --force")
        default_storage.delete(name)
    saved = default_storage.save(name, ContentFile(data))
    if saved != name:
        default_storage.delete(saved)
        raise BackupError(f"the storage would not keep {name} under its own name")
    return True


def _empty(using: str) -> None:
    connection = connections[using]
    tables = set()
    for model in dumped_models():
        tables.add(model._meta.db_table)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through is not None and through._meta.auto_created:
                tables.add(through._meta.db_table)
    statements = connection.ops.sql_flush(
        no_style(), sorted(set(tables)), reset_sequences=False, allow_cascade=False
    )
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _load(objects: list[Any], using: str) -> None:
    connection = connections[using]
    loaded: set[type[models.Model]] = set()
    with connection.constraint_checks_disabled():
        deserialized = serializers.deserialize(
            "python", objects, using=using, handle_forward_references=True
        )
        deferred = []
        for obj in deserialized:
            obj.save(using=using)
            loaded.add(type(obj.object))
            if obj.deferred_fields:
                deferred.append(obj)
        for obj in deferred:
            obj.save_deferred_fields(using=using)
    connection.check_constraints(table_names=[model._meta.db_table for model in loaded])
    statements = connection.ops.sequence_reset_sql(no_style(), list(loaded))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
