"""The catalogue's done-when flow in a real browser: draft → blocked by an ID number in an attachment → redacted →
approved → published with its 索引号 → in the catalogue, in search (also in Traditional), in the API and feed; a
repeal links old and new."""

import re

import pytest

from gongkai.catalog.models import Item
from gongkai.core.models import User
from tests.catalog_helpers import make_item
from tests.privacy_files import pdf_bytes

pytestmark = pytest.mark.browser


def test_clerk_to_public(demo_city, live_server, page, login, browser, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"
    fgw = demo_city["fgw"]
    login("fgw_handler")
    page.goto(f"{live_server.url}/staff/catalog/new/?agency={fgw.code}")
    page.fill("#id_title", "示范市发展改革委关于政府信息公开工作的通知")
    page.fill("#id_doc_number", "示发改[2026]12号")
    page.select_option("#id_genre", label="通知")
    page.fill("#id_formed_date", "2026-11-02")
    page.fill("#id_body", "<p>各有关单位：请做好政府信息公开工作。</p>")
    page.click("button:has-text('保存草稿')")
    assert page.locator("#status").inner_text() == "草稿"
    assert page.locator("dd:has-text('示发改〔2026〕12号')").count() == 1
    pdf = tmp_path / "附件.pdf"
    pdf.write_bytes(pdf_bytes())
    page.set_input_files("#id_file", str(pdf))
    page.click("button:has-text('上传')")
    page.click("button:has-text('提交审核')")
    assert page.locator("#status").inner_text() == "待审核"
    item_url = page.url

    page.goto(f"{live_server.url}/staff/")
    page.click("text=退出")
    login("fgw_reviewer")
    page.goto(item_url)
    page.check("input[value=approve]")
    page.click("button:has-text('提交审核结论')")
    assert "个人信息" in page.locator(".messages").inner_text()          # blocked by the privacy gate
    assert page.locator("#status").inner_text() == "待审核"
    findings = page.locator("#privacy-findings").inner_text()
    assert "1101**********8515" in findings and "110101199003078515" not in page.content()
    page.locator("#privacy-findings button:has-text('脱敏')").first.click()
    assert "已脱敏" in page.locator(".messages").inner_text()
    page.check("input[value=approve]")
    page.click("button:has-text('提交审核结论')")
    assert page.locator("#status").inner_text() == "已审核"

    page.goto(f"{live_server.url}/staff/")
    page.click("text=退出")
    login("fgw_handler")
    page.goto(item_url)
    page.click("button:has-text('发布')")
    index_number = page.locator("#index-number").inner_text()
    assert re.fullmatch(rf"{fgw.uscc}/2026-\d{{5}}", index_number)

    # public: catalogue, item page, search in Traditional characters, API, feed
    public = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN").new_page()
    public.goto(f"{live_server.url}/disclosure/{fgw.code}/")
    public.click("text=示范市发展改革委关于政府信息公开工作的通知")
    assert index_number in public.locator(".meta-block").inner_text()
    attachment = public.locator("a:has-text('脱敏')").first.get_attribute("href")
    pdf_response = public.request.get(f"{live_server.url}{attachment}")
    assert b"110101199003078515" not in pdf_response.body()
    public.goto(f"{live_server.url}/disclosure/search/?q=信息公開工作")
    assert index_number in public.locator(".results").inner_text()
    api = public.request.get(f"{live_server.url}/api/v1/catalog/items?agency={fgw.code}").json()
    assert index_number in [i["index_number"] for i in api["items"]]
    feed = public.request.get(f"{live_server.url}/disclosure/{fgw.code}/feed.xml").text()
    assert "示范市发展改革委关于政府信息公开工作的通知" in feed

    # a repeal links old and new
    item = Item.objects.get(index_number=index_number)
    h, r = User.objects.get(username="fgw_handler"), User.objects.get(username="fgw_reviewer")
    new = make_item(fgw, h, title="新通知（废止旧通知）", publish=True, reviewer=r)
    page.goto(item_url)
    page.select_option("#id_action", "repealed")
    page.fill("#id_by_index_number", new.index_number)
    page.click("button:has-text('更新有效性')")
    public.goto(f"{live_server.url}/disclosure/items/{item.pk}/")
    assert "已废止" in public.locator(".meta-block").inner_text() and "新通知（废止旧通知）" in public.content()
    public.goto(f"{live_server.url}/disclosure/items/{new.pk}/")
    assert "本文件废止了" in public.content()
