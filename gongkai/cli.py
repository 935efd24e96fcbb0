"""The `gongkai` console script: Django's management commands under one name.

`gongkai migrate`, `gongkai demo`, `gongkai serve`, `gongkai staff add ...`, `gongkai agencies list --json`.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gongkai", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
