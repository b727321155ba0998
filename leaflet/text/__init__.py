"""The text engine: itemize -> shape (HarfBuzz) -> break (UAX #14) -> reorder (UAX #9) -> draw.

One path for every script and language; `paragraph.TextBlock` is the flowable.
"""
