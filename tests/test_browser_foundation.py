"""Real browser (Debian Chromium via Playwright): scoping by agency, keyboard use, phone width."""

import re

import pytest

pytestmark = pytest.mark.browser


def test_handler_cannot_reach_another_departments_pages_but_office_admin_can(demo_city, live_server, page, login):
    fgw, jyj = demo_city["fgw"], demo_city["jyj"]
    login("fgw_handler")
    assert page.url.endswith("/staff/")
    own = page.goto(f"{live_server.url}/staff/agencies/{fgw.code}/")
    assert own.status == 200 and page.locator("h1").inner_text() == fgw.full_name
    other = page.goto(f"{live_server.url}/staff/agencies/{jyj.code}/")
    assert other.status == 403
    assert "无权访问" in page.locator("h1").inner_text()
    page.goto(f"{live_server.url}/staff/")
    page.click("text=退出")
    page.wait_for_url(f"{live_server.url}/")

    login("gkb_admin")
    for agency in (fgw, jyj, demo_city["town"]):
        response = page.goto(f"{live_server.url}/staff/agencies/{agency.code}/")
        assert response.status == 200 and page.locator("h1").inner_text() == agency.full_name


def test_keyboard_only_login_and_skip_link(demo_city, live_server, page):
    page.goto(f"{live_server.url}/staff/login/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "跳到主要内容"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # focus is visible: the outline is drawn
    page.focus("#id_username")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.type("fgw_viewer")
    page.keyboard.press("Tab")
    from gongkai.core.demo import DEMO_PASSWORD
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    # the browser keeps the #main fragment across the post-login redirect
    page.wait_for_url(re.compile(r".*/staff/(#main)?$"))
    assert page.locator("h1").inner_text() == "工作台"


@pytest.mark.parametrize("path", ["/", "/agencies/", "GUIDE", "/staff/login/", "/disclosure/", "CATALOG", "ITEM",
                                  "/disclosure/search/?q=公开", "/apply/", "/apply/status/"])
def test_pages_fit_a_360px_phone(demo_city, live_server, browser, path):
    if path in ("CATALOG", "ITEM"):
        from gongkai.catalog.demo import load_catalog_demo
        from gongkai.catalog.models import Item

        load_catalog_demo(per_agency=3)
        item = Item.objects.filter(status="published", doc_number__gt="").first()
        path = f"/disclosure/{demo_city['fgw'].code}/" if path == "CATALOG" else f"/disclosure/items/{item.pk}/"
    path = f"/agencies/{demo_city['city'].code}/guide/" if path == "GUIDE" else path
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live_server.url}{path}")
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 360px"
    assert page.locator("h1").count() == 1
    context.close()


def test_chinese_404_in_browser(live_server, page):
    response = page.goto(f"{live_server.url}/no-such-page/")
    assert response.status == 404 and "页面不存在" in page.locator("h1").inner_text()


def test_home_page_screenshot_renders_cjk(demo_city, live_server, page, tmp_path):
    page.goto(f"{live_server.url}/")
    # CJK glyphs have real width: a font is installed (no tofu boxes of equal tiny width)
    width = page.evaluate("""() => { const s = document.createElement('span'); s.textContent = '政府信息公开';
        document.body.appendChild(s); const w = s.getBoundingClientRect().width; s.remove(); return w; }""")
    assert width > 50
    page.screenshot(path=str(tmp_path / "home.png"), full_page=True)
    assert (tmp_path / "home.png").stat().st_size > 10_000
