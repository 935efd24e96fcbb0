"""Staff back office through the test client: scoping, editing with Chinese errors, staff management."""

import pytest

from gongkai.core.models import Agency, AuditEvent, Membership, User

pytestmark = pytest.mark.django_db


def test_staff_home_lists_only_reachable_agencies(as_user, demo_city):
    html = as_user("county_admin").get("/staff/").content.decode()
    assert "青山县临江镇人民政府" in html and "示范市教育局" not in html


def test_audit_trail_is_shown_on_the_agency_page(as_user, demo_city):
    html = as_user("fgw_admin").get(f"/staff/agencies/{demo_city['fgw'].code}/").content.decode()
    assert "操作记录" in html and "新建机构" in html   # the event's label from the label map
    assert "agency.created" not in html                 # never the raw code


def test_edit_agency_with_bad_code_shows_field_error_and_saves_nothing(as_user, demo_city):
    client = as_user("fgw_admin")
    fgw = demo_city["fgw"]
    data = {"full_name": fgw.full_name, "kind": fgw.kind, "uscc": fgw.uscc[:-1] + ("0" if fgw.uscc[-1] != "0" else "1"),
            "office_phone": "0999-0000000"}
    response = client.post(f"/staff/agencies/{fgw.code}/edit/", data)
    html = response.content.decode()
    assert response.status_code == 400 and "统一社会信用代码：统一社会信用代码校验位错误" in html
    fgw.refresh_from_db()
    assert fgw.office_phone != "0999-0000000"


def test_edit_agency(as_user, demo_city):
    client = as_user("fgw_admin")
    fgw = demo_city["fgw"]
    data = {"full_name": fgw.full_name, "kind": fgw.kind, "uscc": fgw.uscc, "office_phone": "0999-7654321"}
    assert client.post(f"/staff/agencies/{fgw.code}/edit/", data).status_code == 302
    assert Agency.objects.get(pk=fgw.pk).office_phone == "0999-7654321"


def test_handler_cannot_edit(as_user, demo_city):
    assert as_user("fgw_handler").get(f"/staff/agencies/{demo_city['fgw'].code}/edit/").status_code == 403


def test_agency_admin_creates_staff_and_revokes_roles(as_user, demo_city):
    client = as_user("fgw_admin")
    fgw = demo_city["fgw"]
    url = f"/staff/agencies/{fgw.code}/staff/"
    response = client.post(url, {"form": "create", "new-username": "clerk2", "new-display_name": "新人",
                                 "new-password": "Clerk-pass-2026", "new-role": "handler"})
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="clerk2")
    assert membership.agency == fgw and membership.role == "handler"
    dup = client.post(url, {"form": "create", "new-username": "clerk2", "new-password": "Clerk-pass-2026",
                            "new-role": "handler"})
    assert dup.status_code == 400 and "用户名已存在" in dup.content.decode()
    client.post(f"/staff/memberships/{membership.pk}/revoke/")
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.filter(action="role.revoked").exists()
    # an agency admin cannot manage another agency's staff
    other = Membership.objects.filter(agency=demo_city["jyj"]).first()
    assert client.post(f"/staff/memberships/{other.pk}/revoke/").status_code == 403


def test_user_without_role_gets_403(client, demo_city):
    User.objects.create_user("nobody", password="Nobody-pass-2026")
    client.post("/staff/login/", {"username": "nobody", "password": "Nobody-pass-2026"})
    response = client.get("/staff/")
    assert response.status_code == 403 and "没有任何机构的角色" in response.content.decode()


def test_api_token_page_shows_key_once(as_user):
    client = as_user("fgw_handler")
    import re

    html = client.post("/staff/tokens/", {"name": "统计脚本"}).content.decode()
    key = re.search(r'id="new-key">(gk_[^<]+)<', html).group(1)
    later = client.get("/staff/tokens/").content.decode()
    assert "统计脚本" in later and key not in later and key[:8] in later
