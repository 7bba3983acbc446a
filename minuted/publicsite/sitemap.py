"""/sitemap.xml (the sitemaps.org protocol) and /robots.txt: every public page a search
engine may index — boards and their terms, meetings, the public editions of the latest
published packs with their report pages, the public minutes, people, decisions. Members'
editions are never listed; staff and sign-in pages are disallowed in robots.txt."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from minuted.governance.models import Board, Membership, Person
from minuted.meetings.models import Meeting
from minuted.papers.models import PackKind, PackVersion
from minuted.papers.public import latest_packs, public_papers
from minuted.programme.models import Programme
from minuted.publicsite.context_processors import site_organisation
from minuted.record.public import latest_minutes

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap(request: HttpRequest) -> HttpResponse:
    organisation = site_organisation(request)
    entries: list[tuple[str, str]] = []  # (path, last modified as YYYY-MM-DD or "")
    for name in ("home", "board-list", "person-list", "decision-list", "accessibility"):
        entries.append((reverse(name), ""))
    if organisation is not None:
        boards = Board.objects.filter(organisation=organisation)
        meetings = Meeting.objects.filter(board__in=boards).select_related("board")
        for board in boards:
            entries.append((reverse("board", args=[board.slug]), f"{board.modified:%Y-%m-%d}"))
        for term_slug, board_slug in (
            Membership.objects.filter(board__in=boards)
            .values_list("term__slug", "board__slug")
            .distinct()
            .order_by("board__slug", "term__slug")
        ):
            entries.append((reverse("board-term", args=[board_slug, term_slug]), ""))
        for programme in Programme.objects.filter(board__in=boards, is_public=True):
            path = reverse("programme", args=[programme.slug])
            entries.append((path, f"{programme.modified:%Y-%m-%d}"))
        for meeting in meetings.order_by("date"):
            path = reverse("meeting", args=[meeting.board.slug, meeting.slug])
            entries.append((path, f"{meeting.modified:%Y-%m-%d}"))
        packs = latest_packs(meetings)
        for version in packs:
            entries.append((_pack_path(version, ""), f"{version.published_at:%Y-%m-%d}"))
        for paper in public_papers(packs):
            published = f"{paper.version.published_at:%Y-%m-%d}"
            entries.append((_pack_path(paper.version, paper.id), published))
        for minutes in latest_minutes(meetings):
            meeting = minutes.meeting
            path = reverse(
                "minutes-edition", args=[meeting.board.slug, meeting.slug, minutes.number, "public"]
            )
            entries.append((path, f"{minutes.published_at:%Y-%m-%d}"))
        people = Person.objects.filter(
            Q(memberships__board__in=boards), organisation=organisation
        ).distinct()
        for person in people.order_by("slug"):
            entries.append((reverse("person", args=[person.slug]), ""))
    urlset = ET.Element("urlset", xmlns=NAMESPACE)
    for path, modified in entries:
        url = ET.SubElement(urlset, "url")
        ET.SubElement(url, "loc").text = request.build_absolute_uri(path)
        if modified:
            ET.SubElement(url, "lastmod").text = modified
    body = ET.tostring(urlset, encoding="utf-8", xml_declaration=True)
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


def _pack_path(version: PackVersion, report: str) -> str:
    meeting = version.meeting
    prefix = "pack" if version.kind == PackKind.MAIN else "supplementary"
    args = [meeting.board.slug, meeting.slug, version.number, "public"]
    if report:
        return reverse(f"{prefix}-report", args=[*args, report])
    return reverse(f"{prefix}-edition", args=args)


def robots(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /manage/",
        "Disallow: /admin/",
        "Disallow: /sign-in/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
