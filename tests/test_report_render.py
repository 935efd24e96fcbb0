"""The report's official formats as data and its four renderers, checked on the real files: HTML parsed with lxml,
DOCX opened with python-docx (w:gridSpan / w:vMerge, fonts incl. w:eastAsia, page size), XLSX with openpyxl (merged
ranges, typed values), PDF with pypdf (text, embedded font).

The expected layouts below are written out from annual-report.md §2 and §4, not taken from formats.py, so a change
of the format data that departs from the official layout fails here."""

import io
import re

import docx
import lxml.html
import openpyxl
import pypdf
import pytest
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.reports import formats, sections
from gongkai.reports.render import to_docx, to_html, to_pdf, to_xlsx
from gongkai.reports.reportdata import ReportData

# ------------------------------------------------------------------ the official layouts (spec text)

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
COLS = ["natural_person", "commercial", "research", "nonprofit", "legal_services", "other_org", "total"]
RESULTS = "三、本年度办理结果"
# (key, exact label, group labels it is printed under) — annual-report.md §2.3, in order
T3_2021 = [
    ("new", "一、本年新收政府信息公开申请数量", ()),
    ("carried_in", "二、上年结转政府信息公开申请数量", ()),
    ("granted", "（一）予以公开", (RESULTS,)),
    ("partly_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", (RESULTS,)),
    ("withheld.state_secret", "1.属于国家秘密", (RESULTS, "（三）不予公开")),
    ("withheld.prohibited_by_law", "2.其他法律行政法规禁止公开", (RESULTS, "（三）不予公开")),
    ("withheld.three_safeties", "3.危及“三安全一稳定”", (RESULTS, "（三）不予公开")),
    ("withheld.third_party", "4.保护第三方合法权益", (RESULTS, "（三）不予公开")),
    ("withheld.internal_affairs", "5.属于三类内部事务信息", (RESULTS, "（三）不予公开")),
    ("withheld.process_info", "6.属于四类过程性信息", (RESULTS, "（三）不予公开")),
    ("withheld.enforcement_file", "7.属于行政执法案卷", (RESULTS, "（三）不予公开")),
    ("withheld.query_matter", "8.属于行政查询事项", (RESULTS, "（三）不予公开")),
    ("unavailable.not_held", "1.本机关不掌握相关政府信息", (RESULTS, "（四）无法提供")),
    ("unavailable.needs_creation", "2.没有现成信息需要另行制作", (RESULTS, "（四）无法提供")),
    ("unavailable.unclear_after_correction", "3.补正后申请内容仍不明确", (RESULTS, "（四）无法提供")),
    ("not_processed.petition", "1.信访举报投诉类申请", (RESULTS, "（五）不予处理")),
    ("not_processed.repeat", "2.重复申请", (RESULTS, "（五）不予处理")),
    ("not_processed.publication", "3.要求提供公开出版物", (RESULTS, "（五）不予处理")),
    ("not_processed.excessive", "4.无正当理由大量反复申请", (RESULTS, "（五）不予处理")),
    ("not_processed.confirm_or_reissue", "5.要求行政机关确认或重新出具已获取信息", (RESULTS, "（五）不予处理")),
    ("other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", (RESULTS, "（六）其他处理")),
    ("other.fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", (RESULTS, "（六）其他处理")),
    ("other.other", "3.其他", (RESULTS, "（六）其他处理")),
    ("outcome_total", "（七）总计", (RESULTS,)),
    ("carried_out", "四、结转下年度继续办理", ()),
]
T3_2019 = [*T3_2021[:20], ("other.other", "（六）其他处理", (RESULTS,)), *T3_2021[23:]]
T3_ROWS = {"2021": T3_2021, "2019": T3_2019}

# merged ranges of table 三 as (row, column, rowspan, colspan), 0-based over the 3 header rows + data rows
T3_MERGES_COMMON = {(0, 0, 3, 3), (0, 3, 1, 7), (1, 3, 2, 1), (1, 4, 1, 5), (1, 9, 2, 1),
                    (3, 0, 1, 3), (4, 0, 1, 3), (5, 1, 1, 2), (6, 1, 1, 2),
                    (7, 1, 8, 1), (15, 1, 3, 1), (18, 1, 5, 1)}
T3_MERGES = {"2021": T3_MERGES_COMMON | {(5, 0, 22, 1), (23, 1, 3, 1), (26, 1, 1, 2), (27, 0, 1, 3)},
             "2019": T3_MERGES_COMMON | {(5, 0, 20, 1), (23, 1, 1, 2), (24, 1, 1, 2), (25, 0, 1, 3)}}
