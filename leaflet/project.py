"""The project folder: a team's content/, translations/, layouts/ and fonts/.

`leaflet` works on the folder it is run in (or `--project DIR`). The folder is
a value handed to every stage that reads files; the package only supplies the
defaults (leaflet/data/: the Noto fonts, the layouts, the CMYK profile), which
a project overrides with files of the same name in its own layouts/ or fonts/.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import LeafletError

DATA = Path(__file__).resolve().parent / "data"  # package data: the defaults only
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def translations(self) -> Path:
        return self.root / "translations"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def layout_dirs(self) -> tuple[Path, ...]:
        """Where a layout name is looked up, the project's own first."""
        return (self.root / "layouts", DATA / "layouts")

    @property
    def font_dirs(self) -> tuple[Path, ...]:
        """Where fonts.yaml and the font files are looked up, the project's own first."""
        return (self.root / "fonts", DATA / "fonts")

    def leaflets(self) -> list[Path]:
        return sorted(self.content.glob("*.yaml"))


def is_project(folder: Path) -> bool:
    return (Path(folder) / "content").is_dir()


def at(folder: Path | None) -> Project:
    """The project in `folder` (default: the folder the tool is run in)."""
    root = Path(folder).resolve() if folder is not None else Path.cwd().resolve()
    if folder is not None and not root.is_dir():
        raise LeafletError("no such folder (--project names a project folder)", str(folder))
    return Project(root)


def new_files(name: str, today: datetime.date | None = None) -> list[tuple[Path, bytes]]:
    """A starter project named after its folder: one leaflet, a layout to edit, an
    empty translations/ and a README for the team. It builds as it is."""
    if not ID.match(name):
        raise LeafletError(f"'{name}' is not a valid leaflet id (lower-case letters, digits and '-', "
                           "e.g. early-help); name the folder so, or give a plain name")
    layout = (DATA / "layouts" / "a5-fold.yaml").read_text(encoding="utf-8")
    return [(Path("content") / f"{name}.yaml", starter(name, today).encode()),
            (Path("layouts") / "a5-fold.yaml", layout.encode()),
            (Path("translations") / ".keep", b""),
            (Path("README.md"), README.format(name=name).encode())]


def starter(name: str, today: datetime.date | None = None) -> str:
    """A commented starter leaflet (content/NAME.yaml) that builds as it is."""
    if not ID.match(name):
        raise LeafletError(f"'{name}' is not a valid leaflet id (lower-case letters, digits and '-', e.g. early-help)")
    return STARTER.format(name=name, today=(today or datetime.date.today()).isoformat())


STARTER = '''# A new leaflet. Replace the example text with yours, keeping each id.
# Text may use **bold**, *emphasis* and [link words](https://...). Telephone,
# e-mail and web address go in back: contact:, never in the text.
# Build it with `leaflet build` (or `leaflet build --preview` for build/proof.html).
id: {name}
language: en-GB
layout: a5-fold
organisation: Your council's children's services
updated: {today}
subject: What this leaflet is about, in one sentence

front:
  title: Your leaflet's title
  subtitle: Who it is for, in a few words

sections:
  - id: what-is-it
    question: What is this about?
    answer:
      - id: intro
        text: >-
          Write a short paragraph here. Keep sentences short and use the words
          families use.
        note: A note for translators and reviewers; it is never printed.
  - id: what-happens-next
    question: What happens next?
    answer:
      - id: next
        text: >-
          Say what the family can expect, and when. A second paragraph of the
          same answer goes in its own block with its own id.

back:
  intro: >-
    If you have any questions, please contact:
  contact:
    name: Your team's name
    role: Your role
    department: Children's Services
    address:
      - Your building
      - Your town
    postcode: AB1 2CD
    telephone: 01632 960000
    email: team@example.org
    website: https://www.example.org
  further_reading:
    text: >-
      You can read more on our website:
    url: https://www.example.org/children
'''

README = '''# {name}: leaflets

This folder is a `leaflet` project:

| folder | what |
|---|---|
| `content/` | one YAML file per leaflet (start from `content/{name}.yaml`) |
| `layouts/` | page size, margins, type and colours; edit `a5-fold.yaml` or add your own |
| `translations/` | gettext catalogs for translators (`leaflet extract`, then `leaflet init --lang pl`) |
| `fonts/` | optional: your own `fonts.yaml` and fonts, used instead of the shipped Noto fonts |

Commands, run in this folder:

```sh
leaflet build              # every leaflet in content/, every complete translation, into build/
leaflet build --preview    # also a PNG of every page and build/proof.html to check and sign off
leaflet new another-one    # a second leaflet: content/another-one.yaml
leaflet status             # how far each translation has got
```

Open `build/proof.html` in a browser: every edition side by side, with its
language, page count, body size, what is still in English, and warnings.
'''
