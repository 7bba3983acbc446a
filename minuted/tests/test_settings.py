"""Settings come from the environment through typed helpers that fail loudly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from minuted.env import (
    SettingError,
    database_from_url,
    env_bool,
    env_int,
    env_json,
    env_list,
    env_str,
)

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x7!kQ2#vL9@pZ4$wM8%nR3^tB6&yC1*hJ5(dF0)gK-test-only-production-profile",
    "ALLOWED_HOSTS": "minuted.example.org",
    "DATABASE_URL": "sqlite:///var/check-deploy.sqlite3",
}


def run_django(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_booleans_accept_the_usual_words_and_refuse_others():
    assert env_bool("X", False, {"X": "Yes"}) is True
    assert env_bool("X", True, {"X": "off"}) is False
    assert env_bool("X", True, {}) is True
    with pytest.raises(SettingError, match="X must be true or false, not 'maybe'"):
        env_bool("X", False, {"X": "maybe"})


def test_numbers_lists_and_required_strings_fail_loudly():
    assert env_int("N", 3, {"N": "8"}) == 8
    with pytest.raises(SettingError, match="N must be a whole number"):
        env_int("N", 3, {"N": "eight"})
    assert env_list("L", [], {"L": "a.example, b.example,"}) == ["a.example", "b.example"]
    assert env_json("J", {}, {"J": '{"bucket_name": "minuted"}'}) == {"bucket_name": "minuted"}
    assert env_json("J", {"a": 1}, {"J": " "}) == {"a": 1}
    with pytest.raises(SettingError, match="J must be a JSON object"):
        env_json("J", {}, {"J": '["a list"]'})
    with pytest.raises(SettingError, match="J must be a JSON object"):
        env_json("J", {}, {"J": "{not json"})
    with pytest.raises(SettingError, match="SECRET_KEY must be set"):
        env_str("SECRET_KEY", None, {})


def test_database_urls_give_sqlite_in_wal_mode_or_postgresql(tmp_path):
    sqlite = database_from_url("sqlite:///var/x.sqlite3", tmp_path)
    assert sqlite["NAME"] == tmp_path / "var" / "x.sqlite3"
    assert "journal_mode=WAL" in sqlite["OPTIONS"]["init_command"]
    pg = database_from_url("postgres://minuted:s%40cret@db.internal:5433/minuted", tmp_path)
    assert (pg["ENGINE"], pg["NAME"], pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"]) == (
        "django.db.backends.postgresql",
        "minuted",
        "minuted",
        "s@cret",
        "db.internal",
        "5433",
    )
    with pytest.raises(SettingError, match="must start with sqlite:// or postgres://"):
        database_from_url("mysql://x/y", tmp_path)


def test_a_sqlite_file_database_runs_in_wal_mode_with_foreign_keys(tmp_path, django_db_blocker):
    from django.db.backends.sqlite3.base import DatabaseWrapper

    entry = database_from_url(f"sqlite:///{tmp_path}/wal.sqlite3", tmp_path)
    defaults: dict[str, object] = {
        "ATOMIC_REQUESTS": False,
        "AUTOCOMMIT": True,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "TIME_ZONE": None,
        "TEST": {},
    }
    wrapper = DatabaseWrapper({**defaults, **entry}, alias="wal_probe")
    with django_db_blocker.unblock():
        try:
            with wrapper.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone()[0] == "wal"
                cursor.execute("PRAGMA foreign_keys")
                assert cursor.fetchone()[0] == 1
        finally:
            wrapper.close()


def test_passwords_are_hashed_with_argon2_outside_tests():
    from minuted import settings as module

    assert module.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_the_production_profile_passes_check_deploy_with_no_warnings():
    result = run_django("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_production_profile_sends_session_and_csrf_cookies_only_over_https():
    script = (
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE)"
    )
    result = run_django("shell", "-c", script, env=PRODUCTION)
    assert result.stdout.strip().splitlines()[-1] == "True True True Lax", result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = run_django("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = run_django("check", env={**PRODUCTION, "SECRET_KEY": "short"})
    assert "at least 50 characters" in result.stderr


def test_the_suite_runs_with_the_settings_it_documents():
    assert settings.TIME_ZONE == "Europe/London"
    assert settings.AUTH_USER_MODEL == "accounts.User"


@pytest.mark.django_db
def test_the_suite_runs_on_the_database_named_in_database_url():
    # CI runs the suite a second time with a postgres:// URL; this proves it really did.
    from django.db import connection

    url = os.environ.get("DATABASE_URL", "sqlite://")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected
