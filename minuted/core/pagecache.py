"""A cache of public pages for anonymous visitors, so that the pages everyone reads — a
published meeting, its pack, the board — cost one small query instead of a full render.

Only a GET or HEAD with no session, no messages and no Authorization header is served from
the cache, never under /manage/, /admin/ or the sign-in pages; only a complete 200 response
that sets no cookie, used no CSRF token and is not private is stored. Pages are keyed on a
generation number that every save or delete of any model bumps (inside the same transaction,
so a rolled-back change retires nothing), and expire after PUBLIC_PAGE_CACHE_SECONDS anyway,
which also bounds the life of a page after a bulk update that sends no signals. Set the
setting to 0 to turn the cache off (the test suite does, except where it tests the cache).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

from minuted.core.models import PublicGeneration

NEVER_CACHED = ("/manage/", "/admin/", "/sign-in/", "/sign-out/")
LARGEST = 2 * 1024 * 1024  # bytes; bigger responses (PDFs) are files, served as files
# Saving these changes nothing anyone sees: sessions, the admin log, migration records,
# permissions, the audit trail; or is derived from rows whose own save already bumped (the
# search and OParl indexes, rewritten row by row on every publish: one UPDATE each would put
# dozens of writes to one hot row on the publishing path).
QUIET_APPS = frozenset(
    {"sessions", "admin", "contenttypes", "migrations", "auth", "audit", "search", "interop"}
)


def generation() -> int:
    value = PublicGeneration.objects.filter(pk=1).values_list("value", flat=True).first()
    return int(value or 0)


def bump(sender: Any, **kwargs: Any) -> None:
    """Retire every cached page: something was saved or deleted."""
    if sender is PublicGeneration or sender._meta.app_label in QUIET_APPS:
        return
    if sender.__module__ == "__fake__":  # a migration's historical model: no pages yet
        return
    if not PublicGeneration.objects.filter(pk=1).update(value=F("value") + 1):
        PublicGeneration.objects.get_or_create(pk=1, defaults={"value": 1})


def connect() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(bump, dispatch_uid=f"minuted-page-generation-{signal}")


def _may_use_cache(request: HttpRequest) -> bool:
    return (
        settings.PUBLIC_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path.startswith(NEVER_CACHED)
    )


def _may_store(request: HttpRequest, response: HttpResponseBase) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and isinstance(response, HttpResponse)
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in control
        and "no-store" not in control
        and len(response.content) <= LARGEST
    )


class PublicPageCacheMiddleware:
    """Placed before the session middleware, so that a cached page skips the rest."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not _may_use_cache(request):
            return self.get_response(request)
        # Open data (OParl ids, feed links) holds absolute URLs: the host is part of the page.
        path = f"{request.scheme}://{request.get_host()}{request.get_full_path()}".encode()
        key = f"minuted:page:{generation()}:{request.method}:{hashlib.sha256(path).hexdigest()}"
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            hit = HttpResponse(content)
            for name, value in headers:
                hit[name] = value
            return hit
        response = self.get_response(request)
        if _may_store(request, response):
            assert isinstance(response, HttpResponse)
            cache.set(
                key,
                (response.content, list(response.items())),
                settings.PUBLIC_PAGE_CACHE_SECONDS,
            )
        return response
