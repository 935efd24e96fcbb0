"""Letters to the applicant: numbering and storing them, their delivery, and agencies' own wording. The wording
itself (pure text and rendering) is gongkai.applications.letters."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.core import audit, permissions

from ..access import require
from ..letters import KINDS, NUMBER_PATTERN, letter_text, template_error
from ..models import Application, Letter, LetterCounter, LetterTemplate


def issue_letter(actor, app: Application, kind: str, on: date, note: str = "", due=None, provisional=False,
                 amount: int = 0) -> Letter:
    """Number and store a letter (inside the caller's transaction); DOCX/PDF are rendered from it on demand."""
    counter, _ = LetterCounter.objects.select_for_update().get_or_create(agency=app.agency, year=on.year)
    counter.last += 1
    counter.save(update_fields=["last"])
    number = NUMBER_PATTERN.format(short=(app.agency.short_name or app.agency.full_name)[:6], year=on.year, seq=counter.last)
    letter = Letter.objects.create(application=app, kind=kind, title=KINDS[kind], number=number, date=on,
                                   paragraphs=letter_text(kind, app, on, note, due, provisional, amount))
    audit.record(actor, "application.letter", app, f"出具{letter.title}（{letter.number}）", agency=app.agency)
    return letter


@transaction.atomic
def record_delivery(actor, letter: Letter, method: str, on: date, proof: str = "") -> Letter:
    """送达: how and when a letter reached the applicant (with a proof reference, e.g. a registered-mail number)."""
    require(actor, permissions.HANDLE, letter)
    if not method.strip():
        raise ValidationError({"delivery": "请填写送达方式"})
    letter.delivery, letter.delivered_on = f"{method.strip()}{('（' + proof.strip() + '）') if proof.strip() else ''}"[:30], on
    letter.save(update_fields=["delivery", "delivered_on"])
    audit.record(actor, "application.delivered", letter.application, f"{letter.title}（{letter.number}）已送达：{letter.delivery}，{on}",
                 agency=letter.application.agency)
    return letter


@transaction.atomic
def save_letter_template(actor, agency, kind: str, text: str) -> LetterTemplate | None:
    """An agency's own wording for one kind of letter; empty text goes back to the default wording."""
    require(actor, permissions.MANAGE, agency)
    if kind not in KINDS:
        raise ValidationError({"kind": f"未知告知书类型：{kind}"})
    if not text.strip():
        LetterTemplate.objects.filter(agency=agency, kind=kind).delete()
        audit.record(actor, "letter_template.reset", agency, f"{KINDS[kind]}恢复默认模板")
        return None
    if msg := template_error(text):
        raise ValidationError({"text": msg})
    template, _ = LetterTemplate.objects.update_or_create(agency=agency, kind=kind, defaults={"text": text})
    audit.record(actor, "letter_template.saved", agency, f"修改{KINDS[kind]}模板", after={"text": text[:400]})
    return template
