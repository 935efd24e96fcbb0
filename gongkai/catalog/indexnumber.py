"""索引号 patterns (pure, no Django).

A pattern is a template with these fields:
  {机构代码}        the agency's 统一社会信用代码, else its 组织机构代码 (also {orgCode})
  {组织机构代码}    9-char organisation code (from the USCC's characters 9–17 when only a USCC is held)
  {统一社会信用代码} 18-char code
  {行政区划代码}    the agency's division code
  {分类}            the item's 信息分类 code
  {YYYY} {YYYYMM} {YYYYMMDD}  from the publication date
  {流水号:05d}      the serial, zero-padded to the given width (also {seq:05d})
The serial runs per agency per year, or per month when the pattern holds {YYYYMM} / per day with {YYYYMMDD}.
"""

from dataclasses import dataclass
from datetime import date

import regex

DEFAULT_PATTERN = "{机构代码}/{YYYY}-{流水号:05d}"
MONTHLY_PATTERN = "{机构代码}/{YYYYMM}-{流水号:05d}"

_FIELD = regex.compile(r"\{([^{}:]+)(?::0?(\d+)d)?\}")
_SERIAL = {"流水号", "seq"}
_KNOWN = {"机构代码", "orgCode", "组织机构代码", "统一社会信用代码", "行政区划代码", "分类", "YYYY", "YYYYMM", "YYYYMMDD", *_SERIAL}


@dataclass(frozen=True)
class AgencyCodes:
    uscc: str = ""
    org_code: str = ""
    division_code: str = ""


def pattern_error(pattern: str) -> str | None:
    """None when the pattern is usable, else a Chinese reason."""
    fields = [m[1] for m in _FIELD.finditer(pattern or "")]
    unknown = [f for f in fields if f not in _KNOWN]
    if unknown:
        return f"索引号模式含未知字段：{'、'.join(unknown)}"
    if not any(f in _SERIAL for f in fields):
        return "索引号模式必须包含流水号字段，如 {流水号:05d}"
    if not any(f in ("YYYY", "YYYYMM", "YYYYMMDD") for f in fields):
        return "索引号模式必须包含年份字段 {YYYY}、{YYYYMM} 或 {YYYYMMDD}，流水号按年（月、日）编排"
    if len(render(pattern, AgencyCodes("9" * 18, "9" * 9, "9" * 12), date(2026, 12, 31), 99999, "X" * 10)) > 100:
        return "索引号过长（超过100个字符）"
    return None


def serial_period(pattern: str, day: date) -> str:
    """The counter a serial belongs to: '2026', '202611' or '20261123'."""
    fields = {m[1] for m in _FIELD.finditer(pattern)}
    if "YYYYMMDD" in fields:
        return day.strftime("%Y%m%d")
    if "YYYYMM" in fields:
        return day.strftime("%Y%m")
    return day.strftime("%Y")


def render(pattern: str, codes: AgencyCodes, day: date, serial: int, category_code: str = "") -> str:
    org = codes.org_code or (codes.uscc[8:17] if len(codes.uscc) == 18 else "")
    values = {
        "机构代码": codes.uscc or codes.org_code, "orgCode": codes.uscc or codes.org_code,
        "组织机构代码": org, "统一社会信用代码": codes.uscc, "行政区划代码": codes.division_code,
        "分类": category_code, "YYYY": day.strftime("%Y"), "YYYYMM": day.strftime("%Y%m"),
        "YYYYMMDD": day.strftime("%Y%m%d"),
    }

    def sub(m):
        name, width = m[1], m[2]
        if name in _SERIAL:
            return str(serial).zfill(int(width or 1))
        return values[name]

    return _FIELD.sub(sub, pattern)
