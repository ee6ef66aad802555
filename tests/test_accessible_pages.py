"""Accessibility built into the pages' HTML: table headers and scroll boxes, fallback text marked
with its language, the pictures as text, and a palette whose every colour passes 4.5:1."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.build import build_project
from generator.site.tables import accessible_tables
from conftest import edit

CSS = Path(__file__).parent.parent / "generator/site/assets/curriculum.css"


def article(html_path: Path) -> str:
    return html_path.read_text(encoding="utf-8").split("<article", 1)[1].split("</article>", 1)[0]


# --- tables ----------------------------------------------------------------------------------

KEY_VALUE = ('<h2 id="k">About<a class="headerlink" href="#k">¶</a></h2><table><thead><tr><th></th><th></th></tr>'
             '</thead><tbody><tr><td><strong>Level</strong></td><td>A &amp; <em>B</em><br>c</td></tr></tbody></table>')


def test_a_key_value_table_loses_its_empty_header_row_and_its_keys_head_their_rows():
    assert accessible_tables(KEY_VALUE, "Page") == (
        '<h2 id="k">About<a class="headerlink" href="#k">¶</a></h2>'
        '<div class="cv-scroll" tabindex="0" role="region" aria-label="About"><table><tbody><tr>'
        '<th scope="row">Level</th><td>A &amp; <em>B</em><br>c</td></tr></tbody></table></div>')


def test_column_headers_get_a_scope_and_an_empty_corner_is_no_header():
    html = ('<table><caption>Hours</caption><thead><tr><th></th><th style="text-align: right">Total</th></tr>'
            '</thead><tbody><tr><td>a</td><td>1</td></tr></tbody></table>')
    out = accessible_tables(html, "Page")
    assert '<tr><td></td><th style="text-align: right" scope="col">Total</th></tr>' in out
    assert 'aria-label="Hours"' in out  # a caption names the box before any heading


def test_scroll_boxes_have_names_unique_on_the_page():
    table = "<table><thead><tr><th>x</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>"
    html = f"<h1>Book</h1><h2>M01</h2><h3>Plan</h3>{table}<h2>M02</h2><h3>Plan</h3>{table}{table}<p>{table}</p>"
    names = re.findall(r'aria-label="([^"]*)"', accessible_tables(html, "Book"))
    assert names == ["Plan", "M02: Plan", "Book: Plan", "Plan (2)"]


def test_a_page_without_a_table_is_left_as_it_is():
    html = "<p>Fish &amp; chips <br> <img alt=x src=a.png></p>"
    assert accessible_tables(html, "Page") == html


def test_attributes_from_content_are_not_trusted_after_the_sanitiser(mini_site: Path):
    # The sanitiser runs first: every tabindex and role on a page is one of our boxes.
    page = article(mini_site / "modules/m01/index.html")
    assert page.count('tabindex="0"') == page.count('class="cv-scroll"') == page.count('role="region"') >= 2
    assert "<thead>\n<tr>\n<th></th>" not in page and '<th scope="row">Level</th>' in page


# --- fallback text -----------------------------------------------------------------------------


def test_english_text_on_a_french_page_is_marked_as_english(mini_site: Path):
    page = article(mini_site / "fr/handouts/walk.html")  # no French translation
    title, rest = page.split("</h1>", 1)
    assert 'lang="en"' in title and "Gemba walk checklist" in title
    notice, body = rest.split('<div lang="en">', 1)
    assert "translation-notice" in notice  # the notice is French and stays outside
    assert "Waiting" in body
    assert 'lang="en"' not in article(mini_site / "es/handouts/walk.html")  # translated: nothing in English
    assert '<div lang="en">' not in article(mini_site / "handouts/walk.html")  # the original


def test_an_untranslated_module_body_is_marked_but_not_its_french_labels(mini_site: Path):
    page = article(mini_site / "fr/modules/m01/index.html")
    labels, body = page.split('<div lang="en">', 1)
    assert "Objectifs" in labels and "Waste is anything the customer does not pay for" in body
    handbook = article(mini_site / "fr/handbook/index.html")
    assert re.search(r'<h2 class="cv-chapter" id="material-handouts-walk" lang="en">', handbook), handbook[:0]


def test_untranslated_yaml_texts_are_marked_as_english_where_they_land(mini_site: Path):
    # vi translates m01's title and summary only; everything else of the curriculum is English.
    page = article(mini_site / "vi/modules/m01/index.html")
    title = page.split("</h1>", 1)[0]
    assert "Kiến thức cơ bản về Kaizen" in title and 'lang="en"' not in title  # translated
    marked = re.findall(r'<span lang="en">(.*?)</span>', page)
    assert marked == ["M02 · 5S and visual management",  # a link to the next module
                      "Explain the seven wastes with examples from a bakery.",  # an objective
                      "The seven wastes", "Gemba walk at a bakery",  # session titles in the table
                      "Gemba walk checklist"]  # the title of an English material page
    rubric = article(mini_site / "fr/rubrics/delivery/index.html")
    assert '<th scope="col">4 · <span lang="en">Expert</span></th>' in rubric  # a level label
    assert "<td><span lang=\"en\">A plan others reuse.</span></td>" in rubric  # a descriptor
    # A French sentence keeps its language; only the English label inside it is marked.
    assert "aucun critère ne peut être en dessous du niveau 2 (<span lang=\"en\">Developing</span>)." in rubric
    sheet = article(mini_site / "fr/rubrics/delivery/sheet.html")
    assert re.search(r'<h1 id="[^"]+">Fiche de notation : <span lang="en">Training delivery</span><a', sheet)
    programme = article(mini_site / "fr/programme/index.html")
    assert '<p><span lang="en">A two-module programme used by the tests.</span></p>' in programme  # a paragraph
    assert "<td><span lang=\"en\">Classroom block</span></td>" in programme  # a phase, in the picture's text
    schedule = article(mini_site / "fr/schedules/cohort-1/index.html")
    assert "<td><span lang=\"en\">San Salvador</span></td>" in schedule


def test_translated_and_original_texts_are_not_marked(mini_site: Path):
    for name in ("modules/m01/index.html", "programme/index.html", "rubrics/delivery/index.html",
                 "rubrics/delivery/sheet.html", "schedules/cohort-1/index.html"):
        assert 'lang="en"' not in article(mini_site / name), name  # the English site
    spanish = article(mini_site / "es/modules/m02/index.html")  # m02 is translated into Spanish
    assert re.findall(r'<span lang="en">(.*?)</span>', spanish) == ["M01 · Kaizen basics"]  # its prerequisite


def test_a_marked_text_is_escaped_as_before(mini: Path, tmp_path: Path):
    hostile = 'Waste <img src=x onerror=alert(1)> & "quotes" </span><script>alert(2)</script>'
    edit(mini / "curriculum/modules/m01.yaml", "title: The seven wastes", f"title: '{hostile}'")
    edit(mini / "curriculum/programme.yaml", "summary: A two-module programme used by the tests.",
         f"summary: '{hostile}'")
    outcome = build_project(mini, tmp_path / "site")
    assert outcome.built, [p.text() for p in outcome.problems]
    module = article(tmp_path / "site/fr/modules/m01/index.html")
    assert ('<span lang="en">Waste &lt;img src=x onerror=alert(1)&gt; &amp; "quotes" &lt;/span&gt;&lt;script&gt;'
            "alert(2)&lt;/script&gt;</span>") in module
    programme = article(tmp_path / "site/fr/programme/index.html")
    assert '<p><span lang="en">Waste &lt;img src=x onerror=alert(1)&gt; &amp; "quotes" &lt;/span&gt;' in programme
    for page in (module, programme):
        assert "<script" not in page and "<img src=x" not in page


# --- pictures ----------------------------------------------------------------------------------


def test_each_picture_has_a_table_with_the_same_facts(mini_site: Path):
    page = article(mini_site / "programme/index.html")
    assert page.count('href="#prerequisites-as-text"') == 1 and page.count('href="#phases-cohort-1-as-text"') == 1
    prerequisites = page.split('id="prerequisites-as-text"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>\n(.*?)</tr>", prerequisites, re.S)
    assert [re.sub(r"<[^>]+>", "", r).split() for r in rows][1:] == [
        ["M01", "·", "Kaizen", "basics", "Foundation", "None"],
        ["M02", "·", "5S", "and", "visual", "management", "Foundation", "M01", "·", "Kaizen", "basics"]]
    schedule = article(mini_site / "es/schedules/cohort-1/index.html")
    phases = schedule.split('id="phases-cohort-1-as-text"', 1)[1].split("</table>", 1)[0]
    cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td>(.*?)</td>", phases)]
    assert cells[:3] == ["Bloque en aula", "2 de febrero de 2026", "3 de febrero de 2026"]
    assert cells[3] != "" and cells[-1].endswith("2026")


# --- colours -----------------------------------------------------------------------------------


def luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def theme_colours(kind: str) -> dict[str, str]:
    """Material's own colour for each palette name (primary or accent) it knows."""
    material = pytest.importorskip("material")
    css = next((Path(material.__file__).parent / "templates/assets/stylesheets").glob("palette.*.min.css"))
    found = re.findall(rf"\[data-md-color-{kind}=([a-z-]+)\]\{{--md-{kind}-fg-color:([^;}}]+)",
                       css.read_text(encoding="utf-8"))
    return dict(found)


