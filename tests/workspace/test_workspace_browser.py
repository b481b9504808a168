"""The review workspace in Debian's chromium against a real ``diplokg review`` process: accept,
reject, undo, edit a value, a whole sentence at once, reload, the server killed mid-review and
started again (the review file holds every decision), keyboard-only review, and the hostile
sentence shown as text with nothing run."""

from __future__ import annotations

from conftest import HOSTILE, Workspace

FACTS = [f"https://w3id.org/diplokg/id/draft/workspace-test/{n}" for n in (1, 2, 3)]
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));
"""


def _open(page, ws: Workspace):
    p = page.page
    p.goto(ws.url)
    p.wait_for_selector("#card-2")
    assert p.url == ws.origin + "/", "the token stays in the address bar"
    return p


def _card(p, n: int):
    return p.locator(f"#card-{n}")


def _saved(ws: Workspace) -> list[str]:
    return [str(ws.decisions()[f]["decision"]) for f in FACTS]


def test_accept_reject_undo_and_reload(workspace, page) -> None:
    p = _open(page, workspace)
    _card(p, 0).get_by_role("button", name="accept", exact=True).click()
    p.wait_for_selector("#card-0.accept")
    _card(p, 1).get_by_role("button", name="reject", exact=True).click()
    p.wait_for_selector("#card-1.reject")
    assert _saved(workspace) == ["accept", "reject", ""]
    _card(p, 1).get_by_role("button", name="undo").click()
    p.wait_for_selector("#card-1:not(.reject)")
    assert _saved(workspace) == ["accept", "", ""]
    assert p.locator("#summary").inner_text().startswith("2 undecided · 1 accepted · 0 rejected")
    p.reload()
    p.wait_for_selector("#card-0.accept")
    assert "accept by tester at " in _card(p, 0).inner_text()
    assert p.locator("#source mark.accept").count() == 1
    assert page.errors == []


def test_edit_a_value_of_a_triple(workspace, page) -> None:
    p = _open(page, workspace)
    row = _card(p, 0).locator("tr", has_text="dkg:between").filter(has_text="id:state/ROU")
    row.get_by_role("button", name="edit").click()
    row.locator("input.new-value").fill("<https://w3id.org/diplokg/id/state/MDA>")
    row.get_by_role("button", name="save").click()
    p.wait_for_selector("#card-0 .was")
    assert "id:state/MDA" in _card(p, 0).inner_text()
    (edit,) = workspace.decisions()[FACTS[0]]["edits"]
    assert edit["old"] == "<https://w3id.org/diplokg/id/state/ROU>"
    assert edit["new"] == "<https://w3id.org/diplokg/id/state/MDA>"
    row = _card(p, 0).locator("tr", has_text="dkg:between").filter(has_text="id:state/MDA")
    row.get_by_role("button", name="edit").click()
    row.locator("input.new-value").fill("not a term")
    row.get_by_role("button", name="save").click()
    p.wait_for_selector("#error:not([hidden])")
    assert "not an N-Triples term" in p.locator("#error").inner_text()
    assert len(workspace.decisions()[FACTS[0]]["edits"]) == 1


def test_a_whole_sentence_at_once_and_undo_of_the_last_action(workspace, page) -> None:
    p = _open(page, workspace)
    p.locator(".sentence").nth(1).get_by_role("button", name="reject sentence").click()
    p.wait_for_selector("#card-1.reject")
    _card(p, 0).get_by_role("button", name="accept", exact=True).click()
    p.wait_for_selector("#card-0.accept")
    assert _saved(workspace) == ["accept", "reject", ""]
    p.get_by_role("button", name="undo last action").click()
    p.wait_for_selector("#card-0:not(.accept)")
    assert _saved(workspace) == ["", "reject", ""]


def test_killed_mid_review_nothing_is_lost(draft, page) -> None:
    ws = Workspace(draft).start()
    try:
        p = _open(page, ws)
        _card(p, 0).get_by_role("button", name="accept", exact=True).click()
        p.wait_for_selector("#card-0.accept")
        _card(p, 2).get_by_role("button", name="defer").click()
        p.wait_for_selector("#card-2.defer")
        ws.kill()
    finally:
        ws.stop()
    assert _saved(ws) == ["accept", "", "defer"]
    again = Workspace(draft).start()
    try:
        p = _open(page, again)
        p.wait_for_selector("#card-0.accept")
        assert "defer by tester" in _card(p, 2).inner_text()
        _card(p, 1).get_by_role("button", name="reject", exact=True).click()
        p.wait_for_selector("#card-1.reject")
        assert _saved(again) == ["accept", "reject", "defer"]
    finally:
        again.stop()


def test_keyboard_only_review(workspace, page) -> None:
    p = _open(page, workspace)
    p.keyboard.press("a")
    p.wait_for_selector("#card-0.accept")
    p.keyboard.press("j")
    p.wait_for_selector("#card-1.current")
    p.keyboard.press("r")
    p.wait_for_selector("#card-1.reject")
    p.keyboard.press("j")
    p.keyboard.press("d")
    p.wait_for_selector("#card-2.defer")
    p.keyboard.press("k")
    p.wait_for_selector("#card-1.current")
    p.keyboard.press("u")
    p.wait_for_selector("#card-1:not(.reject)")
    assert _saved(workspace) == ["accept", "", "defer"]
    p.keyboard.press("?")
    assert p.locator("#help").is_visible()
    assert p.locator("#summary").inner_text().startswith("1 undecided · 1 accepted · 0 rejected · 1 deferred")
    p.keyboard.press("z")  # the last action, on another card than the current one
    p.wait_for_selector("#card-2:not(.defer)")
    assert _saved(workspace) == ["accept", "", ""]


def test_a_hostile_page_renders_as_text(workspace, page) -> None:
    p = page.page
    dialogs: list[str] = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    p.add_init_script(RECORD_VIOLATIONS)
    _open(page, workspace)
    assert HOSTILE in p.locator("#source").inner_text()
    assert HOSTILE in p.locator("#cards").inner_text()
    assert p.locator("#source b, #cards b, script:not([src])").count() == 0
    assert dialogs == [] and p.evaluate("window.__violations") == []
    assert page.errors == []


def test_an_entity_chosen_among_its_candidates_by_keyboard(workspace, page) -> None:
    """The person the drafter linked is changed to a published person chosen from the list of
    candidates (persons of the draft and of the published graph), with the keyboard only."""
    p = _open(page, workspace)
    row = _card(p, 2).locator("tr", has_text="dkg:holder")
    row.get_by_role("button", name="edit").focus()
    p.keyboard.press("Enter")
    choice = row.locator("select.choice")
    options = choice.locator("option").evaluate_all("options => options.map(o => [o.value, o.textContent])")
    assert options[0] == ["<https://w3id.org/diplokg/id/person/madalina-lupu>",
                          "as drafted: Madalina Lupu (id:person/madalina-lupu)"]
    chosen = "<https://w3id.org/diplokg/id/person/idibek-kalandar>"
    assert [chosen, "Idibek Kalandar (id:person/idibek-kalandar) · published"] in options
    choice.focus()
    choice.select_option(chosen)
    assert row.locator("input.new-value").input_value() == chosen
    row.get_by_role("button", name="save").focus()
    p.keyboard.press("Enter")
    p.wait_for_selector("#card-2 .was")
    (edit,) = workspace.decisions()[FACTS[2]]["edits"]
    assert edit["property"] == "<https://w3id.org/diplokg/ontology#holder>"
    assert (edit["old"], edit["new"]) == (options[0][0], chosen)
    assert "Idibek Kalandar" in _card(p, 2).locator(".new").inner_text()
    assert page.errors == []


def test_an_entity_changed_to_another_of_its_kind_in_the_draft(workspace, page) -> None:
    p = _open(page, workspace)
    row = _card(p, 1).locator("tr", has_text="dkg:foundedBy")
    row.get_by_role("button", name="edit").click()
    other = "<https://w3id.org/diplokg/id/event/1992-07-07-establishment-of-relations-ROU-TJK>"
    offered = row.locator("select.choice option").evaluate_all("options => options.map(o => o.value)")
    assert other in offered[1:]
    row.locator("select.choice").select_option(other)
    row.get_by_role("button", name="save").click()
    p.wait_for_selector("#card-1 .was")
    (edit,) = workspace.decisions()[FACTS[1]]["edits"]
    assert edit["property"] == "<https://w3id.org/diplokg/ontology#foundedBy>" and edit["new"] == other
    assert "Establishment of diplomatic relations" in _card(p, 1).locator(".new").inner_text()


def test_a_triple_of_a_property_the_fact_lacks_is_added(workspace, page) -> None:
    """The mission (fact 2) gets a state it covers: a resource of the fact, a property the
    ontology declares (offered by name), a value."""
    p = _open(page, workspace)
    offered = p.locator("#properties option").evaluate_all("options => options.map(o => o.value)")
    covers = "<https://w3id.org/diplokg/ontology#covers>"
    assert covers in offered and "<http://www.w3.org/2000/01/rdf-schema#label>" in offered
    add = _card(p, 1).locator("tr.add-triple")
    mission = add.locator("select.add-subject option").evaluate_all("options => options.map(o => o.value)")
    (embassy,) = [m for m in mission if "/mission/" in m]
    add.locator("select.add-subject").select_option(embassy)
    add.locator("input.add-property").fill(covers)
    add.locator("input.add-value").fill("<https://w3id.org/diplokg/id/state/KAZ>")
    add.get_by_role("button", name="add triple").click()
    p.wait_for_selector("#card-1 .new")
    (edit,) = workspace.decisions()[FACTS[1]]["edits"]
    assert (edit["resource"], edit["property"], edit["old"], edit["new"]) == \
        (embassy, covers, "", "<https://w3id.org/diplokg/id/state/KAZ>")
    assert _card(p, 1).locator("tr", has_text="dkg:covers").filter(has_text="id:state/KAZ").count() == 1
    assert page.errors == []
