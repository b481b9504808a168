// Result views beyond the table, as Yasr plugins: a timeline (vis-timeline), a chart (Chart.js) and a
// network (vis-network). Each reads the SPARQL JSON results by the column conventions documented in
// queries/README.md, offers itself only when the results fit, and is loaded from this site on first
// use. Values from the results reach the page only as text (textContent, canvas text) — never as HTML.
"use strict";

(function () {
  const XSD = "http://www.w3.org/2001/XMLSchema#";
  const DATE_TYPES = ["date", "dateTime", "gYear", "gYearMonth"].map((t) => XSD + t);
  const NUMBER_TYPES = ["integer", "decimal", "double", "float", "int", "long", "short",
    "nonNegativeInteger", "positiveInteger", "unsignedInt"].map((t) => XSD + t);
  const NS = "https://w3id.org/diplokg/id/";
  const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"];

  const isDate = (b) => !!b && b.type !== "uri" && DATE_TYPES.includes(b.datatype);
  const isNumber = (b) => !!b && b.type !== "uri" && NUMBER_TYPES.includes(b.datatype);
  const isIri = (b) => !!b && b.type === "uri";
  // IRIs of this dataset open their page on this server
  const pageOf = (iri) => (iri.startsWith(NS) ? new URL("id/" + iri.slice(NS.length), document.baseURI).href : iri);

  // Scripts are loaded once, from static/vendor/ (same origin: allowed by the CSP).
  const loaded = {};
  function loadScript(file, pick) {
    if (!loaded[file]) {
      loaded[file] = new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = new URL("static/vendor/" + file, document.baseURI).href;
        script.onload = () => resolve(pick()); // vis-timeline and vis-network share the `vis` global
        script.onerror = () => reject(new Error("could not load " + file));
        document.head.appendChild(script);
      });
    }
    return loaded[file];
  }
  function loadStyle(file) {
    if (document.querySelector(`link[data-view-style="${file}"]`)) return;
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL("static/vendor/" + file, document.baseURI).href;
    link.dataset.viewStyle = file;
    document.head.appendChild(link);
  }

  /** The columns a reader sees: parameter echoes (?_name_iri) and their labels are left out. */
  function visibleVars(vars) {
    const params = vars.filter((v) => /^__?[A-Za-z0-9]+_/.test(v)).map((v) => v.replace(/^__?/, "").replace(/_.*$/, ""));
    return vars.filter((v) => !v.startsWith("_") && !params.some((p) => v === p + "Label"));
  }
  /** The text shown for a column of a row: its ?xLabel when there is one, else the value. */
  function textOf(row, v) {
    if (row[v + "Label"]) return row[v + "Label"].value;
    const b = row[v];
    if (!b) return "";
    if (b.type === "uri") return b.value.replace(/^.*[/#]/, "");
    return b.value;
  }
  const firstPresent = (vars, names) => names.find((n) => vars.includes(n));

  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }
  function icon(text) {
    return element("span", "diplokg-view-icon", text);
  }

  class View {
    constructor(yasr) {
      this.yasr = yasr;
      this.priority = 1; // the table stays the default unless a view is chosen
    }
    results() {
      const r = this.yasr.results;
      if (!r || r.hasError() || r.getBoolean() !== undefined) return null;
      const bindings = r.getBindings();
      return bindings && bindings.length ? { vars: r.getVariables(), rows: bindings } : null;
    }
    container(kind) {
      const box = element("div", "diplokg-view diplokg-" + kind);
      this.yasr.resultsEl.appendChild(box);
      return box;
    }
  }

  // ---- timeline: one item per row with a date ---------------------------------------------------
  // start: ?earliestDate | ?start | ?startDate | ?date (else the first date column); end: ?endDate |
  // ?end, or ?latestDate when it differs from the start (a date known only to the month or year is
  // drawn as that whole period, dashed); text: ?eventLabel | ?label | the first other text column;
  // link: ?event | ?item | ?tenure.
  function timelineColumns(vars, rows) {
    const visible = visibleVars(vars);
    const start = firstPresent(visible, ["earliestDate", "start", "startDate", "date"]) ||
      visible.find((v) => rows.some((r) => isDate(r[v])));
    if (!start || !rows.some((r) => isDate(r[start]))) return null;
    const text = firstPresent(visible, ["eventLabel", "label", "tenureLabel"]) ||
      visible.find((v) => v !== start && rows.some((r) => r[v] && r[v].type !== "uri" && !isDate(r[v])));
    return { start, end: firstPresent(visible, ["endDate", "end"]), latest: firstPresent(visible, ["latestDate"]),
      text, link: firstPresent(visible, ["event", "item", "tenure"]) };
  }
  const dayOf = (b) => {
    const v = b.value;
    if (b.datatype === XSD + "gYear") return v.slice(0, 4) + "-01-01";
    if (b.datatype === XSD + "gYearMonth") return v.slice(0, 7) + "-01";
    return v.slice(0, 10);
  };

  class TimelineView extends View {
    constructor(yasr) { super(yasr); this.label = "Timeline"; }
    canHandleResults() {
      const r = this.results();
      return !!r && !!timelineColumns(r.vars, r.rows);
    }
    getIcon() { return icon("⏱"); }
    async initialize() {
      loadStyle("vis-timeline-graph2d.min.css");
      this.lib = await loadScript("vis-timeline-graph2d.min.js", () => ({ Timeline: window.vis.Timeline, DataSet: window.vis.DataSet }));
    }
    draw() {
      const { vars, rows } = this.results();
      const c = timelineColumns(vars, rows);
      const items = [];
      rows.forEach((row, i) => {
        if (!isDate(row[c.start])) return;
        const start = dayOf(row[c.start]);
        let end = c.end && isDate(row[c.end]) ? dayOf(row[c.end]) : null;
        let imprecise = false;
        if (!end && c.latest && isDate(row[c.latest]) && dayOf(row[c.latest]) !== start) {
          end = dayOf(row[c.latest]);
          imprecise = true;
        }
        const content = element("span");
        const text = (c.text && textOf(row, c.text)) || start;
        if (c.link && isIri(row[c.link])) {
          const a = element("a", "", text);
          a.href = pageOf(row[c.link].value);
          content.appendChild(a);
        } else content.textContent = text;
        const title = element("div", "", text + " — " + (row.dateAsStated ? row.dateAsStated.value : row[c.start].value) +
          (row.precision ? " (" + row.precision.value + ")" : ""));
        items.push({ id: i, start, end: end ? end + "T23:59:59" : undefined, type: end ? "range" : "point",
          content, title, className: imprecise ? "diplokg-imprecise" : "" });
      });
      const box = this.container("timeline");
      const undated = rows.length - items.length;
      if (undated) box.appendChild(element("p", "diplokg-view-note", `${undated} row(s) without a date are not shown.`));
      const target = element("div");
      box.appendChild(target);
      this.timeline = new this.lib.Timeline(target, new this.lib.DataSet(items), { stack: true, zoomable: true, orientation: "top" });
    }
    destroy() { if (this.timeline) this.timeline.destroy(); this.timeline = null; }
  }

  // ---- chart: bars of a numeric column per category (and series) -------------------------------
  // value: the last column whose values are all numbers (?count, ?events …); category: the first
  // other column; series: a further column with a label (e.g. ?partner) — one coloured bar each.
  function chartColumns(vars, rows) {
    const visible = visibleVars(vars);
    const numeric = visible.filter((v) => rows.every((r) => !r[v] || isNumber(r[v])) && rows.some((r) => isNumber(r[v])));
    const value = numeric[numeric.length - 1];
    if (!value) return null;
    const others = visible.filter((v) => v !== value && !(v.endsWith("Label") && visible.includes(v.slice(0, -5))));
    if (!others.length) return null;
    return { value, category: others[0], series: others[1] };
  }

  class ChartView extends View {
    constructor(yasr) { super(yasr); this.label = "Chart"; }
    canHandleResults() {
      const r = this.results();
      return !!r && !!chartColumns(r.vars, r.rows);
    }
    getIcon() { return icon("▮"); }
    async initialize() {
      this.Chart = await loadScript("chart.umd.min.js", () => window.Chart);
    }
    draw() {
      const { vars, rows } = this.results();
      const c = chartColumns(vars, rows);
      const categories = [...new Set(rows.map((r) => textOf(r, c.category)))];
      const seriesNames = c.series ? [...new Set(rows.map((r) => textOf(r, c.series)))] : [c.value];
      const datasets = seriesNames.map((name, i) => ({
        label: name,
        backgroundColor: PALETTE[i % PALETTE.length],
        data: categories.map((cat) => rows
          .filter((r) => textOf(r, c.category) === cat && (!c.series || textOf(r, c.series) === name))
          .reduce((sum, r) => sum + (isNumber(r[c.value]) ? Number(r[c.value].value) : 0), 0)),
      }));
      const box = this.container("chart");
      const canvas = element("canvas");
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", `${c.value} by ${c.category}` + (c.series ? ` and ${c.series}` : ""));
      box.appendChild(canvas);
      this.chart = new this.Chart(canvas, {
        type: "bar",
        data: { labels: categories, datasets },
        options: { animation: false, responsive: true, maintainAspectRatio: false,
          scales: { x: { stacked: true, title: { display: true, text: c.category } },
                    y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: c.value } } } },
      });
    }
    destroy() { if (this.chart) this.chart.destroy(); this.chart = null; }
  }

  // ---- network: nodes linked by rows -------------------------------------------------------------
  // ?source and ?target (else the first two IRI columns) are nodes, labelled by ?sourceLabel /
  // ?targetLabel; each row is an edge coloured by ?linkType, titled with ?linkLabel and ?viaLabel
  // (dashed when the link runs through a third place). Link types naming "relations" have no arrow.
  function networkColumns(vars, rows) {
    const visible = visibleVars(vars);
    if (visible.includes("source") && visible.includes("target")) return { source: "source", target: "target" };
    const iris = visible.filter((v) => rows.some((r) => isIri(r[v])));
    return iris.length >= 2 ? { source: iris[0], target: iris[1] } : null;
  }

  class NetworkView extends View {
    constructor(yasr) { super(yasr); this.label = "Network"; }
    canHandleResults() {
      const r = this.results();
      return !!r && !!networkColumns(r.vars, r.rows);
    }
    getIcon() { return icon("⋈"); }
    async initialize() {
      this.lib = await loadScript("vis-network.min.js", () => ({ Network: window.vis.Network, DataSet: window.vis.DataSet }));
    }
    draw() {
      const { vars, rows } = this.results();
      const c = networkColumns(vars, rows);
      const nodes = new Map();
      const types = [];
      const edges = [];
      rows.forEach((row, i) => {
        const s = row[c.source], t = row[c.target];
        if (!isIri(s) || !isIri(t)) return;
        nodes.set(s.value, textOf(row, c.source));
        nodes.set(t.value, textOf(row, c.target));
        const type = row.linkType ? row.linkType.value : "";
        if (!types.includes(type)) types.push(type);
        const color = PALETTE[types.indexOf(type) % PALETTE.length];
        const via = row.viaLabel ? row.viaLabel.value + (row.viaStateLabel ? ", " + row.viaStateLabel.value : "") : "";
        const title = [row.linkLabel ? row.linkLabel.value : type, via ? "via " + via : ""].filter(Boolean).join(" — ");
        edges.push({ id: i, from: s.value, to: t.value, color: { color }, dashes: !!via,
          arrows: /relations/.test(type) ? "" : "to", title: element("div", "", title || type),
          label: via ? "via " + row.viaLabel.value : undefined, font: { size: 11, align: "middle" } });
      });
      const box = this.container("network");
      const legend = element("ul", "diplokg-legend");
      types.forEach((type, i) => {
        const li = element("li", "", type || "link");
        li.style.borderLeftColor = PALETTE[i % PALETTE.length];
        legend.appendChild(li);
      });
      box.appendChild(legend);
      box.appendChild(element("p", "diplokg-view-note", "Double-click a node to open its page; dashed links run through a third country."));
      const target = element("div", "diplokg-network-canvas");
      box.appendChild(target);
      const nodeList = [...nodes].map(([id, label]) => ({ id, label, title: element("div", "", id), shape: "dot", size: 14 }));
      this.network = new this.lib.Network(target, { nodes: new this.lib.DataSet(nodeList), edges: new this.lib.DataSet(edges) },
        { physics: { stabilization: { iterations: 200 } }, interaction: { hover: true } });
      this.network.on("doubleClick", (event) => {
        if (event.nodes.length) location.href = pageOf(event.nodes[0]);
      });
      box.dataset.nodes = String(nodeList.length);
      box.dataset.edges = String(edges.length);
    }
    destroy() { if (this.network) this.network.destroy(); this.network = null; }
  }

  Yasgui.Yasr.registerPlugin("timeline", TimelineView);
  Yasgui.Yasr.registerPlugin("chart", ChartView);
  Yasgui.Yasr.registerPlugin("network", NetworkView);
  Yasgui.Yasr.defaults.pluginOrder = ["table", "timeline", "chart", "network", "response"];
})();