def ours(pattern: str) -> dict[str, str]:
    return dict(re.findall(pattern, CSS.read_text(encoding="utf-8")))


def test_every_primary_colour_gives_links_and_the_header_at_least_4_5_to_1():
    theme = theme_colours("primary")
    assert len(theme) >= 21 and theme["teal"] == "#009485"
    theme = {k: v for k, v in theme.items() if k not in ("white", "black")}  # header in the text colour
    header = ours(r'\[data-md-color-primary="([a-z-]+)"\] \{ --md-primary-fg-color: (#[0-9a-f]{6}); \}')
    links = ours(r'\[data-md-color-scheme="default"\]\[data-md-color-primary="([a-z-]+)"\] '
                 r'\{ --md-typeset-a-color: (#[0-9a-f]{6}); \}')
    assert contrast(theme["teal"], "#ffffff") < 4.5  # what the theme alone gives
    for name, colour in theme.items():
        if name in links:  # a light colour: dark header text, darker links
            assert contrast(links[name], "#ffffff") >= 4.5, name
            assert contrast(colour, "#000000") >= 4.5, name
        else:  # white header text on the colour, and links in the colour
            assert contrast(header.get(name, colour), "#ffffff") >= 4.5, name


def test_every_accent_colour_on_white_is_at_least_4_5_to_1():
    theme = theme_colours("accent")
    assert len(theme) >= 16 and theme["yellow"].startswith("hsl")  # not every one is written in hex
    accents = ours(r'\[data-md-color-scheme="default"\]\[data-md-color-accent="([a-z-]+)"\] '
                   r'\{ --md-accent-fg-color: (#[0-9a-f]{6});')
    for name, colour in theme.items():
        assert contrast(accents.get(name, colour), "#ffffff") >= 4.5, name


