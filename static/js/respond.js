// The evaluation form (progressive enhancement; the page works without it).
// After pressing send with questions open, the warning is the first thing in view and focused,
// and the "still open" count follows her answers as she gives them.
(function () {
  "use strict";
  var warning = document.getElementById("confirm-incomplete");
  if (warning) {
    warning.scrollIntoView({ block: "start" });
    warning.focus({ preventScroll: true });
  }
  var count = document.getElementById("open-count");
  var form = document.getElementById("respond-form");
  if (!count || !form) {
    return;
  }
  form.addEventListener("change", function () {
    var open = 0;
    form.querySelectorAll("fieldset[data-scale]").forEach(function (fieldset) {
      if (!fieldset.querySelector("input:checked")) {
        open += 1;
      }
    });
    count.textContent = String(open);
  });
})();
