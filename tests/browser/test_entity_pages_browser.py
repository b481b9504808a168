"""In a real browser: follow a result of the editor to an entity page and read the source sentence;
a label carrying markup renders as text and runs nothing."""

from __future__ import annotations


def test_from_result_to_entity_page_and_its_evidence(server, page):
    """The issue's "done when": from the landing page to the editor, run an example, follow a result
    to its entity page and read the source sentence, with no request leaving this server."""
    p = page.page
    p.goto(server.url)
    with p.expect_navigation():
        p.locator("main a", has_text="Query editor").first.click()
    assert p.url == server.url + "sparql"
    p.wait_for_selector("body[data-ready=true]", timeout=30_000)
    p.select_option("#saved-query", "relations-of-a-state")
    p.wait_for_function("() => window.diplokgYasgui.getTab().getQuery().includes('DiplomaticRelation')",
                        timeout=10_000)
    p.click(".yasqe_queryButton")
    p.wait_for_selector(".yasr table tbody tr", timeout=30_000)
    link = p.locator(".yasr table a[href='https://w3id.org/diplokg/id/relation/ROU-TJK']").first
    link.scroll_into_view_if_needed()
    with p.expect_navigation():
        link.dispatch_event("click")  # Yasr's cell overlay covers the link's hit box; the click event is what counts
    assert p.url == server.url + "id/relation/ROU-TJK"
    assert p.locator("h1").inner_text() == "Diplomatic relations between Romania and Tajikistan"
    quote = p.locator("section.evidence blockquote").first.inner_text()
    assert quote == ("Die diplomatischen Beziehungen zwischen Tadschikistan und Rumänien "
                     "wurden am 7 Juli 1992 aufgenommen.")
    page.screenshot("entity-relation-ROU-TJK")
    with p.expect_navigation():
        p.locator("section.evidence p.source a").first.click()
    assert p.url == server.url + "id/source/mfa-tj-romania"
    assert "relations of Tajikistan with Romania" in p.locator("h1").inner_text()
    outside = [u for u in page.requests if not u.startswith(server.url)]
    assert outside == [], outside


def test_markup_in_a_label_is_shown_as_text(hostile_server, page):
    p = page.page
    dialogs: list[str] = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    p.goto(hostile_server.url + "id/state/ROU")
    p.wait_for_load_state("load")
    assert p.title() != "pwned"
    assert dialogs == []
    assert p.locator("p.labels").inner_text().count("<script>") == 1
    assert p.locator("p.labels img").count() == 0
    assert p.locator("script:not([src$='static/search.js'])").count() == 0  # the search box's only
    page.screenshot("entity-hostile-label")


def test_state_page_shows_relations_and_links_to_a_person(server, page):
    p = page.page
    p.goto(server.url + "id/state/TJK")
    p.wait_for_load_state("load")
    relations = p.locator("section#relations")
    assert relations.locator("h2").inner_text() == "Diplomatic relations"
    romania = relations.locator("tbody tr", has=p.locator(f"a[href='{server.url}id/state/ROU']"))
    assert "7 Juli 1992" in romania.locator("td.date").inner_text()
    assert romania.locator("td.evidence blockquote[lang=de]").inner_text().startswith("Die diplomatischen Beziehungen")
    assert p.locator("section#timeline tbody tr").count() >= 14
    page.screenshot("entity-state-TJK")
    with p.expect_navigation():
        p.locator(f"section#accreditations-in a[href='{server.url}id/person/ole-johan-bernoy']").first.click()
    assert p.locator("h1").inner_text() == "Ole Johan Bernoy"
    assert "Head of delegation" in p.locator("section#participations").inner_text()
    page.screenshot("entity-person-ole-johan-bernoy")
    assert page.errors == [], page.errors
    outside = [u for u in page.requests if not u.startswith(server.url)]
    assert outside == [], outside
