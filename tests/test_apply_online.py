"""Applying online and following the case: public form, tracking number + password, staff queue and case page."""

import re

import pytest

from gongkai.applications.models import Application
from gongkai.core.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

FORM = {"applicant_type": "natural_person", "applicant_name": "王小明", "id_kind": "居民身份证",
        "id_number": "110101199003078515", "contact_phone": "13800138000", "description": "示发改〔2026〕12号文件全文",
        "form_wanted": "电子", "delivery_wanted": "电子邮件", "consent": "on"}


def submit(client, demo_city, **change):
    return client.post("/apply/", {**FORM, "agency": demo_city["fgw"].pk, **change})


def test_apply_confirm_and_query(client, demo_city):
    page = submit(client, demo_city).content.decode()
    number = re.search(r'id="tracking-number">(\w+)<', page).group(1)
    password = re.search(r'id="password">(\w+)<', page).group(1)
    app = Application.objects.get(tracking_number=number)
    assert app.state == "awaiting"
    client.post("/staff/login/", {"username": "fgw_handler", "password": DEMO_PASSWORD})
    assert number in client.get("/staff/applications/?tab=awaiting").content.decode()
    client.post(f"/staff/applications/{app.pk}/act/", {"action": "received", "date": "2026-02-10", "version": 0})
    client.post("/staff/logout/")
    status = client.post("/apply/status/", {"tracking_number": number, "password": password}).content.decode()
    assert "2026-03-16" in status and "春节假期不计" in status


def test_bad_id_number_is_refused_in_chinese(client, demo_city):
    response = submit(client, demo_city, id_number="110101199003078516")
    assert response.status_code == 400 and "居民身份证号码无效" in response.content.decode()
    assert Application.objects.count() == 0


def test_status_query_resists_guessing(client, demo_city):
    submit(client, demo_city)
    app = Application.objects.get()
    wrong = client.post("/apply/status/", {"tracking_number": app.tracking_number, "password": "WRONG"})
    missing = client.post("/apply/status/", {"tracking_number": "YSQ00000000000000", "password": "WRONG"})
    assert wrong.status_code == missing.status_code == 400
    assert "申请编号或查询密码不正确" in wrong.content.decode() and "申请编号或查询密码不正确" in missing.content.decode()
    for _ in range(12):
        last = client.post("/apply/status/", {"tracking_number": app.tracking_number, "password": "WRONG"})
    assert "查询失败次数过多" in last.content.decode()


def test_applicant_data_stays_off_public_pages_and_other_agencies(client, demo_city):
    submit(client, demo_city)
    app = Application.objects.get()
    for url in ["/", "/disclosure/", f"/disclosure/{demo_city['fgw'].code}/", "/sitemap.xml", "/api/v1/catalog/items"]:
        body = client.get(url).content.decode()
        assert "王小明" not in body and "110101199003078515" not in body
    client.post("/staff/login/", {"username": "jyj_handler", "password": DEMO_PASSWORD})
    assert client.get(f"/staff/applications/{app.pk}/").status_code == 403
    assert app.tracking_number not in client.get("/staff/applications/?tab=awaiting").content.decode()


def test_staff_register_a_letter(client, demo_city):
    client.post("/staff/login/", {"username": "fgw_handler", "password": DEMO_PASSWORD})
    data = {k: v for k, v in FORM.items() if k != "consent"}
    response = client.post("/staff/applications/register/", {**data, "agency": demo_city["fgw"].pk, "channel": "post",
                                                              "received_date": "2026-03-02"})
    assert response.status_code == 302
    app = Application.objects.get()
    assert app.due_date.isoformat() == "2026-03-30" and app.channel == "post"
    page = client.get(response["Location"]).content.decode()
    assert "邮寄，以签收之日为收到之日" in page


def test_identity_proof_is_kept_out_of_public_reach(client, demo_city, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.PRIVATE_ROOT = tmp_path / "private"
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 100
    response = client.post("/apply/", {**FORM, "agency": demo_city["fgw"].pk,
                                       "id_proof": SimpleUploadedFile("id.png", png, content_type="image/png")})
    assert response.status_code == 200
    app = Application.objects.get()
    assert app.id_proof_path.startswith(str(tmp_path / "private"))
    bad = client.post("/apply/", {**FORM, "agency": demo_city["fgw"].pk,
                                  "id_proof": SimpleUploadedFile("id.exe", b"MZ\x90\x00", content_type="image/png")})
    assert bad.status_code == 400 and "身份证明材料" in bad.content.decode()
    assert client.get(f"/staff/applications/{app.pk}/id-proof/").status_code == 302  # login first
    client.post("/staff/login/", {"username": "jyj_handler", "password": DEMO_PASSWORD})
    assert client.get(f"/staff/applications/{app.pk}/id-proof/").status_code == 403
    client.post("/staff/logout/")
    client.post("/staff/login/", {"username": "fgw_handler", "password": DEMO_PASSWORD})
    assert b"".join(client.get(f"/staff/applications/{app.pk}/id-proof/").streaming_content) == png
