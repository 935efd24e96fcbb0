"""Any report file → text lines and tables in reading order (pure; never raises).

Real tables (HTML, DOCX, XLSX, XLS) keep their blank cells in place and have merged cells expanded into a grid (the
value repeated in every grid cell it covers), so the interpreter can place every number in its column with
certainty. PDF and plain text give lines only: a PDF line is rebuilt from the positions of the text on the page, so
a table row stays on one line with its cells separated by two spaces.
"""

import datetime
import decimal
import email
import io
import math
import re
import zipfile
from dataclasses import dataclass, field

from gongkai.privacy.extract import MAX_BYTES, _zip_guard, decode, sniff

MAX_SPAN = 1000              # a colspan beyond this is garbage, not layout
MAX_CELLS = 2_000_000        # grid cells per document, against sheets with a million formatted rows
MAX_SHEET_XML = 8 * 1024 * 1024    # sheet XML (uncompressed) beyond which an XLSX is streamed: normal mode peaks at
                                   # ~11 bytes of memory per XML byte (200k cells: 7.9 MB XML, 85 MB; streamed 15 MB)
MAX_PDF_PAGES = 1000

EMPTY = "无法读取：文件为空"
TOO_BIG = f"无法读取：文件超过 {MAX_BYTES // 1024 // 1024} MB"
ENCRYPTED = "无法读取：文件已加密（受密码保护）"
LEGACY_DOC = "无法读取：旧版 Word（.doc）格式，请另存为 DOCX 或 PDF"
PDF_ENCRYPTED = "无法读取：PDF 已加密"
UNKNOWN = "无法读取：无法识别的文件格式（支持 TXT、HTML、DOCX、XLSX、XLS、PDF）"
TABLE_TOO_BIG = "无法读取：表格过大（单元格超过 200 万个），只读取了前面部分"


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


class _TooBig(Exception):
    pass


def read_document(data: bytes, name: str = "") -> Document:
    try:
        document = _read(data, name)
        if not document.problem and not any(b if isinstance(b, str) else b.rows for b in document.blocks):
            document.problem = "无法读取：文件中没有文字内容"
        return document
    except Exception as exc:  # noqa: BLE001 - a reader must say what went wrong, never crash an audit
        return Document("unknown", problem=f"无法读取：文件已损坏或格式异常（{type(exc).__name__}: {str(exc)[:100]}）")


def _read(data: bytes, name: str) -> Document:
    if not data or not data.strip():
        return Document("unknown", problem=EMPTY)
    if len(data) > MAX_BYTES:
        return Document("unknown", problem=TOO_BIG)
    kind = sniff(data, name)
    if kind in ("docx", "xlsx") and (problem := _zip_guard(data)):
        return Document(kind, problem=problem.replace("无法扫描", "无法读取"))
    if kind == "docx":
        return _guarded("docx", _docx, data)
    if kind == "xlsx":
        return _guarded("xlsx", _xlsx, data)
    if kind == "ole":
        return _ole(data)
    if kind == "pdf":
        return _pdf(data)
    if kind == "corrupt_zip":
        return Document(kind, problem="无法读取：压缩结构损坏（文件不完整），请重新下载或另存")
    if kind == "zip":
        return Document(kind, problem=_zip_kind(data))
    if kind == "image":
        return Document("image", problem="无法读取：图片没有文字层，请提供文字版或 PDF 文字层")
    if data.lstrip()[:5] == b"{\\rtf":
        return Document("unknown", problem="无法读取：RTF 格式，请另存为 DOCX 或 PDF")
    if _is_mhtml(data):
        return _mhtml(data)
    if kind == "html" or _looks_like_html(data, name):
        text = _decode_html(data)
        if text is not None:
            return _html(text)
    text = _decode_text(data)
    if text is None or "\x00" in text[:4096]:
        return Document("unknown", problem=UNKNOWN)
    if _garbled(text):
        return Document("unknown", problem="无法读取：文字无法识别（编码错误或不是文本文件）")
    return Document("text", _lines(text))


def _guarded(kind: str, reader, data: bytes) -> Document:
    try:
        return reader(data)
    except _TooBig:
        return Document(kind, problem=TABLE_TOO_BIG)
    except Exception as exc:  # noqa: BLE001
        label = {"docx": "DOCX", "xlsx": "XLSX"}[kind]
        return Document(kind, problem=f"无法读取：{label} 文件已损坏（{type(exc).__name__}: {str(exc)[:80]}）")


