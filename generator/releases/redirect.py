"""Pages that lead elsewhere: the roots of a published site, its `latest/` alias, a bundle's root."""

from __future__ import annotations

import html
import json


def redirect_page(target: str) -> str:
    """A page that leads to `target` (relative), over http and from file://, keeping the #anchor."""
    url = html.escape(target, quote=True)
    # A file name is content: in the script it stays a string, and "</script>" cannot end it.
    script = json.dumps(target).replace("<", "\\u003c").replace(">", "\\u003e")
    return (
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Redirecting</title>\n"
        f"<meta http-equiv=\"refresh\" content=\"0; url={url}\">\n<link rel=\"canonical\" href=\"{url}\">\n"
        f"<script>location.replace({script} + location.hash)</script>\n"
        f"</head><body><a href=\"{url}\">{url}</a></body></html>\n"
    )