T4_MERGES = {(0, 0, 1, 5), (0, 5, 1, 10), (1, 0, 2, 1), (1, 1, 2, 1), (1, 2, 2, 1), (1, 3, 2, 1), (1, 4, 2, 1),
             (1, 5, 1, 5), (1, 10, 1, 5)}
T4_SUB = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
T4_KEYS = ["upheld", "corrected", "other", "pending", "total"]
T4_GROUPS = ["review", "suit_direct", "suit_after_review"]

# table 二: (heading, column labels spread over the 3 value columns, rows (key, label), column keys)
T2 = {
    "2021": [("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"],
              [("regulations", "规章"), ("normative_docs", "行政规范性文件")], ["issued", "repealed", "in_force"]),
             ("第二十条第（五）项", ["本年处理决定数量"] * 3, [("licensing", "行政许可")], ["decisions"] * 3),
             ("第二十条第（六）项", ["本年处理决定数量"] * 3, [("penalty", "行政处罚"), ("coercion", "行政强制")],
              ["decisions"] * 3),
             ("第二十条第（八）项", ["本年收费金额（单位：万元）"] * 3, [("fees", "行政事业性收费")], ["amount_wan"] * 3)],
    "2019": [("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
              [("regulations", "规章"), ("normative_docs", "规范性文件")], ["made", "published", "public_total"]),
             ("第二十条第（五）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
              [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")], ["prev_items", "change", "decisions"]),
             ("第二十条第（六）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
              [("penalty", "行政处罚"), ("coercion", "行政强制")], ["prev_items", "change", "decisions"]),
             ("第二十条第（八）项", ["上一年项目数量", "本年增/减", "本年增/减"], [("fees", "行政事业性收费")],
              ["prev_items", "change", "change"]),
             ("第二十条第（九）项", ["采购项目数量", "采购总金额", "采购总金额"], [("procurement", "政府集中采购")],
              ["projects", "amount_wan", "amount_wan"])],
}
HEADINGS = {"2021": ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                     "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]}
HEADINGS["2019"] = [*HEADINGS["2021"][:4], "五、政府信息公开工作存在的主要问题及改进情况", HEADINGS["2021"][5]]


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def expected_grid(name: str, report: ReportData) -> list[list[str]]:
    """The table as a grid, each merged cell's text repeated over the positions it covers."""
    fmt = report.format
    if name == "表三":
        grid = [[NOTE] * 3 + ["申请人情况"] * 7,
                [NOTE] * 3 + ["自然人"] + ["法人或其他组织"] * 5 + ["总计"],
                [NOTE] * 3 + ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]]
        for key, label, groups in T3_ROWS[fmt]:
            cells = report.applications.get(key) or {}
            grid.append([*groups, *[label] * (3 - len(groups)), *[text(cells.get(c)) for c in COLS]])
        return grid
    if name == "表四":
        return [["行政复议"] * 5 + ["行政诉讼"] * 10,
                T4_SUB + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5,
                T4_SUB * 3,
                [text((report.reviews.get(g) or {}).get(k)) for g in T4_GROUPS for k in T4_KEYS]]
    grid = []
    for heading, columns, rows, keys in T2[fmt]:
        grid += [[heading] * 4, ["信息内容", *columns]]
        for key, label in rows:
            cells = report.active.get(key) or {}
            grid.append([label, *[text(cells.get(k)) for k in keys]])
    return grid


# ------------------------------------------------------------------ reports

def numbered(fmt: str, year: int) -> ReportData:
    """Every cell a different number, so a number in the wrong cell shows."""
    applications = {key: {c: 1000 + 10 * i + j for j, c in enumerate(COLS)} for i, (key, _, _) in enumerate(T3_ROWS[fmt])}
    reviews = {g: {k: 200 + 10 * i + j for j, k in enumerate(T4_KEYS)} for i, g in enumerate(T4_GROUPS)}
    active = {}
    for b, (_, _, rows, keys) in enumerate(T2[fmt]):
        for r, (key, _) in enumerate(rows):
            active[key] = {k: 300 + 10 * b + r * 3 + j for j, k in enumerate(dict.fromkeys(keys))}
    if fmt == "2021":
        active["fees"]["amount_wan"] = 12.3456
    else:
        active["licensing"]["change"] = -4
        active["procurement"]["amount_wan"] = 1523.75
    return ReportData(issuer="示范市数字测试局", year=year, format=fmt, active=active, applications=applications,
                      reviews=reviews, fees_yuan=400.0)


REALISTIC_2021 = {   # the JSON of report-data.md, as the generator or an API client produces it
    "issuer": "示范市人民政府办公室", "year": 2024, "format": "2021", "script": "hans",
    "active": {"regulations": {"issued": 1, "repealed": 0, "in_force": 12},
               "normative_docs": {"issued": 23, "repealed": 5, "in_force": 187},
               "licensing": {"decisions": 4380}, "penalty": {"decisions": 152}, "coercion": {"decisions": 7},
               "fees": {"amount_wan": 35.6}},
    "applications": {
        "new": {"natural_person": 525, "commercial": 20, "research": 3, "nonprofit": 1, "legal_services": 6,
                "other_org": 1, "total": 556},
        "carried_in": {"natural_person": 4, "commercial": 0, "research": 0, "nonprofit": 0, "legal_services": 0,
                       "other_org": 0, "total": 4},
        "granted": {"natural_person": 201, "commercial": 9, "research": 2, "nonprofit": 1, "legal_services": 3,
                    "other_org": 0, "total": 216},
        "partly_granted": {"natural_person": 48, "commercial": 3, "research": 0, "nonprofit": 0, "legal_services": 1,
                           "other_org": 0, "total": 52},
        "withheld.third_party": {"natural_person": 11, "commercial": 1, "research": 0, "nonprofit": 0,
                                 "legal_services": 0, "other_org": 0, "total": 12},
        "unavailable.not_held": {"natural_person": 187, "commercial": 5, "research": 1, "nonprofit": 0,
                                 "legal_services": 2, "other_org": 1, "total": 196},
        "not_processed.repeat": {"natural_person": 40, "commercial": 2, "research": 0, "nonprofit": 0,
                                 "legal_services": 0, "other_org": 0, "total": 42},
        "other.no_correction": {"natural_person": 25, "commercial": 0, "research": 0, "nonprofit": 0,
                                "legal_services": 0, "other_org": 0, "total": 25},
        "other.fee_unpaid": {"natural_person": 2, "commercial": 0, "research": 0, "nonprofit": 0,
                             "legal_services": 0, "other_org": 0, "total": 2},
        "outcome_total": {"natural_person": 514, "commercial": 20, "research": 3, "nonprofit": 1,
                          "legal_services": 6, "other_org": 1, "total": 545},
        "carried_out": {"natural_person": 15, "commercial": 0, "research": 0, "nonprofit": 0, "legal_services": 0,
                        "other_org": 0, "total": 15},
    },
    "reviews": {"review": {"upheld": 6, "corrected": 1, "other": 2, "pending": 1, "total": 10},
                "suit_direct": {"upheld": 3, "corrected": 0, "other": 1, "pending": 2, "total": 6},
                "suit_after_review": {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}},
    "fees_yuan": 400.0, "prose": {}, "findings": [],
}
SECTIONS = {"一": "2024年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。\n\n全年共收到政府信息公开申请556件。",
            "三": "本年度依申请公开情况见下表。",
            "五": "（一）存在的主要问题\n政策解读形式不够丰富。\n\n（二）改进情况\n下一步将丰富解读形式。",
            "六": "本年度收取信息处理费共计400元。"}


def blanks_2019() -> ReportData:
    """A 2019 report with blank (None) cells and whole rows missing: printed empty, never 0."""
    report = numbered("2019", 2020)
    report.applications["new"]["research"] = None
    report.applications["granted"] = {c: None for c in COLS}
    del report.applications["carried_in"]
    report.reviews["suit_direct"] = {"upheld": None, "corrected": 0, "other": None, "pending": None, "total": 0}
    report.active["regulations"]["published"] = None
    del report.active["procurement"]
    return report


REPORTS = {
    "2021 numbered": lambda: numbered("2021", 2023),
    "2019 numbered": lambda: numbered("2019", 2019),
    "2019 with blanks": blanks_2019,
    "2021 realistic": lambda: ReportData.from_json(REALISTIC_2021),
    "2021 empty": lambda: ReportData(issuer="示范县人民政府", year=2025, format="2021"),
}


# ------------------------------------------------------------------ reading the files back

HOLE = object()


def expand(ranges, rows: int, columns: int) -> list[list]:
    grid = [[HOLE] * columns for _ in range(rows)]
    for r, c, rs, cs, value in ranges:
        for dr in range(rs):
            for dc in range(cs):
                assert grid[r + dr][c + dc] is HOLE, f"overlapping cells at {(r + dr, c + dc)}"
                grid[r + dr][c + dc] = value
    assert all(v is not HOLE for row in grid for v in row), "a hole in the table"
    return grid


def html_tables(fragment: str) -> dict[str, tuple[list, list[list[str]], object]]:
    """name -> (ranges, grid, table element), placing cells as a browser does."""
    out = {}
    for table in lxml.html.fromstring(fragment).xpath("//table"):
        ranges, taken = [], set()
        for r, tr in enumerate(table.xpath(".//tr")):
            c = 0
            for cell in tr.xpath("./th|./td"):
                while (r, c) in taken:
                    c += 1
                rs, cs = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
                ranges.append((r, c, rs, cs, cell.text_content()))
                taken.update((r + dr, c + dc) for dr in range(rs) for dc in range(cs))
                c += cs
        rows = len(table.xpath(".//tr"))
        columns = max(c + cs for _, c, _, cs, _ in ranges)
        out[table.get("data-table")] = (ranges, expand(ranges, rows, columns), table)
    return out


def docx_ranges(table) -> list:
    """Cells of a Word table from its XML: w:gridSpan for columns, w:vMerge restart/continue for rows."""
    ranges, open_at = [], {}
    for r, tr in enumerate(table._tbl.tr_lst):
        c = 0
        for tc in tr.tc_lst:
            span, merge = tc.grid_span, tc.vMerge
            content = "".join(t.text or "" for t in tc.iter(qn("w:t")))
            if merge == "continue":
                start = open_at[c]
                ranges[start] = (*ranges[start][:2], ranges[start][2] + 1, *ranges[start][3:])
            else:
                open_at[c] = len(ranges)
                ranges.append((r, c, 1, span, content))
            c += span
    return ranges


def xlsx_ranges(sheet) -> list:
    merged = {(m.min_row, m.min_col): m for m in sheet.merged_cells.ranges}
    covered = {(r, c) for m in merged.values() for r in range(m.min_row, m.max_row + 1)
               for c in range(m.min_col, m.max_col + 1)}
    ranges = []
    for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=sheet.max_column):
        for cell in row:
            key = (cell.row, cell.column)
            if key in merged:
                m = merged[key]
                ranges.append((m.min_row - 1, m.min_col - 1, m.max_row - m.min_row + 1, m.max_col - m.min_col + 1,
                               cell.value))
            elif key not in covered:
                ranges.append((cell.row - 1, cell.column - 1, 1, 1, cell.value))
    return ranges


