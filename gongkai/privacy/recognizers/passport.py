"""护照号 (E/G + 8 digits, EA–EZ + 7 digits, and similar), only where the text calls it a passport."""

from collections.abc import Iterator

import regex

from ..findings import HIGH, Finding, mask, snippet

TYPE, LABEL = "passport", "护照号码"
PATTERN = regex.compile(r"(?<![0-9A-Za-z])(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7}|[DSP]E?\d{7})(?![0-9A-Za-z])")
CONTEXT = regex.compile(r"护照|passport", regex.I)


def find(text: str) -> Iterator[Finding]:
    if "护照" not in text and "assport" not in text:
        return
    for m in PATTERN.finditer(text):
        if CONTEXT.search(text, max(0, m.start() - 15), m.start()):
            yield Finding(TYPE, LABEL, m.start(), m.end(), m.group(), mask(m.group(), 2, 2), HIGH,
                          context=snippet(text, m.start(), m.end()))
