"""In a real browser: every page that shows hostile values (tests/hostile_payloads.py) renders them as
text. Nothing runs, nothing is parsed into elements, and the Content-Security-Policy never has to
step in: a CSP violation would mean the markup got through the escaping and was only stopped by
the browser."""

from __future__ import annotations

import pytest

from support.hostile_payloads import PAGES

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.mark.parametrize("path", list(PAGES))
def test_hostile_values_render_as_text_and_run_nothing(hostile_server, page, path):
    p = page.page
    dialogs: list[str] = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    p.add_init_script(RECORD_VIOLATIONS)
    p.goto(hostile_server.url + path)
    p.wait_for_load_state("load")
    text = p.locator("body").inner_text()
    for payload in PAGES[path]:
        assert payload in text, f"{payload!r} is not shown as text on /{path}"
    assert p.title() != "pwned" and dialogs == []
    assert p.locator("img[src='x'], svg[onload], script:not([src])").count() == 0
    assert p.evaluate("window.__violations") == []
    hrefs = p.eval_on_selector_all("a[href]", "links => links.map(a => a.protocol)")
    assert not {"javascript:", "vbscript:", "data:"} & set(hrefs), hrefs
    assert [e for e in page.errors if "Content Security Policy" in e] == []
