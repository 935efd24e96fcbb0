"""The annual report generator: a scenario year of operations with hand-computed tables; the shared rules pass;
the outputs read back by the auditor's readers give the same data model; editing, warnings and publishing."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from gongkai.applications.services import intake, reply, review
from gongkai.core.models import AuditEvent, User
from gongkai.reports import services
from gongkai.reports.auditor import read_report
from gongkai.reports.generator import build_report
from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.reports.render import to_docx, to_html, to_pdf, to_xlsx
from gongkai.reports.reportdata import APPLICATION_ROWS, COLUMNS
from tests.catalog_helpers import make_item

pytestmark = pytest.mark.django_db

APPLICANTS = {"natural_person": ("王小明", "110101199003078515"), "commercial": ("某某科技有限公司", "91350100MA00010A19"),
              "research": ("某研究院", "12350100400000624L"), "nonprofit": ("某公益基金会", "53350100500021676T"),
              "legal_services": ("某律师事务所", "31350100E00017891T"), "other_org": ("某协会", "513501005000001380")}
# (applicant type, received, replied on, outcome): a hand-made year for 示范市发展和改革委员会
CASES = [("natural_person", date(2024, 12, 20), date(2025, 1, 10), "granted"),      # carried in, closed
         ("natural_person", date(2025, 2, 3), date(2025, 2, 20), "granted"),
         ("commercial", date(2025, 3, 3), date(2025, 3, 20), "unavailable.not_held"),
         ("research", date(2025, 4, 1), date(2025, 4, 18), "partly_granted"),
         ("nonprofit", date(2025, 5, 6), date(2025, 5, 20), "not_processed.repeat"),
         ("legal_services", date(2025, 6, 3), date(2025, 6, 20), "withheld.third_party"),
         ("other_org", date(2025, 7, 1), date(2025, 7, 15), "other.other"),
         ("natural_person", date(2025, 12, 22), None, None),                           # carried out
         ("commercial", date(2025, 11, 3), date(2026, 1, 6), "granted")]               # closed next year: carried out


def expected_table_three() -> dict:
    table = {row: {c: 0 for c in COLUMNS} for row in APPLICATION_ROWS}

    def add(row, column):
        table[row][column] += 1
        table[row]["total"] += 1
    for column, received, closed, outcome in CASES:
        add("new" if received.year == 2025 else "carried_in", column)
        if closed and closed.year == 2025:
            add(outcome, column)
            add("outcome_total", column)
        else:
            add("carried_out", column)
    return table


HAND_COMPUTED = {  # the same table written out by hand for the rows that carry numbers
    "new": {"natural_person": 2, "commercial": 2, "research": 1, "nonprofit": 1, "legal_services": 1, "other_org": 1,
            "total": 8},
    "carried_in": {"natural_person": 1, "total": 1},
    "granted": {"natural_person": 2, "total": 2},
    "outcome_total": {"natural_person": 2, "commercial": 1, "research": 1, "nonprofit": 1, "legal_services": 1,
                      "other_org": 1, "total": 7},
    "carried_out": {"natural_person": 1, "commercial": 1, "total": 2},
}


@pytest.fixture
def scenario(demo_city):
    fgw = demo_city["fgw"]
    h, r = User.objects.get(username="fgw_handler"), User.objects.get(username="fgw_reviewer")
    for column, received, closed, outcome in CASES:
        name, number = APPLICANTS[column]
        app, _ = intake.register(h, fgw, {"applicant_type": column, "applicant_name": name, "id_number": number,
                                        "contact_phone": "13800138000", "description": f"{received}申请的信息"},
                               "in_person", received)
        if closed:
            reply.reply(h, app, closed, outcome)
    review.record_review_case(h, fgw, "review", "示复〔2025〕1号", "示范市人民政府", date(2025, 6, 1), result="upheld",
                            decided_on=date(2025, 8, 1))
    review.record_review_case(h, fgw, "review", "示复〔2025〕9号", "示范市人民政府", date(2025, 11, 1))
    case = review.record_review_case(h, fgw, "litigation", "（2025）示行初3号", "示范市人民法院", date(2025, 3, 1))
    review.decide_review_case(h, case, "corrected", date(2026, 2, 1))           # decided after year end: 尚未审结
    for n, day in enumerate([date(2025, 3, 10), date(2025, 9, 1)]):
        make_item(fgw, h, title=f"规范性文件{n}", publish=True, reviewer=r, doc_kind="normative", published_on=day,
                  formed_date=day)
    make_item(fgw, h, title="关于某项政策的解读", genre="政策解读", publish=True, reviewer=r,
              published_on=date(2025, 9, 2), formed_date=date(2025, 9, 2))
    admin = User.objects.get(username="fgw_admin")
    for key, value in (("licensing.decisions", 120), ("penalty.decisions", 30), ("coercion.decisions", 2),
                       ("fees.amount_wan", "1.5")):
        services.set_manual_figure(admin, fgw, 2025, key, value, "业务系统年度统计")
    return fgw


def test_scenario_year_cell_by_cell(scenario):
    built = build_report(scenario, 2025)
    table = built.report.applications
    assert table == expected_table_three()
    for row, cells in HAND_COMPUTED.items():
        assert {c: v for c, v in table[row].items() if v} == cells
    assert built.report.reviews == {
        "review": {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2},
        "suit_direct": {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1},
        "suit_after_review": {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0}}
    assert built.report.active["normative_docs"] == {"issued": 2, "repealed": 0, "in_force": 2}
    assert built.report.active["licensing"] == {"decisions": 120} and built.report.active["fees"] == {"amount_wan": 1.5}
    assert built.report.findings == []                       # the shared rule set finds nothing
    assert "共收到政府信息公开申请8件" in built.sections["一"] and "占28.57%" in built.sections["一"]
    assert built.facts["interpretations"] == 1 and built.sections["六"] == "本年度未收取信息处理费。"


@pytest.mark.parametrize("kind", ["html", "docx", "xlsx", "pdf"])
def test_round_trip_through_the_auditor(scenario, kind):
    built = build_report(scenario, 2025)
    render = {"html": lambda: to_html(built.report, built.sections).encode(), "docx": lambda: to_docx(built.report, built.sections),
              "xlsx": lambda: to_xlsx(built.report), "pdf": lambda: to_pdf(built.report, built.sections)}[kind]
    back = read_report(render(), f"report.{kind}")
    assert back.applications == built.report.applications
    assert back.reviews == built.report.reviews
    assert back.active == built.report.active
    if kind != "xlsx":
        assert back.issuer == scenario.full_name and back.year == 2025 and back.format == "2021"
        assert back.prose["applications.received"] == 8


def test_editing_sections_keeps_numbers_bound(scenario):
    admin = User.objects.get(username="fgw_admin")
    record = services.get_or_create(admin, scenario, 2025)
    record = services.save_sections(admin, record, {"一": "本年共收到政府信息公开申请{{applications.new.total}}件。"})
    assert build_report(scenario, 2025, record=record).sections["一"] == "本年共收到政府信息公开申请8件。"
    with pytest.raises(ValidationError) as error:
        services.save_sections(admin, record, {"一": "共{{applications.nonsense.total}}件"})
    assert "applications.nonsense.total" in str(error.value)
    # a number typed by hand that contradicts the table is caught by the prose rule
    record = services.save_sections(admin, record, {"一": "本年共收到政府信息公开申请9件。"})
    built = build_report(scenario, 2025, record=record)
    assert [f.rule for f in built.errors] == ["P.numbers"]
    with pytest.raises(ValidationError, match="不能发布"):
        services.publish(User.objects.get(username="fgw_reviewer"), record)
    assert AnnualReport.objects.get(pk=record.pk).status == ReportStatus.DRAFT


def test_warnings_need_an_acknowledgement_then_publish(scenario):
    admin = User.objects.get(username="fgw_reviewer")
    from gongkai.reports.models import ManualFigure
    ManualFigure.objects.filter(key="coercion.decisions").delete()
    record = services.get_or_create(admin, scenario, 2025)
    built = build_report(scenario, 2025, record=record)
    assert [f.rule for f in built.warnings] == ["G.manual_missing"]
    with pytest.raises(ValidationError, match="未确认的警告"):
        services.publish(admin, record)
    with pytest.raises(ValidationError):
        services.acknowledge(admin, record, "G.manual_missing", "active", "  ")
    services.acknowledge(admin, record, "G.manual_missing", "active", "本机关无行政强制权")
    record = services.publish(admin, record, on=date(2026, 1, 20))
    assert record.status == ReportStatus.PUBLISHED and record.catalog_item.index_number
    assert record.catalog_item.categories.filter(code="gknb").exists()
    assert "收到和处理政府信息公开申请情况" in record.catalog_item.body
    assert 'rowspan="22"' in record.catalog_item.body        # the merged cells survive the catalogue's sanitiser
    public = read_report(record.catalog_item.body.encode(), "public.html")
    assert public.applications == record.data["applications"] and public.reviews == record.data["reviews"]
    assert record.data["applications"]["new"]["total"] == 8
    assert AuditEvent.objects.filter(action="report.published").count() == 1
    with pytest.raises(ValidationError, match="已经发布"):
        services.publish(admin, record)
    # next year: 上年结转 is checked against this published snapshot
    nxt = build_report(scenario, 2026)
    assert nxt.report.applications["carried_in"]["total"] == 2
    assert not [f for f in nxt.report.findings if f.rule == "Y.carry"]


def test_consolidated_report_equals_the_sum_of_its_parts(scenario, demo_city):
    city = demo_city["city"]
    whole = build_report(city, 2025, consolidated=True)
    parts = [build_report(agency, 2025) for agency in whole.agencies]
    for row in whole.report.applications:
        for column in COLUMNS:
            assert whole.report.applications[row][column] == sum(p.report.applications[row][column] for p in parts)
    assert whole.report.active["licensing"]["decisions"] == 120
    assert not whole.errors


def test_demo_city_builds_a_clean_report_for_every_agency(demo_city):
    for agency in demo_city.values():
        built = build_report(agency, 2025)
        # nothing but the reminder that table 二's external figures are still to be entered
        assert [f.rule for f in built.report.findings if f.rule != "G.manual_missing"] == [], (agency, built.report.findings)


def test_permissions(scenario, demo_city):
    other = User.objects.get(username="jyj_handler")
    with pytest.raises(Exception):
        services.set_manual_figure(other, scenario, 2025, "licensing.decisions", 1, "x")
    with pytest.raises(ValidationError, match="数据来源"):
        services.set_manual_figure(User.objects.get(username="fgw_admin"), scenario, 2025, "licensing.decisions", 1, " ")
    with pytest.raises(ValidationError, match="不能为负数"):
        services.set_manual_figure(User.objects.get(username="fgw_admin"), scenario, 2025, "penalty.decisions", -1, "x")
