"""A programme's public dashboard: /programmes/<programme>/ (ux.md)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from minuted.programme import dashboard, exchange
from minuted.programme.access import may_view
from minuted.programme.models import Programme
from minuted.programme.rules.status import Status


def _visible(request: HttpRequest, slug: str) -> Programme:
    programme = get_object_or_404(
        Programme.objects.select_related("board", "organisation", "previous"), slug=slug
    )
    if not may_view(request.user, programme):
        raise Http404("No such programme.")
    return programme


def programme_csv(request: HttpRequest, programme: str, what: str) -> HttpResponse:
    """The programme's outputs with KPIs and targets, or its signed-off actuals, as the CSV
    the staff screen imports (docs/programme.md)."""
    the_programme = _visible(request, programme)
    if what == "outputs":
        text = exchange.export_outputs(the_programme)
    elif what == "actuals":
        text = exchange.export_actuals(the_programme, signed_off_only=True)
    else:
        raise Http404("No such download.")
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{the_programme.slug}-{what}.csv"'
    return response


def programme_detail(request: HttpRequest, programme: str) -> HttpResponse:
    the_programme = _visible(request, programme)
    return render(
        request,
        "publicsite/programme_detail.html",
        {
            "programme": the_programme,
            "dashboard": dashboard.build(the_programme),
            "statuses": [status.value for status in Status],
        },
    )
