"""gongkai catalog import: XLSX, CSV, JSONL; validation report; all-or-nothing; --skip-invalid; re-run resumes."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from gongkai.catalog.importer import COLUMNS
from gongkai.catalog.models import Item

pytestmark = pytest.mark.django_db


def rows(demo_city):
    fgw = demo_city["fgw"]
    return [
        {"索引号": "000000002/2019-00001", "名称": "示范市发展改革委2019年工作要点", "发布机构": fgw.uscc, "体裁": "通知",
         "文号": "示发改发[2019]3号", "成文日期": "2019年3月1日", "发布日期": "2019/03/05", "有效性": "已废止",
         "主题分类": "国民经济管理、国有资产监管\\发展规划", "信息分类": "20-03;wgk-jc", "文件类型": "行政规范性文件",
         "正文": "<p>工作要点正文<script>x</script></p>"},
        {"名称": "示范市教育局2020年招生工作通知", "发布机构": "示范市教育局", "体裁": "通知", "发布日期": "2020-06-01"},
    ]


def write(tmp_path, name, data):
    path = tmp_path / name
    if name.endswith(".xlsx"):
        wb = Workbook()
        ws = wb.active
        ws.append(COLUMNS)
        for r in data:
            ws.append([r.get(c, "") for c in COLUMNS])
        wb.save(path)
    elif name.endswith(".csv"):
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=COLUMNS)
            w.writeheader()
            w.writerows(data)
    else:
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in data), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["old.xlsx", "old.csv", "old.jsonl"])
def test_import_each_format(tmp_path, demo_city, name):
    out = io.StringIO()
    call_command("catalog", "import", str(write(tmp_path, name, rows(demo_city))), stdout=out)
    assert "已导入 2 条" in out.getvalue()
    legacy = Item.objects.get(index_number="000000002/2019-00001")  # kept verbatim
    assert legacy.doc_number == "示发改发〔2019〕3号" and legacy.validity == "repealed"
    assert str(legacy.topic) == "国民经济管理、国有资产监管\\发展规划" and "script" not in legacy.body
    assert sorted(legacy.categories.values_list("code", flat=True)) == ["20-03", "wgk-jc"]
    assert legacy.doc_kind == "normative" and legacy.written_date.isoformat() == "2019-03-01"
    issued = Item.objects.get(title="示范市教育局2020年招生工作通知")
    assert issued.index_number == f"{demo_city['jyj'].uscc}/2020-00001"
    # running it again (an interrupted import resumed) creates nothing twice
    call_command("catalog", "import", str(write(tmp_path, name, rows(demo_city)[:1])), stdout=io.StringIO())
    assert Item.objects.filter(title=legacy.title).count() == 1


def test_invalid_rows_abort_everything_with_a_report(tmp_path, demo_city):
    data = rows(demo_city) + [{"名称": "", "发布机构": "不存在的局", "体裁": "诗歌", "成文日期": "2019-02-30"}]
    with pytest.raises(CommandError) as exc:
        call_command("catalog", "import", str(write(tmp_path, "bad.xlsx", data)), stdout=io.StringIO())
    message = str(exc.value)
    for words in ["未保存任何数据", "第4行 名称：必填", "没有找到机构：不存在的局", "未知体裁：诗歌", "日期无效：2019-02-30"]:
        assert words in message
    assert Item.objects.count() == 0


def test_skip_invalid_imports_the_rest(tmp_path, demo_city):
    data = rows(demo_city) + [{"名称": "坏行", "发布机构": "不存在的局", "体裁": "通知"}]
    out = io.StringIO()
    call_command("catalog", "import", str(write(tmp_path, "mixed.csv", data)), "--skip-invalid", stdout=out)
    assert "已导入 2 条" in out.getvalue() and "有错误而跳过 1 行" in out.getvalue()
    assert not Item.objects.filter(title="坏行").exists()


def test_unreadable_file(tmp_path, demo_city):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a workbook")
    with pytest.raises(CommandError) as exc:
        call_command("catalog", "import", str(path), stdout=io.StringIO())
    assert "无法读取" in str(exc.value)
