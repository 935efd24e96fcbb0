"""The annual-report data model of report-data.md (pure): one JSON shape with stable keys, shared by the generator
and the auditor. A blank cell is None (unknown), never 0; a cell the source lacks is absent."""

from dataclasses import asdict, dataclass, field
from typing import Any

from gongkai.core.law import APPLICANT_TYPES, OUTCOMES

COLUMNS = [key for key, _ in APPLICANT_TYPES] + ["total"]
COLUMN_LABELS = dict(APPLICANT_TYPES) | {"total": "总计"}
OUTCOME_ROWS = [o.key for o in OUTCOMES]
APPLICATION_ROWS = ["new", "carried_in", *OUTCOME_ROWS, "outcome_total", "carried_out"]
ROW_LABELS = {"new": "一、本年新收政府信息公开申请数量", "carried_in": "二、上年结转政府信息公开申请数量",
              **{o.key: o.label for o in OUTCOMES}, "outcome_total": "（七）总计", "carried_out": "四、结转下年度继续办理"}
REVIEW_GROUPS = {"review": "行政复议", "suit_direct": "行政诉讼·未经复议直接起诉", "suit_after_review": "行政诉讼·复议后起诉"}
REVIEW_COLUMNS = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结", "total": "总计"}


@dataclass
class ReportFinding:
    rule: str                 # stable rule name, e.g. "T3.balance"
    severity: str             # error / warning / info
    where: str                # e.g. "applications.natural_person"
    message: str              # Chinese, naming the cells
    expected: Any = None
    found: Any = None

    def to_json(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None or k in ("rule", "severity", "where", "message")}


@dataclass
class ReportData:
    issuer: str | None = None
    year: int | None = None
    format: str = "2021"      # 2021 / 2019 / pre2019 / narrative
    script: str = "hans"
    active: dict = field(default_factory=dict)
    applications: dict = field(default_factory=dict)
    reviews: dict = field(default_factory=dict)
    fees_yuan: float | None = None
    prose: dict = field(default_factory=dict)
    findings: list[ReportFinding] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: dict) -> "ReportData":
        known = {k: data[k] for k in ("issuer", "year", "format", "script", "active", "applications", "reviews",
                                      "fees_yuan", "prose") if k in data}
        report = cls(**known)
        report.findings = [ReportFinding(**f) for f in data.get("findings", [])]
        return report

    def to_json(self) -> dict:
        data = {k: getattr(self, k) for k in ("issuer", "year", "format", "script", "active", "applications", "reviews",
                                               "fees_yuan", "prose")}
        data["findings"] = [f.to_json() for f in self.findings]
        return data
