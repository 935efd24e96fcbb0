"""The one document layer: every file a person uploads or the platform reads goes through here.

Public names (callers import only these):
- `content_type(data)` → the MIME type an upload really is (by its bytes, not its name), or None; `ALLOWED_TYPES`
  maps the types attachments may have to their Chinese names.
- `extract_text(data, name)` → `Extracted` (text for the privacy scanner and search; `NO_TEXT` when a file has none).
- `read_document(data, name)` → `Document` (text lines and tables, merged cells expanded) for the report auditor.
- `read_rows(name, data)` → list of dicts keyed by header, for CSV/XLSX/XLS imports.
"""

from gongkai.catalog.filetypes import ALLOWED as ALLOWED_TYPES
from gongkai.catalog.filetypes import sniff as content_type
from gongkai.catalog.importer import read_rows
from gongkai.privacy.extract import NO_TEXT, Extracted, extract_text
from gongkai.reports.readers.documents import Document, Table, read_document

__all__ = ["ALLOWED_TYPES", "NO_TEXT", "Document", "Extracted", "Table", "content_type", "extract_text",
           "read_document", "read_rows"]
