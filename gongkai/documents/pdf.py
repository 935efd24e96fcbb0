"""PDF text layer → lines (pure).

With `layout` (the report auditor) a line is rebuilt from the positions of the text on the page, so a table row
stays on one line with its cells separated by two spaces. Without it (the privacy scanner, search) each page's text
is pypdf's plain extraction: that is the text redaction checks against, and it is several times faster. Either way
at most guards.MAX_PDF_PAGES pages are read, and a page whose content stream expands past guards.MAX_PAGE_CONTENT
is left out and named in the problem.
"""

import math
import re

from . import guards
from .cells import CJK
from .model import Document

ENCRYPTED = "无法读取：PDF 已加密"
NO_PAGES = "无法读取：PDF 没有页面"
NO_TEXT_LAYER = "无法读取：PDF 没有文字层（扫描件），请提供文字版"
_WIDE = re.compile(rf"[{CJK}\u3000-\u303f]")


def read_pdf(data: bytes, layout: bool = True) -> Document:
    pages, reason = guards.open_pdf(data)
    if reason == "已加密":
        return Document("pdf", problem=ENCRYPTED)
    if reason:
        return Document("pdf", problem=f"无法读取：PDF {reason}")
    limit = guards.MAX_PDF_PAGES
    blocks: list = []
    empty: list[int] = []
    dense: list[int] = []
    for number, page in enumerate(pages[:limit], 1):
        if _content_size(page) > guards.MAX_PAGE_CONTENT:
            dense.append(number)
            continue
        lines = _page_lines(page, layout)
        if not any(text.strip() for text in lines):
            empty.append(number)
            continue
        blocks.extend(lines)
    problem = ""
    if not pages:
        problem = NO_PAGES
    elif empty and len(empty) == min(len(pages), limit):
        problem = NO_TEXT_LAYER
    elif empty:
        problem = f"部分页面没有文字层（第{'、'.join(map(str, empty))}页），这些页上的数字未读取"
    if dense:
        problem = guards.too_complex(f"第{'、'.join(map(str, dense[:20]))}页的内容超过 "
                                     f"{guards.megabytes(guards.MAX_PAGE_CONTENT)} MB，未读取")
    if len(pages) > limit and not problem:
        problem = f"只读取了前 {limit} 页"
    return Document("pdf", blocks, problem, empty)


def _content_size(page) -> int:
    """The page's content stream decompressed, in bytes (pypdf caps what one stream may expand to)."""
    try:
        contents = page.get_contents()
        return len(contents.get_data()) if contents is not None else 0
    except Exception:  # noqa: BLE001 - a broken stream is the page reader's to report
        return 0


def _page_lines(page, layout: bool) -> list[str]:
    try:
        if layout:
            return _layout_lines(page)
        return [page.extract_text() or ""]
    except Exception:  # noqa: BLE001 - one broken page must not lose the others
        return []


def _layout_lines(page) -> list[str]:
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
        return plain.split("\n")
    sizes = sorted(p[2] for p in pieces)
    if sizes[len(sizes) // 2] <= 0.5:
        return plain.split("\n")
    return [_joined(line) for line in _join_wrapped(_baselines(pieces))]


def _baselines(pieces: list) -> list[list]:
    """Pieces grouped by baseline, top to bottom, each line left to right."""
    pieces.sort(key=lambda p: (-p[0], p[1]))
    lines: list[list[tuple[float, float, float, str, float]]] = []
    for piece in pieces:
        if lines and abs(lines[-1][0][0] - piece[0]) <= 0.45 * min(piece[2], lines[-1][0][2]):
            lines[-1].append(piece)
        else:
            lines.append([piece])
    for line in lines:
        line.sort(key=lambda p: p[1])
    return lines


def _joined(line: list) -> str:
    text, end = "", None
    for _, x, size, part, _ in line:
        if end is not None:
            gap = x - end
            text += "  " if gap > 0.6 * size else ("" if gap < 0.15 * size else " ")
        text += part.strip() if end is not None else part.rstrip()
        end = x + _text_width(part.strip(), size)
    return text.strip()


def _join_wrapped(lines: list) -> list:
    """A table cell's label wrapped inside its cell ("（二）部分公开（区分处理的，只计这一" / "情形，不计其他情形）  1  1"):
    a line that is one piece of text without a digit is joined to the next line's first piece when that starts at
    the same x, in the same size, one tight line below (≤ 1.45 × the size; paragraphs are spaced wider)."""
    out: list = []
    for line in lines:
        if out and _wrapped(out[-1], line):
            prev, first = out[-1][-1], line[0]
            text0, size0 = prev[3], prev[2]
            joined = text0.strip() + first[3].strip()       # x chosen so that the joined piece ends where `first` does
            out[-1] = [(first[0], first[1] - _text_width(text0.strip(), size0), size0, joined, first[1]), *line[1:]]
            continue
        out.append(line)
    return out


def _wrapped(prev: list, line: list) -> bool:
    (y0, _, size0, text0, x0), (y1, x1, size1, text1, _) = prev[-1], line[0]
    return len(prev) == 1 and not re.search(r"\d\s*$", text0) and not text0.rstrip().endswith(("。", "：", ":")) \
        and abs(x0 - x1) < 1 and abs(size0 - size1) < 0.1 and 0 < y0 - y1 <= 1.45 * size0 \
        and not re.fullmatch(r"\s*[\d.,%]+\s*", text1)


def _text_width(text: str, size: float) -> float:
    wide = len(_WIDE.findall(text))
    return (wide + 0.55 * (len(text) - wide)) * size
