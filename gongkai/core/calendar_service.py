"""The platform's own holiday calendar: import a year from the State Council notice, build the pure Calendar.

Import file format (UTF-8 text or CSV; lines starting with # are metadata or comments):
    # 标题: 国务院办公厅关于2027年部分节假日安排的通知
    # 文号: 国办发明电〔2026〕7号
    # 日期: 2026-11-04
    date,kind,name
    2027-01-01,休,元旦
    2027-02-06,班,春节
`kind`: 休 / 放假 / holiday for a day off; 班 / 上班 / makeup for a weekend working day. One year per file.
Validation: every date in that one year and real; a 调休上班日 falls on a Saturday or Sunday; a holiday is not a
weekend-free duplicate of itself (no date twice); every statutory holiday (元旦、春节、清明节、劳动节、端午节、中秋节、
国庆节) has at least one day off. All-or-nothing.
"""

import csv
import io
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max

from . import audit
from .models import CalendarYear, OfficialDay
from .workdays import HOLIDAY, MAKEUP, Calendar
from .workdays import OfficialDay as PureDay

REQUIRED_HOLIDAYS = ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]
KIND_WORDS = {"休": HOLIDAY, "放假": HOLIDAY, "holiday": HOLIDAY, "班": MAKEUP, "上班": MAKEUP, "makeup": MAKEUP}
META_KEYS = {"标题": "title", "title": "title", "文号": "number", "number": "number", "日期": "date", "date": "date"}

# Functions called after a year is imported, to recompute provisional due dates (apps register in ready()).
PROVISIONAL_HOOKS: list = []

# A process-local copy of the Calendar, keyed by the database's calendar version. Safe across processes because
# every get_calendar() call reads the version from the database first (one aggregate query), so a year imported
# by another process is seen on that process's next call. The version is (number of years, highest year id):
# years are only ever inserted or deleted whole (import_notice; a replacement deletes and re-inserts), never
# edited in place, and ids only grow (PostgreSQL sequences, SQLite AUTOINCREMENT), so any change since the copy
# was built shows in the count or in the highest id — unlike a timestamp, which another server's clock can set
# backwards. A copy built from rows newer than its version key is merely rebuilt once more.
_cache: tuple[tuple, Calendar] | None = None


def _version() -> tuple:
    agg = CalendarYear.objects.aggregate(n=Count("id"), top=Max("id"), last=Max("imported_at"))
    return (agg["n"], agg["top"]), agg["last"]


def get_calendar() -> Calendar:
    """The Calendar built from the database, rebuilt only when a year was added, replaced or removed."""
    global _cache
    version, last_import = _version()
    cached = _cache
    if cached is None or cached[0] != version:
        days = [PureDay(d, k, n) for d, k, n in OfficialDay.objects.values_list("date", "kind", "name")]
        years = frozenset(CalendarYear.objects.values_list("year", flat=True))
        label = f"{len(years)}年，更新于{last_import:%Y-%m-%d %H:%M}" if last_import else ""
        cached = _cache = (version, Calendar(days, years, version=label))
    return cached[1]


def coverage() -> tuple[int, int, list[int]] | None:
    """(first year, last year, missing years in between) or None when empty."""
    years = sorted(CalendarYear.objects.values_list("year", flat=True))
    if not years:
        return None
    missing = [y for y in range(years[0], years[-1] + 1) if y not in years]
    return years[0], years[-1], missing


def parse_notice(text: str) -> tuple[dict, list[tuple[int, date, str, str]]]:
    """Returns (metadata, [(line number, date, kind, name)]). Raises ValidationError naming the line."""
    meta: dict[str, str] = {}
    rows = []
    errors = []
    body_lines = []
    for no, line in enumerate(text.splitlines(), 1):
        stripped = line.strip().lstrip("\ufeff")
        if not stripped:
            continue
        if stripped.startswith("#"):
            key, sep, value = stripped.lstrip("#").strip().partition(":")
            if not sep:
                key, sep, value = stripped.lstrip("#").strip().partition("：")
            if sep and key.strip() in META_KEYS:
                meta[META_KEYS[key.strip()]] = value.strip()
            continue
        body_lines.append((no, stripped))
    for no, line in body_lines:
        cells = next(csv.reader(io.StringIO(line)))
        cells = [c.strip() for c in cells]
        if cells[:2] == ["date", "kind"] or cells[:2] == ["日期", "类型"]:
            continue
        if len(cells) < 2:
            errors.append(f"第{no}行：应为“日期,类型,节日”")
            continue
        try:
            day = date.fromisoformat(cells[0])
        except ValueError:
            errors.append(f"第{no}行：日期无效 {cells[0]!r}（应为存在的日期，格式 YYYY-MM-DD）")
            continue
        kind = KIND_WORDS.get(cells[1])
        if kind is None:
            errors.append(f"第{no}行：类型应为“休”或“班”，不是 {cells[1]!r}")
            continue
        rows.append((no, day, kind, cells[2] if len(cells) > 2 else ""))
    if errors:
        raise ValidationError({"file": errors})
    return meta, rows


