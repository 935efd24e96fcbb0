"""Run every recognizer over a text (pure). Offsets refer to the original text: normalisation (width folding and
character-level 繁→简) is length-preserving.

Speed: most recognizers only ever match next to a trigger word (住址, 护照, 出生, 申请人 …). Instead of each
recognizer scanning the whole text for its own triggers, one look at the text (`fastscan.Reader`, three regex
passes) finds which trigger words occur, the digit runs worth a look and the USCC codes after their trigger words; only the recognizers whose words occur run. A recognizer that
runs still does exactly what its `find` does on its own, so the findings are the ones `scan_text_each` (every
recognizer, no gate) returns; a test checks that on generated texts. The ID-card, mobile and bank-card recognizers
share the digit runs, and what a run alone says to each (`shape`) is cached: documents repeat their numbers.
"""

from operator import itemgetter

from gongkai.core.textnorm import fold_chars, fold_chars_if_needed

from .fastscan import LITERAL, PLATE, SPACED, Reader
from .findings import Finding
from .recognizers import (
    ALL,
    address,
    bank_card,
    birth_date,
    email,
    id_card,
    mobile,
    name,
    passport,
    permit,
    plate,
    uscc,
)
from .recognizers.common import runs_from_marks

PRIORITY = {module.TYPE: i for i, module in enumerate(ALL)}
ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}

_PROVINCES = plate.PATTERN.pattern[1:plate.PATTERN.pattern.index("]")]   # the plate pattern's first character class

# Trigger words, each with the recognizers it lets run. A recognizer's own prefilter (see its `find`) is true only
# when one of its words below occurs, so skipping it when none does changes nothing. Words are literals except
# the two name labels that allow spaces inside (姓 名, 户 主) and the plate prefixes (province + letter).
TRIGGERS: list[tuple[str, frozenset]] = []
for _words, _module in [
    (["信用代码", "社会信用", "纳税人识别号", "注册号"], uscc),              # uscc.TRIGGER, same order
    (["住址", "现住", "现居", "户籍", "居住地", "住所", "家住"], address),  # address.TRIGGERS
    (["出生", "生于", "生人"], birth_date),
    (["护照", "assport", "ASSPORT"], passport),                # passport, Passport, PASSPORT
    (["通行证", "回乡证", "台胞证"], permit),
    # name: LABELS (name.TRIGGERS), ID_TRIGGERS (身份|男|女|的…; 的身份证 is covered by 身份) and NAME_HEADER
    (["申请人", "联系人", "当事人", "被处罚人", "被申请人", "举报人", "投诉人", "经办人", "监护人", "患者", "租户", "承租人",
      "借款人", "收款人", "户名", "身份", "男", "女", "的护照", "的手机", "的电话", "的邮箱", "的住址", "的银行卡", "的户籍"], name),
]:
    TRIGGERS += [(w, frozenset({_module.TYPE})) for w in _words]
_SPACED = {"姓名": r"姓\s*名", "户主": r"户\s*主"}                          # name labels with optional spaces
TRIGGERS += [(w, frozenset({name.TYPE})) for w in _SPACED]
TRIGGERS += [(p + "A", frozenset({plate.TYPE})) for p in _PROVINCES]     # stands for p + [A-HJ-NP-Z]


def _overlap(z: str, x: str) -> bool:
    """True when an occurrence of z can start at or before an occurrence of x and cover x's first character
    (x inside z, z a prefix of x, or a suffix of z a prefix of x): matching z there hides that x."""
    return any(x.startswith(z[k:]) or z[k:].startswith(x) for k in range(len(z)))


def _gates() -> dict[str, frozenset]:
    """Word → recognizers it lets run. One regex pass finds non-overlapping words, so a word that can hide another
    recognizer's word (租户 hides 户籍 in 租户籍, 的护照 hides 护照) lets that recognizer run too."""
    gates = {}
    for z, mods in TRIGGERS:
        extra = set(mods)
        for x, other in TRIGGERS:
            if other != mods and _overlap(z, x):
                extra |= other
        gates[z] = frozenset(extra)
    return gates


GATES = _gates()
_USCC_WORDS = frozenset(w for w, mods in TRIGGERS if mods == {uscc.TYPE})
READER = Reader([(w, SPACED if w in _SPACED else PLATE if w[0] in _PROVINCES and w[1:] == "A" else LITERAL,
                  w in _USCC_WORDS) for w, _ in TRIGGERS])
_GATE_BY_INDEX = [GATES[w] for w, _ in TRIGGERS]
_RUNS: dict[tuple, tuple] = {}                # (trigger indices that occurred, "@" occurred) → recognizers to run


