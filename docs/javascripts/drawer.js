/* The theme's navigation drawer, for the keyboard (phones and 200 % zoom, where the navigation
   is a drawer). Material opens it with a <label> for a hidden checkbox: a label takes no Tab
   stop, so a keyboard could not open the drawer, and the links of the closed drawer, off the
   screen, still took 27 Tab stops with the focus out of sight. Here the menu button is a
   button (Tab stop, Enter and Space, aria-expanded), and a closed drawer is inert. */
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var button = document.querySelector('.md-header label[for="__drawer"]');
  var drawer = document.querySelector(".md-sidebar--primary");
  if (!toggle || !button || !drawer) return;
  var narrow = window.matchMedia("(max-width: 76.234375em)");  /* Material's drawer breakpoint */
  button.setAttribute("role", "button");
  button.setAttribute("tabindex", "0");
  button.setAttribute("aria-label", "导航菜单");
  drawer.id = drawer.id || "site-drawer";
  button.setAttribute("aria-controls", drawer.id);
  function sync() {
    var hidden = narrow.matches && !toggle.checked;
    button.setAttribute("aria-expanded", String(toggle.checked));
    if (hidden) drawer.setAttribute("inert", ""); else drawer.removeAttribute("inert");
  }
  button.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    toggle.checked = !toggle.checked;
    toggle.dispatchEvent(new Event("change", { bubbles: true }));
    sync();
    if (toggle.checked) {
      var first = drawer.querySelector("a[href], label[tabindex], button");
      if (first) first.focus();
    }
  });
  drawer.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !toggle.checked) return;
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change", { bubbles: true }));
    sync();
    button.focus();
  });
  toggle.addEventListener("change", sync);
  if (narrow.addEventListener) narrow.addEventListener("change", sync);
  sync();
})();
