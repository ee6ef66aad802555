"""Placeholders in content: what is accepted, what is refused and where, and how a profile fills them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import edit, run_cli
from generator.build import build_project, check_project
from generator.render.profile import Filler
from generator.source.placeholders import scan
from generator.source.profile import Country

SV = """\
code: sv
name: El Salvador
locales: {es: es-SV}
agency: {name: Comisión Nacional de la Micro y Pequeña Empresa, short: CONAMYPE}
centres: {name: Centros de Desarrollo de la Micro y Pequeña Empresa, short: CDMYPE, count: 14}
thresholds: {micro: {workers: 10}, small: {min_workers: 11, workers: 50}, source: Ley MYPE}
currency: {code: USD, symbol: $, format: {en: "{symbol}{amount}", fr: "{amount} {symbol}"}}
terms: {mse: {en: MSE, es: MYPE}}
theme: {primary: teal, accent: deep-orange, footer: CONAMYPE and partners}
"""

HN = """\
code: hn
name: Honduras
locales: {es: es-HN}
agency: {name: Servicio Nacional de Emprendimiento y Pequeños Negocios, short: SENPRENDE}
centres: {name: Centros de Desarrollo Empresarial, short: CDE MIPYME, count: 11}
thresholds: {micro: {workers: 10}, small: {min_workers: 11, workers: 50}, source: Ley MIPYME}
currency:
  code: HNL
  symbol: L
  format: "{symbol} {amount}"
  rates: {USD: {rate: 26.2, date: 2025-11-28, source: Banco Central de Honduras}}
