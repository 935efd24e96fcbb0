"""Sections 一, 五, 六 of a generated report: editable text whose numbers are placeholders bound to the data (pure).

`{{applications.new.total}}` prints a cell; `{{pct applications.granted.total applications.outcome_total.total}}`
prints a percentage rounded half-up at the configured precision; `{{fees_sentence}}` and other facts come from the
build. An edit to the data changes the text, so prose and tables cannot drift apart; an unknown placeholder is an
error when the text is saved, not a blank in the published report.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from .formats import FORMAT_2021, FORMATS, show

PLACEHOLDER = re.compile(r"\{\{\s*(?:(?P<pct>pct)\s+)?(?P<path>[\w.]+)(?:\s+(?P<base>[\w.]+))?\s*\}\}")
PERCENT_DECIMALS = 2     # [unverified] precision of printed percentages: configurable

EDITABLE = ("一", "五", "六")

DEFAULTS = {
    "一": ("{{year}}年，{{issuer}}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外。\n\n"
          "（一）主动公开。全年主动公开政府信息{{active_total}}条，发布政策解读{{interpretations}}篇；"
          "制发行政规范性文件{{active.normative_docs.issued}}件，现行有效{{active.normative_docs.in_force}}件。\n\n"
          "（二）依申请公开。全年共收到政府信息公开申请{{applications.new.total}}件，上年结转{{applications.carried_in.total}}件；"
          "作出答复{{applications.outcome_total.total}}件，其中予以公开{{applications.granted.total}}件，"
          "占{{pct applications.granted.total applications.outcome_total.total}}%；"
          "结转下年度继续办理{{applications.carried_out.total}}件。\n\n"
          "（三）行政复议和行政诉讼。因政府信息公开被申请行政复议{{reviews.review.total}}件，被提起行政诉讼{{suits_total}}件。"),
    "五": ("（一）存在的主要问题\n\n政策解读的形式还不够丰富，依申请公开答复的说理性有待加强。\n\n"
          "（二）改进情况\n\n下一步将丰富解读形式，加强答复文书的审核，提升政府信息公开工作质量。"),
    "六": "{{fees_sentence}}",
}


class UnknownPlaceholder(ValueError):
    pass


def _lookup(data: dict, path: str):
    value = data
    for part in path.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, dict) and path in data:      # flat keys such as "applications.received"
            return data[path]
        else:
            raise UnknownPlaceholder(path)
    return value


def percent(count, base, decimals: int = PERCENT_DECIMALS) -> str:
    if not base:
        return "0"
    exact = Decimal(count) * 100 / Decimal(base)
    return str(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def _plain(value) -> str:
    """A number in running text: as printed in the tables (formats.show), "—" for a blank."""
    return show(value) or "—"


def render(template: str, data: dict) -> str:
    """Fill the placeholders from `data` (report-data JSON plus facts). Raises UnknownPlaceholder."""
    def one(match):
        if match["pct"]:
            return percent(_lookup(data, match["path"]) or 0, _lookup(data, match["base"]) or 0)
        return _plain(_lookup(data, match["path"]))
    return PLACEHOLDER.sub(one, template)


def validate(template: str, data: dict) -> list[str]:
    """Placeholders the data cannot fill (empty list: the template is fine)."""
    bad = []
    for match in PLACEHOLDER.finditer(template):
        for path in filter(None, (match["path"], match["base"])):
            try:
                _lookup(data, path)
            except UnknownPlaceholder:
                bad.append(path)
    return bad


DEFAULTS_PRE2019 = {
    "一": ("{{year}}年，{{issuer}}认真贯彻落实《中华人民共和国政府信息公开条例》。全年主动公开政府信息{{active_total}}条，"
          "共收到政府信息公开申请{{applications.received_total}}件，办结{{applications.closed_total}}件；"
          "因政府信息公开被申请行政复议{{reviews.review.total}}件，被提起行政诉讼{{reviews.suit.total}}件。"),
    "五": DEFAULTS["五"],
    "六": "{{fees_sentence}}",
}


def titles(fmt: str) -> dict[str, str]:
    """Section headings of a format (formats.py owns them)."""
    return {f.key: f for f in FORMATS}.get(fmt, FORMAT_2021).headings


def defaults(fmt: str) -> dict[str, str]:
    return DEFAULTS_PRE2019 if fmt == "pre2019" else DEFAULTS