def merges(ranges) -> set:
    return {(r, c, rs, cs) for r, c, rs, cs, _ in ranges if rs > 1 or cs > 1}


def as_text(grid) -> list[list[str]]:
    return [[text(v) for v in row] for row in grid]


# ------------------------------------------------------------------ formats as data

@pytest.mark.parametrize("year, key", [(2008, "pre2019"), (2018, "pre2019"), (2019, "2019"), (2020, "2019"),
                                       (2021, "2021"), (2022, "2021"), (2040, "2021")])
def test_format_for_year(year, key):
    fmt = formats.format_for_year(year)
    assert fmt.key == key and fmt.first_year <= year and (fmt.last_year is None or year <= fmt.last_year)


@pytest.mark.parametrize("year", [2007, 1990, 0, -5, "2021", 2021.0, True, None])
def test_no_format_for_other_years(year):
    with pytest.raises(formats.FormatError, match="年"):
        formats.format_for_year(year)


def test_the_formats_cover_every_year_once_without_gaps():
    years = [y for fmt in formats.FORMATS for y in range(fmt.first_year, (fmt.last_year or 2100) + 1)]
    assert sorted(years) == list(range(2008, 2101))


@pytest.mark.parametrize("key", ["2021", "2019"])
def test_format_data_matches_the_spec(key):
    fmt = formats.format_for_year({"2021": 2021, "2019": 2019}[key])
    assert [h for _, h in fmt.sections] == HEADINGS[key] and [k for k, _ in fmt.sections] == list("一二三四五六")
    assert [(r.key, r.label, r.groups) for r in fmt.t3_rows] == T3_ROWS[key]
    assert len(fmt.t3_rows) == {"2021": 25, "2019": 23}[key]
    assert [k for k, _ in fmt.t3_columns] == COLS and fmt.t3_note == NOTE
    assert [(g.key, g.top, g.sub) for g in fmt.t4_groups] == [("review", "行政复议", None),
                                                             ("suit_direct", "行政诉讼", "未经复议直接起诉"),
                                                             ("suit_after_review", "行政诉讼", "复议后起诉")]
    assert [label for _, label in fmt.t4_columns] == T4_SUB
    blocks = [(b.heading, [r for r in b.rows]) for b in fmt.table_two]
    assert blocks == [(heading, rows) for heading, _, rows, _ in T2[key]]
    assert fmt.headings == sections.titles(key)          # the section editor shows the same headings


