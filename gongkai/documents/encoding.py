"""Bytes → text for text files, web pages and CSV (pure).

The order is what Chinese government files need: a byte-order mark; UTF-16 without one (Excel's "Unicode text");
strict UTF-8; strict GB18030 (a superset of GBK and GB2312, what Chinese Windows saves); and only then
charset-normalizer's guess, limited to CJK and Unicode encodings, for the rest (Big5, Shift-JIS, ...). GB18030 goes
before the detector because on short Chinese text the detector is often wrong (a two-character GBK header comes back
as Big5, a GBK name line as Korean cp949), while a strict GB18030 decode that succeeds is almost always right.
"""

import re

_BOMS = [(b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\xff\xfe", "utf-16"),
         (b"\xfe\xff", "utf-16")]
_DETECTED = {"big5", "big5hkscs", "cp950", "gb2312", "gbk", "gb18030", "hz", "shift_jis", "shift_jis_2004",
             "cp932", "euc_jp", "euc_jis_2004", "euc_kr", "cp949", "utf_16", "utf_16_le", "utf_16_be", "utf_32",
             "utf_32_le", "utf_32_be"}
_PLAUSIBLE = re.compile(r"[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_GARBAGE = re.compile("[\ufffd\x00-\x08\x0b\x0e-\x1f]")    # replacement and control characters but \t \n \r \f
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "gb_2312-80": "gb18030",
           "unicode": "utf-16", "utf8": "utf-8"}


def decode(data: bytes) -> str | None:
    """The text of the bytes, or None when no encoding reads them."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    text = _utf16_without_bom(data)
    if text is not None:
        return text
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return _detected(data)


def decode_html(data: bytes) -> str | None:
    """A web page: byte-order mark first, then the page's <meta charset> (unless it lies), then decode()."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data)
    match = _META_CHARSET.search(data[:8192])
    if match:
        encoding = charset(match.group(1).decode("ascii"))
        try:
            return data.decode(encoding)
        except LookupError:
            pass
        except UnicodeDecodeError:
            text = decode(data)   # the declaration lies (a GBK page saying utf-8, or the reverse)
            return text if text is not None else data.decode(encoding, errors="replace")
    return decode(data)


def charset(declared: str) -> str:
    """A declared charset as the codec that reads it (GBK and GB2312 pages use GB18030 characters in practice)."""
    declared = declared.lower()
    return ALIASES.get(declared, declared)


def garbled(text: str) -> bool:
    """More than 5% replacement characters or control characters: not a text file, or the wrong encoding."""
    sample = text[:20000]
    if not sample:
        return False
    return len(_GARBAGE.findall(sample)) > len(sample) * 0.05


def _utf16_without_bom(data: bytes) -> str | None:
    """A text file has no NUL bytes, UTF-16 has them in the high bytes of ASCII: the byte order that reads as
    plausible text wins."""
    if b"\x00" not in data[:4096]:
        return None
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
    return best


def _detected(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding not in _DETECTED:
        return None
    return str(best)
