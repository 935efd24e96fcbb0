"""Any report file → text lines and tables in reading order (pure; never raises).

Real tables (HTML, DOCX, XLSX, XLS) keep their blank cells in place and have merged cells expanded into a grid,
so the interpreter can place every number in its column with certainty. PDF and text give lines only.
"""

import datetime
import io
from dataclasses import dataclass, field

from gongkai.privacy.extract import MAX_BYTES, _zip_guard, decode, sniff

MAX_SPAN = 200           # a rowspan/colspan beyond this is garbage, not layout
MAX_CELLS = 2_000_000    # cells per workbook read, against sheets with a million formatted rows


@dataclass
class Table:
    rows: list[list[str]]
    page: int | None = None
    title: str = ""


@dataclass
class Document:
    kind: str
    blocks: list = field(default_factory=list)
    problem: str = ""
    pages_without_text: list[int] = field(default_factory=list)

    def text(self) -> str:
        out = []
        for block in self.blocks:
            out.extend([block] if isinstance(block, str) else [" | ".join(r) for r in block.rows])
        return "\n".join(out)


def read_document(data: bytes, name: str = "") -> Document:
    try:
        return _read(data, name)
    except Exception as exc:  # noqa: BLE001 - a reader must say what went wrong, never crash an audit
        return Document("unknown", problem=f"无法读取：{type(exc).__name__}: {str(exc)[:120]}")


