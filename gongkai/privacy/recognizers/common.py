"""Shared helpers for recognizers: separators inside numbers, context windows, public-contact contexts."""

import re
from collections.abc import Iterator

import regex

from ..findings import HIGH, Finding, mask, snippet

SEP = r"[ \u00a0\-]?"          # people type spaces or hyphens inside long numbers
DIGITS_ONLY = regex.compile(r"[^0-9Xx]")

# Words after which a phone number, address or e-mail belongs to an office and is public by law (art. 20(二)).
PUBLIC_CONTACT = regex.compile(
    r"(监督|举报|投诉|咨询|服务|办公|值班|受理|联系|热线|公开)(电话|热线|专线|邮箱|信箱|地址)|热线|传真|"
    r"(办公|机关|单位)地址|(政务|信息)?公开(工作机构|办公室)|12345|政务服务"
)
# Words that mark a person nearby: the same contact details are personal then.
PERSON_CONTEXT = regex.compile(r"户主|申请人|联系人|当事人|被处罚人|姓名|本人|家属|患者|学生|村民|居民|业主|承租人|(先生|女士)")


def digits(text: str) -> str:
    return DIGITS_ONLY.sub("", text)


def window(text: str, start: int, end: int, before: int = 20, after: int = 0) -> str:
    return text[max(0, start - before):start] + text[end:end + after]


def is_public_contact(text: str, start: int) -> bool:
    """True when the words just before `start` introduce an office's contact details, and no person is named."""
    before = text[max(0, start - 16):start]
    if not PUBLIC_CONTACT.search(before):
        return False
    return not PERSON_CONTEXT.search(before)


# One pass finds every long run of digits (with the spaces/hyphens people type inside, and an optional +86/0086
# prefix or X check character); the ID-card, bank-card and mobile recognizers then test only these candidates.
# stdlib `re` runs this simple pattern ~2.5× faster than `regex`
NUMBER_RUN = re.compile(r"(?<![0-9A-Za-z])(?:\+|00)?[0-9](?:[ \u00a0\-]?[0-9]){6,22}[Xx]?(?![0-9A-Za-z])")
_last: tuple[str, list] = ("", [])


_NOT_DIGIT = re.compile(r"[^0-9Xx]")


# no lookbehind and at least 11 characters (MIN_DIGITS): ~5× faster than NUMBER_RUN, and dates never qualify
CANDIDATE = re.compile(r"[0-9][0-9 \u00a0\-]{9,44}[0-9Xx]")
ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
MIN_DIGITS = 11        # the shortest number a recognizer wants (a mobile number); shorter runs are dates and amounts


WANTED = frozenset({11, 13, 15, 16, 17, 18, 19})   # digit counts some recognizer checks (mobile, ID, bank card)
_DOUBLE_SEP = re.compile(r"[ \u00a0\-]{2}")
_DIGIT_OR_X = frozenset("0123456789Xx")


def run_marks(text: str) -> list[int]:
    """What each CANDIDATE match is worth, flattened as [start, end, digits_start, ...]: a run whose recognizers'
    input is already clear (text[start:end] is the run, text[digits_start:end] its digits) or, with digits_start
    -1, a stretch where NUMBER_RUN decides (separators, a glued letter). Candidates no recognizer can want are
    left out."""
    marks = []
    size = len(text)
    for c in CANDIDATE.finditer(text):
        run = c.group()
        if run[0] != "1" and len(run) <= 12:
            # at most one separator, so 11 or 12 digits: only an 11-digit run starting with 1 is wanted (the tests
            # below would drop it too; amounts and landlines such as 0999-8635017 leave here, cheaply)
            continue
        if run.isdigit():  # the common case first: plain digits (the general path below, without separators or X)
            count = len(run)
            if count not in WANTED or (count == 11 and run[0] != "1"):
                continue
            s, e = c.span()
            if e >= size or text[e] not in ALNUM:
                start = s - 1 if s and text[s - 1] == "+" else s     # at most 19 digits here: NUMBER_RUN's 23 hold
                if start == 0 or text[start - 1] not in ALNUM:
                    marks += (start, e, s)
                continue
            if text[e] in _DIGIT_OR_X:
                marks += (s, e, -1)
            continue
        separators = run.count(" ") + run.count("-") + run.count("\u00a0")
        count = len(run) - separators
        if count < MIN_DIGITS:
            continue
        if (count not in WANTED or (count == 11 and run[0] != "1")) and (separators < 2 or not _DOUBLE_SEP.search(run)):
            continue       # one run whose length no recognizer wants (landlines 0999-8635017, 12-digit codes)
        s, e = c.span()
        core = run[:-1] if run[-1] in "Xx" else run
        if not separators and core.isdigit():
            if e >= size or text[e] not in ALNUM:
                if len(core) <= 23:
                    start = s - 1 if s and text[s - 1] == "+" else s
                    if start == 0 or text[start - 1] not in ALNUM:
                        marks += (start, e, s)
                continue
            if text[e] not in _DIGIT_OR_X:
                continue   # glued to a letter (索引号 11990100009730608E/…): NUMBER_RUN can end nowhere in it
        marks += (s, e, -1)
    return marks


def runs_from_marks(text: str, marks: list[int]) -> list:
    """number_runs' list from `run_marks` (or the C reader's marks)."""
    out = []
    for i in range(0, len(marks), 3):
        start, end, digits_start = marks[i], marks[i + 1], marks[i + 2]
        if digits_start >= 0:
            out.append((start, end, text[start:end], text[digits_start:end]))
            continue
        for m in NUMBER_RUN.finditer(text, max(0, start - 1), end + 1):
            num = _NOT_DIGIT.sub("", m.group())
            if len(num) >= MIN_DIGITS:
                out.append((m.start(), m.end(), m.group(), num))
    return out


def _runs(text: str) -> list:
    return runs_from_marks(text, run_marks(text))


def number_runs(text: str) -> list:
    """(start, end, run, digits) of every digit run in `text` (as NUMBER_RUN finds them) whose digit count some
    recognizer wants, computed once per text
    (the scanner passes the same string to every recognizer); `digits` drops separators and any +, so recognizers
    can filter by length cheaply."""
    global _last
    if _last[0] is not text:
        _last = (text, _runs(text))
    return _last[1]


def after_context(text: str, contexts, pattern, longest: int, type_: str, label: str) -> Iterator[Finding]:
    """Numbers called what they are (passport, permit): `pattern`'s matches with a context span inside the 15
    characters before them, in order, masked but for two characters at each end. Each context span (s, e) admits
    starts in [e, s + 15]; the window also holds the longest match and the character after it, so the look-ahead
    sees what follows. The patterns' matches cannot overlap (no letter or digit may precede or follow one), so
    looking only after context words finds what a whole-text search does (tested)."""
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
            yield Finding(type_, label, start, m.end(), number, mask(number, 2, 2), HIGH,
                          context=snippet(text, start, m.end()))
