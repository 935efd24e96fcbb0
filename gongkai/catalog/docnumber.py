"""文号 (document numbers): accept what people type, store one normal form (pure, no Django).

Normal form: 机关代字〔年份〕序号号, e.g. 国办函〔2020〕109号. Brackets typed as [] () （） 【】 ［］ 〔〕 and
full-width digits are accepted; "第109号" becomes "109号". Input that does not parse (e.g. a lost closing
bracket, as in "皖政办〔201718号") is kept as typed, stripped, and reported as irregular.
"""

from dataclasses import dataclass

import regex

from gongkai.core.textnorm import fold_width

_PATTERN = regex.compile(
    r"^(?P<prefix>[^\[\](){}〔〕（）【】［］]+?)\s*[\[(（【［〔]\s*(?P<year>(?:19|20)\d{2})\s*[\])）】］〕]\s*第?\s*"
    r"(?P<num>\d{1,6})\s*号?$"
)


@dataclass(frozen=True)
class DocNumber:
    text: str          # the stored form
    regular: bool      # parsed into prefix/year/number
    prefix: str = ""
    year: int | None = None
    number: int | None = None


def normalize_doc_number(raw: str) -> DocNumber:
    typed = " ".join((raw or "").split())
    if not typed:
        return DocNumber("", True)
    m = _PATTERN.match(fold_width(typed).replace(" ", ""))
    if not m:
        return DocNumber(typed, False)
    prefix, year, num = m["prefix"], int(m["year"]), int(m["num"])
    return DocNumber(f"{prefix}〔{year}〕{num}号", True, prefix, year, num)
