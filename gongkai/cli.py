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
    execute_from_command_line(["gongkai", *args])


if __name__ == "__main__":
    main()
