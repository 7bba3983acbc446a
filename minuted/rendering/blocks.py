"""User Markdown as a small JSON-able tree of blocks and inlines, for the typst template.

The tree is data: the template prints every string in it as literal text, so Markdown is the
only markup a user can use, and only the parts listed here survive.

Blocks::

    {"type": "paragraph", "inlines": [...]}
    {"type": "heading", "level": 1-6, "inlines": [...]}
    {"type": "list", "ordered": bool, "start": int, "items": [[block, ...], ...]}
    {"type": "table", "caption": str, "header": [cell, ...], "rows": [[cell, ...], ...]}
    {"type": "quote", "blocks": [...]}
    {"type": "code", "text": str}

where a table cell is a list of inlines. Inlines::

    {"text": str, "strong": bool, "emph": bool, "code": bool, "link": str | None}
    {"break": True}                                   # a hard line break

CommonMark with tables; raw HTML is not interpreted (it stays as literal text), images become
their alternative text, thematic breaks are dropped, and only http, https and mailto links
survive (any other link becomes its plain text)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

Inline = dict[str, Any]
Block = dict[str, Any]

ALLOWED_LINK_PREFIXES = ("http://", "https://", "mailto:")

_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
# markdown-it leaves a link it rejects (javascript:, vbscript:, file:, data:) in the text as
# literal Markdown source. Accept every link while parsing, and let ``_safe_link`` keep only
# the allowed ones, so that a rejected link shows as its text alone.
_md.validateLink = lambda url: True  # type: ignore[method-assign]


def markdown_to_blocks(text: str) -> list[Block]:
    """The blocks of the Markdown ``text`` (empty for blank text)."""
    tokens = _md.parse(text or "")
    blocks, _ = _parse_blocks(tokens, 0, closing=None)
    return blocks


def plain_text(blocks: Sequence[Block]) -> str:
    """The words of a block tree as one line of plain text (for search, feeds and CSV): the
    text of every block in order, without link targets or styling."""
    parts: list[str] = []

    def inlines(runs: Sequence[Inline]) -> None:
        parts.append("".join(" " if run.get("break") else str(run.get("text", "")) for run in runs))

    def block(node: Block) -> None:
        kind = node.get("type")
        if kind in ("paragraph", "heading"):
            inlines(node.get("inlines", []))
        elif kind == "list":
            for item in node.get("items", []):
                for child in item:
                    block(child)
        elif kind == "table":
            parts.append(str(node.get("caption", "")))
            for cell in [*node.get("header", []), *(c for r in node.get("rows", []) for c in r)]:
                inlines(cell)
        elif kind == "quote":
            for child in node.get("blocks", []):
                block(child)
        elif kind == "code":
            parts.append(str(node.get("text", "")))

    for node in blocks:
        block(node)
    return " ".join(" ".join(parts).split())


def table_block(caption: str, header: list[str], rows: list[list[str]]) -> Block:
    """A table block from plain strings: each cell is printed as it is, not read as
    Markdown."""
    return {
        "type": "table",
        "caption": caption,
        "header": [_plain_cell(cell) for cell in header],
        "rows": [[_plain_cell(cell) for cell in row] for row in rows],
    }


def plain_inlines(text: str) -> list[Inline]:
    """Inlines printing ``text`` literally, with no styling."""
    return [_inline(text)] if text else []


def _plain_cell(text: str) -> list[Inline]:
    return plain_inlines(str(text))


def _inline(
    text: str,
    *,
    strong: bool = False,
    emph: bool = False,
    code: bool = False,
    link: str | None = None,
) -> Inline:
    return {"text": text, "strong": strong, "emph": emph, "code": code, "link": link}


def _parse_blocks(
    tokens: Sequence[Token], index: int, closing: str | None
) -> tuple[list[Block], int]:
    """Blocks from ``tokens[index:]`` up to the token of type ``closing`` (or the end); returns
    the blocks and the index just past the closing token."""
    blocks: list[Block] = []
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if closing is not None and kind == closing:
            return blocks, index + 1
        if kind == "paragraph_open":
            blocks.append({"type": "paragraph", "inlines": _inlines(tokens[index + 1])})
            index += 3
        elif kind == "heading_open":
            level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
            blocks.append(
                {"type": "heading", "level": level, "inlines": _inlines(tokens[index + 1])}
            )
            index += 3
        elif kind in ("bullet_list_open", "ordered_list_open"):
            block, index = _parse_list(tokens, index)
            blocks.append(block)
        elif kind == "blockquote_open":
            inner, index = _parse_blocks(tokens, index + 1, closing="blockquote_close")
            blocks.append({"type": "quote", "blocks": inner})
        elif kind in ("fence", "code_block"):
            blocks.append({"type": "code", "text": token.content.removesuffix("\n")})
            index += 1
        elif kind == "table_open":
            block, index = _parse_table(tokens, index)
            blocks.append(block)
        elif kind in ("html_block", "html_inline"):
            # Not produced with html disabled; kept as literal text should that ever change.
            blocks.append({"type": "paragraph", "inlines": plain_inlines(token.content.strip())})
            index += 1
        else:
            # hr and anything unknown: nothing to print.
            index += 1
    return blocks, index


def _parse_list(tokens: Sequence[Token], index: int) -> tuple[Block, int]:
    opening = tokens[index]
    ordered = opening.type == "ordered_list_open"
    closing = "ordered_list_close" if ordered else "bullet_list_close"
    start_attr = opening.attrGet("start")
    start = int(start_attr) if ordered and start_attr is not None else 1
    items: list[list[Block]] = []
    index += 1
    while index < len(tokens) and tokens[index].type != closing:
        if tokens[index].type == "list_item_open":
            item, index = _parse_blocks(tokens, index + 1, closing="list_item_close")
            items.append(item)
        else:
            index += 1
    block = {"type": "list", "ordered": ordered, "start": start, "items": items}
    return block, index + 1


def _parse_table(tokens: Sequence[Token], index: int) -> tuple[Block, int]:
    header: list[list[Inline]] = []
    rows: list[list[list[Inline]]] = []
    row: list[list[Inline]] = []
    in_head = False
    index += 1
    while index < len(tokens) and tokens[index].type != "table_close":
        kind = tokens[index].type
        if kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            if in_head:
                header = row
            else:
                rows.append(row)
        elif kind in ("th_open", "td_open"):
            row.append(_inlines(tokens[index + 1]))
            index += 2  # the inline and the closing cell token
        index += 1
    return {"type": "table", "caption": "", "header": header, "rows": rows}, index + 1


def _safe_link(href: str | None) -> str | None:
    """``href`` if it is an http, https or mailto link (its scheme made lower case), else
    None."""
    href = (href or "").strip()
    for prefix in ALLOWED_LINK_PREFIXES:
        if href.lower().startswith(prefix):
            return prefix + href[len(prefix) :]
    return None


def _inlines(token: Token) -> list[Inline]:
    """The inlines of an ``inline`` token, with adjacent runs of the same style merged."""
    result: list[Inline] = []
    strong = emph = 0
    links: list[str | None] = []

    def add(text: str, *, code: bool = False) -> None:
        if not text:
            return
        link = links[-1] if links else None
        run = _inline(text, strong=strong > 0, emph=emph > 0, code=code, link=link)
        last = result[-1] if result else None
        if (
            last is not None
            and "text" in last
            and all(last[key] == run[key] for key in ("strong", "emph", "code", "link"))
        ):
            last["text"] += text
        else:
            result.append(run)

    for child in token.children or []:
        kind = child.type
        if kind in ("text", "html_inline", "entity"):
            add(child.content)
        elif kind == "softbreak":
            add(" ")
        elif kind == "hardbreak":
            result.append({"break": True})
        elif kind == "code_inline":
            add(child.content, code=True)
        elif kind == "strong_open":
            strong += 1
        elif kind == "strong_close":
            strong -= 1
        elif kind == "em_open":
            emph += 1
        elif kind == "em_close":
            emph -= 1
        elif kind == "link_open":
            href = child.attrGet("href")
            links.append(_safe_link(href if isinstance(href, str) else None))
        elif kind == "link_close":
            if links:
                links.pop()
        elif kind == "image":
            # No images in packs: the alternative text stands in for the picture.
            add("".join(c.content for c in child.children or [] if c.type == "text"))
        else:
            add(child.content)
    return result
