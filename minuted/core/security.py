"""HTTP hardening Django 5.2 does not do itself: a Content-Security-Policy header on every
response, and checks on uploaded images.

The policy is the ``SECURE_CSP`` setting, a mapping of directive to sources in the shape of
Django 6.0's own setting of that name, so that upgrading is a swap of middleware. It allows
no inline script or style (no ``'unsafe-inline'``, no ``'unsafe-eval'``): templates load
every script and stylesheet from a file, which ``minuted/core/tests/test_no_inline_code.py``
enforces. A view may send a narrower policy of its own; the middleware never replaces a
``Content-Security-Policy`` header a view has set.

Sources: W3C Content Security Policy Level 3 (https://www.w3.org/TR/CSP3/); OWASP Secure
Headers Project; OWASP File Upload Cheat Sheet (validate by content, rename, limit size).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.template.defaultfilters import filesizeformat

HEADER = "Content-Security-Policy"


def policy_header(policy: Mapping[str, Sequence[str] | bool]) -> str:
    """``{"default-src": ["'self'"], "upgrade-insecure-requests": True}`` as the header
    value ``default-src 'self'; upgrade-insecure-requests``."""
    parts = []
    for directive, sources in policy.items():
        if sources is True:
            parts.append(directive)
        elif sources:
            parts.append(" ".join([directive, *sources]))
    return "; ".join(parts)


class ContentSecurityPolicyMiddleware:
    """Adds ``SECURE_CSP`` as a Content-Security-Policy header to every response (pages,
    JSON, PDFs, feeds, static files and error pages alike)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.header = policy_header(settings.SECURE_CSP)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if HEADER not in response:
            response[HEADER] = self.header
        return response


# --- Uploaded images --------------------------------------------------------------------

# The file signatures ("magic numbers") of the image formats accepted, with the extension and
# content type each is stored and served with. JPEG: ITU-T T.81 (SOI marker FF D8 FF); PNG:
# RFC 2083 section 3.1; WebP: RIFF container with the form type "WEBP" (RFC 9649 section 2).
IMAGE_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


def image_kind(head: bytes) -> str | None:
    """``"jpg"``, ``"png"`` or ``"webp"`` when the first bytes of a file are that format's
    signature; otherwise None (SVG, HTML, PDF, anything else)."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def read_head(upload: File, length: int = 16) -> bytes:
    """The first ``length`` bytes of an uploaded or stored file, leaving it at its start."""
    upload.seek(0)
    head = upload.read(length)
    upload.seek(0)
    return bytes(head)


def validate_image(upload: File) -> None:
    """Refuse an upload that is not a JPEG, PNG or WebP by its content (whatever its name
    says), or that is bigger than ``MINUTED_UPLOAD_MAX_BYTES``."""
    limit = settings.MINUTED_UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            "The photo must be smaller than %(limit)s",
            code="too_big",
            params={"limit": filesizeformat(limit)},
        )
    if image_kind(read_head(upload)) is None:
        raise ValidationError("The photo must be a JPEG, PNG or WebP image", code="not_an_image")


def image_content_type(upload: File) -> str:
    """The content type to serve a stored image with, read from its bytes (never its name)."""
    kind = image_kind(read_head(upload))
    if kind is None:
        raise ValueError("not a JPEG, PNG or WebP image")
    return IMAGE_TYPES[kind]
