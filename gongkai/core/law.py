"""The law's vocabulary, in one pure module (no Django import).

Everything the 《政府信息公开条例》 (2019) names and every app counts with: the closed set of outcomes (办理结果,
one per row of table 三 of the annual report, keys of report-data.md), applicant types (the columns of table 三),
the grounds for withholding (arts. 14–16), how an application reaches the agency (收到渠道), the ways of
challenging a reply (table 四) and a catalogue item's 公开属性. Apps, the report model, the generator and the
auditor import these names from here; deployments do not edit them (they follow the law, not local practice).

The outcome → reply-type → legal-basis mapping is [unverified] (law.md §7). 区分处理 (art. 37) counts only as
部分公开.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Outcome:
    key: str        # report-data.md row key
    label: str      # the row label as printed in table 三
    reply: str      # 答复类型 (art. 36 / 37 / 39 …)
    basis: str      # 法律依据 cited in the reply letter


_ACT = "《中华人民共和国政府信息公开条例》"

OUTCOMES = [
    Outcome("granted", "（一）予以公开", "予以公开", f"{_ACT}第三十六条第（一）项、第（二）项"),
    Outcome("partly_granted", "（二）部分公开", "部分公开（区分处理）", f"{_ACT}第三十七条"),
    Outcome("withheld.state_secret", "（三）1.属于国家秘密", "不予公开", f"{_ACT}第十四条、第三十六条第（三）项"),
    Outcome("withheld.prohibited_by_law", "（三）2.其他法律行政法规禁止公开", "不予公开",
            f"{_ACT}第十四条、第三十六条第（三）项"),
    Outcome("withheld.three_safeties", "（三）3.危及“三安全一稳定”", "不予公开", f"{_ACT}第十四条、第三十六条第（三）项"),
    Outcome("withheld.third_party", "（三）4.保护第三方合法权益", "不予公开", f"{_ACT}第十五条、第三十六条第（三）项"),
    Outcome("withheld.internal_affairs", "（三）5.属于三类内部事务信息", "不予公开",
            f"{_ACT}第十六条第一款、第三十六条第（三）项"),
    Outcome("withheld.process_info", "（三）6.属于四类过程性信息", "不予公开", f"{_ACT}第十六条第二款、第三十六条第（三）项"),
    Outcome("withheld.enforcement_file", "（三）7.属于行政执法案卷", "不予公开",
            f"{_ACT}第十六条第二款、第三十六条第（三）项"),
    Outcome("withheld.query_matter", "（三）8.属于行政查询事项", "不予公开", f"{_ACT}第三十六条第（七）项"),
    Outcome("unavailable.not_held", "（四）1.本机关不掌握相关政府信息", "无法提供", f"{_ACT}第三十六条第（四）项、第（五）项"),
    Outcome("unavailable.needs_creation", "（四）2.没有现成信息需要另行制作", "无法提供", f"{_ACT}第三十八条"),
    Outcome("unavailable.unclear_after_correction", "（四）3.补正后申请内容仍不明确", "无法提供", f"{_ACT}第三十条"),
    Outcome("not_processed.petition", "（五）1.信访举报投诉类申请", "不予处理", f"{_ACT}第三十九条第一款"),
    Outcome("not_processed.repeat", "（五）2.重复申请", "不予处理", f"{_ACT}第三十六条第（六）项"),
    Outcome("not_processed.publication", "（五）3.要求提供公开出版物", "不予处理", f"{_ACT}第三十九条第二款"),
    Outcome("not_processed.excessive", "（五）4.无正当理由大量反复申请", "不予处理", f"{_ACT}第三十五条"),
    Outcome("not_processed.confirm_or_reissue", "（五）5.要求行政机关确认或重新出具已获取信息", "不予处理",
            f"{_ACT}第三十六条、第三十九条"),
    Outcome("other.no_correction", "（六）1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "其他处理",
            f"{_ACT}第三十条"),
    Outcome("other.fee_unpaid", "（六）2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "其他处理",
            "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"),
    Outcome("other.other", "（六）3.其他", "其他处理", ""),
]
BY_KEY = {o.key: o for o in OUTCOMES}
OUTCOME_CHOICES = [(o.key, o.label) for o in OUTCOMES]


def _bare(label: str) -> str:
    """The row label without its number: （三）4.保护第三方合法权益 → 保护第三方合法权益."""
    return label.split("）", 1)[-1].lstrip("0123456789.")


BY_LABEL = {_bare(o.label): o for o in OUTCOMES}


def outcome(key_or_label: str) -> Outcome | None:
    """By report key (`withheld.third_party`) or by row label with or without its number (保护第三方合法权益)."""
    text = (key_or_label or "").strip()
    return BY_KEY.get(text) or BY_LABEL.get(text) or BY_LABEL.get(_bare(text))


# 申请人类型: the columns of table 三 (report-data.md keys).
APPLICANT_TYPES = [("natural_person", "自然人"), ("commercial", "商业企业"), ("research", "科研机构"),
                   ("nonprofit", "社会公益组织"), ("legal_services", "法律服务机构"), ("other_org", "其他")]

# 不公开理由: the statutory grounds (arts. 14–16). Each code is also the suffix of a table-三 outcome
# `withheld.<code>`, so a catalogue item withheld on a ground and an application refused on it count alike.
WITHHOLDING_GROUNDS = [
    ("state_secret", "属于国家秘密（第十四条）"),
    ("prohibited_by_law", "法律、行政法规禁止公开（第十四条）"),
    ("three_safeties", "危及“三安全一稳定”（第十四条）"),
    ("third_party", "涉及商业秘密、个人隐私等，公开会损害第三方合法权益（第十五条）"),
    ("internal_affairs", "属于人事管理、后勤管理、内部工作流程等内部事务信息（第十六条第一款）"),
    ("process_info", "属于讨论记录、过程稿、磋商信函、请示报告等过程性信息（第十六条第二款）"),
    ("enforcement_file", "属于行政执法案卷信息（第十六条第二款）"),
]

# 公开属性 of a piece of government information.
DISCLOSURE = [("proactive", "主动公开"), ("on_request", "依申请公开"), ("withheld", "不予公开")]

# 收到渠道: how an application reaches the agency (art. 31 fixes the date of receipt per channel).
APPLICATION_CHANNELS = [
    ("online", "互联网"), ("in_person", "当面"), ("post", "信函（签收）"), ("ordinary_letter", "平常信函"),
    ("fax", "传真"), ("other", "其他"),
]

# Table 四: how a reply is challenged, and how the challenge ended.
REVIEW_ROUTES = [("review", "行政复议"), ("litigation", "直接起诉"), ("litigation_after_review", "复议后起诉"),
                 ("complaint", "举报投诉")]
REVIEW_RESULTS = [("upheld", "维持"), ("corrected", "纠正"), ("other", "其他结果"), ("pending", "尚未审结")]
