/* practice-exchange catalogue: facets filter the listed entries; the state lives in the URL.
 *
 * An entry matches when it carries every selected tag and, for each other
 * facet with a selection, one of the selected values. Each facet value shows
 * how many of the entries the other facets keep have it.
 *
 * The page lists every entry (so it works without JavaScript); the script keeps
 * in the list only the first matches, a page at a time. Entries merely hidden
 * would stay in the document, and the browser would step over thousands of
 * them for each entry it shows again: a facet would take a tenth of a second.
 */
(function () {
  "use strict";

  function init(root) {
    var form = root.querySelector("form.px-facets");
    var source = root.querySelector("script.px-catalogue-data");
    var list = root.querySelector("ol.px-results");
    var items = Array.prototype.slice.call(list.children);
    var status = root.querySelector(".px-status");
    // The texts it writes, in the page's language: each message by CLDR plural category.
    var wordsSource = root.querySelector("script.px-catalogue-words");
    var words = wordsSource ? JSON.parse(wordsSource.textContent) : {};
    var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang || "en") : null;
    function say(message, num, values) {
      var forms = words[message] || {};
      var text = forms[plural ? plural.select(num) : "other"] || forms.other || "";
      values = values || {};
      values.num = num;
      return text.replace(/%\((\w+)\)[sd]/g, function (_, name) { return String(values[name]); });
    }
    var more = root.querySelector(".px-more");
    var PAGE = 100;
    var limit = PAGE;
    var shown = null;  // until the first filter: the page's own list, every entry
    if (!form || !source || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "");
    var data = JSON.parse(source.textContent);
    var facets = data.facets;
    var allRequired = {};
    data.all.forEach(function (name) { allRequired[name] = true; });

    // Per facet: value -> index, and the checkbox and count element of each index; `loose`: a value
    // or its label as someone might type it into an address (`Day care`, `day-care`) -> index.
    var index = {}, boxes = {}, counts = {}, loose = {};
    function looser(text) { return String(text).trim().toLowerCase().replace(/[\s_]+/g, "-"); }
    // Values asked for in the URL that no entry has: kept, and they match nothing.
    var unknown = {};
    // Maps without a prototype: `?tag=constructor` is a value like any other, not a function of objects.
    facets.forEach(function (name) {
      index[name] = Object.create(null);
      data.values[name].forEach(function (value, i) { index[name][value] = i; });
      boxes[name] = [];
      counts[name] = [];
      unknown[name] = [];
      loose[name] = Object.create(null);
    });
    Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (box) {
      var i = index[box.name] && index[box.name][box.value];
      if (i === undefined) return;
      boxes[box.name][i] = box;
      counts[box.name][i] = box.parentNode.querySelector(".px-count");
      var label = box.parentNode.cloneNode(true), count = label.querySelector(".px-count");
      if (count) label.removeChild(count);
      loose[box.name][looser(label.textContent)] = i;
      loose[box.name][looser(box.value)] = i;
    });

    function selection() {
      var chosen = {};
      facets.forEach(function (name, f) {
        chosen[f] = [];
        boxes[name].forEach(function (box, i) { if (box && box.checked) chosen[f].push(i); });
      });
      return chosen;
    }

    function has(values, i) { return values.indexOf(i) !== -1; }

    function passes(row, f, chosen) {
      var picked = chosen[f];
      if (unknown[facets[f]].length && allRequired[facets[f]]) return false;
      if (!picked.length) return !unknown[facets[f]].length;
      var values = row[f];
      if (allRequired[facets[f]]) return picked.every(function (i) { return has(values, i); });
      return picked.some(function (i) { return has(values, i); });
    }

    function show(matches) {
      var next = matches.slice(0, limit);
      var same = shown !== null && next.length === shown.length && next.every(function (n, i) { return n === shown[i]; });
      if (!same) {
        var page = document.createDocumentFragment();
        next.forEach(function (n) { page.appendChild(items[n]); });
        list.textContent = "";
        list.appendChild(page);
      }
      shown = next;
      var hide = matches.length <= limit;
      if (more.hidden !== hide) more.hidden = hide;
      var label = say("more", Math.min(PAGE, matches.length - limit));
      if (!hide && more.textContent !== label) more.textContent = label;
    }

    function apply() {
      var chosen = selection();
      var tally = facets.map(function (name) { return data.values[name].map(function () { return 0; }); });
      var matches = [];
      data.items.forEach(function (row, n) {
        var failed = -1, failures = 0;
        for (var f = 0; f < facets.length; f++) {
          if (!passes(row, f, chosen)) { failures++; failed = f; }
        }
        if (failures === 0) matches.push(n);
        // A value's count: the entries that every other facet keeps and that have it.
        for (var g = 0; g < facets.length; g++) {
          if (failures === 0 || (failures === 1 && failed === g && !allRequired[facets[g]])) {
            row[g].forEach(function (i) { tally[g][i]++; });
          }
        }
      });
      facets.forEach(function (name, f) {
        counts[name].forEach(function (el, i) {
          if (!el) return;
          // Only what changed is touched: every change costs the browser a new layout.
          var text = String(tally[f][i]);
          if (el.textContent !== text) el.textContent = text;
          var empty = tally[f][i] === 0 && !boxes[name][i].checked;
          if (el.parentNode.classList.contains("px-empty") !== empty) el.parentNode.classList.toggle("px-empty", empty);
        });
      });
      show(matches);
      var total = data.items.length;
      var count = matches.length === total ? say("all", total) : say("some", total, {shown: matches.length});
      var said = matches.length > shown.length ? say("listed", shown.length, {count: count}) : count;
      var asked = [];
      facets.forEach(function (name) {
        // Cut short: the address is anyone's to write, and the page should not print a paragraph of it.
        unknown[name].forEach(function (value) {
          asked.push("“" + (value.length > 40 ? value.slice(0, 39) + "…" : value) + "”");
        });
      });
      if (asked.length > 3) asked = asked.slice(0, 3).concat(["…"]);
      // The filters on, by name: on a phone the folded panel hides them, and a shared address
      // showed "10 of 41 entries" without saying of what (an accessibility review).
      var on = [];
      facets.forEach(function (name) {
        boxes[name].forEach(function (box) {
          if (!box.checked) return;
          var label = box.closest("label");
          var text = "";
          label.childNodes.forEach(function (node) { if (node.nodeType === 3) text += node.textContent; });
          if (text.trim()) on.push(text.trim());
        });
      });
      if (on.length) said += " · " + on.join(", ");
      // An address asking for a value no entry has lists nothing: it says why, rather than an empty list.
      if (asked.length) said = say("unknown", asked.length, {count: said, values: asked.join(", ")});
      if (status.textContent !== said) status.textContent = said;
      return chosen;
    }

    function toUrl(chosen) {
      var params = new URLSearchParams();
      facets.forEach(function (name, f) {
        chosen[f].forEach(function (i) { params.append(name, data.values[name][i]); });
        unknown[name].forEach(function (value) { params.append(name, value); });
      });
      var query = params.toString();
      var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      window.history.replaceState(null, "", url);
    }

    function fromUrl() {
      var params = new URLSearchParams(window.location.search);
      facets.forEach(function (name) {
        // A value as the page writes it, else as typed by hand (`?tag=Day care`): its box is ticked.
        var found = {}, missing = [];
        params.getAll(name).forEach(function (value) {
          if (!value.trim()) return;  // `?tag=`: nothing asked for
          var i = index[name][value] !== undefined ? index[name][value] : loose[name][looser(value)];
          if (i === undefined) missing.push(value); else found[i] = true;
        });
        boxes[name].forEach(function (box, i) { if (box) box.checked = found[i] === true; });
        unknown[name] = missing;
      });
    }

    form.addEventListener("change", function () { limit = PAGE; toUrl(apply()); });
    more.addEventListener("click", function () { limit += PAGE; apply(); });
    form.addEventListener("reset", function () {
      facets.forEach(function (name) { unknown[name] = []; });
      limit = PAGE;
      // Let the form clear its boxes first.
      window.setTimeout(function () { toUrl(apply()); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("popstate", function () { fromUrl(); apply(); });

    // Shown once the script runs; on a phone folded away, so that the count and the first results
    // are on the first screen, one tap from the filters.
    var fold = root.querySelector("details.px-filters");
    if (fold) {
      fold.hidden = false;
      if (window.matchMedia && window.matchMedia("(max-width: 44.9375em)").matches) fold.open = false;
    }
    fromUrl();
    apply();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-px-catalogue]"), init);
  }

  // Material's instant navigation swaps pages without a load event.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
