"""The ``minuted`` command: the front door for people running Minuted.

``minuted demo`` and ``minuted serve`` are Minuted's own; every other command is one of
Django's management commands (``minuted help`` lists them), run with Minuted's settings.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from minuted.env import SettingError

DESCRIPTION = """\
Minuted runs the governance cycle of public boards and committees.

commands:
  demo      create or migrate a local SQLite database, load the demonstration data if it
            is empty, and serve Minuted on http://127.0.0.1:8000 (PORT=... for another port)
  serve     run the production web server (gunicorn); settings come from the environment
            (docs/settings.md): DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS, WEB_CONCURRENCY...
  COMMAND   any Django management command, e.g. migrate, createsuperuser, load_authorities,
            load_demo; `minuted help` lists them and `minuted help COMMAND` explains one
"""


def _parser(prog: str, description: str) -> argparse.ArgumentParser:
    return argparse.ArgumentParser(prog=prog, description=description)


def demo(argv: Sequence[str]) -> int:
    parser = _parser(
        "minuted demo",
        "Create or migrate a local SQLite database (var/minuted.sqlite3), load the "
        "demonstration data (the Improvement and Innovation Board of the example agenda "
        "pack) if it is empty, print the demo sign-in accounts, and serve Minuted on "
        "http://127.0.0.1:$PORT (default 8000) until interrupted.",
    )
    parser.add_argument("--no-serve", action="store_true", help="set up the data, do not serve")
    args = parser.parse_args(argv)
    os.environ.setdefault("DEBUG", "true")
    port = os.environ.get("PORT", "8000")
    if not port.isdigit():
        parser.error(f"PORT must be a number, not {port!r}")

    import django
    from django.core.management import call_command

    django.setup()
    from django.conf import settings

    from minuted.demo.loader import DEMO_ACCOUNTS, DEMO_PASSWORD, load
    from minuted.governance.models import Organisation

    db_name = settings.DATABASES["default"]["NAME"]
    if str(db_name) != ":memory:":
        os.makedirs(os.path.dirname(db_name), exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    if not Organisation.objects.exists():
        print("Loading the demonstration data and publishing its agenda pack…")
        load(with_meetings=True)
    if not (settings.BASE_DIR / "minuted" / "static" / "build" / "minuted.css").exists():
        print("Note: the front-end build is missing; `make demo` builds it (npm needed).")
    url = f"http://127.0.0.1:{port}/"
    print(f"\nMinuted is at {url}")
    print(f"Sign in at {url}sign-in/ with password {DEMO_PASSWORD!r} as:")
    for account in DEMO_ACCOUNTS:
        print(f"  {account.email:<22} {account.description}")
    print("The administrator and the clerk set up an authenticator app (any TOTP app) when")
    print("they first sign in: Minuted asks them for a code as well as the password.")
    print("Stop with Ctrl+C.\n")
    if args.no_serve:
        return 0
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
    return 0


def serve(argv: Sequence[str]) -> int:
    parser = _parser(
        "minuted serve",
        "Run Minuted under gunicorn, the production server. Binds $HOST:$PORT (default "
        "127.0.0.1:8000) with $WEB_CONCURRENCY workers (default 2 per CPU + 1). Run "
        "`minuted migrate` and `minuted collectstatic` first when upgrading.",
    )
    parser.parse_args(argv)
    from gunicorn.app.wsgiapp import run

    host = os.environ.get("HOST", "127.0.0.1")
    port = os.environ.get("PORT", "8000")
    workers = os.environ.get("WEB_CONCURRENCY") or str(2 * (os.cpu_count() or 1) + 1)
    sys.argv = [
        "gunicorn",
        "minuted.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        workers,
        "--access-logfile",
        "-",
    ]
    run()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minuted.settings")
    if not args or args[0] in ("-h", "--help"):
        print("usage: minuted COMMAND [options]\n\n" + DESCRIPTION)
        return 0
    command, rest = args[0], args[1:]
    try:
        if command == "demo":
            return demo(rest)
        if command == "serve":
            return serve(rest)
        from django.core.management import execute_from_command_line

        execute_from_command_line(["minuted", *args])
    except SettingError as error:
        print(f"minuted: {error} (settings are described in docs/settings.md)", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
