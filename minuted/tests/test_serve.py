"""`minuted serve` runs the production profile under gunicorn and answers requests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_with_the_production_profile(tmp_path):
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")},
        "DEBUG": "false",
        "SECRET_KEY": "serve-test-" + "k3Y!" * 12,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path}/serve.sqlite3",
        "STATIC_ROOT": str(tmp_path / "static"),
        "SECURE_SSL_REDIRECT": "false",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
    }
    cli = [sys.executable, "-m", "minuted.cli"]
    for command in (["migrate", "-v", "0"], ["collectstatic", "--no-input", "-v", "0"]):
        subprocess.run(cli + command, cwd=ROOT, env=env, check=True, timeout=120)
    server = subprocess.Popen(cli + ["serve"], cwd=ROOT, env=env)
    try:
        body, headers = "", {}
        for _ in range(80):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/boards/", timeout=10) as r:
                    body, headers = r.read().decode(), dict(r.headers)
                break
            except urllib.error.HTTPError:
                raise  # the server answered, wrongly
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.25)  # not listening yet
        assert "No boards have been set up yet" in body
        # The production profile's security headers are on.
        assert headers.get("X-Frame-Options") == "DENY"
        assert headers.get("X-Content-Type-Options") == "nosniff"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/build/minuted.css") as css:
            assert css.status == 200  # WhiteNoise serves the collected static files
    finally:
        server.terminate()
        server.wait(timeout=20)