@pytest.mark.parametrize("year, fmt", [(2025, "2021"), (2020, "2019"), (2012, "pre2019")])
def test_title(year, fmt):
    report = ReportData(issuer="示范市人民政府", year=year, format=fmt)
    assert formats.format_of(report).title_of(report) == f"示范市人民政府{year}年政府信息公开工作年度报告"
    assert lxml.html.fromstring(to_html(report)).xpath("//h1")[0].text_content() == report.issuer + f"{year}年政府信息公开工作年度报告"


def test_pre2019_headings_match_the_section_editor():
    assert formats.format_for_year(2010).headings == sections.titles("pre2019")


@pytest.mark.parametrize("value, printed", [(None, ""), (0, "0"), (7, "7"), (3.0, "3"), (1.5, "1.5"), (-4, "-4"),
                                            (12345.678, "12345.678"), (35.6, "35.6"), (0.0001, "0.0001")])
def test_show(value, printed):
    assert formats.show(value) == printed


@pytest.mark.parametrize("render", [to_html, to_docx, to_xlsx, to_pdf])
def test_renderers_refuse_a_report_without_tables(render):
    with pytest.raises(formats.FormatError, match="没有统计表"):
        render(ReportData(issuer="某局", year=2022, format="narrative"))


# ------------------------------------------------------------------ HTML

