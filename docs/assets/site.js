// Secure Base: small enhancements on every page. Runs after each instant navigation.
(function () {
  "use strict";

  function setUp() {
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
