"""A person's photo, the one file users upload: only a real JPEG, PNG or WebP under the size
limit is accepted (judged by its bytes, not its name), it is stored under a random name, and
served with its real content type, nosniff and a safe Content-Disposition."""

from __future__ import annotations

import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from minuted.core.files import file_response
from minuted.core.security import image_content_type, image_kind
from minuted.governance.models import Person
from minuted.testing import make_person


def png(width: int = 2, height: int = 2) -> bytes:
    """A real PNG (RFC 2083): signature, IHDR, one IDAT of grey pixels, IEND."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def person_form(person: Person, photo: SimpleUploadedFile) -> dict[str, object]:
    return {
        "organisation": person.organisation.pk,
        "slug": person.slug,
        "title": person.title,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "honours": "",
        "email": "",
        "phone": "",
        "photo": photo,
        "user": "",
    }


def upload(client, world, name: str, content: bytes, content_type: str = "image/jpeg"):
    client.force_login(world.administrator)
    person = make_person(world.organisation)
    photo = SimpleUploadedFile(name, content, content_type=content_type)
    response = client.post(
        reverse("admin:governance_person_change", args=[person.pk]), person_form(person, photo)
    )
    person.refresh_from_db()
    return response, person


@pytest.mark.parametrize(
    "content", [SVG, HTML, b"%PDF-1.7\n", b"GIF89a\x01\x00"], ids=["svg", "html", "pdf", "gif"]
)
def test_the_administrator_cannot_upload_a_file_renamed_jpg_that_is_not_an_image(
    client, world, content
):
    response, person = upload(client, world, "portrait.jpg", content)
    assert response.status_code == 200  # the form again, with the error beside the field
    assert "The photo must be a JPEG, PNG or WebP image" in response.content.decode()
    assert not person.photo


def test_the_administrator_cannot_upload_a_photo_over_the_size_limit(client, world, settings):
    settings.MINUTED_UPLOAD_MAX_BYTES = 1024
    big = png() + b"\x00" * 2048
    response, person = upload(client, world, "portrait.png", big, "image/png")
    assert response.status_code == 200
    assert "The photo must be smaller than 1.0\xa0KB" in response.content.decode()
    assert not person.photo


def test_the_administrator_uploads_a_real_png_stored_under_a_random_name(client, world):
    response, person = upload(client, world, "../<Evil name>.html.jpg", png())
    assert response.status_code == 302  # saved
    name = person.photo.name
    assert name.startswith("people/") and name.endswith(".png")
    assert "evil" not in name.lower() and "jpg" not in name
    assert len(name.removeprefix("people/").removesuffix(".png")) == 32  # a random uuid4 hex
    with person.photo.open("rb") as stored:
        assert stored.read() == png()


def test_jpeg_and_webp_are_recognised_by_their_signatures():
    assert image_kind(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00") == "jpg"
    assert image_kind(b"RIFF\x24\x00\x00\x00WEBPVP8 ") == "webp"
    assert image_kind(b"RIFF\x24\x00\x00\x00AVI LIST") is None
    assert image_kind(png()) == "png"


def test_a_stored_photo_is_served_as_an_image_with_nosniff_and_a_safe_file_name(client, world):
    _, person = upload(client, world, "portrait.jpg", png())
    response = file_response(
        person.photo,
        'Cllr "O\'Neil"; x.png',
        content_type=image_content_type(person.photo),
        cache_control="private, max-age=0",
    )
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline; filename=")
    response.close()
    assert disposition == 'inline; filename="Cllr \\"O\'Neil\\"; x.png"'  # quoted, not broken out
