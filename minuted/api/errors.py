"""Errors the API answers with: always JSON, always saying what was wrong and where.

| status | when |
|---|---|
| 400 | a parameter or body field fails the schema (type, format, range), or the body is not JSON |
| 401 | a write without a valid token |
| 403 | the token's owner may not do this (the visibility policy says no) |
| 404 | no such object (or not one the caller may know of) |
| 409 | the record is locked: approved minutes cannot change |
| 422 | the request is well formed but the rules refuse it (a field's message says why) |

Never a 500 for bad input: the schemathesis test sends every endpoint generated requests."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError

from minuted.record.models import LockedError


class FieldError(Schema):
    field: str | None  # "limit", "title", "marks.0.status"; null for the request as a whole
    location: str  # "query", "path", "body"
    message: str


class Error(Schema):
    detail: str
    errors: list[FieldError] = []


def _codes(*codes: int) -> dict[int, type[Error]]:
    return dict.fromkeys(codes, Error)


# What each kind of endpoint may answer besides success, for the OpenAPI document.
READ_ERRORS = _codes(400)
READ_ONE_ERRORS = _codes(400, 404)
WRITE_ERRORS = _codes(400, 401, 403, 404, 409, 422)

AUTH_HINT = "Send an API token as the header 'Authorization: Bearer <token>' (docs/api.md)."


def _response(
    api: NinjaAPI, request: HttpRequest, status: int, detail: str, errors: Iterable[FieldError] = ()
) -> HttpResponse:
    body = Error(detail=detail, errors=list(errors)).model_dump()
    return api.create_response(request, body, status=status)


def _schema_errors(exc: SchemaValidationError) -> list[FieldError]:
    out = []
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ())]
        location = loc[0] if loc else "body"
        # A body's loc names the view's parameter ("body", "payload", "title"): drop it.
        path = loc[2:] if location == "body" and len(loc) > 2 else loc[1:]
        out.append(
            FieldError(
                field=".".join(path) or None,
                location=location,
                message=str(error.get("msg", "is not valid")),
            )
        )
    return out


def django_errors(error: DjangoValidationError) -> list[FieldError]:
    if not hasattr(error, "error_dict"):
        return [FieldError(field=None, location="body", message=m) for m in error.messages]
    return [
        FieldError(
            field=None if name == NON_FIELD_ERRORS else name, location="body", message=message
        )
        for name, messages in error.message_dict.items()
        for message in messages
    ]


def install(api: NinjaAPI) -> None:
    """Put the API's error answers in place of django-ninja's defaults."""

    def schema_error(request: HttpRequest, exc: Any) -> HttpResponse:
        errors = _schema_errors(exc)
        named = "; ".join(f"{e.field or e.location}: {e.message}" for e in errors)
        return _response(api, request, 400, f"Invalid request. {named}", errors)

    def http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return _response(api, request, exc.status_code, str(exc))

    def unauthenticated(request: HttpRequest, exc: Any) -> HttpResponse:
        response = _response(api, request, 401, f"No valid API token. {AUTH_HINT}")
        response["WWW-Authenticate"] = "Bearer"
        return response

    def forbidden(request: HttpRequest, exc: Any) -> HttpResponse:
        return _response(api, request, 403, str(exc) or "You may not do this.")

    def not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return _response(api, request, 404, str(exc) or "Not found.")

    def locked(request: HttpRequest, exc: Any) -> HttpResponse:
        return _response(api, request, 409, " ".join(exc.messages))

    def refused(request: HttpRequest, exc: Any) -> HttpResponse:
        errors = django_errors(exc)
        named = "; ".join(f"{e.field}: {e.message}" if e.field else e.message for e in errors)
        return _response(api, request, 422, f"Not saved. {named}", errors)

    api.add_exception_handler(SchemaValidationError, schema_error)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(LockedError, locked)
    api.add_exception_handler(DjangoValidationError, refused)
