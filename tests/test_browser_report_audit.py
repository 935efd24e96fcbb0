"""The supervisor's report-audit page in a real browser: upload real reports, see findings on their cells next to the
source, download the workbook; nobody else opens the result; usable at phone width."""

import io

from django.test import Client
from openpyxl import load_workbook
from test_report_corpus import CORPUS

from gongkai.core.models import AuditEvent, User


def test_upload_and_see_findings(demo_city, live_server, page, login, tmp_path):
    login("gkb_admin")
    page.goto(f"{live_server.url}/reports/audit/")
    edited = tmp_path / "日照2019（改）.txt"
    edited.write_text((CORPUS / "rizhao-city-2019.txt").read_text(encoding="utf-8").replace(
        "| 520 | 13 | 15 | 3 | 551 |", "| 520 | 13 | 15 | 3 | 552 |"), encoding="utf-8")
    page.set_input_files("#files", [str(edited), str(CORPUS / "zhoushan-city-2018.txt")])
    page.click("#audit-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "年度报告审核结果"
    first = page.locator("section.audit-report").first
    assert "日照市人民政府" in first.inner_text()
    # the edited total is marked on its cell, and the mark links to the finding
    flagged = first.locator("table.audit-t3 td.flagged")
    assert flagged.count() >= 1
    total_cell = first.locator("table.audit-t3 tr", has_text="（七）总计").locator("td").last
    assert "552" in total_cell.inner_text() and "flagged" in total_cell.get_attribute("class")
    target = total_cell.get_attribute("aria-describedby").split()[0]
    assert "（七）总计 552" in page.locator(f"#{target}").inner_text() or "552" in page.locator(f"#{target}").inner_text()
    assert first.locator("ol.source li.flagged").count() >= 1        # the row is highlighted in the source too
    second = page.locator("section.audit-report").nth(1)
    assert "第五十条" in second.inner_text()
    with page.expect_download() as download:
        page.click("#download")
    assert download.value.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    rules = [r[4] for r in book["问题"].iter_rows(min_row=2, values_only=True)]
    assert "T3.outcomes" in rules and "R.art50" in rules
    assert AuditEvent.objects.filter(action="report.audit").count() == 1
    # at phone width the page does not scroll sideways
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 362


def test_only_the_uploader_sees_the_result(demo_city, tmp_path):
    owner, other = User.objects.get(username="gkb_admin"), User.objects.get(username="fgw_handler")
    client = Client()
    client.force_login(owner)
    response = client.post("/reports/audit/", {"files": [io.BytesIO(b"\xff\xfe garbage")]})
    assert response.status_code == 302
    url = response["Location"]
    from gongkai.core import jobs

    jobs.work()       # the reading is a job (this test's transaction never commits, so nothing ran it after commit)
    assert "无法读取" in client.get(url).content.decode()
    client.force_login(other)
    assert client.get(url).status_code == 403
    assert client.get(url + "findings.xlsx").status_code == 403
    assert client.get("/reports/audit/not-a-token/").status_code == 404


def test_nothing_uploaded_is_a_chinese_error(demo_city):
    client = Client()
    client.force_login(User.objects.get(username="gkb_admin"))
    response = client.post("/reports/audit/", {})
    assert response.status_code == 400 and "请选择至少一份报告文件" in response.content.decode()
    assert Client().get("/reports/audit/").status_code == 302      # anonymous: to the login page