def _to_run(indices: frozenset, has_at: bool) -> tuple:
    """The recognizers, in ALL order, that the trigger words `indices` (and an "@") let run; cached per set."""
    if len(_RUNS) >= 4096:
        _RUNS.clear()
    wanted = {email.TYPE} if has_at else set()
    for i in indices:
        wanted |= _GATE_BY_INDEX[i]
    _RUNS[indices, has_at] = modules = tuple(m for m in ALL if m.TYPE in wanted)
    return modules
_NUMBERS = (id_card, mobile, bank_card)       # checked per digit run, in this order
_LENGTHS: dict[int, tuple] = {}                # digit count → the number recognizers that can accept it
for _module in _NUMBERS:
    for _n in _module.LENGTHS:
        _LENGTHS[_n] = _LENGTHS.get(_n, ()) + (_module,)
_SHAPES: dict[str, tuple] = {}                 # run → ((decide, shape), …) of the recognizers its shape admits
_SHAPES_MAX = 1 << 16                          # bounded: a sweep sees millions of distinct numbers


def _shapes(run: str, num: str) -> tuple:
    """The number recognizers whose context-free test (`shape`) the run passes, with what it said. Each module's
    `check` is `shape` then `decide`, so deciding only these gives its findings; documents repeat their numbers."""
    if len(_SHAPES) >= _SHAPES_MAX:
        _SHAPES.clear()
    found = []
    for module in _LENGTHS.get(len(num), ()):
        said = module.shape(run, num)
        if said is not None:
            found.append((module.decide, said))
    _SHAPES[run] = found = tuple(found)
    return found


def _decide_run(text: str, start: int, end: int, run: str, num: str, found: list) -> None:
    """The findings of the number recognizers whose shape the run passes (cached per run string)."""
    shapes = _SHAPES.get(run)
    if shapes is None:
        shapes = _shapes(run, num)
    for decide, said in shapes:
        finding = decide(text, start, end, run, said)
        if finding is not None:
            found.append(finding)


_START = itemgetter(2)                         # Finding.start


def _resolve(found: list[Finding]) -> list[Finding]:
    # overlapping spans: keep the stronger recognizer (ID card beats bank card beats mobile …); the first kept
    # finding that overlaps is the one compared. `found` comes grouped by recognizer in ALL (= PRIORITY) order, so
    # a stable sort by start orders equal starts by priority.
    if len(found) < 2:
        return found
    found.sort(key=_START)
    kept: list[Finding] = []
    reach = -1                                 # the largest end among kept findings
    for f in found:
        if f.start >= reach:                   # overlaps nothing kept (the common case)
            kept.append(f)
            reach = f.end if f.end > reach else reach
            continue
        for i, k in enumerate(kept):
            if f.start < k.end and k.start < f.end:
                if PRIORITY[f.type] < PRIORITY[k.type]:
                    kept[i] = f
                    reach = max(reach, f.end)
                break
        else:
            kept.append(f)
            reach = max(reach, f.end)
    return kept


def _restore(text: str, folded: str, kept: list[Finding], source: str) -> list[Finding]:
    if folded is text and not source:
        return kept                          # nothing to restore: the recognizers saw the original text
    return [Finding(f.type, f.label, f.start, f.end, text[f.start:f.end], f.masked, f.confidence, f.ground, f.context,
                    source) for f in kept]


def scan_text(text: str, source: str = "") -> list[Finding]:
    if not text:
        return []
    folded = text
    read = READER.read(text)
    if read is None:
        folded = fold_chars(text)
        read = READER.read(folded, False)
    gate, marks, codes, has_at = read
    found: list[Finding] = []
    # ID card, mobile and bank card: one loop over the shared digit runs; each run's context-free verdict is cached
    # (same findings as their `find`s; order does not matter, _resolve sorts)
    for i in range(0, len(marks), 3):
        start, end, digits_start = marks[i], marks[i + 1], marks[i + 2]
        if digits_start >= 0:
            _decide_run(folded, start, end, folded[start:end], folded[digits_start:end], found)
        else:                                  # separators or a glued letter: NUMBER_RUN decides (rare)
            for start, end, run, num in runs_from_marks(folded, marks[i:i + 3]):
                _decide_run(folded, start, end, run, num, found)
    if gate or has_at:
        indices = frozenset(gate[0::2])
        for module in _RUNS.get((indices, has_at)) or _to_run(indices, has_at):
            if module is uscc:
                found.extend(uscc.findings_at(folded, codes))
            else:
                found.extend(module.find(folded))
    return _restore(text, folded, _resolve(found), source)


def scan_text_each(text: str, source: str = "") -> list[Finding]:
    """The same scan without the trigger gate: every recognizer over the whole text (the reference for tests)."""
    if not text:
        return []
    folded = fold_chars_if_needed(text)
    found: list[Finding] = []
    for module in ALL:
        found.extend(module.find(folded))
    return _restore(text, folded, _resolve(found), source)


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.confidence == "high"]
