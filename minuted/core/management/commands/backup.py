from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from minuted.core.backup import BackupError, write_backup


class Command(BaseCommand):
    help = (
        "Write one consistent backup archive (.tar.gz) to PATH: every table as portable JSON, "
        "read in a single read-only transaction, the stored files (published PDFs, uploads) "
        "and a manifest with the SHA-256 checksum of every file and the row count of every "
        "table. `minuted restore PATH` puts it back."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="where to write the archive, e.g. minuted-backup.tar.gz")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = write_backup(options["path"])
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["tables"].values())
        files = len(manifest["files"]) - 1
        self.stdout.write(
            f"Backed up {rows} rows in {len(manifest['tables'])} tables and {files} "
            f"file{'s' if files != 1 else ''} to {options['path']}."
        )
