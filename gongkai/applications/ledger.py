"""Import a ledger of applications (台账) for migration and past years.

Required headers, exactly: 申请编号, 申请人类型 (自然人 / 商业企业 / 科研机构 / 社会公益组织 / 法律服务机构 / 其他), 收到日期,
收到渠道 (当面 / 信函 / 互联网 / 传真 / 其他), 办结日期 (blank = still open), 办理结果 (a report-data key such as
`withheld.third_party`, or its row label such as 保护第三方合法权益; blank when open), 延期 (是 / 否).
Optional: 申请人名称, 申请内容, 收费金额.
Every bad row and column is reported; the import is all-or-nothing; a 申请编号 that already exists is refused.
Imported cases are real cases: they appear in every list, count and report.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from gongkai.core import audit
from gongkai.core.law import APPLICANT_TYPES, outcome
from gongkai.documents import isolated, parse_date

from .models import Application, ClockEvent, State

REQUIRED = ["申请编号", "申请人类型", "收到日期", "收到渠道", "办结日期", "办理结果", "延期"]
OPTIONAL = ["申请人名称", "申请内容", "收费金额"]
TYPES = {label: key for key, label in APPLICANT_TYPES}
CHANNELS = {"当面": "in_person", "信函": "post", "互联网": "online", "网络": "online", "传真": "fax", "其他": "other"}


@dataclass
class LedgerReport:
    created: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)


class LedgerFailed(Exception):
    def __init__(self, report):
        super().__init__("导入失败，未保存任何数据")
        self.report = report


@dataclass
class _Entry:
    """One checked ledger row, ready to save."""
    number: str
    kind: str
    received: date
    channel: str
    closed: date | None
    chosen: object            # the law's outcome, None while the case is open
    extended: bool
    fee: int
    row: dict


def import_ledger(actor, agency, name: str, data: bytes) -> LedgerReport:
    """Check every row, then save them all in one transaction; any error saves nothing (LedgerFailed)."""
    report = LedgerReport()
    rows = _read(name, data, report)
    existing = set(Application.objects.values_list("tracking_number", flat=True))
    seen: set[str] = set()
    built = []
    for no, raw in enumerate(rows, start=2):  # row 1 is the header
        entry = _check_row(no, _clean(raw), existing, seen, report.errors)
        if entry is not None:
            built.append(entry)
    if report.errors:
        raise LedgerFailed(report)
    with transaction.atomic():
        for entry in built:
            _save(actor, agency, entry)
            report.created += 1
    return report


def _read(name: str, data: bytes, report: LedgerReport) -> list[dict]:
    try:
        rows = isolated.read_rows(name, data)
    except Exception as exc:  # a broken file is a validation error
        report.errors.append((0, "文件", f"无法读取：{exc}"))
        raise LedgerFailed(report) from exc
    if not rows:
        report.errors.append((1, "文件", "台账中没有数据行"))
        raise LedgerFailed(report)
    missing = [h for h in REQUIRED if h not in rows[0]]
    if missing:
        report.errors.append((1, "表头", f"缺少必需的列：{'、'.join(missing)}"))
        raise LedgerFailed(report)
    return rows


def _clean(raw: dict) -> dict:
    return {k.strip(): (v.strip() if isinstance(v, str) else v) for k, v in raw.items() if k}


def _date(row: dict, column: str, no: int, errors: list) -> date | None:
    try:
        return parse_date(row.get(column))
    except ValueError as exc:
        errors.append((no, column, str(exc)))
        return None


def _check_row(no: int, row: dict, existing: set[str], seen: set[str], errors: list) -> _Entry | None:
    """The row as an entry, or None after adding its errors (row number, column, message) in column order."""
    before = len(errors)
    errors.extend((no, col, "未知列") for col in row if col not in REQUIRED + OPTIONAL)
    number = _number(no, row, existing, seen, errors)
    kind = TYPES.get(str(row.get("申请人类型") or ""))
    if kind is None:
        errors.append((no, "申请人类型", f"应为 {'/'.join(TYPES)}，不是 {row.get('申请人类型')!r}"))
    received = _date(row, "收到日期", no, errors)
    if row.get("收到日期") in (None, ""):
        errors.append((no, "收到日期", "必填"))
    channel = CHANNELS.get(str(row.get("收到渠道") or ""))
    if channel is None:
        errors.append((no, "收到渠道", f"应为 当面/信函/互联网/传真/其他，不是 {row.get('收到渠道')!r}"))
    closed, chosen = _closing(no, row, received, errors)
    extended = str(row.get("延期") or "否")
    if extended not in ("是", "否"):
        errors.append((no, "延期", "应为“是”或“否”"))
    fee = _fee(no, row, errors)
    if len(errors) > before:
        return None
    return _Entry(number, kind, received, channel, closed, chosen, extended == "是", fee, row)


def _number(no: int, row: dict, existing: set[str], seen: set[str], errors: list) -> str:
    number = str(row.get("申请编号") or "")
    if not number:
        errors.append((no, "申请编号", "必填"))
    elif number in existing or number in seen:
        errors.append((no, "申请编号", f"申请编号已存在：{number}"))
    seen.add(number)
    return number


def _closing(no: int, row: dict, received: date | None, errors: list):
    """(办结日期, outcome): both given for a closed case, both blank for an open one."""
    closed = _date(row, "办结日期", no, errors)
    result_text = str(row.get("办理结果") or "")
    chosen = outcome(result_text) if result_text else None
    if result_text and chosen is None:
        errors.append((no, "办理结果", f"办理结果不存在：{result_text}"))
    if bool(closed) != bool(result_text):
        errors.append((no, "办理结果", "办结日期和办理结果须同时填写（未办结时都留空）"))
    if received and closed and closed < received:
        errors.append((no, "办结日期", "办结日期早于收到日期"))
    return closed, chosen


def _fee(no: int, row: dict, errors: list) -> int:
    try:
        return int(float(row.get("收费金额") or 0))
    except ValueError:
        errors.append((no, "收费金额", f"不是数字：{row.get('收费金额')}"))
        return 0


def _save(actor, agency, entry: _Entry) -> None:
    """One imported case: the application, its clock events as the ledger records them, the audit line."""
    chosen, row = entry.chosen, entry.row
    app = Application.objects.create(
        agency=agency, tracking_number=entry.number, applicant_type=entry.kind,
        applicant_name=str(row.get("申请人名称") or "（台账导入）")[:100],
        description=str(row.get("申请内容") or "（台账导入）"), channel=entry.channel, received_date=entry.received,
        state=State.CLOSED if chosen else State.PROCESSING, outcome=chosen.key if chosen else "",
        closed_date=entry.closed, fee_amount=entry.fee, imported=True)
    ClockEvent.objects.create(application=app, kind="received", date=entry.received, data={"channel": entry.channel})
    if entry.extended:
        ClockEvent.objects.create(application=app, kind="extension_granted", date=entry.received,
                                  data={"days": 20, "approver": "台账"}, note="台账记载：已延期")
    if chosen:
        ClockEvent.objects.create(application=app, kind="replied", date=entry.closed)
    audit.record(actor, "application.imported", app, f"台账导入：{entry.number}", agency=agency)