def validate_year(meta: dict, rows) -> int:
    errors = []
    if not rows:
        raise ValidationError({"file": ["文件中没有任何日期"]})
    years = {d.year for _, d, _, _ in rows}
    if len(years) != 1:
        raise ValidationError({"file": [f"一个文件只能包含一个年度，文件中有：{'、'.join(str(y) for y in sorted(years))}"]})
    year = years.pop()
    seen: dict[date, int] = {}
    for no, d, kind, name in rows:
        if d in seen:
            errors.append(f"第{no}行：{d} 与第{seen[d]}行重复")
        seen[d] = no
        if kind == MAKEUP and d.weekday() < 5:
            errors.append(f"第{no}行：调休上班日 {d} 是星期{'一二三四五'[d.weekday()]}，应为周六或周日")
    names = {name for _, _, kind, name in rows if kind == HOLIDAY}
    missing = [h for h in REQUIRED_HOLIDAYS if not any(h.rstrip("节") in n for n in names)]
    if missing:
        errors.append(f"{year}年安排不完整：缺少 {'、'.join(missing)} 的放假日期")
    if not meta.get("title"):
        errors.append("缺少通知标题（# 标题: 国务院办公厅关于…年部分节假日安排的通知）")
    if meta.get("date"):
        try:
            date.fromisoformat(meta["date"])
        except ValueError:
            errors.append(f"通知日期无效：{meta['date']}")
    if errors:
        raise ValidationError({"file": errors})
    return year


def import_notice(actor, text: str, source: str, replace: bool = False) -> CalendarYear:
    """Validate, then save the whole year in one transaction (or nothing); then recompute provisional dates.
    A platform-level power (it moves every agency's deadlines): `actor` None is the command line."""
    from . import permissions

    if actor is not None and not permissions.can_manage_platform(actor):
        raise PermissionDenied(permissions.PLATFORM_ONLY)
    meta, rows = parse_notice(text)
    year = validate_year(meta, rows)
    with transaction.atomic():
        existing = CalendarYear.objects.select_for_update().filter(year=year).first()
        if existing and not replace:
            raise ValidationError({"file": [f"{year}年的节假日安排已存在（来源：{existing.source}）；如需替换请使用 --replace"]})
        before = None
        if existing:
            before = {"source": existing.source, "days": existing.days.count()}
            existing.delete()
        cy = CalendarYear.objects.create(year=year, notice_title=meta["title"], notice_number=meta.get("number", ""),
                                         notice_date=date.fromisoformat(meta["date"]) if meta.get("date") else None,
                                         source=source[:100])
        OfficialDay.objects.bulk_create(OfficialDay(year=cy, date=d, kind=k, name=n) for _, d, k, n in rows)
        audit.record(actor, "calendar.imported", cy, f"录入{year}年节假日安排（{len(rows)}天）：{cy.notice_title}",
                     before=before, after={"source": cy.source, "days": len(rows)})
    for hook in PROVISIONAL_HOOKS:
        hook()
    return cy


def seed_from_chinesecalendar(apps=None) -> int:
    """Load 2004–2026 from the pinned chinesecalendar package (used by the data migration)."""
    from .workdays import chinesecalendar_days

    Year = apps.get_model("core", "CalendarYear") if apps else CalendarYear
    Day = apps.get_model("core", "OfficialDay") if apps else OfficialDay
    days, years = chinesecalendar_days()
    created = 0
    for y in sorted(years):
        if Year.objects.filter(year=y).exists():
            continue
        cy = Year.objects.create(year=y, notice_title=f"国务院办公厅关于{y}年部分节假日安排的通知",
                                 source="chinesecalendar 1.11.0")
        Day.objects.bulk_create(Day(year=cy, date=d.day, kind=d.kind, name=d.name) for d in days if d.day.year == y)
        created += 1
    return created
