"""JSON API /api/v1: OpenAPI schema, agencies list and detail, staff token auth."""

import pytest

from gongkai.core import services
from gongkai.core.models import ApiToken, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def http(client, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    return client


def test_openapi_schema_lists_agency_endpoints(http):
    schema = http.get("/api/v1/openapi.json").json()
    assert "/api/v1/agencies" in schema["paths"] and "/api/v1/agencies/{code}" in schema["paths"]


def test_agency_list_and_filter(http, demo_city):
    rows = http.get("/api/v1/agencies").json()
    assert len(rows) == len(demo_city)
    city = next(r for r in rows if r["name"] == "示范市人民政府")
    assert city["parent"] is None and city["kind"] == "government" and city["kind_label"] == "人民政府"
    under = http.get(f"/api/v1/agencies?under={demo_city['county'].code}").json()
    assert [r["name"] for r in under] == ["示范市青山县人民政府", "青山县教育局", "青山县临江镇人民政府"]


def test_agency_detail_and_404(http, demo_city):
    county = demo_city["county"]
    data = http.get(f"/api/v1/agencies/{county.code}").json()
    assert data["parent"] == demo_city["city"].code
    assert set(data["children"]) == {demo_city["county_jyj"].code, demo_city["town"].code}
    assert data["office_phone"] == county.office_phone
    missing = http.get("/api/v1/agencies/NOPE")
    assert missing.status_code == 404 and missing.json()["detail"] == "没有找到该机构"


def test_token_auth(http, demo_city):
    user = User.objects.get(username="fgw_handler")
    assert http.get("/api/v1/me").status_code == 401
    assert http.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer gk_wrong").status_code == 401
    token, key = services.issue_api_token(None, user, "脚本")
    me = http.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert me["username"] == "fgw_handler"
    assert me["roles"] == [{"agency": demo_city["fgw"].code, "role": "handler"}]
    token.refresh_from_db()
    assert token.last_used_at is not None and key not in token.key_hash
    ApiToken.objects.filter(pk=token.pk).update(revoked=True)
    assert http.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
