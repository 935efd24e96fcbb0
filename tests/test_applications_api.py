"""/api/v1/applications: submit and query publicly; staff list and act with a token; no enumeration."""

import pytest

from gongkai.core import services as core_services
from gongkai.core.models import User

pytestmark = pytest.mark.django_db

APPLY = {"applicant_type": "natural_person", "applicant_name": "王小明", "id_number": "110101199003078515",
         "contact_phone": "13800138000", "description": "某文件", "consent": True}


def test_submit_query_and_act(client, demo_city):
    created = client.post("/api/v1/applications", {**APPLY, "agency": demo_city["fgw"].code}, content_type="application/json")
    assert created.status_code == 201
    ticket = created.json()
    bad = client.post("/api/v1/applications", {**APPLY, "agency": demo_city["fgw"].code, "id_number": "123"},
                      content_type="application/json")
    assert bad.status_code == 422 and "居民身份证号码无效" in bad.json()["detail"]
    status = client.post("/api/v1/applications/status", ticket, content_type="application/json").json()
    assert status["state"] == "awaiting" and status["due_date"] is None
    wrong = client.post("/api/v1/applications/status", {**ticket, "password": "X"}, content_type="application/json")
    assert wrong.status_code == 404 and wrong.json()["detail"] == "申请编号或查询密码不正确"

    _, key = core_services.issue_api_token(None, User.objects.get(username="fgw_handler"), "t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    [case] = client.get("/api/v1/staff/applications", **auth).json()
    done = client.post(f"/api/v1/staff/applications/{case['id']}/actions", {"action": "received", "date": "2026-02-10",
                       "version": case["version"]}, content_type="application/json", **auth)
    assert done.json()["due_date"] == "2026-03-16"
    stale = client.post(f"/api/v1/staff/applications/{case['id']}/actions", {"action": "consultation_started",
                        "date": "2026-02-11", "party": "third_party", "version": case["version"]},
                        content_type="application/json", **auth)
    assert stale.status_code == 422 and "已被其他工作人员修改" in stale.json()["detail"]
    _, other = core_services.issue_api_token(None, User.objects.get(username="jyj_handler"), "t")
    assert client.get("/api/v1/staff/applications", HTTP_AUTHORIZATION=f"Bearer {other}").json() == []
    assert client.post(f"/api/v1/staff/applications/{case['id']}/actions", {"action": "fee_paid", "date": "2026-02-11"},
                       content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {other}").status_code == 403
