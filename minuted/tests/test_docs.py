"""Docs that stay true: every setting and every command is documented (datasette's
tests/test_docs.py is the model), and the CLI reference is generated from --help."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLI_REFERENCE = ROOT / "docs" / "cli.md"
COMMANDS = [
    "demo",
    "serve",
    "load_authorities",
    "load_demo",
    "send_action_reminders",
    "reindex",
    "backup",
    "restore",
    "api_token",
    "api_token create",
]


def help_text(*args: str) -> str:
    env = {**os.environ, "COLUMNS": "100", "DEBUG": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "minuted.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.rstrip()


def generated_reference() -> str:
    parts = [
        "# The `minuted` command",
        "",
        "Generated from `--help` by `make docs`; `minuted/tests/test_docs.py` fails when it is "
        "out of date.",
        "",
        "```",
        help_text("--help"),
        "```",
    ]
    for command in COMMANDS:
        parts += [
            "",
            f"## minuted {command}",
            "",
            "```",
            help_text(*command.split(), "--help"),
            "```",
        ]
    return "\n".join(parts) + "\n"


def test_the_cli_reference_matches_the_commands_help():
    expected = generated_reference()
    if os.environ.get("UPDATE_DOCS"):
        CLI_REFERENCE.write_text(expected)
    assert CLI_REFERENCE.read_text() == expected, "docs/cli.md is out of date: run `make docs`"


def test_every_setting_read_from_the_environment_is_documented():
    documented = (ROOT / "docs" / "settings.md").read_text()
    sources = (ROOT / "minuted" / "settings.py").read_text() + (
        ROOT / "minuted" / "cli.py"
    ).read_text()
    names = set(re.findall(r'env_(?:str|bool|int|list|json)\(\s*"([A-Z_]+)"', sources))
    names |= set(re.findall(r'os\.environ\.(?:get|setdefault)\("([A-Z_]+)"', sources))
    names -= {"DJANGO_SETTINGS_MODULE"}
    assert names, "the pattern found the settings"
    missing = sorted(n for n in names if f"`{n}`" not in documented)
    assert missing == []
