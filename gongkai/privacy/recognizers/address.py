"""住址 next to a person: 住址/家庭住址/现住/户籍地… followed by place levels down to 门牌号, 组 or 室.
An office's address (办公地址, 联系地址 of a department) is public and not flagged."""

import re
from collections.abc import Iterator

import regex

from ..findings import HIGH, Finding, snippet
from .common import is_public_contact

TYPE, LABEL = "address", "住址"
PLACE = r"[\p{Han}0-9A-Za-z\-－#]{0,40}?(?:号楼?|室|组|社|栋|单元|村|屯|弄|巷)(?:[\p{Han}0-9A-Za-z\-－#]{0,12}?(?:号|室|单元|组))*"
PATTERN = regex.compile(rf"(?:家庭住址|住\s*址|现住址?|现居住?地?|户籍(?:所在)?地|居住地|住所地?|家住)\s*[:：为在]?\s*({PLACE})")


TRIGGERS = re.compile("住址|现住|现居|户籍|居住地|住所|家住")   # one C-speed pass before the pattern


def find(text: str) -> Iterator[Finding]:
    if not TRIGGERS.search(text):
        return
    for m in PATTERN.finditer(text):
        s, e = m.span(1)
        if e - s < 4 or is_public_contact(text, m.start()):
            continue
        value = m.group(1)
        yield Finding(TYPE, LABEL, s, e, value, value[:6] + "****", HIGH, context=snippet(text, s, e))
