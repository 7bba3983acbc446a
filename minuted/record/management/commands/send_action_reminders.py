from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from minuted.record.actions import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail the owners of actions that fall due in 7 days or tomorrow. Run it once a day "
        "from a scheduler (cron, a systemd timer)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_reminders(timezone.localdate())
        self.stdout.write(f"{sent} reminder{'s' if sent != 1 else ''} sent.")
