"""Property tests of every query-string parser a visitor can reach (issue 6): whatever the
values of the parameters — valid ones, valid ones mutated (truncated, doubled, huge numbers,
Unicode digits, NULs, invalid UTF-8), or random text — the answer is 200, 400 or 404, never a
server error; a 400 names the parameter that was wrong; and an anonymous visitor never sees
exempt text (the canaries of test_no_leaks.py are planted, and no response may hold one).

The parsers: the public decisions list (/decisions/: board, from, to, page), search
(/search/: q, board, from, to, kind, page), the OParl lists (created_since, created_until,
modified_since, modified_until, limit, page) and object keys in the path, the ModernGov web
service (lCommitteeId, sFromDate, sToDate, lMeetingId, any case, by GET or form POST), and the
decisions CSV (board, from, to). The JSON API's parameters and bodies are fuzzed from its
OpenAPI schema by minuted/api/tests/test_schemathesis.py; its list filters are also fuzzed
here, because schemathesis runs on SQLite only and PostgreSQL refuses text SQLite takes."""

from __future__ import annotations

import html
import json
from typing import Any
from urllib.parse import quote, quote_from_bytes

import pytest
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from minuted.tests import test_no_leaks
from minuted.tests.test_no_leaks import CANARY, NEIGHBOUR, Secrets

# The no-leak crawl's fixture: a published pack and minutes with a canary in every exempt,
# confidential or sensitive field.
secrets = test_no_leaks.secrets

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Values that have broken parsers before, or break them in other projects.
AWKWARD = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "²",  # str.isdigit() is true, int() refuses it
    "٣",  # an Arabic-Indic three: int() takes it
    "9" * 5000,  # more digits than int() converts
    "9" * 19,  # beyond a 64-bit integer
    "-1",
    "0",
    "1e10",
    "0x10",
    "1_000",
    "NaN",
    "inf",
    "\u202e",
    "🙂",
    "'",
    '"',
    "%",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "0000-00-00",
    "9999-12-31",
    "0001-01-01",
    "2019-02-29",
    "29/02/2019",
    "2019-10-29T25:00:00",
    "2019-10-29T11:00:00+99:00",
    "9999-12-31T23:59:59-23:59",
    "0001-01-01T00:00:00+23:59",
]
# Text that can go into a URL (no lone surrogates, which UTF-8 cannot encode).
TEXT = st.text(st.characters(blacklist_categories=["Cs"]), max_size=40)


def mutated(valid: str) -> st.SearchStrategy[str]:
    """``valid`` truncated, doubled, with something inserted, or replaced by a number."""
    return st.one_of(
        st.just(valid),
        st.integers(0, len(valid)).map(lambda n: valid[:n]),
        st.just(valid * 2),
        st.tuples(st.integers(0, len(valid)), TEXT).map(
            lambda p: valid[: p[0]] + p[1] + valid[p[0] :]
        ),
        st.integers(-(10**30), 10**30).map(str),
    )


def values(valid: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(valid),
        st.sampled_from(valid).flatmap(mutated),
        st.sampled_from(AWKWARD),
        st.sampled_from(AWKWARD),
        TEXT,
    )


def encoded(value: str | bytes) -> str:
    return quote_from_bytes(value) if isinstance(value, bytes) else quote(value)


def query_strings(parameters: dict[str, list[str]]) -> st.SearchStrategy[list[tuple[str, Any]]]:
    """Lists of (name, value) pairs: mostly the parser's own parameters (sometimes twice),
    now and then an unknown name, and now and then raw bytes that are not UTF-8."""
    known = st.sampled_from(sorted(parameters)).flatmap(
        lambda name: st.tuples(st.just(name), values(parameters[name]))
    )
    unknown = st.tuples(TEXT, TEXT)
    raw = st.tuples(st.sampled_from(sorted(parameters)), st.binary(max_size=8))
    return st.lists(st.one_of(known, known, known, unknown, raw), max_size=5)


def url(path: str, pairs: list[tuple[str, Any]]) -> str:
    query = "&".join(f"{encoded(name)}={encoded(value)}" for name, value in pairs)
    return f"{path}?{query}" if query else path


def text(response: Any) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return str(body.decode("utf-8", errors="replace"))


def assert_no_canary(response: Any, asked: str = "") -> None:
    """No canary in the response, beyond one the request itself held (a search page shows
    the words searched for)."""
    found = set(CANARY.findall(text(response))) - set(CANARY.findall(asked))
    assert not found, f"exempt text reached an anonymous visitor: {sorted(found)}"


def sent(pairs: list[tuple[str, Any]]) -> set[str]:
    return {name for name, _ in pairs}


# ------------------------------------------------------------------ the public pages


