"""Text of an attachment for the privacy scanner and search (pure, never raises).

Files that cannot be scanned say why: "未能扫描（无文字层）" for image-only PDFs and pictures, "无法扫描：<原因>" for
corrupt, encrypted, oversized or zip-bomb files — never an empty "clean" result. The readers are the report
auditor's (read.py); where the two needs differ the reader has a second view (see docx.py, xlsx.py, html.py, pdf.py).
"""

from . import guards, sniff
from .docx import docx_text
from .encoding import decode_html
from .html import html_text, mhtml_page
from .model import NO_TEXT, Document, Extracted
from .pdf import NO_TEXT_LAYER, read_pdf
from .read import ENCRYPTED, read_ole, zip_problem
from .text import text_of
from .xlsx import xlsx_text

UNREADABLE = "无法扫描：无法识别的文件格式（不是文本、PDF、DOCX 或 XLSX）"
_OLD_OFFICE = "无法扫描：文件已加密或为旧版 Office 格式（.doc/.xls），请另存为 DOCX/XLSX 或 PDF"


def extract_text(data: bytes, name: str = "") -> Extracted:
    """At most guards.MAX_TEXT characters: the rest is cut, and the problem says so (what was not scanned)."""
    try:
        extracted = _extract(data, name)
    except MemoryError:
        raise          # the isolated runner's limit: it says so in its own words
    except Exception as exc:  # noqa: BLE001 - a scanner must never crash on a user's file
        return Extracted(kind="unknown", problem=f"无法扫描：{type(exc).__name__}: {str(exc)[:100]}")
    if len(extracted.text) > guards.MAX_TEXT:
        extracted.text = extracted.text[:guards.MAX_TEXT]
        extracted.problem = extracted.problem or TEXT_CUT.format(limit=guards.MAX_TEXT)
    return extracted


TEXT_CUT = "文字过长：只保存并扫描了前 {limit} 字，其余部分未扫描"


def _scan_problem(problem: str) -> str:
    """The reader's "无法读取：…" in the scanner's words."""
    return problem.replace("无法读取", "无法扫描", 1)


def _extract(data: bytes, name: str) -> Extracted:
    if not data:
        return Extracted(problem="无法扫描：空文件")
    if len(data) > guards.MAX_BYTES:
        return Extracted(problem=f"无法扫描：文件过大（{guards.megabytes(len(data))} MB，"
                                 f"上限 {guards.megabytes(guards.MAX_BYTES)} MB）")
    kind = sniff.sniff(data, name)
    if kind in sniff.IMAGES:
        return Extracted(kind="image", problem=NO_TEXT)
    if kind in (sniff.DOCX, sniff.XLSX) and (problem := guards.zip_problem(data) or _structure_problem(kind, data)):
        return Extracted(kind=kind, problem=f"无法扫描：{problem}")
    extractor = _EXTRACTORS.get(kind, _text)
    return extractor(data)


def _structure_problem(kind: str, data: bytes) -> str:
    return guards.docx_problem(data) if kind == sniff.DOCX else guards.sheet_problem(data)


def _pdf(data: bytes) -> Extracted:
    document = read_pdf(data, layout=False)
    text, empty = "\n".join(document.blocks), document.pages_without_text
    if document.problem == NO_TEXT_LAYER:
        return Extracted(kind="pdf", problem=NO_TEXT, pages_without_text=empty)
    if empty:
        return Extracted(text, "pdf", f"部分页面未能扫描（无文字层）：第{'、'.join(map(str, empty))}页", empty)
    return Extracted(text, "pdf", _scan_problem(document.problem))


def _xlsx(data: bytes) -> Extracted:
    try:
        return Extracted(xlsx_text(data), "xlsx")
    except guards.TooBig:
        return Extracted(kind="xlsx", problem=f"无法扫描：{guards.too_complex(f'工作表超过 {guards.MAX_CELLS} 个单元格')}")


def _ole(data: bytes) -> Extracted:
    """Legacy XLS is read; an encrypted DOCX/XLSX or a legacy .doc says so; anything else in an OLE container
    (including a damaged one) gets the general advice."""
    document = read_ole(data)
    if document.kind == "xls" and not document.problem:
        return Extracted(_document_text(document), "xls")
    known = document.kind in ("xls", "doc") or document.problem == ENCRYPTED
    return Extracted(kind="ole", problem=_scan_problem(document.problem) if known else _OLD_OFFICE)


def _document_text(document: Document) -> str:
    """Tables as tab-separated rows, each sheet after its title line."""
    lines = []
    for block in document.blocks:
        lines.extend([block] if isinstance(block, str) else ["\t".join(row) for row in block.rows])
    return "\n".join(lines)


def _html(data: bytes) -> Extracted:
    page = decode_html(data)
    if page is None:
        return _text(data)
    return Extracted(html_text(page), "html")


def _mhtml(data: bytes) -> Extracted:
    page = mhtml_page(data)
    if page is None:
        return Extracted(kind="mhtml", problem="无法扫描：网页存档（MHT）中没有网页内容")
    return Extracted(html_text(page), "mhtml")


def _text(data: bytes) -> Extracted:
    text = text_of(data)
    if text is None:
        return Extracted(kind="binary", problem=UNREADABLE)
    return Extracted(text, "text")


_EXTRACTORS = {
    sniff.PDF: _pdf,
    sniff.DOCX: lambda data: Extracted(docx_text(data), "docx"),
    sniff.XLSX: _xlsx,
    sniff.OLE: _ole,
    sniff.ZIP: lambda data: Extracted(kind="zip", problem=_scan_problem(zip_problem(data))),
    sniff.CORRUPT_ZIP: lambda data: Extracted(kind="corrupt_zip", problem="无法扫描：不是有效的 DOCX/XLSX 文件（压缩结构损坏）"),
    sniff.RTF: lambda data: Extracted(kind="rtf", problem="无法扫描：RTF 格式，请另存为 DOCX 或 PDF"),
    sniff.MHTML: _mhtml,
    sniff.HTML: _html,
}
