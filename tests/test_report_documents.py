"""Readers for every format a report is published in: real files built in the test (HTML inside a layout table,
DOCX and XLSX with the official merged cells, a legacy XLS fixture, a text-layer PDF) read back into the data
model; hostile files give a Chinese "无法读取" finding, never an exception."""

import io
import zipfile
from pathlib import Path

import pytest

import report_samples as S
from gongkai.reports.audit import check_report
from gongkai.reports.readers.documents import Table, read_document

# tests/data/report-table.xls was written once with xlwt 1.3.0 (in a throwaway venv, not a project dependency)
# from report_samples.table_three()/table_four() with write_merge for every merged cell.
XLS = Path(__file__).parent / "data" / "report-table.xls"


@pytest.mark.parametrize("kind, make", [("html", S.html), ("docx", S.docx), ("xlsx", S.xlsx),
                                        ("xls", lambda: XLS.read_bytes())])
def test_real_tables_are_read_cell_by_cell(kind, make):
    report = check_report(make(), f"report.{kind}")
    assert report.applications == S.expected_applications()
    assert report.format == "2021"
    assert report.reviews["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2}
    assert report.reviews["suit_direct"]["upheld"] is None and report.reviews["suit_after_review"]["total"] == 1
    assert not [f for f in report.findings if f.severity in ("error", "warning")], report.findings
    if kind in ("html", "docx"):
        assert report.issuer == "示范市发展和改革委员会" and report.year == 2025
        assert report.prose["applications.received"] == 16


def test_merged_header_is_expanded_into_the_grid():
    document = read_document(S.docx(), "r.docx")
    table = next(b for b in document.blocks if isinstance(b, Table))
    assert table.rows[0][:3] == [table.rows[0][0]] * 3 and table.rows[2][0] == table.rows[0][0]
    assert table.rows[0][3:] == ["申请人情况"] * 7
    assert table.rows[1][4:9] == ["法人或其他组织"] * 5
    assert [r[0] for r in table.rows[5:27]] == ["三、本年度办理结果"] * 22


def test_html_layout_furniture_and_scripts():
    document = read_document(S.html(), "r.html")
    text = document.text()
    assert "本年新收 99" not in text                     # the script's text is not report text
    assert sum(isinstance(b, Table) for b in document.blocks) == 2  # the layout table is not a report table
    assert S.TITLE in text and "网站标识码" in text


def test_pdf_text_layer():
    report = check_report(S.pdf(), "r.pdf")
    assert report.applications["new"]["total"] == 16
    assert report.applications["outcome_total"]["total"] == 13
    assert report.applications["carried_out"]["total"] == 4
    assert report.prose["applications.received"] == 16


def test_gb18030_text_and_html_charset():
    text = "示范市2025年政府信息公开工作年度报告\n共收到政府信息公开申请7件。".encode("gb18030")
    assert check_report(text).prose["applications.received"] == 7
    page = '<html><head><meta charset="gbk"></head><body><p>共收到政府信息公开申请8件。</p></body></html>'
    assert check_report(page.encode("gb18030"), "p.html").prose["applications.received"] == 8


@pytest.mark.parametrize("data, name, words", [
    (b"", "a.txt", "文件为空"),
    (b"%PDF-1.4\n%%EOF garbage", "a.pdf", "无法读取"),
    (b"PK\x03\x04" + b"\x00" * 40, "a.docx", "无法读取"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "a.doc", "无法读取"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "a.png", "图片"),
])
def test_hostile_files(data, name, words):
    report = check_report(data, name)
    assert report.findings and words in report.findings[0].message and report.findings[0].severity == "error"


def test_zip_bomb_in_docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b"a" * (300 * 1024 * 1024))
    assert "压缩炸弹" in check_report(buffer.getvalue(), "bomb.docx").findings[0].message or \
        "过大" in check_report(buffer.getvalue(), "bomb.docx").findings[0].message


def test_encrypted_office_file():
    """What Office writes for a password-protected DOCX: an OLE container holding an EncryptedPackage stream."""
    fake = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512
    assert check_report(fake, "locked.docx").findings[0].message.startswith("无法读取")


def test_truncated_docx_never_raises():
    data = S.docx()
    for cut in range(0, len(data), max(1, len(data) // 25)):
        check_report(data[:cut], "cut.docx").to_json()
