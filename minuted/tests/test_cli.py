"""The `minuted` command: help for every command, and `demo` setting up its own database."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from minuted import cli

ROOT = Path(__file__).resolve().parents[2]


def minuted(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    executable = shutil.which("minuted", path=str(Path(sys.executable).parent))
    assert executable, "the minuted entry point is installed with the package"
    return subprocess.run(
        [executable, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, **(env or {})},
    )


def test_minuted_help_names_its_commands(capsys):
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("demo", "serve", "load_authorities", "load_demo"):
        assert command in out


@pytest.mark.parametrize("command", ["demo", "serve"])
def test_each_minuted_command_explains_itself(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main([command, "--help"])
    assert exit_.value.code == 0
    assert f"minuted {command}" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["load_authorities", "load_demo"])
def test_minuteds_own_management_commands_explain_themselves(command):
    result = minuted(command, "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "Nothing is written" in text or "into an empty database" in text


def test_demo_creates_migrates_and_fills_a_sqlite_database_then_prints_the_accounts(tmp_path):
    database = tmp_path / "demo.sqlite3"
    result = minuted(
        "demo", "--no-serve", env={"DATABASE_URL": f"sqlite:///{database}", "PORT": "8123"}
    )
    assert result.returncode == 0, result.stderr
    assert "http://127.0.0.1:8123/" in result.stdout
    assert "clerk@example.org" in result.stdout
    with sqlite3.connect(database) as db:
        (boards,) = db.execute("select count(*) from governance_board").fetchone()
        (memberships,) = db.execute("select count(*) from governance_membership").fetchone()
    assert (boards, memberships) == (
        1,
        31 + 33,
    )  # 2018/19: 22 places + 9 substitutes; 2019/20: 24 + 9
    # Running it again keeps the data rather than loading it twice.
    again = minuted("demo", "--no-serve", env={"DATABASE_URL": f"sqlite:///{database}"})
    assert again.returncode == 0
    assert "Loading the demonstration data" not in again.stdout


def test_demo_refuses_a_port_that_is_not_a_number():
    result = minuted("demo", "--no-serve", env={"PORT": "eighty"})
    assert result.returncode != 0
    assert "PORT must be a number" in result.stderr


def test_a_missing_setting_is_reported_in_one_clear_line():
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY")}
    result = subprocess.run(
        [sys.executable, "-m", "minuted.cli", "migrate"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "minuted: SECRET_KEY must be set (settings are described in docs/settings.md)"
    )
