"""Numbers stated in a report's text (pure): counts by what they count, enumerations with their shares, and
percentages with the count and base they refer to. The phrase table is data: a new recurring phrase is a new
line, not new code.

Keys follow report-data.md `prose`: `active_total`, `interpretations`, `press_conferences`,
`applications.received`, and `percentages: [{"value", "of", "base"}]`. Narrative and pre-2019 reports also get
their application figures under `applications` (`received_total`, `by_channel`, old reply categories).
"""

import re

from .textparse import NUMBER, to_number

N = r"(?P<n>\d[\d,]*(?:\.\d+)?\s*万?|[零一二两三四五六七八九十百千]+(?:余|多)?)"
_PCT = re.compile(r"(?P<p>\d+(?:\.\d+)?)\s*%")

# (key, pattern): the first match in the report wins; patterns run on cleaned text with spaces removed.
PHRASES: list[tuple[str, str]] = [
    ("active_total", r"主动公开[^，,。；;:：]{0,14}?(?:信息|政务)(?:共|共计|累计)?" + N + r"条"),
    ("interpretations", r"(?:发布|解读)?政策解读(?:资料|信息|稿件|文章|材料)?(?:共|共计)?" + N + r"(?:篇|条|件)"),
    ("interpretations_higher_level", r"上级政策解读(?:信息|资料)?" + N + r"(?:篇|条)"),
    ("interpretations_own_level", r"本级政策解读(?:信息|资料)?" + N + r"(?:篇|条)"),
    ("press_conferences", r"(?:共|累计)?(?:举办|举行|召开|组织)(?:新闻发布会|发布会)(?:共|共计)?" + N + r"场"),
    ("gazette_issues", r"(?:政府公报|政报|公报)(?:《[^》]{1,16}》)?(?:共|全年共|全年)?" + N + r"期"),
    ("gazette_issues", r"(?:政府公报|政报|公报)[^。；;]{0,40}?(?:出版|编发|发行|印发|刊发|编印|共)" + N + r"期"),
    ("applications.received", r"(?:共|累计|共计)?收到(?:有效)?(?:政府信息公开申请|依申请公开(?:申请)?|申请)(?:共|共计)?" + N + r"件"),
    ("applications.replied", r"已?(?:作出|办结)?(?:政府信息公开)?答复" + N + r"件"),
    ("applications.carried_out", r"结转下年度(?:继续办理)?" + N + r"件"),
    ("normative_docs_reviewed", r"审查[^，,。；;]{0,8}?规范性文件" + N + r"件"),
    ("normative_docs_filed", r"报送备案的规范性文件" + N + r"件"),
    ("normative_docs_cleaned_up", r"清理[^，,。；;]{0,20}?" + N + r"件[^，,。；;]{0,16}规范性文件"),
    ("new_media_accounts", r"开设的(?:政务)?新媒体" + N + r"个"),
    ("new_media_with_problems", r"(?:排查出)?问题的(?:政务)?新媒体" + N + r"个"),
    ("new_media_fixed", r"已整改的(?:政务)?新媒体" + N + r"个"),
    ("hotline_items", r"(?:12345|热线)[^。；;]{0,30}?(?:受理|办理|接收|处理)[^。；;，,]{0,10}?(?:各类)?(?:诉求|事项|件)?(?:共|共计)?"
     + N + r"(?:件|个|条)"),
    ("hotline_consultations", r"(?:其中)?(?:咨询|政策咨询)(?:类)?(?:件)?" + N + r"(?:件|个|条)"),
    ("websites_migrated", r"(?:完成|迁移)[^。；;，,]{0,12}?" + N + r"(?:个|家)[^。；;，,]{0,6}?(?:网站|政府网站)[^。；;，,]{0,6}?迁移"),
    ("major_project_items", r"重大(?:建设)?项目[^。；;]{0,30}?(?:信息)" + N + r"条"),
    ("opinion_collected", r"(?:征集|收集)[^。；;，,]{0,10}?(?:意见|建议)(?:建议)?" + N + r"(?:条|件)"),
    ("opinion_answered", r"(?:答复|回复|采纳)[^。；;，,]{0,6}?" + N + r"(?:条|件)"),
    ("key_area_items", r"(?:公开)?重点领域(?:政府)?信息" + N + r"条"),
    ("decision_info", r"公开决策信息" + N + r"条"),
    ("execution_info", r"执行信息" + N + r"条"),
    ("management_info", r"管理信息" + N + r"条"),
    ("service_info", r"服务信息" + N + r"条"),
    ("result_info", r"结果信息" + N + r"条"),
    ("complaints", r"举报投诉(?:的)?(?:有|共)?" + N + r"件"),
    ("reviews.review.total", r"(?:行政复议案?|申请行政复议|行政复议案件)(?:共)?" + N + r"件"),
    ("reviews.suit.total", r"(?:行政诉讼|提起行政诉讼)(?:案件)?(?:共)?" + N + r"件"),
]
_COMPILED = [(key, re.compile(p)) for key, p in PHRASES]

