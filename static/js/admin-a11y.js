// Management site (issue 15). Django's SelectFilter2 gives the search icon of a two-list
// selector an aria-label on a plain <span>, where ARIA forbids one (axe aria-prohibited-attr).
// After the selectors are built on "load", the help text moves to a tooltip (title); the
// search box keeps its own label.
window.addEventListener("load", () => {
  window.setTimeout(() => {
    document.querySelectorAll("span.help-tooltip[aria-label]").forEach((icon) => {
      icon.title = icon.getAttribute("aria-label");
      icon.removeAttribute("aria-label");
    });
  }, 0);
});
