"""Plain text files: decoded (see encoding.py), split into lines (pure)."""

import re

from .encoding import decode, garbled
from .model import Document

UNKNOWN = "无法读取：无法识别的文件格式（支持 TXT、HTML、DOCX、XLSX、XLS、PDF）"
GARBLED = "无法读取：文字无法识别（编码错误或不是文本文件）"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def text_of(data: bytes) -> str | None:
    """The file's text, or None when it is not text (undecodable, or NUL bytes: a binary file)."""
    text = decode(data)
    if text is None or "\x00" in text[:4096]:
        return None
    return text


def read_text(data: bytes) -> Document:
    text = text_of(data)
    if text is None:
        return Document("unknown", problem=UNKNOWN)
    if garbled(text):
        return Document("unknown", problem=GARBLED)
    return Document("text", _LINE_BREAK.split(text))
