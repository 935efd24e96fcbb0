"""Text from attachments for scanning: PDF (text layer), DOCX, XLSX, HTML, plain text (pure, never raises).

Files that cannot be scanned say why: "未能扫描（无文字层）" for image-only PDFs and pictures, "无法扫描：<原因>" for
corrupt, encrypted, oversized or zip-bomb files — never an empty "clean" result.
"""

import io
import zipfile
from dataclasses import dataclass, field

MAX_BYTES = 50 * 1024 * 1024
MAX_UNZIPPED = 200 * 1024 * 1024      # DOCX/XLSX expanded size limit
MAX_RATIO = 200                        # expanded / compressed, beyond which a zip is treated as a bomb
NO_TEXT = "未能扫描（无文字层）"


@dataclass
class Extracted:
    text: str = ""
    kind: str = "unknown"
    problem: str = ""          # non-empty: the file was not (fully) scanned
    pages_without_text: list[int] = field(default_factory=list)

    @property
    def scanned(self) -> bool:
        return not self.problem


def sniff(data: bytes, name: str = "") -> str:
    head = data[:8]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, ValueError):
            return "corrupt_zip"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"            # legacy .doc/.xls, or an encrypted DOCX/XLSX
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM")) or head[:4] in (b"II*\x00", b"MM\x00*") or \
            (head.startswith(b"RIFF") and data[8:12] == b"WEBP"):
        return "image"
    lower = name.lower()
    sample = data[:2048].lstrip().lower()
    if lower.endswith((".html", ".htm")) or sample.startswith((b"<!doctype html", b"<html")) or b"<body" in sample:
        return "html"
    return "text"


def decode(data: bytes) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _zip_guard(data: bytes) -> str:
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        return f"无法扫描：压缩结构损坏（{exc}）"
    total = sum(i.file_size for i in infos)
    if total > MAX_UNZIPPED or total > MAX_RATIO * max(len(data), 1) and total > 10 * 1024 * 1024:
        return f"无法扫描：解压后过大（{total // 1024 // 1024} MB），疑似压缩炸弹"
    return ""


def extract_text(data: bytes, name: str = "") -> Extracted:
    try:
        return _extract(data, name)
    except Exception as exc:  # a scanner must never crash on a user's file
        return Extracted(kind="unknown", problem=f"无法扫描：{type(exc).__name__}: {str(exc)[:100]}")


def _extract(data: bytes, name: str) -> Extracted:
    if not data:
        return Extracted(problem="无法扫描：空文件")
    if len(data) > MAX_BYTES:
        return Extracted(problem=f"无法扫描：文件过大（{len(data) // 1024 // 1024} MB，上限 {MAX_BYTES // 1024 // 1024} MB）")
    kind = sniff(data, name)
    if kind == "image":
        return Extracted(kind="image", problem=NO_TEXT)
    if kind == "ole":
        return Extracted(kind="ole", problem="无法扫描：文件已加密或为旧版 Office 格式（.doc/.xls），请另存为 DOCX/XLSX 或 PDF")
    if kind in ("corrupt_zip", "zip"):
        return Extracted(kind=kind, problem="无法扫描：不是有效的 DOCX/XLSX 文件")
    if kind in ("docx", "xlsx") and (problem := _zip_guard(data)):
        return Extracted(kind=kind, problem=problem)
    if kind == "pdf":
        return _pdf(data)
    if kind == "docx":
        return Extracted(_docx(data), "docx")
    if kind == "xlsx":
        return Extracted(_xlsx(data), "xlsx")
    text = decode(data)
    if text is None or ("\x00" in text[:4096] and kind == "text"):
        return Extracted(kind="binary", problem="无法扫描：无法识别的文件格式（不是文本、PDF、DOCX 或 XLSX）")
    if kind == "html":
        return Extracted(_html(text), "html")
    return Extracted(text, "text")


def _pdf(data: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
    except (PdfReadError, ValueError, OSError) as exc:
        return Extracted(kind="pdf", problem=f"无法扫描：PDF 文件损坏（{str(exc)[:80]}）")
    if reader.is_encrypted:
        try:
            if not reader.decrypt(""):
                return Extracted(kind="pdf", problem="无法扫描：PDF 文件已加密")
        except Exception:
            return Extracted(kind="pdf", problem="无法扫描：PDF 文件已加密")
    parts, empty = [], []
    for i, page in enumerate(reader.pages, 1):
        text = page.extract_text() or ""
        if not text.strip():
            empty.append(i)
        parts.append(text)
    if empty and len(empty) == len(parts):
        return Extracted(kind="pdf", problem=NO_TEXT, pages_without_text=empty)
    problem = f"部分页面未能扫描（无文字层）：第{'、'.join(map(str, empty))}页" if empty else ""
    return Extracted("\n".join(parts), "pdf", problem, empty)


def _docx(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    lines = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for row in block.iter():
                if row.tag.endswith("}tr"):
                    cells = ["".join(t.text or "" for t in c.iter() if t.tag.endswith("}t"))
                             for c in row.iterchildren() if c.tag.endswith("}tc")]
                    lines.append("\t".join(cells))
    for section in document.sections:
        for part in (section.header, section.footer):
            lines.extend(p.text for p in part.paragraphs if p.text)
    return "\n".join(lines)


def _xlsx(data: bytes) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    lines = []
    for ws in wb.worksheets:
        lines.append(f"[{ws.title}]")
        for row in ws.iter_rows(values_only=True):
            if any(v is not None for v in row):
                lines.append("\t".join("" if v is None else str(v) for v in row))
    return "\n".join(lines)


def _html(text: str) -> str:
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(text)
    except Exception:
        return text
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for cell in root.xpath("//td|//th"):
        cell.tail = "\t" + (cell.tail or "")
    for block in root.xpath("//p|//div|//tr|//li|//br|//h1|//h2|//h3|//h4|//table"):
        block.tail = "\n" + (block.tail or "")
    return root.text_content()
