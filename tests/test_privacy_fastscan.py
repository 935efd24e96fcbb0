"""The scanner's first look at a text in C (privacy/_fastscan.c) must return exactly what the regexes return
(fastscan.Reader.read_py): trigger words, digit-run marks, USCC code spans, "@", and whether to fold first."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.privacy import fastscan, scanner
from gongkai.privacy.fastscan import LITERAL, PLATE, SPACED, Reader

READER = scanner.READER


def test_the_c_reader_is_built():
    # `pip install -e .` builds it (setup.py); without it the scanner is ~2× slower but finds the same
    assert fastscan._fastscan is not None, "privacy/_fastscan.c was not compiled (C compiler or Python headers missing)"


# fragments that abut in every way: trigger words (spaced, plate, USCC), digits with separators, X, +, letters,
# folding characters (full-width, ideographic space, Traditional), codes
_PIECES = [
    "统一社会信用代码：", "社会信用", "信用代码", "纳税人识别号", "注册号", "91330106MA9177642J", "91350100M000100Y43",
    "11990100009730608E", "申请人", "姓名", "姓 名", "姓\t\n名", "姓\u3000名", "户主", "户 主", "户籍", "户名", "租户",
    "浙A", "浙I", "京B", "新", "assport", "PASSPORT", "的护照", "身份", "男", "女", "的", "出生", "生于", "通行证",
    "13800138000", "+86 138 0013 8000", "0086-13800138000", "110101199003078515", "11010119900307851X",
    "6222021234567890128", "6222 0212 3456 7890 128", "0999-8383452", "77541790244", "1234567890123456789012345",
    "0", "1", "9", " ", "-", "\u00a0", "  ", "--", "X", "x", "+", "00", "a", "A", "Z", "@", "a@b.cn", "。", "：",
    "１", "Ａ", "這", "證", "\u3000", "号", "元",
]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.booleans())
def test_c_reader_equals_the_regexes(parts, check_folding):
    text = "".join(parts)
    assert READER.read(text, check_folding) == READER.read_py(text, check_folding)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 -\u00a0Xx+aA@浙姓名户主信用代码社会：", max_size=120), st.booleans())
def test_c_reader_equals_the_regexes_on_digit_soup(text, check_folding):
    assert READER.read(text, check_folding) == READER.read_py(text, check_folding)


def test_c_reader_equals_the_regexes_on_the_bench_corpus():
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from privacy_corpus import corpus
    for doc in corpus(300, seed=11):
        assert READER.read(doc.text) == READER.read_py(doc.text)


@pytest.mark.parametrize("text, gate_words, runs, codes, has_at", [
    ("统一社会信用代码：91330106MA9177642J", ["社会信用"], [], [(9, 27)], False),
    ("申请人：王五，手机13800138000", ["申请人"], [(9, 20, 9)], [], False),
    ("姓 名：张三 电话+8613800138000", ["姓名"], [(9, 23, 10)], [], False),
    ("车牌浙B12345，户 主李四", ["浙A", "户主"], [], [], False),
    ("邮箱 a@b.cn 编号 0999-8383452 金额 77541790244 元", [], [], [], True),
    ("卡号 6222 0212 3456 7890 128", [], [(3, 26, -1)], [], False),       # separators: NUMBER_RUN decides
    ("注册号91330106MA9177642J91330106MA9177642J", ["注册号"], [], [], False),   # glued: no code
])
def test_reader_marks(text, gate_words, runs, codes, has_at):
    for read in (READER.read, READER.read_py):
        gate, marks, spans, at = read(text)
        assert [READER.words[gate[i]] for i in range(0, len(gate), 2)] == gate_words
        assert [tuple(marks[i:i + 3]) for i in range(0, len(marks), 3)] == runs
        assert [tuple(spans[i:i + 2]) for i in range(0, len(spans), 2)] == codes
        assert at is has_at


@pytest.mark.parametrize("text", ["１３８００１３８０００", "申請人：陳大文", "姓\u3000名：张三", "ＡＢ"])
def test_text_that_needs_folding_is_said_so(text):
    assert READER.read(text) is None and READER.read_py(text) is None
    assert READER.read(text, False) == READER.read_py(text, False)


def test_two_readers_with_different_words_each_read_their_own():
    other = Reader([("护照", LITERAL, False), ("姓名", SPACED, False), ("浙A", PLATE, False), ("注册号", LITERAL, True)])
    text = "申请人的护照，姓 名，浙C，注册号91330106MA9177642J"
    for _ in range(2):      # the extension is reconfigured whenever the reader changes
        assert other.read(text) == other.read_py(text)
        assert [other.words[i] for i in other.read(text)[0][::2]] == ["护照", "姓名", "浙A", "注册号"]
        assert READER.read(text) == READER.read_py(text)


def test_bad_configuration_is_refused():
    for words in (["１号"], ["9号"], ["@号"], ["申請"], [""]):   # folding characters, a digit or @ first, empty
        with pytest.raises(ValueError):
            Reader([(w, LITERAL, False) for w in words])
    if fastscan._fastscan is not None:                        # the extension checks for itself too
        with pytest.raises(ValueError):
            fastscan._fastscan.configure(["9号"], [0], [False], "")
        fastscan._configured = None
    assert READER.read("申请人") == READER.read_py("申请人")  # the scanner's reader still works afterwards


def test_random_documents_scan_the_same_with_either_reader(monkeypatch):
    rng = random.Random(5)
    texts = ["".join(rng.choice(_PIECES) for _ in range(rng.randrange(1, 60))) for _ in range(400)]
    with_c = [scanner.scan_text(t) for t in texts]
    monkeypatch.setattr(READER, "_c", None)
    assert [scanner.scan_text(t) for t in texts] == with_c


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.booleans())
def test_c_reader_equals_the_regexes_on_any_text(text, check_folding):
    # any code point, so every string width (1, 2 and 4 bytes a character) and astral characters reach the C reader
    assert READER.read(text, check_folding) == READER.read_py(text, check_folding)
