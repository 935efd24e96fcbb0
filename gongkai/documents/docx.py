"""Word DOCX → paragraphs and tables in order (pure).

`read_docx` (report auditor): body paragraphs and tables, merged cells expanded, text boxes, deleted text and
compatibility fallbacks left out (they repeat or are not part of the reading flow). `docx_text` (privacy scanner):
every run of text, text boxes, headers and footers included, each cell once.
"""

import io
import zipfile

from . import guards
from .cells import line, norm, spend
from .model import Document, Table

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIP_IN_PARAGRAPH = {_W + "txbxContent", _MC_FALLBACK, _W + "del", _W + "moveFrom", _W + "rPr", _W + "pPr"}
_WRAPPERS = (_W + "sdt", _W + "customXml", _W + "sdtContent")
_CHARACTERS = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


def _open(data: bytes):
    """(python-docx Document or None, body element). python-docx refuses .docm and odd content types; the XML is
    still Word's, so the body is then parsed directly."""
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        return document, document.element.body
    except Exception:  # noqa: BLE001
        from lxml import etree

        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("word/document.xml")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        return None, etree.fromstring(xml, parser).find(_W + "body")


def read_docx(data: bytes) -> Document:
    _, body = _open(data)
    blocks: list = []
    if body is not None:
        _container(body, blocks, [guards.MAX_CELLS])
    return Document("docx", blocks)


def docx_text(data: bytes) -> str:
    document, body = _open(data)
    lines = []
    for block in body.iterchildren() if body is not None else ():
        tag = block.tag.rsplit("}", 1)[-1] if isinstance(block.tag, str) else ""
        if tag == "p":
            lines.append(_all_text(block))
        elif tag == "tbl":
            for row in block.iter():
                if _named(row, "tr"):
                    lines.append("\t".join(_all_text(c) for c in row.iterchildren() if _named(c, "tc")))
    for section in document.sections if document is not None else ():
        for part in (section.header, section.footer):
            lines.extend(p.text for p in part.paragraphs if p.text)
    return "\n".join(lines)


def _named(element, local: str) -> bool:
    """In any namespace: text runs of Word (w:t) and of equations (m:t) are both text."""
    return isinstance(element.tag, str) and element.tag.endswith("}" + local)


def _all_text(element) -> str:
    return "".join(t.text or "" for t in element.iter() if _named(t, "t"))


def _container(element, blocks: list, budget: list[int]) -> None:
    """Paragraphs and tables of the body (or of a table cell) in order; content controls are looked into."""
    for child in element:
        tag = child.tag
        if tag == _W + "p":
            blocks.extend(text for part in _paragraph(child).split("\n") if (text := line(part)))
        elif tag == _W + "tbl":
            _table(child, blocks, budget)
        elif tag in (*_WRAPPERS, _W + "ins", _W + "smartTag"):
            content = child.find(_W + "sdtContent") if tag == _W + "sdt" else None
            _container(content if content is not None else child, blocks, budget)


def _paragraph(p) -> str:
    parts: list[str] = []

    def walk(node):
        for child in node:
            tag = child.tag
            if tag in _SKIP_IN_PARAGRAPH or not isinstance(tag, str):
                continue
            if tag == _W + "t":
                parts.append(child.text or "")
            elif tag in _CHARACTERS:
                parts.append(_CHARACTERS[tag])
            else:
                walk(child)

    walk(p)
    return "".join(parts)


def _children(element, name: str) -> list:
    """Direct children named `name`, looking through content controls and custom XML wrappers."""
    out = []
    for child in element:
        if child.tag == _W + name:
            out.append(child)
        elif child.tag in _WRAPPERS:
            out.extend(_children(child, name))
    return out


def _val(element, path: str, default: str | None = None) -> str | None:
    found = element.find(path)
    if found is None:
        return default
    return found.get(_W + "val", default)


def _merge(tc, kind: str) -> str | None:
    """"restart", "continue" or None for a cell's vMerge / hMerge."""
    if tc.find(f"{_W}tcPr/{_W}{kind}") is None:
        return None
    return _val(tc, f"{_W}tcPr/{_W}{kind}", "continue")


def _table(tbl, blocks: list, budget: list[int]) -> None:
    if tbl.find(f".//{_W}tbl") is not None:
        # a layout table around the report table: its text as lines, the inner tables as tables
        for tr in _children(tbl, "tr"):
            for tc in _children(tr, "tc"):
                _container(tc, blocks, budget)
        return
    rows = _rows(tbl, budget)
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    if not rows or width == 0:
        return
    if width == 1:       # a frame around paragraphs
        blocks.extend(text for r in rows for text in r if text)
        return
    blocks.append(Table(rows))


def _rows(tbl, budget: list[int]) -> list[list[str]]:
    rows: list[list[str]] = []
    for tr in _children(tbl, "tr"):
        rows.append(_row(tr, rows[-1] if rows else None, budget))
    return rows


def _row(tr, above: list[str] | None, budget: list[int]) -> list[str]:
    row = [""] * _int(_val(tr, f"{_W}trPr/{_W}gridBefore", "0"))
    for tc in _children(tr, "tc"):
        span = max(1, min(_int(_val(tc, f"{_W}tcPr/{_W}gridSpan", "1")), guards.MAX_SPAN))
        col = len(row)
        if _merge(tc, "vMerge") == "continue" and above is not None:
            text = above[col] if col < len(above) else ""
        elif _merge(tc, "hMerge") == "continue" and row:
            text = row[-1]
        else:
            text = norm("\n".join(_paragraph(p) for p in tc.iter(_W + "p")))
        spend(budget, span)
        row.extend([text] * span)
    return row


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0
