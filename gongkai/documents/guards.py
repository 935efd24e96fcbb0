"""Limits and checks that run before a file is parsed: size, zip bombs, encrypted and legacy Office files (pure).

The limits are module attributes read at call time, so a test can lower one with monkeypatch.
"""

import io
import re
import zipfile
import zlib

MAX_BYTES = 50 * 1024 * 1024          # any file
MAX_UNZIPPED = 200 * 1024 * 1024      # DOCX/XLSX expanded size
MAX_RATIO = 200                       # expanded / compressed, beyond which a zip is treated as a bomb
MAX_RATIO_FLOOR = 10 * 1024 * 1024    # ... once it expands to more than this (small files compress well)
MAX_ENTRIES = 10_000                  # members of a DOCX/XLSX; real ones have tens, a bomb can have millions
MAX_SHEET_XML = 8 * 1024 * 1024       # sheet XML (uncompressed) beyond which an XLSX is streamed: normal mode peaks
                                      # at ~11 bytes of memory per XML byte (200k cells: 7.9 MB XML, 85 MB; streamed
                                      # 15 MB)
MAX_SPAN = 1000                       # a colspan beyond this is garbage, not layout
MAX_CELLS = 2_000_000                 # grid cells per document, against sheets with a million formatted rows
MAX_PDF_PAGES = 1000                  # pages read of a PDF (the auditor and the scanner alike)
MAX_PDF_DECLARED_PAGES = 5000         # a PDF declaring more pages is refused before its page tree is built (pypdf
                                      # flattens the whole tree first: ~0.13 ms a page, 2.6 s for 20,000)
MAX_PAGE_CONTENT = 2 * 1024 * 1024    # decompressed content stream of one PDF page: a dense page of text is ~100 KB;
                                      # pypdf parses content at ~1 MB/s, so a stream bomb would hold a worker for minutes
MAX_XML_PART = 64 * 1024 * 1024       # any one XML part of a DOCX/XLSX, uncompressed
MAX_XML_ELEMENTS = 1_000_000          # elements of a DOCX's document.xml: its DOM costs ~100-200 bytes per element
MAX_TABLE_DEPTH = 12                  # tables inside tables; a layout table holds a report table, not 12 levels
MAX_ROW_CELLS = 16_384                # cells of one sheet row: Excel's column count (a streamed row is held whole)
MAX_ROWS = 1_048_576                  # rows of one sheet: Excel's row count
MAX_TEXT = 2_000_000                  # characters of text extracted (and stored) per file


class TooBig(Exception):
    """A table grew past MAX_CELLS while being read."""


def megabytes(size: int) -> int:
    return size // 1024 // 1024


def too_complex(what: str) -> str:
    return f"文件过于复杂：{what}"


def zip_problem(data: bytes) -> str:
    """Why a DOCX/XLSX must not be opened ("" when it may): broken structure, too many members, or a bomb."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        return f"压缩结构损坏（{exc}）"
    if len(infos) > MAX_ENTRIES:
        return f"压缩包内文件过多（{len(infos)} 个），疑似压缩炸弹"
    total = sum(i.file_size for i in infos)
    if total > MAX_UNZIPPED or total > MAX_RATIO * max(len(data), 1) and total > MAX_RATIO_FLOOR:
        return f"解压后过大（{megabytes(total)} MB），疑似压缩炸弹"
    largest = max(infos, key=lambda i: i.file_size if i.filename.endswith(".xml") else 0, default=None)
    if largest is not None and largest.filename.endswith(".xml") and largest.file_size > MAX_XML_PART:
        return too_complex(f"{largest.filename} 解压后 {megabytes(largest.file_size)} MB，"
                           f"上限 {megabytes(MAX_XML_PART)} MB")
    return ""


_TAG = rb"<%s(?:[A-Za-z_][\w.-]*:)?%s[\s/>]"
_CELL, _ROW = re.compile(_TAG % (b"", b"c")), re.compile(_TAG % (b"", b"row"))
_TABLE = re.compile(_TAG % (b"(/?)", b"tbl"))


def _unless_broken(scan):
    """A part that cannot be read is left to the reader, which says how it is broken."""
    def checked(data: bytes, **options) -> str:
        try:
            return scan(data, **options)
        except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError, zlib.error):
            return ""
    checked.__doc__ = scan.__doc__
    return checked


@_unless_broken
def docx_problem(data: bytes) -> str:
    """Why document.xml must not be built into a DOM ("" when it may): too many elements or tables nested too deep.
    Counted on the bytes (at C speed) before python-docx sees the file; the part is at most MAX_XML_PART."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "word/document.xml" not in archive.namelist():
            return ""
        xml = archive.read("word/document.xml")
    if xml.count(b"<") - xml.count(b"</") > MAX_XML_ELEMENTS:
        return too_complex(f"文档元素超过 {MAX_XML_ELEMENTS} 个")
    depth = 0
    for tag in _TABLE.finditer(xml):
        depth += -1 if tag[1] else 1
        if depth > MAX_TABLE_DEPTH:
            return too_complex(f"表格嵌套超过 {MAX_TABLE_DEPTH} 层")
    return ""