@pytest.mark.parametrize("name", list(REPORTS))
def test_html(name):
    report = REPORTS[name]()
    fragment = to_html(report, SECTIONS)
    tables = html_tables(fragment)
    assert list(tables) == ["表二", "表三", "表四"]
    for table, (ranges, grid, element) in tables.items():
        assert grid == expected_grid(table, report), table
        assert element.getparent().tag == "div" and "overflow-x:auto" in element.getparent().get("style")
        assert element.xpath("./caption")
    assert merges(tables["表三"][0]) == T3_MERGES[report.format]
    assert merges(tables["表四"][0]) == T4_MERGES
    # the data rows of table 三: 25 (2021) or 23 (2019), each with its row header(s) and 7 numbers
    body = tables["表三"][2].xpath("./tbody/tr")
    assert len(body) == {"2021": 25, "2019": 23}[report.format]
    assert [tr.xpath("./th")[-1].text_content() for tr in body] == [label for _, label, _ in T3_ROWS[report.format]]
    assert all(len(tr.xpath("./td")) == 7 for tr in body)
    head = tables["表三"][2].xpath("./thead/tr")
    assert len(head) == 3 and all(th.get("scope") == "col" for tr in head for th in tr.xpath("./th"))
    assert all(th.get("scope") == "row" for tr in body for th in tr.xpath("./th"))
    doc = lxml.html.fromstring(fragment)
    assert doc.xpath("//h1")[0].text_content() == f"{report.issuer}{report.year}年政府信息公开工作年度报告"
    assert [h.text_content() for h in doc.xpath("//h2")] == HEADINGS[report.format]
    paragraphs = [p.text_content() for p in doc.xpath("//p")]
    assert paragraphs[:2] == ["2024年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。", "全年共收到政府信息公开申请556件。"]
    assert "（一）存在的主要问题政策解读形式不够丰富。" in paragraphs      # one line break inside a paragraph
    assert len(doc.xpath("//p")) == 6


def test_html_blank_cells_are_empty_never_zero():
    fragment = to_html(REPORTS["2021 empty"]())
    tables = html_tables(fragment)
    cells = [td.text_content() for _, _, element in tables.values() for td in element.xpath(".//td")]
    assert len(cells) == 10 + 25 * 7 + 15 and set(cells) == {""}


