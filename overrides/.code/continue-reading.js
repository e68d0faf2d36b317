{
  // A part opened by "Continue reading" (continue-offer.js) goes back to
  // the paragraph the reader left at the top of the screen, just below the
  // header, as the page opens.
  const { RESUME, kept, header } = essayPlace
  const resume = essayStore.get(RESUME, true)
  essayStore.set(RESUME, null, true)
  const place = kept()
  if (resume?.url === location.pathname && place?.url === location.pathname && place.block > 0) {
    const article = document.querySelector(".essay-meta[data-part]")?.closest("article")
    const block = article?.children[place.block]
    if (block) scrollTo(0, block.getBoundingClientRect().top + scrollY - header())
  }
}
