"""The scanner's first look at a text (fastscan.Reader.read): trigger words, digit-run marks, USCC code spans, "@",
and whether to fold first."""

import pytest

from gongkai.privacy import scanner
from gongkai.privacy.fastscan import LITERAL, PLATE, SPACED, Reader

READER = scanner.READER


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
    gate, marks, spans, at = READER.read(text)
    assert [READER.words[gate[i]] for i in range(0, len(gate), 2)] == gate_words
    assert [tuple(marks[i:i + 3]) for i in range(0, len(marks), 3)] == runs
    assert [tuple(spans[i:i + 2]) for i in range(0, len(spans), 2)] == codes
    assert at is has_at


@pytest.mark.parametrize("text", ["１３８００１３８０００", "申請人：陳大文", "姓\u3000名：张三", "ＡＢ"])
def test_text_that_needs_folding_is_said_so(text):
    assert READER.read(text) is None
    assert READER.read(text, False) is not None


def test_two_readers_with_different_words_each_read_their_own():
    other = Reader([("护照", LITERAL, False), ("姓名", SPACED, False), ("浙A", PLATE, False), ("注册号", LITERAL, True)])
    text = "申请人的护照，姓 名，浙C，注册号91330106MA9177642J"
    assert [other.words[i] for i in other.read(text)[0][::2]] == ["护照", "姓名", "浙A", "注册号"]
    assert [READER.words[i] for i in READER.read(text)[0][::2]] == ["申请人", "的护照", "姓名", "浙A", "注册号"]


def test_bad_configuration_is_refused():
    for words in (["１号"], ["9号"], ["@号"], ["申請"], [""]):   # folding characters, a digit or @ first, empty
        with pytest.raises(ValueError):
            Reader([(w, LITERAL, False) for w in words])
