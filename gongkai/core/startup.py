"""Explicit start-up: the only place that writes the var directory and the generated secret key.

Importing settings writes nothing. The commands that migrate or serve (`gongkai migrate`, `gongkai serve`,
`gongkai demo`, the WSGI entry point) and the test harness call `prepare()` once before they work.
"""

import os
import secrets
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def prepare(generate_secret_key: bool = True) -> None:
    """Make the var and static directories; with no GONGKAI_SECRET_KEY, make sure var/secret_key exists and is
    the key this process signs with. Safe to call more than once and from processes starting together."""
    Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    if generate_secret_key and not has_secret_key():
        settings.SECRET_KEY = ensure_secret_key_file(Path(settings.SECRET_KEY_FILE))


def has_secret_key() -> bool:
    try:
        return bool(settings.SECRET_KEY)
    except ImproperlyConfigured:  # Django's answer for an empty key
        return False


def ensure_secret_key_file(path: Path) -> str:
    """The key in `path`, generated first (mode 600) if there is none. The file appears whole or not at all:
    the key is written to a private temporary file and linked into place, so a second process starting at the
    same moment reads the winner's complete key, never a half-written one."""
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".secret_key.")  # mkstemp creates mode 600
        try:
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_urlsafe(50))
            try:
                os.link(temporary, path)
            except FileExistsError:
                pass  # another process won; use its key
        finally:
            os.unlink(temporary)
    return path.read_text().strip()
