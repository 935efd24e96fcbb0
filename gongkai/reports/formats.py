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
