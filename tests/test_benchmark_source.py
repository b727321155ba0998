"""The benchmark's Typst documents follow the content model: every question,
every answer's words and every contact reach the document Typst sets (a
benchmark that sets less text than we do would flatter the peer)."""
import re
import sys

from leaflet import build, content, markup

from corpus.project import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import benchmark  # noqa: E402


def _words(typst: str) -> str:
    """The text Typst sets: markup calls taken out, escapes undone."""
    bare = re.sub(r'#(?:strong|emph)\[|#link\("(?:[^"\\]|\\.)*"\)\[|(?<!\\)\];?', "", typst)
    return re.sub(r"\\(.)", r"\1", bare)


def test_every_edition_of_the_seed_as_typst(tmp_path):
    paths = benchmark.write_typst_sources(tmp_path, ["all"])
    editions, _ = build.editions_of(content.load(ROOT / benchmark.LEAFLET), ["all"])
    assert sorted(p.stem for p in paths) == sorted(e.code for e in editions)
    for edition, path in zip(editions, paths):
        source = path.read_text(encoding="utf-8")
        text = _words(source)
        leaflet = edition.leaflet
        assert source.count("#heading[") == len(leaflet.sections)
        for section in leaflet.sections:
            assert markup.plain(section.question.spans) in text, (edition.code, section.id)
            for block in section.answer:
                if hasattr(block, "spans"):
                    assert markup.plain(block.spans) in text, (edition.code, block.id)
        for contact in leaflet.contacts:
            assert contact.name in text and all(p.number in text for p in contact.phones)
