/* Copy-link and cite buttons of task blocks. 复制链接 copies the page URL with the task's
   anchor. 引用 copies a citation: a GB/T 7714-2015 style reference and a BibTeX entry, from
   what the button records (plan title, issuer, document number and year of issue where they
   are recorded, task id and title, and the site's edition: its compiler, title, version and
   year) plus the permanent address (the
   page's canonical address, made from site_url, with the anchor; the page's own address where
   site_url is a local one) and today's date as the
   date accessed, and shows it below the buttons. Without the clipboard API it copies through
   a selected text area; a live region says what was copied. Local and dependency-free;
   without script the visible task id is itself the link. */
(function () {
  "use strict";
  /* The page's address without query (a search adds ?h=…) or fragment, plus the anchor. */
  function linkFor(anchor) {
    return location.href.split(/[?#]/)[0] + "#" + anchor;
  }
  /* The permanent address: the canonical page address (site_url) where the page has one that
     is published: a build without SITE_URL names `mkdocs serve`'s own address (127.0.0.1:8000),
     which no reader can follow, so such a copy is cited where it is read. */
  var LOOPBACK = /^(localhost|127(\.\d+){3}|\[::1\])$/;
  function permanent(anchor) {
    var canonical = document.querySelector('link[rel="canonical"]');
    var published = canonical && !LOOPBACK.test(new URL(canonical.href).hostname);
    var page = (published ? canonical.href : location.href).split(/[?#]/)[0];
    return anchor ? page + "#" + anchor : page;
  }
  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }
  function bibtex(value) { return value.replace(/[\\{}]/g, function (c) { return "\\" + c; }); }
  /* The dataset (the changelog page's 引用本数据集), GB/T 7714's [DS/OL], as a version of it: the address is that version's entry of the changelog,
     and the version is in the note too (BibTeX's standard styles print no version field). */
  function datasetCitation(d, url, seen) {
    var reference = (d.author ? d.author + ". " : "") + d.dataset + "[DS/OL]. 版本 " + d.version + ". " + d.issued + ". [" + seen + "]. " + url + ".";
    var fields = [
      "  title = {" + bibtex(d.dataset) + "}",
      d.author ? "  author = {{" + bibtex(d.author) + "}}" : null,
      "  version = {" + bibtex(d.version) + "}",
      "  year = {" + d.issued + "}",
      "  howpublished = {\\url{" + url + "}}",
      "  note = {" + bibtex("版本 " + d.version + "；访问日期 " + seen) + "}"
    ].filter(Boolean);
    return reference + "\n\n@misc{" + d.key + ",\n" + fields.join(",\n") + "\n}\n";
  }
  /* A plan, or a task of it, as a part of this site's edition (GB/T 7714's 析出文献 "//"): the
     issuer's title as the plan prints it, with its document number where one is recorded, then
     the edition it is read in (who made it, its title and version). The address is the
     edition's page: the government's own publication is not what the reader saw. */
  function citation(button) {
    var d = button.dataset, id = d.anchor, url = permanent(id), seen = today();
    if (d.kind === "dataset") return datasetCitation(d, url, seen);
    var title = d.planTitle + (d.docNumber ? "（" + d.docNumber + "）" : "") + (d.taskTitle ? "：任务 " + id + " " + d.taskTitle : "");
    var edition = d.dataset ? "//" + (d.compiler ? d.compiler + ". " : "") + d.dataset + (d.version ? ". 版本 " + d.version : "") + ". " + (d.released ? d.released : "") : ". ";
    var reference = (d.issuer ? d.issuer + ". " : "") + title + "[EB/OL]" + edition + "[" + seen + "]. " + url + ".";
    var inside = d.dataset ? "收入" + (d.compiler ? d.compiler + "整理的" : "") + "《" + d.dataset + "》" + (d.version ? "，版本 " + d.version : "") + "；" : "";
    var fields = [
      "  title = {" + bibtex(d.planTitle + (d.taskTitle ? "：任务 " + id + " " + d.taskTitle : "")) + "}",
      d.issuer ? "  author = {{" + bibtex(d.issuer) + "}}" : null,
      d.issued ? "  year = {" + d.issued + "}" : null,
      "  howpublished = {\\url{" + url + "}}",
      "  note = {" + bibtex((d.docNumber ? d.docNumber + "；" : "") + inside + "访问日期 " + seen) + "}"
    ].filter(Boolean);
    return reference + "\n\n@misc{" + d.key + ",\n" + fields.join(",\n") + "\n}\n";
  }
  /* What a screen reader hears once the text is copied: a button's name says which task it
     is for, so its changed text (已复制) alone would go unsaid. One polite live region. */
  var status;
  function region() {
    if (!status) {
      status = document.createElement("div");
      status.className = "site-sr-only";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    return status;
  }
  /* The region is in the page before the first copy: some screen readers miss what a region
     says in the moment it is created. */
  if (document.querySelector(".copy-link")) {
    if (document.body) region(); else document.addEventListener("DOMContentLoaded", region);
  }
  function announce(text) {
    region();
    status.textContent = "";
    setTimeout(function () { status.textContent = text; }, 50);
  }
  function done(button, text, said) {
    var old = button.textContent;
    button.textContent = text;
    announce(said);
    setTimeout(function () { button.textContent = old; }, 1500);
  }
  /* Without the clipboard API (a page served over plain http, or an older browser): copy
     through a selected text area; false if the browser refuses that too. */
  function copyBySelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "site-sr-only";
    var focused = document.activeElement;  /* selecting moves the focus: give it back */
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
    document.body.removeChild(area);
    if (focused && focused.focus) focused.focus();
    return copied;
  }
  /* A citation is shown where it was asked for, below the buttons, so that the reader sees
     what was copied and can select one of its two forms by hand. One at a time; 关闭 or
     Escape closes it. Built with the DOM, the text as text. */
  var preview, previewButton;
  function closePreview() {
    if (!preview) return;
    var inside = preview.contains(document.activeElement);
    if (preview.parentNode) preview.parentNode.removeChild(preview);
    if (inside) previewButton.focus();  /* the focus goes back to 引用, not to the page's top */
    preview = previewButton = null;
  }
  function showCitation(button, text) {
    closePreview();
    previewButton = button;
    preview = document.createElement("div");
    preview.className = "cite-preview";
    preview.setAttribute("role", "group");
    preview.setAttribute("aria-label", "引文");
    var pre = document.createElement("pre");
    pre.textContent = text;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "cite-preview__close";
    close.textContent = "关闭";
    close.addEventListener("click", function () { closePreview(); button.focus(); });
    preview.appendChild(pre);
    preview.appendChild(close);
    var meta = button.closest(".task-meta") || button.parentNode;
    meta.parentNode.insertBefore(preview, meta.nextSibling);
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && preview) closePreview();
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.copy-link");
    if (!button) return;
    var cite = button.classList.contains("cite-task");
    var text = cite ? citation(button) : linkFor(button.getAttribute("data-anchor"));
    var anchor = button.getAttribute("data-anchor");
    var said = cite ? "引文已复制，全文见按钮下方" : "链接已复制";
    if (cite) showCitation(button, text);
    function fallback() {
      if (copyBySelection(text)) done(button, "已复制", said);
      else if (!cite && anchor) location.hash = anchor;  /* a citation stays shown, to select by hand */
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done(button, "已复制", said); }, fallback);
    } else {
      fallback();
    }
  });
})();

