"""Letters to applicants (告知书): text built from the case, numbered per agency and year, rendered as DOCX and PDF
with an embedded CJK font. Every letter names the agency, its number and date, the facts, the legal basis and the
救济途径 (行政复议 within 60 days, 行政诉讼 within 6 months); a provisional due date is marked as such."""

import io
from datetime import date

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from .outcomes import BY_KEY

REMEDY = ("如对本答复不服，可以自收到本告知书之日起六十日内依法申请行政复议，或者自收到本告知书之日起六个月内依法向人民法院"
          "提起行政诉讼。")
KINDS = {
    "correction": "补正告知书", "extension": "延期答复告知书", "consultation": "征求第三方意见书",
    "fee": "收费通知书", "reply": "政府信息公开申请答复告知书",
}
NUMBER_PATTERN = "{short}依申〔{year}〕{seq}号"  # per agency and year; configurable per deployment


def letter_text(kind: str, app, on: date, note: str = "", due: date | None = None, provisional: bool = False,
                amount: int = 0) -> list[str]:
    """Paragraphs of the letter body (after the title and number)."""
    who = f"{app.applicant_name}："
    received = f"{app.received_date:%Y年%m月%d日}" if app.received_date else "近日"
    ask = f"本机关于{received}收到您提出的政府信息公开申请（申请编号：{app.tracking_number}），申请获取“{app.description}”。"
    due_text = ""
    if due:
        due_text = f"{due:%Y年%m月%d日}" + ("（暂定：跨入尚未公布节假日安排的年份，按周六、周日休息计算）" if provisional else "")
    if kind == "correction":
        body = [ask, f"经审查，您的申请内容不够明确。根据《中华人民共和国政府信息公开条例》第三十条的规定，请您补正以下内容：{note}。",
                "答复期限自本机关收到补正后的申请之日起重新计算。无正当理由逾期不补正的，视为放弃申请。"]
    elif kind == "extension":
        body = [ask, f"因{note or '需要进一步检索、核实相关信息'}，不能在规定期限内作出答复。经本机关政府信息公开工作机构负责人同意，"
                f"根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，答复期限延长至{due_text}。"]
    elif kind == "consultation":
        body = [ask, f"该申请涉及您的合法权益（{note}）。根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求您的意见，"
                "请自收到本意见书之日起15个工作日内提出意见；逾期未提出意见的，由本机关依照条例的规定决定是否公开。"]
    elif kind == "fee":
        body = [ask, f"根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本申请应缴纳信息处理费{amount}元（{note}）。"
                "请自收到本通知次日起20个工作日内缴纳；逾期未缴纳的，视为放弃申请，本机关不再处理该申请。"]
    else:
        outcome = BY_KEY[app.outcome]
        body = [ask, f"经审查，答复如下：{outcome.label.split('）', 1)[-1]}。{note}", f"依据：{outcome.basis}。", REMEDY]
        return [who, *body]
    return [who, *body, REMEDY] if kind in ("correction", "extension", "fee") else [who, *body]


def render_docx(title: str, number: str, paragraphs: list[str], agency_name: str, on: date) -> bytes:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Noto Serif CJK SC"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")  # Word otherwise substitutes its default CJK font
    style.font.size = Pt(14)
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run(title)
    run.bold, run.font.size = True, Pt(20)
    run.font.name = "Noto Sans CJK SC"  # creates w:rFonts, then the East-Asian font is set on it
    run._element.rPr.rFonts.set(qn("w:eastAsia"), "黑体")
    num = doc.add_paragraph(number)
    num.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, text in enumerate(paragraphs):
        p = doc.add_paragraph(text)
        if i:
            p.paragraph_format.first_line_indent = Pt(28)
    for text in (agency_name, f"{on:%Y年%m月%d日}"):
        p = doc.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def render_pdf(title: str, number: str, paragraphs: list[str], agency_name: str, on: date) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    from gongkai.core.pdf import styles

    st = styles()
    right = ParagraphStyle("right", parent=st["body"], alignment=TA_RIGHT, firstLineIndent=0)
    story = [Paragraph(escape(title), st["title"]), Paragraph(escape(number), st["center"]), Spacer(1, 6 * mm)]
    for i, text in enumerate(paragraphs):
        story.append(Paragraph(escape(text), st["body"] if i else ParagraphStyle("first", parent=st["body"], firstLineIndent=0)))
    story += [Spacer(1, 10 * mm), Paragraph(escape(agency_name), right), Paragraph(f"{on:%Y年%m月%d日}", right)]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, title=title, leftMargin=28 * mm, rightMargin=26 * mm, topMargin=37 * mm,
                      bottomMargin=35 * mm).build(story)
    return buf.getvalue()
