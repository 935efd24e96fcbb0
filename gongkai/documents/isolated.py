"""Readers run in a child process with a memory and a time limit (pure).

A file that passes every check in guards.py can still be expensive to parse (a crafted workbook, a content stream
that expands, a reader bug). Parsing it in the web worker would keep that worker busy and leave its memory grown
(CPython rarely returns freed memory to the OS). Here the reader runs in a child forked from a small server process
(multiprocessing's "forkserver": the readers are imported once, each child starts in milliseconds), under
RLIMIT_AS and RLIMIT_CPU, with a wall-clock timeout; the child's memory goes back to the OS when it exits.

    isolated.extract_text(data, name)  → Extracted, problem "无法扫描：文件处理超时…" on a limit
    isolated.read_document(data, name) → Document, problem "无法读取：文件处理超时…" on a limit
    isolated.read_rows(name, data)     → rows, UnreadableFile("文件处理超时…") on a limit
    isolated.read_sheet(name, data)    → the same for the raw first sheet

`run(function, *args)` is the mechanism: function(*args) in the child, or Unprocessable with the Chinese problem.
The limits are module attributes read at call time (a test lowers them with monkeypatch); ENABLED = False runs the
reader in-process (for a debugger).
"""

import multiprocessing
import resource

from .model import Document, Extracted

MEMORY_BYTES = 1024 * 1024 * 1024     # address space of the child; the guarded readers peak far below this
SECONDS = 30                          # wall clock, and CPU seconds, for one file
ENABLED = True
last_peak_kb = 0                      # the last child's peak resident memory (ru_maxrss), for bench/ figures

TIMEOUT = "文件处理超时（超过 {seconds} 秒），文件可能过于复杂，请精简后重新上传或另存为 PDF"
MEMORY = "文件处理所需内存过大（超过 {megabytes} MB），文件可能过于复杂，请精简后重新上传或另存为 PDF"
CRASHED = "文件处理失败（处理进程意外退出）"


class Unprocessable(ValueError):
    """The child ran out of time or memory, or died: the message is the Chinese problem."""


_context = None


def _get_context():
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(["gongkai.documents"])
    return _context


def _child(connection, memory: int, seconds: int, function, args) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    try:
        outcome = ("ok", function(*args))
    except MemoryError:
        outcome = ("memory", None)
    except Exception as exc:  # noqa: BLE001 - given back to the caller as it would have been raised in-process
        outcome = ("error", exc)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        connection.send((*outcome, peak))
    except MemoryError:
        connection.send(("memory", None, peak))
    connection.close()


def run(function, *args):
    """function(*args) in a limited child: its result, its exception re-raised, or Unprocessable."""
    global last_peak_kb
    if not ENABLED:
        return function(*args)
    memory, seconds = MEMORY_BYTES, SECONDS
    context = _get_context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, memory, seconds, function, args), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise Unprocessable(TIMEOUT.format(seconds=seconds))
        try:
            status, value, last_peak_kb = receiver.recv()
        except (EOFError, OSError):
            child.join(1)
            # RLIMIT_CPU ends the child with SIGXCPU (or SIGKILL past the hard limit); an allocation the kernel
            # refuses below the interpreter (a C extension) can end it any other way
            if child.exitcode in (-24, -9):
                raise Unprocessable(TIMEOUT.format(seconds=seconds)) from None
            raise Unprocessable(MEMORY.format(megabytes=memory // 1024 // 1024)) from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
    if status == "memory":
        raise Unprocessable(MEMORY.format(megabytes=memory // 1024 // 1024))
    if status == "error":
        raise value
    return value


def extract_text(data: bytes, name: str = "") -> Extracted:
    from .extract import extract_text as extract

    try:
        return run(extract, data, name)
    except Unprocessable as exc:
        return Extracted(kind="unknown", problem=f"无法扫描：{exc}")


def read_document(data: bytes, name: str = "") -> Document:
    from .read import read_document as read

    try:
        return run(read, data, name)
    except Unprocessable as exc:
        return Document("unknown", problem=f"无法读取：{exc}")


def read_rows(name: str, data: bytes) -> list[dict]:
    from .rows import UnreadableFile
    from .rows import read_rows as read

    try:
        return run(read, name, data)
    except Unprocessable as exc:
        raise UnreadableFile(str(exc)) from None


def read_sheet(name: str, data: bytes) -> list[tuple]:
    from .rows import UnreadableFile
    from .rows import read_sheet as read

    try:
        return run(read, name, data)
    except Unprocessable as exc:
        raise UnreadableFile(str(exc)) from None