terms: {mse: {en: MSME, es: MIPYME}}
theme: {logo: assets/logo.svg, primary: blue, accent: cyan, footer: SENPRENDE and partners}
"""


def with_profiles(mini: Path) -> Path:
    (mini / "curriculum/countries").mkdir()
    (mini / "curriculum/countries/sv.yaml").write_text(SV, encoding="utf-8")
    (mini / "curriculum/countries/hn.yaml").write_text(HN, encoding="utf-8")
    (mini / "content/assets").mkdir(exist_ok=True)
    (mini / "content/assets/logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    edit(mini / "curriculum/programme.yaml", "modules: [m01, m02]", "modules: [m01, m02]\ncountry: sv")
    return mini


def problems_of(root: Path) -> list[str]:
    _cur, _config, problems = check_project(root)
    return [p.text() for p in problems]


# --- scanning --------------------------------------------------------------------------------


def test_lookups_amounts_and_literals_are_accepted_with_their_parts():
    found, flaws = scan('A {{ country.agency.short }}, {{ terms.mse | lower }}, {{ 26.00 | money("USD") }} {{ "{{" }}')
    assert flaws == []
    assert [(p.kind, p.name, p.filters, p.amount, p.currency, p.literal) for p in found] == [
        ("lookup", ("country", "agency", "short"), (), "", "", ""),
        ("lookup", ("terms", "mse"), ("lower",), "", "", ""),
        ("money", (), (), "26.00", "USD", ""),  # the decimals as written
        ("literal", (), (), "", "", "{{"),
    ]


@pytest.mark.parametrize("text, code, words", [
    ("{{ country.__class__ }}", "placeholder-not-allowed", "names starting with _"),
    ("{{ country.agency.short() }}", "placeholder-not-allowed", "a call"),
    ("{{ cycler.__init__.__globals__ }}", "placeholder-not-allowed", "'cycler' is not a placeholder"),
    ("{{ country['agency'] }}", "placeholder-not-allowed", "a subscript"),
    ("{{ 1 + 2 }}", "placeholder-not-allowed", "arithmetic"),
    ("{{ terms.mse | attr('x') }}", "placeholder-not-allowed", "the filter 'attr' is not allowed"),
    ('{{ "1500" | money("USD") }}', "placeholder-not-allowed", "an amount is written"),
    ('{{ 1500 | money("dollars") }}', "placeholder-not-allowed", "not a currency code"),
    ("{% for x in terms %}{{ x }}{% endfor %}", "placeholder-not-allowed", "statements"),
    ("{# note #}", "placeholder-not-allowed", "comments"),
    ("{{ country.agency.short", "placeholder-syntax", "without a closing }}"),
    ("{{ country. }}", "placeholder-syntax", "cannot be read"),
])
def test_anything_but_a_plain_lookup_is_refused(text: str, code: str, words: str):
    found, flaws = scan("Intro line\nSee " + text + " here")
    assert found == [] or code == "placeholder-not-allowed"
    assert flaws[0].code == code and words in flaws[0].message
    assert (flaws[0].line, flaws[0].column) == (2, 5)


def test_code_is_left_as_it_is():
    text = "Write `{{ x.__class__ }}` inline.\n\n```jinja\n{% for x in y %}{{ x() }}{% endfor %}\n```\n\n{{ terms.mse }}"
    found, flaws = scan(text)
    assert flaws == []
    assert [(p.line, p.name) for p in found] == [(7, ("terms", "mse"))]


# --- check -----------------------------------------------------------------------------------


def test_check_names_each_refused_or_unknown_placeholder_at_its_line_and_column(mini: Path):
    with_profiles(mini)
    edit(mini / "content/modules/m01.md", "## Key points\n", "## Key points" + "\nOwned by {{ country.agency.__class__ }} and {{ country.agency.boss }}.\n")
    edit(mini / "curriculum/modules/m02.yaml", "title: 5S", "title: Visits {{ terms.nope }} 5S")
    found = problems_of(mini)
    body_line = 2  # m01.md has no front matter
    assert f"content/modules/m01.md:{body_line}:10: error: {{{{ country.agency.__class__ }}}}: '__class__' is not " \
           "allowed: names starting with _ are never looked up [placeholder-not-allowed]" in found
    assert any(p.startswith(f"content/modules/m01.md:{body_line}:45: error: {{{{ country.agency.boss }}}}: the profile "
                            "curriculum/countries/hn.yaml has no 'country.agency.boss'; it has: ") for p in found)
    assert "curriculum/modules/m02.yaml:2:15: error: {{ terms.nope }}: the profile curriculum/countries/sv.yaml has " \
           "no 'terms.nope'; it has: mse [unknown-placeholder]" in found


def test_an_amount_in_a_currency_without_a_rate_is_an_error_for_that_profile(mini: Path):
    with_profiles(mini)
    edit(mini / "content/modules/m01.md", "## Key points\n", "## Key points" + '\nA kit costs {{ 12.50 | money("EUR") }}.\n')
    found = [p for p in problems_of(mini) if "[missing-rate]" in p]
    assert [p.split(": error: ")[0] for p in found] == ["content/modules/m01.md:2:13", "content/modules/m01.md:2:13"]
    assert "curriculum/countries/hn.yaml shows HNL and states no rate for EUR" in found[0]


def test_a_programme_naming_a_missing_profile_is_an_error(mini: Path):
    with_profiles(mini)
    edit(mini / "curriculum/programme.yaml", "country: sv", "country: gt")
    assert any(p.startswith("curriculum/programme.yaml:") and "[unknown-country]" in p and "hn, sv" in p
               for p in problems_of(mini))


# --- filling ---------------------------------------------------------------------------------


def profile(text: str) -> Country:
    import yaml

    return Country.model_validate(yaml.safe_load(text), strict=False)


def test_amounts_keep_their_decimals_follow_the_locale_and_convert_at_the_stated_rate():
    sv_en = Filler(profile(SV), "en", "en", "en")
    sv_fr = Filler(profile(SV), "fr", "en", "fr")
    hn_es = Filler(profile(HN), "es", "en", "es-HN")
    text = '{{ 2246.40 | money("USD") }} / {{ 35 | money("USD") }} / {{ 0.075 | money("USD") }}'
    assert sv_en.fill(text) == "$2,246.40 / $35 / $0.075"
    assert sv_fr.fill('{{ 0.07 | money("USD") }}') == "0,07 $"
    assert hn_es.fill(text) == "L 58,855.68 / L 917 / L 1.965"
    assert {(c.source, c.target, c.rate, c.date) for c in hn_es.conversions} == {("USD", "HNL", 26.2, "2025-11-28")}
    assert sv_en.conversions == set()


def test_lookups_are_filled_in_the_language_of_their_text():
    sv = profile(SV)
    text = "{{ country.agency.short }} serves {{ terms.mse }}s ({{ terms.mse | lower }})"
    assert Filler(sv, "en", "en", "en").fill(text) == "CONAMYPE serves MSEs (mse)"
    assert Filler(sv, "es", "en", "es-SV").fill(text) == "CONAMYPE serves MYPEs (mype)"
    assert Filler(sv, "vi", "en", "vi").fill(text) == "CONAMYPE serves MSEs (mse)"  # no Vietnamese term: English


def test_the_site_takes_names_terms_amounts_theme_from_the_chosen_profile(mini: Path, tmp_path: Path):
    with_profiles(mini)
    edit(mini / "content/modules/m01.md", "## Key points\n", "## Key points" + '\n{{ country.agency.short }} pays {{ 100 | money("USD") }} for {{ terms.mse }}s.\n')
    edit(mini / "content/modules/m02.es.md", "---\n## ", "---\nLa {{ country.agency.short }} apoya a las {{ terms.mse }}.\n\n## ")
    run_cli("i18n", "mark", str(mini / "content/modules/m02.es.md"), "--project", str(mini))
    status_before = json.loads(run_cli("i18n", "status", str(mini), "--format", "json").out)
    sv = build_project(mini, tmp_path / "sv")
    hn = build_project(mini, tmp_path / "hn", country="hn")
    assert sv.built and hn.built, [p.text() for p in sv.problems + hn.problems]
    sv_page = (tmp_path / "sv/modules/m01/index.html").read_text(encoding="utf-8")
    hn_page = (tmp_path / "hn/modules/m01/index.html").read_text(encoding="utf-8")
    assert "CONAMYPE pays $100 for MSEs." in sv_page
    assert "SENPRENDE pays L 2,620 for MSMEs." in hn_page
    assert "converted at 26.2 HNL per USD (rate of 2025-11-28)" in hn_page and "converted at" not in sv_page
    assert "La SENPRENDE apoya a las MIPYME." in (tmp_path / "hn/es/modules/m02/index.html").read_text(encoding="utf-8")
    assert 'data-md-color-primary="teal"' in sv_page and 'data-md-color-primary="blue"' in hn_page
    assert "assets/logo.svg" in hn_page and "assets/logo.svg" not in sv_page
    assert "SENPRENDE and partners" in hn_page and "CONAMYPE and partners" in sv_page
    # The profile is not a source: switching it leaves every translation as current as it was.
    (mini / "curriculum/countries/sv.yaml").write_text(SV.replace("CONAMYPE", "CONAMYPE-2"), encoding="utf-8")
    assert json.loads(run_cli("i18n", "status", str(mini), "--format", "json").out) == status_before


def test_an_unknown_country_on_the_command_line_is_a_usage_error(mini: Path, tmp_path: Path):
    with_profiles(mini)
    run = run_cli("build", str(mini), "--out", str(tmp_path / "site"), "--country", "gt")
    assert run.code == 2
    assert "no readable country profile curriculum/countries/gt.yaml (profiles: hn, sv)" in run.err
    assert not (tmp_path / "site").exists()


def test_a_logo_must_be_a_file_of_the_project_never_an_address(mini: Path):
    with_profiles(mini)
    (mini / "content/assets/logo.svg").unlink()
    assert "curriculum/countries/hn.yaml:1:1: error: the logo assets/logo.svg is not a file under content/; add it " \
           "or fix the path [missing-logo]" in problems_of(mini)
    edit(mini / "curriculum/countries/hn.yaml", "logo: assets/logo.svg", "logo: https://example.org/logo.png")
    # Refused by the profile's shape: a logo from another host would be a request the site must not make.
    assert [p.split(": error: ")[0] for p in problems_of(mini) if "hn.yaml" in p] == ["curriculum/countries/hn.yaml:13:15"]
