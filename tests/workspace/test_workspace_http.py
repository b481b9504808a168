"""The workspace over plain HTTP: nothing is answered without the session's token, no change is
accepted from another origin or host or without the token header, bad requests are refused with
their reason, and every answer carries a Content-Security-Policy without inline script."""

from __future__ import annotations

import httpx

FACT = "https://w3id.org/diplokg/id/draft/workspace-test/1"


def _state(ws) -> dict:
    answer = httpx.get(ws.origin + "/api/state", headers=ws.headers())
    assert answer.status_code == 200
    return answer.json()


def test_nothing_without_the_token(workspace) -> None:
    for path in ("/", "/api/state", "/static/workspace.js"):
        assert httpx.get(workspace.origin + path).status_code == 401
        assert httpx.get(workspace.origin + path, headers={"X-Review-Token": "guessed"}).status_code == 401
    assert httpx.get(workspace.origin + "/?token=guessed").status_code == 401
    refused = httpx.post(workspace.origin + "/api/decide", json={"fact": FACT, "decision": "accept"},
                         cookies={"diplokg_review": workspace.token})
    assert refused.status_code == 403 and "X-Review-Token" in refused.json()["error"]
    assert workspace.decisions()[FACT]["decision"] == ""


def test_the_token_in_the_address_becomes_a_strict_cookie(workspace) -> None:
    first = httpx.get(workspace.url)
    assert first.status_code == 303 and first.headers["location"] == "/"
    cookie = first.headers["set-cookie"]
    assert "SameSite=strict" in cookie and "HttpOnly" in cookie
    page = httpx.get(workspace.origin + "/", cookies=first.cookies)
    assert page.status_code == 200 and '<script src="/static/workspace.js"' in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_another_origin_or_host_is_refused_with_the_reason(workspace) -> None:
    body = {"fact": FACT, "decision": "accept"}
    other = httpx.post(workspace.origin + "/api/decide", json=body,
                       headers=workspace.headers(Origin="http://evil.example"))
    assert other.status_code == 403 and "http://evil.example" in other.json()["error"]
    rebound = httpx.post(workspace.origin + "/api/decide", json=body,
                         headers=workspace.headers(Host="evil.example"))
    assert rebound.status_code == 403 and "evil.example" in rebound.json()["error"]
    cross = httpx.post(workspace.origin + "/api/decide", json=body,
                       headers=workspace.headers(**{"Sec-Fetch-Site": "cross-site"}))
    assert cross.status_code == 403
    assert workspace.decisions()[FACT]["decision"] == ""


def test_bad_requests_are_refused_with_the_reason(workspace) -> None:
    def post(path: str, body: object) -> httpx.Response:
        return httpx.post(workspace.origin + path, json=body, headers=workspace.headers(Origin=workspace.origin))

    unknown = post("/api/decide", {"fact": "https://example.org/nope", "decision": "accept"})
    assert unknown.status_code == 404 and "https://example.org/nope" in unknown.json()["error"]
    bad = post("/api/decide", {"fact": FACT, "decision": "maybe"})
    assert bad.status_code == 400 and "'maybe'" in bad.json()["error"]
    edit = post("/api/decide", {"fact": FACT, "decision": "accept", "edits": [{"resource": "nonsense"}]})
    assert edit.status_code == 400 and "edit 1" in edit.json()["error"]
    nothing = post("/api/undo", {"fact": FACT})
    assert nothing.status_code == 400 and "no decision to undo" in nothing.json()["error"]
    sentence = post("/api/sentence", {"sentence": "https://example.org/s", "decision": "accept"})
    assert sentence.status_code == 404
    not_json = httpx.post(workspace.origin + "/api/decide", content=b"{", headers=workspace.headers())
    assert not_json.status_code == 400
    assert all(f["decision"] == "" for f in workspace.decisions().values())


def test_a_decision_is_saved_with_reviewer_and_time_and_answered_with_the_state(workspace) -> None:
    answer = httpx.post(workspace.origin + "/api/decide", json={"fact": FACT, "decision": "reject"},
                        headers=workspace.headers(Origin=workspace.origin))
    assert answer.status_code == 200 and answer.json()["summary"]["reject"] == 1
    saved = workspace.decisions()[FACT]
    assert saved["decision"] == "reject" and saved["reviewer"] == "tester" and saved["decided"]
    assert _state(workspace)["cards"][0]["decision"]["decision"] == "reject"


def test_a_review_file_changed_in_an_editor_is_never_overwritten(workspace) -> None:
    """Someone decides fact 1 in an editor while the workspace runs: the workspace's next action is
    refused with 409 (nothing overwritten), the file is read again, and the state shows their decision."""
    post = {"headers": workspace.headers(Origin=workspace.origin)}
    assert httpx.post(workspace.origin + "/api/decide", json={"fact": FACT, "decision": "defer"}, **post).is_success
    text = workspace.review_file.read_text(encoding="utf-8")
    edited = text.replace("  decision: defer\n", "  decision: accept\n", 1)
    edited = edited.replace("reviewer: tester", "reviewer: Ann", 1)
    assert edited != text
    workspace.review_file.write_text(edited, encoding="utf-8")
    other = "https://w3id.org/diplokg/id/draft/workspace-test/2"
    refused = httpx.post(workspace.origin + "/api/decide", json={"fact": other, "decision": "reject"}, **post)
    assert refused.status_code == 409
    assert "was changed outside this review" in refused.json()["error"]
    assert workspace.review_file.read_text(encoding="utf-8") == edited, "the editor's change is kept"
    assert _state(workspace)["cards"][0]["decision"]["reviewer"] == "Ann"
    again = httpx.post(workspace.origin + "/api/decide", json={"fact": other, "decision": "reject"}, **post)
    assert again.status_code == 200
    assert workspace.decisions()[FACT]["decision"] == "accept" and workspace.decisions()[other]["decision"] == "reject"
