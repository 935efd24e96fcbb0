"""The official report formats as data (annual-report.md §1, §2, §4, §5), each with the reporting years it applies to,
so every renderer prints the same layout and a new national notice is a new `ReportFormat` here, not new code (pure).

`format_for_year(year)` picks the format of a reporting year; `format_of(report)` the one a report's data is in.
Tables are built from the format as rows of merged cells. A cell is `(text, rowspan, colspan, scope)`: `scope` is
"col" / "colgroup" / "row" / "rowgroup" for a header cell (HTML `<th scope>`) and "" for a data cell. Data cells hold
`cell(value)` — by default `show(value)`, the printed text (blank for None, never 0); the spreadsheet passes the
raw value so numbers stay numbers. `place()` gives every cell's grid position, which all renderers lay out with.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable

from .reportdata import ReportData

Cell = tuple[str, int, int, str]


class FormatError(ValueError):
    """A reporting year or a report whose format cannot be printed; the message is Chinese, for the user."""


# ------------------------------------------------------------------ the parts of a format

@dataclass(frozen=True)
class T2Column:
    key: str                  # report-data key of the cell under `active.<row>`
    label: str                # exact header
    span: int = 1             # grid columns it covers (the table is 信息内容 + 3 columns wide)


@dataclass(frozen=True)
class T2Block:
    heading: str                              # e.g. 第二十条第（一）项, over the whole width
    columns: tuple[T2Column, ...]             # after 信息内容
    rows: tuple[tuple[str, str], ...]         # (key under `active`, exact label)


@dataclass(frozen=True)
class T3Row:
    key: str                                  # key under `applications`
    label: str                                # exact label, printed in the row's own cell
    groups: tuple[str, ...] = ()              # merged labels it is printed under, outermost first


@dataclass(frozen=True)
class T4Group:
    key: str                                  # key under `reviews`
    top: str                                  # 行政复议 / 行政诉讼
    sub: str | None = None                    # 未经复议直接起诉 / 复议后起诉 (None: the columns sit right under `top`)


@dataclass(frozen=True)
class ReportFormat:
    key: str                                  # the `format` value of report-data.md: "2021", "2019", "pre2019"
    basis: str                                # the notice that issued it
    first_year: int                           # first reporting year it applies to
    last_year: int | None                     # last one (None: still in force)
    sections: tuple[tuple[str, str], ...]     # (section key, exact heading), in order
    table_sections: dict = field(default_factory=dict)   # section key -> table name printed in it
    captions: dict = field(default_factory=dict)         # table name -> caption
    table_two: tuple[T2Block, ...] = ()
    t2_first_column: str = "信息内容"
    t3_note: str = ""                         # the 勾稽 note, top-left over 3 header rows × 3 label columns
    t3_top: str = "申请人情况"
    t3_columns: tuple[tuple[str, str], ...] = ()          # (key, label): the 7 numeric columns
    t3_org_group: str = "法人或其他组织"                   # level-2 label over the organisation columns
    t3_org_columns: tuple[str, ...] = ()                  # keys of the columns under it
    t3_rows: tuple[T3Row, ...] = ()
    t4_groups: tuple[T4Group, ...] = ()
    t4_columns: tuple[tuple[str, str], ...] = ()          # (key, label) in each group
    old_table: tuple[tuple[str, str, str | None], ...] = ()   # pre-2019 统计表: (统计指标, 单位, data target)
    title: str = "{issuer}{year}年政府信息公开工作年度报告"

    def title_of(self, report: ReportData) -> str:
        return self.title.format(issuer=report.issuer or "", year=report.year)

    @property
    def headings(self) -> dict[str, str]:
        return dict(self.sections)

    @property
    def table_two_cells(self) -> tuple[str, ...]:
        """"row.column" of every cell of table 二, e.g. "licensing.decisions"."""
        return tuple(f"{row}.{column.key}" for block in self.table_two for row, _ in block.rows
                     for column in block.columns)

    @property
    def t3_label_columns(self) -> int:
        return 1 + max((len(r.groups) for r in self.t3_rows), default=0)


# ------------------------------------------------------------------ 2021: 国办公开办函〔2021〕30号 (§2)

RESULTS = "三、本年度办理结果"
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_COLUMNS = (("natural_person", "自然人"), ("commercial", "商业企业"), ("research", "科研机构"),
              ("nonprofit", "社会公益组织"), ("legal_services", "法律服务机构"), ("other_org", "其他"), ("total", "总计"))
ORG_COLUMNS = ("commercial", "research", "nonprofit", "legal_services", "other_org")


def _group(label: str, rows: list[tuple[str, str]]) -> list[T3Row]:
    return [T3Row(key, text, (RESULTS, label)) for key, text in rows]


WITHHELD = _group("（三）不予公开", [
    ("withheld.state_secret", "1.属于国家秘密"), ("withheld.prohibited_by_law", "2.其他法律行政法规禁止公开"),
    ("withheld.three_safeties", "3.危及“三安全一稳定”"), ("withheld.third_party", "4.保护第三方合法权益"),
    ("withheld.internal_affairs", "5.属于三类内部事务信息"), ("withheld.process_info", "6.属于四类过程性信息"),
    ("withheld.enforcement_file", "7.属于行政执法案卷"), ("withheld.query_matter", "8.属于行政查询事项")])
UNAVAILABLE = _group("（四）无法提供", [
    ("unavailable.not_held", "1.本机关不掌握相关政府信息"), ("unavailable.needs_creation", "2.没有现成信息需要另行制作"),
    ("unavailable.unclear_after_correction", "3.补正后申请内容仍不明确")])
NOT_PROCESSED = _group("（五）不予处理", [
    ("not_processed.petition", "1.信访举报投诉类申请"), ("not_processed.repeat", "2.重复申请"),
    ("not_processed.publication", "3.要求提供公开出版物"), ("not_processed.excessive", "4.无正当理由大量反复申请"),
    ("not_processed.confirm_or_reissue", "5.要求行政机关确认或重新出具已获取信息")])
OTHER_2021 = _group("（六）其他处理", [
    ("other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other.fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other.other", "3.其他")])
OTHER_2019 = [T3Row("other.other", "（六）其他处理", (RESULTS,))]


def _table_three_rows(other: list[T3Row]) -> tuple[T3Row, ...]:
    return (T3Row("new", "一、本年新收政府信息公开申请数量"), T3Row("carried_in", "二、上年结转政府信息公开申请数量"),
            T3Row("granted", "（一）予以公开", (RESULTS,)),
            T3Row("partly_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", (RESULTS,)),
            *WITHHELD, *UNAVAILABLE, *NOT_PROCESSED, *other,
            T3Row("outcome_total", "（七）总计", (RESULTS,)), T3Row("carried_out", "四、结转下年度继续办理"))


T4_GROUPS = (T4Group("review", "行政复议"), T4Group("suit_direct", "行政诉讼", "未经复议直接起诉"),
             T4Group("suit_after_review", "行政诉讼", "复议后起诉"))
T4_COLUMNS = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"),
              ("total", "总计"))

SECTIONS_2021 = (("一", "一、总体情况"), ("二", "二、主动公开政府信息情况"), ("三", "三、收到和处理政府信息公开申请情况"),
                 ("四", "四、政府信息公开行政复议、行政诉讼情况"), ("五", "五、存在的主要问题及改进情况"),
                 ("六", "六、其他需要报告的事项"))
TABLE_SECTIONS = {"二": "表二", "三": "表三", "四": "表四"}
CAPTIONS = {"表二": "主动公开政府信息情况", "表三": "收到和处理政府信息公开申请情况",
            "表四": "政府信息公开行政复议、行政诉讼情况"}

_COUNTS = (T2Column("issued", "本年制发件数"), T2Column("repealed", "本年废止件数"), T2Column("in_force", "现行有效件数"))
_ITEMS = (T2Column("prev_items", "上一年项目数量"), T2Column("change", "本年增/减"), T2Column("decisions", "处理决定数量"))

FORMAT_2021 = ReportFormat(
    key="2021", basis="国办公开办函〔2021〕30号", first_year=2021, last_year=None, sections=SECTIONS_2021,
    table_sections=TABLE_SECTIONS, captions=CAPTIONS,
    table_two=(T2Block("第二十条第（一）项", _COUNTS, (("regulations", "规章"), ("normative_docs", "行政规范性文件"))),
               T2Block("第二十条第（五）项", (T2Column("decisions", "本年处理决定数量", 3),), (("licensing", "行政许可"),)),
               T2Block("第二十条第（六）项", (T2Column("decisions", "本年处理决定数量", 3),),
                       (("penalty", "行政处罚"), ("coercion", "行政强制"))),
               T2Block("第二十条第（八）项", (T2Column("amount_wan", "本年收费金额（单位：万元）", 3),),
                       (("fees", "行政事业性收费"),))),
    t3_note=T3_NOTE, t3_columns=T3_COLUMNS, t3_org_columns=ORG_COLUMNS, t3_rows=_table_three_rows(OTHER_2021),
    t4_groups=T4_GROUPS, t4_columns=T4_COLUMNS)

# ------------------------------------------------------------------ 2019: 国办公开办函〔2019〕60号 (§4)

FORMAT_2019 = ReportFormat(
    key="2019", basis="国办公开办函〔2019〕60号", first_year=2019, last_year=2020,
    sections=tuple((k, "五、政府信息公开工作存在的主要问题及改进情况" if k == "五" else h) for k, h in SECTIONS_2021),
    table_sections=TABLE_SECTIONS, captions=CAPTIONS,
    table_two=(T2Block("第二十条第（一）项", (T2Column("made", "本年新制作数量"), T2Column("published", "本年新公开数量"),
                                         T2Column("public_total", "对外公开总数量")),
                       (("regulations", "规章"), ("normative_docs", "规范性文件"))),
               T2Block("第二十条第（五）项", _ITEMS, (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"))),
               T2Block("第二十条第（六）项", _ITEMS, (("penalty", "行政处罚"), ("coercion", "行政强制"))),
               T2Block("第二十条第（八）项", (T2Column("prev_items", "上一年项目数量"), T2Column("change", "本年增/减", 2)),
                       (("fees", "行政事业性收费"),)),
               # the unit of 采购总金额 is not printed in the format [unverified]; the data holds 万元
               T2Block("第二十条第（九）项", (T2Column("projects", "采购项目数量"), T2Column("amount_wan", "采购总金额", 2)),
                       (("procurement", "政府集中采购"),))),
    t3_note=T3_NOTE, t3_columns=T3_COLUMNS, t3_org_columns=ORG_COLUMNS, t3_rows=_table_three_rows(OTHER_2019),
    t4_groups=T4_GROUPS, t4_columns=T4_COLUMNS)


# ------------------------------------------------------------------ which format, and the tables it prints

def format_for_year(year: int) -> ReportFormat:
    """The format of a reporting year: 2021 from 2021, 2019 for 2019–2020, the old 统计表 for 2008–2018."""
    if isinstance(year, bool) or not isinstance(year, int):
        raise FormatError(f"报告年度应为整数年份，而不是“{year}”")
    for fmt in FORMATS:
        if fmt.first_year <= year and (fmt.last_year is None or year <= fmt.last_year):
            return fmt
    raise FormatError(f"{year}年度没有政府信息公开工作年度报告格式：年度报告自2008年度起编制")


def format_of(report: ReportData) -> ReportFormat:
    """The format a report's data is in (its `format` key, not its year: a report read by the auditor keeps the
    format it was printed in)."""
    for fmt in FORMATS:
        if fmt.key == report.format:
            return fmt
    raise FormatError(f"无法按官方格式输出：报告数据的格式“{report.format}”没有统计表，只有文字内容")


def show(value) -> str:
    """A cell's printed text: blank for None (never 0), whole numbers without decimals, other amounts exactly as
    stored (no rounding to a few significant digits), negative 本年增/减 with its sign."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    return str(value)


