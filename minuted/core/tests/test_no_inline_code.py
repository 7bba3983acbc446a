"""The Content-Security-Policy allows no inline script or style, so no template may carry one:
an inline <script> or <style>, an on*= event handler, a style= attribute, an htmx hx-on
attribute (it needs eval) or a javascript: URL would be blocked in the browser (or, were the
policy ever weakened, would be a way in). This test fails as soon as a template adds one."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the minuted package

RULES = {
    "inline <script> (load it from a file with src=)": re.compile(
        r"<script\b(?![^>]*\bsrc\s*=)[^>]*>", re.IGNORECASE
    ),
    "<style> element (put the CSS in minuted/static_src/minuted.scss)": re.compile(
        r"<style\b", re.IGNORECASE
    ),
    "style= attribute (use a class)": re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE),
    "on*= event handler (bind it in minuted/static_src)": re.compile(
        r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE
    ),
    "hx-on attribute (htmx evaluates it as script)": re.compile(
        r"<[^>]*\s(?:data-)?hx-on", re.IGNORECASE
    ),
    "javascript: URL": re.compile(r"javascript\s*:", re.IGNORECASE),
}


def templates() -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob("*")
        if path.is_file() and "templates" in path.relative_to(ROOT).parts
    )


def inline_code(text: str) -> list[str]:
    """What in ``text`` the policy would block, one line per finding."""
    found = []
    for rule, pattern in RULES.items():
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"line {line}: {rule}: {match.group(0)[:80]!r}")
    return found


def test_the_check_finds_each_kind_of_inline_code():
    # Proves the rules bite: each snippet is one finding of its own kind.
    snippets = [
        "<script>document.title = 'x'</script>",
        '<script type="module">import x from "./x.js"</script>',
        "<style>.x { color: red }</style>",
        '<p class="govuk-body" style="color: red">',
        '<button type="button"\n  onclick="go()">',
        '<img src="x.png" onerror="alert(1)">',
        '<form hx-on::after-request="reset()">',
        '<a href="javascript:void(0)">',
    ]
    for snippet in snippets:
        assert inline_code(snippet), snippet
    allowed = [
        '<script src="/static/build/minuted.js" defer></script>',
        '<script type="module" src="/static/build/minuted.js"></script>',
        '<p class="minuted-online">Meetings online</p>',
        '<a href="/x/" hx-post="/y/" hx-target="#agenda">',
    ]
    for snippet in allowed:
        assert inline_code(snippet) == [], snippet


def test_no_template_carries_inline_script_style_or_event_handlers():
    found = templates()
    assert len(found) > 40  # every app's templates were found
    offences = {
        str(path.relative_to(ROOT)): inline_code(path.read_text(encoding="utf-8")) for path in found
    }
    assert {path: lines for path, lines in offences.items() if lines} == {}
