// Secure Base: small enhancements on every page. Runs after each instant navigation.
(function () {
  "use strict";

  // Material's menu button is a <label>, which keyboards cannot reach and screen
  // readers do not announce as a button: put a real button in its place.
  function menuButton() {
    var toggle = document.getElementById("__drawer");
    var label = document.querySelector('.md-header label[for="__drawer"]');
    if (!toggle || !label) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    button.setAttribute("data-sb-menu", "");
    button.setAttribute("aria-label", "Site menu");
    while (label.firstChild) button.appendChild(label.firstChild);
    label.replaceWith(button);
    var sync = function () { button.setAttribute("aria-expanded", String(toggle.checked)); };
    sync();
    toggle.addEventListener("change", sync);
    button.addEventListener("click", function () {
      toggle.checked = !toggle.checked;
      toggle.dispatchEvent(new Event("change"));
      var first = document.querySelector(".md-sidebar--primary .md-nav__link[href]");
      // Into the menu once it has slid in and become visible.
      if (toggle.checked && first) setTimeout(function () { first.focus(); }, 300);
    });
  }

  // Escape closes the menu and hands focus back to its button.
  document.addEventListener("keydown", function (event) {
    var toggle = document.getElementById("__drawer");
    var button = document.querySelector(".md-header [data-sb-menu]");
    if (event.key !== "Escape" || !toggle || !toggle.checked) return;
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
    if (button) button.focus();
  });

  function setUp() {
    menuButton();
    // Glossary terms explain themselves on focus and tap too, not only on mouse hover.
    document.querySelectorAll(".md-typeset abbr:not([tabindex])").forEach(function (term) {
      term.setAttribute("tabindex", "0");
    });
  }

  if (window.document$) {
    window.document$.subscribe(setUp);
  } else {
    document.addEventListener("DOMContentLoaded", setUp);
  }
})();
