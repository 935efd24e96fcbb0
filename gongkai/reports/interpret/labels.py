"""How the labels of published tables are recognised (pure data + small matchers, no Django).

Labels are matched on cleaned, squashed text (Simplified, half-width, no spaces or quotes) by a characteristic
phrase, not by exact equality: real copies abbreviate, wrap lines, use Traditional characters or 免于/免予.
A numbering prefix (（三）, 1., 三、) is allowed before the phrase but prose sentences are not: the phrase must
come right after the prefix.
"""

import re

_PREFIX = r"^(?:[一二三四五六七八九十]+[、.]|\(?[一二三四五六七八九十]{1,2}\)|\(?\d{1,2}\)|\d{1,2}[.、]|其中[:：]?)*"


def _p(phrase: str) -> re.Pattern:
    return re.compile(_PREFIX + "(?:" + phrase + ")")


# ------------------------------------------------------------------ table 三 (2019/2021)
T3_ROWS: list[tuple[str, re.Pattern]] = [
    ("new", _p(r"本年(度)?新收")),
    ("carried_in", _p(r"上年(度)?结转")),
    ("granted", _p(r"予以公开")),
    ("partly_granted", _p(r"部分公开")),
    ("withheld.state_secret", _p(r"(属于)?国家秘密")),
    ("withheld.prohibited_by_law", _p(r"其他法律行政法规|法律行政法规禁止公开")),
    ("withheld.three_safeties", _p(r"危及.{0,2}三安全")),
    ("withheld.third_party", _p(r"保护第三方")),
    ("withheld.internal_affairs", _p(r"(属于)?三类内部事务")),
    ("withheld.process_info", _p(r"(属于)?四类过程性")),
    ("withheld.enforcement_file", _p(r"(属于)?行政执法案卷")),
    ("withheld.query_matter", _p(r"(属于)?行政查询事项")),
    ("unavailable.not_held", _p(r"本机关不掌握")),
    ("unavailable.needs_creation", _p(r"没有现成信息")),
    ("unavailable.unclear_after_correction", _p(r"补正后申请内容|补正后.{0,6}不明确")),
    ("not_processed.petition", _p(r"信访举报投诉")),
    ("not_processed.repeat", _p(r"重复申请")),
    ("not_processed.publication", _p(r"(要求提供)?公开出版物")),
    ("not_processed.excessive", _p(r"无正当理由大量反复")),
    ("not_processed.confirm_or_reissue", _p(r"要求行政机关确认|确认或重新出具")),
    ("other.no_correction", _p(r"(申请人)?无正当理由逾期不补正")),
    ("other.fee_unpaid", _p(r"申请人逾期未按收费|逾期未.{0,3}缴纳费用")),
    ("outcome_total", _p(r"总计$")),
    ("carried_out", _p(r"结转下年度")),
]
# group labels (a wrapped PDF cell may lose its last character)
T3_GROUPS = [("withheld", _p(r"不予公开?$")), ("unavailable", _p(r"无法提供?$")), ("not_processed", _p(r"不予处理?$")),
             ("other", _p(r"其他处理?$")), ("result", _p(r"本年度办理结?果?$"))]
T3_OTHER_OTHER = _p(r"其他$")
T3_HEADING = re.compile(r"收到和处理政府信息公开申请情况")
T3_MARKERS_2021 = ("other.no_correction", "other.fee_unpaid")


# ------------------------------------------------------------------ table 四
T4_HEADING = re.compile(r"行政复议.{0,3}行政诉讼")

# ------------------------------------------------------------------ table 二
T2_ROWS = [("regulations", _p(r"规章$")), ("normative_docs", _p(r"(行政)?规范性文件$")),
           ("licensing", _p(r"行政许可$")), ("other_services", _p(r"其他对外管理服务事项$")),
           ("penalty", _p(r"行政处罚$")), ("coercion", _p(r"行政强制$")), ("fees", _p(r"行政事业性收费$")),
           ("procurement", _p(r"政府集中采购$"))]
T2_COLUMNS = {
    "2021": {"regulations": ["issued", "repealed", "in_force"], "normative_docs": ["issued", "repealed", "in_force"],
             "licensing": ["decisions"], "penalty": ["decisions"], "coercion": ["decisions"], "fees": ["amount_wan"]},
    "2019": {"regulations": ["made", "published", "public_total"], "normative_docs": ["made", "published", "public_total"],
             "licensing": ["prev_items", "change", "decisions"], "other_services": ["prev_items", "change", "decisions"],
             "penalty": ["prev_items", "change", "decisions"], "coercion": ["prev_items", "change", "decisions"],
             "fees": ["prev_items", "change"], "procurement": ["projects", "amount_wan"]},
}
T2_FORMAT_WORDS = {"2021": ("制发件数", "废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额"),
                   "2019": ("新制作数量", "新公开数量", "对外公开总数量", "上一年项目数量", "采购项目数量")}

