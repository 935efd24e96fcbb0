"""What a file is, by its bytes (pure): one sniffer for "which MIME type is this upload" and "which reader reads it".

A name is only a hint, for text formats that have no signature (an HTML page without a doctype).
"""

import re

from . import guards

PDF, DOCX, XLSX, ZIP, CORRUPT_ZIP, OLE = "pdf", "docx", "xlsx", "zip", "corrupt_zip", "ole"
PNG, JPEG, GIF, BMP, TIFF, WEBP = "png", "jpeg", "gif", "bmp", "tiff", "webp"
MHTML, RTF, HTML, TEXT = "mhtml", "rtf", "html", "text"
IMAGES = {PNG, JPEG, GIF, BMP, TIFF, WEBP}

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIME_TYPES = {PDF: "application/pdf", DOCX: DOCX_TYPE, XLSX: XLSX_TYPE, PNG: "image/png", JPEG: "image/jpeg",
              GIF: "image/gif"}
# The types an attachment may have, with the names shown to people.
ALLOWED_TYPES = {MIME_TYPES[kind]: label for kind, label in
                 [(PDF, "PDF"), (DOCX, "DOCX"), (XLSX, "XLSX"), (PNG, "PNG"), (JPEG, "JPEG"), (GIF, "GIF")]}

_SIGNATURES = [(b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG), (b"GIF87a", GIF),
               (b"GIF89a", GIF), (b"BM", BMP), (b"II*\x00", TIFF), (b"MM\x00*", TIFF), (b"\xd0\xcf\x11\xe0", OLE)]
_HTML_NAMES = (".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php", ".mht", ".mhtml")
_HTML_HINT = re.compile(rb"<\s*(html|body|table|div|p)\b[^>]*>", re.I)


def sniff(data: bytes, name: str = "") -> str:
    """The format of the bytes: one of the constants above (TEXT when nothing else fits)."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return WEBP
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    head = data[:4096].lower()
    if b"mime-version:" in head and b"multipart/related" in head:
        return MHTML
    if data.lstrip()[:5] == b"{\\rtf":
        return RTF
    if _looks_like_html(data, name):
        return HTML
    return TEXT


def content_type(data: bytes) -> str | None:
    """The MIME type an upload really is, among ALLOWED_TYPES; None otherwise."""
    return MIME_TYPES.get(sniff(data))


def _zip_kind(data: bytes) -> str:
    names = guards.zip_names(data)
    if names is None:
        return CORRUPT_ZIP
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return ZIP


def _looks_like_html(data: bytes, name: str) -> bool:
    if name.lower().endswith(_HTML_NAMES):
        return True
    sample = data[:2048].lstrip().lower()
    if sample.startswith((b"<!doctype html", b"<html")) or b"<body" in sample:
        return True
    return len(_HTML_HINT.findall(data[:65536])) >= 2
