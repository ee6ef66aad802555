"""The one MkDocs plugin we register: it sanitises every page's HTML (see `sanitize`), then makes
its tables accessible (see `tables`), and drops the indentation that the theme's templates leave
between tags.

It uses only the documented plugin events `on_page_content` and `on_post_page`, so that it
survives MkDocs' successors that keep the plugin API.
"""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import BasePlugin

from generator.site.sanitize import clean, squeeze
from generator.site.tables import accessible_tables


class SanitizePlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    def on_page_content(self, html: str, **kwargs: Any) -> str:
        page = kwargs.get("page")
        return accessible_tables(clean(html), str(getattr(page, "title", "") or ""))

    def on_post_page(self, output: str, **kwargs: Any) -> str:
        return squeeze(output)
