"""Public catalogue pages, feeds, sitemap, print view, 基本目录, gazette page and PDF."""

import io
from datetime import date
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader

from gongkai.catalog import services
from gongkai.catalog.models import Item
from gongkai.core.models import User
from tests.catalog_helpers import make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(demo_city):
    h, r = User.objects.get(username="fgw_handler"), User.objects.get(username="fgw_reviewer")
    items = [make_item(demo_city["fgw"], h, title=f"示范市发展改革委关于第{n}批重点项目的通知", publish=True, reviewer=r,
                       doc_number=f"示发改〔2026〕{n}号", keywords="重点项目", published_on=date(2026, 3, n))
             for n in range(1, 4)]
    draft = make_item(demo_city["fgw"], h, title="尚未发布的草稿")
    return items, draft


def test_agency_catalogue_lists_published_items_only(client, demo_city, published):
    items, draft = published
    html = client.get(f"/disclosure/{demo_city['fgw'].code}/").content.decode()
    for item in items:
        assert item.title in html
    assert draft.title not in html
    by_category = client.get(f"/disclosure/{demo_city['fgw'].code}/c/wgk/").content.decode()
    assert items[0].title in by_category
    assert client.get(f"/disclosure/{demo_city['fgw'].code}/c/nope/").status_code == 404


def test_item_page_shows_the_metadata_block(client, published):
    item = published[0][0]
    html = client.get(f"/disclosure/items/{item.pk}/").content.decode()
    for label, value in [("索引号", item.index_number), ("发布机构", "示范市发展和改革委员会"), ("文号", "示发改〔2026〕1号"),
                         ("发布日期", "2026-03-01"), ("体裁", "通知")]:
        assert f'<th scope="row">{label}</th>' in html and value in html
    assert client.get(f"/disclosure/items/{published[1].pk}/").status_code == 404  # the draft
    printable = client.get(f"/disclosure/items/{item.pk}/print/").content.decode()
    assert item.title in printable and "site-header" not in printable


def test_year_and_validity_filters(client, demo_city, published):
    url = f"/disclosure/{demo_city['fgw'].code}/"
    assert published[0][0].title in client.get(url + "?year=2026").content.decode()
    assert published[0][0].title not in client.get(url + "?year=2025").content.decode()


def test_atom_feed_per_agency_and_category(client, demo_city, published):
    response = client.get(f"/disclosure/{demo_city['fgw'].code}/feed.xml")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.find("a:title", ns).text for e in root.findall("a:entry", ns)]
    assert titles[0] == published[0][2].title and len(titles) == 3
    cat = client.get(f"/disclosure/{demo_city['fgw'].code}/c/wgk-jc/feed.xml")
    assert cat.status_code == 200 and published[0][0].title in cat.content.decode()


def test_sitemap_lists_public_items(client, published):
    xml = client.get("/sitemap.xml").content.decode()
    assert f"/disclosure/items/{published[0][0].pk}/" in xml
    assert f"/disclosure/items/{published[1].pk}/" not in xml


def test_basic_catalogue_page(client, demo_city, published):
    html = client.get(f"/disclosure/{demo_city['fgw'].code}/basic-catalog/").content.decode()
    assert "主动公开基本目录" in html and "决策公开" in html and "行政法规、规章和规范性文件" in html


def test_gazette_issue_page_and_pdf(client, demo_city, published):
    items = published[0]
    issue = services.create_gazette_issue(None, demo_city["city"], 2026, 3, items, published_date=date(2026, 3, 20))
    html = client.get(f"/disclosure/gazette/{issue.pk}/").content.decode()
    assert [html.index(i.title) for i in items] == sorted(html.index(i.title) for i in items)
    response = client.get(f"/disclosure/gazette/{issue.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "2026年第3期" in text and "目" in text
    positions = [text.index(i.title) for i in items]
    assert positions == sorted(positions)
    fonts = {str(f) for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert fonts  # fonts are embedded (CJK text extracted back proves the glyph mapping)


def test_gazette_refuses_unpublished_items_and_duplicates(demo_city, published):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.create_gazette_issue(None, demo_city["city"], 2026, 4, [published[1]])
    services.create_gazette_issue(None, demo_city["city"], 2026, 5, published[0][:1])
    with pytest.raises(ValidationError):
        services.create_gazette_issue(None, demo_city["city"], 2026, 5, published[0][:1])


def test_catalogue_home(client, published):
    html = client.get("/disclosure/").content.decode()
    assert published[0][2].title in html and "按主题" in html


def test_only_public_attachments_download(client, demo_city, published):
    h = User.objects.get(username="fgw_handler")
    draft = published[1]
    att = services.add_attachment(h, draft, "附件.pdf", _tiny_pdf("附件内容"))
    assert client.get(f"/disclosure/items/{draft.pk}/attachments/{att.pk}/").status_code == 404
    assert Item.objects.get(pk=draft.pk).attachments.count() == 1


def _tiny_pdf(text: str) -> bytes:
    from reportlab.pdfgen import canvas

    from gongkai.core.pdf import cjk_font

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont(cjk_font(), 12)
    c.drawString(72, 720, text)
    c.save()
    return buf.getvalue()


def test_search_follows_publication_and_withdrawal(client, demo_city, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    h, r = User.objects.get(username="fgw_handler"), User.objects.get(username="fgw_reviewer")
    with django_capture_on_commit_callbacks(execute=True):
        item = make_item(demo_city["fgw"], h, title="示范市政府信息公开实施办法", publish=True, reviewer=r,
                         doc_number="示发改〔2026〕88号")
    page = client.get("/disclosure/search/", {"q": "信息公開"}).content.decode()   # Traditional query
    assert "<mark>信息公开</mark>" in page and item.index_number in page
    api = client.get("/api/v1/catalog/search", {"q": "88号"}).json()
    assert [hit["id"] for hit in api["hits"]] == [f"catalog.item:{item.pk}"]
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(r, item, "重新发布")
    assert client.get("/api/v1/catalog/search", {"q": "88号"}).json()["total"] == 0
    out = io.StringIO()
    call_command("search", "reindex", stdout=out)
    assert "已索引" in out.getvalue()


def test_staff_compose_a_gazette_issue(client, demo_city, published):
    from gongkai.core.demo import DEMO_PASSWORD

    client.post("/staff/login/", {"username": "gkb_admin", "password": DEMO_PASSWORD})
    numbers = "\n".join(i.index_number for i in reversed(published[0]))
    bad = client.post("/staff/catalog/gazette/new/", {"agency": demo_city["city"].code, "year": 2026, "number": 7,
                                                      "index_numbers": numbers + "\nNOPE/1"})
    assert bad.status_code == 400 and "NOPE/1" in bad.content.decode()
    ok = client.post("/staff/catalog/gazette/new/", {"agency": demo_city["city"].code, "year": 2026, "number": 7,
                                                     "index_numbers": numbers})
    assert ok.status_code == 302
    html = client.get(ok["Location"]).content.decode()
    titles = [i.title for i in reversed(published[0])]
    assert [html.index(t) for t in titles] == sorted(html.index(t) for t in titles)
