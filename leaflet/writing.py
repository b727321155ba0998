"""Writing a set of files all-or-nothing, safe against faults and other builds.

A transaction stages every file in a hidden folder inside the target folder
(same file system, so renames are atomic), then commits by renaming a journal
into place, then renames each file to its name. A fault before the commit
(full disk, no permission, a kill) leaves the old files untouched and the
staging folder removed, or, after a kill, removed by the next run; after the
commit, the next run finishes the renames from the journal. Each transaction
holds an exclusive lock on the target folder, so two builds into one folder
take turns (the second waits, then merges the manifest; see build.publish).

Nothing is written through a symbolic link below the target folder: a link
there could point anywhere, so it is refused, never followed.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from pathlib import Path, PurePosixPath

from .errors import LeafletError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks; see _lock
    fcntl = None

JOURNAL = ".leaflet-journal.json"
STAGING = ".leaflet-staging-"
LOCK_WAIT = 120.0  # seconds to wait for another build's writing phase (it takes well under one)


def transaction(root: Path, files: list[tuple[Path, bytes]], merge=None) -> None:
    """Write `files` (paths relative to `root`) all-or-nothing. `merge(root)`, if
    given, is called under the lock and returns more files to write (the manifest)."""
    root = Path(root)
    rels = [_relative(rel) for rel, _ in files]
    _check_tree(root, rels)
    created = _make_dirs(root, [PurePosixPath()])
    try:
        with _lock(root):
            recover(root)
            if merge:
                extra = merge(root)
                files = files + extra
                rels += [_relative(rel) for rel, _ in extra]
                _check_tree(root, rels)
            created += _make_dirs(root, {r.parent for r in rels})
            staging = _stage(root, [(rel, data) for rel, (_, data) in zip(rels, files)])
            _commit(root, staging, rels)
    except BaseException:
        for path in reversed(created):  # folders this failed run made, if still empty
            with contextlib.suppress(OSError):
                path.rmdir()
        raise


def recover(root: Path) -> None:
    """Finish a committed transaction a kill interrupted; remove aborted staging folders.
    Called with the lock held, so no staging folder found belongs to a live run."""
    journal = root / JOURNAL
    if journal.exists():
        try:
            entry = json.loads(journal.read_text(encoding="utf-8"))
            name = entry["staging"]
            if not (isinstance(name, str) and name.startswith(STAGING) and "/" not in name and "\\" not in name
                    and ".." not in name):
                raise ValueError(name)  # only ever one of our staging folders, never a path to delete elsewhere
            staging = root / name
            moves = [(str(int(i)), _relative(Path(rel))) for i, rel in entry["moves"]]
        except (ValueError, KeyError, TypeError, LeafletError):
            raise LeafletError(f"{JOURNAL} is damaged: remove it and build again", str(root)) from None
        _check_tree(root, [rel for _, rel in moves])
        _apply(root, staging, moves)
        journal.unlink()
    for leftover in root.glob(STAGING + "*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


def _stage(root: Path, files: list[tuple[PurePosixPath, bytes]]) -> Path:
    staging = None
    try:
        staging = Path(_mkdtemp(root))
        for i, (_, data) in enumerate(files):
            fd = os.open(staging / str(i), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
            finally:
                os.close(fd)
        _sync([staging / str(i) for i in range(len(files))])
        return staging
    except BaseException as exc:
        if staging:
            shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, OSError):
            raise LeafletError(f"cannot write: {exc.strerror or exc}; nothing was written", str(root)) from None
        raise


def _sync(paths: list[Path]) -> None:
    """Every staged file on the disk before the commit. In threads: the disk
    takes the flushes together (26 files: 7 ms, against 100 ms one by one)."""
    import threading

    errors: list[OSError] = []

    def sync(batch: list[Path]) -> None:
        for path in batch:
            try:
                fd = os.open(path, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
            except OSError as exc:
                errors.append(exc)

    threads = [threading.Thread(target=sync, args=(paths[i::32],)) for i in range(min(32, len(paths)))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


def _mkdtemp(root: Path) -> str:
    import tempfile

    return tempfile.mkdtemp(prefix=STAGING, dir=root)


def _commit(root: Path, staging: Path, rels: list[PurePosixPath]) -> None:
    moves = [(str(i), rel) for i, rel in enumerate(rels)]
    entry = {"staging": staging.name, "moves": [[i, rel.as_posix()] for i, rel in moves]}
    try:
        (staging / "journal").write_text(json.dumps(entry), encoding="utf-8")
        os.replace(staging / "journal", root / JOURNAL)  # the commit point
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise LeafletError(f"cannot write: {exc.strerror or exc}; nothing was written", str(root)) from None
    try:
        _apply(root, staging, moves)
        (root / JOURNAL).unlink()
    except OSError as exc:
        raise LeafletError(f"writing was interrupted ({exc.strerror or exc}); build again to finish it",
                           str(root)) from None


def _apply(root: Path, staging: Path, moves: list[tuple[str, PurePosixPath]]) -> None:
    for i, rel in moves:
        if (staging / i).exists():
            os.replace(staging / i, root / rel)
    shutil.rmtree(staging, ignore_errors=True)


def _relative(rel: Path) -> PurePosixPath:
    p = PurePosixPath(Path(rel).as_posix())
    if p.is_absolute() or ".." in p.parts or not p.parts:
        raise LeafletError(f"refusing to write '{rel}': not a path inside the output folder")
    return p


def check(root: Path, rels: list[Path] = ()) -> None:
    """Fail now, before the work, if `root` cannot take these files."""
    _check_tree(Path(root), [_relative(r) for r in rels])


def _check_tree(root: Path, rels: list[PurePosixPath]) -> None:
    """Refuse a symlink, or a file where a folder must be, anywhere below `root`."""
    if root.exists() and not root.is_dir():
        raise LeafletError("exists and is not a folder (--out names the folder to build into)", str(root))
    for rel in rels:
        path = root
        for i, part in enumerate(rel.parts):
            path = path / part
            if path.is_symlink():
                raise LeafletError("is a symbolic link; refusing to write through it (remove it, or build "
                                   "into another folder)", str(path))
            last = i == len(rel.parts) - 1
            if path.exists() and (path.is_dir() if last else not path.is_dir()):
                raise LeafletError(f"is a {'folder' if last else 'file'}, where the build writes a "
                                   f"{'file' if last else 'folder'}", str(path))


def _make_dirs(root: Path, rels) -> list[Path]:
    """Create `root`/rel for each rel; the folders actually created, outermost first."""
    made: list[Path] = []
    for rel in sorted(set(rels), key=lambda r: len(r.parts)):
        missing = []
        path = root / rel
        while not path.exists():
            missing.append(path)
            path = path.parent
        for path in reversed(missing):
            try:
                path.mkdir()
            except FileExistsError:
                continue
            except OSError as exc:
                for done in reversed(made):
                    with contextlib.suppress(OSError):
                        done.rmdir()
                raise LeafletError(f"cannot create folder: {exc.strerror or exc}", str(path)) from None
            made.append(path)
    return made


@contextlib.contextmanager
def _lock(root: Path):
    """An exclusive lock on the folder itself (no lock file to leave behind). It
    dies with its process, so a killed build never leaves the folder locked."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    fd = os.open(root, os.O_RDONLY)
    try:
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise LeafletError(f"another build has been writing into this folder for over "
                                       f"{LOCK_WAIT:.0f} s; try again when it has finished", str(root)) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)
