from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from minuted.demo.loader import IIB, DemoDataError, load
from minuted.governance.models import Organisation


class Command(BaseCommand):
    help = (
        "Load demonstration data (default: the Improvement and Innovation Board of the "
        "example agenda pack, with one sign-in account per role) into an empty database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", type=Path, default=IIB, help="YAML file")
        parser.add_argument(
            "--no-accounts", action="store_true", help="do not create the demo sign-in accounts"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if Organisation.objects.exists():
            raise CommandError("The database already has data; demo data goes into an empty one.")
        try:
            board = load(
                options["path"], with_accounts=not options["no_accounts"], with_meetings=True
            )
        except DemoDataError as error:
            raise CommandError(f"Nothing was loaded: {error}") from error
        self.stdout.write(f"Loaded {board.name} and its memberships.")
