"""A small 2021-format report (tables 三 and 四 with the official merged header) built as real files: HTML, DOCX,
XLSX, PDF. One specification, every format, so each reader is checked against the same expected cells."""

import io

from gongkai.reports.reportdata import COLUMNS

TITLE = "示范市发展和改革委员会2025年政府信息公开工作年度报告"
PROSE = ["一、总体情况", "2025年，本机关共收到政府信息公开申请16件，结转下年度继续办理4件。"]

# The expected table 三 (None = a blank cell); rows not listed are printed blank.
CELLS = {
    "new": [10, 3, None, 1, None, 2, 16],
    "carried_in": [1, None, None, None, None, None, 1],
    "granted": [5, 1, None, None, None, None, 6],
    "partly_granted": [1, None, None, None, None, None, 1],
    "withheld.third_party": [None, 1, None, None, None, None, 1],
    "unavailable.not_held": [2, None, None, None, None, 1, 3],
    "not_processed.repeat": [1, None, None, None, None, None, 1],
    "other.no_correction": [None, None, None, 1, None, None, 1],
    "outcome_total": [9, 2, None, 1, None, 1, 13],
    "carried_out": [2, 1, None, None, None, 1, 4],
}
REVIEWS = [1, 0, 0, 1, 2, None, None, None, None, 0, 1, 0, 0, 0, 1]

