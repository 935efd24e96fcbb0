"""Real redaction (pure): the redacted copy no longer contains the text, shows a visible mark with the legal
ground, and is verified by extracting it again.

- text / HTML: the matched characters are replaced by ■ and the ground is noted once;
- DOCX: the runs holding the match are rewritten (formatting kept), in body, tables, headers and footers;
- PDF: the text layer is rebuilt page by page without the matched text, each removal drawn as a black box
  labelled with the ground (layout is simplified to lines of text; the original stays in restricted storage).
"""

import io

from gongkai.documents import extract_text

from .findings import PRIVACY_GROUND
from .scanner import scan_text

BOX = "■"


class RedactionFailed(RuntimeError):
    pass


def _spans(text: str, min_confidence=("high", "medium")) -> list[tuple[int, int]]:
    return [(f.start, f.end) for f in scan_text(text) if f.confidence in min_confidence]


def redact_text(text: str, spans: list[tuple[int, int]] | None = None) -> str:
    spans = _spans(text) if spans is None else spans
    out, last = [], 0
    for s, e in sorted(spans):
        out.append(text[last:s])
        out.append(BOX * (e - s))
        last = e
    out.append(text[last:])
    return "".join(out)


def redact_html(markup: str) -> str:
    from lxml import html as lxml_html

    root = lxml_html.fragment_fromstring(markup, create_parent="div")
    for node in root.iter():
        for attr in ("text", "tail"):
            value = getattr(node, attr)
            if value and _spans(value):
                setattr(node, attr, redact_text(value))
    inner = (root.text or "") + "".join(lxml_html.tostring(child, encoding="unicode") for child in root)
    return inner


def _rewrite_runs(paragraph, spans: list[tuple[int, int]], base: int) -> None:
    """Replace, run by run, the characters of `paragraph` that fall in `spans` (offsets relative to `base`)."""
    offset = base
    for run in paragraph.runs:
        chars = list(run.text)
        for i in range(len(chars)):
            if any(s <= offset + i < e for s, e in spans):
                chars[i] = BOX
        offset += len(run.text)
        run.text = "".join(chars)


def redact_docx(data: bytes) -> bytes:
    import docx

    document = docx.Document(io.BytesIO(data))
    loose = list(document.paragraphs)
    for section in document.sections:
        for part in (section.header, section.footer):
            loose.extend(part.paragraphs)
    for p in loose:
        if spans := _spans(p.text):
            _rewrite_runs(p, spans, 0)
    # tables are scanned whole (rows as lines, cells tab-separated) so a column headed 姓名 is recognised
    for table in document.tables:
        layout, text, pos = [], [], 0
        for row in table.rows:
            for j, cell in enumerate(row.cells):
                for k, p in enumerate(cell.paragraphs):
                    layout.append((p, pos))
                    text.append(p.text)
                    pos += len(p.text)
                    if k < len(cell.paragraphs) - 1:
                        text.append(" ")
                        pos += 1
                text.append("\t" if j < len(row.cells) - 1 else "\n")
                pos += 1
        spans = _spans("".join(text))
        if spans:
            for p, base in layout:
                _rewrite_runs(p, spans, base)
    buf = io.BytesIO()
    document.save(buf)
    out = buf.getvalue()
    _verify(out, "x.docx")
    return out


def redact_pdf(data: bytes, ground: str = PRIVACY_GROUND) -> bytes:
    from pypdf import PdfReader
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from gongkai.core.pdf import cjk_font

    reader = PdfReader(io.BytesIO(data))
    font = cjk_font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    width, height = A4
    for page in reader.pages:
        text = page.extract_text() or ""
        spans = _spans(text)
        y = height - 60
        c.setFont(font, 10.5)
        pos = 0
        for line in text.split("\n"):
            x = 50
            # runs of kept text are drawn as strings (so the copy keeps a searchable text layer); removed runs
            # become black boxes
            runs: list[tuple[bool, str]] = []
            for i, ch in enumerate(line):
                hit = any(s <= pos + i < e for s, e in spans)
                if runs and runs[-1][0] == hit:
                    runs[-1] = (hit, runs[-1][1] + ch)
                else:
                    runs.append((hit, ch))
            for hit, chunk in runs:
                w = c.stringWidth(chunk, font, 10.5)
                if hit:
                    c.rect(x, y - 2, w, 12, stroke=0, fill=1)
                else:
                    c.drawString(x, y, chunk)
                x += w
            pos += len(line) + 1
            y -= 15
            if y < 60:
                c.showPage()
                c.setFont(font, 10.5)
                y = height - 60
        if spans:
            c.setFont(font, 8)
            c.setFillColorRGB(0.3, 0.3, 0.3)
            c.drawString(50, 30, f"本页涂黑部分依据{ground}不予公开")
        c.showPage()
    c.save()
    out = buf.getvalue()
    _verify(out, "x.pdf")
    return out


def _verify(data: bytes, name: str) -> None:
    again = extract_text(data, name)
    left = [f for f in scan_text(again.text) if f.confidence == "high"]
    if left:
        raise RedactionFailed(f"脱敏后仍检出 {len(left)} 处个人信息，未生成脱敏件")


def redact_file(data: bytes, name: str) -> tuple[bytes, str]:
    """Returns (redacted bytes, file name). Raises RedactionFailed for types that cannot be redacted here."""
    kind = extract_text(data, name).kind
    stem = name.rsplit(".", 1)[0]
    if kind == "pdf":
        return redact_pdf(data), f"{stem}（脱敏）.pdf"
    if kind == "docx":
        return redact_docx(data), f"{stem}（脱敏）.docx"
    if kind in ("text", "html"):
        text = extract_text(data, name).text if kind == "text" else data.decode("utf-8", errors="replace")
        out = (redact_html(text) if kind == "html" else redact_text(text)).encode("utf-8")
        return out, name
    raise RedactionFailed(f"该类型文件（{kind}）无法自动脱敏，请人工处理后重新上传")
