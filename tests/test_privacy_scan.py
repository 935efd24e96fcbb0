"""Scanning attachments: every format, and every kind of bad file gives a reason, never "clean" or a crash."""

import io
import json

import pytest
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.documents import NO_TEXT, extract_text
from gongkai.documents import guards as extract
from gongkai.privacy.scanner import scan_text
from tests.privacy_files import docx_bytes, pdf_bytes, xlsx_bytes, zip_bomb


def types(data, name):
    result = extract_text(data, name)
    return result, {f.type for f in scan_text(result.text)}


@pytest.mark.parametrize("maker, name", [(docx_bytes, "a.docx"), (xlsx_bytes, "a.xlsx"), (pdf_bytes, "a.pdf")])
def test_formats(maker, name):
    result, found = types(maker(), name)
    assert result.scanned and {"id_card", "name"} <= found


def test_docx_table_column_headed_name():
    result, found = types(docx_bytes(lines=("无关内容",)), "t.docx")
    assert "赵六" in result.text and "name" in found


def test_html_and_text():
    html = "<html><head><script>var a='110101199003078515'</script></head><body><p>户主：钱多多</p></body></html>"
    result, found = types(html.encode("utf-8"), "page.html")
    assert found == {"name"} and "110101" not in result.text
    result, found = types("联系人：孙七 13800138000".encode("gb18030"), "a.txt")
    assert found == {"name", "mobile"}


@pytest.mark.parametrize("data, name, words", [
    (pdf_bytes(image_only=True), "scan.pdf", NO_TEXT),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "photo.png", NO_TEXT),
    (pdf_bytes(encrypt=True), "secret.pdf", "已加密"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500, "protected.docx", "已加密"),
    (b"PK\x03\x04garbage", "broken.docx", "无法扫描"),
    (b"%PDF-1.4 garbage", "broken.pdf", "无法扫描"),
    (b"", "empty.txt", "空文件"),
    (zip_bomb(), "bomb.docx", "压缩炸弹"),
    (bytes(range(256)) * 4, "random.bin", "无法扫描"),
])
def test_bad_files_say_why(data, name, words):
    result = extract_text(data, name)
    assert words in result.problem and not result.scanned


def test_wrong_extension_is_sniffed():
    result, found = types(docx_bytes(), "looks-like.pdf")
    assert result.kind == "docx" and "id_card" in found


def test_oversized(monkeypatch):
    monkeypatch.setattr(extract, "MAX_BYTES", 1000)
    assert "文件过大" in extract_text(b"a" * 2000, "big.txt").problem


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(["a.pdf", "a.docx", "a.xlsx", "a.html", "a.txt", "a.png", ""]))
def test_never_raises(data, name):
    result = extract_text(data, name)
    assert result.scanned or result.problem


