// The query editor: Yasgui (served from this site) against this endpoint, with the project's
// prefixes and the saved queries to pick from. Yasgui's outside calls (prefix.cc, LOV
// autocompletion) are switched off; the Content-Security-Policy would block them anyway.
// A saved query's parameters are shown as a form and sent with the query as variable bindings
// ($name=<N-Triples term>, RDF4J's protocol convention): values are RDF terms, never query text.
"use strict";

(async function () {
  const base = document.baseURI;
  const endpoint = new URL("sparql", base).href;
  const json = (url) => fetch(new URL(url, base), { headers: { Accept: "application/json" } }).then((r) => r.json());
  const [prefixes, listing] = await Promise.all([json("prefixes"), json("queries")]);
  const XSD = "http://www.w3.org/2001/XMLSchema#";

  // read before Yasgui starts: it consumes (and clears) #query= itself
  const shared = new URLSearchParams(location.hash.slice(1)).get("query");
  const pageParams = new URLSearchParams(location.search);

  let active = null; // the saved query whose parameters the form shows
  const paramsBox = document.getElementById("saved-query-params");

  /** An input value as an N-Triples term of the parameter's type (the server parses it strictly). */
  function term(p, value) {
    const quoted = '"' + value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r") + '"';
    if (p.type === "iri") return "<" + value + ">";
    if (p.type === "xsd_string") return quoted;
    if (p.type.startsWith("xsd_")) return quoted + "^^<" + XSD + p.type.slice(4) + ">";
    return quoted + "@" + p.type;
  }
  /** The bindings to send: filled parameters whose variable the current query still uses. */
  function bindings() {
    if (!active) return [];
    const query = yasgui.getTab().getQuery();
    return active.parameters
      .map((p) => ({ p, input: paramsBox.querySelector(`input[data-param="${CSS.escape(p.name)}"]`) }))
      .filter(({ p, input }) => input && input.value.trim() !== "" && query.includes(p.variable))
      .map(({ p, input }) => ({ name: "$" + p.variable.slice(1), value: term(p, input.value.trim()), param: p.name, raw: input.value.trim() }));
  }

  Yasgui.Yasqe.defaults.autocompleters = ["variables"];
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: {
      endpoint: endpoint, method: "POST", acceptHeaderSelect: "application/sparql-results+json", args: [],
    },
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

  function renderParams(q, values) {
    paramsBox.replaceChildren();
    paramsBox.hidden = !q || !q.parameters.length;
    if (paramsBox.hidden) return;
    const legend = document.createElement("legend");
    legend.textContent = "Parameters (sent as variable bindings; empty = all values)";
    paramsBox.appendChild(legend);
    for (const p of q.parameters) {
      const label = document.createElement("label");
      const name = document.createElement("span");
      name.textContent = `${p.name} (${p.variable}, ${p.type}${p.required ? "" : ", optional"})`;
      const input = document.createElement("input");
      input.type = "text";
      input.dataset.param = p.name;
      input.value = values.has(p.name) ? values.get(p.name) : (p.default || "");
      input.title = p.description || "";
      input.addEventListener("input", updateShare);
      label.append(name, input);
      if (p.type === "iri" && p.class) suggestEntities(p, input, label);
      paramsBox.appendChild(label);
    }
  }

  /** An entity parameter: suggestions by label as one types, of the parameter's class only (the
   * site's search box, static/search.js); the chosen entity's label is shown beside its IRI. */
  function suggestEntities(p, input, label) {
    const chosen = document.createElement("span");
    chosen.className = "chosen";
    chosen.setAttribute("aria-live", "polite");
    label.appendChild(chosen);
    input.dataset.suggest = new URL("search", base).href;
    input.dataset.type = p.class;
    input.placeholder = "type a name, or an IRI";
    const show = () => {
      const value = input.value.trim();
      chosen.textContent = "";
      if (!/^https?:\/\//.test(value)) return;
      fetch(new URL("search?iri=" + encodeURIComponent(value), base), { headers: { Accept: "application/json" } })
        .then((r) => (r.ok ? r.json() : null))
        .then((body) => { if (body && body.hits.length && input.value.trim() === value) chosen.textContent = body.hits[0].label; })
        .catch(() => {});
    };
    input.addEventListener("change", () => { show(); updateShare(); });
    window.diplokgSuggest(input, (hit) => {
      input.value = hit.iri;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
    show();
  }

  async function chooseSaved(slug, values, text) {
    const q = listing.queries.find((x) => x.slug === slug);
    if (!q) return;
    active = q;
    select.value = slug;
    summary.textContent = q.description || q.summary;
    renderParams(q, values);
    const queryText = text || await fetch(new URL(`queries/${encodeURIComponent(q.slug)}`, base), {
      headers: { Accept: "application/sparql-query" },
    }).then((r) => r.text());
    yasgui.getTab().setQuery(queryText);
    yasgui.getTab().getYasr().selectPlugin(q.view || "table"); // the query's declared view
    updateShare();
  }
  select.addEventListener("change", () => {
    if (select.value) chooseSaved(select.value, new Map(), null);
    else { active = null; renderParams(null); updateShare(); }
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
  // With a saved query's parameters: sparql?saved=SLUG&NAME=VALUE#query=….
  const shell = (text) => "'" + text.replace(/'/g, "'\\''") + "'";
  const pyString = (text) => '"""' + text.replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"""';
  const rString = (text) => '"' + text.replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"';
  function updateShare() {
    const query = yasgui.getTab().getQuery();
    const bound = bindings();
    // what the next run sends besides the query (this also drops the page's own ?saved=…, which
    // Yasgui would otherwise forward to the endpoint)
    yasgui.getTab().setRequestConfig({ args: bound.map(({ name, value }) => ({ name, value })) });
    const link = new URL("sparql", base);
    if (active && active.parameters.length) {
      link.searchParams.set("saved", active.slug);
      for (const b of bound) link.searchParams.set(b.param, b.raw);
    }
    link.hash = "query=" + encodeURIComponent(query);
    const anchor = document.getElementById("share-link");
    anchor.href = link.href;
    anchor.textContent = link.href.length > 120 ? link.href.slice(0, 117) + "…" : link.href;
    document.getElementById("snippet-curl").textContent =
      `curl -s ${shell(endpoint)} -H 'Accept: text/csv' --data-urlencode ${shell("query=" + query)}` +
      bound.map((b) => ` --data-urlencode ${shell(b.name + "=" + b.value)}`).join("");
    document.getElementById("snippet-python").textContent =
      `from SPARQLWrapper import SPARQLWrapper, JSON\n\nsparql = SPARQLWrapper(${JSON.stringify(endpoint)})\n` +
      `sparql.setQuery(${pyString(query)})\n` +
      bound.map((b) => `sparql.addParameter(${JSON.stringify(b.name)}, ${JSON.stringify(b.value)})\n`).join("") +
      `sparql.setReturnFormat(JSON)\n` +
      `for row in sparql.queryAndConvert()["results"]["bindings"]:\n    print({k: v["value"] for k, v in row.items()})`;
    const extra = bound.length ? `, extra = list(${bound.map((b) => "`" + b.name + "` = " + rString(b.value)).join(", ")})` : "";
    document.getElementById("snippet-r").textContent =
      `library(SPARQL)\n\nresult <- SPARQL(${rString(endpoint)}, ${rString(query)}${extra})\nprint(result$results)`;
  }
  document.getElementById("make-share").addEventListener("click", updateShare);
  yasgui.getTab().getYasqe().on("change", updateShare);

  const fromUrl = pageParams.get("saved");
  if (fromUrl) {
    const values = new Map([...pageParams].filter(([k]) => k !== "saved"));
    await chooseSaved(fromUrl, values, shared);
  }
  updateShare();
  document.body.dataset.ready = "true";
})();
