"""Reading and checking published reports: one file, or a folder/zip of hundreds (pure, no Django)."""

from .interpret import interpret, source_from_blocks
from .model import ReportData
from .rules import check


def read_report(data: bytes, name: str = "") -> ReportData:
    """Any published report → the data model with the reader's findings (never raises)."""
    try:
        from .readers.documents import read_document
        document = read_document(data, name)
        blocks, problem = document.blocks, document.problem
    except ImportError:   # pragma: no cover - the document readers land separately
        blocks, problem = data.decode("utf-8", errors="replace").split("\n"), ""
    return interpret(source_from_blocks(blocks, problem))


def check_report(data: bytes, name: str = "", previous: ReportData | None = None) -> ReportData:
    report = read_report(data, name)
    reader_findings = list(report.findings)
    check(report, previous)
    report.findings = reader_findings + report.findings
    return report
