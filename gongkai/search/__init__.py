"""Search: the backend interface and the process-wide backend (GONGKAI_SEARCH_BACKEND, GONGKAI_SEARCH_DIR)."""

import importlib
import os
import threading
from pathlib import Path

_backend = None
_lock = threading.Lock()


def _default_dir() -> Path:
    var = os.environ.get("GONGKAI_VAR_DIR") or str(Path(__file__).resolve().parents[2] / "var")
    return Path(os.environ.get("GONGKAI_SEARCH_DIR") or Path(var) / "search")


def get_backend():
    global _backend
    with _lock:
        if _backend is None:
            dotted = os.environ.get("GONGKAI_SEARCH_BACKEND", "gongkai.search.tantivy_backend.TantivyBackend")
            module, _, name = dotted.rpartition(".")
            _backend = getattr(importlib.import_module(module), name)(_default_dir())
        return _backend


def reset_backend() -> None:
    """Forget the process-wide backend (tests point GONGKAI_SEARCH_DIR elsewhere)."""
    global _backend
    with _lock:
        _backend = None
