"""The theme overrides: the render-once caches change no byte, and the copied partials are
Material's own with only the change each names.

overrides/main.html renders the navigation, tabs, head and scripts once per folder for the
pages out of the navigation, overrides/light.html everything but the page's own lines (both
with partials/cached.html), and partials/search.html renders the search box once per build; the site must be the same as when every page renders its own. The two partials copied
from Material must follow the installed Material, so a newer Material's fixes are not lost
under an old copy.
"""
from __future__ import annotations

import re
from pathlib import Path

import material

from conftest import ROOT, build, make_project

MATERIAL_PARTIALS = Path(material.__file__).parent / "templates" / "partials"
GENERATED_HEADER = "{#-\n  This file was automatically generated - do not edit\n-#}\n"


def without_caches(project: Path):
    """Every cached block rendered afresh on every page, as Material does."""
    cached = project / "overrides" / "partials" / "cached.html"
    text = cached.read_text(encoding="utf-8")
    body = re.search(r"\{%- macro cached\(name, page, html_fn\) -%\}(.*?)\{%- endmacro -%\}", text, re.S)
    assert body, "overrides/partials/cached.html has no `cached` macro: update this test"
    cached.write_text(text.replace(body.group(1), "{{- html_fn() -}}"), encoding="utf-8")
    search = project / "overrides" / "partials" / "search.html"
    text = search.read_text(encoding="utf-8")
    cache = '{%- if "search" not in block_cache -%}{%- set _ = block_cache.update({"search": search_box()}) -%}{%- endif -%}\n{{- block_cache["search"] -}}'
    assert cache in text, "partials/search.html no longer caches the search box: update this test"
    search.write_text(text.replace(cache, "{{- search_box() -}}"), encoding="utf-8")


def pages(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*.html"))}


def test_the_render_once_caches_change_no_byte_of_the_site(tmp_path):
    cached = build(make_project(tmp_path / "cached"), site=tmp_path / "cached-site")
    assert cached.ok, cached.output
    fresh_project = make_project(tmp_path / "fresh")
    without_caches(fresh_project)
    fresh = build(fresh_project, site=tmp_path / "fresh-site")
    assert fresh.ok, fresh.output
    a, b = pages(cached.site), pages(fresh.site)
    assert a.keys() == b.keys()
    differ = [name for name in a if a[name] != b[name]]
    assert differ == [], f"{len(differ)} pages differ with the caches, e.g. {differ[:5]}"
    # pages out of the navigation in several folders, where a wrong key would show
    assert {name.split("/")[0] for name in a if name.count("/") >= 2} >= {"awards", "tenders", "funding"}


def material_partial(name: str) -> str:
    text = (MATERIAL_PARTIALS / name).read_text(encoding="utf-8")
    assert text.startswith(GENERATED_HEADER), f"Material's {name} has a new header: update this test"
    return text.removeprefix(GENERATED_HEADER)


def ours(name: str) -> tuple[str, str]:
    """Our copy's first line (what it says it changed) and the rest."""
    first, rest = (ROOT / "overrides" / "partials" / name).read_text(encoding="utf-8").split("\n", 1)
    return first, rest


def test_the_copied_nav_item_partial_is_materials_without_empty_tabindex():
    first, rest = ours("nav-item.html")
    assert "only change: no empty tabindex" in first
    theirs = material_partial("nav-item.html")
    assert theirs.count(' tabindex="{{ tabindex }}"') == 2
    assert rest == theirs.replace(' tabindex="{{ tabindex }}"', '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}')


def test_the_copied_search_partial_is_materials_with_a_named_dialog_made_once():
    first, rest = ours("search.html")
    assert "only change: the dialog has an accessible name" in first
    theirs = material_partial("search.html")
    dialog = '<div class="md-search" data-md-component="search" role="dialog">'
    assert theirs.startswith(dialog)
    named = theirs.replace(dialog, '<div class="md-search" data-md-component="search" role="dialog" '
                                   'aria-label="{{ lang.t(\'search\') }}">', 1)
    made_once = rest.split("\n", 1)[1]  # after the line saying it is made once
    # made once when the hook gives a block_cache (MkDocs, ProperDocs); each time where none is (Zensical)
    assert made_once == ("{%- macro search_box() -%}\n" + named + "{%- endmacro -%}\n"
                         "{%- if block_cache is not defined -%}{{- search_box() -}}{%- else -%}\n"
                         '{%- if "search" not in block_cache -%}{%- set _ = block_cache.update({"search": search_box()}) -%}{%- endif -%}\n'
                         '{{- block_cache["search"] -}}\n'
                         "{%- endif -%}\n")


def test_the_copied_copyright_partial_is_materials_with_the_contact_line_inside_the_footer():
    first, rest = ours("copyright.html")
    assert "only change: the office's contact line after it" in first
    theirs = material_partial("copyright.html")
    assert theirs.endswith("</div>\n")
    ours_without, contact = rest.rsplit('  {%- set organisation = config.extra.organisation %}\n  <p class="site-contact">', 1)
    assert ours_without + "</div>\n" == theirs and contact.endswith("</p>\n</div>\n")


def test_the_copied_tabs_item_partial_is_materials_with_the_current_tab_for_pages_out_of_the_nav():
    first, rest = ours("tabs-item.html")
    assert "only changes: a page out of the navigation" in first
    theirs = material_partial("tabs-item.html")
    expected = theirs.replace("  {% if ref.active %}\n", "  {% set current = ref.active or (tab_holds is defined and tab_holds(ref, page)) %}\n  {% if current %}\n")
    for url in ("first.url", "nav_item.url"):
        expected = expected.replace(
            f'<a href="{{{{ {url} | url }}}}" class="md-tabs__link">',
            f'<a href="{{{{ {url} | url }}}}" class="md-tabs__link"{{% if current %}} aria-current="{{{{ \'page\' if {url} == page.url else \'true\' }}}}"{{% endif %}}>')
    assert rest == expected
