"""Previews and the proof page: a PNG of every page of every edition, and
build/proof.html, where a team checks and signs off every edition in one tab.

The page is plain static HTML (its CSS inline, no script, no font, nothing
fetched), linked relatively, so it works from the file system. Every value put
into it is escaped: leaflet text, file names and warnings may quote a translation.
"""
from __future__ import annotations

import html
import io
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from .build import Output
from .catalogs import languages
from .errors import printable

DPI = 96  # preview resolution: readable at 100 % on a screen
PREFERRED = ("screen", "press", "print")  # the file whose pages are previewed


@dataclass(frozen=True)
class Edition:
    """The files of one edition (a language, or a pair in a bilingual form)."""
    files: tuple[Output, ...]

    @property
    def shown(self) -> Output:
        return min(self.files, key=lambda o: PREFERRED.index(o.format))

    @property
    def stem(self) -> str:
        return self.shown.path.name.rsplit(".", 2)[0]


def editions(outputs: list[Output]) -> list[Edition]:
    """Outputs grouped by edition, in build order."""
    groups: dict[tuple, list[Output]] = {}
    for o in outputs:
        groups.setdefault((o.leaflet, o.languages, o.bilingual, bool(o.english_blocks)), []).append(o)
    return [Edition(tuple(g)) for g in groups.values()]


def preview_path(edition: Edition, page: int) -> Path:
    return Path("previews") / edition.shown.leaflet / f"{edition.stem}.p{page}.png"


def render(pdf: bytes, dpi: int = DPI) -> list[bytes]:
    """Each page of `pdf` as PNG bytes (PDFium, as Chrome draws it)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    out = []
    try:
        for i in range(len(doc)):
            image = doc[i].render(scale=dpi / 72).to_pil()
            buf = io.BytesIO()
            image.save(buf, "PNG", optimize=True)
            out.append(buf.getvalue())
    finally:
        doc.close()
    return out


def with_previews(outputs: list[Output]) -> list[Output]:
    """`outputs` with the pages of each edition's shown file rendered (run in the
    build's worker processes, so previews use every core too)."""
    shown = {id(e.shown) for e in editions(outputs)}
    return [replace(o, previews=tuple(render(o.data))) if id(o) in shown else o for o in outputs]


def files(outputs: list[Output], warnings: list[str]) -> list[tuple[Path, bytes]]:
    """The previews and proof.html, paths relative to the build folder."""
    pngs, shown = [], []
    for e in editions(outputs):
        rendered = [(preview_path(e, i + 1), png) for i, png in enumerate(e.shown.previews or render(e.shown.data))]
        pngs += rendered
        shown.append((e, [path for path, _ in rendered]))
    return pngs + [(Path("proof.html"), page(shown, warnings).encode("utf-8"))]


def _e(value) -> str:
    return html.escape(printable(str(value)), quote=True)


def _href(path: Path) -> str:
    return _e("/".join(quote(part) for part in PurePosixPath(path.as_posix()).parts))


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


def _language(code: str) -> str:
    """English name, and the language's own name marked with its language."""
    lang = languages.get(code)
    if lang.native_name.startswith(lang.english_name):  # English, or "English (United Kingdom)" for en-GB
        return f'<span lang="{_e(code)}">{_e(lang.native_name)}</span>'
    return f'{_e(lang.english_name)} (<span lang="{_e(code)}">{_e(lang.native_name)}</span>)'


def page(eds: list[tuple[Edition, list[Path]]], warnings: list[str]) -> str:
    """The proof page: each edition with its page previews (paths relative to the page)."""
    cards = []
    for e, pngs in eds:
        o = e.shown
        names = " + ".join(_language(c) for c in o.languages)
        form = o.bilingual or "single language"
        if o.english_blocks:
            state = f'<p><strong class="partial">Partial: left in English:</strong> {_e(", ".join(o.english_blocks))}</p>'
        else:
            state = '<p class="complete">Complete</p>'
        thumbs = "".join(f'<a href="{_href(p)}"><img src="{_href(p)}" alt="{_e(o.path.name)} page {i + 1}" '
                         f'width="120"></a>' for i, p in enumerate(pngs))
        notes = "".join(f"<li>{_e(w)}</li>" for w in dict.fromkeys(w for f in e.files for w in f.warnings))
        links = " ".join(f'<a href="{_href(f.path)}">{_e(f.format)} PDF</a>' for f in e.files)
        cards.append(f'''<section class="edition">
<h2>{names} <code>{_e(" + ".join(o.languages))}</code></h2>
<p class="facts">{_e(o.leaflet)} &middot; {_e(form)} &middot; {o.pages} pages &middot; body {o.body_size:g} pt{_scaled(o)}</p>
{state}
<div class="pages">{thumbs}</div>
<p class="files">{links}</p>
{f'<ul class="warnings">{notes}</ul>' if notes else ''}
</section>''')
    skipped = "".join(f"<li>{_e(w)}</li>" for w in warnings)
    return f'''<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Proof: {_count(len(eds), 'edition')}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5rem; color: #111; background: #f4f4f4; }}
main {{ display: flex; flex-wrap: wrap; gap: 1rem; }}
.edition {{ background: #fff; border: 1px solid #ccc; padding: 0.75rem; flex: 0 1 auto; max-width: 46rem; }}
.edition h2 {{ font-size: 1.1rem; margin: 0 0 0.25rem; }}
.pages {{ display: flex; flex-wrap: wrap; gap: 4px; }}
.pages img {{ border: 1px solid #999; height: auto; }}
.complete {{ color: #05622b; font-weight: bold; }}
.partial {{ color: #8a1c00; font-weight: bold; }}
.warnings {{ color: #6b4a00; font-size: 0.9rem; }}
</style>
</head>
<body>
<h1>Proof: {_count(len(eds), 'edition')}</h1>
{f'<h2>Not built, and build warnings</h2><ul class="warnings">{skipped}</ul>' if skipped else ''}
<main>
{chr(10).join(cards)}
</main>
</body>
</html>
'''


def _scaled(o) -> str:
    """A script set larger than the Latin body, at its own size (fonts.yaml `scale`)."""
    return "".join(f" ({_e(code)} {size:g} pt)" for code, size in o.script_sizes.items() if size != o.body_size)
