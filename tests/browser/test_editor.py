"""The query editor in a real browser: Yasgui loads from this site only, lists the saved queries,
runs one, and shows rows."""

from __future__ import annotations


def test_editor_runs_a_saved_query_offline(server, page):
    p = page.page
    p.goto(server.url + "sparql")
    p.wait_for_selector("body[data-ready=true]", timeout=30_000)
    options = p.locator("#saved-query option").all_text_contents()
    assert any("diplomatic relations" in o for o in options)
    p.select_option("#saved-query", "relations-of-a-state")
    p.wait_for_function("() => window.diplokgYasgui.getTab().getQuery().includes('DiplomaticRelation')", timeout=10_000)
    p.click(".yasqe_queryButton")
    p.wait_for_selector(".yasr table tbody tr", timeout=30_000)
    table = p.locator(".yasr table").inner_text()
    assert "Romania" in table and "Norway" in table and "1992-07-07" in table
    page.screenshot("editor-relations-of-a-state")
    outside = [url for url in page.requests if not url.startswith(server.url) and not url.startswith("data:")]
    assert outside == [], f"the editor called outside services: {outside}"
    assert not [e for e in page.errors if "Content Security Policy" in e], page.errors


def test_editor_is_served_to_browsers_and_sd_to_rdf_clients(server, page, http):
    p = page.page
    response = p.goto(server.url + "sparql")
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert http.get(server.endpoint, headers={"Accept": "*/*"}).headers["content-type"].startswith("text/turtle")
