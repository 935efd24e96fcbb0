"""The one document layer: every file a person uploads or the platform reads goes through here.

Public names (callers import only these):
- `content_type(data)` → the MIME type an upload really is (by its bytes, not its name), or None; `ALLOWED_TYPES`
  maps the types attachments may have to their Chinese names.
- `extract_text(data, name)` → `Extracted` (text for the privacy scanner and search; `NO_TEXT` when a file has none).
- `read_document(data, name)` → `Document` (text lines and tables, merged cells expanded) for the report auditor.
- `read_rows(name, data)` → list of dicts keyed by header, for CSV/XLSX/XLS imports; `parse_date` for their date
  cells; `UnreadableFile` (a ValueError) when a file cannot be read; `read_sheet(name, data)` the raw first sheet of
  an XLSX; `read_file(path)` a file named on the command line, refused above the size limit.
- `isolated.extract_text / read_document / read_rows / read_sheet`: the same readers in a child process with a
  memory and a time limit (isolated.py); request paths and importers use these.

Inside: sniff.py (what a file is), guards.py (limits, zip bombs, encrypted and legacy Office files, PDF passwords),
encoding.py (bytes → text), one reader per format (text, html, docx, xlsx, xls, pdf) sharing cells.py, read.py
(the auditor's dispatch), extract.py (the scanner's), rows.py (imports). Only gongkai.core and third-party
libraries are imported here.
"""

from . import isolated
from .extract import extract_text
from .model import NO_TEXT, Document, Extracted, Table
from .read import read_document
from .rows import UnreadableFile, parse_date, read_file, read_rows, read_sheet
from .sniff import ALLOWED_TYPES, content_type

__all__ = ["ALLOWED_TYPES", "NO_TEXT", "Document", "Extracted", "Table", "UnreadableFile", "content_type",
           "extract_text", "isolated", "parse_date", "read_document", "read_file", "read_rows", "read_sheet"]
