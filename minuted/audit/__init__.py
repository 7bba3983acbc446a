"""The audit trail. Use ``from minuted import audit`` then ``audit.record(...)``,
``with audit.change(row, "…"):`` around a save, or ``audit.deleted(row, "…")``."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    # Lazily, so that importing the package does not import models before apps are ready.
    if name in {"record", "change", "deleted", "snapshot"}:
        from minuted.audit import services

        return getattr(services, name)
    raise AttributeError(name)
