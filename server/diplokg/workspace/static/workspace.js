// The review workspace: shows the state the server saved, sends each action at once and shows the
// state saved after it. Every value of the draft is inserted as text (textContent), never as HTML.
"use strict";
(function () {
  const token = document.querySelector('meta[name="review-token"]').content;
  let data = null;
  let current = 0;

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function button(label, title, action) {
    const b = el("button", label);
    b.type = "button";
    b.title = title;
    b.addEventListener("click", action);
    return b;
  }

  async function send(path, body) {
    const response = await fetch(path, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-Review-Token": token },
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    const error = document.getElementById("error");
    if (!response.ok) {
      error.textContent = answer.error + (answer.problems && answer.problems.length ? ": " + answer.problems.join("; ") : "");
      error.hidden = false;
      if (response.status === 409) {  // the file was changed outside: show it as it is now
        const now = await fetch("/api/state", { credentials: "same-origin", headers: { "X-Review-Token": token } });
        show(await now.json());
      }
      return;
    }
    error.hidden = true;
    show(answer);
  }

  function decide(card, decision, extra) {
    return send("/api/decide", Object.assign({ fact: card.fact, decision: decision }, extra || {}));
  }

  function sourceText() {
    const box = document.getElementById("source");
    box.replaceChildren();
    const chars = Array.from(data.text);  // offsets count code points
    const spans = new Map();
    data.cards.forEach((card, i) => {
      const s = card.sentence;
      if (s.start === null || s.end === null) return;
      const key = s.start + ":" + s.end;
      if (!spans.has(key)) spans.set(key, { start: s.start, end: s.end, cards: [] });
      spans.get(key).cards.push(i);
    });
    let at = 0;
    for (const span of [...spans.values()].sort((x, y) => x.start - y.start)) {
      if (span.start < at) continue;  // overlapping spans: the first one is marked
      box.append(document.createTextNode(chars.slice(at, span.start).join("")));
      const mark = el("mark", chars.slice(span.start, span.end).join(""));
      const decisions = span.cards.map((i) => data.cards[i].decision.decision);
      if (decisions.every((d) => d === "accept")) mark.classList.add("accept");
      if (decisions.every((d) => d === "reject")) mark.classList.add("reject");
      if (span.cards.includes(current)) mark.classList.add("current");
      mark.dataset.cards = span.cards.join(" ");
      mark.title = span.cards.length + " drafted fact(s)";
      mark.addEventListener("click", () => select(span.cards[0]));
      box.append(mark);
      at = span.end;
    }
    box.append(document.createTextNode(chars.slice(at).join("")));
  }

  function triples(card) {
    const table = el("table");
    for (const t of card.triples) {
      const row = el("tr");
      row.append(el("td", t.subject_shown), el("td", t.property_shown));
      const value = el("td");
      if (t.edited) {
        if (t.value) value.append(el("span", t.value_shown, "was"), document.createTextNode(" → "));
        value.append(el("span", t.new ? t.new_shown : "(removed)", "new"));
      } else {
        value.append(el("span", t.value_shown));
      }
      const edit = el("td");
      edit.append(button("edit", "change this value", () => editor(card, t, edit, false)),
        button("add", "add another value of this property", () => editor(card, t, edit, true)));
      row.append(value, edit);
      table.append(row);
    }
    table.append(adder(card));
    return table;
  }

  function adder(card) {
    // a triple of a property the fact does not state yet, on one of its resources
    const row = el("tr", null, "add-triple");
    const subject = el("select", null, "add-subject");
    subject.setAttribute("aria-label", "the resource to add a triple to");
    for (const s of card.subjects) subject.append(Object.assign(el("option", s.shown), { value: s.value }));
    const property = el("input", null, "add-property");
    property.setAttribute("aria-label", "the property, an IRI in angle brackets");
    property.placeholder = "<property IRI>";
    property.setAttribute("list", "properties");
    const value = el("input", null, "add-value");
    value.setAttribute("aria-label", "the value, an N-Triples term");
    value.placeholder = '<IRI> or "text"@de';
    const add = button("add triple", "add this triple to the fact", () => {
      const edit = { resource: subject.value, property: property.value.trim(), old: "", new: value.value.trim() };
      decide(card, card.decision.decision, { edits: card.decision.edits.concat([edit]) });
    });
    const cells = [el("td"), el("td"), el("td"), el("td")];
    cells[0].append(subject);
    cells[1].append(property);
    cells[2].append(value);
    cells[3].append(add);
    row.append(...cells);
    return row;
  }

  function editor(card, t, cell, adding) {
    cell.replaceChildren();
    const input = el("input");
    input.value = adding ? "" : t.new || t.value;
    input.size = 40;
    input.setAttribute("aria-label", "the new value as an N-Triples term");
    if (t.choices.length && !adding) {  // the entities of the value's kind, in the draft and published, best first
      const choice = el("select", null, "choice");
      choice.setAttribute("aria-label", "choose another entity of this kind");
      choice.append(Object.assign(el("option", "as drafted: " + t.value_shown), { value: t.value }));
      for (const c of t.choices) {
        choice.append(Object.assign(el("option", c.shown + " · " + c.origin), { value: c.value }));
      }
      choice.value = input.value;
      choice.addEventListener("change", () => { input.value = choice.value; });
      cell.append(choice, el("br"));
    }
    input.className = "new-value";
    const save = button("save", adding ? "save the added value" : "save the changed value", () => {
      // an edit is known by its triple: the old value, or for an added one, the value added
      const same = (e) => e.resource === t.subject && e.property === t.property && e.old === t.value
        && (t.value !== "" || e.new === t.new);
      const others = adding ? card.decision.edits : card.decision.edits.filter((e) => !same(e));
      const old = adding ? "" : t.value;
      const edits = input.value === old ? others
        : others.concat([{ resource: t.subject, property: t.property, old: old, new: input.value }]);
      decide(card, card.decision.decision, { edits: edits });
    });
    cell.append(input, save);
    input.focus();
  }

  function questions(card) {
    const box = el("div");
    if (!card.questions.length) return box;
    box.append(el("strong", "Open questions"));
    const fields = card.questions.map((q, i) => {
      const label = el("label", q);
      const field = el("input");
      field.className = "answer";
      field.size = 50;
      field.value = card.decision.answers[i] || "";
      label.append(el("br"), field);
      const line = el("div");
      line.append(label);
      box.append(line);
      return field;
    });
    box.append(button("save answers", "save the answers", () => decide(card, card.decision.decision,
      { answers: fields.map((f) => f.value) })));
    return box;
  }

  function comparison(card) {
    const box = el("div", null, "comparison");
    const c = card.comparison;
    if (!c) return box;
    box.append(el("span", c.status, "status"));
    for (const x of c.conflicts) {
      box.append(el("div", `${x.resource} ${x.property}: ${x.here} here, ${x.there} in ${x.graph}`));
      for (const q of x.quotes) box.append(el("blockquote", q));
    }
    for (const k of c.known_from) {
      box.append(el("div", `${k.resource} is in ${k.graph}`));
      for (const q of k.quotes) box.append(el("blockquote", q));
    }
    return box;
  }

  function cardView(card, i) {
    const box = el("article", null, "card");
    box.id = "card-" + i;
    box.tabIndex = -1;
    if (card.decision.decision) box.classList.add(card.decision.decision);
    if (i === current) box.classList.add("current");
    // a click or Tab into a card selects it, without scrolling (that would move the button being clicked)
    box.addEventListener("click", () => { if (current !== i) select(i, false); });
    box.addEventListener("focusin", () => { if (current !== i) select(i, false); });
    box.append(el("h3", `${card.name} · ${card.rule} · confidence ${card.confidence}`));
    const shown = card.decision.decision
      ? `${card.decision.decision} by ${card.decision.reviewer} at ${card.decision.decided}` : "undecided";
    box.append(el("p", shown, "decision"));
    box.append(comparison(card));
    if (card.notes.length) {
      const notes = el("ul", null, "notes");
      for (const n of card.notes) notes.append(el("li", n));
      box.append(notes);
    }
    box.append(questions(card), triples(card));
    box.append(button("accept", "accept (a)", () => decide(card, "accept")),
      button("reject", "reject (r)", () => decide(card, "reject")),
      button("defer", "defer (d)", () => decide(card, "defer")),
      button("undo", "undo the last decision (u)", () => send("/api/undo", { fact: card.fact })));
    return box;
  }

  function cardsView() {
    const box = document.getElementById("cards");
    box.replaceChildren();
    let group = null;
    let last = null;
    data.cards.forEach((card, i) => {
      if (card.sentence.iri !== last) {
        last = card.sentence.iri;
        group = el("section", null, "sentence");
        group.append(el("p", card.sentence.quote, "quote"));
        const iri = card.sentence.iri;
        group.append(button("accept sentence", "accept every fact of this sentence",
          () => send("/api/sentence", { sentence: iri, decision: "accept" })),
        button("reject sentence", "reject every fact of this sentence",
          () => send("/api/sentence", { sentence: iri, decision: "reject" })));
        box.append(group);
      }
      group.append(cardView(card, i));
    });
  }

  function show(state) {
    data = state;
    const list = document.getElementById("properties");
    if (!list.children.length) {
      for (const p of data.properties) list.append(Object.assign(el("option", p.shown), { value: p.value }));
    }
    current = Math.min(current, data.cards.length - 1);
    document.getElementById("draft").textContent = data.draft;
    const s = data.summary;
    document.getElementById("summary").textContent = `${s.undecided} undecided · ${s.accept} accepted · `
      + `${s.reject} rejected · ${s.defer} deferred · ${s.open_questions} open question(s)`;
    const publish = document.getElementById("publish");
    publish.replaceChildren(el("strong", data.publish.ready ? "Ready to publish" : "Not ready to publish"),
      document.createTextNode(data.publish.ready
        ? ": diplokg ingest --accept " + data.review_file + " checks the shapes and writes the source"
        : " (deferred and rejected facts are never published):"));
    publish.classList.toggle("ready", data.publish.ready);
    const remaining = el("ul");
    for (const item of data.publish.blocking) {
      const li = el("li");
      if (item.card !== null) {
        const link = el("a", item.reason);
        link.href = "#card-" + item.card;
        link.addEventListener("click", (event) => { event.preventDefault(); select(item.card); });
        li.append(link);
      } else {
        li.textContent = item.reason;
      }
      remaining.append(li);
    }
    if (data.publish.blocking.length) {
      const details = el("details");
      details.append(el("summary", `what remains (${data.publish.blocking.length})`), remaining);
      publish.append(details);
    }
    document.getElementById("saved").textContent = `Saved in ${data.review_file} · reviewer ${data.reviewer}`
      + (data.compared ? "" : " · not compared with a published graph");
    sourceText();
    cardsView();
  }

  function select(i, scroll = true) {
    // only the marks of the current card change: fields being edited stay as they are
    current = Math.max(0, Math.min(i, data.cards.length - 1));
    document.querySelectorAll(".card.current, mark.current").forEach((node) => node.classList.remove("current"));
    document.querySelectorAll("mark").forEach((mark) => {
      if (mark.dataset.cards.split(" ").includes(String(current))) mark.classList.add("current");
    });
    const card = document.getElementById("card-" + current);
    card.classList.add("current");
    if (!card.contains(document.activeElement)) card.focus({ preventScroll: !scroll });
    if (scroll) card.scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("keydown", (event) => {
    if (!data || event.ctrlKey || event.metaKey || event.altKey) return;
    const tag = event.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    const card = data.cards[current];
    const keys = {
      j: () => select(current + 1), k: () => select(current - 1),
      a: () => decide(card, "accept"), r: () => decide(card, "reject"), d: () => decide(card, "defer"),
      u: () => send("/api/undo", { fact: card.fact }),
      z: () => send("/api/undo-last", {}),
      "?": () => { const help = document.getElementById("help"); help.hidden = !help.hidden; },
    };
    if (keys[event.key]) { event.preventDefault(); keys[event.key](); }
  });

  document.getElementById("undo-last").addEventListener("click", () => send("/api/undo-last", {}));

  fetch("/api/state", { credentials: "same-origin", headers: { "X-Review-Token": token } })
    .then((r) => r.json()).then(show);
}());
