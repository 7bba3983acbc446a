"""Backup and restore: a restored archive reproduces every table and every file, and a damaged
archive or a database that already holds data is refused with nothing written."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from minuted.accounts.models import User
from minuted.core.backup import read_stored, rows_present, serialize_database, stored_files
from minuted.demo.loader import load
from minuted.papers.models import PackVersion
from minuted.record.models import MinutesVersion

pytestmark = pytest.mark.django_db(transaction=True)


def every_row() -> dict[tuple[str, Any], dict[str, Any]]:
    text, _ = serialize_database()
    return {(obj["model"], obj["pk"]): obj["fields"] for obj in json.loads(text)}


def every_file() -> dict[str, str]:
    """Every stored file's SHA-256, read through the storage the project is configured with."""
    return {name: hashlib.sha256(read_stored(name)).hexdigest() for name in stored_files()}


def differences(before: dict[Any, Any], after: dict[Any, Any]) -> list[Any]:
    return sorted(
        (key for key in before.keys() | after.keys() if before.get(key) != after.get(key)),
        key=repr,
    )


@pytest.fixture
def published_world() -> None:
    """The demonstration board: two meetings, a published pack (PDFs on disk), published and
    approved minutes; plus a group with a permission, a many-to-many by natural key."""
    load(with_accounts=True, with_meetings=True)
    group = Group.objects.create(name="Auditors")
    group.permissions.add(Permission.objects.get(codename="view_user"))
    User.objects.order_by("pk").first().groups.add(group)  # type: ignore[union-attr]


def empty_everything() -> None:
    call_command("flush", interactive=False, verbosity=0)
    for name in list(stored_files()):
        default_storage.delete(name)


def test_a_restored_backup_reproduces_every_table_and_file(published_world, tmp_path):
    rows, files = every_row(), every_file()
    assert PackVersion.objects.exists() and MinutesVersion.objects.exists()
    assert any(name.endswith(".pdf") for name in files)
    archive = tmp_path / "minuted-backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    empty_everything()
    assert rows_present() == {} and every_file() == {}
    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)

    assert differences(rows, every_row()) == []
    assert differences(files, every_file()) == []
    assert len(rows) > 100 and f"Restored {len(rows)} rows" in out.getvalue()
    # New rows get fresh ids after the restore: the sequences were moved past the loaded ones.
    Group.objects.create(name="Created after the restore")


IN_MEMORY = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def test_backup_and_restore_work_on_a_storage_that_is_not_the_filesystem(settings, tmp_path):
    """Object storage (FILE_STORAGE_BACKEND) holds files nowhere under MEDIA_ROOT: Django's
    in-memory storage stands for it, so publishing, downloading, backing up and restoring must
    all go through the storage API."""
    settings.STORAGES = IN_MEMORY
    load(with_accounts=True, with_meetings=True)
    rows, files = every_row(), every_file()
    assert any(name.endswith(".pdf") for name in files)
    assert not Path(settings.MEDIA_ROOT).exists() or not any(Path(settings.MEDIA_ROOT).iterdir())
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    empty_everything()
    assert every_file() == {}
    call_command("restore", str(archive), stdout=io.StringIO())

    assert differences(rows, every_row()) == []
    assert differences(files, every_file()) == []
    pack = PackVersion.objects.filter(kind="main").select_related("meeting__board").first()
    assert pack is not None
    url = reverse(
        "pack-pdf",
        kwargs={
            "board": pack.meeting.board.slug,
            "meeting": pack.meeting.slug,
            "number": pack.number,
            "edition": "public",
        },
    )
    response = Client().get(url)
    assert response.status_code == 200
    assert response.getvalue() == read_stored(str(pack.public_pdf.name))


def test_the_manifest_holds_a_checksum_of_every_file_and_the_rows_of_every_table(
    published_world, tmp_path
):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
        for name, entry in manifest["files"].items():
            data = tar.extractfile(name).read()  # type: ignore[union-attr]
            assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    assert manifest["tables"]["papers.packversion"] == PackVersion.objects.count()
    assert set(manifest["files"]) == {"database.json"} | {f"media/{f}" for f in every_file()}


def damage(archive: Path, member: str) -> Path:
    damaged = archive.with_name("damaged.tar.gz")
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for info in source.getmembers():
            data = source.extractfile(info).read()  # type: ignore[union-attr]
            if info.name == member:
                data = data.replace(b"Improvement", b"Impr0vement", 1)
                info.size = len(data)
            target.addfile(info, io.BytesIO(data))
    return damaged


