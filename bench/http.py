"""Benchmark: public pages under load, against two baselines measured in the same run.

    make bench-http        (or: .venv/bin/python bench/http.py [--duration 30])

Minuted runs with its production profile under gunicorn (2 workers, `minuted serve`) on
loopback, with 1,000 generated meetings of the example board, each with an agenda, reports
and a published pack version. wrk (Debian package) loads, at 50 connections:

- a published meeting page and an OParl list page (meetings of the body), as anonymous users;
- the framework floor: the same meeting-page bytes returned by a constant Django view behind
  the same server, workers and middleware (bench/http_constant.py);
- the physical limit: the same bytes as a static file served by nginx (Debian package);
- a public pack PDF through nginx in front of gunicorn (its proxy cache keeps immutable
  published files; members' copies would go by X-Accel-Redirect, MINUTED_ACCEL_REDIRECT),
  against the same PDF as a static file from nginx.

It prints requests per second, p50 and p99 latency, and the ratios. It asserts nothing: the
targets (issue 5) are the meeting page at >= 50 % of the framework floor with p99 <= 50 ms,
and PDFs at the physical limit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# Run as a script, this folder comes first on sys.path, and this file would hide the standard
# library's `http` package from urllib.
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)

import urllib.request  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MEETINGS = 1000
CONNECTIONS = 50


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except Exception:
            time.sleep(0.2)
    raise SystemExit(f"bench: {url} did not answer within {seconds} s")


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return bytes(response.read())


# --- Data: run inside Django, in a child process with the benchmark's environment ----------


def setup_data() -> dict[str, Any]:
    """Migrate, load the demonstration data, generate the meetings; return the URLs to load."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from minuted.demo.loader import load
    from minuted.meetings.models import AgendaItem, AgendaItemKind, Meeting
    from minuted.papers.models import PackKind, PackVersion, Report

    call_command("migrate", verbosity=0)
    board = load(with_accounts=True, with_meetings=True)
    published = PackVersion.objects.filter(meeting__board=board, kind=PackKind.MAIN).first()
    assert published is not None, "the demonstration data publishes a pack"
    term = published.meeting.term
    start = published.meeting.date
    with transaction.atomic():
        for n in range(MEETINGS):
            day = start.replace(year=start.year - 40) + dt.timedelta(days=n)
            meeting = Meeting.objects.create(
                board=board,
                term=term,
                date=day,
                slug=f"bench-{n:04d}",
                start_time=published.meeting.start_time,
                room="Westminster Room",
                status="held",
            )
            items = AgendaItem.objects.bulk_create(
                AgendaItem(
                    meeting=meeting,
                    position=p,
                    title=f"Item {p} of meeting {n}",
                    kind=AgendaItemKind.REPORT,
                )
                for p in range(1, 6)
            )
            Report.objects.bulk_create(
                Report(
                    agenda_item=item,
                    title=f"Report on {item.title}",
                    status="ready",
                    purpose="information",
                    summary="A generated report for the benchmark.",
                )
                for item in items
            )
            # A published version per meeting, sharing the demonstration pack's documents and
            # files: rendering is measured by bench/pack.py, not here.
            PackVersion.objects.create(
                meeting=meeting,
                kind=PackKind.MAIN,
                number=1,
                published_at=published.published_at,
                public_document=published.public_document,
                members_document=published.members_document,
                public_pdf=published.public_pdf.name,
                members_pdf=published.members_pdf.name,
                public_pdf_sha256=published.public_pdf_sha256,
                members_pdf_sha256=published.members_pdf_sha256,
            )
    meeting = published.meeting
    return {
        "meeting": f"/meetings/{board.slug}/{meeting.slug}/",
        "pdf": f"/meetings/{board.slug}/{meeting.slug}/pack/v{published.number}/public.pdf",
        "pdf_file": str(Path(published.public_pdf.path)),
    }


# --- Load -----------------------------------------------------------------------------------

LATENCY = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)


def wrk(url: str, duration: int) -> dict[str, float]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}s", "--latency", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    latency = {f"p{p}": float(v) * scale[u] for p, v, u in LATENCY.findall(out)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rate, **latency, "non2xx": float(errors.group(1)) if errors else 0.0}


