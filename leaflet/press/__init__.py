"""Press files: A5 pages -> PDF/X-4 single pages with bleed, marks and CMYK
colour for a print shop (`pdfx.press`), and the press checker (`check`).

Data flow: the typeset pages (drawn with the layout's bleed) -> `colour`
(RGB operators and images to CMYK through the output profile) -> `marks`
(crop, registration, colour bars, all outside the bleed) -> `pdfx` (boxes,
output intent, XMP). `check` reads a finished file back on its own.
"""
