"""Web pages, and MHTML ("single file web page", the HTML part inside) → lines and tables (pure).

Two views of one parsed page: `read_html` for the report auditor (reading order, span-expanded grids, page furniture
such as forms and embedded objects left out) and `html_text` for the privacy scanner, which must see every piece of
text a reader of the page could see (form fields and option lists included), each cell once.
"""

import email
import re

from . import guards
from .cells import drop_zero_width, grid, norm
from .encoding import charset, decode_html
from .model import Document, Table

_BLOCK = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "header",
          "footer", "nav", "main", "aside", "table", "tbody", "thead", "tfoot", "blockquote", "pre", "dd", "dt", "dl",
          "center", "form", "td", "th", "caption", "title", "hr", "address", "figure", "figcaption", "fieldset"}
_SKIP = {"script", "style", "noscript", "template", "select", "option", "head", "iframe", "svg", "object", "embed",
         "button", "textarea", "input", "map", "canvas"}
NO_PAGE_IN_MHTML = "无法读取：网页存档（MHT）中没有网页内容"


def parse(text: str):
    import lxml.html

    text = drop_zero_width(text)
    return lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))


def mhtml_page(data: bytes) -> str | None:
    """The HTML part of an MHTML archive, decoded by its declared charset (or sniffed)."""
    message = email.message_from_bytes(data)
    for part in message.walk():
        if part.get_content_type() != "text/html":
            continue
        payload = part.get_payload(decode=True) or b""
        text = None
        if declared := part.get_content_charset():
            try:
                text = payload.decode(charset(declared))
            except (LookupError, UnicodeDecodeError):
                text = None
        text = text if text is not None else decode_html(payload)
        if text is not None:
            return text
    return None


def read_mhtml(data: bytes) -> Document:
    page = mhtml_page(data)
    if page is None:
        return Document("html", problem=NO_PAGE_IN_MHTML)
    return read_html(page)


def html_text(page: str) -> str:
    """All text of the page, scripts and styles left out: cells end with a tab, blocks with a line break."""
    try:
        root = parse(page)
    except Exception:  # noqa: BLE001 - lxml refuses a few odd pages; their raw text is still scanned
        return page
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for cell in root.xpath("//td|//th"):
        cell.tail = "\t" + (cell.tail or "")
    for block in root.xpath("//p|//div|//tr|//li|//br|//h1|//h2|//h3|//h4|//table"):
        block.tail = "\n" + (block.tail or "")
    return root.text_content()


def read_html(page: str) -> Document:
    root = parse(page)
    title = norm(root.findtext(".//title") or "")
    walker = _Walker()
    body = root.find("body")
    walker.walk(body if body is not None else root)
    walker.flush()
    blocks = walker.blocks
    if title and not any(isinstance(b, str) and title in b for b in blocks[:5]):
        blocks.insert(0, title)
    return Document("html", blocks)


class _Walker:
    """The page in reading order: text between block elements becomes lines, innermost tables become grids."""

    def __init__(self):
        self.blocks: list = []
        self.buffer: list[str] = []
        self.budget = [guards.MAX_CELLS]

    def flush(self) -> None:
        text = norm("".join(self.buffer))
        if text:
            self.blocks.append(text)
        self.buffer.clear()

    def walk(self, el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP or not tag:
            return
        if tag == "table" and not el.xpath(".//table") and self._table(el):
            return
        if tag == "br" or tag in _BLOCK:
            self.flush()
        if el.text:
            self.buffer.append(el.text)
        for child in el:
            self.walk(child)
            if child.tail:
                self.buffer.append(child.tail)
        if tag in _BLOCK:
            self.flush()

    def _table(self, el) -> bool:
        """A table of two or more columns as a grid (True); a one-column or one-cell table is a frame around text,
        not a statistics table, and is read as text (False)."""
        rows = grid(_rows(el), self.budget)
        if not rows or max(len(r) for r in rows) < 2:
            return False
        self.flush()
        for caption in el.xpath("./caption"):
            if text := norm(_element_text(caption)):
                self.blocks.append(text)
        self.blocks.append(Table(rows))
        return True


def _span(el, attr: str) -> int:
    match = re.match(r"\s*(\d{1,6})", str(el.get(attr) or ""))
    return int(match.group(1)) if match else 1


def _element_text(el) -> str:
    """An element's text with <br> and block elements as line breaks (scripts and styles left out)."""
    parts: list[str] = []

    def walk(node):
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag and tag not in _SKIP:
            if tag == "br" or tag in _BLOCK:
                parts.append("\n")
            if node.text:
                parts.append(node.text)
            for child in node:
                walk(child)
            if tag in _BLOCK:
                parts.append("\n")
        if node.tail and node is not el:
            parts.append(node.tail)

    walk(el)
    return "".join(parts)


def _rows(table) -> list[list[tuple[str, int, int]]]:
    rows = []
    for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
        rows.append([(norm(_element_text(cell)), _span(cell, "rowspan"), _span(cell, "colspan"))
                     for cell in tr if isinstance(cell.tag, str) and cell.tag in ("td", "th")])
    return rows
