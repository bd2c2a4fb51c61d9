/* practice-exchange catalogue: facets filter the listed entries; the state lives in the URL.
 *
 * An entry is shown when it carries every selected tag and, for each other
 * facet with a selection, one of the selected values. Each facet value shows
 * how many entries would be listed with it added to the current selection.
 */
(function () {
  "use strict";

  function init(root) {
    var form = root.querySelector("form.px-facets");
    var source = root.querySelector("script.px-catalogue-data");
    var items = root.querySelectorAll("ol.px-results > li");
    var status = root.querySelector(".px-status");
    if (!form || !source || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "");
    var data = JSON.parse(source.textContent);
    var facets = data.facets;
    var allRequired = {};
    data.all.forEach(function (name) { allRequired[name] = true; });

    // Per facet: value -> index, and the checkbox and count element of each index.
    var index = {}, boxes = {}, counts = {};
    // Values asked for in the URL that no entry has: kept, and they match nothing.
    var unknown = {};
    facets.forEach(function (name) {
      index[name] = {};
      data.values[name].forEach(function (value, i) { index[name][value] = i; });
      boxes[name] = [];
      counts[name] = [];
      unknown[name] = [];
    });
    Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (box) {
      var i = index[box.name] && index[box.name][box.value];
      if (i === undefined) return;
      boxes[box.name][i] = box;
      counts[box.name][i] = box.parentNode.querySelector(".px-count");
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

    function apply() {
      var chosen = selection();
      var tally = facets.map(function (name) { return data.values[name].map(function () { return 0; }); });
      var shown = 0;
      data.items.forEach(function (row, n) {
        var failed = -1, failures = 0;
        for (var f = 0; f < facets.length; f++) {
          if (!passes(row, f, chosen)) { failures++; failed = f; }
        }
        var visible = failures === 0;
        if (items[n].hidden === visible) items[n].hidden = !visible;
        if (visible) shown++;
        // A value's count: entries that would show were it selected too.
        for (var g = 0; g < facets.length; g++) {
          if (failures === 0 || (failures === 1 && failed === g && !allRequired[facets[g]])) {
            row[g].forEach(function (i) { tally[g][i]++; });
          }
        }
      });
      facets.forEach(function (name, f) {
        counts[name].forEach(function (el, i) {
          if (!el) return;
          el.textContent = String(tally[f][i]);
          el.parentNode.classList.toggle("px-empty", tally[f][i] === 0 && !boxes[name][i].checked);
        });
      });
      status.textContent = shown === data.items.length
        ? data.items.length + " entries"
        : shown + " of " + data.items.length + " entries";
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
        var wanted = params.getAll(name);
        boxes[name].forEach(function (box) { if (box) box.checked = wanted.indexOf(box.value) !== -1; });
        unknown[name] = wanted.filter(function (value) { return index[name][value] === undefined; });
      });
    }

    form.addEventListener("change", function () { toUrl(apply()); });
    form.addEventListener("reset", function () {
      facets.forEach(function (name) { unknown[name] = []; });
      // Let the form clear its boxes first.
      window.setTimeout(function () { toUrl(apply()); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("popstate", function () { fromUrl(); apply(); });

    form.hidden = false;
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
