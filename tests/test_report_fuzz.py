"""The auditor never crashes: random bytes, garbled text, empty and oversized files each give a finding."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_report_corpus import CORPUS

from gongkai.reports.auditor import check_report

REAL = (CORPUS / "rizhao-city-2019.txt").read_bytes()
HEADERS = [b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"%PDF-1.4\n", b"<html><table><tr><td>", b"\xef\xbb\xbf"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(HEADERS), st.binary(max_size=3000))
def test_random_bytes(header, body):
    report = check_report(header + body, "x.bin")
    assert isinstance(report.findings, list)
    report.to_json()


@settings(max_examples=80, deadline=None)
@given(st.integers(0, len(REAL)), st.integers(0, 200), st.binary(max_size=50))
def test_truncated_and_garbled_real_report(cut, start, noise):
    data = REAL[start:cut] + noise
    report = check_report(data, "rizhao.txt")
    data_json = report.to_json()
    for row in data_json["applications"].values():
        if isinstance(row, dict):
            assert all(v is None or isinstance(v, (int, float)) for v in row.values())


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="一二三四、（）()|0123456789 本年新收上年结转予以公开总计结转下年度\n%占件条", max_size=400))
def test_table_like_noise(text):
    check_report(text.encode(), "noise.txt").to_json()


def test_empty_and_oversized_files():
    assert check_report(b"").findings[0].message == "无法读取：文件为空"
    big = b"a" * (50 * 1024 * 1024 + 1)
    assert "超过 50 MB" in check_report(big).findings[0].message


def test_a_truncated_table_reports_what_is_missing_not_zeros():
    text = REAL.decode("utf-8")
    cut = text.index("(四)無法提供")
    report = check_report(text[:cut].encode())
    assert "unavailable.not_held" not in report.applications
    assert report.applications["new"]["total"] == 556
    assert any(f.rule == "R.truncated" for f in report.findings)
