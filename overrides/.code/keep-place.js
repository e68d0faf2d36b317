{
  // Where the reader left off (place.js), kept as the reader reads: on every part the reader has started (the opening, part 1,
  // keeps nothing, so that it never overwrites a later place or a finished
  // reading), the paragraph at the top of the screen, or, at the end of a
  // part, the next part's start; "finished" once the last part's end is in
  // view. Kept a moment after each scroll, and as the page is left.
  const { keep, header } = window.essayPlace ?? {}
  const save = () => {
    const meta = document.querySelector(".essay-meta[data-part]")
    const article = meta?.closest("article")
    if (!article || document.prerendering) return
    const part = Number(meta.dataset.part)
    const parts = Number(meta.dataset.parts)
    if (part < 2) return
    const blocks = [...article.children]
    const last = blocks.findLast(block => block.matches("p, h2, h3, ul, ol, blockquote, table"))
    const top = header()
    if (last && last.getBoundingClientRect().bottom <= innerHeight) {
      if (part === parts) return keep({ finished: true })
      const next = document.querySelector("a.md-footer__link--next")
      if (next) keep({ url: new URL(next.href).pathname, part: part + 1, block: 0 })
      return
    }
    const block = blocks.findIndex(block => block.getBoundingClientRect().bottom > top)
    keep({ url: location.pathname, part, block: Math.max(block, 0) })
  }
  if (keep) {
    if (scrollY > 0) save() // a scroll before this code arrived
    window.essayPlace.keeping = true
    let saving
    addEventListener(
      "scroll",
      () => {
        clearTimeout(saving)
        saving = setTimeout(save, 300)
      },
      { passive: true },
    )
    addEventListener("pagehide", save)
  }
}