def _zip_kind(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except Exception:  # noqa: BLE001
        names = set()
    if "content.xml" in names and "mimetype" in names:
        return "无法读取：OpenDocument（ODT/ODS）格式，请另存为 DOCX、XLSX 或 PDF"
    if "xl/workbook.bin" in names:
        return "无法读取：XLSB 格式，请另存为 XLSX"
    return "无法读取：压缩文件不是 DOCX/XLSX，或文件已损坏"


# ---------------------------------------------------------------- text

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_JOIN = re.compile(rf"(?<=[{_CJK}])[ \t]*\n\s*(?=[{_CJK}])")


def _lines(text: str) -> list[str]:
    return _LINE_BREAK.split(text)


def _decode_text(data: bytes) -> str | None:
    """decode() (BOM, UTF-8, GB18030) after spotting UTF-16 without a BOM: a text file has no NUL bytes, UTF-16 has
    them in the high bytes of ASCII; the byte order that reads as plausible text wins."""
    sample = data[:4096]
    if b"\x00" in sample and not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        best, best_score = None, 0.9
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data[: len(data) // 2 * 2].decode(encoding)
            except UnicodeDecodeError:
                continue
            head = text[:2048]
            score = sum(1 for ch in head if _PLAUSIBLE.match(ch)) / max(len(head), 1)
            if score > best_score:
                best, best_score = text, score
        if best is not None:
            return best
    return decode(data)


_PLAUSIBLE = re.compile(r"[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _garbled(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\x0c"))
    return bad > len(sample) * 0.05


def _norm(text: str) -> str:
    """Cell text: zero-width characters dropped, non-breaking and full-width spaces as spaces, a line break between
    two CJK characters removed, every other run of whitespace one space."""
    text = _ZERO_WIDTH.sub("", text or "").replace("\u00a0", " ").replace("\u3000", " ")
    text = _JOIN.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return " ".join(text.split())


def _line(text: str) -> str:
    """A paragraph line: like a cell, but tabs and runs of spaces kept (space- and tab-separated tables)."""
    text = _ZERO_WIDTH.sub("", text).replace("\u00a0", " ").replace("\u3000", " ")
    return text.strip()


def _grid(rows: list[list[tuple[str, int, int]]], budget: list[int]) -> list[list[str]]:
    """Rows of (text, rowspan, colspan) → a rectangular grid, spans expanded (a rowspan ends with the table)."""
    height = len(rows)
    grid: list[list[str | None]] = [[] for _ in range(height)]
    for r, cells in enumerate(rows):
        line = grid[r]
        c = 0
        for text, rowspan, colspan in cells:
            while c < len(line) and line[c] is not None:
                c += 1
            rowspan = max(1, min(rowspan, height - r))
            colspan = max(1, min(colspan, MAX_SPAN))
            budget[0] -= rowspan * colspan
            if budget[0] < 0:
                raise _TooBig
            for dr in range(rowspan):
                target = grid[r + dr]
                if len(target) < c + colspan:
                    target.extend([None] * (c + colspan - len(target)))
                for dc in range(colspan):
                    target[c + dc] = text
            c += colspan
    width = max((len(line) for line in grid), default=0)
    return [[cell or "" for cell in line] + [""] * (width - len(line)) for line in grid]


# ---------------------------------------------------------------- HTML

_BLOCK = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "header",
          "footer", "nav", "main", "aside", "table", "tbody", "thead", "tfoot", "blockquote", "pre", "dd", "dt", "dl",
          "center", "form", "td", "th", "caption", "title", "hr", "address", "figure", "figcaption", "fieldset"}
_SKIP = {"script", "style", "noscript", "template", "select", "option", "head", "iframe", "svg", "object", "embed",
         "button", "textarea", "input", "map", "canvas"}
_HTML_HINT = re.compile(rb"<\s*(html|body|table|div|p)\b[^>]*>", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_ENCODING_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
                     "gb_2312-80": "gb18030", "unicode": "utf-16", "utf8": "utf-8"}


def _looks_like_html(data: bytes, name: str) -> bool:
    if name.lower().endswith((".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php", ".mht", ".mhtml")):
        return True
    return len(_HTML_HINT.findall(data[:65536])) >= 2


