"""Who published a report and for which year (pure): the title in its usual shapes, the 填报单位 of an old
统计表, the 统计期限, and as a last resort the place named most often in the text."""

import re
from collections import Counter

from .rows import SourceText
from .textparse import squash

_TITLE = re.compile(r"^(?P<issuer>[^\d\s,，。:：]{2,40}?)\s*(?P<year>(?:19|20)\d{2})\s*年\s*(度)?\s*"
                    r"(?P<what>.{0,30}?)(年度报告|工作报告|年报|工作总结|总结报告|年度总结)")
_TITLES = [
    _TITLE,
    # 2023年示范区政府信息公开工作年度报告
    re.compile(r"^(?P<year>(?:19|20)\d{2})年度?(?P<issuer>[^\d\s,，。:：]{2,40}?)政府信息公开(工作)?(年度报告|年报)"),
    # 示范区人民政府办公室政府信息公开工作年度报告（2023年度）
    re.compile(r"^(?P<issuer>[^\d\s,，。:：]{2,40}?)政府信息公开(工作)?(年度报告|年报)[(（](?P<year>(?:19|20)\d{2})年?度?[)）]"),
]
_PERIOD = re.compile(r"统计期限.{0,4}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
_FILLER = re.compile(r"填报单位[^:：]*[:：]\s*(?P<who>[^\s|]{2,30})")
_PLACE = re.compile(r"(?:(?<=《)|(?<=^)|(?<=\n))([\u4e00-\u9fff]{2,3}?)(市|县|区|镇|乡|州|盟|旗)|"
                    r"([\u4e00-\u9fff]{2,3}?)(市|县|区|镇|乡|州|盟|旗)(?=人民政府|政府|(?:19|20)\d\d年)")
_NOT_PLACE = set("全本各该我城县省市区镇乡上下两同原新老其对在和及与等为将从到由于以")


def detect_meta(source: SourceText) -> tuple[str | None, int | None, bool]:
    """(issuer, year, is_annual_report)"""
    issuer, year, annual = None, None, False
    head = [line for line in source.lines[:80] if line.strip()]
    for line in head + [line + following for line, following in zip(head, head[1:])]:
        m = next((m for pattern in _TITLES if (m := pattern.search(squash(line)))), None)  # titles may wrap
        if m and len(line) <= 80:
            issuer, year = m["issuer"], int(m["year"])
            annual = "年度报告" in line or "年报" in line or "年度总结" in line
            issuer = re.sub(r"^(关于|当前位置|首页)", "", issuer)
            break
    filler = next((m["who"] for line in source.lines if (m := _FILLER.search(line))), None)
    if filler:
        issuer = filler
    text = "\n".join(source.lines)
    if year is None:
        m = _PERIOD.search(squash(text))
        if m:
            year = int(m[1])
        else:
            years = Counter(int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年", text))
            year = years.most_common(1)[0][0] if years else None
    if issuer is None:
        places = Counter((m[1] or m[3]) + (m[2] or m[4]) for m in _PLACE.finditer(text)
                         if (m[1] or m[3])[0] not in _NOT_PLACE and (m[1] or m[3])[-1] not in _NOT_PLACE)
        if places:
            place, count = places.most_common(1)[0]
            if count >= 3:
                issuer = place
                annual = True
    if issuer and annual and re.search(r"(市|县|区|州|盟|旗|镇|乡)$", issuer) and issuer + "人民政府" in text:
        issuer += "人民政府"
    elif issuer and annual and re.search(r"(市|县|区)$", issuer) and re.search(r"[市县区]政府", text) \
            and issuer + "人民政府" not in text and not filler:
        issuer += "人民政府"
    return issuer, year, annual
