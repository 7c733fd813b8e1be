/* Wide tables: Material wraps every table in a scrolling box. Where the table is wider than
   the box, the box becomes a named, focusable region (so it can be scrolled with the
   keyboard) and a hint above it says it scrolls sideways. Re-checked on resize. */
(function () {
  "use strict";
  var HINT = "表格较宽，可左右滑动查看全部列 →";
  function update(box) {
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
    if (wide) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "可横向滚动的表格");
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }
  function all() {
    var boxes = document.querySelectorAll(".md-typeset .md-typeset__scrollwrap");
    for (var i = 0; i < boxes.length; i++) update(boxes[i]);
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
