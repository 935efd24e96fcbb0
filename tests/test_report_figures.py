"""Report figures from the platform's records, in the report-data.md shape (tables 二, 三, 四 and fees)."""

from datetime import date

import pytest

from gongkai.applications.services import intake, reply, review
from gongkai.core.models import Agency, User
from gongkai.reports.figures import report_figures
from tests.catalog_helpers import make_item

pytestmark = pytest.mark.django_db


def test_figures_for_an_agency_and_its_government(demo_city):
    h, r = User.objects.get(username="fgw_handler"), User.objects.get(username="fgw_reviewer")
    make_item(demo_city["fgw"], h, title="规范性文件", publish=True, reviewer=r, doc_kind="normative",
              published_on=date(2025, 5, 1), formed_date=date(2025, 4, 20))
    data = {"applicant_type": "commercial", "applicant_name": "某公司", "id_number": "91350100M000100Y43",
            "contact_phone": "0591-1234567", "description": "某项目批复"}
    app, _ = intake.register(h, demo_city["fgw"], data, "post", date(2025, 3, 2))
    reply.reply(h, app, date(2025, 3, 20), "unavailable.not_held")
    review.record_review_case(h, demo_city["fgw"], "review", "示复〔2025〕1号", "示范市人民政府", date(2025, 6, 1),
                                application=app, result="upheld", decided_on=date(2025, 8, 1))
    review.record_review_case(h, demo_city["fgw"], "litigation", "（2025）示行初2号", "法院", date(2025, 11, 1))
    fig = report_figures([demo_city["fgw"]], 2025, demo_city["fgw"].full_name)
    assert fig["active"]["normative_docs"] == {"issued": 1, "repealed": 0, "in_force": 1}
    assert fig["applications"]["new"]["commercial"] == 1
    assert fig["applications"]["unavailable.not_held"]["total"] == 1
    assert fig["reviews"]["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}
    assert fig["reviews"]["suit_direct"]["pending"] == 1 and fig["format"] == "2021"
    city = report_figures(Agency.objects.subtree(demo_city["city"]), 2025, "示范市人民政府")
    assert city["applications"]["new"]["total"] == 1   # 全市 figures include the departments
