"""Reports for 2008–2018: the old 统计表 from the platform's records (and imported ledgers), read back by the auditor."""

from datetime import date

import pytest

from gongkai.applications.services import intake, reply, review
from gongkai.core.models import User
from gongkai.reports.auditor import read_report
from gongkai.reports.formats import PRE2019_TABLE, pre2019_value
from gongkai.reports.generator import build_report
from gongkai.reports.render import to_docx, to_html, to_pdf, to_xlsx

pytestmark = pytest.mark.django_db

PERSON = {"applicant_type": "natural_person", "applicant_name": "王小明", "id_number": "110101199003078515",
          "contact_phone": "13800138000"}


@pytest.fixture
def year_2017(demo_city):
    fgw = demo_city["fgw"]
    h = User.objects.get(username="fgw_handler")
    for channel, received, closed, outcome in (("in_person", date(2017, 3, 1), date(2017, 3, 10), "granted"),
                                               ("online", date(2017, 4, 1), date(2017, 4, 20), "withheld.state_secret"),
                                               ("post", date(2017, 5, 2), date(2017, 5, 20), "unavailable.not_held"),
                                               ("fax", date(2017, 12, 28), None, None)):
        app, _ = intake.register(h, fgw, {**PERSON, "description": f"{received}的信息"}, channel, received)
        if closed:
            reply.reply(h, app, closed, outcome)
    review.record_review_case(h, fgw, "review", "示复〔2017〕1号", "示范市人民政府", date(2017, 6, 1), result="upheld",
                            decided_on=date(2017, 8, 1))
    review.record_review_case(h, fgw, "complaint", "投诉2017-1", "示范市政务公开办", date(2017, 7, 1))
    return fgw


def test_the_old_table_from_records(year_2017):
    built = build_report(year_2017, 2017)
    report = built.report
    assert report.format == "pre2019"
    a = report.applications
    assert a["received_total"] == 4 and a["by_channel"] == {"in_person": 1, "fax": 1, "online": 1, "letter": 1}
    assert a["closed_total"] == 3 and a["replied_total"] == 3 and a["agreed"] == 1 and a["refused"] == 1
    assert a["refused.state_secret"] == 1 and a["not_exist"] == 1 and a["on_time"] == 3
    assert report.reviews["review"] == {"total": 1, "upheld": 1, "corrected": 0, "other": 0}
    assert report.reviews["complaints"] == 1
    assert report.findings == []
    assert "共收到政府信息公开申请4件，办结3件" in built.sections["一"]
    assert built.sections["六"] == "本年度依申请提供政府信息未收取费用。"


@pytest.mark.parametrize("kind", ["html", "docx", "xlsx", "pdf"])
def test_round_trip(year_2017, kind):
    built = build_report(year_2017, 2017)
    render = {"html": lambda: to_html(built.report, built.sections).encode(),
              "docx": lambda: to_docx(built.report, built.sections), "xlsx": lambda: to_xlsx(built.report),
              "pdf": lambda: to_pdf(built.report, built.sections)}[kind]
    back = read_report(render(), f"old.{kind}")
    assert back.format == "pre2019"
    for label, unit, target in PRE2019_TABLE:
        if target and not target.startswith("prose."):
            assert pre2019_value(back, target) == pre2019_value(built.report, target), (kind, label)
    assert back.prose["active_total"] == built.report.prose["active_total"]


def test_the_report_page_for_an_old_year(year_2017, client):
    client.force_login(User.objects.get(username="fgw_handler"))
    page = client.get(f"/reports/agency/{year_2017.pk}/2017/").content.decode()
    assert "政府信息公开情况统计表" in page and "表二中需要填报的数字" not in page
    assert client.get(f"/reports/agency/{year_2017.pk}/2017/report.docx").status_code == 200
