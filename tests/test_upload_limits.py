"""Uploads that pass the size and type checks but would cost minutes and gigabytes: refused or cut, with the Chinese
problem, by the guards; readers run in a limited child process; stored text capped; CLI importers size-limited."""

import resource
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from gongkai.documents import UnreadableFile, extract_text, guards, isolated, read_document, read_rows, read_sheet

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import bench_uploads as crafted  # noqa: E402


def allocate_too_much(_data):
    return b"x" * (4 * 1024 * 1024 * 1024)


def loop_forever(*_args):
    while True:
        pass


def address_space_limit(_data):
    return resource.getrlimit(resource.RLIMIT_AS)[0], resource.getrlimit(resource.RLIMIT_CPU)[0]


def test_child_runs_under_the_limits(monkeypatch):
    monkeypatch.setattr(isolated, "MEMORY_BYTES", 700 * 1024 * 1024)
    monkeypatch.setattr(isolated, "SECONDS", 7)
    assert isolated.run(address_space_limit, b"") == (700 * 1024 * 1024, 7)


def test_reader_that_allocates_too_much_gives_the_memory_problem(monkeypatch):
    monkeypatch.setattr(isolated, "MEMORY_BYTES", 512 * 1024 * 1024)
    with pytest.raises(isolated.Unprocessable, match="文件处理所需内存过大（超过 512 MB）"):
        isolated.run(allocate_too_much, b"")
    assert isolated.run(len, b"abc") == 3          # the parent is fine, and so is the next child


def test_reader_that_loops_forever_gives_the_timeout_problem(monkeypatch):
    monkeypatch.setattr(isolated, "SECONDS", 1)
    with pytest.raises(isolated.Unprocessable, match="文件处理超时（超过 1 秒）"):
        isolated.run(loop_forever, b"")


def test_reader_exceptions_come_back_as_raised():
    with pytest.raises(UnreadableFile, match="不支持的文件格式"):
        isolated.read_rows("a.txt", b"x")


def test_isolated_readers_give_what_the_readers_give():
    text = "姓名,电话\n张三,13800138000\n".encode()
    assert isolated.read_rows("a.csv", text) == read_rows("a.csv", text)
    assert isolated.extract_text(text, "a.csv") == extract_text(text, "a.csv")
    assert isolated.read_document(text, "a.txt") == read_document(text, "a.txt")


def test_isolated_extract_text_states_the_limit(monkeypatch):
    monkeypatch.setattr(isolated, "SECONDS", 1)
    monkeypatch.setattr("gongkai.documents.extract.extract_text", loop_forever)
    assert isolated.extract_text(b"x").problem.startswith("无法扫描：文件处理超时")


def test_xlsx_whose_dimension_and_rows_claim_a_million_rows_is_not_expanded():
    data = crafted.xlsx_dimension()
    with pytest.raises(UnreadableFile, match="文件过于复杂"):
        read_sheet("figures.xlsx", data)
    assert "文件过于复杂" in extract_text(data).problem
    assert read_document(data).problem.startswith("无法读取：表格过大")


def test_xlsx_with_millions_of_styled_cells_is_refused(monkeypatch):
    monkeypatch.setattr(guards, "MAX_CELLS", 20_000)
    data = crafted.xlsx_styled_cells(rows=3, columns=10_000)
    assert extract_text(data).problem == "无法扫描：文件过于复杂：工作表单元格超过 20000 个"
    with pytest.raises(UnreadableFile, match="文件过于复杂：工作表单元格超过 20000 个"):
        read_rows("a.xlsx", data)


def test_xlsx_row_wider_than_excel_is_refused(monkeypatch):
    monkeypatch.setattr(guards, "MAX_ROW_CELLS", 100)
    data = crafted.xlsx_styled_cells(rows=1, columns=200)
    assert extract_text(data).problem == "无法扫描：文件过于复杂：工作表一行超过 100 个单元格"


def test_oversized_xml_part_is_refused(monkeypatch):
    monkeypatch.setattr(guards, "MAX_XML_PART", 1024 * 1024)
    data = crafted.docx_huge_xml(paragraphs=40_000)
    assert extract_text(data).problem == "无法扫描：文件过于复杂：word/document.xml 解压后 1 MB，上限 1 MB"


