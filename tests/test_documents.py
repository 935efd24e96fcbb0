"""The document layer (gongkai/documents): sniffing by bytes, guards before parsing, import rows in every encoding
Excel and WPS save, and the two importers reading a GBK CSV end to end."""

import base64
import csv
import datetime
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from gongkai.documents import (
    ALLOWED_TYPES,
    UnreadableFile,
    content_type,
    extract_text,
    guards,
    parse_date,
    read_document,
    read_rows,
    sniff,
)
from tests.privacy_files import docx_bytes, pdf_bytes, xlsx_bytes, zip_bomb
from tests.test_report_documents import compound_file

DATA = Path(__file__).parent / "data"
DOCX_TYPE, XLSX_TYPE = sniff.DOCX_TYPE, sniff.XLSX_TYPE


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


MHTML = (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n'
         b'Content-Type: text/html; charset="gb2312"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
         + base64.encodebytes("<html><body><p>申请人：王小明</p></body></html>".encode("gb18030")) + b"\r\n--b--\r\n")
ENCRYPTED_OOXML = compound_file({"EncryptionInfo": b"\x04\x00\x04\x00" * 1100, "EncryptedPackage": b"\x17" * 5000})
LEGACY_DOC = compound_file({"WordDocument": b"\xec\xa5" * 2500, "1Table": b"\x00" * 4200})


# ---------------------------------------------------------------- sniffing: by the bytes, never by the name

@pytest.mark.parametrize("data, kind, mime", [
    (b"%PDF-1.7\n...", sniff.PDF, "application/pdf"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 20, sniff.PNG, "image/png"),
    (b"\xff\xd8\xff\xe0" + b"\0" * 20, sniff.JPEG, "image/jpeg"),
    (b"GIF87a" + b"\0" * 20, sniff.GIF, "image/gif"),
    (b"GIF89a" + b"\0" * 20, sniff.GIF, "image/gif"),
    (b"BM" + b"\0" * 20, sniff.BMP, None),
    (b"II*\x00" + b"\0" * 20, sniff.TIFF, None),
    (b"RIFF\0\0\0\0WEBPVP8 ", sniff.WEBP, None),
    (docx_bytes(), sniff.DOCX, DOCX_TYPE),
    (xlsx_bytes(), sniff.XLSX, XLSX_TYPE),
    (_zip({"readme.txt": b"x"}), sniff.ZIP, None),
    (b"PK\x03\x04garbage", sniff.CORRUPT_ZIP, None),
    (LEGACY_DOC, sniff.OLE, None),
    (ENCRYPTED_OOXML, sniff.OLE, None),
    (MHTML, sniff.MHTML, None),
    (b"{\\rtf1\\ansi report}", sniff.RTF, None),
    (b"<!DOCTYPE html><html><body>x</body></html>", sniff.HTML, None),
    (b"<!-- template -->\n<div><p>x</p></div>", sniff.HTML, None),
    ("示范市年度报告\n一、概述".encode(), sniff.TEXT, None),
    ("示范市年度报告".encode("gb18030"), sniff.TEXT, None),
])
def test_sniff_by_bytes(data, kind, mime):
    assert sniff.sniff(data, "upload.bin") == kind
    assert content_type(data) == mime
    assert mime is None or mime in ALLOWED_TYPES


def test_a_name_does_not_change_what_the_bytes_are():
    assert sniff.sniff(docx_bytes(), "report.pdf") == sniff.DOCX
    assert sniff.sniff(b"%PDF-1.4\n", "page.html") == sniff.PDF
    assert sniff.sniff("纯文本".encode(), "page.html") == sniff.HTML     # text formats have no signature: the name hints


# ---------------------------------------------------------------- guards

def test_zip_bomb():
    assert "压缩炸弹" in guards.zip_problem(zip_bomb())
    assert read_document(zip_bomb(), "bomb.docx").problem.startswith("无法读取：解压后过大")
    assert "压缩炸弹" in extract_text(zip_bomb(), "bomb.docx").problem


