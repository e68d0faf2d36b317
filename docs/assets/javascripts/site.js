// The site's own behaviour on top of Material for MkDocs.

// Material's search dialog has no accessible name: give it its input's.
// document$ emits on the first load and after every instant navigation.
document$.subscribe(() => {
  const dialog = document.querySelector(".md-search[role=dialog]")
  const input = dialog?.querySelector("input[aria-label]")
  if (dialog && input && !dialog.hasAttribute("aria-label"))
    dialog.setAttribute("aria-label", input.getAttribute("aria-label"))
})