def test_tables_found_by_parts_get_what_a_parse_of_the_whole_page_gives():
    from generator.site import tables

    page = ('<h1 id="t">Title</h1><p>Intro &amp; more</p><details><summary>S</summary><h2>Plan</h2>'
            '<table><thead><tr><th></th><th></th></tr></thead><tbody><tr><td><strong>Level</strong></td>'
            '<td>Foundation<table><tr><th>inner</th></tr></table></td></tr></tbody></table></details>'
            '<h3>Sessions <a class="headerlink" href="#s">¶</a></h3><div><table><caption>Hours</caption>'
            '<thead><tr><th>Method</th><th>Minutes</th></tr></thead><tbody><tr><th>lecture</th><td>90</td></tr>'
            '</tbody></table></div><h2>Plan</h2><table><tr><td>again</td></tr></table>')
    whole = tables._parse(page)
    tables._wrap_tables(whole, tables.BoxNames("Page"))
    expected = "".join(c if isinstance(c, str) else c.html() for c in whole.children)
    assert tables._IN_ATTRIBUTE.search(page) is None
    assert tables.accessible_tables(page, "Page") == expected
    assert 'aria-label="Title: Plan"' in expected and 'aria-label="Hours"' in expected and 'scope="row"' in expected
    # A '<' inside an attribute value: the whole page is parsed, as before.
    tricky = page.replace('<p>Intro', '<p title="a </table> b">Intro')
    assert tables._IN_ATTRIBUTE.search(tricky) is not None
    assert 'title="a </table> b"' in tables.accessible_tables(tricky, "Page")


