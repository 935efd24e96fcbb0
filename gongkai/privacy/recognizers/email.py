"""电子邮箱, except government mailboxes (.gov.cn) and addresses given as an office's contact."""

from collections.abc import Iterator

import regex

from ..findings import MEDIUM, Finding, snippet
from .common import is_public_contact

TYPE, LABEL = "email", "电子邮箱"
PATTERN = regex.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PUBLIC_DOMAIN = regex.compile(r"\.gov\.cn$|\.gov$|12345", regex.I)


_DOMAIN_CHARS = regex.compile(r"[A-Za-z0-9.\-]*")


def find(text: str) -> Iterator[Finding]:
    first = text.find("@")       # one C-speed test spares the pattern's per-position lookbehind
    if first < 0:
        return
    # every match holds an "@", starts at most 64 characters before it and ends inside the run of domain
    # characters after it: the pattern need only run from 65 before the first "@" to the end of the last one's run
    end = _DOMAIN_CHARS.match(text, text.rfind("@") + 1).end()
    for m in PATTERN.finditer(text, max(0, first - 65), end):
        addr = m.group()
        if PUBLIC_DOMAIN.search(addr) or is_public_contact(text, m.start()):
            continue
        user, _, domain = addr.partition("@")
        yield Finding(TYPE, LABEL, m.start(), m.end(), addr, f"{user[:1]}***@{domain}", MEDIUM,
                      context=snippet(text, m.start(), m.end()))