def test_too_many_entries(monkeypatch):
    monkeypatch.setattr(guards, "MAX_ENTRIES", 5)
    data = docx_bytes()
    assert guards.zip_problem(data).startswith("压缩包内文件过多")
    assert read_document(data, "a.docx").problem.startswith("无法读取：压缩包内文件过多")
    assert extract_text(data, "a.docx").problem.startswith("无法扫描：压缩包内文件过多")


def test_oversized(monkeypatch):
    monkeypatch.setattr(guards, "MAX_BYTES", 1000)
    data = b"a" * 2000
    assert read_document(data, "big.txt").problem.startswith("无法读取：文件超过")
    assert "文件过大" in extract_text(data, "big.txt").problem
    with pytest.raises(UnreadableFile, match="文件过大"):
        read_rows("big.csv", data)


@pytest.mark.parametrize("data, ole_kind, reader_problem, scanner_words", [
    (ENCRYPTED_OOXML, "encrypted", "无法读取：文件已加密（受密码保护）", "已加密"),
    (LEGACY_DOC, "doc", "无法读取：旧版 Word（.doc）格式，请另存为 DOCX 或 PDF", "旧版 Word"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "corrupt", "无法读取：Office 文件已损坏", "已加密或为旧版 Office"),
])
def test_ole_containers(data, ole_kind, reader_problem, scanner_words):
    assert guards.ole_kind(data) == ole_kind
    assert read_document(data, "a.docx").problem.startswith(reader_problem)
    assert scanner_words in extract_text(data, "a.docx").problem
    with pytest.raises(UnreadableFile, match="已加密或不是 Excel 工作簿"):
        read_rows("a.xlsx", data)


def test_encrypted_pdf():
    data = pdf_bytes(encrypt=True)
    assert guards.open_pdf(data) == ([], "已加密")
    assert read_document(data, "a.pdf").problem == "无法读取：PDF 已加密"
    assert "已加密" in extract_text(data, "a.pdf").problem


# ---------------------------------------------------------------- one reader for both views

def test_mhtml_is_scanned_through_its_html_part():
    extracted = extract_text(MHTML, "page.doc")
    assert extracted.scanned and extracted.kind == "mhtml" and "申请人：王小明" in extracted.text
    assert read_document(MHTML, "page.doc").blocks == ["申请人：王小明"]


def test_legacy_xls_is_scanned():
    extracted = extract_text((DATA / "report-values.xls").read_bytes(), "r.xls")
    assert extracted.scanned and extracted.kind == "xls" and "942127.07" in extracted.text


def test_rtf_is_not_reported_clean():
    assert "RTF" in extract_text(b"{\\rtf1\\ansi \\'d5\\'c5\\'c8\\'fd}", "a.rtf").problem


# ---------------------------------------------------------------- import rows

HEADER = ["名称", "发布机构", "成文日期"]
VALUES = [["关于做好䶮字库工作的通知", "示范市人民政府办公室", "2024年1月2日"], ["第二条", "示范市教育局", ""]]
EXPECTED = [dict(zip(HEADER, row)) for row in VALUES]