@_unless_broken
def sheet_problem(data: bytes, cells_cut: bool = False) -> str:
    """Why an XLSX's sheets must not be read ("" when they may): more cells than MAX_CELLS, more rows than Excel
    has, a row wider than Excel allows. Counted on the bytes before openpyxl (which holds a row whole and, in
    read-only mode, pads every row out to the width a <dimension> claims) sees the file. With `cells_cut` the
    reader stops at MAX_CELLS itself and says so (the report auditor reads the first part), so only rows count."""
    cells = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            xml = archive.read(name)
            cells += len(_CELL.findall(xml))
            if cells > MAX_CELLS and not cells_cut:
                return too_complex(f"工作表单元格超过 {MAX_CELLS} 个")
            rows = _ROW.split(xml)
            if len(rows) - 1 > MAX_ROWS:
                return too_complex(f"工作表超过 {MAX_ROWS} 行")
            if max(len(_CELL.findall(row)) for row in rows) > MAX_ROW_CELLS:
                return too_complex(f"工作表一行超过 {MAX_ROW_CELLS} 个单元格")
    return ""


def zip_names(data: bytes) -> set[str] | None:
    try:
        return set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None


def ole_kind(data: bytes) -> str:
    """What an OLE compound file (the container of legacy Office files) holds: "encrypted" (a password-protected
    DOCX/XLSX is an OOXML package wrapped in one), "doc", "ppt", "xls", "other", or "corrupt"."""
    from xlrd import compdoc

    try:
        streams = {d.name for d in compdoc.CompDoc(data, logfile=io.StringIO()).dirlist}
    except Exception:  # noqa: BLE001 - any failure means the container is unusable
        return "corrupt"
    if "EncryptedPackage" in streams or "EncryptionInfo" in streams:
        return "encrypted"
    if "WordDocument" in streams:
        return "doc"
    if "PowerPoint Document" in streams:
        return "ppt"
    if streams & {"Workbook", "Book"}:
        return "xls"
    return "other"


def _declared_pages(reader) -> int:
    """The page count the document's page tree declares (/Root /Pages /Count), read without building the tree."""
    try:
        return int(reader.trailer["/Root"]["/Pages"].get("/Count", 0))
    except (KeyError, TypeError, ValueError):
        return 0


def open_pdf(data: bytes) -> tuple[list, str]:
    """(the pages, "") or ([], reason): "已加密" for a password we do not have, else why the file is broken."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    return [], "已加密"
            except Exception:  # noqa: BLE001 - AES without the optional cryptography package, broken keys
                return [], "已加密"
        declared = _declared_pages(reader)
        if declared > MAX_PDF_DECLARED_PAGES:
            return [], too_complex(f"共 {declared} 页，超过 {MAX_PDF_DECLARED_PAGES} 页的上限")
        pages = list(reader.pages)          # reading the page tree is where many broken files fail
    except Exception as exc:  # noqa: BLE001
        message = str(exc)
        if "encrypt" in message.lower() or "password" in message.lower():
            return [], "已加密"
        return [], f"文件损坏（{message[:80]}）"
    return pages, ""
