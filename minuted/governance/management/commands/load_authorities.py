from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from minuted.governance.authorities import DEFAULT_CSV, AuthorityDataError, load_authorities


class Command(BaseCommand):
    help = (
        "Load or update UK local authorities (GSS codes, names, types, dates) from a CSV in "
        "mySociety's uk_local_authority_names_and_codes format. Nothing is written unless "
        "every row is valid."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "csv",
            nargs="?",
            type=Path,
            default=DEFAULT_CSV,
            help="path to the CSV (default: the copy shipped with Minuted)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["csv"]
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        try:
            report = load_authorities(path)
        except AuthorityDataError as error:
            raise CommandError(
                "Nothing was loaded. Problems:\n" + "\n".join(error.problems)
            ) from error
        self.stdout.write(
            f"Authorities: {report.created} created, {report.updated} updated from {path}"
        )