/* A panel the reader opened (前序与后续, 相关条款) is open again when they come back: Back
   restores where the page was scrolled, not which panels were open, and the reader who
   followed a successor link returned among other tasks. The open panels are kept in the
   page's own history entry (nothing is stored elsewhere). */
(function () {
  "use strict";
  /* A panel is known by its place among the page's panels (the page is static) and its kind. */
  function panels() {
    return Array.prototype.slice.call(document.querySelectorAll("article details"));
  }
  function key(details, n) {
    return n + " " + details.className;
  }
  function save() {
    var open = panels().map(function (d, n) { return d.open ? key(d, n) : null; }).filter(Boolean);
    var state = Object.assign({}, history.state || {}, { openPanels: open });
    history.replaceState(state, "");
  }
  function restore() {
    var open = (history.state && history.state.openPanels) || [];
    if (!open.length) return;
    panels().forEach(function (details, n) {
      if (open.indexOf(key(details, n)) >= 0) details.open = true;
    });
  }
  document.addEventListener("toggle", function (event) {
    if (event.target.tagName === "DETAILS") save();
  }, true);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", restore);
  else restore();
})();

/* Escape hides a badge's explanation (a hover box over the lines below it) until the pointer
   leaves that badge: WCAG 1.4.13's "dismissible". */
(function () {
  "use strict";
  var root = document.documentElement;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var shown = document.querySelector(".tip:hover");
    if (!shown) return;
    root.classList.add("tips-off");
    shown.addEventListener("mouseleave", function () { root.classList.remove("tips-off"); }, { once: true });
  });
})();
