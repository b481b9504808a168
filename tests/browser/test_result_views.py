"""Result views in a real browser: a saved query opens in its declared view (timeline, chart,
network), the user switches between table and view, what is drawn matches the endpoint's rows, and
values carrying markup are shown as text."""

from __future__ import annotations

from collections import Counter

from support.dataset_names import SCRIPT_LABEL


def open_saved(p, server, slug: str) -> None:
    p.goto(server.url + f"sparql?saved={slug}")
    p.wait_for_selector("body[data-ready=true]", timeout=30_000)
    p.wait_for_function(f"() => document.getElementById('saved-query').value === '{slug}' && "
                        "window.diplokgYasgui.getTab().getQuery().includes('SELECT')", timeout=10_000)
    p.click(".yasqe_queryButton")


def rows_of(http, server, slug: str) -> list[dict]:
    r = http.get(server.url + f"queries/{slug}/results", headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200
    return r.json()["results"]["bindings"]


def test_timeline_view_and_switching(server, page, http):
    p = page.page
    rows = rows_of(http, server, "bilateral-timeline")
    dated = [r for r in rows if "earliestDate" in r]
    assert len(dated) >= 5, "the default TJK–NOR timeline has dated events"
    open_saved(p, server, "bilateral-timeline")
    # the declared view is drawn without the user choosing it: one item per dated row
    p.wait_for_selector(".diplokg-timeline .vis-item", timeout=30_000)
    assert p.locator(".diplokg-timeline .vis-item-content").count() == len(dated)
    texts = p.locator(".diplokg-timeline .vis-item .vis-item-content").all_inner_texts()
    assert sorted(texts) == sorted(r["eventLabel"]["value"] for r in dated)
    # a date known only to the month or year is drawn as that whole period, dashed
    imprecise = [r for r in dated if "endDate" not in r and r["latestDate"]["value"] != r["earliestDate"]["value"]]
    assert {r["precision"]["value"] for r in imprecise} <= {"month", "year"}
    assert p.locator(".diplokg-timeline .vis-item.diplokg-imprecise").count() == len(imprecise) > 0
    page.screenshot("view-timeline-TJK-NOR")
    # switch to the table and back to the timeline
    p.click(".yasr .select_table")
    p.wait_for_selector(".yasr table tbody tr", timeout=10_000)
    assert p.locator(".diplokg-timeline").count() == 0
    assert p.locator(".yasr table tbody tr").count() == len(rows)
    p.click(".yasr .select_timeline")
    p.wait_for_selector(".diplokg-timeline .vis-item", timeout=10_000)
    assert p.locator(".diplokg-timeline .vis-item-content").count() == len(dated)
    # an item links to the event's page on this server
    href = p.locator(".diplokg-timeline .vis-item a").first.get_attribute("href")
    assert href.startswith(server.url + "id/event/")
    outside = [u for u in page.requests if not u.startswith(server.url) and not u.startswith("data:")]
    assert outside == [], outside
    assert not [e for e in page.errors if "Content Security Policy" in e], page.errors


def test_chart_view_draws_the_counts(server, page, http):
    p = page.page
    rows = rows_of(http, server, "events-per-year")
    open_saved(p, server, "events-per-year")
    p.wait_for_selector(".diplokg-chart canvas", timeout=30_000)
    p.wait_for_function("() => window.Chart && Chart.getChart(document.querySelector('.diplokg-chart canvas'))")
    drawn = p.evaluate("""() => {
        const chart = Chart.getChart(document.querySelector('.diplokg-chart canvas'));
        const out = {};
        chart.data.datasets.forEach(ds => ds.data.forEach((n, i) => {
            if (n) out[chart.data.labels[i] + '|' + ds.label] = n;
        }));
        return out;
    }""")
    expected = Counter()
    for r in rows:
        expected[f"{r['year']['value']}|{r['partnerLabel']['value']}"] += int(r["events"]["value"])
    assert drawn == dict(expected)
    assert p.locator(".yasr .select_chart").count() == 1
    page.screenshot("view-chart-events-per-year")


def test_network_view_links_states(server, page, http):
    p = page.page
    rows = rows_of(http, server, "state-network")
    states = {r[k]["value"] for r in rows for k in ("source", "target")}
    open_saved(p, server, "state-network")
    p.wait_for_selector(".diplokg-network[data-edges]", timeout=30_000)
    box = p.locator(".diplokg-network")
    assert int(box.get_attribute("data-nodes")) == len(states)
    assert int(box.get_attribute("data-edges")) == len(rows)
    legend = p.locator(".diplokg-legend li").all_inner_texts()
    assert sorted(legend) == sorted({r["linkType"]["value"] for r in rows})
    assert p.locator(".diplokg-network canvas").count() == 1
    page.screenshot("view-network-states")


def test_views_show_markup_as_text(hostile_server, page):
    """A label carrying <script> and an onerror image, drawn by the timeline: text, nothing runs."""
    p = page.page
    dialogs: list[str] = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    p.goto(hostile_server.url + "sparql")
    p.wait_for_selector("body[data-ready=true]", timeout=30_000)
    query = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
             "SELECT ?event ?eventLabel ?date WHERE { VALUES ?event { <https://w3id.org/diplokg/id/state/ROU> }\n"
             "  ?event rdfs:label ?eventLabel . FILTER(LANG(?eventLabel) = 'en')\n"
             "  BIND(\"1992-07-07\"^^<http://www.w3.org/2001/XMLSchema#date> AS ?date) }")
    p.evaluate("q => window.diplokgYasgui.getTab().setQuery(q)", query)
    p.click(".yasqe_queryButton")
    p.wait_for_selector(".yasr table tbody tr", timeout=30_000)
    p.click(".yasr .select_timeline")
    p.wait_for_selector(".diplokg-timeline .vis-item", timeout=10_000)
    assert SCRIPT_LABEL in p.locator(".diplokg-timeline .vis-item-content").all_inner_texts()
    assert p.locator(".diplokg-timeline script, .diplokg-timeline img").count() == 0
    assert p.title() != "pwned" and dialogs == []
    page.screenshot("view-timeline-hostile-label")
