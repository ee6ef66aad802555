/*
  Material's version selector is a button labelled "Select version" that shows "2026.3 latest":
  a screen reader user who hears the label cannot find the words on screen (WCAG 2.5.3, label in
  name). Give the button a name that starts with what it shows. The selector is drawn after the
  page loads (versions.json is fetched), so watch for it.
*/
(function () {
  "use strict";
  function name(button) {
    var shown = (button.textContent || "").replace(/\s+/g, " ").trim();
    var label = button.getAttribute("data-curriculum-label") || button.getAttribute("aria-label") || "";
    if (!shown) return;
    button.setAttribute("data-curriculum-label", label);
    var wanted = label ? shown + " (" + label + ")" : shown;
    if (button.getAttribute("aria-label") !== wanted) button.setAttribute("aria-label", wanted);
  }
  function all() {
    var buttons = document.querySelectorAll(".md-version__current");
    for (var i = 0; i < buttons.length; i++) name(buttons[i]);
  }
  all();
  new MutationObserver(all).observe(document.body, {childList: true, subtree: true});
})();