def test_docx_with_too_many_elements_is_refused(monkeypatch):
    monkeypatch.setattr(guards, "MAX_XML_ELEMENTS", 10_000)
    data = crafted.docx_huge_xml(paragraphs=5_000)
    assert read_document(data).problem == "无法读取：文件过于复杂：文档元素超过 10000 个"
    assert extract_text(data).problem == "无法扫描：文件过于复杂：文档元素超过 10000 个"


def test_docx_with_deeply_nested_tables_is_refused():
    data = crafted.docx_nested_tables(depth=30, cells=3)
    assert read_document(data).problem == "无法读取：文件过于复杂：表格嵌套超过 12 层"


def test_pdf_page_whose_content_expands_is_left_out():
    extracted = extract_text(crafted.pdf_stream_bomb(operators=300_000))
    assert extracted.problem == "文件过于复杂：第1页的内容超过 2 MB，未读取"
    assert extracted.text == ""


def test_pdf_pages_beyond_the_limit_are_not_read(monkeypatch):
    monkeypatch.setattr(guards, "MAX_PDF_PAGES", 5)
    extracted = extract_text(crafted.pdf_pages(pages=12))
    assert extracted.problem == "只读取了前 5 页"
    assert extracted.text.count("13800138000") == 5


def test_a_pdf_declaring_too_many_pages_is_refused_before_its_tree_is_built(monkeypatch):
    monkeypatch.setattr(guards, "MAX_PDF_DECLARED_PAGES", 10)
    extracted = extract_text(crafted.pdf_pages(pages=12))
    assert extracted.problem == "无法扫描：PDF 文件过于复杂：共 12 页，超过 10 页的上限"
    assert read_document(crafted.pdf_pages(pages=12)).problem == "无法读取：PDF 文件过于复杂：共 12 页，超过 10 页的上限"
    assert extract_text(crafted.pdf_pages(pages=10)).problem == ""


def test_extracted_text_is_cut_at_the_limit(monkeypatch):
    monkeypatch.setattr(guards, "MAX_TEXT", 1000)
    extracted = extract_text("张三".encode() * 5000, "a.txt")
    assert len(extracted.text) == 1000
    assert extracted.problem == "文字过长：只保存并扫描了前 1000 字，其余部分未扫描"


@pytest.mark.django_db
def test_stored_reply_attachment_text_is_capped(monkeypatch):
    from gongkai.catalog.models import Attachment
    from gongkai.catalog.services.attachments import extract_text as attachment_text

    monkeypatch.setattr(guards, "MAX_TEXT", 1000)
    monkeypatch.setattr(isolated, "ENABLED", False)       # the monkeypatched limit lives in this process
    extracted = attachment_text("a.txt", "张三".encode() * 5000)
    assert len(extracted.text) == 1000 and extracted.problem.startswith("文字过长")
    assert Attachment._meta.get_field("text")


def test_cli_importers_refuse_an_oversized_file(monkeypatch, tmp_path):
    monkeypatch.setattr(guards, "MAX_BYTES", 1024 * 1024)
    big = tmp_path / "big.csv"
    big.write_bytes(b"a" * (3 * 1024 * 1024))
    with pytest.raises(UnreadableFile, match="文件过大：3 MB，上限 1 MB"):
        from gongkai.documents import read_file

        read_file(big)


@pytest.mark.django_db
def test_catalog_and_report_commands_refuse_an_oversized_file(monkeypatch, tmp_path):
    monkeypatch.setattr(guards, "MAX_BYTES", 1024 * 1024)
    big = tmp_path / "big.xlsx"
    big.write_bytes(b"a" * (2 * 1024 * 1024))
    with pytest.raises(CommandError, match="无法导入：文件过大：2 MB，上限 1 MB"):
        call_command("catalog", "import", str(big))
    with pytest.raises(CommandError, match="文件过大：2 MB，上限 1 MB"):
        call_command("report", "figures", str(big))


@pytest.mark.django_db
def test_figures_import_refuses_a_crafted_workbook():
    from django.core.exceptions import ValidationError

    from gongkai.reports import services

    with pytest.raises(ValidationError, match="文件过于复杂"):
        services.import_manual_figures(None, crafted.xlsx_dimension())
