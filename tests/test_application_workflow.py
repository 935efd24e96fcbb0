"""Application states as a transition table: the services refuse what the table does not allow, the case page
offers only what it allows, a refused action re-shows the page with the typed values and the reason beside the field,
every staff view reads its case through permissions, and 身份证 numbers are checked by stdnum."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.applications.models import Application, ClockEvent, State
from gongkai.applications.services import clock, intake, reply
from gongkai.applications.services.intake import resident_id_valid
from gongkai.applications.workflow import ACTION_LABELS, CASE, CLOCK_ACTIONS, STATE_LABELS
from gongkai.core import labels
from gongkai.core.demo import DEMO_PASSWORD
from gongkai.core.models import User

DATA = {"applicant_type": "natural_person", "applicant_name": "王小明", "id_kind": "居民身份证",
        "id_number": "110101199003078515", "contact_phone": "13800138000", "description": "示发改〔2026〕12号文件全文"}


def test_the_table_knows_every_state_of_the_model():
    assert set(STATE_LABELS) == set(State.values) == CASE.states()
    assert dict(State.choices) == STATE_LABELS
    assert CASE.actions_from(State.CLOSED) == []
    assert CASE.actions_from(State.AWAITING_CONFIRMATION) == ["received", "attach", "split"]


@pytest.mark.parametrize("state, action, allowed", [
    ("awaiting", "received", True),
    ("awaiting", "correction_requested", False),
    ("awaiting", "replied", False),
    ("processing", "received", False),
    ("processing", "correction_requested", True),
    ("processing", "correction_received", False),
    ("correction", "correction_received", True),
    ("correction", "correction_deadline_missed", True),
    ("correction", "extension_granted", False),
    ("correction", "replied", True),
    ("paused", "consultation_ended", True),
    ("paused", "fee_paid", True),
    ("paused", "replied", True),
    ("closed", "replied", False),
    ("closed", "attach", False),
])
def test_allowed_actions(state, action, allowed):
    assert CASE.can(state, action) is allowed


def test_every_clock_action_has_an_event_label():
    kinds = [f"application.{kind}" for kind in CLOCK_ACTIONS]
    assert labels.missing("event", kinds) == []
    assert [labels.label("event", f"application.{k}") for k in CLOCK_ACTIONS] == [ACTION_LABELS[k] for k in CLOCK_ACTIONS]
    assert labels.label("clock", "correction_requested") == "补正告知"


@pytest.fixture
def staff(demo_city):
    return {u.username: u for u in User.objects.all()}


# (actions on the days after registration, the state after each) — the table's targets, as the clock settles them.
SEQUENCES = [
    ([("correction_requested", {"note": "补充"}), ("correction_received", {})], ["correction", "processing"]),
    ([("consultation_started", {"party": "third_party"}), ("consultation_ended", {})], ["paused", "processing"]),
    ([("fee_notice_sent", {"amount": 100}), ("fee_paid", {})], ["paused", "processing"]),
    ([("consultation_started", {"party": "other_organ"}), ("correction_requested", {"note": "补充"}),
      ("correction_deadline_missed", {})], ["paused", "correction", "closed"]),
    ([("deferred", {"due": "2099-06-30", "reason": "数量较大"})], ["processing"]),
]


@pytest.mark.django_db
@pytest.mark.parametrize("steps, states", SEQUENCES)
def test_states_follow_the_table(staff, demo_city, steps, states):
    h, start = staff["fgw_handler"], timezone.localdate() - timedelta(days=5)
    app, _ = intake.register(h, demo_city["fgw"], DATA, "in_person", start)
    assert app.state == State.PROCESSING
    for day, ((kind, data), state) in enumerate(zip(steps, states), start=1):
        before = app.state
        app = clock.act(h, app, kind, start + timedelta(days=day), **data)
        assert app.state == state
        assert CASE.target(before, kind) in (state, "processing", "paused")


@pytest.mark.django_db
def test_services_refuse_what_the_table_does_not_allow(staff, demo_city):
    from django.core.exceptions import ValidationError

    h = staff["fgw_handler"]
    app, _ = intake.submit_online(demo_city["fgw"], {**DATA, "consent": True})
    with pytest.raises(ValidationError) as exc:
        clock.act(h, app, "correction_requested", date(2026, 3, 2), note="补充")
    assert exc.value.message_dict["action"] == ["当前状态为“待确认收到”，不能补正告知"]
    app = clock.act(h, app, "received", date(2026, 3, 2))
    app = reply.reply(h, app, date(2026, 3, 3), "unavailable.not_held")
    with pytest.raises(ValidationError) as exc:
        reply.split(h, app, ["甲", "乙"])
    assert "已办结" in exc.value.message_dict["action"][0]
    with pytest.raises(ValidationError) as exc:
        clock.act(h, app, "bogus", date(2026, 3, 3))
    assert exc.value.message_dict["action"] == ["未知操作：bogus"]


@pytest.mark.django_db
def test_case_page_offers_only_allowed_actions_and_keeps_typed_values(client, staff, demo_city):
    h = staff["fgw_handler"]
    app, _ = intake.register(h, demo_city["fgw"], DATA, "in_person", date(2026, 3, 2))
    client.post("/staff/login/", {"username": "fgw_handler", "password": DEMO_PASSWORD})
    page = client.get(f"/staff/applications/{app.pk}/").content.decode()
    assert 'value="received"' not in page and 'value="correction_requested"' in page
    assert "收到申请" in page   # the timeline shows the clock event's label, not its code
    events = ClockEvent.objects.count()
    refused = client.post(f"/staff/applications/{app.pk}/act/", {"action": "correction_requested",
                          "date": "2026-03-04", "note": "   ", "days": "7", "version": app.version})
    body = refused.content.decode()
    assert refused.status_code == 400
    assert 'id="id_note-error"' in body and "请一次性写明需要补正的内容" in body
    assert 'name="days" value="7"' in body
    assert ClockEvent.objects.count() == events and Application.objects.get(pk=app.pk).state == State.PROCESSING
    extension = {"action": "extension_granted", "date": "2026-03-04", "days": "abc", "version": app.version}
    assert client.post(f"/staff/applications/{app.pk}/act/", extension).status_code == 403   # a handler is no approver
    approver = Client()
    approver.post("/staff/login/", {"username": "fgw_admin", "password": DEMO_PASSWORD})
    bad_days = approver.post(f"/staff/applications/{app.pk}/act/", extension)
    assert bad_days.status_code == 400 and 'id="id_days-error"' in bad_days.content.decode()
    done = client.post(f"/staff/applications/{app.pk}/act/", {"action": "consultation_started",
                       "date": timezone.localdate().isoformat(),
                       "party": "third_party", "version": app.version})
    assert done.status_code == 302 and Application.objects.get(pk=app.pk).state == State.PAUSED


@pytest.mark.django_db
@pytest.mark.parametrize("method, path", [
    ("get", "/staff/applications/{pk}/"),
    ("post", "/staff/applications/{pk}/act/"),
    ("get", "/staff/applications/{pk}/archive.pdf"),
    ("get", "/staff/applications/{pk}/id-proof/"),
    ("get", "/staff/applications/{pk}/letters/{letter}.pdf"),
])
def test_staff_views_check_the_case(client, staff, demo_city, method, path):
    app, _ = intake.register(staff["fgw_handler"], demo_city["fgw"], DATA, "in_person", date(2026, 3, 2))
    app = clock.act(staff["fgw_handler"], app, "correction_requested", date(2026, 3, 3), note="补充")
    letter = app.letters.get()
    client.post("/staff/login/", {"username": "jyj_handler", "password": DEMO_PASSWORD})
    call = getattr(client, method)
    assert call(path.format(pk=app.pk, letter=letter.pk), {"action": "received"} if method == "post" else None) \
        .status_code == 403
    assert call(path.format(pk=app.pk + 1000, letter=letter.pk)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["received", "reply", "correction_requested", "extension_granted"])
def test_another_agencys_closed_case_is_403_not_its_state(client, staff, demo_city, action):
    """Staff of another agency learn nothing of a case, not even that it is closed (已办结)."""
    app, _ = intake.register(staff["fgw_handler"], demo_city["fgw"], DATA, "in_person", date(2026, 3, 2))
    app = reply.reply(staff["fgw_handler"], app, date(2026, 3, 5), "not_processed.petition", "信访事项")
    assert app.state == State.CLOSED
    client.post("/staff/login/", {"username": "jyj_handler", "password": DEMO_PASSWORD})
    response = client.post(f"/staff/applications/{app.pk}/act/", {"action": action, "date": "2026-03-06"})
    assert response.status_code == 403 and "已办结" not in response.content.decode()


# (number, accepted) — 18 characters, a real birth date, the GB 11643 check digit.
RESIDENT_IDS = [
    ("110101199003078515", True),
    ("110101199003078516", False),   # check digit
    ("11010519000101001X", True),
    ("11010519000101001x", True),
    ("110105200002290013", True),    # 2000-02-29 exists
    ("110105200102290010", False),   # 2001-02-29 does not
    ("110101199013078519", False),   # month 13
    ("11010119900307851", False),    # 17 characters
    ("110101900307851", False),      # the old 15-digit number is not accepted
    ("", False),
]


@pytest.mark.parametrize("number, accepted", RESIDENT_IDS)
def test_resident_id_numbers(number, accepted):
    assert resident_id_valid(number) is accepted
