"""依申请公开 done-when flow in a real browser: apply online → confirm → 补正 → the citizen corrects → third-party
consultation → extension → 部分公开 with a redacted attachment → the citizen downloads the reply; every date shown
matches the clock; the case exports as one PDF."""

import re

import pytest
from django.utils import timezone

from gongkai.applications.models import Application
from gongkai.applications.services.clock import clock
from tests.privacy_files import pdf_bytes

pytestmark = pytest.mark.browser


def staff_act(page, live_server, pk, action, **fields):
    page.goto(f"{live_server.url}/staff/applications/{pk}/")
    page.select_option("#id_action", action)
    for name, value in fields.items():
        page.fill(f"#id_{name}", str(value))
    page.click("button:has-text('记录')")


def test_citizen_to_reply(demo_city, live_server, page, browser, login, tmp_path, settings):
    settings.MEDIA_ROOT, settings.PRIVATE_ROOT = tmp_path / "m", tmp_path / "p"
    citizen = browser.new_context(locale="zh-CN", viewport={"width": 360, "height": 800}).new_page()
    citizen.goto(f"{live_server.url}/apply/")
    citizen.select_option("#id_agency", label="示范市发展和改革委员会")
    citizen.check("input[value=natural_person]")
    citizen.fill("#id_applicant_name", "王小明")
    citizen.fill("#id_id_number", "110101199003078515")
    citizen.fill("#id_contact_phone", "13800138000")
    citizen.fill("#id_description", "示范市重点项目资金分配情况")
    citizen.check("#id_consent")
    citizen.click("button:has-text('提交申请')")
    number = citizen.locator("#tracking-number").inner_text()
    password = citizen.locator("#password").inner_text()
    pk = Application.objects.get(tracking_number=number).pk

    login("fgw_handler")
    staff_act(page, live_server, pk, "received")
    staff_act(page, live_server, pk, "correction_requested", note="请写明项目名称和年份")
    assert "待补正" in page.locator("#state").inner_text()

    def status():
        citizen.goto(f"{live_server.url}/apply/status/")
        citizen.fill("#id_tracking_number", number)
        citizen.fill("#id_password", password)
        citizen.click("button:has-text('查询')")

    status()
    citizen.fill("#id_correction", "2026年市级重点项目")
    citizen.click("button:has-text('提交补正')")
    assert "补正" in citizen.locator("#derivation").inner_text()

    page.goto(f"{live_server.url}/staff/applications/{pk}/")
    staff_act(page, live_server, pk, "consultation_started", note="涉及项目单位商业信息")
    staff_act(page, live_server, pk, "consultation_ended", note="第三方同意部分公开")
    page.goto(f"{live_server.url}/staff/")
    page.click("text=退出")
    login("fgw_admin")
    staff_act(page, live_server, pk, "extension_granted", days=10, note="需要汇总多个项目资料")
    app = Application.objects.get(pk=pk)
    expected = clock(app, timezone.localdate())
    assert page.locator("#due").inner_text().startswith(expected.due.isoformat())     # shown date = the clock's

    pdf = tmp_path / "项目资金.pdf"
    pdf.write_bytes(pdf_bytes())
    page.set_input_files("#id_file", str(pdf))
    page.click("button:has-text('上传')")
    page.select_option("#id_reply-outcome", "partly_granted")
    page.fill("#id_reply-note", "区分处理：个人信息部分不予公开")
    page.click("button:has-text('答复并办结')")
    assert "个人信息" in page.locator(".messages").inner_text()                         # the privacy gate stops it
    page.goto(f"{live_server.url}/staff/")
    page.click("text=退出")
    login("fgw_reviewer")
    page.goto(f"{live_server.url}/staff/applications/{pk}/")
    page.locator("#privacy-findings button:has-text('脱敏')").first.click()
    page.goto(f"{live_server.url}/staff/")
    page.click("text=退出")
    login("fgw_handler")
    page.goto(f"{live_server.url}/staff/applications/{pk}/")
    page.select_option("#id_reply-outcome", "partly_granted")
    page.fill("#id_reply-note", "区分处理：个人信息部分不予公开")
    page.click("button:has-text('答复并办结')")
    assert "部分公开" in page.locator("#outcome").inner_text()

    status()
    letters = citizen.locator("#letters").inner_text()
    for title in ("补正告知书", "延期答复告知书", "政府信息公开申请答复告知书"):
        assert title in letters
    reply_pdf = citizen.locator("#letters a:has-text('PDF')").last.get_attribute("href")
    assert citizen.request.get(f"{live_server.url}{reply_pdf}").body().startswith(b"%PDF")
    attachment = citizen.locator("#attachments a").first.get_attribute("href")
    body = citizen.request.get(f"{live_server.url}{attachment}").body()
    assert body.startswith(b"%PDF") and b"110101199003078515" not in body
    archive = page.request.get(f"{live_server.url}/staff/applications/{pk}/archive.pdf")
    assert archive.ok and archive.body().startswith(b"%PDF")
    assert re.search(r"\d{4}-\d{2}-\d{2}", citizen.locator("#due").inner_text())
