"""Any report file → text lines and tables in reading order, for the report auditor (pure; never raises).

Real tables (HTML, DOCX, XLSX, XLS) keep their blank cells in place and have merged cells expanded into a grid (the
value repeated in every grid cell it covers), so the interpreter can place every number in its column with
certainty. PDF and plain text give lines only (see pdf.py for how a PDF table row stays on one line).
"""

from . import guards, sniff
from .docx import read_docx
from .encoding import decode_html
from .html import read_html, read_mhtml
from .model import Document
from .pdf import read_pdf
from .text import read_text
from .xls import read_xls
from .xlsx import TABLE_TOO_BIG, read_xlsx

EMPTY = "无法读取：文件为空"
ENCRYPTED = "无法读取：文件已加密（受密码保护）"
LEGACY_DOC = "无法读取：旧版 Word（.doc）格式，请另存为 DOCX 或 PDF"
NO_TEXT = "无法读取：文件中没有文字内容"
_OLE_PROBLEMS = {
    "corrupt": "无法读取：Office 文件已损坏（复合文档结构无效）",
    "encrypted": ENCRYPTED,
    "doc": LEGACY_DOC,
    "ppt": "无法读取：旧版 PowerPoint（.ppt）格式，请另存为 PDF",
    "other": "无法读取：不支持的旧版 Office 文件，请另存为 DOCX、XLSX 或 PDF",
}
_FIXED_PROBLEMS = {
    sniff.CORRUPT_ZIP: "无法读取：压缩结构损坏（文件不完整），请重新下载或另存",
    sniff.RTF: "无法读取：RTF 格式，请另存为 DOCX 或 PDF",
    **{kind: "无法读取：图片没有文字层，请提供文字版或 PDF 文字层" for kind in sniff.IMAGES},
}
_KINDS = {sniff.CORRUPT_ZIP: "corrupt_zip", sniff.RTF: "unknown", **{kind: "image" for kind in sniff.IMAGES}}


def read_document(data: bytes, name: str = "") -> Document:
    try:
        document = _read(data, name)
        if not document.problem and not any(b if isinstance(b, str) else b.rows for b in document.blocks):
            document.problem = NO_TEXT
        return document
    except MemoryError:
        raise          # the isolated runner's limit: it says so in its own words
    except Exception as exc:  # noqa: BLE001 - a reader must say what went wrong, never crash an audit
        return Document("unknown", problem=f"无法读取：文件已损坏或格式异常（{type(exc).__name__}: {str(exc)[:100]}）")


def _read(data: bytes, name: str) -> Document:
    if not data or not data.strip():
        return Document("unknown", problem=EMPTY)
    if len(data) > guards.MAX_BYTES:
        return Document("unknown", problem=f"无法读取：文件超过 {guards.megabytes(guards.MAX_BYTES)} MB")
    kind = sniff.sniff(data, name)
    if kind in _FIXED_PROBLEMS:
        return Document(_KINDS[kind], problem=_FIXED_PROBLEMS[kind])
    reader = _READERS.get(kind, _read_text_or_html)
    return reader(data)


def _read_ooxml(kind: str, reader):
    def read(data: bytes) -> Document:
        structure = guards.docx_problem if kind == "docx" else lambda d: guards.sheet_problem(d, cells_cut=True)
        if problem := guards.zip_problem(data) or structure(data):
            return Document(kind, problem=f"无法读取：{problem}")
        try:
            return reader(data)
        except guards.TooBig:
            return Document(kind, problem=TABLE_TOO_BIG)
        except MemoryError:
            raise
        except Exception as exc:  # noqa: BLE001
            return Document(kind, problem=f"无法读取：{kind.upper()} 文件已损坏（{type(exc).__name__}: {str(exc)[:80]}）")
    return read


def read_ole(data: bytes) -> Document:
    found = guards.ole_kind(data)
    if found != "xls":
        return Document("doc" if found == "doc" else "ole", problem=_OLE_PROBLEMS[found])
    try:
        return read_xls(data)
    except guards.TooBig:
        return Document("xls", problem=TABLE_TOO_BIG)
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001
        if "encrypt" in str(exc).lower():
            return Document("xls", problem=ENCRYPTED)
        return Document("xls", problem=f"无法读取：XLS 文件已损坏（{type(exc).__name__}: {str(exc)[:80]}）")


def zip_problem(data: bytes) -> str:
    """A zip that is not DOCX/XLSX: say what it is when we know."""
    names = guards.zip_names(data) or set()
    if "content.xml" in names and "mimetype" in names:
        return "无法读取：OpenDocument（ODT/ODS）格式，请另存为 DOCX、XLSX 或 PDF"
    if "xl/workbook.bin" in names:
        return "无法读取：XLSB 格式，请另存为 XLSX"
    return "无法读取：压缩文件不是 DOCX/XLSX，或文件已损坏"


def _read_text_or_html(data: bytes, html: bool = False) -> Document:
    if html and (page := decode_html(data)) is not None:
        return read_html(page)
    return read_text(data)


_READERS = {
    sniff.DOCX: _read_ooxml("docx", read_docx),
    sniff.XLSX: _read_ooxml("xlsx", read_xlsx),
    sniff.OLE: read_ole,
    sniff.PDF: read_pdf,
    sniff.ZIP: lambda data: Document("zip", problem=zip_problem(data)),
    sniff.MHTML: read_mhtml,
    sniff.HTML: lambda data: _read_text_or_html(data, html=True),
}
