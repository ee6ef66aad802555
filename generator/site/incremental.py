"""What MkDocs must redo for one language, decided from the cache (see `cache` for the rules).

`plan` writes the language's docs folder, keeping unchanged files untouched, and says whether
MkDocs must run at all and whether a dirty build is enough. After MkDocs, `merge_index` completes
a dirty build's search index, and `Plan.finish` records what the site was built from.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.site.cache import SEARCH_INDEX, State, digest, merge_search_index, page_url, sync, write_search_index

_DOC_FILE = re.compile(r"Doc file '([^']+)'")
FULL_INDEX = "search_index.json"  # beside site/: the index of every page, as the last build left it


@dataclass
class Plan:
    folder: Path  # the language's cache folder: docs/, site/, state.json
    state: State  # what the site will have been built from
    previous: State | None  # what the cached site was built from, if it can be used
    written: set[str] = field(default_factory=set)  # docs files written (new or changed)
    dirty: bool = False  # MkDocs redoes only the pages written
    run: bool = True  # MkDocs must run at all
    held: bool = False  # changed pages were left for the next build (`first`)

    @property
    def redone(self) -> set[str]:
        return {page_url(name) for name in self.written if name.endswith(".md")}

    def warnings(self, new: list[str]) -> list[str]:
        """MkDocs' warnings for the whole site: a dirty build warns only about the pages it redid."""
        if not self.dirty and self.run:
            return new
        kept = []
        for warning in self.previous.warnings if self.previous else []:
            match = _DOC_FILE.search(warning)
            if match is None or match.group(1) not in self.written:
                kept.append(warning)
        return list(dict.fromkeys(kept + new))

    def finish(self, warnings: list[str]) -> None:
        if self.run and not self.dirty:
            shutil.copyfile(self.folder / "site" / SEARCH_INDEX, self.folder / FULL_INDEX)
        self.state.warnings = warnings
        self.state.save(self.folder / "state.json")


def plan(folder: Path, files: dict[str, bytes], config: dict[str, Any], fingerprint: str,
         first: str | None = None) -> Plan:
    """Write `files` into `folder`/docs and decide how MkDocs builds them into `folder`/site.

    `first` (a docs page) is the one page redone now if the cached site can take a dirty build:
    the other changed pages keep their last build, a complete site of the docs as they were,
    until the next build (serve's, a moment later).
    """
    folder.mkdir(parents=True, exist_ok=True)
    state_file = folder / "state.json"
    previous = State.load(state_file)
    # Until this build succeeds, the cached site matches no recorded state.
    state_file.unlink(missing_ok=True)
    config_text = yaml.safe_dump(config, allow_unicode=True, sort_keys=True)
    state = State(config=digest(config_text, fingerprint), files=sorted(files))
    usable = (previous is not None and previous.config == state.config and previous.files == state.files
              and (folder / "site" / SEARCH_INDEX).is_file() and (folder / FULL_INDEX).is_file())
    result = Plan(folder, state, previous if usable else None)
    held: set[str] = set()

    def hold(name: str) -> bool:  # called for the files that changed
        if name != first and name.endswith(".md"):
            held.add(name)
        return name in held

    result.written = sync(folder / "docs", files, hold if usable and first is not None else None)
    result.held = bool(held)
    result.dirty = usable
    result.run = not usable or bool(result.written)
    return result


def merge_index(plan: Plan) -> bool:
    """Complete the search index of a dirty build; False if it cannot be done (build afresh)."""
    site_index = plan.folder / "site" / SEARCH_INDEX
    merged = merge_search_index((plan.folder / FULL_INDEX).read_text(encoding="utf-8"),
                                site_index.read_text(encoding="utf-8"), plan.redone)
    if merged is None:
        return False
    write_search_index(plan.folder / "site", merged)
    (plan.folder / FULL_INDEX).write_text(merged, encoding="utf-8")
    return True
