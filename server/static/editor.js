// The query editor: Yasgui (served from this site) against this endpoint, with the project's
// prefixes and the saved queries to pick from. Yasgui's outside calls (prefix.cc, LOV
// autocompletion) are switched off; the Content-Security-Policy would block them anyway.
"use strict";

(async function () {
  const base = document.baseURI;
  const endpoint = new URL("sparql", base).href;
  const json = (url) => fetch(new URL(url, base), { headers: { Accept: "application/json" } }).then((r) => r.json());
  const [prefixes, listing] = await Promise.all([json("prefixes"), json("queries")]);

  // read before Yasgui starts: it consumes (and clears) #query= itself
  const shared = new URLSearchParams(location.hash.slice(1)).get("query");
  Yasgui.Yasqe.defaults.autocompleters = ["variables"];
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST", acceptHeaderSelect: "application/sparql-results+json" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: () => [] },
    persistenceId: null,
  });
  window.diplokgYasgui = yasgui; // for the browser tests
  const tab = yasgui.getTab();
  if (shared) tab.setQuery(shared); // a shared link: exactly its query
  else tab.getYasqe().addPrefixes(prefixes);

  const select = document.getElementById("saved-query");
  const summary = document.getElementById("saved-query-summary");
  for (const q of listing.queries) {
    const option = document.createElement("option");
    option.value = q.slug;
    option.textContent = q.summary; // text, never HTML
    select.appendChild(option);
  }
  select.addEventListener("change", async () => {
    const q = listing.queries.find((x) => x.slug === select.value);
    if (!q) return;
    const text = await fetch(new URL(`queries/${encodeURIComponent(q.slug)}`, base), {
      headers: { Accept: "application/sparql-query" },
    }).then((r) => r.text());
    summary.textContent = q.description || q.summary;
    yasgui.getTab().setQuery(text);
  });
  // IRIs of this dataset open their page on this server (they are https://w3id.org/diplokg/id/…)
  const ns = "https://w3id.org/diplokg/id/";
  document.addEventListener("click", (event) => {
    const link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || !link.href.startsWith(ns)) return;
    event.preventDefault();
    event.stopPropagation();
    location.href = new URL("id/" + link.href.slice(ns.length), base).href;
  }, true);

  // Share links keep the query in the fragment (sparql#query=…): a GET with ?query= would run it.
  const shell = (text) => "'" + text.replace(/'/g, "'\\''") + "'";
  const pyString = (text) => '"""' + text.replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"""';
  const rString = (text) => '"' + text.replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"';
  function updateShare() {
    const query = yasgui.getTab().getQuery();
    const link = new URL("sparql", base);
    link.hash = "query=" + encodeURIComponent(query);
    const anchor = document.getElementById("share-link");
    anchor.href = link.href;
    anchor.textContent = link.href.length > 120 ? link.href.slice(0, 117) + "…" : link.href;
    document.getElementById("snippet-curl").textContent =
      `curl -s ${shell(endpoint)} -H 'Accept: text/csv' --data-urlencode ${shell("query=" + query)}`;
    document.getElementById("snippet-python").textContent =
      `from SPARQLWrapper import SPARQLWrapper, JSON\n\nsparql = SPARQLWrapper(${JSON.stringify(endpoint)})\n` +
      `sparql.setQuery(${pyString(query)})\nsparql.setReturnFormat(JSON)\n` +
      `for row in sparql.queryAndConvert()["results"]["bindings"]:\n    print({k: v["value"] for k, v in row.items()})`;
    document.getElementById("snippet-r").textContent =
      `library(SPARQL)\n\nresult <- SPARQL(${rString(endpoint)}, ${rString(query)})\nprint(result$results)`;
  }
  document.getElementById("make-share").addEventListener("click", updateShare);
  yasgui.getTab().getYasqe().on("change", updateShare);
  updateShare();

  const fromUrl = new URLSearchParams(location.search).get("saved");
  if (fromUrl) {
    select.value = fromUrl;
    select.dispatchEvent(new Event("change"));
  }
  document.body.dataset.ready = "true";
})();
