"""What the readers give back (pure): a Document of text lines and tables for the report auditor, Extracted text for
the privacy scanner and search."""

from dataclasses import dataclass, field

NO_TEXT = "未能扫描（无文字层）"


@dataclass
class Table:
    rows: list[list[str]]
    page: int | None = None
    title: str = ""


@dataclass
class Document:
    kind: str
    blocks: list = field(default_factory=list)     # str lines and Tables, in reading order
    problem: str = ""
    pages_without_text: list[int] = field(default_factory=list)

    def text(self) -> str:
        out = []
        for block in self.blocks:
            out.extend([block] if isinstance(block, str) else [" | ".join(r) for r in block.rows])
        return "\n".join(out)


@dataclass
class Extracted:
    text: str = ""
    kind: str = "unknown"
    problem: str = ""          # non-empty: the file was not (fully) scanned
    pages_without_text: list[int] = field(default_factory=list)

    @property
    def scanned(self) -> bool:
        return not self.problem
