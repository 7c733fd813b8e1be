/* Wide tables and charts: Material wraps every table in a scrolling box, and a series chart
   keeps its own size on a phone (its figure scrolls). On a phone (NARROW) a table wider than
   the screen becomes cards instead: a card per row, each cell after its column's name
   (data-label, from the header; an empty cell is left out), so nothing lies beyond the screen; a
   table inside .phone-cards is always cards on a phone (a row of names and many counts, which
   would fit only with its names broken a character a line). Elsewhere, where the
   content is wider than the box, the box becomes a named, focusable region (so it can be
   scrolled with the keyboard) and a hint above it says it scrolls sideways. Re-checked on resize. */
(function () {
  "use strict";
  var NARROW = window.matchMedia("(max-width: 44.9375em)");  /* as the stylesheet's phone rule */

  /* A table as cards, if it has one header row and no merged cells; true if it now is. */
  function cards(table, on) {
    if (!on) { table.classList.remove("cards"); return false; }
    var head = table.tHead && table.tHead.rows.length === 1 ? table.tHead.rows[0] : null;
    if (!head || table.querySelector("[colspan], [rowspan]")) return false;
    var names = Array.prototype.map.call(head.cells, function (c) { return c.textContent.trim(); });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, i) {
          /* an empty cell (a total row's unsummed columns) is left out of its card */
          cell.classList.toggle("blank", i > 0 && !cell.textContent.trim());
          if (i > 0 && names[i]) cell.setAttribute("data-label", names[i]);
        });
      });
    });
    table.classList.add("cards");
    return true;
  }
  var KINDS = [
    [".md-typeset .md-typeset__scrollwrap", "表格较宽，可左右滑动查看全部列 →", "可横向滚动的表格"],
    [".md-typeset .indicator-chart-box figure", "图表较宽，可左右滑动查看全部 →", "可横向滚动的图表"],
    [".md-typeset .line-diagram figure", "脉络图较宽，可左右滑动查看全部规划（下方列表内容相同）", "可横向滚动的脉络图"]
  ];
  function update(box, HINT, NAME) {
    var table = box.tagName === "FIGURE" ? null : box.querySelector("table");
    if (table) {
      table.classList.remove("cards");  /* measure the table as it is, then decide */
      if (NARROW.matches && (box.scrollWidth > box.clientWidth + 1 || box.closest(".phone-cards"))) cards(table, true);
    }
    var hint = box.previousElementSibling;
    if (!hint || !hint.classList.contains("scroll-hint")) {
      hint = document.createElement("p");
      hint.className = "scroll-hint";
      hint.setAttribute("aria-hidden", "true");
      hint.textContent = HINT;
      box.parentNode.insertBefore(hint, box);
    }
    var wide = box.scrollWidth > box.clientWidth + 1;
    box.classList.toggle("scrolls", wide);
    hint.classList.toggle("shown", wide);
    if (wide) centreFocus(box);
    if (wide) {
      box.setAttribute("tabindex", "0");
      if (box.tagName !== "FIGURE") box.setAttribute("role", "region");  /* a figure keeps its role */
      box.setAttribute("aria-label", NAME);
    } else {
      box.removeAttribute("tabindex");
      if (box.tagName !== "FIGURE") box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }
  /* A policy-line diagram wider than the screen opens with its task (the red box) in the
     middle, not on the first plans' columns; once, so a reader's own scrolling stays. */
  function centreFocus(box) {
    var focus = box.querySelector(".node-focus rect");
    if (!focus || box.getAttribute("data-centred")) return;
    box.setAttribute("data-centred", "true");
    var r = focus.getBoundingClientRect(), b = box.getBoundingClientRect();
    box.scrollLeft += (r.left + r.width / 2) - (b.left + b.width / 2);
  }
  /* A code block wider than its box scrolls; the keyboard must reach it. Material makes it
     focusable only where the screen is not a touch screen (axe: scrollable-region-focusable
     on a phone). */
  function codes() {
    var blocks = document.querySelectorAll(".md-typeset pre > code");
    for (var i = 0; i < blocks.length; i++) {
      if (blocks[i].scrollWidth > blocks[i].clientWidth + 1) blocks[i].setAttribute("tabindex", "0");
    }
  }
  function all() {
    for (var k = 0; k < KINDS.length; k++) {
      var boxes = document.querySelectorAll(KINDS[k][0]);
      for (var i = 0; i < boxes.length; i++) update(boxes[i], KINDS[k][1], KINDS[k][2]);
    }
    codes();
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(all);
  } else {
    document.addEventListener("DOMContentLoaded", all);
  }
  var timer;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(all, 150);
  });
})();
