"""In a real browser: the ontology documentation's table of contents leads to the classes and to
one class, whose section shows its labels; the page loads nothing from elsewhere and runs no script."""

from __future__ import annotations

from support.cli_runner import REPO

ARTIFACTS = REPO / "test-artifacts"  # as in conftest; the page is long, so only the viewport is saved


def test_contents_lead_to_a_class(server, page):
    p = page.page
    p.goto(server.url + "ontology")
    p.locator("nav.toc a[href='#section-classes']").click()
    assert p.url == server.url + "ontology#section-classes"
    assert p.locator("#section-classes > h2").inner_text() == "Classes"
    p.locator("nav.toc a[href='#State']").click()
    assert p.url == server.url + "ontology#State"
    state = p.locator("section#State")
    assert state.locator("h3").inner_text().startswith("State")
    assert "Staat" in state.locator("td.labels").inner_text()
    assert p.evaluate("() => { const r = document.getElementById('State').getBoundingClientRect();"
                      " return r.top > -2 && r.top < window.innerHeight / 2; }")  # scrolled to it
    with p.expect_navigation():
        state.locator("a[href='#isoAlpha2']").click()
    assert p.locator("section#isoAlpha2 h3").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    p.screenshot(path=str(ARTIFACTS / "ontology-docs-isoAlpha2.png"))
    assert [u for u in page.requests if not u.startswith(server.url)] == []
    assert not [e for e in page.errors if "Content Security Policy" in e], page.errors
    assert p.locator("script:not([src$='static/search.js'])").count() == 0  # the search box's only
