from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from minuted.governance.services import default_organisation


def site(request: HttpRequest) -> dict[str, Any]:
    """The organisation whose site this is, for the header and footer of every page."""
    return {"site_organisation": default_organisation(settings.MINUTED_ORGANISATION)}
