"""The accessibility statement the 2018 regulations require (domain-rules.md §8), in the parts
of the model statement: scope, compliance status, non-accessible content, contact, enforcement
and when it was prepared."""

from __future__ import annotations

import pytest
from django.urls import reverse

from minuted.publicsite.tests.conftest import text_of
from minuted.publicsite.views import STATEMENT_PREPARED

pytestmark = pytest.mark.django_db


def test_the_statement_has_every_part_the_regulations_ask_for(client, world):
    text = text_of(client.get(reverse("accessibility")))
    for part in (
        "This accessibility statement applies to the public pages of this website",
        "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
        "Regulations 2018",
        "Compliance status This website is partially compliant with the Web Content "
        "Accessibility Guidelines version 2.2 AA standard, due to the non-compliances",
        "Non-accessible content",
        "Non-compliance with the accessibility regulations",
        "Content that’s not within the scope of the accessibility regulations",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure The Equality and Human Rights Commission (EHRC)",
        "Equality Advisory and Support Service (EASS)",
        "Equality Commission for Northern Ireland",
        f"This statement was prepared on {STATEMENT_PREPARED.day} {STATEMENT_PREPARED:%B %Y}",
    ):
        assert part in text, part


def test_the_statement_names_the_publisher_and_how_to_reach_it(client, world):
    world.organisation.email = "democratic.services@example.gov.uk"
    world.organisation.phone = "020 7664 3000"
    world.organisation.save()
    html = client.get(reverse("accessibility")).content.decode()
    assert f"published by {world.organisation.name}" in html
    assert 'href="mailto:democratic.services@example.gov.uk"' in html
    assert "call 020 7664 3000" in html


def test_every_page_links_to_the_statement(client, world):
    for url in (reverse("home"), reverse("decision-list"), "/no/such/page/"):
        assert f'href="{reverse("accessibility")}"' in client.get(url).content.decode()
