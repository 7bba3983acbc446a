"""The OpenAPI document is committed (minuted/api/openapi.json), so that a change to what
clients see is a change someone meant: this fails on any difference, and says how to accept
it. Every operation is also documented in docs/api.md."""

from __future__ import annotations

import difflib
import json
import os
import re
from pathlib import Path

SNAPSHOT = Path(__file__).resolve().parents[1] / "openapi.json"
DOCS = Path(__file__).resolve().parents[3] / "docs" / "api.md"
REGENERATE = (
    "UPDATE_OPENAPI=1 .venv/bin/pytest minuted/api/tests/test_openapi_snapshot.py "
    "and commit minuted/api/openapi.json"
)


def served(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def as_text(document: dict) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_the_openapi_document_matches_the_committed_snapshot(client):
    text = as_text(served(client))
    if os.environ.get("UPDATE_OPENAPI"):
        SNAPSHOT.write_text(text)
    committed = SNAPSHOT.read_text()
    if committed != text:
        diff = difflib.unified_diff(
            committed.splitlines(), text.splitlines(), "committed", "served", lineterm=""
        )
        shown = "\n".join(list(diff)[:60])
        message = f"The OpenAPI document changed. If you meant it: {REGENERATE}."
        raise AssertionError(f"{message}\n{shown}")


def test_the_document_describes_version_1_with_token_authentication(client):
    document = served(client)
    assert document["info"]["version"] == "1"
    assert document["components"]["securitySchemes"]["TokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
    }


def operations(document: dict) -> list[str]:
    return [
        f"{method.upper()} {path.removeprefix('/api/v1')}"
        for path, methods in document["paths"].items()
        for method in methods
    ]


def test_every_operation_is_documented_in_docs_api_md(client):
    documented = set(re.findall(r"`((?:GET|POST|PATCH|PUT|DELETE) /[^`]*)`", DOCS.read_text()))
    missing = [op for op in operations(served(client)) if op not in documented]
    assert missing == [], "add these to docs/api.md"
