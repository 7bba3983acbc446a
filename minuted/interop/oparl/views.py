"""The OParl 1.1 endpoints: thin views that parse, call the list and object builders, and
answer JSON that anyone may read (CORS ``*``). Only public data is served, whoever asks: the
public editions of published versions and inherently public governance data, so no request
here needs the visibility policy, and a signed-in member sees what everyone sees."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from typing import Any

from django.db.models import F, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase

from minuted.core.files import file_response
from minuted.governance.models import Board, Organisation
from minuted.interop.models import OParlEntry, OParlType
from minuted.interop.oparl import governance, meetings
from minuted.interop.oparl.common import (
    Json,
    render_tombstones,
    served_organisations,
    tombstones,
)
from minuted.interop.oparl.ids import OPARL, TYPES, Ids, oparl_type
from minuted.interop.oparl.index import refresh_stale
from minuted.interop.oparl.lists import (
    BODY_SOURCES,
    PUBLISHED_LISTS,
    Renderer,
    Source,
    filtered,
    page,
)
from minuted.interop.oparl.params import BadParameter, ListQuery
from minuted.meetings.models import Meeting
from minuted.papers.models import PackVersion
from minuted.record.models import MinutesVersion

CONTENT_TYPE = "application/json; charset=utf-8"


def _cors(response: HttpResponseBase) -> HttpResponseBase:
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _json(data: Json, status: int = 200) -> HttpResponseBase:
    return _cors(
        JsonResponse(
            data,
            status=status,
            content_type=CONTENT_TYPE,
            json_dumps_params={"ensure_ascii": False},
        )
    )


def _error(status: int, message: str, **more: str) -> HttpResponseBase:
    return _json({"error": message, **more}, status=status)


def oparl_view(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """GET and HEAD only; errors as JSON that say what was wrong."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "OPTIONS":
            preflight = HttpResponse(status=204)
            preflight["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            preflight["Access-Control-Allow-Headers"] = "*"
            preflight["Access-Control-Max-Age"] = "86400"
            return _cors(preflight)
        if request.method not in ("GET", "HEAD"):
            refused = _error(405, "The OParl API is read-only: use GET.")
            refused["Allow"] = "GET, HEAD, OPTIONS"
            return refused
        try:
            return view(request, *args, **kwargs)
        except BadParameter as bad:
            return _error(400, str(bad), parameter=bad.parameter)
        except Http404 as missing:
            return _error(404, str(missing) or "There is no such object.")

    return wrapped


def _list_response(request: HttpRequest, sources: list[Source]) -> HttpResponseBase:
    query = ListQuery.from_query(request.GET)
    ids = Ids(request)
    result = page(filtered(sources, query), query, ids)

    def link(number: int) -> str:
        params = request.GET.copy()
        params["page"] = str(number)
        return f"{ids.absolute(request.path)}?{params.urlencode()}"

    links = {"first": link(1)}
    if query.page > 1:
        links["prev"] = link(min(query.page - 1, result.pages))
    if query.page < result.pages:
        links["next"] = link(query.page + 1)
    links["last"] = link(result.pages)
    return _json(
        {
            "data": result.data,
            "pagination": {
                "totalElements": result.total,
                "elementsPerPage": query.limit,
                "currentPage": query.page,
                "totalPages": result.pages,
            },
            "links": links,
        }
    )


def _served_body(uid: uuid.UUID) -> Organisation:
    body = served_organisations().filter(uid=uid).first()
    if body is None:
        raise Http404("There is no such body.")
    return body


@oparl_view
def system(request: HttpRequest) -> HttpResponseBase:
    ids = Ids(request)
    served = list(served_organisations()[:2])
    out: Json = {
        "id": ids.base,
        "type": oparl_type("System"),
        "oparlVersion": OPARL,
        "body": ids.base + "bodies/",
        "name": f"Minuted: {served[0].name}" if len(served) == 1 else "Minuted",
    }
    home = ids.site("home")
    if home:
        out["website"] = home
        out["web"] = home
    return _json(out)


@oparl_view
def body_list(request: HttpRequest) -> HttpResponseBase:
    sources = [Source(governance.bodies(served_organisations()), governance.render_bodies)]
    return _list_response(request, sources)


@oparl_view
def body_detail(request: HttpRequest, uid: uuid.UUID) -> HttpResponseBase:
    body = _served_body(uid)
    rows = list(governance.bodies(Organisation.objects.filter(pk=body.pk)))
    return _json(governance.render_bodies(rows, Ids(request))[0])


@oparl_view
def body_sublist(request: HttpRequest, uid: uuid.UUID, name: str) -> HttpResponseBase:
    if name not in BODY_SOURCES:
        raise Http404(f"A body has no list called {name!r}.")
    body = _served_body(uid)
    if name in PUBLISHED_LISTS:
        refresh_stale(Meeting.objects.filter(board__organisation=body))
    return _list_response(request, BODY_SOURCES[name](Organisation.objects.filter(pk=body.pk)))


@oparl_view
def organization_meetings(request: HttpRequest, uid: uuid.UUID) -> HttpResponseBase:
    board = Board.objects.filter(uid=uid, organisation__in=served_organisations()).first()
    if board is None:
        raise Http404("There is no such board (a political group holds no meetings).")
    refresh_stale(Meeting.objects.filter(board=board))
    gone = (
        tombstones(OParlType.MEETING)
        .filter(organization_uid=board.uid)
        .annotate(oparl_modified=F("modified"))
        .order_by("pk")
    )
    sources = [
        Source(meetings.meetings(Meeting.objects.filter(board=board)), meetings.render_meetings),
        Source(gone, render_tombstones, holds="tombstones"),
    ]
    return _list_response(request, sources)


def _could_be_key(key: str) -> bool:
    """Whether ``key`` may be looked up at all: no key is longer than OParlEntry.key holds,
    and PostgreSQL refuses a NUL character in any text it is sent (a DataError, not a
    miss), so a key holding one is simply not found."""
    longest = OParlEntry._meta.get_field("key").max_length or 0
    return len(key) <= longest and "\x00" not in key


# Objects kept as rows: where to look for each type, in order.
_ROWS: dict[str, list[tuple[Callable[[QuerySet[Organisation]], QuerySet[Any]], Renderer]]] = {
    OParlType.BODY: [(governance.bodies, governance.render_bodies)],
    OParlType.ORGANIZATION: [
        (governance.boards, governance.render_boards),
        (governance.groups, governance.render_groups),
    ],
    OParlType.PERSON: [(governance.people, governance.render_people)],
    OParlType.MEMBERSHIP: [(governance.memberships, governance.render_memberships)],
    OParlType.LEGISLATIVE_TERM: [(governance.terms, governance.render_terms)],
    OParlType.MEETING: [(meetings.body_meetings, meetings.render_meetings)],
    OParlType.LOCATION: [(meetings.locations, meetings.render_locations)],
}
# Objects read from published versions.
_ENTRIES: dict[str, Renderer] = {
    OParlType.AGENDA_ITEM: meetings.render_agenda_items,
    OParlType.PAPER: meetings.render_papers,
    OParlType.CONSULTATION: meetings.render_consultations,
    OParlType.FILE: meetings.render_files,
}


@oparl_view
def object_detail(request: HttpRequest, type_slug: str, key: str) -> HttpResponseBase:
    type_name = TYPES.get(type_slug)
    if type_name is None:
        raise Http404(f"OParl has no type called {type_slug!r} here.")
    if not _could_be_key(key):
        raise Http404(f"There is no such {type_name}.")
    served = served_organisations()
    ids = Ids(request)
    if type_name in _ENTRIES:
        refresh_stale(Meeting.objects.filter(board__organisation__in=served))
        entry = meetings.entries(type_name, served).filter(key=key).first()
        if entry is None:
            raise Http404(f"There is no such {type_name}.")
        if entry.deleted:
            return _json(render_tombstones([entry], ids)[0])
        return _json(_ENTRIES[type_name]([entry], ids)[0])
    try:
        uid = uuid.UUID(key)
    except ValueError:
        raise Http404(f"There is no such {type_name}.") from None
    if type_name == OParlType.MEETING:
        refresh_stale(Meeting.objects.filter(uid=uid))
    for queryset, render in _ROWS[type_name]:
        row = queryset(served).filter(uid=uid).first()
        if row is not None:
            return _json(render([row], ids)[0])
    gone = tombstones(type_name).filter(key=str(uid), body_uid__in=served.values("uid")).first()
    if gone is not None:
        return _json(render_tombstones([gone], ids)[0])
    raise Http404(f"There is no such {type_name}.")


@oparl_view
def file_download(request: HttpRequest, key: str) -> HttpResponseBase:
    """A File's public PDF as a download (its ``accessUrl`` is the public site's copy)."""
    if not _could_be_key(key):
        raise Http404("There is no such file.")
    entry = (
        OParlEntry.objects.filter(
            type=OParlType.FILE,
            key=key,
            deleted=False,
            body_uid__in=served_organisations().values("uid"),
        )
        .only("key", "data")
        .first()
    )
    version: Any = None
    if entry is not None:
        version = (
            PackVersion.objects.filter(uid=entry.key).only("public_pdf").first()
            or MinutesVersion.objects.filter(uid=entry.key).only("public_pdf").first()
        )
    if entry is None or version is None:
        raise Http404("There is no such file.")
    # A published version never changes, so its file can be cached for ever.
    response = file_response(
        version.public_pdf, str(entry.data.get("fileName", "file.pdf")), attachment=True
    )
    return _cors(response)
