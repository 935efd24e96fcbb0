"""Attachment types sniffed from content, not from the name (pure)."""

import zipfile
from io import BytesIO

ALLOWED = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "image/gif": "GIF",
}


def sniff(data: bytes) -> str | None:
    """The MIME type the bytes really are, among the allowed ones; None otherwise."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return ALLOWED_DOCX
        if "xl/workbook.xml" in names:
            return ALLOWED_XLSX
    return None


ALLOWED_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ALLOWED_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
