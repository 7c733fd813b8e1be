/* Copy-link buttons of task blocks: copy the page URL with the task's anchor.
   Local and dependency-free; without script the visible task id is itself the link. */
(function () {
  "use strict";
  /* The page's address without query (a search adds ?h=…) or fragment, plus the anchor. */
  function linkFor(anchor) {
    return location.href.split(/[?#]/)[0] + "#" + anchor;
  }
  function done(button, text) {
    var old = button.textContent;
    button.textContent = text;
    setTimeout(function () { button.textContent = old; }, 1500);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.copy-link");
    if (!button) return;
    var url = linkFor(button.getAttribute("data-anchor"));
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(
        function () { done(button, "已复制"); },
        function () { location.hash = button.getAttribute("data-anchor"); });
    } else {
      location.hash = button.getAttribute("data-anchor");
    }
  });
})();
