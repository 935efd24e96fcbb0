"""Catalogue workflow: draft → submitted → reviewed → published → withdrawn; 有效性 links; 解读; re-review."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gongkai.catalog import services
from gongkai.catalog.models import Item, Status
from gongkai.core.models import AuditEvent, User
from tests.catalog_helpers import make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(demo_city):
    return {u.username: u for u in User.objects.all()}


def test_full_workflow_issues_an_index_number_and_audits_each_step(demo_city, people):
    fgw = demo_city["fgw"]
    item = make_item(fgw, people["fgw_handler"], doc_number="示发改发[2026]7号", doc_kind="normative")
    assert item.status == Status.DRAFT and item.index_number is None
    assert item.doc_number == "示发改发〔2026〕7号"
    item = services.submit(people["fgw_handler"], item)
    with pytest.raises(PermissionDenied):
        services.review(people["fgw_handler"], item, True)  # a 承办人 cannot sign off
    item = services.review(people["fgw_reviewer"], item, True, "同意公开")
    assert item.secrecy_reviewer == people["fgw_reviewer"]
    item = services.publish(people["fgw_handler"], item, on=date(2026, 3, 10))
    assert item.index_number == f"{fgw.uscc}/2026-00001"
    actions = list(AuditEvent.objects.for_object(item).order_by("id").values_list("action", flat=True))
    assert actions == ["item.created", "item.submitted", "item.reviewed", "item.published"]
    # the 索引号 never changes, even if the agency's pattern changes later
    services.set_index_pattern(None, fgw, "{机构代码}/{YYYYMM}-{流水号:05d}")
    item.refresh_from_db()
    assert item.index_number == f"{fgw.uscc}/2026-00001"


def test_wrong_transitions_are_refused_in_chinese(demo_city, people):
    item = make_item(demo_city["fgw"], people["fgw_handler"])
    with pytest.raises(ValidationError) as exc:
        services.publish(people["fgw_handler"], item)
    assert "只有已审核的信息可以发布" in exc.value.message_dict["status"][0]
    services.submit(people["fgw_handler"], item)
    with pytest.raises(ValidationError) as exc:
        services.review(people["fgw_reviewer"], item, False, "")
    assert "退回时请写明原因" in exc.value.message_dict["note"][0]


def test_other_departments_staff_cannot_touch_the_item(demo_city, people):
    item = make_item(demo_city["fgw"], people["fgw_handler"])
    with pytest.raises(PermissionDenied):
        services.submit(people["jyj_handler"], item)
    with pytest.raises(PermissionDenied):
        make_item(demo_city["fgw"], people["jyj_handler"], title="越权")


@pytest.mark.parametrize("fields, field, words", [
    ({"title": ""}, "title", "名称不能为空"),
    ({"formed_date": None, "written_date": None}, "formed_date", "形成/变更日期"),
    ({"written_date": date(2026, 3, 5), "formed_date": date(2026, 3, 1)}, "formed_date", "不能早于成文日期"),
    ({"disclosure": "withheld"}, "withholding_ground", "不公开理由"),
    ({"withholding_ground": "state_secret"}, "withholding_ground", "只有公开属性为“不予公开”"),
    ({"channels": ["飞鸽传书"]}, "channels", "未知公开方式"),
])
def test_bad_input_saves_nothing(demo_city, people, fields, field, words):
    count = Item.objects.count()
    with pytest.raises(ValidationError) as exc:
        make_item(demo_city["fgw"], people["fgw_handler"], **fields)
    assert words in " ".join(exc.value.message_dict[field])
    assert Item.objects.count() == count


def test_body_is_sanitised_and_text_extracted(demo_city, people):
    item = make_item(demo_city["fgw"], people["fgw_handler"],
                     body='<p onclick="x()">第一段<script>alert(1)</script></p><p><a href="javascript:x">链接</a></p>')
    assert "script" not in item.body and "onclick" not in item.body and "javascript" not in item.body
    assert item.body_text == "第一段\n链接"


def test_withdraw_keeps_a_notice_and_amend_repeal_link_both_ways(demo_city, people, client):
    h, r = people["fgw_handler"], people["fgw_reviewer"]
    fgw = demo_city["fgw"]
    old = make_item(fgw, h, title="旧办法", publish=True, reviewer=r, doc_kind="normative")
    new = make_item(fgw, h, title="新办法", publish=True, reviewer=r, doc_kind="normative")
    services.mark_repealed(h, old, new)
    old.refresh_from_db()
    assert old.validity == "repealed" and old.repealed_by == new and old.repeal_date == new.published_date
    page = client.get(f"/disclosure/items/{new.pk}/").content.decode()
    assert "本文件废止了" in page and "旧办法" in page
    assert "已被" in client.get(f"/disclosure/items/{old.pk}/").content.decode()
    with pytest.raises(ValidationError):
        services.withdraw(r, new, "")
    services.withdraw(r, new, "内容有误，重新发布")
    response = client.get(f"/disclosure/items/{new.pk}/")
    assert response.status_code == 410 and "内容有误，重新发布" in response.content.decode()


def test_interpretations_link_both_ways_and_three_synchronies_warning(demo_city, people, client):
    h, r = people["fgw_handler"], people["fgw_reviewer"]
    policy = make_item(demo_city["fgw"], h, title="示范市促进民营经济发展若干措施", doc_kind="normative")
    assert any("三同步" in w for w in services.publication_warnings(policy))
    policy = make_item(demo_city["fgw"], h, title="若干措施（已发布）", publish=True, reviewer=r, doc_kind="normative")
    interp = make_item(demo_city["fgw"], h, title="《若干措施》政策解读", genre="政策解读", interpretation_form="expert",
                       categories=("zcjd",))
    services.link_interpretation(h, interp, policy)
    assert not any("三同步" in w for w in services.publication_warnings(policy))
    interp = make_item(demo_city["fgw"], h, title="解读二", genre="政策解读", categories=("zcjd",))
    with pytest.raises(ValidationError):
        services.link_interpretation(h, make_item(demo_city["fgw"], h, title="普通通知"), policy)
    services.link_interpretation(h, interp, policy)
    services.submit(h, interp)
    services.review(r, interp, True)
    services.publish(h, interp)
    assert "解读二" in client.get(f"/disclosure/items/{policy.pk}/").content.decode()
    assert "若干措施（已发布）" in client.get(f"/disclosure/items/{interp.pk}/").content.decode()


def test_withheld_items_come_back_for_re_review(demo_city, people):
    h, r = people["fgw_handler"], people["fgw_reviewer"]
    item = make_item(demo_city["fgw"], h, title="内部讨论记录", disclosure="withheld", withholding_ground="process_info",
                     withholding_reason="决策尚未作出的讨论记录")
    assert item.next_review_date == timezone.localdate() + timedelta(days=90)
    Item.objects.filter(pk=item.pk).update(next_review_date=timezone.localdate() - timedelta(days=1))
    due = Item.objects.filter(disclosure="withheld", next_review_date__lte=timezone.localdate())
    assert list(due) == [item]
    item = services.record_re_review(r, item, "proactive", "决定已作出，可以公开")
    assert item.disclosure == "proactive" and item.status == Status.DRAFT and item.next_review_date is None
    assert AuditEvent.objects.filter(action="item.re_reviewed", object_id=str(item.pk)).exists()


def test_art26_due_date_is_20_working_days_from_formation(demo_city, people):
    # 2026-02-10 + 20 working days, skipping the Spring Festival and counting the make-up Saturdays = 2026-03-16
    item = make_item(demo_city["fgw"], people["fgw_handler"], formed_date=date(2026, 2, 10))
    assert item.publish_due == date(2026, 3, 16) and not item.publish_due_provisional


def test_due_date_into_an_uncovered_year_is_provisional(demo_city, people):
    item = make_item(demo_city["fgw"], people["fgw_handler"], formed_date=date(2026, 12, 20))
    assert item.publish_due_provisional and item.publish_due.year == 2027


def test_table_two_counts_come_from_the_catalogue(demo_city, people):
    from gongkai.catalog.stats import document_counts
    from gongkai.core.models import Agency

    h, r = people["fgw_handler"], people["fgw_reviewer"]
    fgw = demo_city["fgw"]
    old = make_item(fgw, h, title="2024年规范性文件", publish=True, reviewer=r, doc_kind="normative",
                    published_on=date(2024, 5, 1), formed_date=date(2024, 4, 20))
    new1 = make_item(fgw, h, title="2025年规范性文件一", publish=True, reviewer=r, doc_kind="normative",
                     published_on=date(2025, 3, 1), formed_date=date(2025, 2, 20))
    make_item(fgw, h, title="2025年规范性文件二", publish=True, reviewer=r, doc_kind="normative",
              published_on=date(2025, 6, 1), formed_date=date(2025, 5, 20))
    make_item(fgw, h, title="2025年规章", publish=True, reviewer=r, doc_kind="regulation",
              published_on=date(2025, 7, 1), formed_date=date(2025, 6, 20))
    services.mark_repealed(h, old, new1, on=date(2025, 3, 1))
    assert document_counts([fgw], 2025, "normative") == (2, 1, 2)
    assert document_counts([fgw], 2024, "normative") == (1, 0, 1)
    assert document_counts([fgw], 2025, "regulation") == (1, 0, 1)
    city_tree = Agency.objects.subtree(demo_city["city"])
    assert document_counts(city_tree, 2025, "normative").issued == 2
