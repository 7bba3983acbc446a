"""/sitemap.xml lists every public page, each answering 200 to anyone, and never a members'
edition; robots.txt points to it and keeps crawlers out of the staff screens."""

from __future__ import annotations

from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from minuted.publicsite.tests.conftest import SECRET_REPORT

LOC = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"


def test_the_sitemap_lists_public_pages_that_answer(client, world, held):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    paths = [urlsplit(loc.text or "").path for loc in ET.fromstring(response.content).iter(LOC)]
    meeting = held.meeting
    base = f"/meetings/{meeting.board.slug}/{meeting.slug}/"
    assert f"/boards/{world.board.slug}/" in paths
    assert base in paths
    assert f"{base}pack/v1/public/" in paths
    assert f"{base}pack/v1/public/reports/r{held.public_report.pk}/" in paths
    assert f"{base}minutes/v1/public/" in paths
    assert not [p for p in paths if "members" in p]
    assert f"{base}pack/v1/public/reports/r{held.exempt_report.pk}/" not in paths
    for path in paths:
        page = client.get(path)
        assert page.status_code == 200, path
        assert SECRET_REPORT.encode() not in page.content


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_staff_screens(client, world):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /manage/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
