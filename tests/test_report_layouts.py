"""The same 2021 table in the layouts real copies take: tab-separated (Word), pipes with blanks in place, blanks
dropped, one cell per line, space-separated (PDF text), full-width digits in Traditional characters. Exact layouts
give every cell; layouts that lost their blanks give the totals, the cells the sums make certain, and a warning."""

import pytest
import report_samples
import zhconv

from gongkai.reports import formats
from gongkai.reports.auditor import check_report
from gongkai.reports.reportdata import COLUMNS, ReportData

REVIEWS = {"review": {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2},
           "suit_direct": {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0},
           "suit_after_review": {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0}}
REPORT = ReportData(issuer="示范县人民政府", year=2023, format="2021", applications=report_samples.expected_applications(),
                    reviews=REVIEWS)
HEAD = ["示范县人民政府2023年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"]
T4_HEAD = "四、政府信息公开行政复议、行政诉讼情况"


def grid(rows):
    """The official layout as printed text sees it: a merged cell's text in its first cell, the rest empty."""
    width = max(sum(c for _, _, c, _ in row) for row in rows)
    out, taken = [[""] * width for _ in rows], set()
    for r, row in enumerate(rows):
        c = 0
        for text, rowspan, colspan, _ in row:
            while (r, c) in taken:
                c += 1
            out[r][c] = text
            taken.update((r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan))
            c += colspan
    return out


T3, T4 = grid(formats.table_three(REPORT)), grid(formats.table_four(REPORT))


def layout(join_row, per_line=False) -> str:
    if per_line:
        return "\n".join(HEAD + [c for row in T3 for c in row if c] + [T4_HEAD] + [c for row in T4 for c in row if c])
    return "\n".join(HEAD + [join_row(row) for row in T3] + [T4_HEAD] + [join_row(row) for row in T4])


EXACT = {
    "tabs": layout("\t".join),
    "pipes": layout(" | ".join),
    "traditional, full-width digits": zhconv.convert(layout(" | ".join), "zh-tw").translate(
        {ord(c): ord(c) + 0xFEE0 for c in "0123456789"}),
}
LOSSY = {
    "blanks dropped": layout(lambda row: " | ".join(c for c in row if c) + " |"),
    "one cell per line": layout(None, per_line=True),
    "spaces": layout(lambda row: "  ".join(c for c in row if c)),
}


@pytest.mark.parametrize("name", list(EXACT))
def test_exact_layouts_give_every_cell(name):
    report = check_report(EXACT[name].encode(), "r.txt")
    assert report.applications == report_samples.expected_applications()
    assert report.reviews == REVIEWS and report.format == "2021" and report.findings == []


@pytest.mark.parametrize("name", list(LOSSY))
def test_layouts_without_blanks_keep_totals_and_say_so(name):
    report = check_report(LOSSY[name].encode(), "r.txt")
    expected = report_samples.expected_applications()
    for key, cells in expected.items():
        got = report.applications[key]
        assert got["total"] == cells["total"], key
        for column in COLUMNS:                 # whatever was placed is right
            if column in got and got[column] is not None:
                assert got[column] == cells[column], (key, column)
    assert report.reviews == REVIEWS
    assert [f.rule for f in report.findings] == ["R.columns_ambiguous"]


def test_an_extra_subtotal_column_and_a_repeated_header():
    """Some tools print 法人或其他组织 as a subtotal column, and a page break repeats the header mid-table."""
    rows = []
    for i, row in enumerate(T3):
        if i >= 3:
            numbers = [int(v) if v else 0 for v in row[3:]]
            row = row[:4] + [str(sum(numbers[1:6]))] + row[4:]
        rows.append(row)
    rows = rows[:12] + T3[:3] + rows[12:]                # the header again after a page break
    text = "\n".join(HEAD + [" | ".join(r) for r in rows] + [T4_HEAD] + [" | ".join(r) for r in T4])
    report = check_report(text.encode(), "r.txt")
    expected = report_samples.expected_applications()
    for key, cells in expected.items():                  # blanks printed as 0 by the tool are read as 0
        assert {c: v or 0 for c, v in report.applications[key].items()} == {c: v or 0 for c, v in cells.items()}, key


def test_table_four_row_with_its_own_label():
    text = EXACT["pipes"].replace(" | ".join(T4[-1]), "数量 | " + " | ".join(T4[-1]))
    assert "数量 | 1 |" in text
    report = check_report(text.encode(), "r.txt")
    assert report.reviews == REVIEWS and report.findings == []


def test_a_partial_table_takes_the_format_of_its_year():
    """Four rows of table 三 and a table 四 row with blanks dropped (a text-layer PDF): nothing in the table names the
    format, so the reporting year does; the missing rows and the unplaceable numbers are reported, not invented."""
    report = check_report(report_samples.pdf(), "partial.pdf")
    assert report.format == "2021" and report.year == 2025
    assert [f.rule for f in report.findings] == ["R.truncated", "R.columns_ambiguous", "R.columns_ambiguous"]
    assert report.reviews == {} and report.applications["new"] == {"total": 16}
