"""The shared rule set: one case per rule firing and not firing; generated figures always pass."""

import copy
from datetime import date

import pytest

from gongkai.reports.reportdata import APPLICATION_ROWS, COLUMNS, ReportData
from gongkai.reports.rules import RULES, check


def good() -> ReportData:
    apps = {row: {c: 0 for c in COLUMNS} for row in APPLICATION_ROWS}
    for row, n in (("new", 5), ("carried_in", 1), ("granted", 3), ("withheld.third_party", 1), ("outcome_total", 4),
                   ("carried_out", 2)):
        apps[row]["natural_person"] = n
        apps[row]["total"] = n
    reviews = {"review": {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2}}
    active = {"normative_docs": {"issued": 2, "repealed": 1, "in_force": 10}}
    return ReportData(issuer="示范市发展和改革委员会", year=2025, applications=apps, reviews=reviews, active=active)


def names(findings):
    return sorted({f.rule for f in findings})


def test_a_consistent_report_passes_and_every_rule_is_named():
    assert check(good()) == []
    assert {name for name, _, _ in RULES} == {"T3.cells", "T3.row_total", "T3.outcomes", "T3.balance", "T4.total",
                                             "Y.carry", "Y.in_force", "P.numbers", "P.percent", "P.breakdown",
                                             "R.art50", "T2.issuer", "O.sums", "T4.cells", "Y.items", "R.format_year"}


@pytest.mark.parametrize("edit, rule, words", [
    (lambda r: r.applications["new"].update(total=6), "T3.row_total", "≠ 总计 6"),
    (lambda r: r.applications["granted"].update(natural_person=-1, total=-1), "T3.cells", "非负整数"),
    (lambda r: r.applications["outcome_total"].update(natural_person=5, total=5), "T3.outcomes", "（七）总计 5"),
    (lambda r: r.applications["carried_out"].update(natural_person=3, total=3), "T3.balance", "新收 5 + 上年结转 1"),
    (lambda r: r.reviews["review"].update(total=3), "T4.total", "行政复议"),
])
def test_each_rule_fires(edit, rule, words):
    report = good()
    edit(report)
    findings = [f for f in check(report) if f.rule == rule]
    assert findings and words in findings[0].message and findings[0].severity == "error"


def test_blank_cells_are_unknown_not_zero():
    report = good()
    report.applications["carried_out"]["natural_person"] = None
    assert "T3.balance" not in names(check(report)) or all(f.where != "applications.natural_person" for f in report.findings)


def test_across_years():
    last = good()
    last.year, last.active = 2024, {"normative_docs": {"issued": 1, "repealed": 0, "in_force": 9}}
    last.applications["carried_out"].update(natural_person=1, total=1)   # carried into 2025
    this = good()
    assert check(this, last) == []
    this.applications["carried_in"]["natural_person"] = 3
    assert "Y.carry" in names(check(this, last))
    this = good()
    this.active["normative_docs"]["in_force"] = 12
    found = [f for f in check(this, last) if f.rule == "Y.in_force"]
    assert found and found[0].severity == "warning" and found[0].expected == 10


def test_json_round_trip():
    report = good()
    check(copy.deepcopy(report))
    data = report.to_json()
    assert ReportData.from_json(data).to_json() == data
    assert set(data) == {"issuer", "year", "format", "script", "active", "applications", "reviews", "fees_yuan", "prose",
                         "findings"}


@pytest.mark.django_db
def test_generated_figures_pass_the_rules(demo_city):
    from gongkai.applications.services import intake, reply
    from gongkai.core.models import User
    from gongkai.reports.figures import report_figures

    h = User.objects.get(username="fgw_handler")
    data = {"applicant_type": "natural_person", "applicant_name": "王小明", "id_number": "110101199003078515",
            "contact_phone": "13800138000", "description": "某文件"}
    for n, day in enumerate([date(2024, 12, 20), date(2025, 2, 1), date(2025, 12, 30)]):
        app, _ = intake.register(h, demo_city["fgw"], data, "in_person", day)
        if n < 2:
            reply.reply(h, app, date(2025, 3, 1 + n), "granted")
    this = ReportData.from_json(report_figures([demo_city["fgw"]], 2025, "x"))
    last = ReportData.from_json(report_figures([demo_city["fgw"]], 2024, "x"))
    assert check(this, last) == []


def test_item_chain_between_2019_format_years():
    last = ReportData(year=2019, format="2019", active={"licensing": {"prev_items": 253, "change": 23, "decisions": 9}})
    this = ReportData(year=2020, format="2019", active={"licensing": {"prev_items": 270, "change": 0, "decisions": 9}})
    found = [f for f in check(this, last) if f.rule == "Y.items"]
    assert found and found[0].expected == 276 and found[0].found == 270
    this.active["licensing"]["prev_items"] = 276
    assert not [f for f in check(this, last) if f.rule == "Y.items"]


def test_review_cells_must_be_counts():
    report = good()
    report.reviews["review"]["other"] = -1
    report.reviews["review"]["total"] = 1
    assert "T4.cells" in names(check(report))


@pytest.mark.parametrize("year, fmt, fires", [(2021, "2019", True), (2020, "2021", True), (2022, "2021", False),
                                              (2019, "2019", False), (2018, "2019", True)])
def test_format_must_fit_the_year(year, fmt, fires):
    report = good()
    report.year, report.format = year, fmt
    assert ("R.format_year" in names(check(report))) == fires


@pytest.mark.parametrize("issuer, fires", [("示范市临江镇人民政府", True), ("示范市青山县人民政府", True),
                                           ("示范市东城区教育局", True), ("示范市人民政府", False),
                                           ("广西壮族自治区人民政府", False), ("示范市司法局", False)])
def test_regulations_from_an_issuer_that_cannot_make_them(issuer, fires):
    report = good()
    report.issuer, report.active = issuer, {"regulations": {"issued": 1, "repealed": 0, "in_force": 3}}
    assert ("T2.issuer" in names(check(report))) == fires
