"""Serving a stored file. Published PDFs never change, so in production the front web server
should send them itself:

- a public file is answered with ``Cache-Control: public, max-age=31536000, immutable``, so a
  front cache (nginx proxy_cache, a CDN) keeps it after the first request and serves it at
  the rate of a static file;
- a private file (a members' edition) must not be kept by a shared cache: with
  MINUTED_ACCEL_REDIRECT set (e.g. "/protected-media/", an nginx `internal` location aliasing
  MEDIA_ROOT), the view, having checked who may read it, answers with an empty response whose
  X-Accel-Redirect header names the file, and nginx streams the bytes.

Otherwise, and always for files in object storage (which the front server cannot alias),
Django streams the file itself through the storage API (the embedded default)."""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header


def file_response(
    field: FieldFile,
    filename: str,
    *,
    content_type: str = "application/pdf",
    attachment: bool = False,
    cache_control: str = "public, max-age=31536000, immutable",
) -> HttpResponseBase:
    prefix = settings.MINUTED_ACCEL_REDIRECT
    on_disk = isinstance(field.storage, FileSystemStorage)
    if prefix and on_disk and "private" in cache_control:
        response: HttpResponseBase = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(field.name or "")
    else:
        try:
            response = FileResponse(field.open("rb"), content_type=content_type)
        except OSError:
            raise Http404("The file is not in storage.") from None
    # Whoever sends the bytes, the response names its type, forbids sniffing it into HTML or
    # script, and carries a file name Django quotes (a name with quotes, semicolons or
    # non-ASCII letters cannot break out of the header). nginx keeps Content-Type and
    # Content-Disposition on an X-Accel-Redirect but drops other headers: its internal location
    # restates nosniff and a Content-Security-Policy (docs/operations.md).
    response["Content-Disposition"] = content_disposition_header(attachment, filename) or "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = cache_control
    return response
