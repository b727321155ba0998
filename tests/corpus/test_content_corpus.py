"""The bad-content corpus, through the command line: `generate.py build FILE --out DIR`.

Every case must be refused with exit status 2 and one line
`error: FILE:LINE: message` (no traceback, no raw control character), and
leave nothing behind: no output folder, no other file changed."""
import pytest

from .cases import CASES
from .project import copy_project, refused, run, snapshot


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("corpus") / "project")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_content_is_one_located_line_and_writes_nothing(project, case):
    folder = project / "cases" / case.name
    folder.mkdir(parents=True)
    (folder / "leaflet.yaml").write_bytes(case.make((project / "content" / "serious-case-reviews.yaml")
                                                    .read_text(encoding="utf-8"), folder))
    before = snapshot(project)
    done = run(project, "build", f"cases/{case.name}/leaflet.yaml", "--out", "out")
    refused(done, f"cases/{case.name}/leaflet.yaml", case.line, case.contains)
    assert snapshot(project) == before
    assert not (project / "out").exists()


def test_the_real_leaflet_still_builds_from_the_copy(project):
    """The control: the same command on the unbroken file succeeds."""
    done = run(project, "build", "content/serious-case-reviews.yaml", "--out", "good", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert (project / "good" / "serious-case-reviews" / "serious-case-reviews.en.screen.pdf").exists()
