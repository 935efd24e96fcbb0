"""The `gongkai` console script: Django's management commands under one name.

`gongkai migrate`, `gongkai demo`, `gongkai serve`, `gongkai staff add ...`, `gongkai agencies list --json`.
The commands that create the database or serve requests first run start-up (gongkai.core.startup.prepare):
the var directory and, unless GONGKAI_SECRET_KEY is set, the secret key kept in var/secret_key.
"""

import os
import sys

# Commands that need the var directory and a secret key that every later process will share.
PREPARING_COMMANDS = frozenset({"migrate", "serve", "runserver", "demo", "collectstatic"})


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    args = sys.argv[1:] if argv is None else argv
    try:
        settings.INSTALLED_APPS  # noqa: B018  (reads the environment: a bad GONGKAI_* value stops here)
    except ImproperlyConfigured as exc:
        sys.exit(f"配置错误：{exc}")
    if args and args[0] in PREPARING_COMMANDS:
        from gongkai.core.startup import prepare

        prepare()
    from django.db import DatabaseError

    try:
        execute_from_command_line(["gongkai", *args])
    except DatabaseError as exc:
        sys.exit(database_problem(exc))


def database_problem(exc: Exception) -> str:
    """A database error a command could not handle, said in Chinese with what to do (no traceback): most often a
    database that was never migrated, or one older than the code."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception:  # the database cannot even be read: report the original error
        pending = None
    if pending:
        return f"数据库尚未初始化或版本较旧（有 {len(pending)} 个迁移未执行）：请先运行 gongkai migrate"
    return f"数据库错误：{exc}（请检查 GONGKAI_DATABASE_URL，或运行 gongkai migrate）"


if __name__ == "__main__":
    main()