def test_a_damaged_archive_is_refused_and_nothing_is_written(published_world, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    damaged = damage(archive, "database.json")
    empty_everything()

    with pytest.raises(CommandError, match="checksum of database.json does not match"):
        call_command("restore", str(damaged), stdout=io.StringIO())
    with pytest.raises(CommandError, match="not a readable backup archive"):
        (tmp_path / "junk.tar.gz").write_bytes(b"not an archive")
        call_command("restore", str(tmp_path / "junk.tar.gz"), stdout=io.StringIO())

    assert rows_present() == {}
    assert every_file() == {}


def test_a_database_with_data_is_refused_unless_forced(published_world, tmp_path):
    rows, files = every_row(), every_file()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    Group.objects.create(name="Added after the backup")

    with pytest.raises(CommandError, match="not empty .*--force"):
        call_command("restore", str(archive), stdout=io.StringIO())
    assert Group.objects.filter(name="Added after the backup").exists()

    call_command("restore", str(archive), force=True, stdout=io.StringIO())
    assert differences(rows, every_row()) == []
    assert differences(files, every_file()) == []


def with_a_broken_row(archive: Path) -> Path:
    """The archive with a report paragraph pointing at a section that does not exist, and a
    manifest rewritten to match: it passes the checksums and fails while loading."""
    broken = archive.with_name("broken.tar.gz")
    with tarfile.open(archive) as source:
        contents = {i.name: source.extractfile(i).read() for i in source.getmembers()}  # type: ignore[union-attr]
    objects = json.loads(contents["database.json"])
    paragraph = next(o for o in objects if o["model"] == "papers.reportparagraph")
    paragraph["fields"]["section"] = 999_999
    contents["database.json"] = json.dumps(objects).encode()
    manifest = json.loads(contents["manifest.json"])
    manifest["files"]["database.json"]["sha256"] = hashlib.sha256(
        contents["database.json"]
    ).hexdigest()
    contents["manifest.json"] = json.dumps(manifest).encode()
    with tarfile.open(broken, "w:gz") as target:
        for name, data in contents.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            target.addfile(info, io.BytesIO(data))
    return broken


def test_a_load_that_fails_half_way_writes_no_rows_and_no_files(published_world, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    broken = with_a_broken_row(archive)
    empty_everything()

    with pytest.raises(CommandError, match="could not be loaded.*nothing was written"):
        call_command("restore", str(broken), stdout=io.StringIO())

    assert rows_present() == {}
    assert every_file() == {}


def rewritten(archive: Path, change: Any) -> Path:
    """The archive with ``change(manifest, rows)`` applied and its checksums made to match,
    so that the damage gets past the checksum check."""
    with tarfile.open(archive) as source:
        members = {m.name: source.extractfile(m).read() for m in source.getmembers()}  # type: ignore[union-attr]
    manifest = json.loads(members.pop("manifest.json"))
    rows = json.loads(members["database.json"])
    manifest, rows = change(manifest, rows)
    members["database.json"] = json.dumps(rows).encode()
    if isinstance(manifest.get("files"), dict) and "database.json" in manifest["files"]:
        digest = hashlib.sha256(members["database.json"]).hexdigest()
        manifest["files"]["database.json"]["sha256"] = digest
    target = archive.with_name("rewritten.tar.gz")
    with tarfile.open(target, "w:gz") as tar:
        for name, data in {"manifest.json": json.dumps(manifest).encode(), **members}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return target


def _without_model(manifest: Any, rows: Any) -> Any:
    del rows[0]["model"]
    return manifest, rows


def _unknown_field(manifest: Any, rows: Any) -> Any:
    rows[0]["fields"]["no_such_field"] = 1
    return manifest, rows


def _files_not_a_mapping(manifest: Any, rows: Any) -> Any:
    manifest["files"] = [1]
    return manifest, rows


def _no_table_counts(manifest: Any, rows: Any) -> Any:
    del manifest["tables"]
    return manifest, rows


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_without_model, "row 1 has no model and fields"),
        (lambda m, r: (m, 1), "not a list of rows"),
        (_unknown_field, "could not be loaded .*no_such_field"),
        (_files_not_a_mapping, "'files' must give each checksum"),
        (_no_table_counts, "'tables' must count each table"),
    ],
)
def test_a_well_checksummed_but_malformed_archive_is_refused_and_nothing_is_written(
    world, tmp_path, change, message
):
    """Each was a KeyError, TypeError or FieldDoesNotExist traceback (found by fuzzing); the
    last restored the rows and then failed counting them."""
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    rows = every_row()
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(rewritten(archive, change)), "--force", stdout=io.StringIO())
    assert differences(rows, every_row()) == []
