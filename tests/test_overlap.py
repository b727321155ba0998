"""The build's second process (leaflet/overlap.py): calls made there come back
as they would here, and whatever fails there is made again here."""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from leaflet import overlap
from leaflet.errors import LeafletError

ROOT = Path(__file__).resolve().parent.parent
forks = pytest.mark.skipif(not overlap._can_fork(), reason="no fork, or one core: every call is made here")


def _pid() -> int:
    return os.getpid()


def _refuse_outside(parent: int) -> str:
    if os.getpid() != parent:
        raise LeafletError("only in the child", "x.yaml", 3)
    return "made here"


def _die_outside(parent: int) -> str:
    if os.getpid() != parent:
        os._exit(7)
    return "made here"


def _unpicklable(parent: int):
    return (lambda: None) if os.getpid() != parent else "made here"


def _imported(name: str) -> bool:
    return name in sys.modules


def _words(text: str, *, upper: bool = False) -> list[str]:
    return text.upper().split() if upper else text.split()


@forks
def test_a_call_is_made_in_the_child_and_its_result_comes_back():
    with overlap.Second() as second:
        assert second.call(_pid) not in (os.getpid(), None)
        text = "Serious Case Reviews: information for parents and carers " * 2000  # more than a pipe holds
        assert second.call(_words, text, upper=True) == text.upper().split()


@forks
def test_what_fails_in_the_child_is_made_again_here():
    parent = os.getpid()
    with overlap.Second() as second:
        assert second.call(_refuse_outside, parent) == "made here"  # an error there
        assert second.call(_unpicklable, parent) == "made here"  # a result that cannot come back
        assert second.call(_die_outside, parent) == "made here"  # the child gone
        assert second.pid is None  # and every later call is made here
        assert second.call(_pid) == parent


def test_an_error_is_this_process_own():
    with overlap.Second() as second, pytest.raises(LeafletError, match="only in the child") as caught:
        second.call(_refuse_outside, -1)  # fails here too: the error a serial run gives
    assert (caught.value.file, caught.value.line) == ("x.yaml", 3)


@forks
def test_the_child_imports_its_warm_modules_after_its_first_call():
    name = "tabnanny"  # a module nothing here imports
    assert name not in sys.modules
    with overlap.Second((name,)) as second:
        assert second.call(_imported, name) is False
        assert second.call(_imported, name) is True
    assert name not in sys.modules


@forks
def test_overlap_call_uses_the_second_process_only_in_the_process_that_made_it():
    assert overlap.call(_pid) == os.getpid()
    with overlap.Second() as second:
        child = overlap.call(_pid)
        assert child != os.getpid() and child == second.pid
    assert overlap.call(_pid) == os.getpid()
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)  # reaped: no process left behind


def _busy(result) -> None:
    import time

    time.sleep(60)  # a warm-up that outlasts the test by far


@forks
def test_closing_stops_a_child_still_warming_up_at_once_and_silently(capfd):
    import time

    second = overlap.Second(_busy)
    assert second.call(_pid) == second.pid  # now warming up for a minute
    pid, started = second.pid, time.monotonic()
    second.close()
    assert time.monotonic() - started < 30  # not waited for
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped
    assert capfd.readouterr().err == ""


def test_without_fork_every_call_is_made_here():
    with overlap.Second(fork=False) as second:
        assert second.pid is None
        assert second.call(_pid) == os.getpid()
        assert overlap.call(_words, "a b", upper=True) == ["A", "B"]


@forks
def test_a_one_edition_build_typesets_without_the_catalog_checks_or_pikepdf():
    """The point of the split: the process that typesets loads neither."""
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from leaflet import cli
        status = cli.main(["build", "content/serious-case-reviews.yaml", "--lang", "en", "--out", sys.argv[1],
                           "--quiet"], project=Path({str(ROOT)!r}))
        print("modules:", status, *(m in sys.modules for m in ("leaflet.typeset", "pikepdf", "leaflet.catalogs.review")))
    """)
    def run(tmp, *extra):
        out = subprocess.run([sys.executable, "-c", script, str(tmp), *extra], cwd=ROOT, capture_output=True,
                             text=True, check=True)
        return next(line for line in out.stdout.splitlines() if line.startswith("modules:")).split()[1:]

    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        assert run(tmp) == ["0", "True", "False", "False"]
        manifest = (Path(tmp) / "manifest.json").read_text()
        assert "serious-case-reviews.en.print.pdf" in manifest
