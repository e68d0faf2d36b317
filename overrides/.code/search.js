{
  // Search answers in the reader's own gesture, before Material runs as
  // after: the field shows and takes the caret at once (a phone opens its
  // keyboard only for a focus inside the tap), and what is typed stays in
  // it until Material's index answers; meanwhile its results say
  // "Initializing search". The keys /, s and f open it from anywhere but a
  // field, at every width: on narrow screens the closed search is hidden
  // from the keyboard, where Material's own focus() would fail.
  // This code runs in the head, before the header it works on exists: the
  // page can show its header before the scripts after it have run (a key
  // pressed then was lost), so it looks the field up as the reader asks.
  // The header's search button (header.js) opens it the same way: window.essaySearch.
  // Where the field shows in the header (WIDE, Material's breakpoint), the
  // caret comes first, as with Material: opening the search restyles the
  // whole header, which would hold back the frame that shows the caret, so
  // the search opens in the frame after it, if the field still has the
  // caret then.
  const WIDE = matchMedia("(min-width: 60em)")
  const search = {
    get toggle() {
      return document.getElementById("__search")
    },
    get input() {
      return document.querySelector(".md-search__input")
    },
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
  // Until Material runs ("essay:theme": window.essayTheme comes later, in
  // theme-wait.js), Enter in the field stays on the page (the form has no
  // address of its own to go to), and Escape closes the search.
  let theme = false
  addEventListener("essay:theme", () => (theme = true), { once: true })
  document.addEventListener("submit", event => {
    if (!theme && event.target === search.input?.form) event.preventDefault()
  })
  document.addEventListener("keydown", event => {
    if (theme || event.key !== "Escape" || event.target !== search.input || !search.toggle.checked) return
    search.toggle.click()
    search.input.blur()
  })
}
