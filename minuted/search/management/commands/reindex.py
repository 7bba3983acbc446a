from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from minuted.search.indexing import reindex_all


class Command(BaseCommand):
    help = (
        "Rebuild the search index from public data: the public editions of the latest "
        "published packs and minutes, people and boards. Publishing and saving keep the index "
        "up to date; run this after restoring a database or upgrading Minuted."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = reindex_all()
        self.stdout.write(f"{count} entr{'y' if count == 1 else 'ies'} in the search index.")