def test_any_decisions_filter_gives_a_page_or_a_400_naming_the_parameter(secrets: Secrets):
    board = secrets.values["board"][0]
    parameters = {
        "board": [board, "no-such-board"],
        "from": ["2019-10-29", "2000-01-01"],
        "to": ["2099-12-31", "2019-10-28"],
        "page": ["1", "2"],
    }

    @FUZZ
    @given(pairs=query_strings(parameters))
    @example(pairs=[("page", "²")])  # was a 500: isdigit() but not int()
    @example(pairs=[("page", "9" * 5000)])  # was a 500: too many digits for int()
    def check(pairs: list[tuple[str, Any]]) -> None:
        response = Client().get(url("/decisions/", pairs))
        assert response.status_code in (200, 400)
        assert_no_canary(response)
        errors = response.context["filters"].errors
        assert (response.status_code == 400) == bool(errors)
        for name, message in errors.items():
            assert name in sent(pairs)
            assert name in message  # "'page' must be ..."
            assert html.escape(message) in text(response)

    check()


def test_any_search_gives_results_or_a_400_naming_the_parameter(secrets: Secrets):
    board = secrets.values["board"][0]
    parameters = {
        "q": [NEIGHBOUR, "climate", "QZXREPORTTEXT", "a OR b", '"climate support"', "-x*"],
        "board": [board, "no-such-board"],
        "from": ["2019-10-29", "29/10/2019"],
        "to": ["2099-12-31", "31/12/2099"],
        "kind": ["report", "decision", "minutes", "person", "nothing"],
        "page": ["1", "2"],
    }

    @FUZZ
    @given(pairs=query_strings(parameters))
    @example(pairs=[("q", NEIGHBOUR), ("page", "9" * 5000)])  # was a 500
    def check(pairs: list[tuple[str, Any]]) -> None:
        address = url("/search/", pairs)
        response = Client().get(address)
        assert response.status_code in (200, 400)
        assert_no_canary(response, asked=repr(pairs))
        errors = response.context["errors"]
        assert (response.status_code == 400) == bool(errors)
        for name, message in errors.items():
            assert name in sent(pairs)
            # Shown in the summary, linked to the field the parameter fills.
            target = "#results-heading" if name == "page" else f"#{name}"
            assert f'<a href="{target}">{html.escape(message)}</a>' in text(response)

    check()


# ------------------------------------------------------------------ open data

OPARL_PARAMETERS = {
    "created_since": ["2019-10-29T11:00:00+01:00", "2019-10-29", "2019-10-29T11:00:00 01:00"],
    "created_until": ["2099-10-29T11:00:00Z", "2099-10-29T11:00:00"],
    "modified_since": ["2019-10-29T11:00:00+01:00", "2000-01-01"],
    "modified_until": ["2099-10-29T11:00:00Z"],
    "limit": ["1", "20", "100", "101"],
    "page": ["1", "2", "3"],
}


def oparl_lists(client: Client) -> list[str]:
    """The system's lists and every body's lists, from the links the API gives."""
    bodies = client.get("/oparl/v1/bodies/").json()["data"]
    lists = ["/oparl/v1/bodies/"]
    for body in bodies:
        for value in body.values():
            if (
                isinstance(value, str)
                and value != body["id"]
                and value.startswith("http://testserver/oparl/v1/body/")
            ):
                lists.append(value.removeprefix("http://testserver"))
    return lists


def test_any_oparl_list_filter_gives_a_page_or_a_400_naming_the_parameter(secrets: Secrets):
    client = Client()
    lists = oparl_lists(client)
    assert len(lists) > 5

    @FUZZ
    @given(path=st.sampled_from(lists), pairs=query_strings(OPARL_PARAMETERS))
    def check(path: str, pairs: list[tuple[str, Any]]) -> None:
        response = client.get(url(path, pairs))
        assert response.status_code in (200, 400)
        assert_no_canary(response)
        body = response.json()
        if response.status_code == 400:
            assert body["parameter"] in sent(pairs)
            assert body["parameter"] in body["error"]
        else:
            assert body["pagination"]["elementsPerPage"] <= 100

    check()


