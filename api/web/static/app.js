// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Show that a search is running after submitting a form.
  document.addEventListener("submit", function (event) {
    var button = event.target.querySelector("button[type=submit]");
    if (button) {
      button.setAttribute("aria-busy", "true");
      button.dataset.label = button.textContent;
      button.textContent = event.target.dataset.busy || "Searching…";
    }
  });
  // Restore the button when coming back through the history cache.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("button[aria-busy=true]").forEach(function (b) {
      b.removeAttribute("aria-busy");
      if (b.dataset.label) { b.textContent = b.dataset.label; }
    });
  });
  // Press "/" to jump to the question box.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var t = event.target;
    if (t && (t.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName))) { return; }
    var q = document.getElementById("q");
    if (q) { event.preventDefault(); q.focus(); q.select(); }
  });
  // Changing the sort order on the research page re-runs the search.
  var sort = document.getElementById("sort");
  if (sort && sort.form && document.getElementById("q").value) {
    sort.addEventListener("change", function () { sort.form.requestSubmit ? sort.form.requestSubmit() : sort.form.submit(); });
  }
  // Move keyboard focus to the highlighted passage so screen readers start there.
  var hl = document.getElementById("hl");
  if (hl && window.location.hash === "#hl") { hl.focus({ preventScroll: true }); }
})();
