"""依申请公开 on the statutory clock: intake, confirmation, 补正 restart, consultation, extension, fees, outcomes."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from gongkai.applications.models import Application, State
from gongkai.applications.services import clock, intake, reply
from gongkai.core.models import AuditEvent, User

pytestmark = pytest.mark.django_db

PERSON = {"applicant_type": "natural_person", "applicant_name": "王小明", "id_kind": "居民身份证",
          "id_number": "110101199003078515", "contact_phone": "13800138000", "description": "示发改〔2026〕12号文件全文",
          "form_wanted": "电子", "delivery_wanted": "电子邮件", "consent": True}


@pytest.fixture
def staff(demo_city):
    return {u.username: u for u in User.objects.all()}


def test_online_application_waits_for_confirmation_then_runs_the_clock(demo_city, staff):
    app, password = intake.submit_online(demo_city["fgw"], PERSON)
    assert app.state == State.AWAITING_CONFIRMATION and app.due_date is None and len(password) == 10
    assert intake.check_query(app.tracking_number, password) == app
    assert intake.check_query(app.tracking_number, "WRONGPASS1") is None
    app = clock.act(staff["fgw_handler"], app, "received", date(2026, 2, 10))
    assert app.state == State.PROCESSING and app.due_date == date(2026, 3, 16)
    result = clock.clock(app, date(2026, 2, 20))
    assert "互联网渠道，以双方确认之日为收到之日" in result.steps[0]


def test_correction_restarts_consultation_pauses_extension_adds(demo_city, staff):
    h, admin = staff["fgw_handler"], staff["fgw_admin"]
    app, _ = intake.register(h, demo_city["fgw"], {k: v for k, v in PERSON.items() if k != "consent"}, "post",
                               date(2026, 3, 2))
    assert app.due_date == date(2026, 3, 30)
    app = clock.act(h, app, "correction_requested", date(2026, 3, 5), note="请补充文件的文号或发布时间")
    assert app.state == State.AWAITING_CORRECTION and app.due_date is None
    app = clock.act(h, app, "correction_received", date(2026, 3, 20))
    assert app.due_date == date(2026, 4, 20)                     # restarted from 03-20
    app = clock.act(h, app, "consultation_started", date(2026, 3, 23), party="third_party")
    assert clock.clock(app, date(2026, 3, 24)).state == "paused"
    app = clock.act(h, app, "consultation_ended", date(2026, 3, 27))
    assert app.state == State.PROCESSING and app.due_date == date(2026, 4, 24)  # 4 working days not counted
    with pytest.raises(PermissionDenied):
        clock.act(h, app, "extension_granted", date(2026, 4, 1), days=20)  # a 承办人 cannot approve
    with pytest.raises(ValidationError) as exc:
        clock.act(admin, app, "extension_granted", date(2026, 4, 1), days=25)
    assert "最长不得超过 20 个工作日" in str(exc.value)
    app = clock.act(admin, app, "extension_granted", date(2026, 4, 1), days=20)
    assert app.due_date == date(2026, 5, 26)
    app = reply.reply(h, app, date(2026, 5, 20), "partly_granted", "区分处理，涉及第三方个人信息部分不予公开")
    assert app.state == State.CLOSED and app.outcome == "partly_granted"
    kinds = list(AuditEvent.objects.for_object(app).order_by("id").values_list("action", flat=True))
    assert kinds[0] == "application.registered" and kinds[-1] == "application.replied"
    with pytest.raises(ValidationError):
        clock.act(h, app, "consultation_started", date(2026, 5, 21), party="third_party")


def test_missed_correction_and_unpaid_fee_close_with_their_rows(demo_city, staff):
    h = staff["fgw_handler"]
    data = {k: v for k, v in PERSON.items() if k != "consent"}
    app, _ = intake.register(h, demo_city["fgw"], data, "in_person", date(2026, 3, 2))
    clock.act(h, app, "correction_requested", date(2026, 3, 3), note="补充")
    app = clock.act(h, app, "correction_deadline_missed", date(2026, 3, 30))
    assert app.outcome == "other.no_correction" and app.state == State.CLOSED
    app2, _ = intake.register(h, demo_city["fgw"], data, "in_person", date(2026, 3, 2))
    with pytest.raises(ValidationError):
        clock.act(h, app2, "fee_notice_sent", date(2026, 3, 4), amount=0)
    app2 = clock.act(h, app2, "fee_notice_sent", date(2026, 3, 4), amount=100)
    assert app2.state == State.PAUSED and clock.clock(app2, date(2026, 3, 5)).fee_payment_due == date(2026, 4, 1)
    app2 = clock.act(h, app2, "fee_deadline_missed", date(2026, 4, 2))
    assert app2.outcome == "other.fee_unpaid"


def test_fee_counts_the_applicants_month(demo_city, staff):
    h = staff["fgw_handler"]
    data = {k: v for k, v in PERSON.items() if k != "consent"}
    apps = [intake.register(h, demo_city["fgw"], data, "in_person", date(2026, 3, 2))[0] for _ in range(11)]
    assert reply.fee_for(apps[0], "per_application") == 0
    assert reply.fee_for(apps[10], "per_application") == 100
    assert reply.fee_for(apps[0], "per_page", 2219) == 83460


@pytest.mark.parametrize("change, field, words", [
    ({"id_number": "110101199003078516"}, "id_number", "居民身份证号码无效"),
    ({"description": ""}, "description", "特征描述"),
    ({"applicant_type": "alien"}, "applicant_type", "申请人类型"),
    ({"applicant_type": "commercial", "id_number": "91350100M000100Y44"}, "id_number", "校验位"),
    ({"contact_phone": ""}, "contact_phone", "联系方式"),
    ({"consent": False}, "consent", "同意"),
])
def test_bad_input_saves_nothing(demo_city, change, field, words):
    with pytest.raises(ValidationError) as exc:
        intake.submit_online(demo_city["fgw"], {**PERSON, **change})
    assert words in " ".join(exc.value.message_dict[field])
    assert Application.objects.count() == 0


def test_unknown_outcome_and_stale_version(demo_city, staff):
    h = staff["fgw_handler"]
    app, _ = intake.register(h, demo_city["fgw"], {k: v for k, v in PERSON.items() if k != "consent"}, "in_person",
                               date(2026, 3, 2))
    with pytest.raises(ValidationError) as exc:
        reply.reply(h, app, date(2026, 3, 10), "granted.maybe")
    assert "办理结果不存在" in str(exc.value)
    clock.act(h, app, "consultation_started", date(2026, 3, 3), party="third_party", expected_version=app.version)
    with pytest.raises(ValidationError) as exc:   # a second clerk still holding the old page
        clock.act(h, app, "extension_granted", date(2026, 3, 4), expected_version=app.version)
    assert "已被其他工作人员修改" in str(exc.value)
    assert connection.vendor in ("sqlite", "postgresql")


def test_staff_of_another_agency_cannot_act(demo_city, staff):
    app, _ = intake.submit_online(demo_city["fgw"], PERSON)
    with pytest.raises(PermissionDenied):
        clock.act(staff["jyj_handler"], app, "received", date(2026, 3, 2))


def test_split_repeat_and_art44(demo_city, staff):
    h = staff["fgw_handler"]
    data = {k: v for k, v in PERSON.items() if k != "consent"}
    app, _ = intake.register(h, demo_city["fgw"], {**data, "description": "2025年预算；2025年决算"}, "in_person",
                               date(2026, 3, 2))
    first, second = reply.split(h, app, ["2025年部门预算", "2025年部门决算"])
    assert second.tracking_number == f"{app.tracking_number}-2" and second.due_date == first.due_date
    with pytest.raises(ValidationError):
        reply.split(h, first, ["只有一项"])
    again, _ = intake.register(h, demo_city["fgw"], {**data, "description": "2025年部门预算"}, "in_person", date(2026, 3, 9))
    flags = reply.similar_requests(again)
    assert first in flags["repeats"] and flags["month_count"] == 3
    other, _ = intake.register(h, demo_city["fgw"], {**data, "applicant_name": "李四", "description": "2025年部门预算"},
                                 "in_person", date(2026, 3, 10))
    assert first in reply.similar_requests(other)["same_information"]
    reply.reply(h, first, date(2026, 3, 20), "granted")
    item = reply.propose_proactive(h, Application.objects.get(pk=first.pk))
    assert item.status == "draft" and "第四十四条" in item.summary


def test_correction_deadline_and_single_fee_notice(demo_city, staff):
    h = staff["fgw_handler"]
    app, _ = intake.register(h, demo_city["fgw"], {k: v for k, v in PERSON.items() if k != "consent"}, "in_person",
                               date(2026, 3, 2))
    with pytest.raises(ValidationError) as exc:
        clock.act(h, app, "correction_requested", date(2026, 3, 4), note="补充", correction_due="2026-03-03")
    assert "不晚于补正告知日期" in str(exc.value)
    clock.act(h, app, "fee_notice_sent", date(2026, 3, 4), amount=100)
    with pytest.raises(ValidationError) as exc:
        clock.act(h, app, "fee_notice_sent", date(2026, 3, 5), amount=200)
    assert "只能发出一次收费通知" in str(exc.value)
    assert Application.objects.get(pk=app.pk).fee_amount == 100   # nothing half-saved


@pytest.mark.django_db(transaction=True)
def test_two_clerks_at_once_lose_no_update(demo_city):
    import threading

    from django.db import connection as conn

    h = User.objects.get(username="fgw_handler")
    app, _ = intake.register(h, demo_city["fgw"], {k: v for k, v in PERSON.items() if k != "consent"}, "in_person",
                               date(2026, 3, 2))
    version = app.version
    outcomes, barrier = [], threading.Barrier(2)

    def clerk(kind, **data):
        try:
            barrier.wait()
            clock.act(h, Application.objects.get(pk=app.pk), kind, date(2026, 3, 3), expected_version=version, **data)
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(str(exc))
        finally:
            conn.close()

    threads = [threading.Thread(target=clerk, args=("consultation_started",), kwargs={"party": "third_party"}),
               threading.Thread(target=clerk, args=("fee_notice_sent",), kwargs={"amount": 100})]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("ok") == 1 and any("已被其他工作人员修改" in o for o in outcomes)
    assert Application.objects.get(pk=app.pk).events.count() == 2  # received + exactly one of the two actions
