"""Word recall of text extracted from leaflet PDFs, scored against the catalogs.

    python tools/text_recall.py build/serious-case-reviews --lang ar fa ur bn [ur+en ...]
        [--extractors pdftotext pdfium mutool pdfjs] [--pdfjs /path/to/pdfjs-dist/legacy/build/pdf.mjs]

For each edition `<leaflet>.<lang>.screen.pdf` in the directory, every
extractor's text is split into words and compared with the words of the
catalog's msgstr (inline markup removed, placeholders dropped): recall is the
share of catalog words (counted with repeats) found in the extracted words;
pair recall, the share of adjacent word pairs found, also checks the order.
Developer tool: pdftotext (poppler-utils), mutool (mupdf-tools) and node with
pdfjs-dist are used when present; pypdfium2 always.

What the extractors do with right-to-left text (measured on small PDFs,
poppler 22.12, PDFium 7149 via pypdfium2 5.15, mupdf 1.21, pdfjs-dist 4):
- poppler and PDFium put a line's glyphs in x order and reverse its
  right-to-left runs: glyphs stored in logical order come out reversed.
- poppler spreads an /ActualText over its glyphs' box and reorders the line
  as a whole (full reversal); PDFium keeps the characters of one /ActualText
  in their order, reversing only the right-to-left runs inside it in place,
  and orders separate /ActualText spans by the line's direction. The two
  agree on one span per run of letters, in visual order.
- PDFium drops a text object that only draws a space (its box is empty) and
  takes ZWNJ and combining marks inside one /ActualText for neutrals.
- Inside right-to-left text both apply the bidi rules to numbers: "020 8547
  6111" comes back "6111 8547 020" unless the groups are joined by U+00A0.
- mutool keeps the stream order (no reordering); pdf.js ignores /ActualText.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from leaflet import markup  # noqa: E402

PDFJS_SCRIPT = """
const pdfjs = await import(process.env.PDFJS);
const data = new Uint8Array(require('fs').readFileSync(process.argv[1]));
const doc = await pdfjs.getDocument({data, verbosity: 0}).promise;
let out = [];
for (let i = 1; i <= doc.numPages; i++) {
  const page = await doc.getPage(i);
  const content = await page.getTextContent();
  out.push(content.items.map(it => it.str + (it.hasEOL ? '\\n' : '')).join(''));
}
process.stdout.write(out.join('\\n'));
"""


def words(text: str) -> list[str]:
    """Words as a reader would search for them: NFC, punctuation and symbols as spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(" " if unicodedata.category(c)[0] in "PSZC" and c not in "\u200c\u200d" else c for c in text)
    return [w.replace("\u200c", "").replace("\u200d", "") for w in text.split()]


def catalog_blocks(po: Path) -> list[list[str]]:
    with po.open("rb") as f:
        catalog = read_po(f)
    out: list[list[str]] = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        text = re.sub(r"\{[a-z_]+\}", " ", message.string)
        out.append(words(markup.plain(markup.parse(text))))
    return out


def pairs(seq: list[str]) -> list[tuple[str, str]]:
    return list(zip(seq, seq[1:]))


def extract(tool: str, pdf: Path, pdfjs: str | None) -> str:
    if tool == "pdfium":
        import pypdfium2 as pdfium
        doc = pdfium.PdfDocument(str(pdf))
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    if tool == "pdftotext":
        return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
    if tool == "mutool":
        return subprocess.run(["mutool", "draw", "-q", "-F", "txt", "-o", "-", str(pdf)], capture_output=True,
                              text=True, check=True).stdout
    if tool == "pdfjs":
        run = subprocess.run(["node", "--input-type=commonjs", "-e",
                              f"(async () => {{{PDFJS_SCRIPT}}})()", str(pdf)],
                             capture_output=True, text=True, env={**os.environ, "PDFJS": pdfjs}, check=True)
        return run.stdout
    raise ValueError(tool)


def recall(expected: list[str], found: list[str]) -> float:
    have = Counter(found)
    hit = 0
    for w in expected:
        if have[w] > 0:
            have[w] -= 1
            hit += 1
    return hit / len(expected) if expected else 1.0


def available(tool: str, pdfjs: str | None) -> bool:
    if tool == "pdfium":
        return True
    if tool == "pdfjs":
        return bool(pdfjs) and Path(pdfjs).exists() and shutil.which("node") is not None
    return shutil.which(tool) is not None


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("directory", type=Path, help="a leaflet's build directory (holds <leaflet>.<lang>.screen.pdf)")
    p.add_argument("--lang", nargs="+", default=["ar", "fa", "ur", "bn"])
    p.add_argument("--extractors", nargs="+", default=["pdftotext", "pdfium", "mutool", "pdfjs"])
    p.add_argument("--pdfjs", default=os.environ.get("PDFJS"), help="path to pdfjs-dist's legacy/build/pdf.mjs")
    p.add_argument("--json", action="store_true")
    p.add_argument("--show", metavar="TOOL", help="print the missed words of this extractor")
    a = p.parse_args()
    leaflet = a.directory.name
    tools = [t for t in a.extractors if available(t, a.pdfjs)]
    results = {}
    for lang in a.lang:
        pdf = a.directory / f"{leaflet}.{lang}.screen.pdf"
        po = ROOT / "translations" / lang.split("+")[0] / "LC_MESSAGES" / f"{leaflet}.po"  # ur+en: the ur words
        blocks = catalog_blocks(po)
        expected = [w for b in blocks for w in b]
        expected_pairs = [p for b in blocks for p in pairs(b)]
        results[lang] = {}
        for tool in tools:
            found = words(extract(tool, pdf, a.pdfjs))
            results[lang][tool] = (round(100 * recall(expected, found), 1),
                                   round(100 * recall(expected_pairs, pairs(found)), 1))
            if a.show == tool:
                have = Counter(found)
                missed = [w for w in expected if not (have[w] > 0 and not have.subtract([w]))]
                print(lang, tool, "missed:", " ".join(missed[:60]))
    if a.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    else:
        print("word recall % / word-pair recall % (pairs: the words also come in reading order)")
        print("lang    " + "".join(f"{t:>16}" for t in tools))
        for lang, row in results.items():
            print(f"{lang:<8}" + "".join(f"{row[t][0]:>9.1f} /{row[t][1]:>5.1f}" for t in tools))
    return 0


if __name__ == "__main__":
    sys.exit(main())
