"""Letters to applicants (告知书): text built from the case, numbered per agency and year, rendered as DOCX and PDF
with an embedded CJK font. Every letter names the agency, its number and date, the facts, the legal basis and the
救济途径 (行政复议 within 60 days, 行政诉讼 within 6 months); a provisional due date is marked as such."""

import io
from datetime import date

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from gongkai.core.law import BY_KEY

REMEDY = ("如对本答复不服，可以自收到本告知书之日起六十日内依法申请行政复议，或者自收到本告知书之日起六个月内依法向人民法院"
          "提起行政诉讼。")
KINDS = {
    "correction": "补正告知书", "extension": "延期答复告知书", "consultation": "征求第三方意见书",
    "fee": "收费通知书", "reply": "政府信息公开申请答复告知书",
}
NUMBER_PATTERN = "{short}依申〔{year}〕{seq}号"  # per agency and year; configurable per deployment


PLACEHOLDERS = ["申请人", "申请编号", "收到日期", "申请内容", "说明", "答复期限", "金额", "办理结果", "法律依据", "救济途径"]


def template_error(text: str) -> str | None:
    """None when a template only uses known placeholders and formats cleanly, else a Chinese reason."""
    import string

    try:
        names = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError as exc:
        return f"模板格式错误：{exc}（花括号须成对）"
    unknown = [n for n in names if n not in PLACEHOLDERS]
    if unknown:
        return f"模板含未知占位符：{'、'.join('{' + n + '}' for n in unknown)}（可用：{'、'.join('{' + p + '}' for p in PLACEHOLDERS)}）"
    return None


def letter_text(kind: str, app, on: date, note: str = "", due: date | None = None, provisional: bool = False,
                amount: int = 0) -> list[str]:
    """Paragraphs of the letter body: the agency's own template for this kind when it has one, else the default."""
    from .models import LetterTemplate

    template = LetterTemplate.objects.filter(agency=app.agency, kind=kind).first()
    if template is not None:
        chosen = BY_KEY.get(app.outcome)
        values = {"申请人": app.applicant_name, "申请编号": app.tracking_number,
                  "收到日期": f"{app.received_date:%Y年%m月%d日}" if app.received_date else "",
                  "申请内容": app.description, "说明": note,
                  "答复期限": (f"{due:%Y年%m月%d日}" + ("（暂定）" if provisional else "")) if due else "",
                  "金额": str(amount), "办理结果": chosen.label.split("）", 1)[-1] if chosen else "",
                  "法律依据": chosen.basis if chosen else "", "救济途径": REMEDY}
        return [line.format(**values) for line in template.text.splitlines() if line.strip()]
    return default_letter_text(kind, app, on, note, due, provisional, amount)


def default_letter_text(kind: str, app, on: date, note: str = "", due: date | None = None, provisional: bool = False,
                        amount: int = 0) -> list[str]:
    """The built-in wording."""
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
        # addressed to the third party, who must not learn the applicant's identity
        return ["相关权利人：", f"本机关收到一件政府信息公开申请（编号：{app.tracking_number}），申请获取“{app.description}”。"
                f"该信息可能涉及您的合法权益（{note}）。根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求您的意见，"
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
