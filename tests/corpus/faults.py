"""Run the command line with a fault injected: `python faults.py FAULT ARGS...`,
run from a project copy (its folder first on sys.path, like generate.py).

FAULT is one of:
  enospc          os.write fails with ENOSPC once 60 KB have been written (a full disk; an English
                  edition's two files are 85 KB)
  erofs / eacces  creating a folder or a file for writing fails (read-only file system / no permission)
  kill-at-rename  SIGKILL to itself at the 3rd os.replace (the journal, then files)
  term-at-write   SIGTERM to itself once 100 KB have been written
  hold-lock=S     sleep S seconds while holding the output folder's lock (touch ./locked first)
  lock-wait=S     wait at most S seconds for another build's lock
"""
import errno
import os
import signal
import sys
import time

sys.path.insert(0, os.getcwd())

from leaflet import writing  # noqa: E402
from leaflet.cli import main  # noqa: E402


def inject(fault: str) -> None:
    name, _, arg = fault.partition("=")
    if name == "enospc":
        real, written = os.write, [0]

        def write(fd, data):
            written[0] += len(data)
            if written[0] > 60_000:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return real(fd, data)

        os.write = write
    elif name in ("erofs", "eacces"):
        code = errno.EROFS if name == "erofs" else errno.EACCES
        real_open, real_mkdir = os.open, os.mkdir

        def fail(path, *a, **k):
            raise OSError(code, os.strerror(code), str(path))

        def open_(path, flags, *a, **k):
            if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
                fail(path)
            return real_open(path, flags, *a, **k)

        os.open, os.mkdir = open_, fail
    elif name == "term-at-write":
        real, written = os.write, [0]

        def write(fd, data):
            written[0] += len(data)
            if written[0] > 60_000:
                os.kill(os.getpid(), signal.SIGTERM)
            return real(fd, data)

        os.write = write
    elif name == "kill-at-rename":
        real, calls = os.replace, [0]

        def replace(src, dst, **k):
            calls[0] += 1
            if calls[0] == 3:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(src, dst, **k)

        os.replace = replace
    elif name == "hold-lock":
        real = writing.recover

        def recover(root):
            open("locked", "w").close()  # the test waits for this before starting the other build
            time.sleep(float(arg))
            return real(root)

        writing.recover = recover
    elif name == "lock-wait":
        writing.LOCK_WAIT = float(arg)
    else:
        raise SystemExit(f"unknown fault {fault}")


if __name__ == "__main__":
    inject(sys.argv[1])
    args = sys.argv[2:]
    if args[:1] == ["build"] and "--jobs" not in args:
        # The faults patch os.* in this process; pool workers would inherit them
        # for their own pipes. Files are written here, in the parent, either way.
        args += ["--jobs", "1"]
    sys.exit(main(args))
