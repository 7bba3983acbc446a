from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from minuted.governance.models import Organisation
from minuted.governance.services import default_organisation


def site_organisation(request: HttpRequest) -> Organisation | None:
    """The organisation whose site this is, looked up once per request: the page and its
    header and footer all need it."""
    if not hasattr(request, "_minuted_organisation"):
        request._minuted_organisation = default_organisation(  # type: ignore[attr-defined]
            settings.MINUTED_ORGANISATION
        )
    return request._minuted_organisation  # type: ignore[attr-defined, no-any-return]


def site(request: HttpRequest) -> dict[str, Any]:
    """The organisation whose site this is, for the header and footer of every page."""
    return {"site_organisation": site_organisation(request)}
