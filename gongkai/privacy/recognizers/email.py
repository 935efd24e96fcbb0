"""电子邮箱, except government mailboxes (.gov.cn) and addresses given as an office's contact."""

from collections.abc import Iterator

import regex

from ..findings import MEDIUM, Finding, snippet
from .common import is_public_contact

TYPE, LABEL = "email", "电子邮箱"
PATTERN = regex.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PUBLIC_DOMAIN = regex.compile(r"\.gov\.cn$|\.gov$|12345", regex.I)


def find(text: str) -> Iterator[Finding]:
    if "@" not in text:          # one C-speed test spares the pattern's per-position lookbehind
        return
    for m in PATTERN.finditer(text):
        addr = m.group()
        if PUBLIC_DOMAIN.search(addr) or is_public_contact(text, m.start()):
            continue
        user, _, domain = addr.partition("@")
        yield Finding(TYPE, LABEL, m.start(), m.end(), addr, f"{user[:1]}***@{domain}", MEDIUM,
                      context=snippet(text, m.start(), m.end()))
