"""The generator's pages in a real browser: figures entered with their source, text edited with bound numbers,
a drill-down from a cell to the applications in it, the reviewer's acknowledgement and publication; the supervisor's
dashboard lists overdue reports."""

from datetime import date

from gongkai.applications.services import intake, reply
from gongkai.core.models import User
from gongkai.reports.models import AnnualReport


def _application(fgw):
    h = User.objects.get(username="fgw_handler")
    app, _ = intake.register(h, fgw, {"applicant_type": "natural_person", "applicant_name": "王小明",
                                    "id_number": "110101199003078515", "contact_phone": "13800138000",
                                    "description": "某文件"}, "in_person", date(2025, 3, 3))
    reply.reply(h, app, date(2025, 3, 20), "granted")
    return app


def test_prepare_and_publish_a_report(demo_city, live_server, page, login):
    fgw = demo_city["fgw"]
    app = _application(fgw)
    login("fgw_handler")
    page.goto(f"{live_server.url}/reports/?year=2025")
    page.click(f"#report-states a[href='/reports/agency/{fgw.pk}/2025/']")
    assert "2025年政府信息公开工作年度报告" in page.locator("h1").inner_text()
    assert "G.manual_missing" in page.locator("#checks + ol").inner_text()
    # enter the four figures of table 二 with their source
    for label, value in (("行政许可·本年处理决定数量", "12"), ("行政处罚·本年处理决定数量", "3"),
                         ("行政强制·本年处理决定数量", "0"), ("行政事业性收费·本年收费金额（万元）", "0.5")):
        row = page.locator("tr", has=page.locator("th", has_text=label))
        row.locator("input[name=value]").fill(value)
        row.locator("input[name=source]").fill("行政许可系统年度导出")
        row.locator("button").click()
        page.wait_for_load_state()
    assert page.locator("#no-findings").is_visible()
    # the text: numbers are placeholders bound to the data
    page.fill("#section-一", "本年共收到政府信息公开申请{{applications.new.total}}件，全部办结。")
    page.click("#sections-form button[type=submit]")
    page.wait_for_load_state()
    assert "本年共收到政府信息公开申请1件，全部办结。" in page.locator("#preview").inner_text()
    # drill down from the cell to the application
    page.click(f"#drill-table a[href^='/reports/agency/{fgw.pk}/2025/cell/new/natural_person/']")
    assert app.tracking_number in page.locator("#drill-apps").inner_text()
    # the handler cannot publish; the reviewer can
    page.goto(f"{live_server.url}/reports/agency/{fgw.pk}/2025/")
    assert page.locator("#publish-form").count() == 0
    page.context.clear_cookies()
    login("fgw_reviewer")
    page.goto(f"{live_server.url}/reports/agency/{fgw.pk}/2025/")
    page.click("#publish-form button")
    page.wait_for_load_state()
    assert "年度报告已发布，索引号" in page.locator(".msg").inner_text()
    record = AnnualReport.objects.get(agency=fgw, year=2025)
    assert record.status == "published" and record.data["active"]["licensing"]["decisions"] == 12
    with page.expect_download() as download:
        page.click("#dl-docx")
    assert download.value.suggested_filename.endswith(".docx")
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 362


def test_supervisor_dashboard_lists_overdue_reports(demo_city, live_server, page, login):
    login("gkb_admin")
    page.goto(f"{live_server.url}/staff/")
    panel = page.locator("#report-due")
    assert "示范市发展和改革委员会：已逾期（期限 2026-01-31）" in panel.inner_text()
    assert "示范市人民政府：已逾期（期限 2026-03-31）" in panel.inner_text()
    login("fgw_handler")
    page.goto(f"{live_server.url}/staff/")
    assert page.locator("#report-due").count() == 0
