"""归档: the whole case as one PDF — the application form, the clock derivation, the timeline, every letter with its
delivery record, and the audit trail."""

from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

from gongkai.core.models import AuditEvent
from gongkai.core.pdf import styles

from .services.clock import clock
from .workflow import ACTION_LABELS


def case_pdf(app) -> bytes:
    st = styles()
    p = lambda text, s="body": Paragraph(escape(str(text)), st[s])  # noqa: E731
    story = [p(f"政府信息公开申请案卷 {app.tracking_number}", "title"), p(app.agency.full_name, "center"), Spacer(1, 6 * mm),
             p("一、申请", "h2")]
    for label, value in [("申请人", f"{app.applicant_name}（{app.get_applicant_type_display()}）"),
                         ("证件", f"{app.id_kind} {app.id_number}"), ("联系方式", f"{app.contact_phone} {app.contact_email} {app.contact_address}"),
                         ("申请内容", app.description), ("形式与方式", f"{app.form_wanted} {app.delivery_wanted}"),
                         ("渠道", app.get_channel_display()), ("收到申请之日", app.received_date or "—"),
                         ("办理结果", app.get_outcome_display() or "办理中"), ("办结日期", app.closed_date or "—")]:
        story.append(p(f"{label}：{value}", "meta"))
    result = clock(app)
    story.append(p("二、答复期限推算", "h2"))
    for step in (result.steps if result else ["尚未确认收到"]):
        story.append(p(step, "meta"))
    story.append(p("三、办理时间线", "h2"))
    for e in app.events.all():
        story.append(p(f"{e.date} {ACTION_LABELS.get(e.kind, e.kind)}{('：' + e.note) if e.note else ''}", "meta"))
    story.append(p("四、操作记录", "h2"))
    for a in AuditEvent.objects.for_object(app).order_by("id"):
        story.append(p(f"{a.at:%Y-%m-%d %H:%M} {a.actor_label}：{a.summary}", "meta"))
    for letter in app.letters.all():
        story += [PageBreak(), p(letter.title, "h1"), p(letter.number, "center")]
        story += [p(text) for text in letter.paragraphs]
        story += [p(app.agency.full_name, "center"), p(f"{letter.date:%Y年%m月%d日}", "center"),
                  p(f"送达：{letter.delivery or '未记录'} {letter.delivered_on or ''}", "meta")]
    buf = BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, title=f"案卷 {app.tracking_number}", leftMargin=25 * mm, rightMargin=25 * mm).build(story)
    return buf.getvalue()