# What an enumeration item names → (key, group). Groups decide where the figures go.
CHANNELS = [("in_person", r"当面"), ("fax", r"传真"), ("online", r"网络|网上|互联网|在线"), ("email", r"电子邮件|邮件"),
            ("letter", r"信函|邮寄"), ("other", r"其他(?:方式|形式|渠道)")]
OLD_CATEGORIES = [("already_public", r"已主动公开|属于已主动公开"), ("partly_agreed", r"同意部分公开|部分公开"),
                  ("agreed", r"同意公开"), ("refused", r"不予公开|不同意公开"),
                  ("not_this_organ", r"不属于(?:本)?行政机关|非本部门|不属于本行政机关"),
                  ("not_exist", r"信息不存在"), ("amend", r"更改补充"), ("other_channel", r"其他途径"),
                  ("other", r"其他情况|其他$")]
NEW_OUTCOMES = [("granted.total", r"^予以公开$"), ("partly_granted.total", r"^部分公开$"), ("withheld", r"^不予公开$"),
                ("unavailable", r"^无法提供$"), ("not_processed", r"^不予处理$"), ("other", r"^其他处理$")]
APPLICANTS = [("natural_person", r"自然人"), ("commercial", r"商业企业"), ("research", r"科研机构"),
              ("nonprofit", r"社会公益组织"), ("legal_services", r"法律服务机构")]
REFUSAL_REASONS = [("state_secret", r"国家秘密"), ("commercial_secret", r"商业秘密"), ("privacy", r"个人隐私"),
                   ("other_by_law", r"法律(?:法规)?规定(?:的)?其他情形"),
                   ("not_government_information", r"不是.{0,4}条例.{0,3}所指政府信息")]

_ITEM = re.compile(r"(?P<label>[^，,；;。:：、\d%]{1,24}?)(?:申请|提交申请|提出申请|的)?\s*(?P<n>\d[\d,]*(?:\.\d+)?)\s*"
                   r"(?P<unit>件|条|个|次|篇)(?:[，,]?\s*(?:约|大约)?占[^\d%，,；;。]{0,12}?(?P<p>\d+(?:\.\d+)?)\s*%)?")


def _num(text: str):
    number = to_number(text)
    return None if number is None else number.value


def extract(source, report) -> dict:
    """Everything the text states, from the lines that are not table rows."""
    table_lines = {row.line for row in source.rows if row.exact or len(row.cells) > 1}
    lines = [line for i, line in enumerate(source.lines) if i not in table_lines and line]
    text = "\n".join(lines)
    flat = re.sub(r"[ \t]+", "", text)
    prose: dict = {}
    for key, pattern in _COMPILED:
        match = pattern.search(flat)
        if match:
            number = to_number(match["n"])
            if number is None:
                continue
            if number.approximate and isinstance(number.value, (int, float)) and "万" in match["n"]:
                prose.setdefault(key + "_approx", number.value)
            else:
                prose.setdefault(key, number.value)
    _enumerations(flat, prose)
    fee = fees_from_text(text)
    if fee is not None:
        prose["_fees_yuan"] = fee
    return prose


def _label_key(label: str, table):
    for key, pattern in table:
        if re.search(pattern, label):
            return key
    return None


def _clean_label(label: str) -> str:
    label = re.sub(r"^[(（]?\d+[)）]|^\d+[.、]|^其中[，,:：]?|^[“\"]|^(?:包括|主要包括|主要是)[:：]?", "", label.strip())
    label = label.strip("“”\"'（）() ")
    return re.sub(r"(类信息|类|信息)$", "", label) if not label.endswith("人事信息") else label


