"""`gongkai report build` in every format, `report figures` import (all or nothing), `report due`."""

import io
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from docx import Document
from pypdf import PdfReader

from gongkai.reports.models import ManualFigure

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_build_json_and_files(demo_city, tmp_path):
    data = json.loads(run("build", "--agency", "示范市发展和改革委员会", "--year", "2025", "--format", "json"))
    assert data["issuer"] == "示范市发展和改革委员会" and data["format"] == "2021"
    assert set(data["applications"]["new"]) == {"natural_person", "commercial", "research", "nonprofit",
                                                "legal_services", "other_org", "total"}
    for fmt in ("docx", "xlsx", "pdf", "html"):
        out = tmp_path / f"r.{fmt}"
        assert "已生成" in run("build", "--agency", "示范市发展和改革委员会", "--year", "2025", "--format", fmt, "-o", str(out))
    assert "收到和处理政府信息公开申请情况" in "\n".join(p.text for p in Document(tmp_path / "r.docx").paragraphs)
    assert openpyxl.load_workbook(tmp_path / "r.xlsx").sheetnames == ["表二", "表三", "表四", "数据"]
    assert "收到和处理政府信息公开申请情况" in "".join(p.extract_text() for p in PdfReader(tmp_path / "r.pdf").pages)
    font = PdfReader(tmp_path / "r.pdf").pages[0]["/Resources"]["/Font"]
    embedded = [f.get_object() for f in font.values() if "/FontDescriptor" in f.get_object()]
    assert embedded and all("/FontFile2" in f["/FontDescriptor"].get_object() for f in embedded)   # CJK font embedded


def test_consolidated_workbook_has_the_breakdown(demo_city, tmp_path):
    out = tmp_path / "city.xlsx"
    run("build", "--agency", "示范市人民政府", "--year", "2025", "--format", "xlsx", "--consolidated", "-o", str(out))
    sheet = openpyxl.load_workbook(out)["分机构"]
    names = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert "示范市人民政府" in names and "示范市发展和改革委员会" in names and len(names) == len(demo_city)


def test_unknown_agency_and_old_years(demo_city):
    with pytest.raises(CommandError, match="找不到机构"):
        run("build", "--agency", "不存在的局", "--year", "2025")
    with pytest.raises(CommandError, match="2008年5月1日"):
        run("build", "--agency", "示范市发展和改革委员会", "--year", "2005")


def _book(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_figures_import_is_all_or_nothing(demo_city, tmp_path):
    good = tmp_path / "good.xlsx"
    good.write_bytes(_book([["机构", "年度", "项目", "数值", "数据来源"],
                            ["示范市发展和改革委员会", 2025, "行政许可·本年处理决定数量", 120, "审批系统"],
                            ["示范市教育局", 2025, "penalty.decisions", 3, "执法平台"]]))
    assert "已导入 2 项" in run("figures", str(good))
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(_book([["机构", "年度", "项目", "数值", "数据来源"],
                           ["示范市发展和改革委员会", 2025, "行政强制·本年处理决定数量", 5, "执法平台"],
                           ["示范市教育局", 2025, "行政处罚·本年处理决定数量", -1, "执法平台"],
                           ["不存在的局", 2025, "行政许可·本年处理决定数量", 1, ""]]))
    with pytest.raises(CommandError) as error:
        run("figures", str(bad))
    assert "第3行" in str(error.value) and "第4行" in str(error.value) and "未保存任何数据" in str(error.value)
    assert ManualFigure.objects.count() == 2          # nothing of the bad file was saved


def test_due_list(demo_city):
    text = run("due", "--year", "2025")
    assert "已逾期\t2026-01-31\t示范市发展和改革委员会" in text
    assert "已逾期\t2026-03-31\t示范市人民政府" in text


def test_reminders_go_to_agencies_and_their_office(demo_city, mailoutbox, settings):
    from gongkai.core.models import User
    from gongkai.reports.models import AnnualReport
    for username in ("fgw_admin", "fgw_handler", "gkb_admin"):
        User.objects.filter(username=username).update(email=f"{username}@example.gov.cn")
    AnnualReport.objects.create(agency=demo_city["jyj"], year=2025, status="published")
    text = run("remind", "--year", "2025")
    assert text.startswith("已发送")
    to_fgw = [m for m in mailoutbox if "示范市发展和改革委员会2025年" in m.subject]
    assert to_fgw and set(to_fgw[0].to) == {"fgw_admin@example.gov.cn", "fgw_handler@example.gov.cn"}
    assert "逾期" in to_fgw[0].subject
    office = [m for m in mailoutbox if m.to == ["gkb_admin@example.gov.cn"]]
    assert office and "示范市发展和改革委员会" in office[0].body and "示范市教育局" not in office[0].body
