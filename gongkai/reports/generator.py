"""The annual report generator: the report-data model filled straight from the platform's records (figures.py and
the figures staff entered), sections 一, 五, 六 bound to it through their {{placeholders}}, checked with the shared
rule set (rules.py). Reads only; the state changes are in services.py.

The sections are read back with the auditor's prose reader (interpret.prose.stated_figures) for one reason: a
number typed by hand into the text is checked against the tables like any published report's.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Sum

from gongkai.core.models import Agency

from . import sections
from .figures import figures_for_year, published_counts
from .formats import FormatError, ReportFormat, format_for_year
from .interpret.prose import stated_figures
from .models import MANUAL_KEYS, MANUAL_LABELS, AnnualReport, ManualFigure, ReportStatus
from .reportdata import ReportData, ReportFinding
from .rules import check


@dataclass
class Built:
    report: ReportData
    sections: dict[str, str]             # rendered text of 一, 五, 六
    facts: dict
    agencies: list = field(default_factory=list)
    templates: dict[str, str] = field(default_factory=dict)     # the section texts with their placeholders
    placeholders: dict = field(default_factory=dict)            # what the placeholders are bound to

    @property
    def format(self) -> ReportFormat:
        return format_for_year(self.report.year)

    @property
    def errors(self) -> list[ReportFinding]:
        return [f for f in self.report.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[ReportFinding]:
        return [f for f in self.report.findings if f.severity == "warning"]


def scope(agency: Agency, consolidated: bool) -> list[Agency]:
    return list(Agency.objects.subtree(agency)) if consolidated else [agency]


def issuer_name(agency: Agency, consolidated: bool) -> str:
    return agency.full_name


def manual_keys(fmt: ReportFormat) -> list[tuple[str, str]]:
    """(key, label) of the table 二 figures staff enter for a format: its table 二 cells the platform cannot count."""
    cells = set(fmt.table_two_cells)
    return [(key, label) for key, label in MANUAL_KEYS if key in cells]


def manual_figures(agencies, year: int, fmt: ReportFormat) -> dict:
    """Table 二 figures staff entered (summed over the agencies for a consolidated report); None where not entered."""
    sums = dict(ManualFigure.objects.filter(agency__in=agencies, year=year).values("key").annotate(v=Sum("value"))
                .values_list("key", "v"))
    active: dict = {}
    for key, _ in manual_keys(fmt):
        block, column = key.split(".")
        value = sums.get(key)
        if value is not None:
            value = float(value) if column == "amount_wan" else int(value)
        active.setdefault(block, {})[column] = value
    return active


def facts(report: ReportData, active_total: int, interpretations: int) -> dict:
    """The figures and sentences the sections print besides the tables' cells."""
    fees = report.fees_yuan or 0
    if report.format == "pre2019":
        return {"year": report.year, "issuer": report.issuer, "active_total": active_total,
                "fees_sentence": f"本年度依申请提供政府信息收取费用共计{fees:g}元。" if fees else
                "本年度依申请提供政府信息未收取费用。"}
    return {
        "year": report.year,
        "issuer": report.issuer,
        "active_total": active_total,
        "interpretations": interpretations,
        "suits_total": sum((report.reviews.get(g) or {}).get("total") or 0 for g in ("suit_direct", "suit_after_review")),
        "fees_sentence": (f"本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费共计"
                          f"{fees:g}元。" if fees else "本年度未收取信息处理费。"),
    }


def previous_published(agency: Agency, year: int, consolidated: bool) -> ReportData | None:
    last = AnnualReport.objects.filter(agency=agency, year=year - 1, consolidated=consolidated,
                                       status=ReportStatus.PUBLISHED).first()
    return ReportData.from_json(last.data) if last and last.data else None


def bind_sections(templates: dict[str, str], values: dict) -> tuple[dict[str, str], list[str]]:
    """(rendered text of each editable section, placeholders nothing fills). A section with an unknown placeholder
    is shown as written."""
    rendered, unknown = {}, []
    for key in sections.EDITABLE:
        try:
            rendered[key] = sections.render(templates[key], values)
        except sections.UnknownPlaceholder as exc:
            rendered[key] = templates[key]
            unknown.append(str(exc))
    return rendered, unknown


def _year_format(year: int) -> ReportFormat:
    try:
        return format_for_year(year)
    except FormatError:
        raise ValidationError({"year": "《政府信息公开条例》自2008年5月1日起施行，没有更早的年度报告"}) from None


def build_report(agency: Agency, year: int, consolidated: bool = False, record: AnnualReport | None = None) -> Built:
    """The report for an agency (or, consolidated, the agency and everything under it) and a year, checked."""
    fmt = _year_format(year)
    agencies = scope(agency, consolidated)
    report = ReportData.from_json(figures_for_year(agencies, year, issuer_name(agency, consolidated)))
    for block, cells in manual_figures(agencies, year, fmt).items():
        report.active.setdefault(block, {}).update(cells)
    if fmt.key == "pre2019":
        counts = report.prose["active_total"], report.prose["interpretations"]
    else:
        counts = published_counts(agencies, year)
    the_facts = facts(report, *counts)
    templates = {**sections.defaults(fmt.key), **((record.sections if record else None) or {})}
    values = {**{k: v for k, v in report.to_json().items() if k != "findings"}, **the_facts}
    rendered, unknown = bind_sections(templates, values)
    if fmt.key == "pre2019":
        check(report)
    else:
        report.prose = stated_figures([line for key in sections.EDITABLE for line in rendered[key].split("\n")])
        report.prose.update({"active_total": counts[0], "interpretations": counts[1]})
        check(report, previous_published(agency, year, consolidated))
    missing = [MANUAL_LABELS[f"{block}.{column}"] for block, cells in report.active.items()
               for column, value in cells.items() if value is None and f"{block}.{column}" in MANUAL_LABELS]
    if missing:
        report.findings.append(ReportFinding("G.manual_missing", "warning", "active",
                                             f"表二以下数字尚未填报（无此类事项请填 0）：{'、'.join(missing)}", found=missing))
    if unknown:
        report.findings.insert(0, ReportFinding("G.placeholders", "error", "sections",
                                                f"正文中有无法识别的数据占位符：{'、'.join(unknown)}"))
    return Built(report, rendered, the_facts, agencies, templates, values)
