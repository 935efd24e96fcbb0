"""Limits and checks that run before a file is parsed: size, zip bombs, encrypted and legacy Office files (pure).

The limits are module attributes read at call time, so a test can lower one with monkeypatch.
"""

import io
import zipfile

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
MAX_PDF_PAGES = 1000                  # pages the report auditor reads


class TooBig(Exception):
    """A table grew past MAX_CELLS while being read."""


def megabytes(size: int) -> int:
    return size // 1024 // 1024


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
        pages = list(reader.pages)          # reading the page tree is where many broken files fail
    except Exception as exc:  # noqa: BLE001
        message = str(exc)
        if "encrypt" in message.lower() or "password" in message.lower():
            return [], "已加密"
        return [], f"文件损坏（{message[:80]}）"
    return pages, ""
