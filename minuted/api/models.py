"""API tokens: how a program acts for a user on the JSON API's write endpoints.

Only a digest of each token is kept, so a copy of the database gives no one a working token;
the token itself is shown once, when it is issued (at /manage/me/api-tokens/ or with
``minuted api_token create``). Each token belongs to one board and may write only to it."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from minuted.core.models import Record


class ApiToken(Record):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    # The one board the token may write to (and read the clerk's view of). Tokens issued before
    # tokens had a board have none, and may write nothing (minuted/api/auth.py, docs/api.md).
    board = models.ForeignKey(
        "governance.Board",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="api_tokens",
    )
    name = models.CharField(max_length=100)  # what it is for: "Committee import script"
    # The token's first characters ("mtd_Ab12Cd34"), to tell tokens apart in lists and logs;
    # too short to be of use to anyone who reads them.
    prefix = models.CharField(max_length=16)
    # SHA-256 of the whole token, hex. Tokens carry 256 random bits, so a fast hash is enough
    # (as for GitHub's tokens); a slow password hash would only slow every request.
    digest = models.CharField(max_length=64, unique=True)
    last_used = models.DateTimeField(null=True, blank=True)  # the last request it authenticated
    revoked_at = models.DateTimeField(null=True, blank=True)  # set once; a revoked token is dead

    class Meta:
        ordering = ["owner", "-created"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
