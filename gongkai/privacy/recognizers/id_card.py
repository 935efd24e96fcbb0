"""居民身份证号: 18 digits with the GB 11643 check character and a real birth date; 15-digit legacy numbers."""

import re
from collections.abc import Iterator
from functools import lru_cache
from operator import mul

import regex

from ..findings import HIGH, LOW, MEDIUM, Finding, mask, snippet
from .common import SEP, digits, number_runs

TYPE, LABEL = "id_card", "居民身份证号"
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
PATTERN = regex.compile(rf"(?<![0-9A-Za-z])[1-8]\d(?:{SEP}\d){{15}}{SEP}[0-9Xx](?![0-9A-Za-z])|(?<![0-9A-Za-z])[1-8]\d{{14}}(?![0-9A-Za-z])")
CONTEXT = re.compile(r"身份证|公民身份号码|身份号码|证件号")   # plain words: stdlib re is faster


_ZERO = 48 * sum(_WEIGHTS)   # what the ASCII codes of seventeen "0"s add to the weighted sum


def check_char(body17: str) -> str:
    """GB 11643 check character of 17 digits (the weighted sum runs over the ASCII bytes, in C)."""
    return _CHECK[(sum(map(mul, body17.encode(), _WEIGHTS)) - _ZERO) % 11]


_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def birth_ok(y: int, m: int, d: int) -> bool:
    """A real date from 1900-01-01 to 2030-12-31 (arithmetic, not datetime.date: most digit runs that reach here
    are not dates, and an exception per run costs more than the whole test)."""
    if not (1900 <= y <= 2030 and 1 <= m <= 12 and 1 <= d <= _DAYS[m]):
        return False
    return m != 2 or d < 29 or (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0))


@lru_cache(maxsize=16384)
def classify(raw: str) -> str | None:
    """'valid18', 'bad_checksum18', 'valid15' or None. Cached: documents repeat their numbers."""
    if raw.isascii() and raw.isdigit():
        num = raw
    elif raw[-1:] in ("X", "x") and raw[:-1].isascii() and raw[:-1].isdigit():
        num = raw[:-1] + "X"
    else:
        num = digits(raw).upper()
    if len(num) == 18 and num[:17].isdigit():
        born, day = divmod(int(num[6:14]), 100)
        if not birth_ok(*divmod(born, 100), day):
            return None
        return "valid18" if check_char(num[:17]) == num[17] else "bad_checksum18"
    if len(num) == 15 and num.isdigit() and birth_ok(1900 + int(num[6:8]), int(num[8:10]), int(num[10:12])):
        return "valid15"
    return None


FULL = regex.compile(rf"[1-8]\d(?:{SEP}\d){{15}}{SEP}[0-9Xx]|[1-8]\d{{14}}")


def _near(text: str, a: int, b: int) -> bool:
    """CONTEXT.search(text, a, b) with str.find (公民身份号码 contains 身份号码); every word has 身 or 证, so most
    windows are settled by the first two finds."""
    if text.find("身", a, b) < 0:
        return text.find("证件号", a, b) >= 0
    return text.find("身份证", a, b) >= 0 or text.find("身份号码", a, b) >= 0 or text.find("证件号", a, b) >= 0


def shape(run: str, num: str) -> str | None:
    """What the run alone says (no context): classify's kind, or None when no context can make it an ID number.
    The scanner caches this per run string (documents repeat their numbers)."""
    n = len(num)
    if n != 18 and n != 15:
        return None
    # FULL without the regex: starts 1–8; 18 digits (separators allowed, X last) or 15 plain digits
    if run[0] not in "12345678" or not run[1].isdigit() or (n == 15 and not run.isdigit()):
        return None
    return classify(run)


def decide(text: str, start: int, end: int, run: str, kind: str) -> Finding | None:
    """The finding for a run whose shape is `kind`, given the words before it."""
    if kind == "valid18":
        confidence = HIGH
    else:
        near = _near(text, max(0, start - 12), start)
        if kind == "valid15":
            confidence = HIGH if near else MEDIUM
        elif near:
            confidence = LOW  # looks like an ID and is called one, but the check character is wrong
        else:
            return None
    return Finding(TYPE, LABEL, start, end, run, mask(run), confidence, context=snippet(text, start, end))


def check(text: str, start: int, end: int, run: str, num: str) -> Finding | None:
    """The finding for one digit run of `number_runs(text)`, or None."""
    kind = shape(run, num)
    return None if kind is None else decide(text, start, end, run, kind)


LENGTHS = (15, 18)   # digit counts `check` can accept


def find(text: str) -> Iterator[Finding]:
    for start, end, run, num in number_runs(text):
        finding = check(text, start, end, run, num)
        if finding is not None:
            yield finding
