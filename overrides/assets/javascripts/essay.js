// The site's behaviour on top of Material's, on every page: one file, which
// the browser keeps, rather than code repeated in every page's HTML (instant
// navigation fetches each part's HTML anew). It runs, deferred, before
// DOMContentLoaded; what needs Material waits for window.essayTheme, the
// promise that Material is running. partials/site-scripts.html loads it.

// Material's scripts, which the build holds back (hooks/theme_scripts.py),
// load once the reader has shown a sign of life (a key, a touch, a scroll,
// the pointer moving, focus) and that gesture is over: SETTLE_MS with no
// further sign. Their arrival is the longest task of a page on a phone, so
// it never lands in the middle of a tap or of a word being typed (search
// answers at once without them, below), and a tap on a link that leaves the
// page fetches nothing. They run in the order the theme wrote them, then
// Material starts on this page as DOMContentLoaded would have started it.
// A page the browser prerenders (the next part) starts Material in the
// background as soon as the reader has it running on another page of the
// site, now or in the last CACHED_MS (its files are in the cache then, as
// Pages lets browsers keep them for 10 minutes): the page is ready when the
// reader arrives, and a reader who never woke it is sent nothing more.
// Without the hook (Zensical) Material is running already. Either way,
// window.essayTheme resolves, and "essay:theme" is sent, once it runs.
const SETTLE_MS = 300
const CACHED_MS = 600_000
const WOKEN = "essay.theme" // localStorage: when Material last started on this site (ms since 1970)
window.essayTheme = new Promise(resolve => {
  const held = [...document.querySelectorAll('script[type="text/x-theme-script"]')]
  if (!held.length) return resolve()
  const start = () => {
    if (document.readyState === "loading")
      return document.addEventListener("DOMContentLoaded", () => setTimeout(start), { once: true })
    let started = false
    document$.subscribe(() => (started = true)).unsubscribe()
    if (!started) document$.next(document)
    try {
      localStorage.setItem(WOKEN, String(Date.now()))
    } catch {}
    resolve()
  }
  const signs = new AbortController()
  let added = false
  const add = () => {
    if (added) return
    added = true
    signs.abort()
    for (const [index, placeholder] of held.entries()) {
      const script = document.createElement("script")
      script.src = placeholder.dataset.src
      script.async = false
      if (index === held.length - 1) script.addEventListener("load", () => setTimeout(start))
      placeholder.replaceWith(script)
    }
  }
  let settling
  const load = () => {
    clearTimeout(settling)
    settling = setTimeout(add, SETTLE_MS)
  }
  if (document.prerendering) {
    const woken = () => {
      try {
        return Date.now() - Number(localStorage.getItem(WOKEN)) < CACHED_MS
      } catch {
        return false
      }
    }
    if (woken()) return add()
    const woke = event => event.key === WOKEN && document.prerendering && add()
    addEventListener("storage", woke, { signal: signs.signal })
  }
  for (const sign of ["focusin", "keydown", "pointerdown", "pointermove", "scroll", "touchstart", "wheel"])
    addEventListener(sign, load, { capture: true, passive: true, signal: signs.signal })
})
essayTheme.then(() => dispatchEvent(new Event("essay:theme")))

// Search answers in the reader's own gesture, before Material runs as
// after: the field shows and takes the caret at once (a phone opens its
// keyboard only for a focus inside the tap), and what is typed stays in
// it until Material's index answers; meanwhile its results say
// "Initializing search". The keys /, s and f open it from anywhere but a
// field, at every width: on narrow screens the closed search is hidden
// from the keyboard, where Material's own focus() would fail.
const search = {
  toggle: document.getElementById("__search"),
  input: document.querySelector(".md-search__input"),
  open() {
    if (!this.toggle || !this.input) return
    if (!this.toggle.checked) this.toggle.click()
    this.input.focus()
  },
}
document.addEventListener(
  "keydown",
  event => {
    if (event.metaKey || event.ctrlKey || event.altKey || !["/", "s", "f"].includes(event.key)) return
    if (event.target.closest?.("input:not([type=checkbox], [type=radio]), textarea, select, [contenteditable]")) return
    event.preventDefault()
    search.open()
  },
  { capture: true },
)
// Until Material runs, Enter in the field stays on the page (the form has
// no address of its own to go to), and Escape closes the search.
let theme = false
essayTheme.then(() => (theme = true))
search.input?.form.addEventListener("submit", event => theme || event.preventDefault())
search.input?.addEventListener("keydown", event => {
  if (theme || event.key !== "Escape" || !search.toggle.checked) return
  search.toggle.click()
  search.input.blur()
})

// On narrow screens the header opens the drawer and the search with
// labels of hidden checkboxes, which the keyboard cannot reach and screen
// readers cannot name. A real button takes each label's place: it opens
// what the label opened, says whether it is open, and the search button
// puts the caret in the search field. Escape closes the drawer.
for (const [name, title] of [["drawer", "Navigation"], ["search", "Search"]]) {
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
  button.addEventListener("click", () => (name === "search" ? search.open() : toggle.click()))
  label.replaceWith(button)
}
document.addEventListener("keydown", event => {
  const drawer = document.getElementById("__drawer")
  if (event.key !== "Escape" || !drawer?.checked) return
  drawer.click()
  document.querySelector(".essay-toggle--drawer")?.focus()
})

// Material's search dialog has no accessible name: give it its input's.
{
  const dialog = document.querySelector(".md-search[role=dialog]")
  const input = dialog?.querySelector("input[aria-label]")
  if (dialog && input) dialog.setAttribute("aria-label", input.getAttribute("aria-label"))
}

// The next part, ready before the reader asks for it. Where the browser
// supports Speculation Rules, their template (partials/site-scripts.html)
// joins the page once it has loaded, and the footer's links then go to the
// prerendered page as ordinary links do, so that it is shown at once:
// Material's instant navigation, which would fetch the page again and
// discard the prerender, does not see their clicks. Elsewhere (Firefox),
// the next part is prefetched into the cache, where instant navigation
// finds it.
if (HTMLScriptElement.supports?.("speculationrules")) {
  const rules = document.getElementById("essay-next-part")
  const speculate = () => setTimeout(() => rules && document.head.append(rules.content.cloneNode(true)))
  if (document.readyState === "complete") speculate()
  else addEventListener("load", speculate, { once: true })
  document.addEventListener(
    "click",
    event => {
      if (event.target.closest?.("a.md-footer__link")) event.stopPropagation()
    },
    { capture: true },
  )
} else {
  const next = document.querySelector("a.md-footer__link--next")
  if (next) document.head.append(Object.assign(document.createElement("link"), { rel: "prefetch", href: next.href }))
}
