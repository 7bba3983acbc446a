"""Loading UK local authorities from mySociety's register (data/uk_local_authorities.csv).

Converting and writing are separate: ``parse_authorities`` reads and validates every row and
reports every problem at once; ``load_authorities`` writes only when there are none, in one
transaction, so a bad file changes nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from minuted.governance.models import Authority

DEFAULT_CSV = Path(__file__).resolve().parent / "data" / "uk_local_authorities.csv"
GSS_CODE = re.compile(r"^[ENSW]\d{8}$")
REQUIRED_COLUMNS = (
    "local-authority-code",
    "official-name",
    "gss-code",
    "start-date",
    "end-date",
    "nation",
)


class AuthorityDataError(ValueError):
    """The file cannot be loaded; ``problems`` lists every row that is wrong and why."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems[:5]) + (" …" if len(problems) > 5 else ""))
        self.problems = problems


@dataclass(frozen=True)
class LoadReport:
    created: int
    updated: int


def _date(value: str, line: int, column: str, problems: list[str]) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        problems.append(f"line {line}: {column} {value!r} is not a date (YYYY-MM-DD)")
        return None


def parse_authorities(lines: Iterable[str]) -> list[dict[str, object]]:
    reader = csv.DictReader(lines)
    try:
        return _parse(reader)
    except csv.Error as error:  # a field longer than the csv module allows, say
        # line_num counts the lines read before the record that failed.
        raise AuthorityDataError([f"line {reader.line_num + 1}: {error}"]) from error


def _parse(reader: csv.DictReader[str]) -> list[dict[str, object]]:
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise AuthorityDataError([f"missing column {c!r}" for c in missing])
    rows: list[dict[str, object]] = []
    problems: list[str] = []
    seen_codes: set[str] = set()
    seen_gss: set[str] = set()
    for line, raw in enumerate(reader, start=2):
        code = (raw["local-authority-code"] or "").strip()
        gss = (raw["gss-code"] or "").strip()
        name = " ".join((raw["official-name"] or "").split())
        if not code:
            problems.append(f"line {line}: no local-authority-code")
        elif code in seen_codes:
            problems.append(f"line {line}: local-authority-code {code} appears twice")
        end_date = _date(raw["end-date"], line, "end-date", problems)
        if not gss and end_date is None:
            # Only authorities abolished before GSS codes existed may lack one.
            problems.append(f"line {line}: a current authority needs a GSS code")
        elif gss and not GSS_CODE.match(gss):
            problems.append(f"line {line}: GSS code {gss!r} is not a letter and eight digits")
        elif gss in seen_gss:
            problems.append(f"line {line}: GSS code {gss} appears twice")
        if not name:
            problems.append(f"line {line}: no official-name")
        seen_codes.add(code)
        if gss:
            seen_gss.add(gss)
        rows.append(
            {
                "code": code,
                "gss_code": gss,
                "name": name,
                "nice_name": (raw.get("nice-name") or "").strip(),
                "authority_type": (raw.get("local-authority-type") or "").strip(),
                "authority_type_name": (raw.get("local-authority-type-name") or "").strip(),
                "nation": (raw["nation"] or "").strip(),
                "region": (raw.get("region") or "").strip(),
                "start_date": _date(raw["start-date"], line, "start-date", problems),
                "end_date": end_date,
                "replaced_by": (raw.get("replaced-by") or "").strip(),
            }
        )
        problems += _unstorable(rows[-1], line)
    if problems:
        raise AuthorityDataError(problems)
    return rows


# The CSV's name of each field, for messages.
COLUMNS = {
    "code": "local-authority-code",
    "gss_code": "gss-code",
    "name": "official-name",
    "nice_name": "nice-name",
    "authority_type": "local-authority-type",
    "authority_type_name": "local-authority-type-name",
    "nation": "nation",
    "region": "region",
    "replaced_by": "replaced-by",
}


def _unstorable(row: dict[str, object], line: int) -> list[str]:
    """A value longer than its column holds, or holding a NUL character: SQLite would store
    either, PostgreSQL refuses them half way through the load."""
    problems = []
    for field, column in COLUMNS.items():
        limit = getattr(Authority._meta.get_field(field), "max_length", None)
        value = str(row[field])
        if limit is not None and len(value) > limit:
            problems.append(f"line {line}: {column} is longer than {limit} characters")
        if "\x00" in value:
            problems.append(f"line {line}: {column} holds a NUL character")
    return problems


@transaction.atomic
def load_authorities(path: Path = DEFAULT_CSV) -> LoadReport:
    """Create or update every authority in the file (matched on its register code)."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start]
        raise AuthorityDataError([f"line {line}: not UTF-8 (byte {byte:#04x})"]) from error
    rows = parse_authorities(io.StringIO(text, newline=""))
    created = updated = 0
    for row in rows:
        code = str(row.pop("code"))
        _, was_created = Authority.objects.update_or_create(code=code, defaults=row)
        created += was_created
        updated += not was_created
    return LoadReport(created=created, updated=updated)
