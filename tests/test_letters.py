"""Letters to applicants: numbered, with facts, basis and 救济途径, as real DOCX and PDF files; applicant download."""

import io
import re
from datetime import date

import docx
import pytest
from pypdf import PdfReader

from gongkai.applications.models import Letter
from gongkai.applications.services import clock, intake, reply, review
from gongkai.core.demo import DEMO_PASSWORD
from gongkai.core.models import User

pytestmark = pytest.mark.django_db

DATA = {"applicant_type": "natural_person", "applicant_name": "王小明", "id_number": "110101199003078515",
        "contact_phone": "13800138000", "description": "示发改〔2026〕12号文件全文"}


def test_letters_follow_the_case_and_render(client, demo_city):
    h, admin = User.objects.get(username="fgw_handler"), User.objects.get(username="fgw_admin")
    app, password = intake.register(h, demo_city["fgw"], DATA, "in_person", date(2026, 3, 2))
    clock.act(h, app, "correction_requested", date(2026, 3, 4), note="文件的发布年份")
    clock.act(h, app, "correction_received", date(2026, 3, 9))
    clock.act(admin, app, "extension_granted", date(2026, 3, 30), days=10, note="需要检索档案")
    reply.reply(h, app, date(2026, 4, 10), "withheld.third_party", "该信息涉及第三方个人隐私")
    letters = list(Letter.objects.filter(application=app))
    assert [x.title for x in letters] == ["补正告知书", "延期答复告知书", "政府信息公开申请答复告知书"]
    assert [x.number for x in letters] == [f"市发展改革委依申〔2026〕{n}号" for n in (1, 2, 3)]
    assert "2026年04月21日" in "".join(letters[1].paragraphs)     # the extended due date (03-09 + 20 + 10 wd, 清明 skipped)
    reply_text = "".join(letters[2].paragraphs)
    assert "第十五条" in reply_text and "六十日内" in reply_text and "六个月内" in reply_text

    client.post("/staff/login/", {"username": "fgw_viewer", "password": DEMO_PASSWORD})
    d = client.get(f"/staff/applications/{app.pk}/letters/{letters[2].pk}.docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(d.content)).paragraphs)
    assert "政府信息公开申请答复告知书" in text and "示范市发展和改革委员会" in text
    pdf = client.get(f"/staff/applications/{app.pk}/letters/{letters[2].pk}.pdf")
    assert "保护第三方合法权益" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    client.post("/staff/logout/")
    client.post("/staff/login/", {"username": "jyj_handler", "password": DEMO_PASSWORD})
    assert client.get(f"/staff/applications/{app.pk}/letters/{letters[2].pk}.pdf").status_code == 403
    client.post("/staff/logout/")

    status = client.post("/apply/status/", {"tracking_number": app.tracking_number, "password": password}).content.decode()
    link = re.search(r'href="(/apply/letters/[^"]+\.pdf)"', status).group(1)
    assert client.get(link).status_code == 200
    assert client.get(link.replace(".pdf", "x.pdf")).status_code == 404   # tampered token


def test_partial_reply_with_a_redacted_attachment_reaches_the_applicant(client, demo_city, settings, tmp_path):
    from django.core.exceptions import ValidationError

    from gongkai.privacy import services as privacy
    from tests.privacy_files import pdf_bytes

    settings.MEDIA_ROOT, settings.PRIVATE_ROOT = tmp_path / "m", tmp_path / "p"
    h, r = User.objects.get(username="fgw_handler"), User.objects.get(username="fgw_reviewer")
    app, password = intake.register(h, demo_city["fgw"], DATA, "in_person", date(2026, 3, 2))
    reply.add_reply_attachment(h, app, "答复材料.pdf", pdf_bytes())
    with pytest.raises(ValidationError) as exc:
        reply.reply(h, app, date(2026, 3, 20), "partly_granted", "区分处理")
    assert "居民身份证号" in str(exc.value)
    app.refresh_from_db()
    assert app.state != "closed"
    privacy.redact(r, app)
    reply.reply(h, app, date(2026, 3, 20), "partly_granted", "区分处理，第三方个人信息已删除")
    status = client.post("/apply/status/", {"tracking_number": app.tracking_number, "password": password}).content.decode()
    link = re.search(r'href="(/apply/attachments/[^"]+/)"', status).group(1)
    body = b"".join(client.get(link).streaming_content)
    assert body.startswith(b"%PDF") and b"110101199003078515" not in body


def test_review_cases(demo_city):
    from django.core.exceptions import ValidationError

    h = User.objects.get(username="fgw_handler")
    app, _ = intake.register(h, demo_city["fgw"], DATA, "in_person", date(2026, 3, 2))
    case = review.record_review_case(h, demo_city["fgw"], "review", "示复〔2026〕3号", "示范市人民政府",
                                       date(2026, 5, 1), application=app, result="corrected", decided_on=date(2026, 6, 1))
    assert str(case) == "行政复议 示复〔2026〕3号"
    with pytest.raises(ValidationError):
        review.record_review_case(h, demo_city["fgw"], "review", "示复〔2026〕3号", "示范市人民政府", date(2026, 5, 1))
    with pytest.raises(ValidationError):
        review.record_review_case(h, demo_city["fgw"], "appeal", "X1", "法院", date(2026, 5, 1))


def test_case_exports_as_one_pdf(client, demo_city):
    h = User.objects.get(username="fgw_handler")
    app, _ = intake.register(h, demo_city["fgw"], DATA, "in_person", date(2026, 3, 2))
    clock.act(h, app, "correction_requested", date(2026, 3, 4), note="文件的发布年份")
    clock.act(h, app, "correction_received", date(2026, 3, 9))
    reply.reply(h, app, date(2026, 3, 20), "unavailable.not_held", "经检索，本机关未制作或获取该信息")
    client.post("/staff/login/", {"username": "fgw_handler", "password": DEMO_PASSWORD})
    pdf = client.get(f"/staff/applications/{app.pk}/archive.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    for words in ["案卷", "答复期限推算", "收到补正材料", "补正告知书", "政府信息公开申请答复告知书", "本机关不掌握相关政府信息"]:
        assert words in text


def test_agency_admins_edit_letter_templates(client, demo_city):
    from gongkai.applications.models import LetterTemplate

    h = User.objects.get(username="fgw_handler")
    client.post("/staff/login/", {"username": "fgw_admin", "password": DEMO_PASSWORD})
    bad = client.post("/staff/applications/templates/", {"agency": demo_city["fgw"].code, "kind": "correction",
                                                         "text": "{申请人}：\n请补充{不存在}"})
    assert bad.status_code == 400 and "未知占位符" in bad.content.decode()
    ok = client.post("/staff/applications/templates/", {"agency": demo_city["fgw"].code, "kind": "correction",
                                                        "text": "{申请人}：\n您的申请（{申请编号}）需补正：{说明}。\n{救济途径}"})
    assert ok.status_code == 302 and LetterTemplate.objects.count() == 1
    app, _ = intake.register(h, demo_city["fgw"], DATA, "in_person", date(2026, 3, 2))
    clock.act(h, app, "correction_requested", date(2026, 3, 4), note="文件名称")
    letter = Letter.objects.get(application=app)
    assert letter.paragraphs[1] == f"您的申请（{app.tracking_number}）需补正：文件名称。"
    client.post("/staff/logout/")
    client.post("/staff/login/", {"username": "fgw_handler", "password": DEMO_PASSWORD})
    assert client.get("/staff/applications/templates/").status_code == 403


def test_review_case_decided_later(demo_city):
    from django.core.exceptions import ValidationError

    h = User.objects.get(username="fgw_handler")
    case = review.record_review_case(h, demo_city["fgw"], "litigation", "(2026)示0102行初5号", "示范市东城区人民法院",
                                       date(2026, 4, 1))
    assert case.result == "pending"
    with pytest.raises(ValidationError):
        review.decide_review_case(h, case, "upheld", date(2026, 3, 1))
    review.decide_review_case(h, case, "upheld", date(2026, 9, 1))
    case.refresh_from_db()
    assert case.get_result_display() == "维持"


def test_consultation_letter_is_addressed_to_the_third_party_without_the_applicants_name(demo_city, client):
    h = User.objects.get(username="fgw_handler")
    app, _ = intake.register(h, demo_city["fgw"], DATA, "in_person", date(2026, 3, 2))
    client.post("/staff/login/", {"username": "fgw_handler", "password": DEMO_PASSWORD})
    assert app.tracking_number in client.get("/staff/applications/?tab=new").content.decode()
    clock.act(h, app, "consultation_started", date(2026, 3, 4), party="third_party", note="涉及贵公司报价")
    letter = Letter.objects.get(application=app, kind="consultation")
    text = "".join(letter.paragraphs)
    assert letter.paragraphs[0] == "相关权利人：" and "王小明" not in text and "第三十二条" in text
    assert app.tracking_number not in client.get("/staff/applications/?tab=new").content.decode()
