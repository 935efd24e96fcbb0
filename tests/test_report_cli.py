"""`gongkai report check` and `gongkai report audit` on real reports, a zip with GBK names, and a broken file."""

import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from test_report_corpus import CORPUS


def run(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_check_prints_the_json_with_findings():
    data = json.loads(run("check", str(CORPUS / "rizhao-city-2019.txt"), "--json"))
    assert data["issuer"] == "日照市人民政府" and data["applications"]["new"]["total"] == 556
    assert data["findings"][0]["rule"] == "R.columns_ambiguous"


def test_check_prints_a_chinese_summary():
    text = run("check", str(CORPUS / "zhoushan-city-2018.txt"))
    assert "发布机关：舟山市人民政府" in text and "[错误] R.art50" in text


def test_check_across_years(tmp_path):
    last = tmp_path / "2018.txt"
    this_text = (CORPUS / "rizhao-city-2019.txt").read_text(encoding="utf-8")
    # a made-up previous year whose table 三 ends with 3 carried over, while 2020's 上年结转 says 0
    last.write_text(this_text.replace("2019", "2018").replace("四、結轉下年度繼續辦理 | 5 | 5 |",
                                                               "四、結轉下年度繼續辦理 | 3 | 3 |"), encoding="utf-8")
    this = tmp_path / "2019.txt"
    this.write_text(this_text.replace("2019", "2020"), encoding="utf-8")
    (tmp_path / "2018.txt").write_text(last.read_text(encoding="utf-8").replace("2018", "2019"), encoding="utf-8")
    data = json.loads(run("check", str(this), "--previous", str(last), "--json"))
    assert any(f["rule"] == "Y.carry" and f["expected"] == 3 and f["found"] == 0 for f in data["findings"])


def test_check_a_missing_file_is_a_chinese_error():
    with pytest.raises(CommandError, match="找不到文件"):
        run("check", "/nonexistent/report.txt")


def test_audit_a_folder_and_a_zip(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in CORPUS.glob("*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    archive = tmp_path / "more.zip"
    gbk_name = "日照市2019年报.txt".encode("gb18030")     # as Chinese Windows zips store it: GBK, no UTF-8 flag
    placeholder = b"x" * (len(gbk_name) - 4) + b".txt"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr(placeholder.decode(), (CORPUS / "rizhao-city-2019.txt").read_bytes())
    archive.write_bytes(buffer.getvalue().replace(placeholder, gbk_name))
    out = tmp_path / "findings.xlsx"
    text = run("audit", str(folder), "-o", str(out), "--workers", "1")
    assert "已审核 6 份报告" in text
    book = load_workbook(out)
    assert book.sheetnames == ["问题", "概况", "表三", "表四"]
    rows = list(book["问题"].iter_rows(min_row=2, values_only=True))
    assert any(r[0].endswith("broken.pdf") and r[4] == "R.unreadable" for r in rows)
    assert any(r[1] == "金塘镇" and r[4] == "P.breakdown" and r[5] == "警告" for r in rows)
    table3 = list(book["表三"].iter_rows(min_row=2, values_only=True))
    assert ("日照市人民政府", 2019, "一、本年新收政府信息公开申请数量") == table3[0][1:4] and table3[0][-1] == 556
    zipped = tmp_path / "zipped.xlsx"
    run("audit", str(archive), "-o", str(zipped))
    names = [r[0] for r in load_workbook(zipped)["概况"].iter_rows(min_row=2, values_only=True)]
    assert names == ["日照市2019年报.txt"]


def test_audit_pairs_the_same_issuer_across_years(tmp_path):
    text = (CORPUS / "rizhao-city-2019.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text.replace("2019", "2020"), encoding="utf-8")   # 上年结转 0
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")                           # 结转下年度 5
    out = tmp_path / "f.xlsx"
    run("audit", str(tmp_path), "-o", str(out), "--workers", "1")
    rows = list(load_workbook(out)["问题"].iter_rows(min_row=2, values_only=True))
    assert any(r[0].endswith("a.txt") and r[4] == "Y.carry" for r in rows)


def test_audit_nothing_to_read(tmp_path):
    with pytest.raises(CommandError, match="没有找到报告文件"):
        run("audit", str(tmp_path))
