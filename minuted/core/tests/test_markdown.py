"""User Markdown renders to sanitised HTML: formatting survives, code does not."""

from minuted.core.markdown import render_markdown


def test_emphasis_links_and_lists_render():
    html = render_markdown("Some *emphasis*, a [link](https://www.local.gov.uk)\n\n1. one\n2. two")
    assert "<em>emphasis</em>" in html
    assert '<a href="https://www.local.gov.uk" rel="noopener noreferrer">link</a>' in html
    assert "<ol>" in html and "<li>two</li>" in html


def test_raw_html_is_shown_as_text_not_run():
    html = render_markdown('<img src=x onerror="alert(1)"> <script>alert(1)</script>')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_links_to_scripts_and_data_are_dropped():
    for url in ("javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4="):
        assert "href" not in render_markdown(f"[click]({url})")


def test_tables_keep_their_header_cells():
    html = render_markdown("| KPI | Target |\n|---|---|\n| Peer challenges | 110 |")
    assert "<th>KPI</th>" in html and "<td>110</td>" in html