NGINX = r"""
worker_processes 2;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  tcp_nopush on;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  upstream minuted {{ server 127.0.0.1:{app_port}; keepalive 32; }}
  # Published public files are immutable: nginx keeps them after the first request.
  proxy_cache_path {tmp}/cache levels=1:2 keys_zone=published:10m max_size=1g use_temp_path=off;
  server {{
    listen 127.0.0.1:{port};
    location ^~ /static-bench/ {{ alias {tmp}/static/; }}
    # Files a Minuted view has allowed (X-Accel-Redirect), served by nginx itself.
    location /protected-media/ {{ internal; alias {media}/; }}
    location ~ \.pdf$ {{
      proxy_pass http://minuted;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_cache published;
      proxy_cache_key $host$request_uri;
    }}
    location / {{
      proxy_pass http://minuted;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
    }}
  }}
}}
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=30, help="seconds per wrk run")
    parser.add_argument("--setup", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.setup:
        print(json.dumps(setup_data()))
        return 0
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            raise SystemExit(f"bench: {tool} is missing (apt-get install {tool}; make bench-http)")

    tmp = Path(tempfile.mkdtemp(prefix="minuted-bench-"))
    tmp.chmod(0o755)  # nginx's workers run as another user when started by root
    app_port, floor_port, nginx_port = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECURE": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3"),
        "MEDIA_ROOT": str(tmp / "media"),
        "STATIC_ROOT": str(tmp / "collected"),
        "WEB_CONCURRENCY": "2",
        "MINUTED_ACCEL_REDIRECT": "/protected-media/",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "minuted.settings",
    }
    print(f"Generating {MEETINGS} meetings with agendas, reports and published packs…")
    started = time.perf_counter()
    setup = subprocess.run(
        [sys.executable, __file__, "--setup"], env=env, capture_output=True, text=True, cwd=ROOT
    )
    if setup.returncode != 0:
        raise SystemExit(f"bench: setting up the data failed:\n{setup.stderr}")
    urls = json.loads(setup.stdout.strip().splitlines()[-1])
    subprocess.run(
        [sys.executable, "-m", "minuted.cli", "collectstatic", "--noinput", "-v0"],
        env=env,
        check=True,
        cwd=ROOT,
    )
    print(f"  done in {time.perf_counter() - started:.0f} s")

    servers: list[subprocess.Popen[bytes]] = []

    def start(command: list[str], extra: dict[str, str]) -> None:
        servers.append(
            subprocess.Popen(
                command,
                env={**env, **extra},
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        )

    serve = [sys.executable, "-m", "minuted.cli", "serve"]
    try:
        start(serve, {"PORT": str(app_port)})
        app = f"http://127.0.0.1:{app_port}"
        wait_for(app + "/")
        page = fetch(app + urls["meeting"])
        (tmp / "constant.html").write_bytes(page)
        constant = {"DJANGO_SETTINGS_MODULE": "bench.http_constant", "PORT": str(floor_port)}
        start(serve, {**constant, "BENCH_CONSTANT_FILE": str(tmp / "constant.html")})
        (tmp / "static").mkdir()
        (tmp / "static" / "meeting.html").write_bytes(page)
        shutil.copy(urls["pdf_file"], tmp / "static" / "pack.pdf")
        wait_for(f"http://127.0.0.1:{floor_port}/bench/constant/")
        conf = tmp / "nginx.conf"
        conf.write_text(
            NGINX.format(tmp=tmp, app_port=app_port, port=nginx_port, media=tmp / "media")
        )
        servers.append(
            subprocess.Popen(
                ["nginx", "-c", str(conf), "-p", str(tmp), "-g", "daemon off;"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        )
        front = f"http://127.0.0.1:{nginx_port}"
        wait_for(front + "/static-bench/meeting.html")
        oparl = oparl_list(app)

        runs = {
            "meeting page (gunicorn)": app + urls["meeting"],
            "constant Django view (framework floor)": f"http://127.0.0.1:{floor_port}/bench/constant/",
            "same bytes, static nginx (physical limit)": front + "/static-bench/meeting.html",
            "public pack PDF (nginx cache in front of Minuted)": front + urls["pdf"],
            "same PDF, static nginx": front + "/static-bench/pack.pdf",
        }
        if oparl:
            runs["OParl meeting list (gunicorn)"] = oparl
        else:
            print("  (no OParl meeting list found at /oparl/v1/: skipped)")
        for url in runs.values():
            fetch(url)  # warm up, and fail early on an error
        results = {}
        for name, url in runs.items():
            results[name] = wrk(url, args.duration)
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
        for server in servers:
            server.wait(timeout=20)

    print(f"\n{MEETINGS} meetings; wrk, {CONNECTIONS} connections, {args.duration} s each\n")
    print(f"{'':55} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
    for name, r in results.items():
        print(
            f"{name:55} {r['rps']:9.0f} {r.get('p50', 0):8.2f} {r.get('p99', 0):8.2f} "
            f"{r['non2xx']:8.0f}"
        )
    floor = results["constant Django view (framework floor)"]["rps"]
    limit = results["same bytes, static nginx (physical limit)"]["rps"]
    meeting = results["meeting page (gunicorn)"]
    print(
        f"\nmeeting page: {meeting['rps'] / floor:.0%} of the framework floor "
        f"(target >= 50 %), {meeting['rps'] / limit:.1%} of the physical limit; "
        f"p99 {meeting.get('p99', 0):.1f} ms (target <= 50 ms)"
    )
    pdf = results["public pack PDF (nginx cache in front of Minuted)"]["rps"]
    static_pdf = results["same PDF, static nginx"]["rps"]
    print(f"pack PDF through Minuted: {pdf / static_pdf:.0%} of the same file served statically")
    if oparl:
        rate = results["OParl meeting list (gunicorn)"]["rps"]
        print(f"OParl meeting list: {rate / floor:.0%} of the framework floor")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


def oparl_list(app: str) -> str | None:
    """The first page of the body's meeting list, found from the OParl System object."""
    try:
        system = json.loads(fetch(app + "/oparl/v1/"))
        body_list = system.get("body")
        bodies = json.loads(fetch(body_list))["data"] if isinstance(body_list, str) else []
        url = bodies[0].get("meeting") if bodies else None
        return str(url) if url else None
    except Exception:
        return None


if __name__ == "__main__":
    sys.exit(main())