def test_html_escapes_and_heading_level():
    report = ReportData.from_json({**REALISTIC_2021, "issuer": "示范<市>&局"})
    fragment = to_html(report, {"一": "<script>alert(1)</script>"}, level=3)
    assert "<script>" not in fragment and "&lt;script&gt;" in fragment
    doc = lxml.html.fromstring(fragment)
    assert doc.xpath("//h3")[0].text_content() == "示范<市>&局2024年政府信息公开工作年度报告"
    assert len(doc.xpath("//h4")) == 6 and not doc.xpath("//h1|//h2")


# ------------------------------------------------------------------ Word

def _runs(document):
    for paragraph in document.paragraphs:
        yield from paragraph.runs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    yield from paragraph.runs


def _fonts(run):
    fonts = run._element.rPr.rFonts
    return fonts.get(qn("w:eastAsia")), fonts.get(qn("w:ascii")), run.font.size.pt


@pytest.mark.parametrize("name", list(REPORTS))
def test_docx(name):
    report = REPORTS[name]()
    document = docx.Document(io.BytesIO(to_docx(report, SECTIONS)))
    assert len(document.tables) == 3
    for table, name_ in zip(document.tables, ["表二", "表三", "表四"]):
        ranges = docx_ranges(table)
        grid = expand(ranges, len(table._tbl.tr_lst), max(c + cs for _, c, _, cs, _ in ranges))
        assert grid == expected_grid(name_, report), name_
    assert merges(docx_ranges(document.tables[1])) == T3_MERGES[report.format]
    assert merges(docx_ranges(document.tables[2])) == T4_MERGES
    # header rows repeat after a page break: the 3 of table 三 and of table 四, no other row
    for table in document.tables[1:]:
        repeat = [tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None for tr in table._tbl.tr_lst]
        assert repeat == [True] * 3 + [False] * (len(repeat) - 3)
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[0] == f"{report.issuer}{report.year}年政府信息公开工作年度报告"
    assert [t for t in texts if t in HEADINGS[report.format]] == HEADINGS[report.format]
    assert "本年度收取信息处理费共计400元。" in texts


def test_docx_page_fonts_and_sizes():
    data = to_docx(ReportData.from_json(REALISTIC_2021), SECTIONS)
    document = docx.Document(io.BytesIO(data))
    page = document.sections[0]
    assert (round(page.page_width.cm, 2), round(page.page_height.cm, 2)) == (21.0, 29.7)
    assert [round(x.cm, 2) for x in (page.top_margin, page.bottom_margin, page.left_margin, page.right_margin)] == \
        [3.7, 3.5, 2.8, 2.6]
    paragraphs = [p for p in document.paragraphs if p.text]
    title = paragraphs[0]
    assert title.alignment == 1                                                   # centred
    assert _fonts(title.runs[0]) == ("方正小标宋简体", "方正小标宋简体", 22)           # 二号
    headings = [p for p in paragraphs if p.text in HEADINGS["2021"]]
    assert len(headings) == 6 and {_fonts(r) for p in headings for r in p.runs} == {("黑体", "黑体", 16)}   # 三号
    body = [p for p in paragraphs[1:] if p not in headings]
    assert body and {_fonts(r) for p in body for r in p.runs} == {("仿宋_GB2312", "仿宋_GB2312", 16)}
    table_runs = [r for t in document.tables for row in t.rows for cell in row.cells for p in cell.paragraphs
                  for r in p.runs]
    assert {_fonts(r) for r in table_runs} == {("宋体", "宋体", 9)}                 # 小五
    # fallbacks declared in the font table: 方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋
    with __import__("zipfile").ZipFile(io.BytesIO(data)) as archive:
        fonts = archive.read("word/fontTable.xml").decode()
        footer = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer"))
    assert re.search(r'w:name="方正小标宋简体"><w:altName w:val="宋体"/>', fonts)
    assert re.search(r'w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>', fonts)
    assert "PAGE" in footer                                                        # page numbers


def test_docx_numbers_in_their_cells_and_blanks_empty():
    report = blanks_2019()
    table = docx.Document(io.BytesIO(to_docx(report))).tables[1]
    ranges = docx_ranges(table)
    grid = expand(ranges, len(table._tbl.tr_lst), 10)
    row = 3 + [k for k, _, _ in T3_2019].index("new")
    assert grid[row][3:] == ["1000", "1001", "", "1003", "1004", "1005", "1006"]
    assert grid[3 + 1][3:] == [""] * 7 and grid[3 + 2][3:] == [""] * 7        # carried_in absent, granted blank


# ------------------------------------------------------------------ Excel