# ------------------------------------------------------------------ pre-2019 统计表 (annual-report.md §5.1)
# (pattern, target) — target "applications.x", "reviews.review.x", "prose.x", or "fees_wan"; sections switch the
# meaning of the repeated 复议/诉讼 sub-rows.
PRE2019_SECTION = [("review", _p(r"行政复议(数量|数)")), ("suit", _p(r"行政诉讼(数量|数)"))]
PRE2019_ROWS: list[tuple[re.Pattern, str]] = [
    (_p(r"主动公开政府信息数"), "prose.active_total"),
    (_p(r"主动公开规范性文件数"), "prose.active.normative_docs"),
    (_p(r"制发规范性文件总数"), "prose.normative_docs_issued"),
    (_p(r"政府公报公开政府信息数"), "prose.active.by_channel.gazette"),
    (_p(r"政府网站公开政府信息数"), "prose.active.by_channel.website"),
    (_p(r"政务微博公开政府信息数"), "prose.active.by_channel.weibo"),
    (_p(r"政务微信公开政府信息数"), "prose.active.by_channel.weixin"),
    (_p(r"其他方式公开政府信息数"), "prose.active.by_channel.other"),
    (_p(r"回应公众关注热点或重大舆情数"), "prose.responses_to_public_concerns"),
    (_p(r"参加或举办新闻发布会总次数"), "prose.press_conferences"),
    (_p(r"主要负责同志参加新闻发布会次数"), "prose.press_conferences_led_by_head"),
    (_p(r"政府网站在线访谈次数"), "prose.online_interviews"),
    (_p(r"主要负责同志参加政府网站在线访谈次数"), "prose.online_interviews_led_by_head"),
    (_p(r"政策解读稿件发布数"), "prose.interpretations"),
    (_p(r"微博微信回应事件数"), "prose.responses_weibo_weixin"),
    (_p(r"其他方式回应事件数"), "prose.responses_other"),
    (_p(r"收到申请数|申请总数"), "applications.received_total"),
    (_p(r"当面申请数"), "applications.by_channel.in_person"),
    (_p(r"传真申请数"), "applications.by_channel.fax"),
    (_p(r"网络申请数|网上申请数"), "applications.by_channel.online"),
    (_p(r"电子邮件申请数"), "applications.by_channel.email"),
    (_p(r"信函申请数"), "applications.by_channel.letter"),
    (_p(r"其他形式申请数"), "applications.by_channel.other"),
    (_p(r"申请办结数"), "applications.closed_total"),
    (_p(r"按时办结数"), "applications.on_time"),
    (_p(r"延期办结数"), "applications.extended"),
    (_p(r"申请答复数|对申请的答复总数"), "applications.replied_total"),
    (_p(r"属于已主动公开范围数"), "applications.already_public"),
    (_p(r"同意公开答复数"), "applications.agreed"),
    (_p(r"同意部分公开答复数"), "applications.partly_agreed"),
    (_p(r"不同意公开答复数|否决公开答复总?数"), "applications.refused"),
    (_p(r"涉及国家秘密"), "applications.refused.state_secret"),
    (_p(r"涉及商业秘密"), "applications.refused.commercial_secret"),
    (_p(r"涉及个人隐私"), "applications.refused.privacy"),
    (_p(r"危及国家安全、?公共安全"), "applications.refused.three_safeties"),
    (_p(r"不是《?条例》?所指政府信息"), "applications.refused.not_government_information"),
    (_p(r"法律法规规定的其他情形"), "applications.refused.other_by_law"),
    (_p(r"不属于本行政机关公开数"), "applications.not_this_organ"),
    (_p(r"申请信息不存在数"), "applications.not_exist"),
    (_p(r"告知作出更改补充数"), "applications.told_to_amend"),
    (_p(r"告知通过其他途径办理数"), "applications.told_other_channel"),
    (_p(r"行政复议(数量|数)"), "reviews.review.total"),
    (_p(r"行政诉讼(数量|数)"), "reviews.suit.total"),
    (_p(r"维持具体行政行为"), "reviews.{section}.upheld"),
    (_p(r"被依法纠错数"), "reviews.{section}.corrected"),
    (_p(r"其他情形数"), "reviews.{section}.other"),
    (_p(r"举报投诉数量"), "reviews.complaints"),
    (_p(r"依申请公开信息收取的费用"), "fees_wan"),
    (_p(r"政府信息公开工作专门机构数"), "prose.disclosure_bodies"),
    (_p(r"设置政府信息公开查阅点数"), "prose.reading_points"),
    (_p(r"从事政府信息公开工作人员数"), "prose.staff_total"),
    (_p(r"专职人员数"), "prose.staff_full_time"),
    (_p(r"兼职人员数"), "prose.staff_part_time"),
    (_p(r"政府信息公开专项经费"), "prose.budget_wan"),
    (_p(r"召开政府信息公开工作会议或专题会议数"), "prose.meetings"),
    (_p(r"举办各类培训班数"), "prose.training_sessions"),
    (_p(r"接受培训人员数"), "prose.trainees"),
]
PRE2019_HEADING = re.compile(r"政府信息公开情况统计表|统计指标")


def match_first(patterns, label: str):
    for key, pattern in patterns:
        if pattern.search(label):
            return key
    return None
