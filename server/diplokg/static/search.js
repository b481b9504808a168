/* Suggestions as one types, for the search box of every page and for the editor's entity
 * parameters: an ARIA 1.2 combobox over this server's /search (JSON), no other calls.
 * Keys: ArrowDown/ArrowUp move through the suggestions, Enter takes one, Escape closes the list.
 * An input opts in with data-suggest="URL of /search"; data-go="page" opens the chosen entity's
 * page, otherwise the chosen entity's IRI becomes the input's value (and data-type restricts the
 * suggestions to one class). window.diplokgSuggest(input, onChoose) attaches the same to any input. */
(function () {
  "use strict";
  var counter = 0;

  function attach(input, onChoose) {
    if (input.dataset.suggestReady) return;
    input.dataset.suggestReady = "1";
    var list = input.getAttribute("aria-controls") && document.getElementById(input.getAttribute("aria-controls"));
    if (!list) {
      list = document.createElement("ul");
      list.id = "suggest-list-" + (++counter);
      list.className = "suggestions";
      list.setAttribute("role", "listbox");
      list.hidden = true;
      input.insertAdjacentElement("afterend", list);
      input.setAttribute("role", "combobox");
      input.setAttribute("aria-autocomplete", "list");
      input.setAttribute("aria-expanded", "false");
      input.setAttribute("aria-controls", list.id);
      input.setAttribute("autocomplete", "off");
    }
    var url = input.getAttribute("data-suggest");
    var hits = [], active = -1, timer = null, asked = 0;

    function close() {
      list.hidden = true;
      list.textContent = "";
      hits = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      active = index;
      options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      var hit = hits[index];
      if (!hit) return;
      close();
      if (onChoose) {
        onChoose(hit, input);
      } else if (input.getAttribute("data-go") === "page") {
        window.location.href = hit.page;
      } else {
        input.value = hit.iri;
        input.setAttribute("title", hit.label);
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }

    function show(found) {
      list.textContent = "";
      hits = found;
      active = -1;
      if (!hits.length) { close(); return; }
      hits.forEach(function (hit, i) {
        var option = document.createElement("li");
        option.id = list.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var label = document.createElement("span");
        label.className = "label";
        label.textContent = hit.label;
        var kind = document.createElement("span");
        kind.className = "kind";
        kind.textContent = hit.typeLabel + (hit.matched && hit.matched !== hit.label ? " · " + hit.matched : "");
        option.appendChild(label);
        option.appendChild(kind);
        option.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
        list.appendChild(option);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function ask() {
      var text = input.value.trim();
      if (text.length < 2 || /^https?:\/\//.test(text)) { close(); return; }
      var mine = ++asked;
      var query = "?q=" + encodeURIComponent(text) + "&limit=8";
      if (input.getAttribute("data-type")) query += "&type=" + encodeURIComponent(input.getAttribute("data-type"));
      fetch(url + query, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (body) { if (mine === asked) { if (body) show(body.hits); else close(); } })
        .catch(function () { if (mine === asked) close(); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 120);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (list.hidden) { ask(); return; }
        event.preventDefault();
        var next = active + (event.key === "ArrowDown" ? 1 : -1);  // -1: back in the box
        if (next < -1) next = hits.length - 1;
        if (next >= hits.length) next = -1;
        highlight(next);
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  window.diplokgSuggest = attach;
  function start() {
    document.querySelectorAll("input[data-suggest]").forEach(function (input) { attach(input); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
