"""The one MkDocs plugin we register: it sanitises every page's HTML (see `sanitize`), then makes
its tables accessible (see `tables`; most of that work is done before, on the Markdown tree, by
our Markdown extension `tables_md`), and drops the indentation that the theme's templates leave
between tags. It leaves out of the site the theme's search scripts that no page of its language
loads (`search_assets.unused_theme_file`). It also writes, beside the configuration file, the order
in which MkDocs visits the pages, which a build in parts needs to join its search indexes (see `shards`).

It uses only the documented plugin events `on_files`, `on_env`, `on_page_content` and `on_post_page`, so
that it survives MkDocs' successors that keep the plugin API.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.plugins import BasePlugin

from generator.render.renderer import KeptBytecode
from generator.site.sanitize import clean, squeeze

# The theme's compiled templates, kept while the process lives: serve's MkDocs worker builds
# again at every edit (a build in a process of its own starts with it empty).
_THEME_BYTECODE = KeptBytecode()
from generator.site.search_assets import unused_theme_file
from generator.site.tables import accessible_tables


class SanitizePlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    # The language of the site (our `mkdocs_config` sets it): which search scripts it needs.
    config_scheme = (("language", config_options.Type(str, default="")),)

    def on_files(self, files: Any, **kwargs: Any) -> Any:
        language = self.config.get("language")
        if language:
            for file in [f for f in files if unused_theme_file(f.src_uri, language)]:
                files.remove(file)
        config = kwargs.get("config")
        config_file = getattr(config, "config_file_path", None) if config is not None else None
        if config_file:
            order = [file.src_uri for file in files.documentation_pages()]
            target = Path(config_file)
            target.with_name(target.stem + ".pages.json").write_text(json.dumps(order), encoding="utf-8")
        return files

    def on_env(self, env: Any, **kwargs: Any) -> Any:
        env.bytecode_cache = _THEME_BYTECODE
        return env

    def on_page_content(self, html: str, **kwargs: Any) -> str:
        page = kwargs.get("page")
        return accessible_tables(clean(html), str(getattr(page, "title", "") or ""))

    def on_post_page(self, output: str, **kwargs: Any) -> str:
        return squeeze(output)
