{
  // Where the reader left off, kept in this browser only: on every part
  // the reader has started (the opening, part 1, keeps nothing, so that
  // it never overwrites a later place or a finished reading), the
  // paragraph at the top of the screen, or, at the end of a part, the
  // next part's start; "finished" once the last part's end is in view.
  // The home page offers it as "Continue reading" (its line waits hidden
  // in essay-meta.html) if it names a part of this build, with the title
  // the build gives (the line's data-parts); that link loads the page
  // itself, so that the place is found as the page opens, just below
  // the header.
  {
    const PLACE = "place" // {"url", "part", "block"}, or {"finished": true}
    const RESUME = "resume" // in the session: {"url"} that a "Continue reading" link opened
    const keep = value => essayStore.set(PLACE, value)
    const kept = () => essayStore.get(PLACE)
    const header = () => document.querySelector(".md-header")?.getBoundingClientRect().bottom ?? 0
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

    // Opened by "Continue reading": back to the paragraph.
    const resume = essayStore.get(RESUME, true)
    essayStore.set(RESUME, null, true)
    const place = kept()
    if (resume?.url === location.pathname && place?.url === location.pathname && place.block > 0) {
      const article = document.querySelector(".essay-meta[data-part]")?.closest("article")
      const block = article?.children[place.block]
      if (block) scrollTo(0, block.getBoundingClientRect().top + scrollY - header())
    }

    // On the home page: the offer, to a reader who has started and not
    // finished; again whenever instant navigation brings the home page.
    const offer = () => {
      const line = document.querySelector(".essay-continue[hidden]")
      let parts = []
      try {
        parts = JSON.parse(line?.dataset.parts)
      } catch {}
      const offered = essayOffer(kept(), parts, location.href)
      if (!line || !offered) return
      const link = line.appendChild(document.createElement("a"))
      link.href = offered.url
      link.textContent = `Continue reading: Part ${offered.part} – ${offered.title}`
      link.addEventListener(
        "click",
        event => {
          event.stopPropagation() // a page load, not instant navigation: the place is found as it opens
          essayStore.set(RESUME, { url: offered.url }, true)
        },
        { capture: true },
      )
      line.hidden = false
    }
    offer()
    essayTheme.then(() => window.document$?.subscribe(offer))
  }
}
