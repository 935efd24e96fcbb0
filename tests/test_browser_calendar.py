"""The holiday calendar page in a real browser: compute a due date with its derivation, import a year."""

import pytest

from tests.test_calendar import NOTICE_2027

pytestmark = pytest.mark.browser


def test_calendar_page(demo_city, live_server, page, login, tmp_path):
    login("gkb_admin")
    page.goto(f"{live_server.url}/staff/calendar/")
    assert "2004–2026" in page.locator("#coverage").inner_text()
    page.fill("#id_start", "2026-02-10")
    page.fill("#id_n", "20")
    page.click("button:has-text('计算')")
    result = page.locator("#calc-result").inner_text()
    assert "2026-03-16" in result and "春节假期不计" in result
    page.fill("#id_start", "2026-12-20")
    page.click("button:has-text('计算')")
    assert "暂定" in page.locator("#calc-result").inner_text()
    path = tmp_path / "2027.csv"
    path.write_text(NOTICE_2027, encoding="utf-8")
    page.set_input_files("#id_file", str(path))
    page.click("button:has-text('录入')")
    assert "已录入 2027 年节假日安排" in page.locator(".messages").inner_text()
    assert "2004–2027" in page.locator("#coverage").inner_text()
