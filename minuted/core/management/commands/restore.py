from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from minuted.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup written by `minuted backup` into this database and the file storage. "
        "Every checksum is verified first and a damaged archive is refused; the database must "
        "be migrated to the same migrations as the backup and hold no data (run `minuted "
        "migrate` on a new database first). Everything is loaded in one transaction, and the "
        "files are moved into place only when the rows are in: a failure writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the archive written by `minuted backup`")
        parser.add_argument(
            "--force",
            action="store_true",
            help="the database already holds data: delete all of it (in the same transaction) "
            "and replace it with the archive's, and overwrite files that differ",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = restore_backup(options["path"], force=options["force"])
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["tables"].values())
        files = len(manifest["files"]) - 1
        self.stdout.write(
            f"Restored {rows} rows in {len(manifest['tables'])} tables and {files} "
            f"file{'s' if files != 1 else ''} from {options['path']}."
        )
