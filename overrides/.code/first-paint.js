{
  // The palette toggle shows once Material runs ("essay:theme"): until
  // then its radio buttons, which have no size of their own, take no focus.
  const palette = document.querySelectorAll(".md-header__option .md-option")
  for (const input of palette) input.tabIndex = -1
  addEventListener(
    "essay:theme",
    () => {
      for (const input of palette) input.removeAttribute("tabindex")
    },
    { once: true },
  )

  // On a first visit, the palette whose media query matches the reader's
  // system, as Material will pick it: a reader with a dark system never
  // sees a light page. A stored choice, Material's own script applies.
  let stored = null
  try {
    stored = __md_get("__palette")
  } catch {} // blocked or corrupt: the system's palette, as on a first visit
  if (!stored) {
    const input = [...palette].find(input => matchMedia(input.getAttribute("data-md-color-media")).matches)
    for (const key of input ? ["scheme", "primary", "accent"] : [])
      document.body.setAttribute(`data-md-color-${key}`, input.getAttribute(`data-md-color-${key}`))
  }

  // The reader's reading settings, kept in this browser only, as
  // data-essay-size, -spacing and -width on <html>, before the first paint
  // of every page. A setting left at its default is not kept. The settings,
  // their values and defaults are the template's (first-paint.html): each
  // input names its setting (data-setting) and marks the default.
  const KEPT = "reading" // {"size": "l", ...}
  const root = document.documentElement
  const settings = document.getElementById("essay-settings-markup")
  const markup = document.createElement("template")
  markup.innerHTML = settings?.textContent ?? ""
  const names = new Set([...markup.content.querySelectorAll("input[data-setting]")].map(input => input.dataset.setting))
  const read = () => essayStore.get(KEPT) || {}
  const apply = chosen => {
    for (const name of names) {
      const attribute = `data-essay-${name}`
      typeof chosen[name] === "string" ? root.setAttribute(attribute, chosen[name]) : root.removeAttribute(attribute)
    }
  }
  apply(read())

  const place = document.querySelector(".md-header__option, .md-header label[for='__search']")
  if (settings && place) {
    place.before(markup.content)
    const panel = document.querySelector(".essay-settings")
    const show = () => {
      const chosen = read()
      for (const input of panel.querySelectorAll("input[data-setting]")) {
        const value = chosen[input.dataset.setting]
        input.checked = value ? value === input.value : input.hasAttribute("data-default")
      }
    }
    show()
    panel.addEventListener("change", event => {
      const chosen = read()
      const name = event.target.dataset.setting
      if (event.target.hasAttribute("data-default")) delete chosen[name]
      else chosen[name] = event.target.value
      essayStore.set(KEPT, Object.keys(chosen).length ? chosen : null)
      apply(chosen)
    })
    panel.querySelector(".essay-settings__reset").addEventListener("click", () => {
      essayStore.set(KEPT, null)
      apply({})
      show()
    })
    // A change made in another tab of the site shows here too.
    addEventListener("storage", event => {
      if (event.key !== essayStore.key(KEPT)) return
      apply(read())
      show()
    })
  }
}
