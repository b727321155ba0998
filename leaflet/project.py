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
from .starter import starter  # the commented starter leaflet (content/NAME.yaml)

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
