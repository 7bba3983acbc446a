"""The site's addresses plus one that fails, for testing what a server error sends."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from minuted.urls import urlpatterns as site


def fails(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug in a view")


urlpatterns = [path("test-only/fails/", fails), *site]
