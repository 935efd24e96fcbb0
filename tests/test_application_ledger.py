"""Ledger import (台账): exact headers, validation report, all-or-nothing, duplicates refused; reminders."""

import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from gongkai.applications.ledger import REQUIRED
from gongkai.applications.models import Application

pytestmark = pytest.mark.django_db

ROWS = [
    ["2025-001", "自然人", "2025-03-03", "互联网", "2025-03-20", "予以公开", "否"],
    ["2025-002", "商业企业", "2025-04-01", "信函", "2025-05-20", "withheld.third_party", "是"],
    ["2025-003", "法律服务机构", "2025-12-20", "当面", "", "", "否"],
]


def xlsx(tmp_path, rows, header=REQUIRED):
    wb = Workbook()
    wb.active.append(header)
    for r in rows:
        wb.active.append(r)
    path = tmp_path / "ledger.xlsx"
    wb.save(path)
    return str(path)


def test_import_creates_real_cases(tmp_path, demo_city):
    out = io.StringIO()
    call_command("applications", "import", xlsx(tmp_path, ROWS), "--agency", demo_city["fgw"].code, stdout=out)
    assert "已导入 3 件" in out.getvalue()
    a, b, c = Application.objects.order_by("tracking_number")
    assert (a.outcome, a.applicant_type, a.state) == ("granted", "natural_person", "closed")
    assert (b.outcome, b.channel) == ("withheld.third_party", "post") and b.events.filter(kind="extension_granted").exists()
    assert c.state == "processing" and c.outcome == "" and c.applicant_type == "legal_services"
    with pytest.raises(CommandError) as exc:  # the same 申请编号 twice is refused
        call_command("applications", "import", xlsx(tmp_path, ROWS[:1]), "--agency", demo_city["fgw"].code)
    assert "申请编号已存在：2025-001" in str(exc.value)


def test_bad_rows_are_all_reported_and_nothing_saved(tmp_path, demo_city):
    rows = ROWS + [["2025-004", "外星人", "2025-02-30", "飞鸽", "2025-03-01", "不存在的结果", "也许"],
                   ["2025-005", "自然人", "2025-03-01", "当面", "2025-03-05", "", "否"]]
    with pytest.raises(CommandError) as exc:
        call_command("applications", "import", xlsx(tmp_path, rows), "--agency", demo_city["fgw"].code)
    message = str(exc.value)
    for words in ["第5行 申请人类型", "第5行 收到日期：日期无效", "第5行 收到渠道", "第5行 办理结果：办理结果不存在", "第5行 延期",
                  "第6行 办理结果：办结日期和办理结果须同时填写"]:
        assert words in message
    assert Application.objects.count() == 0


def test_missing_header(tmp_path, demo_city):
    with pytest.raises(CommandError) as exc:
        call_command("applications", "import", xlsx(tmp_path, [r[:-1] for r in ROWS], header=REQUIRED[:-1]), "--agency",
                     demo_city["fgw"].code)
    assert "缺少必需的列：延期" in str(exc.value)


def test_remind_mails_handlers_about_overdue_cases(tmp_path, demo_city):
    call_command("applications", "import", xlsx(tmp_path, ROWS), "--agency", demo_city["fgw"].code, stdout=io.StringIO())
    Application.objects.filter(tracking_number="2025-003").update(due_date="2026-01-20")
    out = io.StringIO()
    call_command("applications", "remind", stdout=out)
    assert "已发送提醒 1 封" in out.getvalue()
    assert "2025-003" in mail.outbox[0].body and "已超期" in mail.outbox[0].body
    assert "fgw_handler@demo.gongkai.invalid" in mail.outbox[0].to
