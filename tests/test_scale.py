"""What keeps large programmes fast: grouped navigation, a handbook in parts, plain text without a parser."""

from __future__ import annotations

import html
import posixpath
import re
import sys
from pathlib import Path

import nh3
from hypothesis import given
from hypothesis import strategies as st

from generator.render import render
from generator.render import text as text_module
from generator.render.text import plain
from generator.site.config import mkdocs_config
from generator.source.load import load

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from synthetic import generate  # noqa: E402


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_plain_text_is_what_the_markdown_parser_gives(value: str):
    parsed = text_module._markdown().reset().convert(value)
    assert plain(value) == " ".join(html.unescape(nh3.clean(parsed, tags=set())).split())


def test_a_large_programme_has_grouped_navigation_and_a_handbook_in_parts(tmp_path: Path):
    cur, problems = load(generate(tmp_path / "p", 60, ["en", "es"]))
    assert problems == []
    out = render(cur, "es", stamp=0)
    modules = next(item for item in out.nav if item.title == "Módulos")
    assert [group.title for group in modules.children] == ["Módulos 1–25", "Módulos 26–50", "Módulos 51–60"]
    assert [len(group.children) for group in modules.children] == [25, 25, 10]
    parts = sorted(name for name in out.pages if name.startswith("handbook/part-"))
    assert parts == ["handbook/part-1/index.md", "handbook/part-2/index.md", "handbook/part-3/index.md"]
    first_part = out.pages["handbook/part-1/index.md"]
    assert "{ #module-m0025 .cv-chapter }" in first_part and "{ #module-m0026 " not in first_part
    # A link from a module in one part to a module in another leads to its chapter in that part.
    second = out.pages["handbook/part-2/index.md"]
    assert "](../part-1/index.md#module-m0025)" in second
    for target in re.findall(r"\]\((\.\./part-\d+/index\.md)#", second):
        assert posixpath.normpath(posixpath.join("handbook/part-2", target)) in out.pages
    # The first page links to every part and lists every module at its chapter.
    first = out.pages["handbook/index.md"]
    assert "(part-3/index.md)" in first and "(part-3/index.md#module-m0060)" in first


def test_pages_carry_only_the_navigation_they_show():
    config = mkdocs_config({"site_name": "x"}, "en", ["en"], Path("d"), Path("s"), [], "x")
    assert "navigation.prune" in config["theme"]["features"]
    config = mkdocs_config({"site_name": "x", "theme": {"features": ["navigation.expand"]}}, "en", ["en"],
                           Path("d"), Path("s"), [], "x")
    assert config["theme"]["features"] == ["navigation.expand"]  # prune and expand exclude each other


def test_pages_lose_their_indentation_but_not_their_preformatted_text(mini_site: Path):
    from generator.site.sanitize import squeeze

    assert squeeze("<ul>\n    <li>a</li>\n    <li>b</li>\n</ul>") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"
    kept = "<pre><code>a\n    b\n</code></pre><script>\n  var x;\n</script><textarea>\n  t</textarea>"
    assert squeeze(kept) == kept
    assert squeeze("<a>x</a> <a>y</a>") == "<a>x</a> <a>y</a>"  # a space between words stays
    page = (mini_site / "modules/m01/index.html").read_text(encoding="utf-8")
    outside = re.sub(r"<(pre|script|style|textarea)\b.*?</\1>", "", page, flags=re.S)
    assert re.search(r">\n[ \t]+<", outside) is None
