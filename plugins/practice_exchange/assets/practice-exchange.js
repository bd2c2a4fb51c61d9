/* practice-exchange: click (or Enter on) a column heading of a listing to sort it. Each heading
   holds a button, so that assistive technology announces it as one, and says with `aria-sort`
   how the column is sorted (WAI-ARIA's sortable table). */
(function () {
  "use strict";

  function key(cell) {
    var value = cell.getAttribute("data-sort");
    return value !== null ? value : cell.textContent.trim().toLowerCase();
  }

  function compare(a, b) {
    var x = Number(a), y = Number(b);
    if (a !== "" && b !== "" && !isNaN(x) && !isNaN(y)) return x - y;
    return a.localeCompare(b);
  }

  function sortBy(table, column, heading) {
    var body = table.tBodies[0];
    var ascending = heading.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var order = compare(key(r1.cells[column]), key(r2.cells[column]));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.setAttribute("aria-sort", "none");
    });
    heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  // Whether the rows, as the page lists them, are in ascending order of a column, as sortBy sorts it.
  function ascending(table, column) {
    var rows = table.tBodies[0] ? table.tBodies[0].rows : [];
    for (var i = 1; i < rows.length; i++) {
      if (!rows[i - 1].cells[column] || !rows[i].cells[column]) return false;
      if (compare(key(rows[i - 1].cells[column]), key(rows[i].cells[column])) > 0) return false;
    }
    return rows.length > 0;
  }

  function enable(table) {
    // A listing comes in its kind's order, which the page does not name (a portal sets it, and may
    // override the template): the first column is said to be sorted when its rows are in its order.
    var sorted = ascending(table, 0);
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (heading, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "px-sort";
      while (heading.firstChild) button.appendChild(heading.firstChild);
      heading.appendChild(button);
      heading.setAttribute("aria-sort", column === 0 && sorted ? "ascending" : "none");
      button.addEventListener("click", function () { sortBy(table, column, heading); });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-px-sortable]"), enable);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* practice-exchange: a category or status badge's meaning, which the stylesheet shows beside the
   badge while it has the focus, is kept inside the window and put away with Escape (WCAG 1.4.13
   and 1.4.10). Escape leaves the focus on the badge, so that a keyboard user keeps their place. */
(function () {
  "use strict";

  var MARGIN = 8;  // CSS pixels between the meaning and the window's edge

  function isBadge(element) {
    return !!element && element.nodeType === 1 && element.matches(".px-badge[title]");
  }

  // The meaning is a pseudo-element, which has no box of its own to ask for: its width and the
  // badge's place tell where it ends, and `--px-tip-left` moves it back in where it would not fit.
  function place(badge) {
    badge.style.removeProperty("--px-tip-left");
    var tip = getComputedStyle(badge, "::after");
    if (tip.content === "none" || tip.content === "normal") return;
    var width = parseFloat(tip.width) || 0;
    if (tip.boxSizing === "content-box") width += parseFloat(tip.paddingLeft) + parseFloat(tip.paddingRight);
    var room = document.documentElement.clientWidth;
    var left = badge.getBoundingClientRect().left;
    var start = Math.max(MARGIN, Math.min(left, room - MARGIN - width));
    if (start !== left) badge.style.setProperty("--px-tip-left", (start - left) + "px");
  }

  document.addEventListener("focusin", function (event) {
    if (!isBadge(event.target)) return;
    event.target.classList.remove("px-badge--dismissed");
    place(event.target);
  });
  // Shown again the next time the badge is reached.
  document.addEventListener("focusout", function (event) {
    if (isBadge(event.target)) event.target.classList.remove("px-badge--dismissed");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") return;
    if (isBadge(document.activeElement)) document.activeElement.classList.add("px-badge--dismissed");
  });
  window.addEventListener("resize", function () {
    if (isBadge(document.activeElement)) place(document.activeElement);
  });
})();
