"""PDF building blocks with an embedded CJK font (reportlab; fonts from Debian packages).

reportlab embeds a subset of a TrueType font in ~10 ms per document; WenQuanYi Zen Hei (Debian
fonts-wqy-zenhei) is the default. Noto CJK (OTF/CFF) cannot be embedded by reportlab, so it is not used here.
GONGKAI_PDF_FONT (settings.PDF_FONT) may name another .ttf/.ttc file.
"""

import os
from functools import lru_cache

from django.conf import settings
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
]
FONT_NAME = "GongkaiCJK"


class FontMissing(RuntimeError):
    pass


@lru_cache(maxsize=1)
def cjk_font() -> str:
    """Register the CJK font once; returns its reportlab name. Raises FontMissing with a Chinese reason."""
    paths = [settings.PDF_FONT] if settings.PDF_FONT else FONT_CANDIDATES
    for path in paths:
        if os.path.exists(path):
            pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=0))
            return FONT_NAME
    raise FontMissing("找不到可嵌入的中文字体：请安装 Debian 软件包 fonts-wqy-zenhei，或设置 GONGKAI_PDF_FONT")


def styles() -> dict[str, ParagraphStyle]:
    font = cjk_font()
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=20, leading=30, alignment=TA_CENTER, spaceAfter=12, wordWrap="CJK"),
        "h1": ParagraphStyle("h1", fontName=font, fontSize=16, leading=24, alignment=TA_CENTER, spaceBefore=12, spaceAfter=8, wordWrap="CJK"),
        "h2": ParagraphStyle("h2", fontName=font, fontSize=13, leading=20, spaceBefore=8, spaceAfter=4, wordWrap="CJK"),
        "body": ParagraphStyle("body", fontName=font, fontSize=11.5, leading=20, firstLineIndent=23, wordWrap="CJK"),
        "meta": ParagraphStyle("meta", fontName=font, fontSize=9.5, leading=14, textColor="#444444", wordWrap="CJK"),
        "center": ParagraphStyle("center", fontName=font, fontSize=11, leading=18, alignment=TA_CENTER, wordWrap="CJK"),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=9, leading=12, wordWrap="CJK"),
    }