def test_scan_cli_json(tmp_path):
    (tmp_path / "a.docx").write_bytes(docx_bytes())
    (tmp_path / "b.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 10)
    out = io.StringIO()
    call_command("privacy", "scan", str(tmp_path / "a.docx"), str(tmp_path / "b.png"), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert {f["type"] for f in data[0]["findings"]} >= {"id_card", "mobile", "name"}
    assert all("text" not in f for f in data[0]["findings"])          # the raw value is not printed
    assert data[1]["scanned"] is False and data[1]["problem"] == NO_TEXT


# The scanner runs a recognizer only when one of its trigger words occurs (one regex pass for all of them); the
# findings must be exactly those of every recognizer run over the whole text. Texts are built from trigger words,
# numbers (valid, invalid, grouped), names, labels and separators, so words overlap and abut in every way.
from gongkai.privacy import scanner as _scanner  # noqa: E402

_FRAGMENTS = [
    "身份证号：", "公民身份号码", "证件号", "申请人：", "联系人：", "当事人", "被申请人", "户主", "户 主", "姓名", "姓 名", "户名", "租户",
    "户籍", "户籍地：", "家庭住址：", "住址：", "现住", "现居", "家住", "居住地", "住所", "出生", "出生于", "生于", "生人", "1990年3月7日",
    "1985-06-01", "护照号码", "的护照", "passport", "PASSPORT", "通行证", "台胞证", "回乡证", "统一社会信用代码", "社会信用", "纳税人识别号",
    "注册号", "91350100M000100Y43", "91350100M000100Y44", "@", "a.b@example.com", "x@demo.gov.cn", "浙A12345", "粤BD12345",
    "鲁B·ABCDE", "京", "A", "E12345678", "C12345678", "12345678", "110101199003078515", "11010119900307851X",
    "110101199003078516", "110101900307851", "6222021234567890128", "6222 0212 3456 7890 128", "4111111111111111",
    "13800138000", "+86 138 0013 8000", "0086-13800138000", "138-0013-8000", "元", "万", ".5", "监督电话：", "热线", "王小明",
    "欧阳娜娜", "李建国", "张某某", "本人", "男", "女", "的", "的手机", "的住址", "的户籍", "\t", "\n", "  ", " ", "-", "|", "，", "。",
    "0", "1", "X", "号", "室", "组", "单元", "东村3组", "文三路18号2单元301室", "办公地址：", "女士", "１３８００１３８０００",
    "申請人：陳大文", "身份證號碼", "11990100009730608E/2020-66511", "0999-8383452", "77541790244", "+", "00", "收款银行卡号：",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=30))
def test_gated_scan_finds_what_every_recognizer_finds(parts):
    text = "".join(parts)
    assert _scanner.scan_text(text) == _scanner.scan_text_each(text)


def test_gated_scan_on_every_table_case():
    from tests.test_privacy_recognizers import CASES
    for _module, text, _expected in CASES:
        assert _scanner.scan_text(text) == _scanner.scan_text_each(text), text


def test_trigger_words_of_the_code_recognizer_never_hide_behind_other_words():
    # the scanner hands the USCC recognizer the ends of its trigger words from the shared pass: exact only if no
    # other trigger word can overlap one of them
    words = [w for w, mods in _scanner.TRIGGERS if mods == {"uscc"}]
    assert words == ["信用代码", "社会信用", "纳税人识别号", "注册号"]
    for z, mods in _scanner.TRIGGERS:
        for x in words:
            if mods != {"uscc"}:
                assert not _scanner._overlap(z, x) and not _scanner._overlap(x, z), (z, x)
    assert _scanner.GATES["租户"] == {"name", "address"}          # 租户籍: 租户 hides 户籍
    text = "租户籍地：青山县临江镇东村3组"
    assert [f.type for f in _scanner.scan_text(text)] == [f.type for f in _scanner.scan_text_each(text)] != []


@settings(max_examples=500)
@given(st.from_regex(r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{9}", fullmatch=True), st.booleans(),
       st.sampled_from("0123456789ABCDEFGHJKLMNPQRTUWXY"))
def test_code_check_equals_the_full_validator(body, fix_check, last):
    # the USCC recognizer checks a matched code without python-stdnum (speed); it must agree with core.codes
    from stdnum.cn import uscc as std

    from gongkai.core.codes import org_code_check_char, uscc_error
    from gongkai.privacy.recognizers import uscc
    if fix_check:   # make both check characters right, so the later rules are reached too
        body = body[:16] + org_code_check_char(body[8:16])
        last = std.calc_check_digit(body)
    code = body + last
    expected = uscc_error(code) is None and not (code.isdigit() and code[0] in "12345678")
    assert uscc._valid.__wrapped__(code) == expected



@settings(max_examples=300)
@given(st.lists(st.sampled_from(["身份证", "公民身份号码", "身份号码", "证件号", "身份", "证件", "号码", "公民", "X", "，"]),
                max_size=8), st.integers(0, 40), st.integers(0, 40))
def test_id_context_test_equals_the_pattern(parts, a, b):
    from gongkai.privacy.recognizers import id_card
    text = "".join(parts)
    assert id_card._near(text, a, b) == bool(id_card.CONTEXT.search(text, a, b))


@settings(max_examples=400)
@given(st.lists(st.sampled_from(["申请人", "被申请人", "请人", "户主", "户 主", "租户", "承租人", "姓名", "姓 名", "：", "为", " ", "王", "欧阳",
                                 "小明", "娜", "，", "的", "身份", "本人", "某某", "\n", "\t", "人", "租", "主", "被", "承租"]), max_size=25))
def test_labelled_names_found_where_labels_start_equal_a_full_scan(parts):
    from gongkai.privacy.recognizers import name
    text = "".join(parts)
    assert [m.span(1) for m in name._matches(name.LABELLED, text)] == [m.span(1) for m in name.LABELLED.finditer(text)]
