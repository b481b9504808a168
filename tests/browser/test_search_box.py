"""The search box of the page chrome in a real browser: suggestions as one types from this server
only, operated with the keyboard (arrows, Enter, Escape) as an ARIA combobox, on an entity page,
the landing page and the query editor; without a choice, Enter submits to /search."""

from __future__ import annotations

import pytest


def _type(p, text: str) -> None:
    box = p.locator("#site-search")
    box.click()
    box.press_sequentially(text, delay=30)
    p.wait_for_selector("#site-search-list [role=option]", timeout=10_000)


@pytest.mark.parametrize("path", ["id/state/NOR", "", "sparql"])
def test_suggestions_are_chosen_with_the_keyboard(server, page, path):
    p = page.page
    p.goto(server.url + path)
    if path == "sparql":  # the editor takes the focus once it is ready; type after that
        p.wait_for_selector("body[data-ready=true]", timeout=30_000)
    _type(p, "Qalandar Idi")
    box = p.locator("#site-search")
    assert box.get_attribute("aria-expanded") == "true"
    first = p.locator("#site-search-list [role=option]").first
    assert "Idibek Kalandar" in first.inner_text() and "Person" in first.inner_text()
    box.press("ArrowDown")
    assert first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    box.press("Enter")
    p.wait_for_url(server.url + "id/person/idibek-kalandar", timeout=10_000)
    assert "Idibek Kalandar" in p.locator("h1").inner_text()
    outside = [u for u in page.requests if not u.startswith(server.url) and not u.startswith("data:")]
    assert outside == [], f"the search box called outside services: {outside}"
    assert not [e for e in page.errors if "Content Security Policy" in e], page.errors
    page.screenshot(f"search-box-{path.replace('/', '-') or 'landing'}")


def test_escape_closes_the_list_and_enter_searches(server, page):
    p = page.page
    p.goto(server.url + "id/state/ROU")
    _type(p, "Rumänien")
    box = p.locator("#site-search")
    box.press("Escape")
    assert p.locator("#site-search-list").is_hidden() and box.get_attribute("aria-expanded") == "false"
    box.press("Enter")
    p.wait_for_url("**/search?q=Rum%C3%A4nien", timeout=10_000)
    first = p.locator("ol.hits li a").first
    assert first.inner_text() == "Romania" and first.get_attribute("href").endswith("/id/state/ROU")
    assert p.locator("#site-search").input_value() == "Rumänien"


def test_an_entity_parameter_of_the_editor_suggests_entities_of_its_class(server, page):
    p = page.page
    p.goto(server.url + "sparql?saved=relations-of-a-state")
    p.wait_for_selector("body[data-ready=true]", timeout=30_000)
    field = p.locator('input[data-param="state"]')
    chosen = p.locator("#saved-query-params .chosen")
    p.wait_for_function("() => document.querySelector('#saved-query-params .chosen').textContent === 'Tajikistan'",
                        timeout=10_000)  # the default IRI is shown with its label
    field.fill("")
    field.press_sequentially("Rumän", delay=30)
    options = p.locator("#saved-query-params [role=option]")
    options.first.wait_for(timeout=10_000)
    kinds = options.locator(".kind").all_inner_texts()
    assert kinds and all(k.startswith("State") for k in kinds), kinds  # restricted to the class
    field.press("ArrowDown")
    field.press("Enter")
    assert field.input_value() == "https://w3id.org/diplokg/id/state/ROU"
    p.wait_for_function("() => document.querySelector('#saved-query-params .chosen').textContent === 'Romania'",
                        timeout=10_000)
    assert chosen.inner_text() == "Romania"
    page.screenshot("editor-entity-parameter")
    outside = [u for u in page.requests if not u.startswith(server.url) and not u.startswith("data:")]
    assert outside == [], outside
