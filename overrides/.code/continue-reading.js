{
  // Where the reader left off, kept in this browser only (keep-place.js).
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
    window.essayPlace = { keep, header } // keep-place.js keeps it as the reader reads

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
