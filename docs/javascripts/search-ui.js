/* 站内搜索：对话框 — the search dialog, on every page (after search-engine.js).

   Independent of the theme: it needs nothing of the page but <body>. Where the theme has a
   header bar (.md-header__inner) the search button goes there, else it floats at the top.
   The index (search/, written by build_scripts/website/search/index.py) is requested only when
   the reader opens search, or arrives with ?q= (opens search with that query, and ?plan= and
   ?kind= with its filters: a shareable search, and Back from a result gives the same list) or
   ?h= (a result's page: the words are marked, then ?h= leaves the address so a copied link is
   clean).

   For readers: one button or "/" (where no control has the focus) opens the dialog; the box searches as they
   type (after an input method has finished composing); buttons narrow to one plan and to one
   kind (任务、术语、指标、脉络); each result is one link (title, kind, plan and years, crumbs,
   task id, a snippet with the words marked), so Tab reaches every result, and the arrow keys
   move between them; a live region says how many were found; Escape closes.
   For tests and assistive tools: the list carries data-search-results (and data-state:
   "busy", "done" or "failed" when the index did not load, with data-query: the query it
   answers), each result data-search-result. */
(function () {
  "use strict";

  var L = {
    open: "搜索",
    dialog: "站内搜索",
    placeholder: "任务标题、编号、术语或原文片段",
    input: "搜索任务标题、任务编号、术语或原文片段",
    close: "关闭",
    plans: "限定规划",
    allPlans: "全部规划",
    kinds: "限定类别",
    allKinds: "全部类别",
    kindButtons: ["task", "term", "indicator", "line"],
    loading: "正在载入索引……",
    failed: "搜索索引未能载入，请检查网络后点按“重试”。",
    retry: "重试",
    found: function (n, partial) { return "找到 " + n + " 条结果" + (partial ? "（另有 " + partial + " 条部分相符）" : ""); },
    onlyPartial: function (q, n) { return "没有完整包含「" + q + "」的结果；" + n + " 条部分相符"; },
    none: function (q) { return "没有找到包含「" + q + "」的结果"; },
    short: "请至少输入两个字",
    suggest: "您是不是要找：",
    suggestResults: function (form, q) { return "没有找到「" + q + "」，以下是「" + form + "」的结果"; },
    more: function (n) { return "显示更多结果（还有 " + n + " 条）"; },
    partial: function (q, held) { return "未含完整的「" + q + "」" + (held && held.length ? "，含：" + held.join("、") : ""); },
    relation: {
      variant: function (shown, q) { return "含「" + shown + "」（与「" + q + "」同指）"; },
      earlier: function (shown, q) { return "含「" + shown + "」（「" + q + "」的曾用名）"; },
      later: function (shown, q) { return "含「" + shown + "」（「" + q + "」的后称）"; },
    },
  };
  var PAGE = 50; // results rendered at once (the rest on 显示更多)
  var SNIPPETS = 10; // snippets read before the list says it is done (the rest as they scroll into view)
  var WIDTH = 80; // snippet length, characters
  var DELAY = 120; // ms of quiet typing before a search

  var script = document.currentScript;
  var base = new URL("../", script ? script.src : location.href); // javascripts/ → site root
  var index = null;

  function engine() {
    if (!index) index = new window.SiteSearchEngine.Index(new URL("search/", base).href);
    return index;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  var ICON = "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5z";

  function icon() {
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", ICON);
    svg.appendChild(path);
    return svg;
  }

  /* ------------------------------------------------------------------ the dialog */

  var ui = null;
  var state = { plan: "", kind: "", seq: 0, timer: 0, composing: false, shown: 0, result: null };

  function build() {
    var input = el("input", {
      type: "search", id: "site-search-input", class: "site-search__input", "aria-label": L.input,
      placeholder: L.placeholder, autocomplete: "off", autocapitalize: "off", spellcheck: "false", enterkeyhint: "search",
    });
    var close = el("button", { type: "button", class: "site-search__close", text: L.close });
    var form = el("form", { class: "site-search__form", role: "search" }, [icon(), input, close]);
    var plans = el("div", { class: "site-search__filters", role: "group", "aria-label": L.plans });
    var kinds = el("div", { class: "site-search__filters", role: "group", "aria-label": L.kinds });
    var status = el("p", { class: "site-search__status", role: "status", "aria-live": "polite" });
    var suggest = el("p", { class: "site-search__suggest", hidden: "" });
    var list = el("ol", { class: "site-search__results", "data-search-results": "", "data-state": "idle" });
    var more = el("button", { type: "button", class: "site-search__more", hidden: "" });
    var body = el("div", { class: "site-search__body" }, [plans, kinds, status, suggest, list, more]);
    var dialog = el("dialog", { id: "site-search", class: "site-search", "aria-label": L.dialog }, [
      el("div", { class: "site-search__inner" }, [form, body]),
    ]);
    document.body.appendChild(dialog);
    var opener = document.querySelector(".site-search-button");
    if (opener) opener.setAttribute("aria-controls", dialog.id);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("[data-search-result] a");
      if (first) first.click();
    });
    input.addEventListener("compositionstart", function () { state.composing = true; });
    input.addEventListener("compositionend", function () { state.composing = false; schedule(0); });
    input.addEventListener("input", function () { if (!state.composing) schedule(DELAY); });
    close.addEventListener("click", function () { closeSearch(); });
    dialog.addEventListener("close", function () { setAddress(""); });
    dialog.addEventListener("click", function (event) { if (event.target === dialog) closeSearch(); });
    dialog.addEventListener("keydown", arrows);
    more.addEventListener("click", function () {
      var first = ui.list.querySelectorAll("[data-search-result]").length;
      // the button hides when nothing more is left: the focus goes to the first result it added
      renderMore(state.seq).then(function () {
        var added = ui.list.querySelectorAll("[data-search-result]")[first];
        var link = added && added.querySelector("a");
        if (link) link.focus();
      });
    });
    ui = { dialog: dialog, input: input, plans: plans, kinds: kinds, status: status, suggest: suggest, list: list, more: more };
    return ui;
  }

  function filterButton(group, label, value, key) {
    var button = el("button", { type: "button", class: "site-search__filter", "aria-pressed": String(state[key] === value), "data-value": value, text: label });
    button.setAttribute("data-" + key, value);
    button.addEventListener("click", function () {
      state[key] = value;
      group.querySelectorAll("button").forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
      schedule(0);
    });
    group.appendChild(button);
  }

  function filters(head) {
    if (ui.plans.childNodes.length) return;
    // an address may name a plan or kind this index does not have: then no filter
    if (!head.plans.some(function (p) { return p[0] === state.plan; })) state.plan = "";
    if (L.kindButtons.indexOf(state.kind) < 0) state.kind = "";
    filterButton(ui.plans, L.allPlans, "", "plan");
    head.plans.forEach(function (p) { filterButton(ui.plans, p[1], p[0], "plan"); });
    var labels = {};
    head.kinds.forEach(function (k) { labels[k[0]] = k[1]; });
    filterButton(ui.kinds, L.allKinds, "", "kind");
    L.kindButtons.forEach(function (k) { if (labels[k]) filterButton(ui.kinds, labels[k], k, "kind"); });
  }

  function openSearch(query) {
    var u = ui || build();
    if (!u.dialog.open) u.dialog.showModal();
    if (typeof query === "string") u.input.value = query;
    u.input.focus();
    engine().open().then(function (idx) { filters(idx.head); }, function () { if (!u.input.value) u.status.textContent = L.failed; });
    if (u.input.value) schedule(0);
  }

  function closeSearch() {
    if (ui && ui.dialog.open) ui.dialog.close();
    setAddress(""); // now: the dialog's close event comes a task later
  }

  /* The address says what is searched, filters included, so that Back from a result (or a
     shared link) gives the same list. */
  function setAddress(query) {
    var url = new URL(location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    ["plan", "kind"].forEach(function (key) {
      if (query && state[key]) url.searchParams.set(key, state[key]); else url.searchParams.delete(key);
    });
    if (url.href !== location.href) history.replaceState(history.state, "", url.href);
  }

  function schedule(delay) {
    clearTimeout(state.timer);
    state.timer = setTimeout(run, delay);
  }

  /* ------------------------------------------------------------------ results */

  function run() {
    var query = ui.input.value, seq = ++state.seq;
    setAddress(query.trim() ? query : "");
    ui.list.setAttribute("data-state", "busy");
    ui.list.setAttribute("data-query", query);
    if (!query.trim()) { show(seq, null); return; }
    if (!engine().head) ui.status.textContent = L.loading;
    engine().search(query, { plan: state.plan, kind: state.kind }).then(
      function (result) { show(seq, result); },
      function () { failed(seq); }
    );
  }

  /* The index (or a file of it) did not load: no earlier query's results stay under the
     message, and 重试 asks again (the engine forgets a failed download). */
  function failed(seq) {
    if (seq !== state.seq) return;
    show(seq, null);
    ui.status.textContent = L.failed;
    ui.list.setAttribute("data-state", "failed");
    var retry = el("button", { type: "button", class: "site-search__retry", text: L.retry });
    retry.addEventListener("click", function () { schedule(0); ui.input.focus(); });
    ui.suggest.appendChild(retry);
    ui.suggest.hidden = false;
  }

  function show(seq, result) {
    if (seq !== state.seq) return;
    state.result = result;
    state.shown = 0;
    ui.list.textContent = "";
    ui.suggest.hidden = true;
    ui.suggest.textContent = "";
    ui.more.hidden = true;
    if (!result) { ui.status.textContent = ""; done(seq); return; }
    if (result.suggestion) {
      var link = el("a", { href: address(result.suggestion.form), text: result.suggestion.form });
      link.addEventListener("click", function (event) { event.preventDefault(); openSearch(result.suggestion.form); });
      ui.suggest.appendChild(document.createTextNode(L.suggest));
      ui.suggest.appendChild(link);
      ui.suggest.hidden = false;
    }
    renderMore(seq);
  }

  function address(query) {
    var url = new URL(location.href);
    url.searchParams.set("q", query);
    url.hash = "";
    return url.href;
  }

  function renderMore(seq) {
    var result = state.result, hits = result.hits.slice(state.shown, state.shown + PAGE);
    var start = state.shown;
    state.shown += hits.length;
    var items = hits.map(function (hit) {
      var li = el("li", { class: "site-search__result", "data-search-result": "", "data-kind": hit.kind, "data-plan": hit.plan });
      ui.list.appendChild(li);
      return li;
    });
    var idx = engine();
    var cards = hits.map(function (hit, n) { return fill(idx, items[n], hit, result, start + n < SNIPPETS); });
    return Promise.all(cards).then(function () {
      if (seq !== state.seq) return;
      var rest = result.hits.length - state.shown;
      ui.more.hidden = rest <= 0;
      ui.more.textContent = rest > 0 ? L.more(rest) : "";
      done(seq);
    });
  }

  function done(seq) {
    var result = state.result;
    if (seq !== state.seq) return;
    var text = "";
    if (result && result.state === "short") text = L.short;
    else if (result && result.hits.length) {
      var partial = result.hits.filter(function (h) { return h.level < 1 && !h.exact; }).length;
      text = partial === result.hits.length ? L.onlyPartial(result.query.trim(), partial) : L.found(result.hits.length - partial, partial);
      if (result.suggestion) text = L.suggestResults(result.suggestion.form, result.query.trim()) + "，" + text;
    }
    else if (result) text = L.none(result.query.trim());
    ui.status.textContent = text;
    ui.list.setAttribute("data-state", "done");
  }

  var observer = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting && entry.target.loadSnippet) {
        observer.unobserve(entry.target);
        entry.target.loadSnippet();
      }
    });
  }) : null;

  /* One card: the link with title, meta line and, now or when it scrolls into view, the snippet. */
  function fill(idx, li, hit, result, eager) {
    return idx.card(hit.doc).then(function (card) {
      var head = idx.head;
      var a = el("a", { href: resultHref(card.url, result, hit.held) });
      var title = el("span", { class: "site-search__title" });
      marked(title, idx.snippet(card.title, hit.held || result.marks, 10000), card.title);
      a.appendChild(title);
      a.appendChild(meta(head, hit, card));
      var snippet = el("span", { class: "site-search__snippet" });
      a.appendChild(snippet);
      var query = result.suggestion ? result.suggestion.form : result.query.trim();
      var why = null;
      if (hit.relation && L.relation[hit.relation]) {
        why = el("span", { class: "site-search__why", text: L.relation[hit.relation](hit.shown, query) });
      } else if (hit.level < 1 && !hit.exact) {
        why = el("span", { class: "site-search__why", text: L.partial(query, hit.held) });
      }
      if (why) a.appendChild(why);
      li.appendChild(a);
      var load = function () {
        return idx.text(hit.doc).then(function (text) {
          var marks = hit.held || result.marks;
          if (why && hit.held && !hit.read) { // a partial match the engine did not read: what its text holds
            marks = idx.heldRuns(idx.hay(card.title, text), result.parts);
            why.textContent = L.partial(query, marks);
            marked(title, idx.snippet(card.title, marks, 10000), card.title);
            a.href = resultHref(card.url, result, marks);
          }
          marked(snippet, idx.snippet(text, marks, WIDTH), text.slice(0, WIDTH), true);
        });
      };
      if (eager || !observer) return load();
      li.loadSnippet = load;
      observer.observe(li);
      return null;
    });
  }

  function meta(head, hit, card) {
    var parts = [];
    var kind = head.kinds.filter(function (k) { return k[0] === hit.kind; })[0];
    var plan = head.plans.filter(function (p) { return p[0] === hit.plan; })[0];
    var crumbs = card.crumbs.slice();
    if (plan) crumbs.unshift(plan[1] + "（" + plan[2] + "）"); // the index leaves the plan's crumb to the head
    if (kind && crumbs[0] === kind[1]) crumbs.shift(); // 术语 › … after the kind 术语 said it twice
    var line = el("span", { class: "site-search__meta" });
    if (kind) {
      line.appendChild(el("span", { class: "site-search__kind", text: kind[1] }));
      line.appendChild(document.createTextNode(" "));
    }
    parts.push(crumbs.join(" › "));
    var anchor = card.url.split("#")[1];
    if (hit.kind === "task" && anchor) parts.push(anchor);
    line.appendChild(document.createTextNode(parts.filter(Boolean).join(" · ")));
    return line;
  }

  function marked(node, snippet, fallback, ellipsis) {
    node.textContent = "";
    if (!snippet) { node.textContent = fallback + (ellipsis && fallback.length >= WIDTH ? "……" : ""); return; }
    if (ellipsis && snippet.before) node.appendChild(document.createTextNode("……"));
    snippet.pieces.forEach(function (p) {
      node.appendChild(p.mark ? el("mark", { text: p.text }) : document.createTextNode(p.text));
    });
    if (ellipsis && snippet.after) node.appendChild(document.createTextNode("……"));
  }

  /* The result's address with ?h= (the words to mark there) before its anchor: the query, or
     the runs of it that a partial match holds (the whole query is not on that page; runs of two
     characters only where there is no longer one: 建设 would be marked all over the page). */
  function resultHref(url, result, held) {
    var target = new URL(url, base);
    var long = (held || []).filter(function (run) { return Array.from(run).length > 2; });
    var runs = long.length ? long : held || [];
    var words = runs.length ? runs.join(" ") : result.suggestion ? result.suggestion.form : result.query.trim();
    target.searchParams.set("h", words);
    return target.href;
  }

  /* Arrow keys: from the box to the first result, and between results. Escape closes at once
     (in a search box the browser would first only empty it). */
  function arrows(event) {
    if (event.key === "Escape") {
      event.preventDefault();
      closeSearch();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(ui.list.querySelectorAll("[data-search-result] a"));
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    var next = at < 0 ? (event.key === "ArrowDown" ? 0 : -1) : at + (event.key === "ArrowDown" ? 1 : -1);
    if (next < 0) { if (at >= 0) { event.preventDefault(); ui.input.focus(); } return; }
    if (next >= links.length) return;
    event.preventDefault();
    links[next].focus();
  }

  /* ------------------------------------------------------------------ a result's page */

  /* Mark the searched words where the result opened: in the task (or section) the address
     points at, else in the page's main text; bring the first mark into view (a page without an
     anchor opens at its top, a long task at its title); then drop ?h= from the address. */
  function highlightArrival(words) {
    var root = document.querySelector("article.md-content__inner, main, body");
    var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (target) root = target.closest("article, section, li, tr") || target;
    engine().open().then(function (idx) {
      var marks = idx.marks(words);
      if (!markIn(root, idx, marks, BLOCKS)) markIn(root, idx, marks, null); // a phrase across paragraphs
      reveal(root.querySelector("mark.site-search-hit"));
      var url = new URL(location.href);
      url.searchParams.delete("h");
      history.replaceState(history.state, "", url.href);
    });
  }

  /* Scroll a mark to the middle of the screen unless the reader sees it already (below the
     fixed header, above the bottom). */
  function reveal(mark) {
    if (!mark) return;
    var box = mark.getBoundingClientRect(), header = document.querySelector(".md-header");
    var top = header ? header.getBoundingClientRect().bottom : 0;
    if (box.top >= top && box.bottom <= window.innerHeight) return;
    mark.scrollIntoView({ block: "center" });
  }

  /* A block's text is read whole: a phrase copied from a task often runs through a glossary
     link or a figure's mark (逐步建立<a>市民健康档案</a>数据库, 用户数达到<mark>1470万户</mark>),
     so its places are found in the block's text and each text node's share of a place is
     marked. Without `blocks` the root is one block: a phrase copied across two paragraphs.
     Returns how many places were marked. */
  var BLOCKS = "p, li, td, th, dt, dd, h1, h2, h3, h4, h5, h6, blockquote, figcaption, summary";

  function markIn(root, idx, marks, blockSelector) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        // not in folded-away parts (a task's lineage panel): a mark there would be out of sight
        return n.parentNode.closest("script, style, mark.site-search-hit, .headerlink, button, details:not([open])") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      },
    });
    var blocks = [], nodesOf = new Map(), count = 0;
    while (walker.nextNode()) {
      var node = walker.currentNode, block = blockSelector ? node.parentNode.closest(blockSelector) : root;
      if (!block || !root.contains(block)) block = root;
      if (!nodesOf.has(block)) { nodesOf.set(block, []); blocks.push(block); }
      nodesOf.get(block).push(node);
    }
    blocks.forEach(function (block) {
      var nodes = nodesOf.get(block);
      var places = idx.places(nodes.map(function (n) { return n.data; }).join(""), marks);
      count += places.length;
      var start = 0;
      nodes.forEach(function (node) {
        var end = start + node.data.length;
        var cuts = places
          .filter(function (p) { return p[0] < end && p[1] > start; })
          .map(function (p) { return [Math.max(p[0], start) - start, Math.min(p[1], end) - start]; })
          .filter(function (c) { return node.data.slice(c[0], c[1]).trim(); }); // not the line breaks between paragraphs
        if (cuts.length) markNode(node, cuts);
        start = end;
      });
    });
    return count;
  }

  /* Replace a text node by its pieces, the [from, to) cuts in <mark>. */
  function markNode(node, cuts) {
    var data = node.data, frag = document.createDocumentFragment(), at = 0;
    cuts.forEach(function (c) {
      if (c[0] > at) frag.appendChild(document.createTextNode(data.slice(at, c[0])));
      frag.appendChild(el("mark", { class: "site-search-hit", text: data.slice(c[0], c[1]) }));
      at = c[1];
    });
    if (at < data.length) frag.appendChild(document.createTextNode(data.slice(at)));
    node.parentNode.replaceChild(frag, node);
  }

  /* ------------------------------------------------------------------ set-up */

  function mountButton() {
    // aria-controls is set when the dialog exists (build): it named an element not yet there
    var button = el("button", { type: "button", class: "site-search-button", "aria-haspopup": "dialog", title: L.open + "（/）" }, [
      icon(), el("span", { class: "site-search-button__label", text: L.open }),
    ]);
    button.addEventListener("click", function () { openSearch(); });
    var header = document.querySelector(".md-header__inner");
    if (header) {
      var before = header.querySelector(".md-header__source");
      header.insertBefore(button, before);
    } else {
      button.classList.add("site-search-button--floating");
      document.body.appendChild(button);
    }
  }

  function typing(target) {
    return target instanceof Element && (target.closest("input, textarea, select, [contenteditable]") !== null);
  }

  /* "/" opens search where nothing has the focus (the page itself): on a link or a button, a
     stray key or a speech command's letter does nothing (WCAG 2.1.4); "s" and "f" no longer. */
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var onPage = !document.activeElement || document.activeElement === document.body || document.activeElement === document.documentElement;
    if ((ui && ui.dialog.open) || event.key !== "/" || !onPage) return;
    event.preventDefault();
    event.stopPropagation();
    openSearch();
  }, true);

  function setUp() {
    mountButton();
    var params = new URLSearchParams(location.search);
    state.plan = params.get("plan") || "";
    state.kind = params.get("kind") || "";
    if (params.get("q")) openSearch(params.get("q"));
    else if (params.get("h")) highlightArrival(params.get("h"));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
