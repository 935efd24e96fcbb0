"""The official report formats as data (annual-report.md §2, §4): tables as rows of cells with their merges, so that
every renderer prints the same layout and a new national format is new data here, not new code (pure).

A cell is (text, rowspan, colspan, header?) — the exact layout of the official tables: table 三's 勾稽 note over
3 header rows × 3 label columns, 三、本年度办理结果 over 22 rows (2021) or 20 (2019), （三）不予公开 over 8 rows …
"""

from dataclasses import dataclass

from .model import COLUMNS, ReportData

Cell = tuple[str, int, int, bool]

T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_GROUPS = {
    "2021": [("（三）不予公开", [("withheld.state_secret", "1.属于国家秘密"),
                            ("withheld.prohibited_by_law", "2.其他法律行政法规禁止公开"),
                            ("withheld.three_safeties", "3.危及“三安全一稳定”"),
                            ("withheld.third_party", "4.保护第三方合法权益"),
                            ("withheld.internal_affairs", "5.属于三类内部事务信息"),
                            ("withheld.process_info", "6.属于四类过程性信息"),
                            ("withheld.enforcement_file", "7.属于行政执法案卷"),
                            ("withheld.query_matter", "8.属于行政查询事项")]),
             ("（四）无法提供", [("unavailable.not_held", "1.本机关不掌握相关政府信息"),
                            ("unavailable.needs_creation", "2.没有现成信息需要另行制作"),
                            ("unavailable.unclear_after_correction", "3.补正后申请内容仍不明确")]),
             ("（五）不予处理", [("not_processed.petition", "1.信访举报投诉类申请"), ("not_processed.repeat", "2.重复申请"),
                            ("not_processed.publication", "3.要求提供公开出版物"),
                            ("not_processed.excessive", "4.无正当理由大量反复申请"),
                            ("not_processed.confirm_or_reissue", "5.要求行政机关确认或重新出具已获取信息")]),
             ("（六）其他处理", [("other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
                            ("other.fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
                            ("other.other", "3.其他")])],
}
T3_GROUPS["2019"] = [*T3_GROUPS["2021"][:3], ("（六）其他处理", [("other.other", None)])]
APPLICANT_HEADERS = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
REVIEW_SUB = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
REVIEW_GROUPS = ["review", "suit_direct", "suit_after_review"]
REVIEW_KEYS = ["upheld", "corrected", "other", "pending", "total"]


@dataclass(frozen=True)
class T2Block:
    heading: str
    columns: list[str]
    rows: list[tuple[str, str, list[str]]]     # (key, label, column keys)


T2_BLOCKS = {
    "2021": [T2Block("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"],
                     [("regulations", "规章", ["issued", "repealed", "in_force"]),
                      ("normative_docs", "行政规范性文件", ["issued", "repealed", "in_force"])]),
             T2Block("第二十条第（五）项", ["本年处理决定数量"], [("licensing", "行政许可", ["decisions"])]),
             T2Block("第二十条第（六）项", ["本年处理决定数量"], [("penalty", "行政处罚", ["decisions"]),
                                                       ("coercion", "行政强制", ["decisions"])]),
             T2Block("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("fees", "行政事业性收费", ["amount_wan"])])],
    "2019": [T2Block("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
                     [("regulations", "规章", ["made", "published", "public_total"]),
                      ("normative_docs", "规范性文件", ["made", "published", "public_total"])]),
             T2Block("第二十条第（五）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
                     [("licensing", "行政许可", ["prev_items", "change", "decisions"]),
                      ("other_services", "其他对外管理服务事项", ["prev_items", "change", "decisions"])]),
             T2Block("第二十条第（六）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
                     [("penalty", "行政处罚", ["prev_items", "change", "decisions"]),
                      ("coercion", "行政强制", ["prev_items", "change", "decisions"])]),
             T2Block("第二十条第（八）项", ["上一年项目数量", "本年增/减"], [("fees", "行政事业性收费", ["prev_items", "change"])]),
             T2Block("第二十条第（九）项", ["采购项目数量", "采购总金额（万元）"],
                     [("procurement", "政府集中采购", ["projects", "amount_wan"])])],
}


def place(rows: list[list[Cell]]):
    """(row, column, cell) for every cell of a table given as rows of merged cells: the grid position each one
    starts at, skipping positions a rowspan from above already covers. Every renderer lays tables out with this."""
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            _, rowspan, colspan, _ = cell
            yield r, c, cell
            taken.update((r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan))
            c += colspan


def width(rows: list[list[Cell]]) -> int:
    return max(sum(c for _, _, c, _ in row) for row in rows)


def show(value) -> str:
    """A cell's printed text: blank for None (never 0), whole numbers without decimals, 本年增/减 as printed."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    return str(value)


def _values(report: ReportData, key: str) -> list[Cell]:
    cells = report.applications.get(key) or {}
    return [(show(cells.get(c)), 1, 1, False) for c in COLUMNS]


def table_three(report: ReportData) -> list[list[Cell]]:
    groups = T3_GROUPS["2019" if report.format == "2019" else "2021"]
    result_rows = 2 + sum(len(rows) for _, rows in groups) + 1
    out: list[list[Cell]] = [
        [(T3_NOTE, 3, 3, True), ("申请人情况", 1, 7, True)],
        [("自然人", 2, 1, True), ("法人或其他组织", 1, 5, True), ("总计", 2, 1, True)],
        [(t, 1, 1, True) for t in APPLICANT_HEADERS],
        [("一、本年新收政府信息公开申请数量", 1, 3, True), *_values(report, "new")],
        [("二、上年结转政府信息公开申请数量", 1, 3, True), *_values(report, "carried_in")],
        [("三、本年度办理结果", result_rows, 1, True), ("（一）予以公开", 1, 2, True), *_values(report, "granted")],
        [("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, 2, True), *_values(report, "partly_granted")],
    ]
    for group, rows in groups:
        for i, (key, label) in enumerate(rows):
            if label is None:                      # 2019: （六）其他处理 is a single row
                out.append([(group, 1, 2, True), *_values(report, key)])
                continue
            head = [(group, len(rows), 1, True)] if i == 0 else []
            out.append([*head, (label, 1, 1, True), *_values(report, key)])
    out.append([("（七）总计", 1, 2, True), *_values(report, "outcome_total")])
    out.append([("四、结转下年度继续办理", 1, 3, True), *_values(report, "carried_out")])
    return out


def table_four(report: ReportData) -> list[list[Cell]]:
    values = [show((report.reviews.get(g) or {}).get(k)) for g in REVIEW_GROUPS for k in REVIEW_KEYS]
    return [[("行政复议", 1, 5, True), ("行政诉讼", 1, 10, True)],
            [*[(t, 2, 1, True) for t in REVIEW_SUB], ("未经复议直接起诉", 1, 5, True), ("复议后起诉", 1, 5, True)],
            [*[(t, 1, 1, True) for t in REVIEW_SUB], *[(t, 1, 1, True) for t in REVIEW_SUB]],
            [(v, 1, 1, False) for v in values]]


def table_two(report: ReportData) -> list[list[list[Cell]]]:
    """One small table per block, 4 columns wide (信息内容 + 3), as the official format prints them."""
    blocks = []
    for block in T2_BLOCKS["2019" if report.format == "2019" else "2021"]:
        span = 3 // len(block.columns) if 3 % len(block.columns) == 0 else 1
        rows = [[(block.heading, 1, 4, True)],
                [("信息内容", 1, 1, True), *[(c, 1, span if i < len(block.columns) - 1 else 4 - 1 - span * i, True)
                                         for i, c in enumerate(block.columns)]]]
        for key, label, columns in block.rows:
            cells = report.active.get(key) or {}
            widths = [span if i < len(columns) - 1 else 4 - 1 - span * i for i in range(len(columns))]
            rows.append([(label, 1, 1, True), *[(show(cells.get(c)), 1, w, False) for c, w in zip(columns, widths)]])
        blocks.append(rows)
    return blocks


# ------------------------------------------------------------------ pre-2019 统计表 (annual-report.md §5.1)
# (统计指标 as printed, 单位, target in the data model or None for a heading). Targets: "applications.x",
# "applications.by_channel.x", "reviews.review.x", "reviews.suit.x", "reviews.complaints", "prose.x", "fees_wan".
PRE2019_TABLE: list[tuple[str, str, str | None]] = [
    ("一、主动公开情况", "——", None),
    ("(一)主动公开政府信息数(不同渠道和方式公开相同信息计1条)", "条", "prose.active_total"),
    ("其中:主动公开规范性文件数", "条", "prose.active.normative_docs"),
    ("制发规范性文件总数", "件", "prose.normative_docs_issued"),
    ("(二)通过不同渠道和方式公开政府信息的情况", "——", None),
    ("1.政府公报公开政府信息数", "条", "prose.active.by_channel.gazette"),
    ("2.政府网站公开政府信息数", "条", "prose.active.by_channel.website"),
    ("3.政务微博公开政府信息数", "条", "prose.active.by_channel.weibo"),
    ("4.政务微信公开政府信息数", "条", "prose.active.by_channel.weixin"),
    ("5.其他方式公开政府信息数", "条", "prose.active.by_channel.other"),
    ("二、回应解读情况", "——", None),
    ("(一)回应公众关注热点或重大舆情数(不同方式回应同一热点或舆情计1次)", "次", "prose.responses_to_public_concerns"),
    ("(二)通过不同渠道和方式回应解读的情况", "——", None),
    ("1.参加或举办新闻发布会总次数", "次", "prose.press_conferences"),
    ("其中:主要负责同志参加新闻发布会次数", "次", "prose.press_conferences_led_by_head"),
    ("2.政府网站在线访谈次数", "次", "prose.online_interviews"),
    ("其中:主要负责同志参加政府网站在线访谈次数", "次", "prose.online_interviews_led_by_head"),
    ("3.政策解读稿件发布数", "篇", "prose.interpretations"),
    ("4.微博微信回应事件数", "次", "prose.responses_weibo_weixin"),
    ("5.其他方式回应事件数", "次", "prose.responses_other"),
    ("三、依申请公开情况", "——", None),
    ("(一)收到申请数", "件", "applications.received_total"),
    ("1.当面申请数", "件", "applications.by_channel.in_person"),
    ("2.传真申请数", "件", "applications.by_channel.fax"),
    ("3.网络申请数", "件", "applications.by_channel.online"),
    ("4.信函申请数", "件", "applications.by_channel.letter"),
    ("(二)申请办结数", "件", "applications.closed_total"),
    ("1.按时办结数", "件", "applications.on_time"),
    ("2.延期办结数", "件", "applications.extended"),
    ("(三)申请答复数", "件", "applications.replied_total"),
    ("1.属于已主动公开范围数", "件", "applications.already_public"),
    ("2.同意公开答复数", "件", "applications.agreed"),
    ("3.同意部分公开答复数", "件", "applications.partly_agreed"),
    ("4.不同意公开答复数", "件", "applications.refused"),
    ("其中:涉及国家秘密", "件", "applications.refused.state_secret"),
    ("涉及商业秘密", "件", "applications.refused.commercial_secret"),
    ("涉及个人隐私", "件", "applications.refused.privacy"),
    ("危及国家安全、公共安全、经济安全和社会稳定", "件", "applications.refused.three_safeties"),
    ("不是《条例》所指政府信息", "件", "applications.refused.not_government_information"),
    ("法律法规规定的其他情形", "件", "applications.refused.other_by_law"),
    ("5.不属于本行政机关公开数", "件", "applications.not_this_organ"),
    ("6.申请信息不存在数", "件", "applications.not_exist"),
    ("7.告知作出更改补充数", "件", "applications.told_to_amend"),
    ("8.告知通过其他途径办理数", "件", "applications.told_other_channel"),
    ("四、行政复议数量", "件", "reviews.review.total"),
    ("(一)维持具体行政行为数", "件", "reviews.review.upheld"),
    ("(二)被依法纠错数", "件", "reviews.review.corrected"),
    ("(三)其他情形数", "件", "reviews.review.other"),
    ("五、行政诉讼数量", "件", "reviews.suit.total"),
    ("(一)维持具体行政行为或者驳回原告诉讼请求数", "件", "reviews.suit.upheld"),
    ("(二)被依法纠错数", "件", "reviews.suit.corrected"),
    ("(三)其他情形数", "件", "reviews.suit.other"),
    ("六、举报投诉数量", "件", "reviews.complaints"),
    ("七、依申请公开信息收取的费用", "万元", "fees_wan"),
    ("八、机构建设和保障经费情况", "——", None),
    ("(一)政府信息公开工作专门机构数", "个", "prose.disclosure_bodies"),
    ("(二)设置政府信息公开查阅点数", "个", "prose.reading_points"),
    ("(三)从事政府信息公开工作人员数", "人", "prose.staff_total"),
    ("1.专职人员数(不包括政府公报及政府网站工作人员数)", "人", "prose.staff_full_time"),
    ("2.兼职人员数", "人", "prose.staff_part_time"),
    ("(四)政府信息公开专项经费(不包括用于政府公报编辑管理及政府网站建设维护等方面的经费)", "万元", "prose.budget_wan"),
    ("九、政府信息公开会议和培训情况", "——", None),
    ("(一)召开政府信息公开工作会议或专题会议数", "次", "prose.meetings"),
    ("(二)举办各类培训班数", "次", "prose.training_sessions"),
    ("(三)接受培训人员数", "人次", "prose.trainees"),
]


def pre2019_value(report: ReportData, target: str):
    if target == "fees_wan":
        return None if report.fees_yuan is None else round(report.fees_yuan / 10000, 4)
    head, _, rest = target.partition(".")
    if head == "prose":
        return report.prose.get(rest)
    if head == "applications":
        if rest.startswith("by_channel."):
            return (report.applications.get("by_channel") or {}).get(rest.split(".", 1)[1])
        return report.applications.get(rest)
    group, _, column = rest.partition(".")
    if not column:
        return report.reviews.get(group)
    return (report.reviews.get(group) or {}).get(column)


def pre2019_table(report: ReportData) -> list[list[Cell]]:
    rows = [[("统计指标", 1, 1, True), ("单位", 1, 1, True), ("统计数", 1, 1, True)]]
    for label, unit, target in PRE2019_TABLE:
        rows.append([(label, 1, 1, True), (unit, 1, 1, True),
                     ("" if target is None else show(pre2019_value(report, target)), 1, 1, False)])
    return rows
