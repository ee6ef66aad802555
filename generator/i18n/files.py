"""The translation files themselves: which source each translates, and writing into them.

`curriculum i18n mark`, `migrate` and `import` are the only commands that write under `content/`
and `curriculum/`. They write through here, changing only what they must (the `source_hashes:`
record, one translated text) so that translators' comments and layout stay byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.i18n.units import OLD_KEY, RECORD_KEY, list_record, yaml_record
from generator.source.load import LANG_SUFFIX

_FRONT_END = re.compile(r"^---[ \t]*\r?$", re.MULTILINE)


@dataclass(frozen=True)
class TranslationFile:
    path: str  # relative to the project, e.g. `curriculum/modules/m02.es.yaml`
    source: str  # the file it translates, e.g. `curriculum/modules/m02.yaml`
    lang: str

    @property
    def is_yaml(self) -> bool:
        return self.path.endswith(".yaml")


def parse(rel_path: str) -> TranslationFile | None:
    """The translation that `rel_path` names, or None if its name carries no language code."""
    folder, _, name = rel_path.rpartition("/")
    for ext in (".yaml", ".md"):
        if name.endswith(ext):
            match = LANG_SUFFIX.match(name[: -len(ext)])
            if match:
                source = f"{folder}/{match['stem']}{ext}" if folder else f"{match['stem']}{ext}"
                return TranslationFile(rel_path, source, match["lang"])
    return None


def find_root(start: Path) -> Path | None:
    """The project folder that holds `start`: the nearest one with curriculum/programme.yaml."""
    for folder in [start, *start.parents]:
        if (folder / "curriculum" / "programme.yaml").is_file():
            return folder
    return None


def read(path: Path) -> str:
    # newline="" keeps "\r\n" as it is, so that a file written back differs only where we edit it
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


class UnsafeTarget(ValueError):
    """A translation file that would be written through a symbolic link or outside its project."""


def write_inside(root: Path, rel: str, text: str) -> None:
    """Write `rel` under `root`, never through a symbolic link and never outside `root`."""
    target = root / rel
    here = root
    for part in Path(rel).parts:
        here = here / part
        if here.is_symlink():
            raise UnsafeTarget(f"{rel}: {here.relative_to(root).as_posix()} is a symbolic link; nothing is written through it")
    if root.resolve() not in target.resolve().parents:
        raise UnsafeTarget(f"{rel}: outside the project; not written")
    write(target, text)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(text)


def lf_edit(text: str, edit: Callable[[str], str]) -> str:
    """`edit` applied to `text` with "\n" line breaks; a file written with "\r\n" keeps them."""
    if "\r\n" not in text:
        return edit(text)
    return edit(text.replace("\r\n", "\n")).replace("\n", "\r\n")


def split_markdown(text: str) -> tuple[str | None, str]:
    """(front matter text without its fences, or None; everything after the closing fence line)."""
    if not text.startswith(("---\n", "---\r\n")):
        return None, text
    start = text.index("\n") + 1
    end = _FRONT_END.search(text, start)
    if end is None:
        return None, text
    after = end.end()
    if text[after : after + 1] == "\n":
        after += 1
    return text[start : end.start()], text[after:]


def _without_key(lf: str, key: str) -> str:
    """`lf` (YAML text) without the top-level `key:` and the indented or listed lines under it."""
    out: list[str] = []
    skipping = False
    for line in lf.splitlines(keepends=True):
        if re.match(rf"{re.escape(key)}\s*:", line):
            skipping = True
            continue
        if skipping and (line[:1] in (" ", "\t", "-") or not line.strip()):
            if line.strip():
                continue
            skipping = False
        skipping = False
        out.append(line)
    return "".join(out)


def _with_block(lf: str, block: str) -> str:
    body = _without_key(_without_key(lf, OLD_KEY), RECORD_KEY)
    if body and not body.endswith("\n"):
        body += "\n"
    return body + block


def with_yaml_record(text: str, record: dict[str, str]) -> str:
    """An overlay's text recording `record` (unit key -> source hash) at its end, instead of
    any `source_hash:` or `source_hashes:` it had; everything else stays byte for byte."""
    return lf_edit(text, lambda lf: _with_block(lf, yaml_record(record)))


def with_page_record(text: str, hashes: list[str], sources: list[str]) -> str:
    """A translated page recording one source hash per unit at the end of its front matter."""

    def edit(lf: str) -> str:
        front, rest = split_markdown(lf)
        block = list_record(hashes, sources)
        if front is None:
            return "---\n" + block + "---\n\n" + lf
        new_front = _with_block(front, block) if front.strip() else block
        return "---\n" + new_front + "---\n" + rest

    return lf_edit(text, edit)
