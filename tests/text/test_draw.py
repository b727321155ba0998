"""What is drawn is what HarfBuzz shaped: glyph ids, advances and offsets."""
import io

import pytest
import uharfbuzz as hb
from reportlab.pdfgen.canvas import Canvas

from leaflet import markup
from leaflet.text.draw import line_ops
from leaflet.text.lines import break_lines, prepare

from . import scales
from .drawn import decode
from .samples import SAMPLES

SIZE = 11.0


def harfbuzz(face, text, rtl, script, language):
    """Shape independently of the engine: a fresh HarfBuzz font from the file."""
    font = hb.Font(hb.Face(hb.Blob.from_file_path(str(face.path))))
    buf = hb.Buffer()
    buf.add_str(text)
    buf.direction = "rtl" if rtl else "ltr"
    buf.script = script
    buf.language = language
    hb.shape(font, buf, {"kern": True, "liga": True})
    return [(i.codepoint, p.x_advance, p.x_offset, p.y_offset) for i, p in zip(buf.glyph_infos, buf.glyph_positions)]


def draw_sample(language, width=200.0):
    text, rtl, _ = SAMPLES[language]
    spans = markup.parse(text)
    para = prepare(spans, language, rtl)
    lines = break_lines(para, width, SIZE, 1.4)
    canv = Canvas(io.BytesIO())
    drawn = []
    for n, line in enumerate(lines):
        ops, _ = line_ops(canv, line, spans, 0.0, -n * 20.0, SIZE, lambda s: "0 g")
        drawn.append(decode(ops, canv._doc))
    return lines, drawn


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_drawn_glyphs_and_positions_equal_harfbuzz(language):
    lines, drawn = draw_sample(language)
    for n, (line, glyphs) in enumerate(zip(lines, drawn)):
        expected = []
        tail = sum(p.width(SIZE) for p in line.tail)
        # visual order, then the spaces the line broke at, past its end edge
        placed = [(line.pieces, 0.0), (line.tail, -tail if line.rtl else line.width)]
        for pieces, start in placed:
            pen = start
            for piece in pieces:
                face = piece.item.face
                scale = SIZE * scales.of_file(face.path.name) / face.upem  # the family's optical scale
                for gid, adv, dx, dy in harfbuzz(face, piece.text, piece.rtl, piece.item.script, language):
                    expected.append((face.name, gid, pen + dx * scale, -n * 20.0 + dy * scale))
                    pen += adv * scale
        # Drawing order may differ from HarfBuzz's (right-to-left words are drawn
        # so that text extraction reads them in order); the glyphs and places may not.
        assert sorted((f.name, gid) for f, gid, _, _ in glyphs) == sorted((name, gid) for name, gid, _, _ in expected)
        unused = list(glyphs)
        for name, gid, ex, ey in expected:
            match = next(g for g in unused if g[0].name == name and g[1] == gid
                         and abs(g[2] - ex) < 0.01 and abs(g[3] - ey) < 0.01)  # operators carry 3 decimals
            unused.remove(match)


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_no_notdef_glyph_is_drawn(language):
    _, drawn = draw_sample(language)
    assert all(gid != 0 for line in drawn for _, gid, _, _ in line)


def test_marks_are_positioned_with_offsets():
    # Arabic shadda + fatha stack above the letter: HarfBuzz gives them x/y offsets
    lines, drawn = draw_sample("ar")
    spans = markup.parse("رَبَّنَا")
    para = prepare(spans, "ar", True)
    line = break_lines(para, 300, SIZE, 1.4)[0]
    canv = Canvas(io.BytesIO())
    ops, _ = line_ops(canv, line, spans, 0.0, 0.0, SIZE, lambda s: "0 g")
    ys = {round(y, 2) for _, _, _, y in decode(ops, canv._doc)}
    assert len(ys) > 1, "marks drawn on the baseline"
    assert " Ts" in ops
