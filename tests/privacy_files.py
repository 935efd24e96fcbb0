"""Real files for the privacy tests, made in the test run."""

import io
import zipfile

PII_LINE = "申请人：王小明，身份证号：110101199003078515，手机：13800138000"


def docx_bytes(lines=(PII_LINE,), table=(("姓名", "性别"), ("赵六", "男"))) -> bytes:
    import docx

    d = docx.Document()
    for line in lines:
        p = d.add_paragraph()
        half = len(line) // 2
        p.add_run(line[:half]).bold = True      # the ID number spans two runs
        p.add_run(line[half:])
    t = d.add_table(rows=len(table), cols=len(table[0]))
    for r, row in enumerate(table):
        for c, value in enumerate(row):
            t.cell(r, c).text = value
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def xlsx_bytes(rows=(("姓名", "身份证号"), ("李四", "110101199003078515"))) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    for row in rows:
        wb.active.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def pdf_bytes(lines=(PII_LINE,), encrypt=False, image_only=False) -> bytes:
    from reportlab.pdfgen import canvas

    from gongkai.core.pdf import cjk_font

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    if image_only:
        c.rect(72, 600, 300, 100, fill=1)
    else:
        c.setFont(cjk_font(), 11)
        for i, line in enumerate(lines):
            c.drawString(50, 760 - 18 * i, line)
    c.save()
    data = buf.getvalue()
    if encrypt:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        writer.encrypt("secret")
        out = io.BytesIO()
        writer.write(out)
        data = out.getvalue()
    return data


def zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:document/>")
        z.writestr("[Content_Types].xml", b"<Types/>")
        z.writestr("word/media/bomb.bin", b"\0" * (300 * 1024 * 1024))
    return buf.getvalue()
