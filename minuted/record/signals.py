"""Signals other apps listen to, so that record never imports the faces that follow it."""

from __future__ import annotations

from django.dispatch import Signal

# Sent by record/publishing.publish_minutes once a minutes version is saved (a release of
# confidential decisions publishes one too), inside the publishing transaction, with
# ``version`` (the MinutesVersion). The search index listens to rebuild that meeting's entries.
minutes_published = Signal()