@pytest.mark.parametrize("name", list(REPORTS))
def test_xlsx(name):
    report = REPORTS[name]()
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(report)))
    assert book.sheetnames == ["表二", "表三", "表四", "数据"]
    for sheet in ("表二", "表三", "表四"):
        ranges = xlsx_ranges(book[sheet])
        grid = expand(ranges, book[sheet].max_row, book[sheet].max_column)
        assert as_text(grid) == expected_grid(sheet, report), sheet
        # numbers are numbers, blanks are empty cells
        values = [v for _, _, _, _, v in ranges if not isinstance(v, str)]
        assert all(v is None or isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)
        assert all(isinstance(v, str) and v for r, c, _, _, v in ranges
                   if (sheet != "表四" and c == 0) or (sheet != "表二" and r < 3))   # labels are text
    assert merges(xlsx_ranges(book["表三"])) == T3_MERGES[report.format]
    assert merges(xlsx_ranges(book["表四"])) == T4_MERGES
    assert book["表三"].freeze_panes == "A4" and book["表四"].freeze_panes == "A4"
    for sheet in ("表二", "表三", "表四"):
        assert all(book[sheet].column_dimensions[chr(65 + i)].width >= 8 for i in range(book[sheet].max_column))


def test_xlsx_typed_values_and_blanks():
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(blanks_2019())))
    t3 = book["表三"]
    assert [t3.cell(4, c).value for c in range(4, 11)] == [1000, 1001, None, 1003, 1004, 1005, 1006]
    assert [t3.cell(5, c).value for c in range(4, 11)] == [None] * 7                  # carried_in absent
    t2 = book["表二"]
    assert [t2.cell(3, c).value for c in range(1, 5)] == ["规章", 300, None, 302]
    assert [t2.cell(7, c).value for c in range(1, 5)] == ["行政许可", 310, -4, 312]  # 本年增/减 may be negative
    assert [t2.cell(18, c).value for c in range(1, 3)] == ["政府集中采购", None]          # block present, blank
    t4 = book["表四"]
    assert [t4.cell(4, c).value for c in range(6, 11)] == [None, 0, None, None, 0]   # 0 stays 0, blank stays blank
    assert book["表四"]["A4"].data_type == "n"
    fees = openpyxl.load_workbook(io.BytesIO(to_xlsx(numbered("2021", 2022))))["表二"]
    assert fees.cell(14, 2).value == 12.3456 and isinstance(fees.cell(14, 2).value, float)


def test_xlsx_data_sheet_has_stable_keys():
    def rows(report):
        sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(report)))["数据"]
        return [tuple(c.value for c in row) for row in sheet.iter_rows()]

    full, empty = rows(ReportData.from_json(REALISTIC_2021)), rows(ReportData(issuer="某局", year=2024))
    assert full[0] == ("key", "项目", "值")
    assert [r[0] for r in full] == [r[0] for r in empty]             # the same keys whatever the data holds
    assert len(full) == 1 + 3 + 10 + 25 * 7 + 15 + 1
    data = {r[0]: r for r in full[1:]}
    assert data["applications.new.natural_person"] == ("applications.new.natural_person",
                                                       "一、本年新收政府信息公开申请数量·自然人", 525)
    assert data["applications.withheld.third_party.total"][1:] == ("（三）不予公开·4.保护第三方合法权益·总计", 12)
    assert data["applications.withheld.state_secret.total"][2] is None    # absent row: empty, not 0
    assert data["reviews.suit_direct.pending"][1:] == ("行政诉讼·未经复议直接起诉·尚未审结", 2)
    assert data["active.fees.amount_wan"][2] == 35.6 and data["fees_yuan"][2] == 400
    assert all(v is None or isinstance(v, (int, float)) for k, _, v in full[1:] if k not in ("issuer", "format"))
    old = rows(ReportData(issuer="某局", year=2019, format="2019"))
    assert len(old) == 1 + 3 + (6 * 3 + 2 + 2) + 23 * 7 + 15 + 1
    assert {r[0] for r in old} >= {"applications.other.other.total", "active.procurement.amount_wan"}
    assert "applications.other.fee_unpaid.total" not in {r[0] for r in old}


# ------------------------------------------------------------------ PDF

