"""QR codes for printed pages, as inline SVG.  The only module that imports segno."""

from __future__ import annotations


def svg(url: str) -> str:
    """An `<svg>` of the QR code for `url`, sized by its viewBox (the page's CSS sizes it),
    dark modules in black on white whatever the brand colours: phones read that best.
    Error correction M, the usual for print (a crease or a pin through it still scans)."""
    import segno  # (only when a printed page is made: it brings urllib, ssl and email)

    code = segno.make(url, error="m", micro=False)
    return str(code.svg_inline(scale=1, border=4, omitsize=True, dark="#000",
                               light="#fff", svgclass="qr__code", lineclass=None))
