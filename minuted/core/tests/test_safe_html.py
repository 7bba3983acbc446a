"""No user-controlled HTML reaches a page except through a sanitiser.

Django escapes everything a template prints unless it is marked safe. This inventories every
place that marks HTML safe (``mark_safe``, ``SafeString(...)``, ``|safe``, ``|safeseq``,
``{% autoescape off %}``) and allows only the explicit list below, each a source that builds
its HTML from escaped or sanitised text. A new one fails the test until it is reviewed and
added here with its reason."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from minuted.core.templatetags.minuted import blocks, inlines, markdown

ROOT = Path(__file__).resolve().parents[2]  # the minuted package

UNSAFE = re.compile(
    r"mark_safe\(|SafeString\(|SafeText\(|\|\s*safe(?:seq)?\b|autoescape\s+off",
    re.IGNORECASE,
)

# path: how many marks it may hold, and why each is safe.
ALLOWED = {
    # `markdown`: Markdown rendered with raw HTML off, then cleaned by nh3 to a tag and URL-scheme
    # allow-list (core/markdown.py). `blocks`, `inlines`: rendering/html.py escapes every text
    # run and keeps only the link schemes rendering/blocks.py allowed.
    "core/templatetags/minuted.py": 3,
    # `blocks_at`: rendering/html.py, as above.
    "publicsite/templatetags/publicsite.py": 1,
    # `marked_html`: the search snippet, escaped first, then <mark> put around matched words.
    "search/services.py": 1,
    # `blocks`, `inlines`: rendering/html.py, as above.
    "staff/templatetags/staff.py": 2,
    # `qr`: the SVG the qrcode package draws of the user's own otpauth:// key (accounts/
    # services.py qr_svg): path data only, no text from anyone.
    "templates/accounts/_set_up_steps.html": 1,
    # `Chart.html`: SVG drawn by rendering/charts.py from a spec, every label escaped, colours
    # checked as #rrggbb and numbers parsed as numbers.
    "programme/charts.py": 1,
    # `table`: rendering/html.py's table_html, which escapes every cell.
    "programme/templatetags/programme.py": 1,
    # A plain-text e-mail (text/plain): there is no HTML to escape for.
    "templates/accounts/reset_email.txt": 1,
}


def marks_in(text: str) -> int:
    return len(UNSAFE.findall(text))


def sources() -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob("*")
        if path.is_file()
        and path.suffix in (".py", ".html", ".txt", ".xml")
        and "tests" not in path.relative_to(ROOT).parts
        and "static" not in path.relative_to(ROOT).parts
    )


def test_the_inventory_finds_every_way_of_marking_html_safe():
    for snippet in (
        "return mark_safe(text)",
        "SafeString(text)",
        "{{ body|safe }}",
        "{{ rows | safeseq }}",
        "{% autoescape off %}{{ x }}{% endautoescape %}",
    ):
        assert marks_in(snippet) == 1, snippet
    assert marks_in("{{ body|safe_title }} SafeString-free escape(text)") == 0


def test_html_is_marked_safe_only_in_the_reviewed_sanitised_sources():
    found = Counter(
        {
            str(path.relative_to(ROOT)): marks_in(path.read_text(encoding="utf-8"))
            for path in sources()
        }
    )
    assert +found == ALLOWED


HOSTILE = """\
<script>alert("script")</script>

[a javascript link](javascript:alert('link')) [JS upper](JAVASCRIPT:alert(2))
[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)

<img src=x onerror="alert('img')"> <a href="https://example.org" onclick="alert('a')">x</a>

<p style="position:fixed;top:0">cover the page</p> <div onmouseover=alert(3)>hover</div>

<iframe src="https://evil.example"></iframe> <svg onload=alert(4)></svg>
"""


def assert_harmless(html: str) -> None:
    lowered = html.lower()
    for forbidden in ("<script", "<img", "<iframe", "<svg", "<div", "<p style"):
        assert forbidden not in lowered, (forbidden, html)
    assert not re.search(r"<[^>]*\son[a-z]+\s*=", lowered), html
    assert not re.search(r"<[^>]*\sstyle\s*=", lowered), html
    assert 'href="javascript' not in lowered and 'href="data:' not in lowered, html


def test_markdown_from_a_user_renders_without_scripts_handlers_styles_or_script_links():
    html = str(markdown(HOSTILE))
    assert_harmless(html)
    assert "a javascript link" in html  # the text is kept, only the link goes
    assert "&lt;script&gt;" in html  # shown as the text it is, never run


def test_report_blocks_from_a_user_render_without_scripts_handlers_styles_or_script_links():
    from minuted.rendering.blocks import markdown_to_blocks

    parsed = markdown_to_blocks(HOSTILE)
    html = str(blocks(parsed))
    assert_harmless(html)
    assert "a javascript link" in html
    first_paragraph = next(b for b in parsed if "inlines" in b)
    assert_harmless(str(inlines(first_paragraph["inlines"])))


def test_a_safe_markdown_link_survives_the_sanitiser():
    html = str(markdown("[the council](https://example.org/council)"))
    assert 'href="https://example.org/council"' in html
