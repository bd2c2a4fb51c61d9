/* practice-exchange: the header's search, answered by Pagefind (the plugin's option `search:
   pagefind`). Nothing of the index is fetched until the box opens; then Pagefind loads the chunks
   each query needs. Looks and behaves as the theme's search: the header's button or `/`, `s`, `f`
   open it, Escape closes it, the arrow keys move through the results, Enter opens one. The
   entries' facets (kind, tags, city, ...) filter the results. A result opened highlights the words
   searched for on its page. */
(function () {
  "use strict";

  var HIGHLIGHT = "pagefind-highlight";
  var PAGE = 10; // results drawn at a time

  var box = document.querySelector(".px-search");
  if (!box) return;
  var toggle = document.getElementById("__search");
  var form = box.querySelector("form");
  var input = form.elements.query;
  var fieldset = box.querySelector(".px-search__filters");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var more = box.querySelector(".px-search__more");
  var texts = JSON.parse(box.getAttribute("data-px-texts"));
  var config = JSON.parse(document.getElementById("__config").textContent);
  var translations = config.translations || {};
  var bundle = new URL(box.getAttribute("data-px-bundle"), location.href);
  var root = new URL("..", bundle); // the site's root: the bundle is its `pagefind/` folder

  var pagefind = null; // the module, once loaded
  var chosen = {}; // facet -> value
  var shown = []; // results of the last search, drawn up to `drawn`
  var drawn = 0;
  var asked = 0; // each search's number: a slower, older answer is dropped

  var tries = 0; // loads of Pagefind begun: a failed one is begun again, at another address
  var facets = false; // whether the list of filters was asked for

  function load() {
    if (!pagefind) {
      // A browser keeps a module that failed to load as failed: a retry asks for it anew.
      var url = new URL("pagefind.js", bundle);
      if (tries++) url.search = "?retry=" + tries;
      pagefind = import(url.href).then(function (module) {
        return module.options({ baseUrl: root.pathname, excerptLength: 24 }).then(function () {
          module.init();
          return module;
        });
      });
      var loading = pagefind;
      loading.catch(function () {
        meta.textContent = texts.failed;
        // Tried again at the next query: under `mkdocs serve` the index may just have been rewritten.
        if (pagefind === loading) pagefind = null;
      });
    }
    if (!facets) {
      facets = true;
      // The filters the box offers, written at build time: asking Pagefind for them would have it
      // count every filter's values for each query after, seconds at 20,000 entries.
      fetch(new URL(box.getAttribute("data-px-facets"), location.href).href)
        .then(function (response) { return response.json(); })
        .then(drawFilters)
        .catch(function () { /* the results stay unfiltered */ });
    }
    return pagefind;
  }

  function say(count) {
    var key = count === 0 ? "search.result.none" : count === 1 ? "search.result.one" : "search.result.other";
    return (translations[key] || "").replace("#", String(count));
  }

  /* The facets, as the catalogue has them: Pagefind filters by the values' names (slugs and
     codes), the box shows their labels. */
  function drawFilters(facets) {
    facets.forEach(function (facet) {
      if (facet.values.length < 2) return;
      var label = document.createElement("label");
      label.className = "px-search__filter";
      label.appendChild(document.createTextNode(facet.label));
      var select = document.createElement("select");
      select.setAttribute("data-facet", facet.name);
      var any = document.createElement("option");
      any.value = "";
      any.textContent = texts.any;
      select.appendChild(any);
      facet.values.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value[0];
        option.textContent = value[1] + " (" + value[2] + ")";
        select.appendChild(option);
      });
      select.addEventListener("change", function () {
        if (select.value) chosen[facet.name] = select.value; else delete chosen[facet.name];
        run();
      });
      label.appendChild(select);
      fieldset.appendChild(label);
    });
    fieldset.hidden = fieldset.querySelectorAll("select").length === 0;
  }

  /* Pagefind's excerpt marks the words found with <mark>; only those marks and the text are kept. */
  function excerpt(html) {
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body;
    var paragraph = document.createElement("p");
    (function copy(from, to) {
      Array.prototype.forEach.call(from.childNodes, function (node) {
        if (node.nodeType === Node.TEXT_NODE) {
          to.appendChild(document.createTextNode(node.nodeValue));
        } else if (node.nodeType === Node.ELEMENT_NODE && node.tagName === "MARK") {
          var mark = document.createElement("mark");
          mark.textContent = node.textContent;
          to.appendChild(mark);
        } else if (node.nodeType === Node.ELEMENT_NODE) {
          copy(node, to);
        }
      });
    })(parsed, paragraph);
    return paragraph;
  }

  function item(data, query) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var link = document.createElement("a");
    var target = new URL(data.url, location.href);
    // One parameter per word: Pagefind's highlighter marks each value as a whole phrase, so
    // `parents café` in one value marked nothing on a page holding both words apart.
    if (query) query.split(/\s+/).filter(Boolean).forEach(function (word) { target.searchParams.append(HIGHLIGHT, word); });
    link.href = target.href;
    link.className = "md-search-result__link";
    link.tabIndex = -1;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    article.appendChild(icon);
    var title = document.createElement("h1");
    title.textContent = (data.meta && data.meta.title) || data.url;
    article.appendChild(title);
    article.appendChild(excerpt(data.excerpt || ""));
    link.appendChild(article);
    li.appendChild(link);
    return li;
  }

  function drawMore(query, number) {
    var next = shown.slice(drawn, drawn + PAGE);
    drawn += next.length;
    more.hidden = drawn >= shown.length;
    return Promise.all(next.map(function (result) { return result.data(); })).then(function (pages) {
      if (number !== asked) return;
      pages.forEach(function (data) { list.appendChild(item(data, query)); });
    });
  }

  function run() {
    var query = input.value.trim();
    var number = ++asked;
    var filtered = Object.keys(chosen).length > 0;
    if (!query && !filtered) {
      list.textContent = "";
      more.hidden = true;
      meta.textContent = translations["search.result.placeholder"] || "";
      return Promise.resolve();
    }
    return load().then(function (module) {
      // Filters only when one is chosen: with them, Pagefind also counts every filter's values.
      var filters = {};
      Object.keys(chosen).forEach(function (facet) { filters[facet] = chosen[facet]; });
      return module.search(query || null, filtered ? { filters: filters } : {});
    }).then(function (found) {
      if (number !== asked || !found) return;
      shown = found.results;
      drawn = 0;
      list.textContent = "";
      meta.textContent = say(shown.length);
      return drawMore(query, number);
    }).catch(function (error) {
      if (pagefind) throw error; // else Pagefind could not be loaded, which the box says
    });
  }

  function open() {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    input.focus();
    input.select();
  }

  function close() {
    if (toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    input.blur();
  }

  var timer = null;
  var typed = ""; // the box's text at the last input
  input.addEventListener("input", function (event) {
    clearTimeout(timer);
    var query = input.value.trim();
    // A text pasted or dropped in (or set by a script, which says nothing of how) is searched at
    // once; one typed, or still being composed with an input method, once the typing settles, and
    // the chunks its words need start loading now.
    var whole = event.isComposing ? false : event.inputType
      ? /^insertFrom(Paste|Drop)/.test(event.inputType)
      : input.value.length - typed.length > 1;
    typed = input.value;
    if (whole) return void run();
    if (query) load().then(function (module) { module.preload(query); }, function () { /* said by load */ });
    timer = setTimeout(run, 120);
  });
  input.addEventListener("focus", function () { load(); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  form.addEventListener("reset", function () {
    typed = "";
    setTimeout(function () { run(); input.focus(); }, 0);
  });
  more.addEventListener("click", function () { drawMore(input.value.trim(), asked); });
  toggle.addEventListener("change", function () {
    if (toggle.checked) { load(); setTimeout(function () { input.focus(); }, 0); }
  });
  list.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a")) close();
  });

  function typing(element) {
    return element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (!toggle.checked) {
      if ((event.key === "/" || event.key === "s" || event.key === "f") && !typing(document.activeElement)) {
        event.preventDefault();
        open();
      }
      return;
    }
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!links.length || (document.activeElement !== input && at < 0)) return;
      event.preventDefault();
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) input.focus();
      else links[Math.min(next, links.length - 1)].focus();
    }
  });

  /* On a page opened from a result: the words searched for, highlighted in the page's own text. */
  if (new URLSearchParams(location.search).has(HIGHLIGHT)) {
    import(new URL("pagefind-highlight.js", bundle).href).then(function () {
      if (window.PagefindHighlight) {
        new window.PagefindHighlight({ highlightParam: HIGHLIGHT, markContext: "article.md-content__inner" });
      }
    }).catch(function () { /* the page is shown as it is */ });
  }
})();
