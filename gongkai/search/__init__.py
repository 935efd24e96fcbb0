"""Search: the backend interface and the process-wide backend (settings.SEARCH_BACKEND over settings.SEARCH_DIR,
from GONGKAI_SEARCH_BACKEND and GONGKAI_SEARCH_DIR)."""

import importlib
import threading
from pathlib import Path

from django.conf import settings
from django.core.signals import setting_changed

_backend = None
_lock = threading.Lock()


def get_backend():
    global _backend
    with _lock:
        if _backend is None:
            module, _, name = settings.SEARCH_BACKEND.rpartition(".")
            _backend = getattr(importlib.import_module(module), name)(Path(settings.SEARCH_DIR))
        return _backend


def reset_backend() -> None:
    """Forget the process-wide backend (tests point settings.SEARCH_DIR elsewhere)."""
    global _backend
    with _lock:
        _backend = None


def _forget_on_change(setting, **kwargs):
    if setting in ("SEARCH_DIR", "SEARCH_BACKEND"):
        reset_backend()


# A changed SEARCH_DIR or SEARCH_BACKEND (tests' `settings` fixture, override_settings) takes effect at once.
setting_changed.connect(_forget_on_change)
