"""Load test: a mix of public pages, the JSON API, OParl, feeds and calendars under wrk.

    make bench-load        (or: .venv/bin/python -m bench.load [--duration 60])

Minuted runs with its production profile under gunicorn (2 workers, `minuted serve`) on
loopback, with the demonstration data and 1,000 generated meetings (bench/http.py builds
them). wrk (Debian package) runs 50 connections for 60 s, each request taking the next address
of the mix in turn. It prints the requests served, the errors (non-2xx/3xx responses and
socket errors: there must be none), the p50/p99 latency, and the resident memory of the server
(master and workers) at the start and the end. A measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

# Run as a script, this folder comes first on sys.path, where bench/http.py would hide the
# standard library's `http` package.
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench.http import ROOT, fetch, free_port, wait_for  # noqa: E402

CONNECTIONS = 50

# wrk's Lua hook: each request takes the next path of the mix.
MIX_SCRIPT = """
paths = {%s}
i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def memory_kib(pid: int) -> int:
    """Resident memory of a process and its children (gunicorn's master and workers)."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for each in pids:
        status = Path(f"/proc/{each}/status")
        if status.exists():
            match = re.search(r"VmRSS:\s+(\d+) kB", status.read_text())
            total += int(match.group(1)) if match else 0
    return total


def mix(app: str, urls: dict[str, str]) -> list[str]:
    """Paths of the mix, found from the running site: public pages, API, OParl, feeds."""
    meeting = urls["meeting"]
    board = meeting.split("/")[2]
    paths = [
        "/",
        "/boards/",
        f"/boards/{board}/",
        meeting,
        "/decisions/",
        "/people/",
        "/search/?q=climate",
        "/calendar.ics",
        f"/boards/{board}/calendar.ics",
        "/feeds/papers.atom",
        "/feeds/decisions.atom",
        "/api/v1/meetings?limit=20",
        "/api/v1/decisions?limit=20",
        "/api/v1/boards",
        "/oparl/v1/",
    ]
    system = json.loads(fetch(app + "/oparl/v1/"))
    body = json.loads(fetch(system["body"]))["data"][0]
    for key in ("meeting", "paper", "person"):
        paths.append(urlsplit(body[key]).path)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of load")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("bench: wrk is missing (apt-get install wrk; make bench-load)")
    tmp = Path(tempfile.mkdtemp(prefix="minuted-load-"))
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECURE": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp}/load.sqlite3"),
        "MEDIA_ROOT": str(tmp / "media"),
        "STATIC_ROOT": str(tmp / "collected"),
        "WEB_CONCURRENCY": "2",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "minuted.settings",
        "PORT": str(port),
    }
    print("Loading the demonstration data and 1,000 generated meetings…")
    setup = subprocess.run(
        [sys.executable, "-m", "bench.http", "--setup"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
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
    server = subprocess.Popen(
        [sys.executable, "-m", "minuted.cli", "serve"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        app = f"http://127.0.0.1:{port}"
        wait_for(app + "/")
        time.sleep(1)  # let both workers boot
        paths = mix(app, urls)
        for path in paths:
            try:
                fetch(app + path)  # every address answers before the load starts
            except Exception as error:
                raise SystemExit(f"bench: {path} does not answer: {error}") from None
        script = tmp / "mix.lua"
        script.write_text(MIX_SCRIPT % ", ".join(json.dumps(p) for p in paths))
        before = memory_kib(server.pid)
        out = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{CONNECTIONS}",
                f"-d{args.duration}s",
                "--latency",
                "-s",
                str(script),
                app,
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        after = memory_kib(server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        shutil.rmtree(tmp, ignore_errors=True)

    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    errors = (int(non2xx.group(1)) if non2xx else 0) + (
        sum(int(n) for n in sockets.groups()) if sockets else 0
    )
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.M))
    print(f"\n{len(paths)} addresses in turn; wrk, {CONNECTIONS} connections, {args.duration} s\n")
    print(f"requests      {requests:>10,}  ({rate:,.0f} req/s)")
    detail = f"{non2xx.group(1) if non2xx else 0} non-2xx/3xx, " + (
        "socket errors: connect {}, read {}, write {}, timeout {}".format(*sockets.groups())
        if sockets
        else "no socket errors"
    )
    print(f"errors        {errors:>10,}  (must be 0: {detail})")
    print(f"latency       p50 {latency.get('50', '?')}, p99 {latency.get('99', '?')}")
    print(
        f"server memory {before / 1024:>8.0f} MiB at the start, {after / 1024:.0f} MiB at the end"
    )
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