def _pdf_text(data: bytes) -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("name", ["2021 realistic", "2019 numbered", "2019 with blanks"])
def test_pdf(name):
    report = REPORTS[name]()
    reader, content = _pdf_text(to_pdf(report, SECTIONS))
    flat = re.sub(r"\s+", "", content)
    assert f"{report.issuer}{report.year}年政府信息公开工作年度报告" in flat
    for heading in HEADINGS[report.format]:
        assert heading in flat
    # every label of the three tables (wrapped labels may continue after their numbers, so short ones whole and
    # long ones by their first line)
    labels = [label for _, label, _ in T3_ROWS[report.format]] + ["申请人情况", "法人或其他组织", "商业企业",
                                                                 "法律服务机构", "行政复议", "行政诉讼", "未经复议直接起诉",
                                                                 "复议后起诉", *T4_SUB]
    labels += [x for heading, columns, rows, _ in T2[report.format] for x in (heading, *columns, *(lab for _, lab in rows))]
    for label in labels:
        assert label[:9] in flat, label
    numbers = re.findall(r"\d+(?:\.\d+)?", content)
    for cells in report.applications.values():
        for value in cells.values():
            if value is not None:
                assert str(value) in numbers
    for page in reader.pages:
        assert [round(float(x)) for x in page.mediabox[2:]] == [595, 842]          # A4
    assert f"— {len(reader.pages)} —" in content                                    # page numbers


def test_pdf_font_is_embedded():
    reader = pypdf.PdfReader(io.BytesIO(to_pdf(ReportData.from_json(REALISTIC_2021), SECTIONS)))
    embedded = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            for f in ([d.get_object() for d in descendants] if descendants else [font]):
                descriptor = f.get("/FontDescriptor")
                if descriptor is not None and "/FontFile2" in descriptor.get_object():
                    embedded.add(f["/BaseFont"])
    assert embedded, "no embedded TrueType font"


def test_pdf_blanks_print_nothing():
    """An empty 2021 report: the tables carry labels only — no number anywhere except the year and page numbers."""
    _, content = _pdf_text(to_pdf(ReportData(issuer="示范县人民政府", year=2025, format="2021")))
    numbers = set(re.findall(r"\d+", re.sub(r"^\s*\d+\.", "", content, flags=re.M)))
    assert numbers <= {"2025", "1", "2", "3", "4", "5", "6", "7", "8"}          # year, row numbers 1.–8., page numbers
    assert "0" not in numbers


# ------------------------------------------------------------------ the old 统计表 (2008–2018)

def test_pre2019_renders_the_statistics_table():
    report = ReportData(issuer="金塘镇人民政府", year=2018, format="pre2019",
                        applications={"received_total": 0}, prose={"active_total": 259}, reviews={})
    tables = html_tables(to_html(report))
    assert list(tables) == ["统计表"]
    grid = tables["统计表"][1]
    assert grid[0] == ["统计指标", "单位", "统计数"] and len(grid) == 66
    assert grid[2] == ["(一)主动公开政府信息数(不同渠道和方式公开相同信息计1条)", "条", "259"]
    assert grid[22] == ["(一)收到申请数", "件", "0"] and grid[23] == ["1.当面申请数", "件", ""]
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(report)))
    assert book.sheetnames == ["统计表", "数据"] and book["统计表"]["C3"].value == 259
    assert docx.Document(io.BytesIO(to_docx(report))).tables[0].cell(2, 2).text == "259"


# ------------------------------------------------------------------ properties

cell = st.one_of(st.none(), st.integers(min_value=0, max_value=10 ** 6))


@st.composite
def random_reports(draw):
    fmt = draw(st.sampled_from(["2021", "2019"]))
    applications = {key: {c: draw(cell) for c in COLS} for key, _, _ in T3_ROWS[fmt] if draw(st.booleans())}
    reviews = {g: {k: draw(cell) for k in T4_KEYS} for g in T4_GROUPS}
    active = {key: {k: draw(st.one_of(st.none(), st.integers(-50, 10 ** 5),
                                      st.floats(0, 10 ** 5, allow_nan=False).map(lambda x: round(x, 4))))
                    for k in dict.fromkeys(keys)}
              for _, _, rows, keys in T2[fmt] for key, _ in rows}
    return ReportData(issuer="某局", year=2021 if fmt == "2021" else 2020, format=fmt, active=active,
                      applications=applications, reviews=reviews)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_reports())
def test_property_html_and_xlsx_hold_every_cell_where_the_format_puts_it(report):
    tables = html_tables(to_html(report))
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(report)))
    for name in ("表二", "表三", "表四"):
        expected = expected_grid(name, report)
        assert tables[name][1] == expected
        sheet = book[name]
        assert as_text(expand(xlsx_ranges(sheet), sheet.max_row, sheet.max_column)) == expected
