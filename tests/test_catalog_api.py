"""/api/v1/catalog: public list with pagination and filters, detail, search; staff create/update by token."""

from datetime import date

import pytest

from gongkai.core import services as core_services
from gongkai.core.models import User
from tests.catalog_helpers import make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(demo_city):
    h, r = User.objects.get(username="fgw_handler"), User.objects.get(username="fgw_reviewer")
    return [make_item(demo_city["fgw"], h, title=f"第{n}号通知", publish=True, reviewer=r, doc_number=f"示发改〔2026〕{n}号",
                      published_on=date(2026, 4, n)) for n in range(1, 6)]


def test_list_paginates_and_filters(client, demo_city, items):
    page = client.get("/api/v1/catalog/items?limit=2&offset=1").json()
    assert page["total"] == 5 and [i["title"] for i in page["items"]] == ["第4号通知", "第3号通知"]
    by_doc = client.get("/api/v1/catalog/items", {"doc_number": "示发改(2026)2号"}).json()
    assert [i["title"] for i in by_doc["items"]] == ["第2号通知"]
    other = client.get(f"/api/v1/catalog/items?agency={demo_city['jyj'].code}").json()
    assert other["total"] == 0
    too_many = client.get("/api/v1/catalog/items?limit=100000")              # bounded at the edge: a Chinese 400
    assert too_many.status_code == 400 and "limit" in too_many.json()["detail"]
    assert client.get("/api/v1/catalog/items?limit=100").json()["limit"] == 100


def test_detail(client, items):
    data = client.get(f"/api/v1/catalog/items/{items[0].pk}").json()
    assert data["index_number"] == items[0].index_number and data["body"].startswith("<p>")
    assert client.get("/api/v1/catalog/items/999999").status_code == 404


def test_staff_create_and_update_with_token(client, demo_city):
    user = User.objects.get(username="fgw_handler")
    _, key = core_services.issue_api_token(None, user, "test")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    payload = {"agency": demo_city["fgw"].code, "title": "接口新建", "genre": "通知", "formed_date": "2026-05-06",
               "topic": "综合政务\\政务公开"}
    assert client.post("/api/v1/catalog/items", payload, content_type="application/json").status_code == 401
    created = client.post("/api/v1/catalog/items", payload, content_type="application/json", **auth)
    assert created.status_code == 201 and created.json()["status"] == "draft"
    item_id = created.json()["id"]
    patched = client.patch(f"/api/v1/catalog/items/{item_id}", {"title": "接口修改"}, content_type="application/json", **auth)
    assert patched.json()["title"] == "接口修改"
    bad = client.post("/api/v1/catalog/items", {**payload, "genre": "诗歌"}, content_type="application/json", **auth)
    assert bad.status_code == 422 and "未知体裁" in bad.json()["detail"]
    other = client.post("/api/v1/catalog/items", {**payload, "agency": demo_city["jyj"].code},
                        content_type="application/json", **auth)
    assert other.status_code == 403
