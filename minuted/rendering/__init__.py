"""Rendering of agenda packs to PDF.

User text becomes a small JSON tree (``blocks.markdown_to_blocks``) and reaches the typst
template only as data (``pdf.render_pack_pdf``): it is never formatted into typst source, so
nothing a user types can run as typst code. A plain package, not a Django app: no models."""
