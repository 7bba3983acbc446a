"""The audit trail as CSV, for administrators."""

from __future__ import annotations

import csv
import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, StreamingHttpResponse

from minuted.audit.models import AuditEntry

COLUMNS = [
    "when", "who", "action", "object_type", "object_uid", "object", "summary", "before", "after",
    "ip_address",
]  # fmt: skip


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    # A spreadsheet runs a cell starting with one of these as a formula (CSV injection): the
    # address tried at a failed sign-in is typed by anyone.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required  # like every /manage/ page: anonymous visitors are sent to sign in
def audit_csv(request: HttpRequest) -> StreamingHttpResponse:
    if not getattr(request.user, "is_administrator", False):
        raise PermissionDenied("Only administrators may read the audit trail.")
    writer = csv.writer(_Echo())

    def rows() -> Any:
        yield writer.writerow(COLUMNS)
        for e in AuditEntry.objects.order_by("when", "id").iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    _cell(v)
                    for v in (
                        e.when.isoformat(),
                        e.who_label,
                        e.action,
                        e.object_type,
                        e.object_uid,
                        e.object_label,
                        e.summary,
                        "" if e.before is None else json.dumps(e.before, ensure_ascii=False),
                        "" if e.after is None else json.dumps(e.after, ensure_ascii=False),
                        e.ip_address,
                    )
                ]  # fmt: skip
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
