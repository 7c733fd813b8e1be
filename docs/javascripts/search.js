/* Search, as readers use it — loaded in <head>, before Material's bundle (overrides/main.html).

   1. The search index (search/search_index.json, about 90 KB gzip) is requested only when
      the reader opens search (focuses the search box, clicks the search icon or presses a
      search shortcut), or arrives from a search result (?h=… highlights the words; ?q=…
      opens search). Material requests it on every page view; here that request waits.
   2. Text put into the search box without a key press (pasted with the mouse, dropped,
      completed by an input method) is searched: Material reads the box on "keyup" only.
   3. Readers can narrow results to one plan: buttons above the results (全部规划, then one
      per plan, from the plans the index names), reached with Tab from the search box.
      The chosen plan travels with the query to the search worker as "query U+001F plan
      id"; the worker (build_scripts/publish/search_fix.py) drops results from other plans.
*/
(function () {
  "use strict";

  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  var WORKER = /\/workers\/search\.[0-9a-f]+\.min\.js(?:[?#]|$)/;
  var QUERY = 2; // Material's SearchMessageType.QUERY
  var SEPARATOR = "\u001f";
  var INPUT = "input[data-md-component=search-query]";

  /* ------------------------------------------------------------- 1. index on demand */

  var released = false;
  var waiting = [];

  function release() {
    if (released) return;
    released = true;
    waiting.splice(0).forEach(function (send) { send(); });
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchIndex = INDEX.test(String(url));
    /* Before Material's own listener, which aborts (and so empties) the request once done. */
    if (this.searchIndex) this.addEventListener("load", readPlans);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.searchIndex && !released) {
      var request = this, args = arguments;
      waiting.push(function () { send.apply(request, args); });
      return undefined;
    }
    return send.apply(this, arguments);
  };

  /* The plans, in the index's order, from the fields build_scripts/publish/search.py gives its
     documents (plan, label): the buttons of 3 appear once the index has arrived. */
  var plans = null;
  function readPlans() {
    if (this.status < 200 || this.status >= 300) return;
    var body = this.response;
    var text = typeof body === "string" ? Promise.resolve(body) : body.text();
    text.then(function (json) {
      var seen = {};
      plans = [];
      JSON.parse(json).docs.forEach(function (doc) {
        if (doc.plan && !seen[doc.plan]) {
          seen[doc.plan] = true;
          plans.push({ id: doc.plan, label: doc.label });
        }
      });
      showPlans();
    });
  }

  var params = new URLSearchParams(location.search);
  if (params.has("h") || params.has("q") || location.protocol === "file:") release();

  function opensSearch(event) {
    var target = event.target;
    if (!(target instanceof Element)) return false;
    return target.matches(INPUT) || target.id === "__search" ||
      target.closest("label[for=__search]") !== null;
  }
  ["focusin", "pointerdown", "click", "change"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (opensSearch(event)) release();
    }, true);
  });

  /* ------------------------------------------------------------- 3. one plan (transport) */

  var plan = "";
  var lastQuery = null;
  var searchWorker = null;
  var NativeWorker = window.Worker;
  if (typeof NativeWorker === "function") {
    var SiteWorker = function (url, options) {
      var worker = new NativeWorker(url, options);
      if (WORKER.test(String(url))) {
        searchWorker = worker;
        var post = worker.postMessage;
        worker.postMessage = function (message) {
          if (message && message.type === QUERY && typeof message.data === "string") {
            lastQuery = message.data;
            var data = plan ? message.data + SEPARATOR + plan : message.data;
            arguments[0] = { type: QUERY, data: data };
          }
          return post.apply(worker, arguments);
        };
      }
      return worker;
    };
    SiteWorker.prototype = NativeWorker.prototype;
    window.Worker = SiteWorker;
  }

  /* ------------------------------------------------------------- page set-up */

  var ready = false;
  function setUp() {
    var input = document.querySelector(INPUT);
    if (!input) return;

    /* 2. paste and other input without keys */
    input.addEventListener("input", function () {
      input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    });
    ready = true;
    showPlans();
  }

  /* 3. one plan (buttons), once the page and the index are there */
  var shown = false;
  function showPlans() {
    var input = document.querySelector(INPUT);
    var output = document.querySelector(".md-search__output");
    if (shown || !ready || !plans || !plans.length || !input || !output) return;
    shown = true;

    var bar = document.createElement("div");
    bar.className = "search-plans";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "限定规划");
    var label = document.createElement("span");
    label.className = "search-plans__label";
    label.textContent = "限定规划：";
    bar.appendChild(label);
    [{ id: "", label: "全部规划" }].concat(plans).forEach(function (p) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "search-plans__button";
      button.textContent = p.label;
      button.setAttribute("data-plan", p.id);
      button.setAttribute("aria-pressed", p.id === plan ? "true" : "false");
      button.addEventListener("click", function (event) {
        plan = p.id;
        bar.querySelectorAll("button").forEach(function (b) {
          b.setAttribute("aria-pressed", b === button ? "true" : "false");
        });
        if (searchWorker && lastQuery) searchWorker.postMessage({ type: QUERY, data: lastQuery });
        if (event.detail > 0) input.focus(); // a mouse click: back to typing; a key: stay here
      });
      bar.appendChild(button);
    });
    output.insertBefore(bar, output.firstChild);

    /* Keyboard: Material closes search on Tab. From the search box, Tab (and Shift+Tab)
       moves through the plan buttons first; Tab on the last one closes search as before.
       Any other key on a button (a letter) goes to the search box, as Material does. */
    var OWN_KEYS = ["Enter", " ", "Shift", "Control", "Alt", "Meta"];
    document.addEventListener("keydown", function (event) {
      var toggle = document.getElementById("__search");
      if (!toggle || !toggle.checked) return;
      var onButton = bar.contains(document.activeElement);
      if (onButton && OWN_KEYS.indexOf(event.key) >= 0) {
        /* Material sends every other key to the search box: a button keeps its own keys. */
        event.stopPropagation();
        return;
      }
      if (event.key !== "Tab" || event.altKey || event.ctrlKey || event.metaKey) return;
      var stops = [input].concat(Array.prototype.slice.call(bar.querySelectorAll("button")));
      var at = stops.indexOf(document.activeElement);
      if (at < 0) return;
      var next = at + (event.shiftKey ? -1 : 1);
      if (next < 0 || next >= stops.length) return;
      event.preventDefault();
      event.stopPropagation();
      stops[next].focus();
    }, true);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
