"""User Markdown becomes a small tree of blocks and inlines: data the template prints."""

from __future__ import annotations

import json

from minuted.rendering.blocks import markdown_to_blocks, plain_inlines, table_block


def _run(text: str, **style: object) -> dict[str, object]:
    run: dict[str, object] = {
        "text": text,
        "strong": False,
        "emph": False,
        "code": False,
        "link": None,
    }
    run.update(style)
    return run


def _only_paragraph(markdown: str) -> list[dict[str, object]]:
    blocks = markdown_to_blocks(markdown)
    assert len(blocks) == 1
    assert blocks[0]["type"] == "paragraph"
    return blocks[0]["inlines"]


def test_blank_text_has_no_blocks():
    assert markdown_to_blocks("") == []
    assert markdown_to_blocks("   \n\n") == []


def test_emphasis_strong_and_code_become_styled_runs():
    inlines = _only_paragraph("Plain *emphasised* **strong** `code` ***both***")
    assert inlines == [
        _run("Plain "),
        _run("emphasised", emph=True),
        _run(" "),
        _run("strong", strong=True),
        _run(" "),
        _run("code", code=True),
        _run(" "),
        _run("both", strong=True, emph=True),
    ]


def test_soft_breaks_become_spaces_and_hard_breaks_are_kept():
    inlines = _only_paragraph("one\ntwo  \nthree")
    assert inlines == [_run("one two"), {"break": True}, _run("three")]


def test_http_https_and_mailto_links_survive():
    inlines = _only_paragraph(
        "[site](https://www.local.gov.uk/a?b=1) [old](http://example.org) "
        "[mail](mailto:benn.cain@local.gov.uk) <https://auto.example>"
    )
    links = [run["link"] for run in inlines if run.get("link")]
    assert links == [
        "https://www.local.gov.uk/a?b=1",
        "http://example.org",
        "mailto:benn.cain@local.gov.uk",
        "https://auto.example",
    ]


def test_link_schemes_are_made_lower_case():
    inlines = _only_paragraph("[site](HTTPS://www.local.gov.uk/Path)")
    assert inlines == [_run("site", link="https://www.local.gov.uk/Path")]


def test_javascript_and_other_links_become_plain_text():
    inlines = _only_paragraph(
        "[click](javascript:alert(1)) [up](JAVASCRIPT:alert(2)) [file](file:///etc/passwd) "
        "[rel](/admin) [data](data:text/html,hi)"
    )
    assert all(run.get("link") is None for run in inlines)
    assert "".join(str(run["text"]) for run in inlines) == "click up file rel data"


def test_styles_inside_a_link_keep_the_link():
    inlines = _only_paragraph("[**bold** link](https://example.org)")
    assert inlines == [
        _run("bold", strong=True, link="https://example.org"),
        _run(" link", link="https://example.org"),
    ]


def test_raw_html_is_kept_as_literal_text():
    blocks = markdown_to_blocks("<script>alert(1)</script>\n\nA <b>bold</b> claim & more")
    texts = ["".join(run["text"] for run in block["inlines"]) for block in blocks]
    assert texts == ["<script>alert(1)</script>", "A <b>bold</b> claim & more"]
    assert all(not run["strong"] for block in blocks for run in block["inlines"])


def test_headings_keep_their_level():
    blocks = markdown_to_blocks("# Top\n\n### Third *level*")
    assert blocks == [
        {"type": "heading", "level": 1, "inlines": [_run("Top")]},
        {"type": "heading", "level": 3, "inlines": [_run("Third "), _run("level", emph=True)]},
    ]


def test_bullet_and_ordered_lists_convert_with_their_start():
    blocks = markdown_to_blocks("- one\n- *two*\n\n3. three\n4. four\n")
    assert blocks == [
        {
            "type": "list",
            "ordered": False,
            "start": 1,
            "items": [
                [{"type": "paragraph", "inlines": [_run("one")]}],
                [{"type": "paragraph", "inlines": [_run("two", emph=True)]}],
            ],
        },
        {
            "type": "list",
            "ordered": True,
            "start": 3,
            "items": [
                [{"type": "paragraph", "inlines": [_run("three")]}],
                [{"type": "paragraph", "inlines": [_run("four")]}],
            ],
        },
    ]


def test_nested_lists_are_blocks_of_their_item():
    blocks = markdown_to_blocks("1. parent\n   - child\n2. next\n")
    first_item = blocks[0]["items"][0]
    assert first_item[0] == {"type": "paragraph", "inlines": [_run("parent")]}
    assert first_item[1]["type"] == "list"
    assert first_item[1]["items"] == [[{"type": "paragraph", "inlines": [_run("child")]}]]


def test_tables_convert_with_header_and_rows():
    blocks = markdown_to_blocks(
        "| Group | Seats |\n|---|--:|\n| **Labour** | 8 |\n| Independent |  |\n"
    )
    assert blocks == [
        {
            "type": "table",
            "caption": "",
            "header": [[_run("Group")], [_run("Seats")]],
            "rows": [
                [[_run("Labour", strong=True)], [_run("8")]],
                [[_run("Independent")], []],
            ],
        }
    ]


def test_quotes_and_code_blocks_convert():
    blocks = markdown_to_blocks("> quoted *text*\n\n```\n#set page(width: 1cm)\n```\n")
    assert blocks == [
        {
            "type": "quote",
            "blocks": [
                {"type": "paragraph", "inlines": [_run("quoted "), _run("text", emph=True)]}
            ],
        },
        {"type": "code", "text": "#set page(width: 1cm)"},
    ]


def test_images_become_their_alternative_text():
    assert _only_paragraph("See ![the map](map.png).") == [_run("See the map.")]


def test_thematic_breaks_are_dropped():
    blocks = markdown_to_blocks("above\n\n---\n\nbelow")
    assert [block["type"] for block in blocks] == ["paragraph", "paragraph"]


def test_table_block_cells_are_plain_text_not_markdown():
    block = table_block("Seats", ["Group", "*Seats*"], [["**Labour**", "8"], ["", "[x](y)"]])
    assert block == {
        "type": "table",
        "caption": "Seats",
        "header": [[_run("Group")], [_run("*Seats*")]],
        "rows": [[[_run("**Labour**")], [_run("8")]], [[], [_run("[x](y)")]]],
    }


def test_plain_inlines_print_text_as_it_is():
    assert plain_inlines("#set page(width: 1cm)") == [_run("#set page(width: 1cm)")]
    assert plain_inlines("") == []


def test_blocks_are_json_serialisable():
    blocks = markdown_to_blocks("# T\n\n- a\n\n| a |\n|---|\n| b |\n\n> q\n\n    code\n")
    assert json.loads(json.dumps(blocks)) == blocks
