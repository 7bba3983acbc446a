"""Typed readers for settings taken from the environment.

Each helper fails loudly with the variable's name when a value cannot be read, so a
mistyped setting stops the process at start-up rather than misbehaving later
(healthchecks' ``envbool``/``envint`` are the model).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class SettingError(ValueError):
    """A setting in the environment has a value Minuted cannot use."""


def env_str(name: str, default: str | None = None, env: Mapping[str, str] | None = None) -> str:
    env = os.environ if env is None else env
    value = env.get(name, default)
    if value is None:
        raise SettingError(f"{name} must be set")
    return value


def env_bool(name: str, default: bool, env: Mapping[str, str] | None = None) -> bool:
    env = os.environ if env is None else env
    raw = env.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingError(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int, env: Mapping[str, str] | None = None) -> int:
    env = os.environ if env is None else env
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise SettingError(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str], env: Mapping[str, str] | None = None) -> list[str]:
    """A comma-separated list; blank items are dropped."""
    env = os.environ if env is None else env
    raw = env.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_json(
    name: str, default: dict[str, Any], env: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """A JSON object (``{"bucket_name": "minuted"}``); blank means the default."""
    env = os.environ if env is None else env
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = json.loads(raw)
    except ValueError as error:
        raise SettingError(f"{name} must be a JSON object ({error})") from None
    if not isinstance(value, dict):
        raise SettingError(f"{name} must be a JSON object, not {raw!r}")
    return value


def database_from_url(url: str, base_dir: Path) -> dict[str, Any]:
    """Django DATABASES entry for ``sqlite:///path`` or ``postgres://user:pass@host:port/name``.

    Relative SQLite paths are taken from ``base_dir``. SQLite runs in WAL mode with a busy
    timeout so that the web server and a management command can share the file; Django turns
    foreign-key enforcement on for SQLite itself.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        raw_path = unquote(parts.path)
        if parts.netloc:
            raise SettingError(
                f"DATABASE_URL {url!r}: use sqlite:///relative/path or sqlite:////absolute/path"
            )
        if raw_path in ("", "/", "/:memory:"):
            name: str | Path = ":memory:"
        else:
            path = Path(raw_path[1:])
            name = path if path.is_absolute() else base_dir / path
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name,
            "OPTIONS": {
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    if scheme in ("postgres", "postgresql"):
        db_name = unquote(parts.path.lstrip("/"))
        if not db_name:
            raise SettingError(f"DATABASE_URL {url!r} names no database")
        options = dict(parse_qsl(parts.query))
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": db_name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise SettingError(
        f"DATABASE_URL must start with sqlite:// or postgres://, not {scheme or 'nothing'}://"
    )