def _csv(encoding: str, delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(VALUES)
    writer.writerow(["", "", ""])               # a blank row, left out
    return buffer.getvalue().encode(encoding)


@pytest.mark.parametrize("encoding, delimiter", [
    ("utf-8", ","), ("utf-8-sig", ","), ("gb18030", ","), ("utf-16", ","), ("utf-16", "\t"), ("utf-16-le", "\t"),
])
def test_csv_encodings(encoding, delimiter):
    assert read_rows("import.csv", _csv(encoding, delimiter)) == EXPECTED


def test_csv_in_gbk():
    rows = [["名称", "发布机构"], ["关于开展工作的通知", "示范市人民政府"]]
    data = "\r\n".join(",".join(r) for r in rows).encode("gbk")
    assert read_rows("import.csv", data) == [{"名称": "关于开展工作的通知", "发布机构": "示范市人民政府"}]


def test_xlsx_rows():
    book = Workbook()
    book.active.append(HEADER)
    book.active.append(["通知", "示范市教育局", datetime.datetime(2024, 1, 2)])
    book.active.append([None, None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    [row] = read_rows("import.csv", buffer.getvalue())          # an XLSX with a CSV name is still an XLSX
    assert row["名称"] == "通知" and parse_date(row["成文日期"]) == datetime.date(2024, 1, 2)


def test_xls_rows():
    rows = read_rows("import.xls", (DATA / "report-values.xls").read_bytes())
    assert "申请人情况" in rows[0] and rows[2]["申请人情况"] == 10


@pytest.mark.parametrize("name, data, message", [
    ("import.csv", b"\x80\x81\xff" * 100, "无法识别 CSV 文件的编码"),
    ("import.csv", bytes(range(256)) * 8, "无法识别 CSV 文件的编码"),
    ("import.xlsx", b"not a workbook", "不是有效的 Excel 或 CSV 文件"),
    ("import.csv", pdf_bytes(), "不是有效的 Excel 或 CSV 文件"),
    ("import.txt", "名称\n通知".encode(), "不支持的文件格式"),
    ("import.csv", "名称,机构\n通知,甲,多出的一列\n".encode(), "第 2 行的列数多于表头"),
    ("import.jsonl", b'{"a": 1}\n{broken\n', "第 2 行格式错误"),
])
def test_unreadable_files_say_why_in_chinese(name, data, message):
    with pytest.raises(UnreadableFile, match=message):
        read_rows(name, data)


@pytest.mark.parametrize("value, expected", [
    ("2024-01-02", datetime.date(2024, 1, 2)),
    ("2024/1/2", datetime.date(2024, 1, 2)),
    ("2024.01.02", datetime.date(2024, 1, 2)),
    ("2024年1月2日", datetime.date(2024, 1, 2)),
    (" 2024 年 1 月 2 日 ", datetime.date(2024, 1, 2)),
    (datetime.datetime(2024, 1, 2, 8, 30), datetime.date(2024, 1, 2)),
    (datetime.date(2024, 1, 2), datetime.date(2024, 1, 2)),
    ("", None),
    (None, None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["2024-02-30", "明天", "20240102", 45000])
def test_parse_date_refuses(value):
    with pytest.raises(ValueError, match=f"日期无效：{value}"):
        parse_date(value)


# ---------------------------------------------------------------- end to end: a GBK CSV through each importer

@pytest.mark.django_db
def test_catalogue_import_of_a_gbk_csv(demo_city):
    from gongkai.catalog.importer import import_items
    from gongkai.catalog.models import Item

    lines = ["名称,发布机构,体裁,成文日期,发布日期", "示范市教育局2020年招生工作通知,示范市教育局,通知,2020年5月20日,2020/06/01"]
    report = import_items(None, "旧目录.csv", "\r\n".join(lines).encode("gbk"))
    assert report.ok and report.created == 1
    item = Item.objects.get(title="示范市教育局2020年招生工作通知")
    assert item.agency == demo_city["jyj"] and item.written_date == datetime.date(2020, 5, 20)


@pytest.mark.django_db
def test_ledger_import_of_a_gbk_csv(demo_city):
    from gongkai.applications.ledger import REQUIRED, LedgerFailed, import_ledger
    from gongkai.applications.models import Application

    rows = [",".join(REQUIRED), "2025-001,自然人,2025年3月3日,互联网,2025-03-20,予以公开,否",
            "2025-002,商业企业,2025/04/01,信函,,,是"]
    data = "\r\n".join(rows).encode("gbk")
    report = import_ledger(None, demo_city["fgw"], "台账.csv", data)
    assert report.created == 2
    first = Application.objects.get(tracking_number="2025-001")
    assert first.outcome == "granted" and first.received_date == datetime.date(2025, 3, 3)
    with pytest.raises(LedgerFailed) as failed:      # a bad date is reported by row and column, nothing saved
        import_ledger(None, demo_city["fgw"], "台账.csv", data.replace(b"2025/04/01", b"2025/02/30")
                      .replace(b"2025-001", b"2025-101").replace(b"2025-002", b"2025-102"))
    assert (3, "收到日期", "日期无效：2025/02/30") in failed.value.report.errors
    assert not Application.objects.filter(tracking_number="2025-101").exists()