def test_any_oparl_object_key_gives_the_object_or_a_404(secrets: Secrets):
    client = Client()
    keys = [*secrets.values["uuid"], "r1", "pack:1:1"]
    types = [
        "body",
        "organization",
        "person",
        "membership",
        "legislative-term",
        "meeting",
        "location",
        "agenda-item",
        "paper",
        "consultation",
        "file",
        "nothing",
    ]
    path_text = st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=90)
    key = st.one_of(st.sampled_from(keys).flatmap(mutated), path_text, st.sampled_from(AWKWARD))

    @FUZZ
    @given(kind=st.sampled_from(types), key=key, download=st.booleans())
    @example(kind="paper", key="\x00", download=False)  # was a 500 on PostgreSQL
    @example(kind="paper", key="\x00", download=True)  # likewise
    def check(kind: str, key: str, download: bool) -> None:
        key = key.replace("/", "")
        if not key:
            return
        quoted = quote(key, safe="")
        path = f"/oparl/v1/file/{quoted}/download/" if download else f"/oparl/v1/{kind}/{quoted}/"
        response = client.get(path)
        assert response.status_code in (200, 404)
        assert_no_canary(response)
        if response.status_code == 404 and path.startswith("/oparl/"):
            assert "error" in json.loads(text(response))

    check()


MODERNGOV = {
    "GetMeetings": {
        "lCommitteeId": ["1", "2"],
        "sFromDate": ["01/01/2000", "2000-01-01"],
        "sToDate": ["31/12/2099", "2099-12-31"],
    },
    "GetMeeting": {"lMeetingId": ["1", "2", "3"]},
    "GetCommittees": {"x": [""]},
}


def test_any_moderngov_parameter_gives_xml_or_a_400_naming_it(secrets: Secrets):
    client = Client()
    ids = secrets.values["int"]
    parameters = {
        method: {
            # Any case: the service reads lcommitteeid as lCommitteeId.
            **{name: [*given, *ids] for name, given in names.items()},
            **{name.upper(): [*given, *ids] for name, given in names.items()},
        }
        for method, names in MODERNGOV.items()
    }

    @FUZZ
    @given(
        method=st.sampled_from(sorted(MODERNGOV)),
        data=st.data(),
        post=st.booleans(),
    )
    def check(method: str, data: Any, post: bool) -> None:
        pairs = data.draw(query_strings(parameters[method]))
        path = f"/mgWebService.asmx/{method}"
        if post:
            body = "&".join(f"{encoded(n)}={encoded(v)}" for n, v in pairs)
            response = client.post(path, body, content_type="application/x-www-form-urlencoded")
        else:
            response = client.get(url(path, pairs))
        assert response.status_code in (200, 400, 404)
        assert_no_canary(response)
        if response.status_code == 400:
            # The parameter that is missing or wrong, named as the service spells it.
            assert any(name in text(response) for name in MODERNGOV[method])

    check()


def test_any_decisions_csv_filter_gives_a_csv_or_a_400_naming_the_parameter(secrets: Secrets):
    client = Client()
    parameters = {
        "board": [secrets.values["board"][0], "no-such-board"],
        "from": ["2019-10-29", "2000-01-01"],
        "to": ["2099-12-31", "2019-10-28"],
    }

    @FUZZ
    @given(pairs=query_strings(parameters))
    @example(pairs=[("board", "\x00")])  # was a 500 on PostgreSQL
    def check(pairs: list[tuple[str, Any]]) -> None:
        response = client.get(url("/decisions.csv", pairs))
        assert response.status_code in (200, 400)
        assert_no_canary(response)
        if response.status_code == 400:
            assert any(name in text(response) for name in sent(pairs) & set(parameters))
        else:
            assert response["Content-Type"].startswith("text/csv")

    check()


API_PARAMETERS = {
    "organisation": ["lga", "no-such-organisation"],
    "board": ["improvement-board"],
    "term": ["this-term"],
    "person": ["someone"],
    "on": ["2019-10-29"],
    "since": ["2019-10-29"],
    "until": ["2099-12-31"],
    "status": ["held", "scheduled"],
    "order": ["date", "-date"],
    "limit": ["1", "50", "200", "201"],
    "offset": ["0", "1", "1000000", "1000001"],
}
API_LISTS = [
    "organisations",
    "boards",
    "terms",
    "groups",
    "people",
    "memberships",
    "meetings",
    "decisions",
    "actions",
    "papers",
]


def test_any_api_list_filter_gives_a_page_or_a_client_error(secrets: Secrets):
    client = Client()
    parameters = {**API_PARAMETERS, "board": [*secrets.values["board"], *secrets.values["uuid"]]}

    @FUZZ
    @given(name=st.sampled_from(API_LISTS), pairs=query_strings(parameters))
    def check(name: str, pairs: list[tuple[str, Any]]) -> None:
        response = client.get(url(f"/api/v1/{name}", pairs))
        # 422: the API's answer for a parameter its schema refuses (see docs/api.md).
        assert response.status_code in (200, 400, 404, 422)
        assert_no_canary(response)
        if response.status_code == 422:
            detail = json.dumps(response.json())
            assert any(name in detail for name in sent(pairs))

    check()
