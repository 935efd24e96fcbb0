"""The platform's holiday calendar: seed, import a new year (validated, all-or-nothing), coverage, recompute."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from gongkai.core import calendar_service
from gongkai.core.models import AuditEvent, CalendarYear, OfficialDay

pytestmark = pytest.mark.django_db

NOTICE_2027 = """# 标题: 国务院办公厅关于2027年部分节假日安排的通知
# 文号: 国办发明电〔2026〕9号
# 日期: 2026-11-04
date,kind,name
2027-01-01,休,元旦
2027-02-05,休,春节
2027-02-06,休,春节
2027-02-07,休,春节
2027-02-08,休,春节
2027-02-09,休,春节
2027-02-10,休,春节
2027-02-11,休,春节
2027-02-12,休,春节
2027-02-13,班,春节
2027-04-05,休,清明节
2027-05-01,休,劳动节
2027-05-02,休,劳动节
2027-05-03,休,劳动节
2027-05-04,休,劳动节
2027-05-05,休,劳动节
2027-04-25,班,劳动节
2027-06-09,休,端午节
2027-09-15,休,中秋节
2027-10-01,休,国庆节
2027-10-02,休,国庆节
2027-10-03,休,国庆节
2027-10-04,休,国庆节
2027-10-05,休,国庆节
2027-10-06,休,国庆节
2027-10-07,休,国庆节
2027-09-26,班,国庆节
"""


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_seeded_from_chinesecalendar():
    assert calendar_service.coverage() == (2004, 2026, [])
    assert OfficialDay.objects.filter(date=date(2026, 2, 14), kind="makeup").exists()
    assert CalendarYear.objects.get(year=2026).source == "chinesecalendar 1.11.0"
    assert "已覆盖 2004–2026 年" in run("calendar", "coverage")


def test_import_a_year_then_provisional_results_become_final(tmp_path):
    cal = calendar_service.get_calendar()
    before = cal.add_workdays(date(2026, 12, 20), 20)
    assert before.provisional
    path = tmp_path / "2027.csv"
    path.write_text(NOTICE_2027, encoding="utf-8")
    assert "已录入 2027 年节假日安排" in run("calendar", "import", str(path))
    after = calendar_service.get_calendar().add_workdays(date(2026, 12, 20), 20)
    assert not after.provisional and after.due == date(2027, 1, 18)  # 元旦 2027-01-01 no longer counted
    assert calendar_service.coverage()[1] == 2027
    assert AuditEvent.objects.filter(action="calendar.imported").count() == 1
    with pytest.raises(CommandError) as exc:
        run("calendar", "import", str(path))
    assert "已存在" in str(exc.value)
    run("calendar", "import", str(path), "--replace")
    assert OfficialDay.objects.filter(date__year=2027).count() == NOTICE_2027.count("\n2027-")


@pytest.mark.parametrize("edit, words", [
    (("2027-02-13,班,春节", "2027-02-12,班,春节"), "应为周六或周日"),
    (("2027-04-05,休,清明节\n", ""), "缺少 清明节"),
    (("2027-06-09,休,端午节", "2027-06-09,休,端午节\n2027-06-09,休,端午节"), "重复"),
    (("2027-09-15,休,中秋节", "2027-09-31,休,中秋节"), "日期无效"),
    (("2027-01-01,休,元旦", "2028-01-01,休,元旦"), "只能包含一个年度"),
    (("2027-01-01,休,元旦", "2027-01-01,放,元旦"), "类型应为"),
    (("# 标题: 国务院办公厅关于2027年部分节假日安排的通知\n", ""), "缺少通知标题"),
])
def test_bad_files_are_refused_whole(tmp_path, edit, words):
    path = tmp_path / "bad.csv"
    path.write_text(NOTICE_2027.replace(*edit), encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        run("calendar", "import", str(path))
    assert words in str(exc.value)
    assert not CalendarYear.objects.filter(year=2027).exists() and not OfficialDay.objects.filter(date__year=2027).exists()


def test_workdays_cli():
    import json

    out = run("workdays", "add", "2026-02-10", "20", "--explain")
    assert out.startswith("2026-03-16") and "春节假期不计" in out
    data = json.loads(run("workdays", "add", "2026-02-10", "20", "--json"))
    assert data["due"] == "2026-03-16" and data["provisional"] is False and len(data["steps"]) == 4
    data = json.loads(run("workdays", "add", "2026-12-20", "20", "--json"))
    assert data["provisional"] is True
    with pytest.raises(CommandError):
        run("workdays", "add", "2026-02-30", "20")


def test_clock_cli(tmp_path):
    import json

    path = tmp_path / "events.json"
    path.write_text(json.dumps({"events": [
        {"type": "received", "date": "2026-03-02", "channel": "post"},
        {"type": "consultation_started", "date": "2026-03-05", "party": "third_party"},
        {"type": "consultation_ended", "date": "2026-03-12"},
    ]}), encoding="utf-8")
    data = json.loads(run("clock", str(path), "--as-of", "2026-03-13", "--json"))
    assert data["due"] == "2026-04-07" and data["state"] == "running" and any("第三方" in s for s in data["steps"])
    path.write_text(json.dumps([{"type": "received", "date": "2026-03-02", "channel": "post"},
                                {"type": "extension_granted", "date": "2026-03-05", "days": 25, "approver": "王"}]))
    with pytest.raises(CommandError) as exc:
        run("clock", str(path))
    assert "第2个事件（延期答复）" in str(exc.value)


def test_calendar_page_imports_a_year(client, demo_city, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.core.demo import DEMO_PASSWORD

    client.post("/staff/login/", {"username": "fgw_handler", "password": DEMO_PASSWORD})
    page = client.get("/staff/calendar/?start=2026-02-10&n=20")
    assert "2026-03-16" in page.content.decode() and "录入新年度" not in page.content.decode()
    denied = client.post("/staff/calendar/", {"file": SimpleUploadedFile("2027.csv", NOTICE_2027.encode())})
    assert denied.status_code == 403
    client.post("/staff/logout/")
    client.post("/staff/login/", {"username": "gkb_admin", "password": DEMO_PASSWORD})
    response = client.post("/staff/calendar/", {"file": SimpleUploadedFile("2027.csv", NOTICE_2027.encode())})
    assert response.status_code == 302 and CalendarYear.objects.filter(year=2027).exists()
    bad = client.post("/staff/calendar/", {"file": SimpleUploadedFile("x.csv", "date,kind\n2027-13-01,休".encode())})
    assert bad.status_code == 400 and "日期无效" in bad.content.decode()


def test_workdays_api_marks_provisional_results(client):
    data = client.get("/api/v1/workdays/add", {"start": "2026-02-10", "n": 20}).json()
    assert data["due"] == "2026-03-16" and data["provisional"] is False and "春节假期不计" in " ".join(data["steps"])
    later = client.get("/api/v1/workdays/add", {"start": "2026-12-20", "n": 20}).json()
    assert later["provisional"] is True and "2027年" in later["provisional_reason"]
    bad = client.get("/api/v1/workdays/add", {"start": "2026-02-30", "n": 20})
    assert bad.status_code == 422 and "日期无效" in bad.json()["detail"]


def test_importing_a_year_recomputes_provisional_dates_everywhere(demo_city, tmp_path):
    from gongkai.applications.models import Application
    from gongkai.applications.services import intake
    from gongkai.core.models import User
    from tests.catalog_helpers import make_item

    handler = User.objects.get(username="fgw_handler")
    item = make_item(demo_city["fgw"], handler, formed_date=date(2026, 12, 20))
    app, _ = intake.register(handler, demo_city["fgw"], {
        "applicant_type": "natural_person", "applicant_name": "王小明", "id_number": "110101199003078515",
        "contact_phone": "13800138000", "description": "某文件"}, "in_person", date(2026, 11, 20))
    Application.objects.filter(pk=app.pk).update(due_provisional=True)  # as if computed before 2027 was known
    assert item.publish_due_provisional and item.publish_due == date(2027, 1, 15)
    path = tmp_path / "2027.csv"
    path.write_text(NOTICE_2027, encoding="utf-8")
    run("calendar", "import", str(path))
    item.refresh_from_db()
    app.refresh_from_db()
    assert not item.publish_due_provisional and item.publish_due == date(2027, 1, 18)
    assert not app.due_provisional and app.due_date == date(2026, 12, 18)


def test_a_change_made_by_another_process_is_seen_on_the_next_call(django_assert_max_num_queries):
    """The process-local Calendar is keyed by the database's version, read on every call: rows written by
    another process (here: straight to the tables, past this process's cache) show at once, including a
    replacement that keeps the number of years and the newest import time unchanged."""
    first = calendar_service.get_calendar()
    assert calendar_service.get_calendar() is first            # unchanged database: the cached copy
    with django_assert_max_num_queries(1):                     # …at the cost of one version query
        calendar_service.get_calendar()
    old = CalendarYear.objects.get(year=2026)
    stamp = CalendarYear.objects.order_by("-imported_at").values_list("imported_at", flat=True).first()
    old.delete()                                               # "another process" replaces 2026 …
    new = CalendarYear.objects.create(year=2026, notice_title="替换", source="test")
    OfficialDay.objects.create(year=new, date=date(2026, 3, 2), kind=OfficialDay.HOLIDAY, name="测试假日")
    CalendarYear.objects.filter(pk=new.pk).update(imported_at=stamp)   # … with a clock that is behind
    second = calendar_service.get_calendar()
    assert second is not first and not second.is_workday(date(2026, 3, 2))
