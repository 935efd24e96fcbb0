"""护照号 (E/G + 8 digits, EA–EZ + 7 digits, and similar), only where the text calls it a passport."""

from collections.abc import Iterator
from itertools import repeat

import regex

from ..findings import Finding
from .common import after_context

TYPE, LABEL = "passport", "护照号码"
PATTERN = regex.compile(r"(?<![0-9A-Za-z])(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7}|[DSP]E?\d{7})(?![0-9A-Za-z])")
CONTEXT = regex.compile(r"护照|passport", regex.I)


_LONGEST = 9   # the longest PATTERN match (common.after_context looks only that far after a context word)


def find(text: str) -> Iterator[Finding]:
    if "护照" not in text and "assport" not in text and "ASSPORT" not in text:
        return
    contexts = [(c.start(), c.end()) for c in map(CONTEXT.match, repeat(text), _starts(text)) if c]
    yield from after_context(text, contexts, PATTERN, _LONGEST, TYPE, LABEL)


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
