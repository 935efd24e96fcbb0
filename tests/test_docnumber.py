"""文号: the variants people type map to one normal form (pure)."""

import pytest

from gongkai.catalog.docnumber import normalize_doc_number


@pytest.mark.parametrize("typed, stored", [
    ("国办函〔2020〕109号", "国办函〔2020〕109号"),
    ("国办函[2020]109号", "国办函〔2020〕109号"),
    ("国办函(2020)109号", "国办函〔2020〕109号"),
    ("国办函（2020）109号", "国办函〔2020〕109号"),
    ("国办函【2020】109号", "国办函〔2020〕109号"),
    ("国办函［２０２０］１０９号", "国办函〔2020〕109号"),
    ("国办函 〔2020〕 第109号", "国办函〔2020〕109号"),
    ("国办函〔2020〕109", "国办函〔2020〕109号"),
    ("示政发〔2026〕3号", "示政发〔2026〕3号"),
    ("国务院令第711号", "国务院令第711号"),  # a 令 number has no year: kept as typed
    ("", ""),
])
def test_normal_form(typed, stored):
    assert normalize_doc_number(typed).text == stored


@pytest.mark.parametrize("typed", ["皖政办〔201718号", "蚌政办秘(2017193号", "国务院令第711号"])
def test_irregular_numbers_are_kept_and_flagged(typed):
    doc = normalize_doc_number(typed)
    assert doc.text == typed and not doc.regular


def test_parts():
    doc = normalize_doc_number("皖政办秘〔2017〕110号")
    assert (doc.prefix, doc.year, doc.number, doc.regular) == ("皖政办秘", 2017, 110, True)
