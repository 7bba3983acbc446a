"""The two full-text backends behind one interface: SQLite FTS5 (the embedded default) and
PostgreSQL full-text search (production). Each turns a visitor's words and the filters into
one SQL statement over ``search_entry`` and returns the page of hits, ranked, with the total
and the matched words marked in the title and a snippet of the body.

Matched words are marked with two private-use characters (``START``, ``STOP``) that indexing
strips from every text, so the caller can escape the text as a whole and only then turn the
marks into markup: what a user typed or wrote never becomes HTML.

A visitor's query is never passed to FTS5's query language as it is: ``fts5_query`` rebuilds
it from its words, each quoted, so no input is a syntax error. PostgreSQL reads the query with
``websearch_to_tsquery``, which accepts any text. Both understand the same small language:
words (all must match), "a phrase", ``-word`` to exclude, and ``or`` between alternatives."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper

from minuted.governance.models import Board, Membership, Person
from minuted.meetings.models import Meeting
from minuted.search.models import Entry, Kind

START = "\ue000"
STOP = "\ue001"
# ts_headline reads "<…>" as markup and drops it; PostgreSQL hands it angle brackets in
# disguise, and ``restore_text`` turns them back before the text is escaped.
LT = "\ue002"
GT = "\ue003"
ELLIPSIS = " … "
SNIPPET_WORDS = 24
MAX_TERMS = 32  # words beyond this are ignored, so one query cannot become a huge expression

ENTRY = Entry._meta.db_table
MEMBERSHIP = Membership._meta.db_table


@dataclass(frozen=True)
class Where:
    """The filters of a search, as the backends apply them."""

    organisation_id: int | None = None
    board_id: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    """One match, with what a results page shows of it (read in the same statement, so a
    page of results costs one query)."""

    id: int
    marked_title: str  # the title, matched words between START and STOP
    marked_snippet: str  # a passage of the body, marked the same way
    kind: str
    title: str
    label: str
    date: dt.date | None
    version: int | None
    pack: str
    ref: str
    board_name: str
    board_slug: str
    meeting_slug: str
    person_slug: str


# What every backend selects for a hit after its id, total and marked texts, from the entry
# ``e`` and its board, meeting and person.
_DISPLAY = (
    "e.kind, e.title, e.label, e.date, e.version, e.pack, e.ref, b.name, b.slug, m.slug, p.slug"
)
_DISPLAY_JOINS = (
    f"LEFT JOIN {Board._meta.db_table} b ON b.id = e.board_id "
    f"LEFT JOIN {Meeting._meta.db_table} m ON m.id = e.meeting_id "
    f"LEFT JOIN {Person._meta.db_table} p ON p.id = e.person_id"
)


def _hit(row: Sequence[Any]) -> Hit:
    day = row[7]
    if isinstance(day, str):  # SQLite hands dates back as text
        day = dt.date.fromisoformat(day)
    return Hit(
        id=row[0],
        marked_title=row[2] or "",
        marked_snippet=row[3] or "",
        kind=row[4],
        title=row[5],
        label=row[6],
        date=day,
        version=row[8],
        pack=row[9],
        ref=row[10],
        board_name=row[11] or "",
        board_slug=row[12] or "",
        meeting_slug=row[13] or "",
        person_slug=row[14] or "",
    )


@dataclass(frozen=True)
class Hits:
    total: int
    hits: list[Hit] = field(default_factory=list)


class Backend(Protocol):
    name: str

    def search(self, query: str, where: Where, limit: int, offset: int) -> Hits: ...


def backend_for(connection: BaseDatabaseWrapper | None = None) -> Backend:
    """The backend for the database in use: FTS5 on SQLite, tsvector on PostgreSQL."""
    vendor = (connection or default_connection).vendor
    if vendor == "sqlite":
        return SqliteBackend()
    if vendor == "postgresql":
        return PostgresBackend()
    raise NotImplementedError(f"Search supports SQLite and PostgreSQL, not {vendor}.")


def clean_text(text: str) -> str:
    """Text as the index holds it: without the marks (which only the backends add) and
    without control characters (PostgreSQL refuses NUL)."""
    return _UNWANTED.sub(" ", text)


def restore_text(text: str) -> str:
    return text.replace(LT, "<").replace(GT, ">")


_UNWANTED = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f{START}{STOP}{LT}{GT}]")


def _filters(where: Where) -> tuple[str, list[Any]]:
    """SQL conditions on the entry ``e`` and their parameters."""
    conditions: list[str] = []
    params: list[Any] = []
    if where.organisation_id is not None:
        conditions.append("e.organisation_id = %s")
        params.append(where.organisation_id)
    if where.board_id is not None:
        # A person belongs under every board they have a membership of.
        conditions.append(
            f"(e.board_id = %s OR (e.kind = %s AND EXISTS (SELECT 1 FROM {MEMBERSHIP} m "  # noqa: S608
            "WHERE m.person_id = e.person_id AND m.board_id = %s)))"
        )
        params += [where.board_id, Kind.PERSON.value, where.board_id]
    if where.since is not None:
        conditions.append("e.date >= %s")
        params.append(where.since)
    if where.until is not None:
        conditions.append("e.date <= %s")
        params.append(where.until)
    if where.kinds:
        conditions.append(f"e.kind IN ({', '.join(['%s'] * len(where.kinds))})")
        params += list(where.kinds)
    return "".join(f" AND {c}" for c in conditions), params


# --- SQLite FTS5 ---------------------------------------------------------------------------

_CHUNK = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"[^\W_]+")


def fts5_query(text: str) -> str | None:
    """An FTS5 expression for a visitor's query, or None when it has no word to look for.

    Every word or phrase becomes an FTS5 string (in double quotes, which FTS5 tokenises like
    the text), so operators, column filters, brackets, stars and stray quotes typed by a user
    are words or nothing — never syntax."""
    groups: list[list[str]] = []  # all groups must match; any term within a group
    excluded: list[str] = []
    join_next = False
    terms = 0
    for match in _CHUNK.finditer(text):
        minus, phrase, bare = match.groups()
        if bare is not None:
            if bare.lower() == "or":
                join_next = bool(groups)
                continue
            minus = "-" if bare.startswith("-") else ""
            phrase = bare
        words = _WORD.findall(phrase)
        if not words or terms >= MAX_TERMS:
            join_next = False
            continue
        terms += 1
        term = '"' + " ".join(words) + '"'
        if minus:
            excluded.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    if not groups:
        return None
    wanted = " AND ".join(g[0] if len(g) == 1 else "(" + " OR ".join(g) + ")" for g in groups)
    if excluded:
        return f"({wanted}) NOT ({' OR '.join(excluded)})"
    return wanted


class SqliteBackend:
    name = "sqlite-fts5"

    def search(self, query: str, where: Where, limit: int, offset: int) -> Hits:
        expression = fts5_query(query)
        if expression is None:
            return Hits(0)
        conditions, params = _filters(where)
        # Without filters the ranking is FTS5's alone; the entries are joined in only to
        # filter. CROSS JOIN keeps SQLite's planner from driving that join from search_entry,
        # which would run the full-text query once per entry. Only the page's hits have
        # their title highlighted and a snippet cut (FTS5 needs the MATCH again for that).
        # Ranking by (rank, rowid) is measured faster than by rank alone, and deterministic.
        source = f"search_fts CROSS JOIN {ENTRY} e ON e.id = search_fts.rowid"
        sql = f"""
            SELECT t.id, NULL,
                   highlight(search_fts, 0, %s, %s),
                   snippet(search_fts, 1, %s, %s, %s, %s), {_DISPLAY}
            FROM (
                SELECT search_fts.rowid AS id, search_fts.rank AS score
                FROM {source if conditions else "search_fts"}
                WHERE search_fts MATCH %s{conditions}
                ORDER BY search_fts.rank, search_fts.rowid DESC
                LIMIT %s OFFSET %s
            ) t CROSS JOIN search_fts ON search_fts.rowid = t.id
            CROSS JOIN {ENTRY} e ON e.id = t.id {_DISPLAY_JOINS}
            WHERE search_fts MATCH %s
            ORDER BY t.score, t.id DESC
        """  # noqa: S608 -- only fixed fragments are formatted in; values are parameters
        with default_connection.cursor() as cursor:
            marks: list[Any] = [START, STOP, START, STOP, ELLIPSIS.strip(), SNIPPET_WORDS]
            cursor.execute(sql, [*marks, expression, *params, limit, offset, expression])
            rows = cursor.fetchall()
            if len(rows) < limit and (rows or not offset):
                total = offset + len(rows)  # the last page: no need to count
            else:
                # Counting matches skips ranking them, so it costs little beside the page.
                cursor.execute(
                    f"SELECT count(*) FROM {source if conditions else 'search_fts'} "  # noqa: S608
                    f"WHERE search_fts MATCH %s{conditions}",
                    [expression, *params],
                )
                total = int(cursor.fetchone()[0])
        return Hits(total, [_hit(row) for row in rows])


# --- PostgreSQL ----------------------------------------------------------------------------

_TITLE_HEADLINE = f"HighlightAll=true, StartSel={START}, StopSel={STOP}"
_BODY_HEADLINE = (
    f"StartSel={START}, StopSel={STOP}, MaxFragments=2, MaxWords={SNIPPET_WORDS}, "
    f'MinWords=10, FragmentDelimiter="{ELLIPSIS}"'
)


class PostgresBackend:
    name = "postgresql"

    def search(self, query: str, where: Where, limit: int, offset: int) -> Hits:
        if not _WORD.search(query):
            return Hits(0)
        conditions, params = _filters(where)
        # ts_rank_cd weighs the title (A) above the body (B); normalisation 1 keeps long
        # reports from winning by length alone. Headlines are made for the one page only.
        sql = f"""
            WITH q AS (SELECT websearch_to_tsquery('english', %s) AS query)
            SELECT t.id, t.total,
                   ts_headline('english', replace(replace(e.title, '<', %s), '>', %s),
                               q.query, %s),
                   ts_headline('english', replace(replace(e.body, '<', %s), '>', %s),
                               q.query, %s),
                   {_DISPLAY}
            FROM (
                SELECT e.id, ts_rank_cd(e.document, q.query, 1) AS score,
                       count(*) OVER () AS total
                FROM {ENTRY} e, q
                WHERE e.document @@ q.query{conditions}
                ORDER BY score DESC, e.id DESC
                LIMIT %s OFFSET %s
            ) t JOIN {ENTRY} e ON e.id = t.id {_DISPLAY_JOINS} CROSS JOIN q
            ORDER BY t.score DESC, t.id DESC
        """  # noqa: S608 -- only fixed fragments are formatted in; values are parameters
        with default_connection.cursor() as cursor:
            headlines: list[Any] = [LT, GT, _TITLE_HEADLINE, LT, GT, _BODY_HEADLINE]
            cursor.execute(sql, [query, *headlines, *params, limit, offset])
            rows = cursor.fetchall()
            if rows:
                total = rows[0][1]
            else:
                cursor.execute(
                    f"SELECT count(*) FROM {ENTRY} e "  # noqa: S608
                    f"WHERE e.document @@ websearch_to_tsquery('english', %s){conditions}",
                    [query, *params],
                )
                total = int(cursor.fetchone()[0])
        return Hits(total, [_hit(row) for row in rows])
