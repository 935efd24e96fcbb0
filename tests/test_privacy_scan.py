"""Scanning attachments: every format, and every kind of bad file gives a reason, never "clean" or a crash."""

import io
import json

import pytest
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.privacy import extract
from gongkai.privacy.extract import NO_TEXT, extract_text
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
