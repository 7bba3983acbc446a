"""Property tests of every importer (issue 6): given a valid file mutated by hypothesis —
truncated, fields dropped or duplicated, values of the wrong type, huge numbers, odd Unicode,
NUL characters — a command either succeeds or stops with a CommandError whose message says
where the problem is (file, row or line, field), never another exception's traceback, and a
failure leaves the database (and MEDIA_ROOT) exactly as it was.

Inventory of what Minuted reads from outside and where its property tests are:

Importers (management commands that read files) — this module:
- ``minuted load_authorities [CSV]`` (governance/authorities.py): mySociety's register CSV.
- ``minuted load_demo [YAML]`` (demo/loader.py, demo/meetings.py, demo/record.py): the
  demonstration organisation, then its meetings and record from the shipped YAML files.
- ``minuted restore ARCHIVE`` (core/backup.py): a backup archive (tar.gz holding a manifest,
  database.json and media files).
  The other commands read no files: ``backup`` writes one, ``api_token``, ``reindex`` and
  ``send_action_reminders`` take arguments only (argparse checks them).

Query-string parsers — minuted/tests/test_fuzz_http.py:
- /decisions/ (publicsite/decisions.py ``parse_filters``): board, from, to, page.
- /search/ (search/views.py ``read_form``): q, board, from, to, kind, page.
- OParl lists (interop/oparl/params.py ``ListQuery``): created/modified since/until, limit,
  page; OParl object and file keys in the path (interop/oparl/views.py).
- ModernGov web service (interop/moderngov/views.py, interop/lookups.py ``parse_id``,
  ``parse_date``, ``parameters``): lCommitteeId, sFromDate, sToDate, lMeetingId, any case,
  GET or form POST.
- decisions.csv (interop/exports.py): board, from, to.
- The JSON API (minuted/api): query parameters and JSON bodies fuzzed from its OpenAPI
  schema by minuted/api/tests/test_schemathesis.py; its list filters also in
  test_fuzz_http.py, on PostgreSQL too.

Text parsers and renderers — minuted/tests/test_fuzz_text.py:
- Markdown to HTML (core/markdown.py ``render_markdown``, markdown-it + nh3).
- Markdown to the block tree of packs and minutes (rendering/blocks.py
  ``markdown_to_blocks``, ``plain_text``), the tree to HTML (rendering/html.py) and to PDF
  (rendering/pdf.py ``render_pack_pdf``).
- Date helpers: core/formats.py (``long_date``, ``clock``…), oparl ``parse_moment``,
  interop ``parse_date``/``parse_id``.

Rule functions — the rules modules' own tests (governance/tests/test_rules_seats.py,
meetings/tests/test_rules_clear_days.py, record/tests/test_rules_*.py) and
minuted/tests/test_fuzz_rules.py for those without properties (quorum, wording, agenda,
interests).

Forms where a service parses text are Django forms (staff/forms): their fields parse and
report field-level errors, tested by the staff app's tests."""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import re
import tarfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from minuted.core.backup import serialize_database
from minuted.demo.loader import IIB, DemoDataError, load
from minuted.governance.authorities import DEFAULT_CSV, load_authorities

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

TEXT = st.text(max_size=20)
# Values of the wrong type or size for any field.
ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True),
    TEXT,
    st.sampled_from(["\x00", "a\x00b", "\u202e", "🙂" * 50, "x" * 5000, "2019-02-30", "-1"]),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.sampled_from(["a", "slug", "name"]), st.integers(), max_size=2),
)


def database_state() -> str:
    """Every row of every table (a dump as `minuted backup` writes it)."""
    text, _ = serialize_database()
    return text


def media_state() -> dict[str, bytes]:
    root = Path(django_settings.MEDIA_ROOT)
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def run_and_roll_back(command: Callable[[], object]) -> tuple[CommandError | None, str, str]:
    """Run ``command``; return the CommandError it raised (or None) and the database as it
    was before and after. Whatever happened is then rolled back, so that every example starts
    from the same database."""
    with transaction.atomic():
        before = database_state()
        error = None
        try:
            command()
        except CommandError as raised:
            error = raised
        after = database_state()
        transaction.set_rollback(True)
    return error, before, after


