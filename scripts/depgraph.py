#!/usr/bin/env python3
"""Print the app-level dependency graph of gongkai, read from the code's own imports, as a Mermaid diagram.

    python scripts/depgraph.py            # the Mermaid block docs/architecture.md shows
    python scripts/depgraph.py --check    # exit 1 if docs/architecture.md shows another graph

An arrow A --> B means "code in app A imports app B". The project modules (urls, api, cli, settings) are drawn as
`project`. Tests (tests/test_architecture.py) keep the picture in the document equal to this output.
"""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "gongkai"
DOC = ROOT / "docs" / "architecture.md"
BEGIN, END = "<!-- depgraph:begin -->", "<!-- depgraph:end -->"


def app_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else "project"


def imported_apps(path: Path) -> set[str]:
    apps = set()
    package = ["gongkai", *path.relative_to(PACKAGE).parts[:-1]]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            modules = [".".join([*base, node.module] if node.module else base)]
        else:
            continue
        for module in modules:
            parts = module.split(".")
            if parts[0] == "gongkai" and len(parts) > 1 and (PACKAGE / parts[1]).is_dir():
                apps.add(parts[1])
    return apps


def edges() -> list[tuple[str, str]]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        source = app_of(path)
        for target in imported_apps(path):
            if target != source:
                found.add((source, target))
    return sorted(found)


def mermaid() -> str:
    lines = ["```mermaid", "graph TD"]
    lines += [f"  {a} --> {b}" for a, b in edges()]
    lines.append("```")
    return "\n".join(lines)


def documented() -> str:
    text = DOC.read_text(encoding="utf-8")
    return text[text.index(BEGIN) + len(BEGIN): text.index(END)].strip()


def main() -> int:
    if "--check" in sys.argv:
        if documented() != mermaid():
            print("docs/architecture.md 中的依赖图与代码不一致；运行 python scripts/depgraph.py 并更新文档", file=sys.stderr)
            print(mermaid())
            return 1
        return 0
    print(mermaid())
    return 0


if __name__ == "__main__":
    sys.exit(main())
