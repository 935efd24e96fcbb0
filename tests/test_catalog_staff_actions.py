"""The staff item page offers what the workflow table allows for the person's rights; each action is one form, and
a refusal comes back beside its field with what was typed kept."""

import pytest

from gongkai.catalog import services
from gongkai.core.models import User
from tests.catalog_helpers import make_item

pytestmark = pytest.mark.django_db


def item_in(state, demo_city, **fields):
    h, r = User.objects.get(username="fgw_handler"), User.objects.get(username="fgw_reviewer")
    item = make_item(demo_city["fgw"], h, publish=state in ("published", "withdrawn"), reviewer=r, **fields)
    if state in ("submitted", "reviewed"):
        item = services.submit(h, item)
    if state == "reviewed":
        item = services.review(r, item, True)
    if state == "withdrawn":
        item = services.withdraw(r, item, "内容有误")
    return item


FORM_OF = {"edit": "/edit/", "submit": "/submit/", "attach": "/attach/", "review": "/review/", "publish": "/publish/",
           "withdraw": "/withdraw/", "supersede": "/supersede/", "link": "/link/", "re_review": "/re_review/"}

OFFERED = [
    ("draft", "fgw_handler", {"edit", "submit", "attach"}),
    ("draft", "fgw_reviewer", set()),
    ("submitted", "fgw_handler", {"edit", "attach"}),
    ("submitted", "fgw_reviewer", {"review"}),
    ("reviewed", "fgw_handler", {"publish"}),
    ("reviewed", "fgw_reviewer", set()),
    ("published", "fgw_handler", {"supersede"}),
    ("published", "fgw_reviewer", {"withdraw"}),
    ("published", "fgw_viewer", set()),
    ("withdrawn", "fgw_handler", set()),
    ("withdrawn", "gkb_admin", set()),
    ("submitted", "gkb_admin", {"edit", "attach", "review"}),
]


@pytest.mark.parametrize("state, username, offered", OFFERED)
def test_the_page_offers_the_tables_actions_for_the_persons_rights(as_user, demo_city, state, username, offered):
    item = item_in(state, demo_city)
    html = as_user(username).get(f"/staff/catalog/{item.pk}/").content.decode()
    shown = {action for action, tail in FORM_OF.items() if f'"/staff/catalog/{item.pk}{tail}"' in html}
    assert shown == offered


def test_interpretation_link_and_re_review_depend_on_the_item_not_its_status(as_user, demo_city):
    interp = item_in("draft", demo_city, genre="政策解读", categories=("zcjd",))
    assert f"/staff/catalog/{interp.pk}/link/" in as_user("fgw_handler").get(f"/staff/catalog/{interp.pk}/").content.decode()
    withheld = item_in("draft", demo_city, disclosure="withheld", withholding_ground="process_info",
                       withholding_reason="讨论记录")
    html = as_user("fgw_reviewer").get(f"/staff/catalog/{withheld.pk}/").content.decode()
    assert f"/staff/catalog/{withheld.pk}/re_review/" in html


REFUSALS = [
    # state, user, action, posted, field id, words beside the field, text kept
    ("published", "fgw_reviewer", "withdraw", {"reason": ""}, "id_reason", "撤回时请写明原因", None),
    ("submitted", "fgw_reviewer", "review", {"decision": "return", "note": "  "}, "id_note", "退回时请写明原因", None),
    ("submitted", "fgw_reviewer", "review", {"note": "看过了"}, "id_decision", "请选择审核结论", "看过了"),
    ("published", "fgw_handler", "supersede", {"action": "amended", "by_index_number": "没有这个号"},
     "id_by_index_number", "没有索引号为 没有这个号 的信息", "没有这个号"),
    ("published", "fgw_handler", "supersede", {"action": "amended", "by_index_number": ""},
     "id_by_index_number", "请填写修改文件的索引号", None),
    ("draft", "fgw_handler", "attach", {}, "id_file", "请选择要上传的文件", None),
    ("draft", "fgw_handler", "link", {"index_number": "不存在的号"}, "id_index_number", "没有索引号为 不存在的号 的信息",
     "不存在的号"),
    ("draft", "fgw_reviewer", "re_review", {"outcome": "keep"}, "id_rr_note", "请填写复审意见", None),
]


# the items on which the page offers these forms
OFFERED_ON = {"link": {"genre": "政策解读", "categories": ("zcjd",)},
              "re_review": {"disclosure": "withheld", "withholding_ground": "process_info", "withholding_reason": "讨论记录"}}


@pytest.mark.parametrize("state, username, action, posted, field_id, words, kept", REFUSALS)
def test_a_refusal_is_shown_beside_its_field_with_the_input_kept(as_user, demo_city, state, username, action, posted,
                                                                   field_id, words, kept):
    item = item_in(state, demo_city, **OFFERED_ON.get(action, {}))
    response = as_user(username).post(f"/staff/catalog/{item.pk}/{action}/", posted)
    html = response.content.decode()
    assert response.status_code == 400
    assert f'id="{field_id}-error">{words}' in html
    if kept:
        assert kept in html
    item.refresh_from_db()
    assert item.status == state


def test_a_refusal_without_a_field_of_its_own_goes_to_the_top(as_user, demo_city):
    interp = item_in("draft", demo_city, genre="政策解读", categories=("zcjd",))
    policy = item_in("published", demo_city)
    ok = as_user("fgw_handler").post(f"/staff/catalog/{interp.pk}/link/", {"index_number": policy.index_number},
                                     follow=True)
    assert f"已关联：{policy.title}" in ok.content.decode()
    self_link = as_user("fgw_handler").post(f"/staff/catalog/{policy.pk}/link/", {"index_number": policy.index_number})
    # the policy is no 政策解读: the service refuses (field "interprets" is not on the form) — shown at the top
    assert self_link.status_code == 400 and "体裁不是政策解读" in self_link.content.decode()
    not_withheld = as_user("fgw_reviewer").post(f"/staff/catalog/{policy.pk}/re_review/", {"outcome": "keep", "note": "看"})
    assert not_withheld.status_code == 400 and "只有不予公开的信息需要定期复审" in not_withheld.content.decode()


def test_a_successful_action_goes_back_to_the_item(as_user, demo_city):
    item = item_in("draft", demo_city)
    response = as_user("fgw_handler").post(f"/staff/catalog/{item.pk}/submit/")
    assert response.status_code == 302 and response["Location"] == f"/staff/catalog/{item.pk}/"
    item.refresh_from_db()
    assert item.status == "submitted"


@pytest.mark.parametrize("username, action, status", [
    ("jyj_handler", "submit", 403),      # another department's item
    ("fgw_reviewer", "submit", 403),     # a 审核人 does not 承办
    ("fgw_handler", "review", 403),      # a 承办人 does not sign off
])
def test_actions_read_the_item_through_the_permission_check(as_user, demo_city, username, action, status):
    item = item_in("draft" if action == "submit" else "submitted", demo_city)
    assert as_user(username).post(f"/staff/catalog/{item.pk}/{action}/", {"decision": "approve"}).status_code == status


def test_unknown_item_is_404_for_page_action_and_api(as_user, demo_city):
    client = as_user("fgw_handler")
    assert client.get("/staff/catalog/999999/").status_code == 404
    assert client.post("/staff/catalog/999999/submit/").status_code == 404
    assert client.get("/staff/catalog/999999/edit/").status_code == 404
