"""Every code of the annual reports a person may see has its Chinese words in the label map: rule ids (the shared
rules, the reader's and the generator's findings), severities, formats, due states and the report.* audit events;
the report pages print the words, with the rule id only in small text."""

import re
from pathlib import Path

import pytest

from gongkai.core import labels
from gongkai.reports.deadlines import DUE_LABELS
from gongkai.reports.rules import RULES, SEVERITY_NAMES

REPORTS = Path(__file__).resolve().parent.parent / "gongkai" / "reports"
FINDING = re.compile(r"""ReportFinding\(\s*"([A-Z]\d?\.[a-z_0-9]+)\"""")
EVENT = re.compile(r"""audit\.record\(\s*[^,]+,\s*"(report\.[a-z_]+)\"""")


def _source(pattern) -> set[str]:
    return {code for path in REPORTS.rglob("*.py") for code in pattern.findall(path.read_text(encoding="utf-8"))}


@pytest.mark.parametrize("namespace, codes", [
    ("rule", {name for name, _, _ in RULES} | _source(FINDING)),
    ("severity", set(SEVERITY_NAMES) | {severity for _, severity, _ in RULES}),
    ("report_format", {"2021", "2019", "pre2019", "narrative"}),
    ("report_due", set(DUE_LABELS)),
    ("event", _source(EVENT) | {"report.created", "report.figure_set", "report.published", "report.sections_saved",
                                "report.warning_acknowledged", "report.audit"}),
])
def test_every_code_has_chinese_words(namespace, codes):
    assert len(codes) >= 2
    assert labels.missing(namespace, codes) == []
    assert all(re.search(r"[\u4e00-\u9fff]", labels.label(namespace, c)) for c in codes)


def test_reader_and_generator_findings_are_found_in_the_source():
    found = _source(FINDING)
    assert {"R.unreadable", "R.truncated", "R.columns_ambiguous", "G.manual_missing", "G.placeholders"} <= found


@pytest.mark.django_db
def test_the_report_page_names_rules_in_chinese(demo_city, client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    client.force_login(get_user_model().objects.get(username="fgw_handler"))
    page = client.get(reverse("reports:report", args=[demo_city["fgw"].pk, 2025])).content.decode()
    assert "[警告]" in page and labels.label("rule", "G.manual_missing") in page
    assert '<small class="rule-id"><code>G.manual_missing</code></small>' in page
