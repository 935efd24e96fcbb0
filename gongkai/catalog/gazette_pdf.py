"""One 政府公报 issue as a PDF: cover, table of contents, then each catalogue item in order."""

from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

from gongkai.core.pdf import cjk_font, styles

from .models import GazetteIssue, Status


def render_gazette_pdf(issue: GazetteIssue) -> bytes:
    st = styles()
    entries = list(issue.entries.select_related("item", "item__agency").filter(item__status=Status.PUBLISHED))
    story = [Spacer(1, 50 * mm), Paragraph(escape(f"{issue.agency.full_name}公报"), st["title"]),
             Paragraph(escape(f"{issue.year}年第{issue.number}期"), st["h1"])]
    if issue.published_date:
        story.append(Paragraph(escape(f"{issue.published_date:%Y年%m月%d日}出版"), st["center"]))
    story += [PageBreak(), Paragraph("目　录", st["h1"])]
    for n, entry in enumerate(entries, 1):
        line = f"{n}. {entry.item.title}" + (f"（{entry.item.doc_number}）" if entry.item.doc_number else "")
        story.append(Paragraph(escape(line), st["body"]))
    for entry in entries:
        item = entry.item
        story += [PageBreak(), Paragraph(escape(item.title), st["h1"])]
        if item.doc_number:
            story.append(Paragraph(escape(item.doc_number), st["center"]))
        story.append(Paragraph(escape(f"索引号：{item.index_number}　发布机构：{item.agency.full_name}　"
                                      f"发布日期：{item.published_date:%Y-%m-%d}"), st["meta"]))
        story.append(Spacer(1, 4 * mm))
        for para in (item.body_text or item.summary or "").split("\n"):
            if para.strip():
                story.append(Paragraph(escape(para.strip()), st["body"]))
    buffer = BytesIO()
    font = cjk_font()

    def footer(canvas, doc):
        canvas.setFont(font, 9)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"— {doc.page} —")

    SimpleDocTemplate(buffer, pagesize=A4, title=str(issue), author=issue.agency.full_name,
                      leftMargin=25 * mm, rightMargin=25 * mm, topMargin=25 * mm, bottomMargin=20 * mm
                      ).build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
