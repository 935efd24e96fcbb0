"""统一社会信用代码 and 组织机构代码 validation (pure)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.codes import make_uscc, org_code_check_char, org_code_error, uscc_error

VALID_USCC = [
    "91350100M000100Y43",   # published example (企业)
    make_uscc("11", "990100", "00000001"),
    make_uscc("12", "110000", "40000012"),
]


@pytest.mark.parametrize("code", VALID_USCC)
def test_valid_uscc(code):
    assert uscc_error(code) is None
    assert uscc_error(code.lower()) is None  # typed in lower case


@pytest.mark.parametrize("code, reason", [
    ("91350100M000100Y4", "18位"),
    ("91350100M000100Y43X", "18位"),
    ("91350100M000100Y44", "校验位"),
    ("91350100M0001O0Y43", "格式"),  # letter O is not allowed
    ("", "18位"),
])
def test_invalid_uscc(code, reason):
    assert reason in uscc_error(code)


@pytest.mark.parametrize("code, ok", [
    ("00000001" + org_code_check_char("00000001"), True),
    ("D2143569" + org_code_check_char("D2143569"), True),
    ("MA1K3X2L" + org_code_check_char("MA1K3X2L"), True),
    ("12345678", False),
    ("1234567890", False),
])
def test_org_code(code, ok):
    assert (org_code_error(code) is None) is ok


def test_org_code_known_value():
    # GB 11714 worked example: D2143569 → check character X
    assert org_code_check_char("D2143569") == "X"


@given(st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=8, max_size=8), st.integers(0, 30))
def test_any_single_change_to_a_valid_uscc_is_caught(body, pos):
    code = make_uscc("11", "990100", body)
    assert uscc_error(code) is None
    pos = pos % 18
    replacement = "0" if code[pos] != "0" else "1"
    assert uscc_error(code[:pos] + replacement + code[pos + 1:]) is not None