def paths(tree: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a node of a YAML or JSON tree."""
    yield prefix
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            yield from paths(value, (*prefix, index))


def mutate(tree: Any, path: tuple[Any, ...], how: str, value: Any) -> Any:
    """A copy of ``tree`` with the node at ``path`` dropped, doubled or replaced by ``value``."""
    tree = copy.deepcopy(tree)
    if not path:
        return value
    parent = tree
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if how == "drop":
        del parent[last]
    elif how == "double" and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    elif how == "double" and isinstance(parent, dict):
        parent[f"{last}_again"] = copy.deepcopy(parent[last])
    else:
        parent[last] = value
    return tree


def tree_mutations(tree: Any) -> st.SearchStrategy[tuple[tuple[Any, ...], str, Any]]:
    every = list(paths(tree))
    return st.tuples(
        st.sampled_from(every),
        st.sampled_from(["drop", "double", "replace", "replace"]),
        ODD_VALUES,
    )


def text_mutations(text: str) -> st.SearchStrategy[str]:
    """The text truncated, or with odd characters inserted."""
    return st.one_of(
        st.integers(0, len(text)).map(lambda n: text[:n]),
        st.tuples(
            st.integers(0, len(text)), st.sampled_from(["\x00", "\ufeff", '"', "\n", ":"])
        ).map(lambda p: text[: p[0]] + p[1] + text[p[0] :]),
    )


# ------------------------------------------------------------------ load_authorities

AUTHORITIES = DEFAULT_CSV.read_text(encoding="utf-8")
AUTHORITY_ROWS = list(csv.reader(io.StringIO(AUTHORITIES)))[:12]


def csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


@st.composite
def authority_files(draw: Any) -> str:
    rows = copy.deepcopy(AUTHORITY_ROWS)
    for _ in range(draw(st.integers(1, 3))):
        how = draw(
            st.sampled_from(["cell", "cell", "drop-row", "double-row", "drop-column", "text"])
        )
        row = draw(st.integers(0, len(rows) - 1)) if rows else 0
        if how == "cell" and rows:
            column = draw(st.integers(0, len(rows[row]) - 1)) if rows[row] else 0
            if rows[row]:
                rows[row][column] = str(draw(ODD_VALUES))
        elif how == "drop-row" and rows:
            del rows[row]
        elif how == "double-row" and rows:
            rows.insert(row, list(rows[row]))
        elif how == "drop-column" and rows and rows[0]:
            column = draw(st.integers(0, len(rows[0]) - 1))
            rows = [r[:column] + r[column + 1 :] for r in rows]
    text = csv_text(rows)
    if how == "text":
        text = draw(text_mutations(text))
    return text


def test_a_mutated_authorities_csv_loads_or_is_refused_naming_the_line_with_nothing_written(
    db: Any, tmp_path: Path
):
    csv_path = tmp_path / "authorities.csv"

    @FUZZ
    @given(text=authority_files())
    @example(text=csv_text(AUTHORITY_ROWS).replace("N09000002", "N09000002\x00"))
    @example(text=csv_text(AUTHORITY_ROWS)[:-40])
    def check(text: str) -> None:
        csv_path.write_text(text, encoding="utf-8", errors="surrogatepass")
        error, before, after = run_and_roll_back(
            lambda: call_command("load_authorities", str(csv_path), stdout=io.StringIO())
        )
        if error is not None:
            assert after == before
            message = str(error)
            assert "Nothing was loaded" in message
            assert "line " in message or "column" in message, message

    check()


# ------------------------------------------------------------------ load_demo

DEMO = yaml.safe_load(IIB.read_text(encoding="utf-8"))
DEMO_SECTIONS = ("organisation", "political_groups", "officers", "terms", "people", "board")


def names_a_place_in_the_demo_file(message: str, path: Path) -> bool:
    """The message says where: the file (with YAML's line and column), a section, or the
    quoted slug, term or field of the entry at fault."""
    after = message.removeprefix("Nothing was loaded: ")
    return (
        path.name in after
        or any(after.startswith(section) for section in DEMO_SECTIONS)
        or "missing section" in after
        or re.search(r"'[^']+'", after) is not None
    )


def test_a_mutated_demo_file_loads_or_is_refused_naming_the_place_with_nothing_written(
    db: Any, tmp_path: Path
):
    load_authorities()  # once: the loader loads them into an empty database, slowly
    demo_path = tmp_path / "demo.yaml"

    @settings(FUZZ, max_examples=2)  # a load that succeeds takes seconds: examples below
    @given(mutation=tree_mutations(DEMO))
    @example(mutation=(("people", 0, "slug"), "drop", None))
    @example(mutation=(("people", 0, "display_name"), "replace", "a\x00b"))
    @example(mutation=(("board", "memberships"), "replace", [1, 2]))
    @example(mutation=(("terms", 0, "start_date"), "replace", "2019-02-30"))
    @example(mutation=(("people", 0), "replace", {"slug": "x", "colour": 1}))
    # The shipped meetings need a membership this drops.
    @example(mutation=(("board", "memberships", "2019-20", 26), "drop", None))
    def check(mutation: tuple[tuple[Any, ...], str, Any]) -> None:
        path, how, value = mutation
        demo_path.write_text(
            yaml.safe_dump(mutate(DEMO, path, how, value), allow_unicode=True), encoding="utf-8"
        )
        error, before, after = run_and_roll_back(
            lambda: call_command("load_demo", str(demo_path), "--no-accounts", stdout=io.StringIO())
        )
        if error is not None:
            assert after == before
            message = str(error)
            assert message.startswith("Nothing was loaded: "), message
            assert names_a_place_in_the_demo_file(message, demo_path), message

    check()


def test_the_demo_loader_refuses_a_mutated_file_naming_the_place_with_nothing_written(
    db: Any, tmp_path: Path
):
    """The loader alone (without the meetings, which take seconds), more examples."""
    load_authorities()  # once: the loader loads them into an empty database, slowly
    demo_path = tmp_path / "demo.yaml"

    @settings(FUZZ, max_examples=8)
    @given(mutation=tree_mutations(DEMO))
    def check(mutation: tuple[tuple[Any, ...], str, Any]) -> None:
        demo_path.write_text(yaml.safe_dump(mutate(DEMO, *mutation), allow_unicode=True))

        def load_it() -> None:
            try:
                load(demo_path, with_accounts=False, with_meetings=False)
            except DemoDataError as error:
                raise CommandError(f"Nothing was loaded: {error}") from error

        error, before, after = run_and_roll_back(load_it)
        if error is not None:
            assert after == before
            assert names_a_place_in_the_demo_file(str(error), demo_path), str(error)

    check()


def test_a_demo_file_that_is_not_yaml_is_refused_naming_the_file(db: Any, tmp_path: Path):
    load_authorities()  # once: the loader loads them into an empty database, slowly
    text = IIB.read_text(encoding="utf-8")
    demo_path = tmp_path / "demo.yaml"

    @settings(FUZZ, max_examples=4)
    @given(broken=text_mutations(text))
    @example(broken="organisation: [\n")
    @example(broken="\x00")
    def check(broken: str) -> None:
        demo_path.write_text(broken, encoding="utf-8")
        error, before, after = run_and_roll_back(
            lambda: call_command("load_demo", str(demo_path), "--no-accounts", stdout=io.StringIO())
        )
        if error is not None:
            assert after == before
            assert names_a_place_in_the_demo_file(str(error), demo_path), str(error)

    check()


# ------------------------------------------------------------------ restore


def archive_bytes(manifest: Any, members: dict[str, bytes], fix_checksums: bool) -> bytes:
    """A tar.gz of the manifest and members; with ``fix_checksums`` the manifest's checksums
    are made to match, so that the damage reaches the code past the checksum check."""
    if fix_checksums and isinstance(manifest, dict) and isinstance(manifest.get("files"), dict):
        for name, data in members.items():
            entry = manifest["files"].get(name)
            if isinstance(entry, dict):
                entry["sha256"] = hashlib.sha256(data).hexdigest()
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as archive:
        for name, data in {"manifest.json": json.dumps(manifest).encode(), **members}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return out.getvalue()


@pytest.fixture
def backup(world: Any, tmp_path: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    """A real backup of the world (and one media file), read back as manifest and members."""
    media = Path(django_settings.MEDIA_ROOT)
    (media / "packs").mkdir(parents=True)
    (media / "packs" / "pack.pdf").write_bytes(b"%PDF-1.7 a pack")
    path = tmp_path / "backup.tar.gz"
    call_command("backup", str(path), stdout=io.StringIO())
    with tarfile.open(path) as archive:
        members = {m.name: archive.extractfile(m).read() for m in archive.getmembers()}  # type: ignore[union-attr]
    manifest = json.loads(members.pop("manifest.json"))
    return manifest, members


# A real transaction per test: on PostgreSQL, the restore's TRUNCATE refuses to run in a
# transaction that has already written rows (the world's) with deferred constraint checks.
@pytest.mark.django_db(transaction=True)
def test_a_mutated_backup_restores_or_is_refused_with_nothing_written(
    backup: tuple[dict[str, Any], dict[str, bytes]], tmp_path: Path
):
    manifest, members = backup
    rows = json.loads(members["database.json"])
    archive = tmp_path / "mutated.tar.gz"
    media_before = media_state()

    @settings(FUZZ, max_examples=15)
    @given(
        part=st.sampled_from(["manifest", "rows", "rows", "rows", "bytes"]),
        rows_mutation=tree_mutations(rows),
        manifest_mutation=tree_mutations(manifest),
        cut=st.integers(0, 2000),
        fix_checksums=st.booleans(),
    )
    @example(
        part="rows",
        rows_mutation=((0, "model"), "drop", None),
        manifest_mutation=((), "replace", None),
        cut=0,
        fix_checksums=True,
    )
    @example(
        part="rows",
        rows_mutation=((0,), "replace", 1),
        manifest_mutation=((), "replace", None),
        cut=0,
        fix_checksums=True,
    )
    @example(
        part="manifest",
        rows_mutation=((), "replace", None),
        manifest_mutation=(("files",), "replace", [1]),
        cut=0,
        fix_checksums=False,
    )
    @example(  # restored, then a traceback counting the tables
        part="manifest",
        rows_mutation=((), "replace", None),
        manifest_mutation=(("tables",), "drop", None),
        cut=0,
        fix_checksums=False,
    )
    @example(
        part="rows",
        rows_mutation=((0, "fields"), "replace", {"no_such_field": 1}),
        manifest_mutation=((), "replace", None),
        cut=0,
        fix_checksums=True,
    )
    def check(
        part: str,
        rows_mutation: tuple[tuple[Any, ...], str, Any],
        manifest_mutation: tuple[tuple[Any, ...], str, Any],
        cut: int,
        fix_checksums: bool,
    ) -> None:
        new_manifest, new_members = copy.deepcopy(manifest), dict(members)
        if part == "manifest":
            new_manifest = mutate(manifest, *manifest_mutation)
        elif part == "rows":
            new_members["database.json"] = json.dumps(mutate(rows, *rows_mutation)).encode()
        data = archive_bytes(new_manifest, new_members, fix_checksums or part == "rows")
        if part == "bytes":
            data = data[: len(data) - cut - 1]
        archive.write_bytes(data)
        error, before, after = run_and_roll_back(
            lambda: call_command("restore", str(archive), "--force", stdout=io.StringIO())
        )
        if error is not None:
            assert after == before
            assert media_state() == media_before
            assert str(error).strip()

    check()