GROUPS = [("（三）不予公开", ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
                        "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"]),
          ("（四）无法提供", ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"]),
          ("（五）不予处理", ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
                        "5.要求行政机关确认或重新出具已获取信息"]),
          ("（六）其他处理", ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"])]
KEYS = {"（三）": ["withheld.state_secret", "withheld.prohibited_by_law", "withheld.three_safeties", "withheld.third_party",
                 "withheld.internal_affairs", "withheld.process_info", "withheld.enforcement_file",
                 "withheld.query_matter"],
        "（四）": ["unavailable.not_held", "unavailable.needs_creation", "unavailable.unclear_after_correction"],
        "（五）": ["not_processed.petition", "not_processed.repeat", "not_processed.publication", "not_processed.excessive",
                 "not_processed.confirm_or_reissue"],
        "（六）": ["other.no_correction", "other.fee_unpaid", "other.other"]}


def expected_applications() -> dict:
    keys = ["new", "carried_in", "granted", "partly_granted", *[k for ks in KEYS.values() for k in ks],
            "outcome_total", "carried_out"]
    return {k: dict(zip(COLUMNS, CELLS.get(k, [None] * 7))) for k in keys}


def _v(values):
    return [("" if v is None else str(v), 1, 1) for v in values]


def table_three() -> list[list[tuple[str, int, int]]]:
    """Rows of (text, rowspan, colspan) exactly as the official layout merges them."""
    rows = [[("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), ("申请人情况", 1, 7)],
            [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
            [(t, 1, 1) for t in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")],
            [("一、本年新收政府信息公开申请数量", 1, 3), *_v(CELLS["new"])],
            [("二、上年结转政府信息公开申请数量", 1, 3), *_v(CELLS["carried_in"])],
            [("三、本年度办理结果", 22, 1), ("（一）予以公开", 1, 2), *_v(CELLS["granted"])],
            [("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, 2), *_v(CELLS["partly_granted"])]]
    for group, labels in GROUPS:
        keys = KEYS[group[:3]]
        for i, (label, key) in enumerate(zip(labels, keys)):
            head = [(group, len(labels), 1)] if i == 0 else []
            rows.append([*head, (label, 1, 1), *_v(CELLS.get(key, [None] * 7))])
    rows.append([("（七）总计", 1, 2), *_v(CELLS["outcome_total"])])
    rows.append([("四、结转下年度继续办理", 1, 3), *_v(CELLS["carried_out"])])
    return rows


def table_four() -> list[list[tuple[str, int, int]]]:
    sub = [(t, 1, 1) for t in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]
    return [[("行政复议", 1, 5), ("行政诉讼", 1, 10)],
            [*[(t, 2, 1) for t in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")], ("未经复议直接起诉", 1, 5),
             ("复议后起诉", 1, 5)],
            [*sub, *sub],
            _v(REVIEWS)]


def _html_table(rows) -> str:
    body = "".join("<tr>" + "".join(f'<td rowspan="{r}" colspan="{c}">{t}</td>' for t, r, c in row) + "</tr>" for row in rows)
    return f"<table border=1>{body}</table>"


def html() -> bytes:
    """The report inside a site's layout table, with navigation and a script around it."""
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>{TITLE}</title><script>var x = "本年新收 99";</script>
<style>td {{}}</style></head><body><div class="nav">首页 &gt; 政府信息公开年报</div>
<table class="layout"><tr><td><h1>{TITLE}</h1><p>{PROSE[0]}</p><p>{PROSE[1]}</p>
<p>三、收到和处理政府信息公开申请情况</p>{_html_table(table_three())}
<p>四、政府信息公开行政复议、行政诉讼情况</p>{_html_table(table_four())}
<p>五、存在的主要问题及改进情况</p></td></tr></table><div class="footer">网站标识码 1234</div></body></html>""".encode()


def _docx_table(document, rows):
    width = max(sum(c for _, _, c in row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for text, rowspan, colspan in row:
            while (r, c) in taken:
                c += 1
            cell = table.cell(r, c)
            if rowspan > 1 or colspan > 1:
                cell = cell.merge(table.cell(r + rowspan - 1, c + colspan - 1))
            cell.text = text
            taken.update((r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan))
            c += colspan
    return table


def docx() -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    document.add_paragraph(TITLE)
    for line in PROSE:
        document.add_paragraph(line)
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    _docx_table(document, table_three())
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    _docx_table(document, table_four())
    document.add_paragraph("五、存在的主要问题及改进情况")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _sheet_rows(sheet, rows, top: int):
    """Write rows with merges starting at 1-based row `top`; returns the next free row."""
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for text, rowspan, colspan in row:
            while (r, c) in taken:
                c += 1
            value = int(text) if text.isdigit() else (text or None)
            sheet.cell(top + r, c + 1, value)
            if rowspan > 1 or colspan > 1:
                sheet.merge_cells(start_row=top + r, start_column=c + 1, end_row=top + r + rowspan - 1,
                                  end_column=c + colspan)
            taken.update((r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan))
            c += colspan
    return top + len(rows)


def xlsx() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "表三"
    sheet.cell(1, 1, TITLE)
    sheet.cell(2, 1, "三、收到和处理政府信息公开申请情况")
    after = _sheet_rows(sheet, table_three(), 3)
    sheet.cell(after + 1, 1, "四、政府信息公开行政复议、行政诉讼情况")
    _sheet_rows(sheet, table_four(), after + 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def pdf() -> bytes:
    """A text-layer PDF whose tables are printed as rows of label and numbers (blank cells dropped)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    from gongkai.core.pdf import styles

    st = styles()
    body = st["body"] if "body" in st else list(st.values())[0]
    flow = [Paragraph(TITLE, body), *[Paragraph(p, body) for p in PROSE],
            Paragraph("三、收到和处理政府信息公开申请情况", body)]
    data = []
    for key, row in expected_applications().items():
        label = {"new": "一、本年新收政府信息公开申请数量", "carried_in": "二、上年结转政府信息公开申请数量",
                 "outcome_total": "（七）总计", "carried_out": "四、结转下年度继续办理"}.get(key)
        if label is None:
            continue
        data.append([label, *["" if v is None else str(v) for v in row.values()]])
    flow.append(Table(data, style=[("FONT", (0, 0), (-1, -1), body.fontName, 8)]))
    flow.append(Paragraph("四、政府信息公开行政复议、行政诉讼情况", body))
    flow.append(Table([["" if v is None else str(v) for v in REVIEWS]], style=[("FONT", (0, 0), (-1, -1), body.fontName, 8)]))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(flow)
    return out.getvalue()
