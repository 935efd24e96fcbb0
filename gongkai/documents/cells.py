"""Cell and line text, spreadsheet values as shown, and span grids: shared by every table reader (pure)."""

import datetime
import decimal
import math
import re

from . import guards

CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_JOIN = re.compile(rf"(?<=[{CJK}])[ \t]*\n\s*(?=[{CJK}])")


def drop_zero_width(text: str) -> str:
    return _ZERO_WIDTH.sub("", text)


def norm(text: str) -> str:
    """Cell text: zero-width characters dropped, non-breaking and full-width spaces as spaces, a line break between
    two CJK characters removed, every other run of whitespace one space."""
    text = _ZERO_WIDTH.sub("", text or "").replace("\u00a0", " ").replace("\u3000", " ")
    text = _JOIN.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return " ".join(text.split())


def line(text: str) -> str:
    """A paragraph line: like a cell, but tabs and runs of spaces kept (space- and tab-separated tables)."""
    text = _ZERO_WIDTH.sub("", text).replace("\u00a0", " ").replace("\u3000", " ")
    return text.strip()


def grid(rows: list[list[tuple[str, int, int]]], budget: list[int]) -> list[list[str]]:
    """Rows of (text, rowspan, colspan) → a rectangular grid, spans expanded (a rowspan ends with the table).
    budget[0] is the number of cells still allowed; TooBig when it runs out."""
    height = len(rows)
    out: list[list[str | None]] = [[] for _ in range(height)]
    for r, cells in enumerate(rows):
        row = out[r]
        c = 0
        for text, rowspan, colspan in cells:
            while c < len(row) and row[c] is not None:
                c += 1
            rowspan = max(1, min(rowspan, height - r))
            colspan = max(1, min(colspan, guards.MAX_SPAN))
            spend(budget, rowspan * colspan)
            for dr in range(rowspan):
                target = out[r + dr]
                if len(target) < c + colspan:
                    target.extend([None] * (c + colspan - len(target)))
                for dc in range(colspan):
                    target[c + dc] = text
            c += colspan
    width = max((len(row) for row in out), default=0)
    return [[cell or "" for cell in row] + [""] * (width - len(row)) for row in out]


def spend(budget: list[int], cells: int) -> None:
    budget[0] -= cells
    if budget[0] < 0:
        raise guards.TooBig


def number(value: float) -> str:
    if not math.isfinite(value):
        return ""
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    text = f"{value:.15g}"           # what the spreadsheet shows: Excel keeps 15 significant digits
    if "e" in text:
        text = format(decimal.Decimal(text), "f")
    return text


def cell_text(value) -> str:
    """A spreadsheet value as the sheet shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.strftime("%Y-%m-%d")
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M:%S")
    return norm(str(value))
