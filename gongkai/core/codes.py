"""Organisation identifiers (pure, no Django).

统一社会信用代码 (GB 32100-2015, 18 chars) is checked with python-stdnum; 组织机构代码 (GB 11714, 9 chars:
8 body characters + check character) is checked here because stdnum has no module for it.
Each validator returns None when valid, else a Chinese reason naming the field.
"""

from stdnum.cn import uscc as _uscc

_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def org_code_check_char(body: str) -> str:
    """Check character for the 8-character body of a 组织机构代码."""
    total = sum(_ORG_ALPHABET.index(ch) * w for ch, w in zip(body, _ORG_WEIGHTS))
    c = 11 - total % 11
    return {10: "X", 11: "0"}.get(c, str(c))


def clean_code(value: str) -> str:
    return (value or "").strip().upper().replace("-", "").replace(" ", "")


def org_code_error(value: str) -> str | None:
    code = clean_code(value)
    if len(code) != 9:
        return f"组织机构代码应为9位，当前为{len(code)}位"
    body, check = code[:8], code[8]
    if any(ch not in _ORG_ALPHABET for ch in body):
        return "组织机构代码只能包含数字和大写字母"
    if org_code_check_char(body) != check:
        return "组织机构代码校验位错误"
    return None


def uscc_error(value: str) -> str | None:
    code = clean_code(value)
    if len(code) != 18:
        return f"统一社会信用代码应为18位，当前为{len(code)}位"
    try:
        _uscc.validate(code)
    except _uscc.InvalidChecksum:
        return "统一社会信用代码校验位错误"
    except _uscc.ValidationError:
        return "统一社会信用代码格式错误（只能包含数字和除 I、O、Z、S、V 以外的大写字母）"
    # Characters 9–17 are the organisation's 组织机构代码, which has its own check character.
    if org_code_error(code[8:17]):
        return "统一社会信用代码中的组织机构代码部分（第9–17位）校验位错误"
    return None


def make_uscc(register_type: str, division: str, org_body: str) -> str:
    """Build a valid code from a 2-char register/type prefix, a 6-digit division and an 8-char org body."""
    org = org_body + org_code_check_char(org_body)
    partial = register_type + division + org
    return partial + _uscc.calc_check_digit(partial)


def division_code_error(value: str) -> str | None:
    code = (value or "").strip()
    if len(code) not in (6, 9, 12) or not code.isdigit():
        return "行政区划代码应为6位、9位或12位数字"
    return None
