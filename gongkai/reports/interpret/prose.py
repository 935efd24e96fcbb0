"""Numbers stated in a report's text (pure): counts by what they count, enumerations with their shares, and
percentages with the count and base they refer to. The phrase table is data: a new recurring phrase is a new
line, not new code.

Keys follow report-data.md `prose`: `active_total`, `interpretations`, `press_conferences`,
`applications.received`, and `percentages: [{"value", "of", "base"}]`. Narrative and pre-2019 reports also get
their application figures under `applications` (`received_total`, `by_channel`, old reply categories).
"""

import re

from .rows import source_from_blocks
from .textparse import NUMBER, to_number

N = r"(?:约|近|逾|达|超过)?(?P<n>\d[\d,]*(?:\.\d+)?\s*万?|[零一二两三四五六七八九十百千]+(?:余|多)?)"

# (key, pattern): the first match in the report wins; patterns run on cleaned text with spaces removed.
PHRASES: list[tuple[str, str]] = [
    ("active_total", r"主动公开[^，,。；;:：]{0,14}?(?:信息|政务)(?:共|共计|累计)?" + N + r"条"),
    ("interpretations", r"(?:发布|共发布|印发|编发)政策解读(?:资料|信息|稿件|文章|材料)?(?:共|共计)?" + N + r"(?:篇|条|件)"),
    ("interpretations", r"(?:发布|解读)?政策解读(?:资料|信息|稿件|文章|材料)?(?:共|共计)?" + N + r"(?:篇|条|件)"),
    ("interpretations_higher_level", r"上级政策解读(?:信息|资料)?" + N + r"(?:篇|条)"),
    ("interpretations_own_level", r"本级政策解读(?:信息|资料)?" + N + r"(?:篇|条)"),
    ("press_conferences", r"(?:共|累计)?(?:举办|举行|召开|组织)(?:新闻发布会|发布会)(?:共|共计)?" + N + r"场"),
    ("gazette_issues", r"(?:政府公报|政报|公报)(?:《[^》]{1,16}》)?(?:共|全年共|全年)?" + N + r"期"),
    ("gazette_issues", r"(?:政府公报|政报|公报)[^。；;]{0,40}?(?:出版|编发|发行|印发|刊发|编印|共)" + N + r"期"),
    ("applications.received", r"(?:共|累计|共计)?收到(?:有效)?(?:政府信息公开申请|依申请公开(?:申请)?|申请)(?:共|共计)?" + N + r"件"),
    ("applications.replied", r"(?:已|已经)(?:作出|办结)?(?:政府信息公开)?答复" + N + r"件"),
    ("applications.replied", r"作出(?:政府信息公开)?答复" + N + r"件"),
    ("applications.replied", r"(?:共|已|全部)?办结(?:政府信息公开)?(?:申请)?" + N + r"件"),
    ("applications.carried_out", r"结转下年度(?:继续办理)?" + N + r"件"),
    ("applications.carried_in", r"上年(?:度)?结转(?:政府信息公开)?(?:申请)?" + N + r"件"),
    ("normative_docs_reviewed", r"审查[^，,。；;]{0,8}?规范性文件" + N + r"件"),
    ("normative_docs_filed", r"报送备案的规范性文件" + N + r"件"),
    ("normative_docs_cleaned_up", r"清理[^，,。；;]{0,20}?" + N + r"件[^，,。；;]{0,16}规范性文件"),
    ("new_media_accounts", r"开设的(?:政务)?新媒体" + N + r"个"),
    ("new_media_with_problems", r"(?:排查出)?问题的(?:政务)?新媒体" + N + r"个"),
    ("new_media_fixed", r"已整改的(?:政务)?新媒体" + N + r"个"),
    ("hotline_consultations", r"(?:其中)?(?:咨询|政策咨询)(?:类)?(?:件)?" + N + r"(?:件|个|条)"),
    ("websites_migrated", r"网站(?:共)?" + N + r"(?:个|家)(?:全部)?迁移"),
    ("major_project_items", r"重大(?:建设)?项目[^。；;]{0,30}?(?:信息)" + N + r"条"),
    ("opinion_collected", r"(?:搜集|收集)(?:网络)?舆情" + N + r"件"),
    ("opinion_answered", r"回复(?:网络)?舆情" + N + r"件"),
    ("hotline_items", r"受理(?:市民)?反映(?:的)?(?:有效)?事项" + N + r"件"),
    ("hotline_answered_on_the_spot", r"当场答复" + N + r"件"),
    ("hotline_answered_on_the_spot_pct", r"当场答复\d[\d,]*件[，,]?占(?P<n>\d+(?:\.\d+)?)%"),
    ("gazette_issues", r"(?:政府公报|政报)[^\n]{0,80}?(?:全年共|全年|共)(?:出版|编发|发行|印发|刊发|编印)" + N + r"期"),
    ("opinion_collected", r"(?:征集|收集|收到)[^。；;，,]{0,10}?(?:意见|建议)(?:建议)?(?:共)?" + N + r"(?:条|件)"),
    ("opinion_answered", r"(?:答复|回复|采纳)[^。；;，,]{0,6}?" + N + r"(?:条|件)"),
    ("key_area_items", r"(?:公开)?重点领域(?:政府)?信息" + N + r"条"),
    ("decision_info", r"公开决策信息" + N + r"条"),
    ("execution_info", r"执行信息" + N + r"条"),
    ("management_info", r"管理信息" + N + r"条"),
    ("service_info", r"服务信息" + N + r"条"),
    ("result_info", r"结果信息" + N + r"条"),
    ("complaints", r"举报投诉(?:的)?(?:有|共)?" + N + r"件"),
    ("press_conferences_city", r"以(?:市|县|区)政府(?:新闻办(?:公室)?)?(?:的)?名义(?:召开|举办|举行)(?:新闻发布会)?" + N + r"场"),
    ("press_conferences_led_by_head", r"主要负责(?:人|同志)(?:出席|参加|主持)(?:新闻发布会)?" + N + r"(?:次|场)"),
    ("press_conferences_departments_counties", r"(?:市直|县直)?部门和(?:县市区|县区|乡镇)(?:共)?(?:举办|召开|举行)(?:新闻发布会)?"
     + N + r"场"),
    ("applications/received_by_level/city", r"市本级(?:共)?收到(?:申请)?" + N + r"件"),
    ("applications/received_by_level/city_departments", r"含市政府(?:工作)?部门" + N + r"件"),
    ("applications/received_by_level/counties", r"县市区(?:政府)?(?:共)?收到(?:申请)?" + N + r"件"),
    ("privacy_sweep/websites", N + r"个(?:政府)?网站\d+个[^。；;，,]{0,16}?专栏中[\d.]+万?条"),
    ("privacy_sweep/columns", r"\d+个(?:政府)?网站" + N + r"个[^。；;，,]{0,16}?专栏中[\d.]+万?条"),
    ("privacy_sweep/items", r"\d+个(?:政府)?网站\d+个[^。；;，,]{0,16}?专栏中" + N + r"条"),
    ("reviews.review.total", r"(?:行政复议案?|申请行政复议|行政复议案件)(?:共)?" + N + r"件"),
    ("reviews.suit.total", r"(?:行政诉讼|提起行政诉讼)(?:案件)?(?:共)?" + N + r"件"),
    ("hotline_items", r"(?:12345|热线)[^。；;]{0,30}?(?:受理|办理|接收|处理)[^。；;，,]{0,10}?(?:各类)?(?:诉求|事项|件)?(?:共|共计)?"
     + N + r"(?:件|个|条)"),
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

_QUOTED_ITEM = re.compile(r"[“\"](?P<label>[^”\"]{1,60})[”\"]\s*(?P<n>\d[\d,]*)\s*(?P<unit>件|条|个|次|篇)"
                          r"(?:[，,]?\s*(?:约|大约)?占[^\d%，,；;。]{0,12}?(?P<p>\d+(?:\.\d+)?)\s*%)?")
_ITEM = re.compile(r"(?P<label>(?:\d{3,6})?[^，,；;。:：、\d%]{1,24}?)(?:申请|提交申请|提出申请|的)?\s*(?P<n>\d[\d,]*(?:\.\d+)?)\s*"
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
            context = flat[max(0, match.start("n") - 2):match.end("n") + 1]     # 约/近/逾 before, 余/多 after
            if number.approximate or re.search(r"[约近逾]|余|多", context):
                prose.setdefault(key + "_approx", number.value)   # 三十余件, 约2.8万条: never compared exactly
            else:
                prose.setdefault(key, number.value)
    for key in [k for k in prose if "/" in k]:         # grouped figures: privacy_sweep/items → {"privacy_sweep": …}
        head, *path = key.split("/")
        target = prose.setdefault("_nested" if head == "applications" else head, {})
        if head == "applications":
            target = target.setdefault(path[0], {})
            path = path[1:]
        target[path[-1]] = prose.pop(key)
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
    label = re.sub(r"^[(（]?\d+[)）]|^\d+[.、]|^其中[，,:：]?|^[“\"]|^(?:包括|主要包括|主要是|分别是|以)[:：]?", "",
                   label.strip())
    label = label.strip("“”\"'（）() ")
    return re.sub(r"(类信息|类)$", "", label)


# A parent count followed by "其中" and items in the same unit: the breakdown is named after the parent.
_PARENT = re.compile(r"(?P<what>[^，,；;。]{0,30}?)(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<wan>万)?(?P<unit>条|件|个)[，,。]?其中[，,:：]?")
BREAKDOWN_NAMES = [("key_area_breakdown", r"重点领域"), ("hotline_breakdown", r"热线|12345"),
                   ("active_breakdown", r"主动公开|公开政务|公开政府信息|公开信息")]


def _breakdown(sentence: str, items, prose: dict) -> None:
    for parent in _PARENT.finditer(sentence):
        after = []
        for item in items:
            if item[4] < parent.start("unit") or item[2] != parent["unit"]:
                continue
            if after and re.search(r"[；;]", sentence[after[-1][5]:item[4]]) and (after[-1][3] is None or item[3] is None):
                break                            # a new clause: the list ended (lists with shares run across ；)
            after.append(item)
        name = _label_key(parent["what"], BREAKDOWN_NAMES) or _label_key(" ".join(i[0] for i in after),
                                                                         BREAKDOWN_NAMES[1:2])
        if name is None or name in prose:
            continue
        if len(after) < 2:
            continue
        prose[name] = {label: n for label, n, *_ in after}
        pcts = {label: p for label, n, u, p, *_ in after if p is not None}
        if pcts:
            prose[name + "_pct"] = pcts
        total = to_number(parent["n"] + (parent["wan"] or ""))
        prose.setdefault("breakdown_of", {})[name] = None if total is None else {
            "value": total.value, "approximate": total.approximate}


_SHARE = re.compile(r"[“\"](?P<name>[^”\"]{1,8})[”\"]占(?P<p>\d+(?:\.\d+)?)%")
_RATE = re.compile(r"(?P<name>[\u4e00-\u9fff]{1,10}率)(?:为|达|达到|是)?(?P<p>\d+(?:\.\d+)?)%")


def _plain(value: float):
    return int(value) if value.is_integer() else value


def _rates(sentence: str, prose: dict) -> None:
    shares = {m["name"]: _plain(float(m["p"])) for m in _SHARE.finditer(sentence)}
    if shares and "满意" in sentence:
        prose.setdefault("satisfaction_pct", shares)
    rates = {re.sub(r"^.*(?:工单|类)", "", m["name"]): float(m["p"]) for m in _RATE.finditer(sentence)}
    if not rates:
        return
    if re.search(r"热线|12345", sentence) and len(rates) > 1:
        prose.setdefault("hotline_rates_pct", rates)
    elif re.search(r"政民互动|互动", sentence) and any("回应率" in k or "回复率" in k for k in rates):
        value = next(v for k, v in rates.items() if "回应率" in k or "回复率" in k)
        prose.setdefault("interaction_response_rate_pct", int(value) if value.is_integer() else value)


def _enumerations(flat: str, prose: dict) -> None:
    """Lists such as "其中，当面申请511件，占45.6%；传真申请0件，占0%…": every item with its count and share."""
    percentages = prose.setdefault("percentages", [])
    for sentence in re.split(r"。(?![，,]?其中)|\n", flat):
        items = []
        quoted = [(m.start(), m.end()) for m in _QUOTED_ITEM.finditer(sentence)]
        for m in _QUOTED_ITEM.finditer(sentence):
            items.append((_clean_label(m["label"]), _num(m["n"]), m["unit"], float(m["p"]) if m["p"] else None,
                          m.start(), m.end()))
        for m in _ITEM.finditer(sentence):
            if any(a <= m.start("n") < b for a, b in quoted):
                continue
            label = _clean_label(m["label"])
            if not label:
                continue
            items.append((label, _num(m["n"]), m["unit"], float(m["p"]) if m["p"] else None, m.start(), m.end()))
        items.sort(key=lambda item: item[4])
        _breakdown(sentence, items, prose)
        _rates(sentence, prose)
        if not items:
            continue
        _place_items(sentence, items, prose, percentages)
    if not percentages:
        del prose["percentages"]


def _place_items(sentence: str, items, prose: dict, percentages: list) -> None:
    apps = prose.setdefault("_applications", {})
    for label, n, unit, pct, *_ in items:
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
        channel = _label_key(label, CHANNELS) if re.search(r"申请", sentence) else None
        if channel and unit == "件":
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


# The reader's working keys: figures on their way into the tables (fill_from_prose), not part of `prose`.
WORKING_KEYS = ("_columns", "_applications", "_nested", "_fees_yuan")


def stated_figures(lines: list[str]) -> dict:
    """The figures a text states, under report-data `prose` keys only. The generator reads its own sections back
    with this, so that a number typed by hand into the text is checked against the tables like any report's."""
    stated = extract(source_from_blocks(lines), None)
    for key in WORKING_KEYS:
        stated.pop(key, None)
    return stated


def stated_columns(prose: dict) -> dict[str, dict[str, int]]:
    return prose.get("_columns", {})


def fill_from_prose(report, prose: dict) -> None:
    """Narrative and pre-2019 reports: application, review and fee figures the text states."""
    apps = prose.pop("_applications", {})
    nested = prose.pop("_nested", {})
    prose.pop("_columns", None)
    if report.format in ("narrative", "pre2019"):
        # the new-format group names in an old report: 不予公开 is the old 不同意公开
        if "applications.withheld" in prose and "refused" not in apps:
            apps["refused"] = prose.pop("applications.withheld")
            for pct in prose.get("percentages", []):
                if pct["of"] == "applications.withheld":
                    prose.setdefault("outcome_pct", {})["refused"] = pct["value"]
            prose["percentages"] = [p for p in prose.get("percentages", []) if p["of"] != "applications.withheld"]
            if not prose["percentages"]:
                del prose["percentages"]
        if "applications.received" in prose:
            report.applications.setdefault("received_total", prose["applications.received"])
        if "applications.replied" in prose:
            report.applications.setdefault("replied_total", prose["applications.replied"])
        for key, value in nested.items():
            report.applications.setdefault(key, value)
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