def _enumerations(flat: str, prose: dict) -> None:
    """Lists such as "其中，当面申请511件，占45.6%；传真申请0件，占0%…": every item with its count and share."""
    percentages = prose.setdefault("percentages", [])
    for sentence in re.split(r"[。\n]", flat):
        items = []
        for m in _ITEM.finditer(sentence):
            label = _clean_label(m["label"])
            if not label:
                continue
            items.append((label, _num(m["n"]), m["unit"], float(m["p"]) if m["p"] else None, m.start()))
        if not items:
            continue
        _place_items(sentence, items, prose, percentages)
    if not percentages:
        del prose["percentages"]


def _place_items(sentence: str, items, prose: dict, percentages: list) -> None:
    apps = prose.setdefault("_applications", {})
    context_new = bool(re.search(r"新收|收到[^，,；;]{0,10}申请", sentence))
    for label, n, unit, pct, _ in items:
        key = _label_key(label, APPLICANTS)
        if key and unit == "件":
            prose.setdefault("_columns", {}).setdefault("new", {}).setdefault(key, n)
            prose.setdefault(f"applications.new.{key}", n)
            if pct is not None:
                percentages.append({"value": pct, "of": f"applications.new.{key}", "base": "applications.new.total"})
            continue
        key = _label_key(label, NEW_OUTCOMES)
        if key and unit == "件":
            prose.setdefault(f"applications.{key.removesuffix('.total')}", n)
            if pct is not None:
                percentages.append({"value": pct, "of": f"applications.{key}",
                                    "base": "applications.outcome_total.total"})
            continue
        channel = _label_key(label, CHANNELS) if re.search(r"申请|形式|渠道", label + sentence[:40]) else None
        if channel and unit == "件" and not context_new or (channel and "申请" in label):
            apps.setdefault("by_channel", {}).setdefault(channel, n)
            if pct is not None:
                prose.setdefault("channel_pct", {}).setdefault(channel, pct)
            continue
        reason = _label_key(label, REFUSAL_REASONS) if re.search(r"属于|涉及|情形|条例", label) else None
        if reason and unit == "件":
            apps.setdefault(f"refused.{reason}", n)
            continue
        categories = [k for k, p in OLD_CATEGORIES if re.search(p, label)]
        if categories and unit == "件":
            key = "_or_".join(dict.fromkeys(categories))
            key = {"amend": "told_to_amend", "other_channel": "told_other_channel"}.get(key, key)
            apps.setdefault(key, n)
            if pct is not None:
                prose.setdefault("outcome_pct", {}).setdefault(key, pct)
            continue


def stated_columns(prose: dict) -> dict[str, dict[str, int]]:
    return prose.get("_columns", {})


def fill_from_prose(report, prose: dict) -> None:
    """Narrative and pre-2019 reports: application, review and fee figures the text states."""
    apps = prose.pop("_applications", {})
    prose.pop("_columns", None)
    if report.format in ("narrative", "pre2019"):
        if "applications.received" in prose:
            report.applications.setdefault("received_total", prose["applications.received"])
        if "applications.replied" in prose:
            report.applications.setdefault("replied_total", prose["applications.replied"])
        for key, value in apps.items():
            if isinstance(value, dict):
                report.applications.setdefault(key, {}).update({k: v for k, v in value.items()
                                                                 if k not in report.applications.get(key, {})})
            else:
                report.applications.setdefault(key, value)
        for key in ("reviews.review.total", "reviews.suit.total"):
            if key in prose:
                group = key.split(".")[1]
                report.reviews.setdefault(group, {}).setdefault("total", prose.pop(key))
        if "complaints" in prose:
            report.reviews.setdefault("complaints", prose.pop("complaints"))
    fee = prose.pop("_fees_yuan", None)
    if report.fees_yuan is None:
        report.fees_yuan = fee


_NO_FEE = re.compile(r"(未|没有|均未|不)收取?(任何)?(费用|信息处理费)|(费用|收费)[^。；]{0,6}(为|是)?0元|均未收费|未收费|不收费")
_FEE = re.compile(r"(?:收取|共收取|收取了)(?:信息处理费|费用)(?:共计|共|合计)?" + r"(?P<n>" + NUMBER + r")\s*(?P<u>万?元)")


def fees_from_text(text: str):
    """Fees collected in 元 as the text states them: 0 for "未收取任何费用", the amount for "收取信息处理费共计400元"."""
    flat = re.sub(r"\s+", "", text)
    m = _FEE.search(flat)
    if m:
        value = float(m["n"].replace(",", ""))
        return value * 10000 if m["u"].startswith("万") else value
    if _NO_FEE.search(flat):
        return 0.0
    return None
