"""A programme's public dashboard: /programmes/<programme>/ (ux.md)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from minuted.programme import dashboard
from minuted.programme.access import may_view
from minuted.programme.models import Programme
from minuted.programme.rules.status import Status


def programme_detail(request: HttpRequest, programme: str) -> HttpResponse:
    the_programme = get_object_or_404(
        Programme.objects.select_related("board", "organisation", "previous"), slug=programme
    )
    if not may_view(request.user, the_programme):
        raise Http404("No such programme.")
    return render(
        request,
        "publicsite/programme_detail.html",
        {
            "programme": the_programme,
            "dashboard": dashboard.build(the_programme),
            "statuses": [status.value for status in Status],
        },
    )
