{
  // On narrow screens the header opens the drawer and the search with
  // labels of hidden checkboxes, which the keyboard cannot reach and screen
  // readers cannot name. A real button takes each label's place: it opens
  // what the label opened, says whether it is open, and the search button
  // puts the caret in the search field. Escape closes the drawer.
  for (const [name, title] of [
    ["drawer", "Navigation"],
    ["search", "Search"],
  ]) {
    const toggle = document.getElementById(`__${name}`)
    const label = document.querySelector(`.md-header label[for="__${name}"]`)
    if (!toggle || !label) continue
    const button = document.createElement("button")
    button.type = "button"
    button.className = `${label.className} essay-toggle essay-toggle--${name}`
    button.setAttribute("aria-label", title)
    button.append(...label.childNodes)
    const expanded = () => button.setAttribute("aria-expanded", String(toggle.checked))
    expanded()
    toggle.addEventListener("change", expanded)
    button.addEventListener("click", () => (name === "search" ? essaySearch.open() : toggle.click()))
    label.replaceWith(button)
  }
  // While the drawer is open on a narrow screen, it is all there is: focus
  // moves to its first link, and what lies under its overlay is inert (no
  // focus, hidden from screen readers) until it closes. Once it closes (by
  // Escape, a tap on the overlay, or a part chosen in it) focus goes back to
  // the drawer's button. Instant navigation replaces the drawer's content,
  // so it is looked up each time.
  {
    const drawer = document.getElementById("__drawer")
    const button = () => document.querySelector(".essay-toggle--drawer")
    const narrow = matchMedia("(max-width: 76.234375em)")
    const kept = "input, label.md-overlay, script, style, template, link, meta"
    let under = []
    const update = () => {
      for (const element of under) element.inert = false
      under = []
      const sidebar = document.querySelector(".md-sidebar--primary")
      if (!drawer?.checked || !narrow.matches || !sidebar) return
      for (let node = sidebar; node.parentElement && node !== document.body; node = node.parentElement)
        for (const sibling of node.parentElement.children)
          if (sibling !== node && !sibling.inert && !sibling.matches(kept)) under.push(sibling)
      for (const element of under) element.inert = true
      sidebar.querySelector("a[href]")?.focus()
    }
    drawer?.addEventListener("change", () => {
      const focus = document.activeElement
      update()
      if (!drawer.checked && (focus === document.body || focus?.closest(".md-sidebar--primary"))) button()?.focus()
    })
    narrow.addEventListener("change", update)
    document.addEventListener("keydown", event => {
      if (event.key !== "Escape" || !drawer?.checked) return
      drawer.click()
      button()?.focus()
    })
  }

  // Material's search dialog has no accessible name: give it its input's.
  {
    const dialog = document.querySelector(".md-search[role=dialog]")
    const input = dialog?.querySelector("input[aria-label]")
    if (dialog && input) dialog.setAttribute("aria-label", input.getAttribute("aria-label"))
  }
}
