"""The report auditor: reading and checking published reports, one file or a folder/zip of hundreds (pure, no
Django). "Audit" elsewhere in the platform means the audit trail (gongkai.core.audit); here it is the check of
reports other agencies published."""

import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from gongkai.documents import isolated

from .interpret import report_from_source, source_from_blocks
from .reportdata import ReportData, ReportFinding
from .rules import check

MAX_BYTES = 50 * 1024 * 1024


def read_report(data: bytes, name: str = "") -> ReportData:
    """Any published report → the data model with the reader's findings (never raises)."""
    return read_with_source(data, name)[0]


def read_with_source(data: bytes, name: str = "") -> tuple[ReportData, list[str]]:
    """The report and its cleaned text lines (tables as "a | b" lines), for showing findings next to the source."""
    if not data or not data.strip():
        return _unreadable("无法读取：文件为空"), []
    if len(data) > MAX_BYTES:
        return _unreadable(f"无法读取：文件超过 {MAX_BYTES // 1024 // 1024} MB"), []
    try:
        return _read(data, name)
    except Exception as exc:      # a reader bug must not take down an audit: say what happened
        return _unreadable(f"无法读取：{type(exc).__name__}: {str(exc)[:120]}"), []


def _read(data: bytes, name: str) -> tuple[ReportData, list[str]]:
    document = isolated.read_document(data, name)
    source = source_from_blocks(document.blocks, document.problem)
    report = report_from_source(source)
    if not report.applications and not report.reviews and not report.active and \
            not set(report.prose) - {"document_type"} and not any(f.rule == "R.unreadable" for f in report.findings):
        report.findings = [f for f in report.findings if f.rule != "R.not_annual_report"]
        report.findings.insert(0, ReportFinding("R.unreadable", "error", "file",
                                          "无法读取：文件中没有可识别的年度报告内容（不是报告，或文字已损坏）"))
    return report, source.lines


def _unreadable(problem: str) -> ReportData:
    return ReportData(format="narrative", findings=[ReportFinding("R.unreadable", "error", "file", problem)])


def run_rules(report: ReportData, previous: ReportData | None = None) -> ReportData:
    """The shared rules on a read report; the reader's own findings stay first."""
    reader_findings = list(report.findings)
    check(report, previous)
    report.findings = reader_findings + report.findings
    return report


def check_report(data: bytes, name: str = "", previous: ReportData | None = None) -> ReportData:
    return run_rules(read_report(data, name), previous)


# ---------------------------------------------------------------- many reports: a folder or a zip

REPORT_SUFFIXES = (".txt", ".htm", ".html", ".shtml", ".docx", ".xlsx", ".xls", ".pdf", ".doc")
MAX_MEMBER = 50 * 1024 * 1024
MAX_ZIP_TOTAL = 2 * 1024 * 1024 * 1024


def _member_name(info: zipfile.ZipInfo) -> str:
    """Zip files made on Chinese Windows store names in GBK without the UTF-8 flag."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def iter_files(path: Path) -> Iterator[tuple[str, bytes | None, str]]:
    """(name, bytes or None, problem) for every report file in a folder (recursively), a zip, or a single file."""
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if child.suffix.lower() in REPORT_SUFFIXES or child.suffix.lower() == ".zip":
                yield from iter_files(child)
        return
    if path.suffix.lower() == ".zip":
        try:
            archive = zipfile.ZipFile(path)
            infos = [i for i in archive.infolist() if not i.is_dir()]
        except (zipfile.BadZipFile, OSError) as exc:
            yield path.name, None, f"无法读取：压缩包损坏（{exc}）"
            return
        if sum(i.file_size for i in infos) > MAX_ZIP_TOTAL:
            yield path.name, None, "无法读取：压缩包解压后超过 2 GB，疑似压缩炸弹"
            return
        for info in infos:
            name = _member_name(info)
            if not name.lower().endswith(REPORT_SUFFIXES):
                continue
            if info.file_size > MAX_MEMBER:
                yield name, None, "无法读取：文件超过 50 MB"
                continue
            try:
                yield name, archive.read(info), ""
            except (zipfile.BadZipFile, OSError, RuntimeError, zlib.error) as exc:
                yield name, None, f"无法读取：{exc}"
        return
    try:
        if path.stat().st_size > MAX_MEMBER:
            yield path.name, None, "无法读取：文件超过 50 MB"
            return
        yield str(path), path.read_bytes(), ""
    except OSError as exc:
        yield str(path), None, f"无法读取：{exc.strerror or exc}"


def _read_one(item: tuple[str, bytes | None, str]) -> tuple[str, ReportData, list[str]]:
    name, data, problem = item
    if data is None:
        return name, _unreadable(problem), []
    return (name, *read_with_source(data, name))


def issuer_key(issuer: str | None) -> str:
    return re.sub(r"(人民政府|政府|办公室|办公厅)$", "", issuer or "")


def check_many(items: list[tuple[str, bytes | None, str]], progress: Callable[[int], None] | None = None,
          workers: int = 1) -> list[tuple[str, ReportData, list[str]]]:
    """Read every report, then run the rules with last year's report of the same issuer when there is one.
    Returns (name, report, source lines)."""
    if workers > 1 and len(items) > 8:
        from multiprocessing import get_context
        with get_context("spawn").Pool(workers) as pool:
            results = []
            for result in pool.imap(_read_one, items, chunksize=4):
                results.append(result)
                if progress:
                    progress(1)
    else:
        results = []
        for item in items:
            results.append(_read_one(item))
            if progress:
                progress(1)
    by_issuer_year = {(issuer_key(r.issuer), r.year): r for _, r, _ in results if r.issuer and r.year}
    for _, report, _ in results:
        if report.issuer is None and not report.applications and any(f.rule == "R.unreadable" for f in report.findings):
            continue
        run_rules(report, by_issuer_year.get((issuer_key(report.issuer), (report.year or 0) - 1)))
    return results