@pytest.mark.parametrize("title", ['A "quoted" title', "back\\slash", "Módulo 1 · Ñandú", "# hash: colon", "it's", "",
                                   "😀 emoji", "{{ x }}", "- dash", "null", "yes", "1.0", "&amp; <b>", "*star", "x\u00a0y",
                                   "tab\there", "line\nbreak"])
def test_a_pages_title_reads_back_from_its_front_matter_as_it_was(title: str):
    import html

    import yaml

    from generator.render import _front_matter

    assert yaml.safe_load(_front_matter({"title": title}).split("---")[1]) == {"title": html.escape(title, quote=False)}


# The Markdown of a page, converted with our extensions, whose tables the tree path (`tables_md`)
# handles: every case that `accessible_tables` handles on HTML, with raw HTML and entities in
# headings and cells, a permalink sign, and a table before any heading (named after the page).
TREE_PAGE = """| | |
|---|---|
| **Level** | Foundation |
| **Hours** | **6 h**: 2 h · 4 h |

# Fish &amp; <span class="x">chips</span> \\*1

<div class="cv-session-plan" markdown>

| | Time | Minutes |
|--:|---|--:|
| <span class="cv-anchor" id="s1"></span>1 | 0:00 | 90 |

</div>

## Plan

| Method | Minutes |
|---|--:|
| lecture | 90 |

| Method | Minutes |
|---|--:|
| lecture | 90 |

!!! note "Inside"
    ## Plan

    | <span></span> | |
    |---|---|
    | **a** b | **c** |
"""


def _page_html(markdown_text: str, tree: bool) -> str:
    """A page's content as MkDocs' plugin hands it on: Markdown with our extensions, then the sanitiser."""
    import markdown

    from generator.site.config import MARKDOWN_EXTENSIONS
    from generator.site.sanitize import clean

    names = [e if isinstance(e, str) else next(iter(e)) for e in MARKDOWN_EXTENSIONS]
    configs = {k: v for e in MARKDOWN_EXTENSIONS if isinstance(e, dict) for k, v in e.items()}
    if not tree:
        names.remove("generator.site.tables_md")
    return accessible_tables(clean(markdown.markdown(markdown_text, extensions=names, extension_configs=configs)),
                             "Page")


def test_tables_made_on_the_markdown_tree_are_those_made_on_the_html():
    from generator.site.tables import BOX_CLASS

    by_tree, by_html = _page_html(TREE_PAGE, tree=True), _page_html(TREE_PAGE, tree=False)
    # Markdown writes attributes in alphabetical order, the HTML path appends `scope` after them.
    assert re.sub(r'<th scope="(\w+)" style="([^"]*)"', r'<th style="\2" scope="\1"', by_tree) == by_html
    assert by_tree != by_html  # the tree path did the work (only it writes `scope` first)...
    assert BOX_CLASS not in by_tree and '" title="[' not in by_tree  # ...and left no mark
    assert re.findall(r'aria-label="([^"]*)"', by_tree) == [
        "Page", "Fish &amp; chips *1", "Plan", "Fish &amp; chips *1: Plan", "Plan (2)"]
    assert by_tree.count('<th scope="row">') == 3 and by_tree.count('role="region"') == 5
    assert '<th scope="row">Level</th>' in by_tree and "<td><strong>a</strong> b</td>" in by_tree


def test_a_page_whose_raw_html_holds_a_table_is_made_accessible_on_its_html():
    text = "## Plan\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<table><tr><th>x</th></tr></table>\n"
    by_tree = _page_html(text, tree=True)
    assert by_tree == _page_html(text, tree=False)  # the HTML path did it all, attributes in its order
    assert re.findall(r'aria-label="([^"]*)"', by_tree) == ["Plan", "Plan (2)"]


def test_content_cannot_make_a_box_of_its_own():
    # Content that copies the mark's form, without the process' secret, is a plain division.
    forged = '<div class="cv-scroll cv-box-0123456789abcdef" title="[&quot;x&quot;]"></div>\n\n| a |\n|---|\n| 1 |\n'
    out = _page_html(forged, tree=True)
    assert out.count('role="region"') == 1 and 'aria-label="Page"' in out and "cv-box-0123456789abcdef" in out
