"""Reading back what the text engine drew: glyph ids and positions decoded
from the PDF operators `draw.line_ops` writes (test helper)."""
from __future__ import annotations

import re

from leaflet import fonts

OP = re.compile(r"^(?P<args>.*?)\s*(?P<op>Tm|Td|Tf|TJ|Ts)$")
ITEM = re.compile(r"<([0-9A-F]+)>|(-?\d+(?:\.\d+)?)")  # a hex string holds one or more 1-byte codes


def subset_table(doc) -> dict:
    """'/F3+0' -> (face, codes of that subset) for every face this doc used."""
    table = {}
    for face in fonts._faces.values():
        state = face.ttf.state.get(doc)
        if state is None:
            continue
        for n, codes in enumerate(state.subsets):
            table[face.ttf.getSubsetInternalName(n, doc)] = (face, codes)
    return table


def decode(ops: str, doc) -> list[tuple]:
    """[(face, gid, x, y)] for every glyph drawn by `ops`, in drawing order."""
    table = subset_table(doc)
    out = []
    face = codes = None
    size = x = y = rise = line_x = line_y = 0.0
    for line in ops.splitlines():
        m = OP.match(line.strip())
        if not m:
            continue
        op, args = m.group("op"), m.group("args")
        if op == "Tm":
            _, _, _, _, x, y = (float(v) for v in args.split())
            line_x, line_y = x, y
        elif op == "Td":  # from the start of the current line (ISO 32000-1, 9.4.2)
            dx, dy = (float(v) for v in args.split())
            line_x, line_y = line_x + dx, line_y + dy
            x, y = line_x, line_y
        elif op == "Tf":
            name, s = args.split()
            face, codes = table[name]
            size = float(s)
        elif op == "Ts":
            rise = float(args)
        elif op == "TJ":
            for byte, number in ITEM.findall(args):
                for at in range(0, len(byte), 2):
                    code = codes[int(byte[at:at + 2], 16)]
                    gid = face.ttf.face.charToGlyph[code]
                    out.append((face, gid, x, y + rise))
                    x += face.ttf.face.charWidths.get(code, face.ttf.face.defaultWidth) * size / 1000
                if number:
                    x -= float(number) * size / 1000
    return out