def _run(items: list, start: int, same: Callable) -> int:
    """How many consecutive items from `start` share what `same` picks from items[start]."""
    end = start
    while end < len(items) and same(items[end]) == same(items[start]):
        end += 1
    return end - start


def table_two(report: ReportData, cell: Callable = show, fmt: ReportFormat | None = None) -> list[list[Cell]]:
    """Table 二 as the official format prints it: one table, 信息内容 + 3 columns; each block's heading over the
    whole width, then its column headers, then its rows."""
    fmt = fmt or format_of(report)
    width = 1 + max(sum(c.span for c in b.columns) for b in fmt.table_two)
    rows: list[list[Cell]] = []
    for block in fmt.table_two:
        if 1 + sum(c.span for c in block.columns) != width:
            raise FormatError(f"格式数据有误：表二{block.heading}的列宽与其他项不一致")
        rows.append([(block.heading, 1, width, "col")])
        rows.append([(fmt.t2_first_column, 1, 1, "col"), *[(c.label, 1, c.span, "col") for c in block.columns]])
        for key, label in block.rows:
            values = report.active.get(key) or {}
            rows.append([(label, 1, 1, "row"), *[(cell(values.get(c.key)), 1, c.span, "") for c in block.columns]])
    return rows


def table_three(report: ReportData, cell: Callable = show, fmt: ReportFormat | None = None) -> list[list[Cell]]:
    """Table 三: the 勾稽 note over 3 header rows × the label columns, 申请人情况 over the 7 numbers, 法人或其他组织
    over its 5; then each row under its merged group labels (三、本年度办理结果 over every outcome row and （七）总计,
    （三）–（六） over their own rows), the row's label filling the label columns left."""
    fmt = fmt or format_of(report)
    labels, numbers = fmt.t3_label_columns, len(fmt.t3_columns)
    level2: list[Cell] = []
    keys = [k for k, _ in fmt.t3_columns]
    i = 0
    while i < len(keys):
        if keys[i] in fmt.t3_org_columns:
            n = _run(keys, i, lambda k: k in fmt.t3_org_columns)
            level2.append((fmt.t3_org_group, 1, n, "col"))
            i += n
        else:
            level2.append((fmt.t3_columns[i][1], 2, 1, "col"))
            i += 1
    rows: list[list[Cell]] = [
        [(fmt.t3_note, 3, labels, "col"), (fmt.t3_top, 1, numbers, "col")],
        level2,
        [(label, 1, 1, "col") for key, label in fmt.t3_columns if key in fmt.t3_org_columns],
    ]
    data = list(fmt.t3_rows)
    for r, row in enumerate(data):
        cells: list[Cell] = []
        for level, group in enumerate(row.groups):
            prefix = row.groups[:level + 1]
            if r == 0 or data[r - 1].groups[:level + 1] != prefix:
                cells.append((group, _run(data, r, lambda x: x.groups[:level + 1]), 1, "row"))
        values = report.applications.get(row.key) or {}
        cells.append((row.label, 1, labels - len(row.groups), "row"))
        cells.extend((cell(values.get(key)), 1, 1, "") for key in keys)
        rows.append(cells)
    return rows


