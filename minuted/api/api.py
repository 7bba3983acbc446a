"""The JSON API, version 1, at /api/v1/ (docs/api.md): routers, authentication, errors and
the OpenAPI document. Each router is one part of the domain; this module only assembles them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI, Schema
from ninja.operation import Operation

from minuted.api import errors
from minuted.api.presenters import api_url
from minuted.api.routers import attendance, governance, meetings, minutes, papers, programmes

DESCRIPTION = """\
Public data of the boards Minuted runs — boards, terms, memberships, people, meetings with
their published agendas, papers, decisions, actions and attendance — for anyone, without a
key; and, for the boards' clerks with an API token (`Authorization: Bearer <token>`),
writes to meetings, agenda items, attendance, decisions and actions.

Papers, decisions and actions are read from the public editions of published versions only:
nothing exempt or confidential is served. Lists are paginated with `limit` and `offset`.
See docs/api.md."""


class MinutedAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        # Stable, readable ids ("list_meetings") for clients generated from the document.
        return operation.view_func.__name__


api = MinutedAPI(
    title="Minuted API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs_url="/docs",
)
errors.install(api)


class Index(Schema):
    openapi: str
    docs: str
    endpoints: dict[str, str]


@api.get("/", response=Index, tags=["index"])
def index(request: HttpRequest) -> Any:
    """Where to start: the OpenAPI document, its documentation page and the lists."""
    names = ["organisations", "boards", "terms", "groups", "people", "memberships"]
    names += ["meetings", "papers", "decisions", "actions", "programmes"]
    return {
        "openapi": api_url(request, "openapi-json"),
        "docs": api_url(request, "openapi-view"),
        "endpoints": {name: request.build_absolute_uri(name) for name in names},
    }


for module in (governance, meetings, papers, attendance, minutes, programmes):
    api.add_router("", module.router)
