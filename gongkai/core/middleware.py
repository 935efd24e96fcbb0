"""A write that still cannot get the database answers "请稍后重试" (503 with Retry-After), never a 500.

SQLite allows one writer at a time: a writer waits up to the busy timeout (settings: 20 s) for the lock, and every
service keeps its write transaction short (slow work such as password hashing happens before it opens). If the wait
still runs out — a long import holding the lock, a deadlock or serialization failure on PostgreSQL — the person is
told to try again and nothing is half-saved (the transaction was rolled back)."""

import logging

from django.db import OperationalError
from django.http import JsonResponse
from django.shortcuts import render

log = logging.getLogger(__name__)

BUSY_SQLSTATES = {"40001", "40P01", "55P03"}   # serialization failure, deadlock, lock not available
BUSY = "系统繁忙，请稍后重试（您的操作未保存）"


def is_busy(exc: BaseException) -> bool:
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    if getattr(cause, "sqlstate", None) in BUSY_SQLSTATES:
        return True
    message = str(exc).lower()
    return "database is locked" in message or "database table is locked" in message


class DatabaseBusyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_busy(exception):
            return None
        log.warning("database busy on %s %s: %s", request.method, request.path, exception)
        if request.path.startswith("/api/"):
            response = JsonResponse({"detail": BUSY}, status=503)
        else:
            response = render(request, "503.html", {"message": BUSY}, status=503)
        response["Retry-After"] = "5"
        return response