def _read(data: bytes, name: str) -> Document:
    if not data or not data.strip():
        return Document("unknown", problem="无法读取：文件为空")
    if len(data) > MAX_BYTES:
        return Document("unknown", problem=f"无法读取：文件超过 {MAX_BYTES // 1024 // 1024} MB")
    kind = sniff(data, name)
    if kind in ("docx", "xlsx") and (problem := _zip_guard(data)):
        return Document(kind, problem=problem.replace("无法扫描", "无法读取"))
    if kind == "docx":
        return _docx(data)
    if kind == "xlsx":
        return _xlsx(data)
    if kind == "ole":
        return _ole(data)
    if kind == "pdf":
        return _pdf(data)
    if kind in ("zip", "corrupt_zip"):
        return Document(kind, problem="无法读取：压缩文件不是 DOCX/XLSX，或文件已损坏")
    if kind == "image":
        return Document("image", problem="无法读取：图片没有文字层，请提供文字版或 PDF 文字层")
    text = decode(data)
    if text is None or "\x00" in text[:4096]:
        return Document("unknown", problem="无法读取：无法识别的文件格式（支持 TXT、HTML、DOCX、XLSX、XLS、PDF）")
    if kind == "html":
        return _html(text)
    return Document("text", text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def _norm(text: str) -> str:
    import re
    text = (text or "").replace("\u00a0", " ").replace("\u3000", " ")
    text = re.sub(r"(?<=[\u4e00-\u9fff])\s*\n\s*(?=[\u4e00-\u9fff])", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _grid(rows: list[list[tuple[str, int, int]]]) -> list[list[str]]:
    """Rows of (text, rowspan, colspan) → a rectangular grid with spans expanded."""
    filled: dict[tuple[int, int], str] = {}
    width = 0
    for r, cells in enumerate(rows):
        c = 0
        for text, rowspan, colspan in cells:
            while (r, c) in filled:
                c += 1
            for dr in range(max(1, min(rowspan, MAX_SPAN))):
                for dc in range(max(1, min(colspan, MAX_SPAN))):
                    filled[(r + dr, c + dc)] = text
            c += max(1, min(colspan, MAX_SPAN))
            width = max(width, c)
    height = max((r for r, _ in filled), default=-1) + 1
    return [[filled.get((r, c), "") for c in range(width)] for r in range(height)]


# ---------------------------------------------------------------- HTML

_BLOCK = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "header",
          "footer", "nav", "table", "tbody", "thead", "blockquote", "pre", "dd", "dt", "dl", "center", "form", "td",
          "th", "caption", "title"}
_SKIP = {"script", "style", "noscript", "template", "select", "option", "head", "iframe", "svg"}


def _span(el, attr: str) -> int:
    try:
        return int(str(el.get(attr, "1")).strip() or 1)
    except ValueError:
        return 1


def _html(text: str) -> Document:
    import lxml.html

    root = lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    title = root.findtext(".//title") or ""
    blocks: list = []
    buffer: list[str] = []

    def flush():
        line = _norm("".join(buffer))
        if line:
            blocks.append(line)
        buffer.clear()

    def walk(el):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP or not tag:
            if el.tail:
                buffer.append(el.tail)
            return
        if tag == "table" and not el.xpath(".//table"):
            flush()
            rows = []
            for tr in el.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
                rows.append([(_norm(cell.text_content()), _span(cell, "rowspan"), _span(cell, "colspan"))
                             for cell in tr if isinstance(cell.tag, str) and cell.tag in ("td", "th")])
            grid = _grid(rows)
            if grid:
                blocks.append(Table(grid))
        elif tag == "br":
            flush()
        else:
            if tag in _BLOCK:
                flush()
            if el.text:
                buffer.append(el.text)
            for child in el:
                walk(child)
            if tag in _BLOCK:
                flush()
        if el.tail:
            buffer.append(el.tail)

    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    if title and not any(isinstance(b, str) and title.strip() in b for b in blocks[:5]):
        blocks.insert(0, _norm(title))
    return Document("html", blocks)


# ---------------------------------------------------------------- DOCX

def _docx(data: bytes) -> Document:
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    blocks: list = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            line = _norm(Paragraph(child, document).text)
            if line:
                blocks.append(line)
        elif tag == "tbl":
            table = DocxTable(child, document)
            rows = [[_norm(cell.text) for cell in row.cells] for row in table.rows]
            width = max((len(r) for r in rows), default=0)
            blocks.append(Table([r + [""] * (width - len(r)) for r in rows]))
    return Document("docx", blocks)


# ---------------------------------------------------------------- spreadsheets

def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.strftime("%Y-%m-%d")
    return _norm(str(value))


def _trim(rows: list[list[str]]) -> list[list[str]]:
    rows = [r for r in rows]
    while rows and not any(rows[-1]):
        rows.pop()
    width = max((max((i + 1 for i, c in enumerate(r) if c), default=0) for r in rows), default=0)
    return [r[:width] + [""] * (width - len(r[:width])) for r in rows]


def _xlsx(data: bytes) -> Document:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    blocks: list = []
    budget = MAX_CELLS
    for number, sheet in enumerate(book.worksheets, 1):
        rows = []
        for row in sheet.iter_rows(values_only=True):
            budget -= len(row)
            if budget < 0:
                return Document("xlsx", blocks, problem="无法读取：表格过大（单元格超过 200 万个），只读取了前面部分")
            rows.append([_cell_text(v) for v in row])
        top, left = sheet.min_row, sheet.min_column
        _sheet_block(blocks, rows, [(m.min_row - top, m.max_row - top + 1, m.min_col - left, m.max_col - left + 1)
                                    for m in sheet.merged_cells.ranges], number, sheet.title)
    return Document("xlsx", blocks)


def _sheet_block(blocks: list, rows: list[list[str]], merged, number: int, title: str) -> None:
    """A sheet as a Table, each merged range (first row, row after, first column, column after; 0-based) filled with
    its top-left value."""
    for r0, r1, c0, c1 in merged:
        value = rows[r0][c0] if r0 < len(rows) and c0 < len(rows[r0]) else ""
        for r in range(r0, min(r1, len(rows))):
            for c in range(c0, min(c1, len(rows[r]))):
                rows[r][c] = value
    rows = _trim(rows)
    if rows:
        blocks.append(title)
        blocks.append(Table(rows, page=number, title=title))


def _ole(data: bytes) -> Document:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True)
    except NotImplementedError:
        book = xlrd.open_workbook(file_contents=data)
    except xlrd.biffh.XLRDError as exc:
        message = str(exc)
        if "Workbook" in message or "not supported" in message or "BOF" in message:
            if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data:
                return Document("ole", problem="无法读取：文件已加密（受密码保护）")
            if b"W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t" in data:
                return Document("ole", problem="无法读取：旧版 Word（.doc）格式，请另存为 DOCX 或 PDF")
            return Document("ole", problem="无法读取：文件已加密或为不支持的旧版 Office 格式")
        raise
    blocks: list = []
    for number, sheet in enumerate(book.sheets(), 1):
        rows = [[_cell_text(sheet.cell_value(r, c)) for c in range(sheet.ncols)] for r in range(sheet.nrows)]
        _sheet_block(blocks, rows, getattr(sheet, "merged_cells", []) or [], number, sheet.name)
    return Document("xls", blocks)


# ---------------------------------------------------------------- PDF

def _pdf(data: bytes) -> Document:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return Document("pdf", problem="无法读取：PDF 已加密")
        pages = list(reader.pages)
    except Exception as exc:  # noqa: BLE001
        message = str(exc)
        if "encrypt" in message.lower() or "password" in message.lower():
            return Document("pdf", problem="无法读取：PDF 已加密")
        return Document("pdf", problem=f"无法读取：PDF 文件损坏（{message[:80]}）")
    blocks: list = []
    empty: list[int] = []
    for number, page in enumerate(pages, 1):
        try:
            text = page.extract_text() or ""
        except Exception:  # noqa: BLE001 - one broken page must not lose the others
            text = ""
        if not text.strip():
            empty.append(number)
            continue
        blocks.extend(line for line in text.split("\n"))
    problem = ""
    if empty and len(empty) == len(pages):
        problem = "无法读取：PDF 没有文字层（扫描件），请提供文字版"
    elif empty:
        problem = f"部分页面没有文字层（第{'、'.join(map(str, empty))}页），这些页上的数字未读取"
    return Document("pdf", blocks, problem, empty)
