"""The production profile, started for real (gunicorn, as `minuted serve` runs it, behind a
TLS-terminating proxy that sends X-Forwarded-Proto), answers with every security header:
HSTS for a year with subdomains, nosniff, Referrer-Policy, no framing, the
Content-Security-Policy, Cross-Origin-Opener-Policy, and secure cookies."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from email.message import Message
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from minuted.tests.test_serve import free_port
from minuted.tests.test_settings import PRODUCTION

ROOT = Path(__file__).resolve().parents[2]
HOST = "minuted.example.org"
HTTPS = {"X-Forwarded-Proto": "https"}  # as the TLS-terminating proxy sends it
PASSWORD = "a long enough production password 4 tests"


# A member: signing in takes the password alone (administrators and clerks also give a code).
MAKE_MEMBER = (
    "from minuted.accounts.models import Role, User; "
    f"User.objects.create_user(username='member', email='member@{HOST}', "
    f"password='{PASSWORD}', role=Role.MEMBER)"
)


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


OPENER = urllib.request.build_opener(NoRedirects)


def fetch(url: str, headers: dict[str, str], data: bytes | None = None) -> tuple[int, Message, str]:
    request = urllib.request.Request(url, data=data, headers={"Host": HOST, **headers})
    try:
        with OPENER.open(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:  # a redirect or an error page: still an answer
        return error.code, error.headers, error.read().decode()


def cookies(headers: Message) -> dict[str, str]:
    """Each Set-Cookie header by cookie name, whole, for its attributes."""
    return {line.split("=", 1)[0]: line.lower() for line in headers.get_all("Set-Cookie") or []}


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("production")
    port = free_port()
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
        },
        **PRODUCTION,
        "DATABASE_URL": f"sqlite:///{tmp}/production.sqlite3",
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
        "SECURE_PROXY_SSL_HEADER_ENABLED": "true",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
    }
    cli = [sys.executable, "-m", "minuted.cli"]
    for command in (
        ["migrate", "-v", "0"],
        ["shell", "-c", MAKE_MEMBER],
    ):
        subprocess.run(cli + command, cwd=ROOT, env=env, check=True, timeout=120)
    server = subprocess.Popen(cli + ["serve"], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(80):
            try:
                fetch(base + "/sign-in/", HTTPS)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.25)  # not listening yet
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_a_visitor_over_https_gets_every_security_header(production):
    status, headers, _ = fetch(production + "/sign-in/", HTTPS)
    assert status == 200
    hsts = headers["Strict-Transport-Security"]
    max_age = int(re.search(r"max-age=(\d+)", hsts).group(1))  # type: ignore[union-attr]
    assert max_age >= 365 * 24 * 60 * 60
    assert "includeSubDomains" in hsts
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self';" in csp
    assert "unsafe-inline" not in csp
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    csrf = cookies(headers)["csrftoken"]
    assert "; secure" in csrf


def test_a_visitor_over_plain_http_is_sent_to_https(production):
    status, headers, _ = fetch(production + "/boards/", {"X-Forwarded-Proto": "http"})
    assert status == 301
    assert headers["Location"] == f"https://{HOST}/boards/"


def test_signing_in_sets_a_secure_http_only_session_cookie(production):
    _, headers, body = fetch(production + "/sign-in/", HTTPS)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)  # type: ignore[union-attr]
    csrf_cookie = SimpleCookie(headers["Set-Cookie"])["csrftoken"].value
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "member@" + HOST, "password": PASSWORD}
    ).encode()
    status, headers, _ = fetch(
        production + "/sign-in/",
        {
            **HTTPS,
            "Cookie": f"csrftoken={csrf_cookie}",
            "Origin": f"https://{HOST}",
            "Referer": f"https://{HOST}/sign-in/",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        data=form,
    )
    assert status == 302, "signed in"
    session = cookies(headers)["sessionid"]
    assert "; secure" in session and "; httponly" in session
    assert "samesite=lax" in session
    assert "Content-Security-Policy" in headers