def _decode_html(data: bytes) -> str | None:
    """BOM first, then the page's <meta charset>, then UTF-8, then GB18030."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data)
    match = _META_CHARSET.search(data[:8192])
    if match:
        declared = match.group(1).decode("ascii").lower()
        encoding = _ENCODING_ALIASES.get(declared, declared)
        try:
            return data.decode(encoding)
        except LookupError:
            pass
        except UnicodeDecodeError:
            text = decode(data)   # the declaration lies (a GBK page saying utf-8, or the reverse)
            return text if text is not None else data.decode(encoding, errors="replace")
    return decode(data)


def _span(el, attr: str) -> int:
    match = re.match(r"\s*(\d{1,6})", str(el.get(attr) or ""))
    return int(match.group(1)) if match else 1


def _html_text(el) -> str:
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


def _html_rows(table) -> list[list[tuple[str, int, int]]]:
    rows = []
    for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
        rows.append([(_norm(_html_text(cell)), _span(cell, "rowspan"), _span(cell, "colspan"))
                     for cell in tr if isinstance(cell.tag, str) and cell.tag in ("td", "th")])
    return rows


def _html(text: str) -> Document:
    import lxml.html

    text = _ZERO_WIDTH.sub("", text)
    root = lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    title = _norm(root.findtext(".//title") or "")
    blocks: list = []
    buffer: list[str] = []
    budget = [MAX_CELLS]

    def flush():
        line = _norm("".join(buffer))
        if line:
            blocks.append(line)
        buffer.clear()

    def walk(el):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP or not tag:
            return
        if tag == "table" and not el.xpath(".//table"):
            grid = _grid(_html_rows(el), budget)
            if grid and max(len(r) for r in grid) >= 2:
                flush()
                for caption in el.xpath("./caption"):
                    if line := _norm(_html_text(caption)):
                        blocks.append(line)
                blocks.append(Table(grid))
                return
            # a one-column or one-cell table is a frame around text, not a statistics table
        if tag == "br" or tag in _BLOCK:
            flush()
        if el.text:
            buffer.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                buffer.append(child.tail)
        if tag in _BLOCK:
            flush()

    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    if title and not any(isinstance(b, str) and title in b for b in blocks[:5]):
        blocks.insert(0, title)
    return Document("html", blocks)


def _is_mhtml(data: bytes) -> bool:
    head = data[:4096].lower()
    return b"mime-version:" in head and b"multipart/related" in head


def _mhtml(data: bytes) -> Document:
    """Word's and WPS's "single file web page" (.mht, often published as .doc): the HTML part inside."""
    message = email.message_from_bytes(data)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            text = None
            if charset:
                try:
                    text = payload.decode(_ENCODING_ALIASES.get(charset.lower(), charset))
                except (LookupError, UnicodeDecodeError):
                    text = None
            text = text if text is not None else _decode_html(payload)
            if text is not None:
                return _html(text)
    return Document("html", problem="无法读取：网页存档（MHT）中没有网页内容")


# ---------------------------------------------------------------- DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIP_IN_PARAGRAPH = {_W + "txbxContent", _MC_FALLBACK, _W + "del", _W + "moveFrom", _W + "rPr", _W + "pPr"}


def _docx(data: bytes) -> Document:
    body = None
    try:
        import docx

        body = docx.Document(io.BytesIO(data)).element.body
    except Exception:  # noqa: BLE001 - python-docx refuses .docm and odd content types; the XML is still Word's
        from lxml import etree

        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("word/document.xml")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        body = etree.fromstring(xml, parser).find(_W + "body")
    blocks: list = []
    if body is not None:
        _docx_container(body, blocks, [MAX_CELLS])
    return Document("docx", blocks)


def _docx_container(element, blocks: list, budget: list[int]) -> None:
    """Paragraphs and tables of the body (or of a table cell) in order; content controls are looked into."""
    for child in element:
        tag = child.tag
        if tag == _W + "p":
            for line in _docx_paragraph(child).split("\n"):
                if line := _line(line):
                    blocks.append(line)
        elif tag == _W + "tbl":
            _docx_table(child, blocks, budget)
        elif tag in (_W + "sdt", _W + "customXml", _W + "sdtContent", _W + "ins", _W + "smartTag"):
            _docx_container(child.find(_W + "sdtContent") if tag == _W + "sdt" and
                            child.find(_W + "sdtContent") is not None else child, blocks, budget)


def _docx_paragraph(p) -> str:
    parts: list[str] = []

    def walk(node):
        for child in node:
            tag = child.tag
            if tag in _SKIP_IN_PARAGRAPH or not isinstance(tag, str):
                continue
            if tag == _W + "t":
                parts.append(child.text or "")
            elif tag == _W + "tab":
                parts.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                parts.append("\n")
            elif tag == _W + "noBreakHyphen":
                parts.append("-")
            else:
                walk(child)

    walk(p)
    return "".join(parts)


def _docx_children(element, name: str) -> list:
    """Direct children named `name`, looking through content controls and custom XML wrappers."""
    out = []
    for child in element:
        if child.tag == _W + name:
            out.append(child)
        elif child.tag in (_W + "sdt", _W + "customXml", _W + "sdtContent"):
            out.extend(_docx_children(child, name))
    return out


def _w_val(element, path: str, default: str | None = None) -> str | None:
    found = element.find(path)
    if found is None:
        return default
    return found.get(_W + "val", default)


def _docx_table(tbl, blocks: list, budget: list[int]) -> None:
    if tbl.find(f".//{_W}tbl") is not None:
        # a layout table around the report table: its text as lines, the inner tables as tables
        for tr in _docx_children(tbl, "tr"):
            for tc in _docx_children(tr, "tc"):
                _docx_container(tc, blocks, budget)
        return
    grid: list[list[str]] = []
    for tr in _docx_children(tbl, "tr"):
        row = [""] * _int(_w_val(tr, f"{_W}trPr/{_W}gridBefore", "0"))
        for tc in _docx_children(tr, "tc"):
            span = max(1, min(_int(_w_val(tc, f"{_W}tcPr/{_W}gridSpan", "1")), MAX_SPAN))
            vmerge = _w_val(tc, f"{_W}tcPr/{_W}vMerge", "continue") if tc.find(f"{_W}tcPr/{_W}vMerge") is not None \
                else None
            hmerge = _w_val(tc, f"{_W}tcPr/{_W}hMerge", "continue") if tc.find(f"{_W}tcPr/{_W}hMerge") is not None \
                else None
            col = len(row)
            if vmerge == "continue" and grid:
                above = grid[-1]
                text = above[col] if col < len(above) else ""
            elif hmerge == "continue" and row:
                text = row[-1]
            else:
                text = _norm("\n".join(_docx_paragraph(p) for p in tc.iter(_W + "p")))
            budget[0] -= span
            if budget[0] < 0:
                raise _TooBig
            row.extend([text] * span)
        grid.append(row)
    width = max((len(r) for r in grid), default=0)
    grid = [r + [""] * (width - len(r)) for r in grid]
    if not grid or width == 0:
        return
    if width == 1:       # a frame around paragraphs
        blocks.extend(line for r in grid for line in r if line)
        return
    blocks.append(Table(grid))


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


# ---------------------------------------------------------------- spreadsheets

def _number(value: float) -> str:
    if not math.isfinite(value):
        return ""
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    text = f"{value:.15g}"           # what the spreadsheet shows: Excel keeps 15 significant digits
    if "e" in text:
        text = format(decimal.Decimal(text), "f")
    return text


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.strftime("%Y-%m-%d")
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M:%S")
    return _norm(str(value))


def _trim(rows: list[list[str]]) -> list[list[str]]:
    while rows and not any(rows[-1]):
        rows.pop()
    width = max((max((i + 1 for i, c in enumerate(r) if c), default=0) for r in rows), default=0)
    return [r[:width] + [""] * (width - len(r[:width])) for r in rows]


def _sheet_block(blocks: list, rows: list[list[str]], merged, number: int, title: str) -> None:
    """A sheet as a Table, each merged range (first row, row after, first column, column after; 0-based) filled with
    its top-left value."""
    for r0, r1, c0, c1 in merged:
        if r0 < 0 or c0 < 0:
            continue
        value = rows[r0][c0] if r0 < len(rows) and c0 < len(rows[r0]) else ""
        for r in range(r0, min(r1, len(rows))):
            for c in range(c0, min(c1, len(rows[r]))):
                rows[r][c] = value
    rows = _trim(rows)
    if rows:
        blocks.append(title)
        blocks.append(Table(rows, page=number, title=title))


def _xlsx(data: bytes) -> Document:
    import openpyxl

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_xml = sum(i.file_size for i in archive.infolist() if i.filename.startswith("xl/worksheets/"))
    streamed = sheet_xml > MAX_SHEET_XML
    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=streamed)
    blocks: list = []
    budget = MAX_CELLS
    try:
        for number, sheet in enumerate(book.worksheets, 1):
            if streamed:
                sheet.reset_dimensions()
                top = left = 1
                merged = _streamed_merges(data, sheet._worksheet_path)
            else:
                top, left = sheet.min_row, sheet.min_column
                merged = [(m.min_row, m.max_row, m.min_col, m.max_col) for m in sheet.merged_cells.ranges]
            rows = []
            for row in sheet.iter_rows(values_only=True):
                budget -= len(row)
                if budget < 0:
                    return Document("xlsx", blocks, problem=TABLE_TOO_BIG)
                rows.append([_cell_text(v) for v in row])
            width = max((len(r) for r in rows), default=0)
            rows = [r + [""] * (width - len(r)) for r in rows]
            _sheet_block(blocks, rows, [(r0 - top, r1 - top + 1, c0 - left, c1 - left + 1)
                                        for r0, r1, c0, c1 in merged], number, sheet.title)
    finally:
        if streamed:
            book.close()
    return Document("xlsx", blocks)


def _streamed_merges(data: bytes, path: str) -> list[tuple[int, int, int, int]]:
    """<mergeCell ref="A1:C3"> of a sheet read in streaming mode (openpyxl's read-only mode does not give them)."""
    from lxml import etree
    from openpyxl.utils import range_boundaries

    merges = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(path.lstrip("/")) as stream:
        for _, element in etree.iterparse(stream, events=("end",), resolve_entities=False, no_network=True):
            if element.tag.endswith("}mergeCell"):
                try:
                    c0, r0, c1, r1 = range_boundaries(element.get("ref", ""))
                    merges.append((r0, r1, c0, c1))
                except (ValueError, TypeError):
                    pass
            if element.tag.endswith("}row"):
                element.clear()
    return merges


def _ole_streams(data: bytes) -> set[str] | None:
    from xlrd import compdoc

    try:
        return {d.name for d in compdoc.CompDoc(data, logfile=io.StringIO()).dirlist}
    except Exception:  # noqa: BLE001
        return None


def _ole(data: bytes) -> Document:
    streams = _ole_streams(data)
    if streams is None:
        return Document("ole", problem="无法读取：Office 文件已损坏（复合文档结构无效）")
    if "EncryptedPackage" in streams or "EncryptionInfo" in streams:
        return Document("ole", problem=ENCRYPTED)
    if "WordDocument" in streams:
        return Document("doc", problem=LEGACY_DOC)
    if "PowerPoint Document" in streams:
        return Document("ole", problem="无法读取：旧版 PowerPoint（.ppt）格式，请另存为 PDF")
    if not streams & {"Workbook", "Book"}:
        return Document("ole", problem="无法读取：不支持的旧版 Office 文件，请另存为 DOCX、XLSX 或 PDF")
    try:
        return _xls(data)
    except _TooBig:
        return Document("xls", problem=TABLE_TOO_BIG)
    except Exception as exc:  # noqa: BLE001
        if "encrypt" in str(exc).lower():
            return Document("xls", problem=ENCRYPTED)
        return Document("xls", problem=f"无法读取：XLS 文件已损坏（{type(exc).__name__}: {str(exc)[:80]}）")


def _xls(data: bytes) -> Document:
    import xlrd

    log = io.StringIO()
    book = xlrd.open_workbook(file_contents=data, formatting_info=True, logfile=log)   # merged ranges need it
    blocks: list = []
    budget = MAX_CELLS
    for number, sheet in enumerate(book.sheets(), 1):
        budget -= sheet.nrows * sheet.ncols
        if budget < 0:
            raise _TooBig
        rows = [[_xls_cell(book, sheet.cell(r, c)) for c in range(sheet.ncols)] for r in range(sheet.nrows)]
        _sheet_block(blocks, rows, getattr(sheet, "merged_cells", []) or [], number, sheet.name)
    return Document("xls", blocks)


def _xls_cell(book, cell) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return _cell_text(xlrd.xldate_as_datetime(cell.value, book.datemode))
        except Exception:  # noqa: BLE001 - an impossible date serial: show the number
            return _number(float(cell.value))
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return _cell_text(bool(cell.value))
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")
    return _cell_text(cell.value)


# ---------------------------------------------------------------- PDF

def _pdf(data: bytes) -> Document:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    return Document("pdf", problem=PDF_ENCRYPTED)
            except Exception:  # noqa: BLE001 - AES without the optional cryptography package, broken keys
                return Document("pdf", problem=PDF_ENCRYPTED)
        pages = list(reader.pages)
    except Exception as exc:  # noqa: BLE001
        message = str(exc)
        if "encrypt" in message.lower() or "password" in message.lower():
            return Document("pdf", problem=PDF_ENCRYPTED)
        return Document("pdf", problem=f"无法读取：PDF 文件损坏（{message[:80]}）")
    blocks: list = []
    empty: list[int] = []
    for number, page in enumerate(pages[:MAX_PDF_PAGES], 1):
        try:
            lines = _pdf_lines(page)
        except Exception:  # noqa: BLE001 - one broken page must not lose the others
            lines = []
        if not any(line.strip() for line in lines):
            empty.append(number)
            continue
        blocks.extend(lines)
    problem = ""
    if not pages:
        problem = "无法读取：PDF 没有页面"
    elif empty and len(empty) == min(len(pages), MAX_PDF_PAGES):
        problem = "无法读取：PDF 没有文字层（扫描件），请提供文字版"
    elif empty:
        problem = f"部分页面没有文字层（第{'、'.join(map(str, empty))}页），这些页上的数字未读取"
    if len(pages) > MAX_PDF_PAGES and not problem:
        problem = f"只读取了前 {MAX_PDF_PAGES} 页"
    return Document("pdf", blocks, problem, empty)


_WIDE = re.compile(rf"[{_CJK}\u3000-\u303f]")


def _pdf_lines(page) -> list[str]:
    """The page's text rebuilt from positions: pieces on one baseline form a line (so a table row with its label and
    numbers stays together), pieces apart by a visible gap are separated by two spaces, closer ones joined.

    Falls back to pypdf's plain extraction when the content has no usable positions (rotated or odd matrices)."""
    pieces: list[tuple[float, float, float, str, float]] = []     # (y, x, font size, text, x where it starts)

    def visit(text, cm, tm, font, size):
        if not text or not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = math.hypot(tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]) or 1.0
        for i, part in enumerate(text.split("\n")):
            if part.strip():
                pieces.append((y - i * (size or 10) * scale * 1.2, x, abs((size or 10) * scale), part, x))

    plain = page.extract_text(visitor_text=visit) or ""
    if not pieces:
        return [line for line in plain.split("\n")]
    sizes = sorted(p[2] for p in pieces)
    if sizes[len(sizes) // 2] <= 0.5:
        return [line for line in plain.split("\n")]
    pieces.sort(key=lambda p: (-p[0], p[1]))
    lines: list[list[tuple[float, float, float, str, float]]] = []
    for piece in pieces:
        if lines and abs(lines[-1][0][0] - piece[0]) <= 0.45 * min(piece[2], lines[-1][0][2]):
            lines[-1].append(piece)
        else:
            lines.append([piece])
    for line in lines:
        line.sort(key=lambda p: p[1])
    lines = _join_wrapped(lines)
    out = []
    for line in lines:
        text, end = "", None
        for _, x, size, part, _ in line:
            if end is not None:
                gap = x - end
                text += "  " if gap > 0.6 * size else ("" if gap < 0.15 * size else " ")
            text += part.strip() if end is not None else part.rstrip()
            end = x + _text_width(part.strip(), size)
        out.append(text.strip())
    return out


def _join_wrapped(lines: list) -> list:
    """A table cell's label wrapped inside its cell ("（二）部分公开（区分处理的，只计这一" / "情形，不计其他情形）  1  1"):
    a line that is one piece of text without a digit is joined to the next line's first piece when that starts at
    the same x, in the same size, one tight line below (≤ 1.45 × the size; paragraphs are spaced wider)."""
    out: list = []
    for line in lines:
        if out:
            prev = out[-1]
            (y0, _, size0, text0, _), (y1, x1, size1, _, _) = prev[-1], line[0]
            if len(prev) == 1 and not re.search(r"\d\s*$", text0) and not text0.rstrip().endswith(("。", "：", ":")) \
                    and abs(prev[-1][4] - x1) < 1 and abs(size0 - size1) < 0.1 and 0 < y0 - y1 <= 1.45 * size0 \
                    and not re.fullmatch(r"\s*[\d.,%]+\s*", line[0][3]):
                first = line[0]
                joined = text0.strip() + first[3].strip()       # x chosen so that the joined piece ends where `first` does
                out[-1] = [(first[0], first[1] - _text_width(text0.strip(), size0), size0, joined, x1), *line[1:]]
                continue
        out.append(line)
    return out


def _text_width(text: str, size: float) -> float:
    wide = len(_WIDE.findall(text))
    return (wide + 0.55 * (len(text) - wide)) * size