def table_four(report: ReportData, cell: Callable = show, fmt: ReportFormat | None = None) -> list[list[Cell]]:
    """Table 四: 行政复议 over 5 columns, 行政诉讼 over 10; the 行政复议 columns over 2 rows, 未经复议直接起诉 and
    复议后起诉 over 5 each, their columns below; one row of 15 numbers."""
    fmt = fmt or format_of(report)
    groups, n = list(fmt.t4_groups), len(fmt.t4_columns)
    deep = any(g.sub for g in groups)
    top, middle, bottom = [], [], []
    i = 0
    while i < len(groups):
        run = _run(groups, i, lambda g: g.top)
        top.append((groups[i].top, 1, n * run, "col"))
        i += run
    for g in groups:
        if g.sub:
            middle.append((g.sub, 1, n, "col"))
            bottom.extend((label, 1, 1, "col") for _, label in fmt.t4_columns)
        else:
            middle.extend((label, 2 if deep else 1, 1, "col") for _, label in fmt.t4_columns)
    values = [cell((report.reviews.get(g.key) or {}).get(k)) for g in groups for k, _ in fmt.t4_columns]
    return [top, middle, *([bottom] if deep else []), [(v, 1, 1, "") for v in values]]


@dataclass(frozen=True)
class Table:
    name: str                 # 表二 / 表三 / 表四 / 统计表 (also the XLSX sheet name)
    section: str              # the section it is printed in
    caption: str
    rows: list
    header_rows: int          # leading rows repeated on a page break (0: none)


