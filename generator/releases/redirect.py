"""Pages that lead elsewhere: the roots of a published site, its `latest/` alias, a bundle's root.

A reader may land on one without scripts, or from a file:// copy where the browser does not
follow `<meta http-equiv="refresh">`: each page is a small page of its language (WCAG 3.1.1),
with a title, a heading and a link to follow by hand.
"""

from __future__ import annotations

import html
import json

from generator.render.labels import translator


def redirect_page(target: str, lang: str, version: str) -> str:
    """A page in `lang` that leads to `target` (relative; version `version`), over http and from
    file://, keeping the #anchor."""
    _ = translator(lang)
    url = html.escape(target, quote=True)
    # A file name is content: in the script it stays a string, and "</script>" cannot end it.
    script = json.dumps(target).replace("<", "\\u003c").replace(">", "\\u003e")
    title = html.escape(_("Opening version {version}").format(version=version), quote=False)
    link = html.escape(_("Open version {version} of this page").format(version=version), quote=False)
    return (
        f"<!doctype html>\n<html lang=\"{html.escape(lang, quote=True)}\"><head><meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{title}</title>\n"
        f"<meta http-equiv=\"refresh\" content=\"0; url={url}\">\n<link rel=\"canonical\" href=\"{url}\">\n"
        f"</head><body><main><h1>{title}</h1>\n<p><a href=\"{url}\">{link}</a></p></main>\n"
        # Last, so that the page is whole (and readable) should the browser stay on it.
        f"<script>location.replace({script} + location.hash)</script>\n</body></html>\n"
    )
