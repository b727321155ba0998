"""A second process that works while this one imports or typesets.

A one-edition build is mostly start-up, and its steps need different code:
reading and checking the content and catalogs needs none of the typesetter,
and imposing the print file needs pikepdf, which typesetting does not. On a
machine with a second core, `Second` forks a child early; the parent sends it
a call (the plan) and imports the typesetter meanwhile; later it sends the
imposition to a child that has loaded pikepdf while the parent typeset.

The child only computes: it writes no file and prints nothing of its own; its
results come back pickled. Whatever goes wrong there (a user's mistake, a bug,
a signal, a result that cannot be pickled), the parent makes that call itself,
so every error, message and traceback is the one a serial run gives. Without
fork (Windows, macOS) or a second core, every call runs in this process.
"""
from __future__ import annotations

import importlib
import os
import pickle
import signal
import struct
import sys

_HEADER = struct.Struct("<Q")
_FAILED = b""  # the child's answer when a call raised: the parent makes it again
_current: Second | None = None


class Second:
    """`with Second(warm) as second:` a child process for `second.call(...)`;
    it imports the modules `warm` names once its first call is answered."""

    def __init__(self, warm: tuple[str, ...] = (), fork: bool = True):
        self.warm, self.pid, self.owner = warm, None, os.getpid()
        if fork and _can_fork():
            self._start()

    def _start(self) -> None:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()  # else a child's exit could write the parent's pending output again
        requests, self._to_child = os.pipe()
        self._from_child, answers = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child (coverage does not follow a fork)
            # No Python handler runs here on a signal: Ctrl-C is the parent's to handle (it stops
            # this process), and a handler raising inside a C extension's import prints its alarm.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.close(self._to_child)
            os.close(self._from_child)
            status = 1
            try:
                _serve(requests, answers, self.warm)
                status = 0
            finally:
                os._exit(status)  # no atexit handlers, no flush of buffers inherited from the parent
        os.close(requests)
        os.close(answers)
        self.pid = pid

    def send(self, function, *args, **kwargs) -> None:
        """Start `function(*args, **kwargs)` in the child (a module-level function,
        picklable arguments); `receive` gives its result. One call at a time."""
        self._pending = (function, args, kwargs)
        if self.pid is not None:
            try:
                _write(self._to_child, pickle.dumps(self._pending, protocol=pickle.HIGHEST_PROTOCOL))
            except (OSError, pickle.PicklingError, TypeError, AttributeError):
                self.close()  # a child that went away, or a call that cannot go to it: made here

    def receive(self):
        function, args, kwargs = self._pending
        self._pending = None
        if self.pid is not None:
            try:
                data = _read(self._from_child)
                if data:
                    return pickle.loads(data)
            except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
                self.close()
        return function(*args, **kwargs)

    def call(self, function, *args, **kwargs):
        self.send(function, *args, **kwargs)
        return self.receive()

    def close(self) -> None:
        if self.pid is not None:
            pid, self.pid = self.pid, None
            for fd in (self._to_child, self._from_child):
                os.close(fd)  # the child sees the end of its requests, or a broken pipe, and exits
            try:  # it holds nothing but its own memory: stopped at once, idle or warming up
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:  # pragma: no cover - already gone
                pass
            os.waitpid(pid, 0)

    def __enter__(self) -> Second:
        global _current
        _current = self
        return self

    def __exit__(self, *exc) -> bool:
        global _current
        _current = None
        self.close()
        return False


def call(function, *args, **kwargs):
    """`function(*args, **kwargs)`, in this build's second process when it has
    one: for a stage that does not know whether it runs in a worker process."""
    second = _current
    if second is not None and second.pid is not None and second.owner == os.getpid():
        return second.call(function, *args, **kwargs)
    return function(*args, **kwargs)


def _serve(requests: int, answers: int, warm: tuple[str, ...]) -> None:  # pragma: no cover - in the child
    first = True
    while True:
        try:
            data = _read(requests)
        except EOFError:
            return
        try:
            function, args, kwargs = pickle.loads(data)
            answer = pickle.dumps(function(*args, **kwargs), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - the parent makes the call again, and reports what it gives
            answer = _FAILED
        _write(answers, answer)
        if first:
            first = False
            for name in warm:
                importlib.import_module(name)


def _write(fd: int, data: bytes) -> None:
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _read(fd: int) -> bytes:
    size = _HEADER.unpack(_exactly(fd, _HEADER.size))[0]
    return _exactly(fd, size)


def _exactly(fd: int, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _can_fork() -> bool:
    # Linux only: macOS forks unsafely once system frameworks are loaded, Windows not at all;
    # and never with other threads running, whose locks the child would inherit held.
    threading = sys.modules.get("threading")
    return (sys.platform.startswith("linux") and (os.cpu_count() or 1) > 1 and hasattr(os, "fork")
            and (threading is None or threading.active_count() == 1))
