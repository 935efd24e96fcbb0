"""The house rules of docs/architecture.md, checked on the code itself so that a change that breaks them fails.

- Layers point down: an app imports only apps below it (LAYERS), never one above.
- No app imports another app's private names (`_name`, or a module `_mod`).
- Pure rule modules import no Django.
- Templates know no paths: every link, form action and asset goes through {% url %} / {% static %}.
- No function over 80 lines.
- Migrations match the models.
"""

import ast
import io
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "gongkai"

# Bottom to top. An app may import its own layer or any layer below it; the project modules (urls, api, cli,
# settings) sit on top of everything.
LAYERS = [
    {"core"},
    {"documents", "search"},
    {"privacy"},
    {"catalog"},
    {"applications"},
    {"reports"},
]
LEVEL = {app: level for level, apps in enumerate(LAYERS) for app in apps}
TOP = len(LAYERS)

# Plain modules that hold rules: no Django, so they are fast to test and can run anywhere.
PURE_MODULES = [
    "core/law.py", "core/labels.py", "core/workflow.py", "core/workdays.py", "core/clock.py", "core/codes.py",
    "core/textnorm.py", "reports/rules.py", "reports/reportdata.py", "reports/formats.py", "catalog/indexnumber.py",
    "catalog/docnumber.py", "catalog/workflow.py",
    "applications/fees.py",
]


def python_files():
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        yield path


def app_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE).parts
    return rel[0] if len(rel) > 1 else ""


def level_of(app: str) -> int:
    return LEVEL.get(app, TOP)


def imports(path: Path):
    """(module, [names]) for every import in a file, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inside = PACKAGE in path.parents
    package = ".".join(("gongkai", *path.relative_to(PACKAGE).with_suffix("").parts[:-1])) if inside else ""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            yield module, [alias.name for alias in node.names]


def target_app(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "gongkai" or len(parts) < 2:
        return None
    return parts[1] if (PACKAGE / parts[1]).is_dir() else ""


def test_layers_point_down():
    upward = []
    for path in python_files():
        source = app_of(path)
        if not source:
            continue
        for module, _ in imports(path):
            target = target_app(module)
            if target is None or target == source:
                continue
            if level_of(target) > level_of(source):
                upward.append(f"{path.relative_to(ROOT)} imports {module}")
    assert upward == []


def test_no_foreign_private_imports():
    foreign = []
    for path in [*python_files(), *sorted((ROOT / "tests").glob("*.py")), *sorted((ROOT / "bench").glob("*.py"))]:
        source = app_of(path) if PACKAGE in path.parents else None
        for module, names in imports(path):
            target = target_app(module)
            if target is None or target == source:
                continue
            private_module = any(part.startswith("_") and not part.startswith("__") for part in module.split("."))
            private_names = [n for n in names if n.startswith("_") and not n.startswith("__")]
            if private_module or private_names:
                foreign.append(f"{path.relative_to(ROOT)}: from {module} import {', '.join(names)}")
    assert foreign == []


@pytest.mark.parametrize("module", PURE_MODULES)
def test_pure_modules_import_no_django(module):
    path = PACKAGE / module
    assert path.exists(), module
    for name, _ in imports(path):
        assert not name.split(".")[0] == "django", f"{module} imports {name}"
        if name.startswith("gongkai."):
            target = "/".join(name.split(".")[1:]) + ".py"
            assert target in PURE_MODULES, f"{module} imports {name}, which is not a pure module"


LITERAL_PATH = re.compile(r"""\b(?:href|action|src|formaction)\s*=\s*["'](/[^"']*)["']""")


def test_templates_know_no_paths():
    literal = []
    for path in sorted(PACKAGE.rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in LITERAL_PATH.finditer(line):
                literal.append(f"{path.relative_to(ROOT)}:{number}: {match.group(1)}")
    assert literal == []


def test_no_function_over_80_lines():
    long = []
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > 80:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({length} lines)")
    assert long == []


@pytest.mark.django_db
def test_migrations_match_models():
    from django.core.management import call_command

    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:
        pytest.fail(f"models changed without a migration (makemigrations --check exit {exit_.code}):\n{out.getvalue()}")


def test_the_documented_dependency_graph_is_the_code():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "depgraph.py"), "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr + result.stdout
