"""港澳居民来往内地通行证 / 往来港澳通行证 (H/M/C + 8 digits …) and 台湾居民来往大陆通行证 (8 digits or T + 8),
only where the text names the permit."""

import re
from collections.abc import Iterator

import regex

from ..findings import Finding
from .common import after_context

TYPE, LABEL = "permit", "港澳台通行证号码"
PATTERN = regex.compile(r"(?<![0-9A-Za-z])(?:[HMC][A-Z]?\d{8}|[HMC]\d{10}|T\d{8}|\d{8})(?![0-9A-Za-z])")
CONTEXT = regex.compile(r"通行证|回乡证|台胞证")


_CONTEXT_WORDS = re.compile(CONTEXT.pattern)   # the same words; stdlib re scans literals faster
_LONGEST = 11   # [HMC]\d{10}


def find(text: str) -> Iterator[Finding]:
    if "通行证" not in text and "回乡证" not in text and "台胞证" not in text:
        return
    contexts = [c.span() for c in _CONTEXT_WORDS.finditer(text)]
    yield from after_context(text, contexts, PATTERN, _LONGEST, TYPE, LABEL)
