{
  // Search answers in the reader's own gesture from the first paint on (this
  // code runs right after the header), before Material runs as after: the
  // field shows and takes the caret at once (a phone opens its
  // keyboard only for a focus inside the tap), and what is typed stays in
  // it until Material's index answers; meanwhile its results say
  // "Initializing search". The keys /, s and f open it from anywhere but a
  // field, at every width: on narrow screens the closed search is hidden
  // from the keyboard, where Material's own focus() would fail.
  // The header's search button (header.js) opens it the same way: window.essaySearch.
  // Where the field shows in the header (WIDE, Material's breakpoint), the
  // caret comes first, as with Material: opening the search restyles the
  // whole header, which would hold back the frame that shows the caret, so
  // the search opens in the frame after it, if the field still has the
  // caret then.
  const WIDE = matchMedia("(min-width: 60em)")
  const search = {
    toggle: document.getElementById("__search"),
    input: document.querySelector(".md-search__input"),
    open() {
      if (!this.toggle || !this.input) return
      if (!WIDE.matches || this.toggle.checked) return this.opened()
      this.input.focus()
      if (document.activeElement !== this.input) return this.opened()
      requestAnimationFrame(() => setTimeout(() => document.activeElement === this.input && this.opened()))
    },
    opened() {
      if (!this.toggle.checked) this.toggle.click()
      this.input.focus()
    },
  }
  window.essaySearch = search
  document.addEventListener(
    "keydown",
    event => {
      if (event.metaKey || event.ctrlKey || event.altKey || !["/", "s", "f"].includes(event.key)) return
      const field = "input:not([type=checkbox], [type=radio]), textarea, select, [contenteditable]"
      if (event.target.closest?.(field)) return
      event.preventDefault()
      search.open()
    },
    { capture: true },
  )
  // Until Material runs, Enter in the field stays on the page (the form has
  // no address of its own to go to), and Escape closes the search. This
  // code runs right after the header, before theme-wait.js: it listens for
  // "essay:theme" rather than reading window.essayTheme.
  let theme = false
  addEventListener("essay:theme", () => (theme = true), { once: true })
  search.input?.form.addEventListener("submit", event => theme || event.preventDefault())
  search.input?.addEventListener("keydown", event => {
    if (theme || event.key !== "Escape" || !search.toggle.checked) return
    search.toggle.click()
    search.input.blur()
  })
}
