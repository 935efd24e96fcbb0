"""Recognizers: a table of positive and negative cases per module (pure)."""

import pytest

from gongkai.privacy.recognizers import (
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
from gongkai.privacy.scanner import scan_text


def found(module, text):
    return [(f.text, f.confidence) for f in module.find(text)]


CASES = [
    # module, text, expected matched texts (empty = nothing)
    (id_card, "身份证号：110101199003078515", ["110101199003078515"]),
    (id_card, "编号 11010119900307851X 以外", []),                            # wrong check character, not called an ID
    (id_card, "身份证 110101199003078516", ["110101199003078516"]),          # bad checksum but labelled → low
    (id_card, "110101 19900307 8515", ["110101 19900307 8515"]),             # spaces inside
    (id_card, "编号110101199013078515", []),                                 # month 13: not a birth date
    (id_card, "旧身份证号 110101900307851", ["110101900307851"]),            # 15-digit legacy
    (id_card, "索引号 11990100000000019F/2026-00001", []),
    (mobile, "联系电话：13800138000", []),                                    # an office line label, no person
    (mobile, "联系人：张三，手机 138-0013-8000", ["138-0013-8000"]),
    (mobile, "+86 138 0013 8000", ["+86 138 0013 8000"]),
    (mobile, "0086-13800138000", ["0086-13800138000"]),
    (mobile, "补助资金13500000000元", []),                                    # an amount
    (mobile, "举报电话：13900001111", []),
    (mobile, "订单号 213800138000123", []),
    (bank_card, "开户银行卡号 6222 0212 3456 7890 128", ["6222 0212 3456 7890 128"]),
    (bank_card, "6222021234567890128", ["6222021234567890128"]),              # 62 prefix without a bank word
    (bank_card, "编号 4111111111111111", []),                                 # Luhn-valid but no 62 and no bank word
    (bank_card, "账号 6222021234567890129", []),                              # Luhn fails
    (email, "请发送至 zhangsan@example.com", ["zhangsan@example.com"]),
    (email, "政务邮箱 gkb@demo.gov.cn", []),
    (email, "监督邮箱：jiandu@163.com", []),
    (passport, "护照号码 E12345678", ["E12345678"]),
    (passport, "型号 E12345678", []),
    (passport, "PASSPORT No. E12345678", ["E12345678"]),
    (permit, "港澳通行证 C12345678", ["C12345678"]),
    (permit, "台胞证号 12345678", ["12345678"]),
    (permit, "数量 12345678", []),
    (plate, "车辆 浙A12345 违停", ["浙A12345"]),
    (plate, "新能源车 粤BD12345", ["粤BD12345"]),
    (plate, "浙江省A级景区", []),
    (birth_date, "出生日期：1990年3月7日", ["1990年3月7日"]),
    (birth_date, "1985年6月出生，汉族", ["1985年6月"]),
    (birth_date, "成文日期：2026年3月7日", []),
    (name, "申请人：王小明，男", ["王小明"]),
    (name, "姓名：欧阳娜娜", ["欧阳娜娜"]),
    (name, "户主 李建国 身份证号", ["李建国"]),
    (name, "申请人：本人", []),
    (name, "当事人：张某某", []),
    (name, "姓名\t性别\n赵六\t男\n", ["赵六"]),
    (address, "家庭住址：浙江省杭州市西湖区文三路18号2单元301室", ["浙江省杭州市西湖区文三路18号2单元301室"]),
    (address, "住址：青山县临江镇东村3组", ["青山县临江镇东村3组"]),
    (address, "办公地址：示范市人民路1号", []),
    (uscc, "统一社会信用代码 91350100M000100Y43", ["91350100M000100Y43"]),
    (uscc, "统一社会信用代码 91350100M000100Y44", []),
]


@pytest.mark.parametrize("module, text, expected", CASES, ids=[f"{c[0].TYPE}-{i}" for i, c in enumerate(CASES)])
def test_recognizer_table(module, text, expected):
    assert [t for t, _ in found(module, text)] == expected


def test_confidence_levels():
    assert found(id_card, "身份证号：110101199003078515") == [("110101199003078515", "high")]
    assert found(id_card, "身份证 110101199003078516") == [("110101199003078516", "low")]
    assert found(uscc, "统一社会信用代码 91350100M000100Y43")[0][1] == "info"


def test_full_width_and_traditional_text():
    text = "申請人：陳大文，身份證號碼：１１０１０１１９９００３０７８５１５，電話 １３８００１３８０００"
    types = {f.type: f for f in scan_text(text)}
    assert set(types) >= {"id_card", "name", "mobile"}
    f = types["id_card"]
    assert text[f.start:f.end] == "１１０１０１１９９００３０７８５１５" and f.masked == "1101**********8515"
    assert "13800138000" not in f.context  # other numbers in the snippet are masked too


def test_overlaps_keep_the_stronger_type_and_findings_carry_ground_and_context():
    findings = scan_text("身份证号：110101199003078515")
    assert [f.type for f in findings] == ["id_card"]
    f = findings[0]
    assert f.ground == "《政府信息公开条例》第十五条 个人隐私" and "1101**********8515" in f.context
    assert "199003" not in f.context


# The ID-card and bank-card recognizers check a digit run's shape without their regexes (speed); on every run the
# shared number scan can produce, the shortcut must agree with the pattern it replaces.
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@st.composite
def _digit_runs(draw):
    n = draw(st.integers(15, 19))
    digits = draw(st.text(alphabet="0123456789", min_size=n, max_size=n))
    if draw(st.booleans()):
        digits = digits[:-1] + "X"
    seps = draw(st.lists(st.sampled_from(["", "", "", " ", "-"]), min_size=n, max_size=n))
    run = "".join(c + (s if i < n - 1 else "") for i, (c, s) in enumerate(zip(digits, seps)))
    return draw(st.sampled_from(["", "+", "00"])) + run


@settings(max_examples=400, deadline=None)  # timing is not under test; the machine may be busy
@given(_digit_runs())
def test_shape_shortcuts_match_the_patterns(run):
    from gongkai.privacy.recognizers import bank_card, common, id_card
    if not common.NUMBER_RUN.fullmatch(run):
        return
    num = common._NOT_DIGIT.sub("", run)
    if len(num) in (15, 18):
        assert bool(id_card.FULL.fullmatch(run)) == (run[0] in "12345678" and run[1].isdigit()
                                                      and (len(num) == 18 or run.isdigit()))
    if 16 <= len(num) <= 19:
        assert bool(bank_card.PATTERN.fullmatch(run)) == (run[0].isdigit() and run[-1].isdigit())


# Passport, permit and e-mail numbers are searched only near their context words / "@" (speed); on texts where
# those words, numbers and letters abut in every way, that must find what the plain whole-text search finds.
def _passport_plain(text):
    from gongkai.privacy.recognizers import passport
    if not any(w in text for w in ("护照", "assport", "ASSPORT")):    # passport.find's own prefilter
        return []
    return [m.span() for m in passport.PATTERN.finditer(text)
            if passport.CONTEXT.search(text, max(0, m.start() - 15), m.start())]


def _permit_plain(text):
    from gongkai.privacy.recognizers import permit
    if not any(w in text for w in ("通行证", "回乡证", "台胞证")):
        return []
    return [m.span() for m in permit.PATTERN.finditer(text)
            if permit.CONTEXT.search(text, max(0, m.start() - 15), m.start())]


def _email_plain(text):
    from gongkai.privacy.recognizers import email
    return [m.span() for m in email.PATTERN.finditer(text)]


_NEAR = ["护照", "护照号码：", "passport", "PASSPORT No.", "通行证", "回乡证", "台胞证", "E12345678", "EA1234567",
         "G12345678", "H12345678", "M1234567890", "T12345678", "12345678", "1234", "A", "x", " ", "，", "的", "号码为",
         "@", "a.b@example.com", "user@mail", ".cn", "-", "_", "%", "+"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_NEAR), max_size=30))
def test_searching_near_context_words_finds_what_a_whole_text_search_finds(parts):
    from gongkai.privacy.recognizers import email, passport, permit
    text = "".join(parts)
    assert [(f.start, f.end) for f in passport.find(text)] == _passport_plain(text)
    assert [(f.start, f.end) for f in permit.find(text)] == _permit_plain(text)
    got = [(f.start, f.end) for f in email.find(text)]
    assert set(got) <= set(_email_plain(text))      # the plain list also holds the public addresses find drops
    assert got == [(f.start, f.end) for f in email.find(text)]


def test_birth_date_check_equals_the_calendar():
    from datetime import date

    from gongkai.privacy.recognizers.id_card import birth_ok

    def by_calendar(y, m, d):
        try:
            return date(1900, 1, 1) <= date(y, m, d) <= date(2030, 12, 31)
        except ValueError:
            return False
    for y in (*range(1895, 1905), 1996, 2000, 2023, 2024, *range(2026, 2036)):
        for m in range(0, 14):
            for d in range(0, 33):
                assert birth_ok(y, m, d) == by_calendar(y, m, d), (y, m, d)
