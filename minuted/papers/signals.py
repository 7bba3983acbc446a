"""Signals other apps listen to, so that papers never imports the faces that follow it."""

from __future__ import annotations

from django.dispatch import Signal

# Sent by papers/publishing.publish_pack once a pack version (main or supplementary) is saved,
# inside the publishing transaction, with ``version`` (the PackVersion). The search index
# listens to rebuild that meeting's entries from the new public edition.
pack_published = Signal()
