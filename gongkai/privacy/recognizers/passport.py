"""护照号 (E/G + 8 digits, EA–EZ + 7 digits, and similar), only where the text calls it a passport."""

from collections.abc import Iterator
from itertools import repeat

import regex

from ..findings import HIGH, Finding, mask, snippet

TYPE, LABEL = "passport", "护照号码"
PATTERN = regex.compile(r"(?<![0-9A-Za-z])(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7}|[DSP]E?\d{7})(?![0-9A-Za-z])")
CONTEXT = regex.compile(r"护照|passport", regex.I)


# A number is a passport's when CONTEXT ends at most 15 characters before it. PATTERN's matches cannot overlap (a
# letter or digit may not precede or follow one), so looking only just after each context word finds the same.
_LONGEST = 9


def find(text: str) -> Iterator[Finding]:
    if "护照" not in text and "assport" not in text and "ASSPORT" not in text:
        return
    contexts = [(c.start(), c.end()) for c in map(CONTEXT.match, repeat(text), _starts(text)) if c]
    yield from _after_context(text, contexts, PATTERN, _LONGEST, lambda number: mask(number, 2, 2), TYPE, LABEL)


# Where a CONTEXT match can start (only p and P fold to p), found by str.find (a fast C search) instead of
# CONTEXT.finditer's slower case-insensitive scan. CONTEXT's matches cannot overlap, so matching at each such place
# finds the same.
def _starts(text: str) -> list[int]:
    starts = []
    for first in "护pP":
        i = text.find(first)
        while i >= 0:
            starts.append(i)
            i = text.find(first, i + 1)
    starts.sort()
    return starts


def _after_context(text, contexts, pattern, longest, masked, type_, label):
    """PATTERN's matches m with a context span inside text[m.start() - 15:m.start()], in order: each context span
    (s, e) admits starts in [e, s + 15]; the window also holds the longest match and the character after it, so
    the look-ahead sees what follows."""
    seen = set()
    for s, e in contexts:
        for m in pattern.finditer(text, e, min(len(text), s + 15 + longest + 1)):
            start = m.start()
            if start > s + 15:
                break
            if start in seen:
                continue
            seen.add(start)
            number = m.group()
            yield Finding(type_, label, start, m.end(), number, masked(number), HIGH, context=snippet(text, start, m.end()))
