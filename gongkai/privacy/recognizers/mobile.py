"""手机号: 11 digits starting 13–19, with +86 / 0086, spaces or hyphens inside; not amounts, not office lines."""

from collections.abc import Iterator

import regex

from ..findings import HIGH, Finding, mask, snippet
from .common import SEP, is_public_contact, number_runs

TYPE, LABEL = "mobile", "手机号码"
PATTERN = regex.compile(
    rf"(?<![0-9A-Za-z.])(?:(?:\+|00){SEP}86{SEP}|86-)?1[3-9]\d(?:{SEP}\d){{8}}(?![0-9A-Za-z]|\.\d|[\d,]*\s*(?:元|万|亿|千|美元|台|件|人|吨|平方))"
)


FULL = regex.compile(rf"(?:(?:\+|00){SEP}86{SEP})?1[3-9]\d(?:{SEP}\d){{8}}")
AMOUNT_AFTER = regex.compile(r"[\d,]*\s*(?:元|万|亿|千|美元|台|件|人|吨|平方)|\.\d")


def shape(run: str, num: str) -> bool | None:
    """True when the run alone looks like a mobile number (no context); cached per run string by the scanner."""
    return True if len(num) in LENGTHS and FULL.fullmatch(run) else None


def decide(text: str, start: int, end: int, run: str, _shape: bool) -> Finding | None:
    """The finding for a mobile-shaped run, unless an amount follows or an office's contact words precede it."""
    if AMOUNT_AFTER.match(text, end) or is_public_contact(text, start):
        return None
    return Finding(TYPE, LABEL, start, end, run, mask(run, 3, 4), HIGH, context=snippet(text, start, end))


def check(text: str, start: int, end: int, run: str, num: str) -> Finding | None:
    """The finding for one digit run of `number_runs(text)`, or None."""
    return None if shape(run, num) is None else decide(text, start, end, run, True)


LENGTHS = (11, 13, 15)   # digit counts `check` can accept


def find(text: str) -> Iterator[Finding]:
    for start, end, run, num in number_runs(text):
        finding = check(text, start, end, run, num)
        if finding is not None:
            yield finding
