"""Shared set-up for benches that need the Django project: a throwaway SQLite database under a temp folder (or the
one GONGKAI_DATABASE_URL names), migrated, with the demo city loaded."""

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def demo_database() -> None:
    var = tempfile.mkdtemp(prefix="gongkai-bench-")
    os.environ.setdefault("GONGKAI_VAR_DIR", var)
    os.environ.setdefault("GONGKAI_DATABASE_URL", f"sqlite:///{var}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from gongkai.core.demo import load_demo
    from gongkai.core.startup import prepare

    prepare()  # the var directory and a secret key, as `gongkai migrate` makes them

    call_command("migrate", verbosity=0)
    load_demo()
