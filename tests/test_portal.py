"""Public portal shell: pages in Simplified Chinese, the 公开指南 from agency data, Chinese 404, healthz."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def http(client, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    return client


def test_home_lists_the_demo_city(http, demo_city):
    html = http.get("/").content.decode()
    assert '<html lang="zh-CN">' in html
    for agency in demo_city.values():
        assert agency.full_name in html
    for column in ("主动公开", "依申请公开", "年度报告"):
        assert column in html


def test_directory_groups_by_kind(http, demo_city):
    html = http.get("/agencies/").content.decode()
    assert "<h2>人民政府</h2>" in html and "<h2>乡镇人民政府</h2>" in html and "<h2>街道办事处</h2>" in html


def test_guide_is_generated_from_agency_data(http, demo_city):
    fgw = demo_city["fgw"]
    response = http.get(f"/agencies/{fgw.code}/guide/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{fgw.full_name}政府信息公开指南</h1>" in html
    for value in (fgw.office_name, fgw.office_address, fgw.office_hours, fgw.office_phone, fgw.office_fax):
        assert value and value in html
    assert "20个工作日" in html


def test_no_personal_data_of_staff_on_public_pages(http, demo_city):
    html = "".join(http.get(u).content.decode() for u in ["/", "/agencies/", f"/agencies/{demo_city['fgw'].code}/"])
    assert "钱承办" not in html and "fgw_handler" not in html


@pytest.mark.parametrize("url", ["/nope/", "/agencies/000000000000000000/", "/agencies/x/guide/"])
def test_unknown_urls_give_the_chinese_404(http, url):
    response = http.get(url)
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_annual_reports_column_lists_every_agencys_published_reports(http, demo_city):
    from gongkai.catalog.demo import load_catalog_demo
    from gongkai.catalog.models import Item

    load_catalog_demo()
    reports = Item.objects.filter(status="published", disclosure="proactive", categories__code="gknb").distinct()
    assert reports.count() >= 2
    html = http.get("/disclosure/annual-reports/").content.decode()
    assert "<h1>政府信息公开工作年度报告</h1>" in html
    assert all(r.title in html for r in reports[:10])
    assert "建设中" not in html


def test_no_column_is_a_stub(http, demo_city):
    """A column appears only once its app serves it: no "coming soon" page, no link to one."""
    home = http.get("/").content.decode()
    assert "建设中" not in home and "暂未开通" not in home and "/interaction/" not in home
    assert http.get("/interaction/").status_code == 404


def test_healthz_checks_the_database(http):
    response = http.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok", "database": "ok"}


def test_skip_link_and_main_landmark(http):
    html = http.get("/").content.decode()
    assert '<a class="skip-link" href="#main">跳到主要内容</a>' in html
    assert '<main id="main"' in html
