"""Minuted's URLs plus /bench/constant/: a copy of the meeting page, read once, returned as
it is — the framework floor of bench/http.py."""

from __future__ import annotations

import os
from functools import cache

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


@cache
def _page() -> bytes:
    with open(os.environ["BENCH_CONSTANT_FILE"], "rb") as handle:
        return handle.read()


def constant(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_page(), content_type="text/html; charset=utf-8")


urlpatterns = [
    path("bench/constant/", constant),
    path("", include("minuted.urls")),
]