def tables(report: ReportData, cell: Callable = show) -> list[Table]:
    """Every table of the report's format, in order, with its caption and its repeating header rows."""
    fmt = format_of(report)
    out = []
    for section, name in fmt.table_sections.items():
        caption = fmt.captions[name].format(year=report.year if report.year is not None else "")
        if name == "表二":
            out.append(Table(name, section, caption, table_two(report, cell, fmt), 0))
        elif name == "表三":
            out.append(Table(name, section, caption, table_three(report, cell, fmt), 3))
        elif name == "表四":
            rows = table_four(report, cell, fmt)
            out.append(Table(name, section, caption, rows, len(rows) - 1))
        elif name == "统计表":
            out.append(Table(name, section, caption, pre2019_table(report, cell), 1))
        else:
            raise FormatError(f"格式数据有误：不认识的表格“{name}”")
    return out


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


def data_rows(report: ReportData) -> list[tuple[str, str, object]]:
    """(stable key, Chinese label, value) for every figure of the report's format, in the tables' order — the same
    keys whatever the data holds (a missing figure is None): the machine-readable sheet of the workbook."""
    fmt = format_of(report)
    out: list[tuple[str, str, object]] = [("issuer", "发布机关", report.issuer), ("year", "报告年度", report.year),
                                          ("format", "报告格式", fmt.key)]
    if fmt.old_table:
        for label, unit, target in fmt.old_table:
            if target:
                out.append((target, label + (f"（{unit}）" if unit not in ("", "——") else ""),
                            pre2019_value(report, target)))
        return out + [("fees_yuan", "依申请公开信息收取的费用（元）", report.fees_yuan)]
    for block in fmt.table_two:
        for key, label in block.rows:
            values = report.active.get(key) or {}
            out.extend((f"active.{key}.{c.key}", f"{block.heading}·{label}·{c.label}", values.get(c.key))
                       for c in block.columns)
    for row in fmt.t3_rows:
        values = report.applications.get(row.key) or {}
        name = "·".join([*row.groups[1:], row.label])
        out.extend((f"applications.{row.key}.{key}", f"{name}·{label}", values.get(key)) for key, label in fmt.t3_columns)
    for g in fmt.t4_groups:
        values = report.reviews.get(g.key) or {}
        name = "·".join(x for x in (g.top, g.sub) if x)
        out.extend((f"reviews.{g.key}.{key}", f"{name}·{label}", values.get(key)) for key, label in fmt.t4_columns)
    return out + [("fees_yuan", "信息处理费（元）", report.fees_yuan)]


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


def pre2019_table(report: ReportData, cell: Callable = show) -> list[list[Cell]]:
    rows = [[("统计指标", 1, 1, "col"), ("单位", 1, 1, "col"), ("统计数", 1, 1, "col")]]
    for label, unit, target in PRE2019_TABLE:
        rows.append([(label, 1, 1, "row"), (unit, 1, 1, ""),
                     (cell(None if target is None else pre2019_value(report, target)), 1, 1, "")])
    return rows


# ------------------------------------------------------------------ 2008–2018: the old 统计表 (§5.1)

FORMAT_PRE2019 = ReportFormat(
    key="pre2019", basis="《中华人民共和国政府信息公开条例》（2007年）；全国统一模板未见，版式取自实际报告",
    first_year=2008, last_year=2018,
    sections=(("一", "一、概述"), ("表", "二、政府信息公开情况统计表"), ("五", "三、存在的主要问题及改进措施"),
              ("六", "四、其他需要报告的事项")),
    table_sections={"表": "统计表"}, captions={"统计表": "政府信息公开情况统计表（{year}年度）"},
    old_table=tuple(PRE2019_TABLE))

FORMATS: tuple[ReportFormat, ...] = (FORMAT_2021, FORMAT_2019, FORMAT_PRE2019)
