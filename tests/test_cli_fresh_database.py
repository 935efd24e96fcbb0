"""A command on a database that was never migrated says in Chinese what to run, exits non-zero, no traceback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

GONGKAI = str(Path(sys.executable).with_name("gongkai"))


@pytest.mark.parametrize("command", [["workdays", "add", "2026-02-10", "20"], ["agencies", "list"]])
def test_unmigrated_database_is_explained(tmp_path, command):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    env.update(GONGKAI_VAR_DIR=str(tmp_path), GONGKAI_DATABASE_URL=f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
               DJANGO_SETTINGS_MODULE="gongkai.settings")
    result = subprocess.run([GONGKAI, *command], capture_output=True, text=True, env=env, timeout=120, check=False)
    assert result.returncode != 0
    assert "gongkai migrate" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
