{
  // On the home page: "Continue reading", to a reader who has started and
  // not finished, if the place kept names a part of this build (essayOffer,
  // with the line's data-parts); it runs again when instant navigation
  // brings the home page, as Material runs the scripts of a page it
  // brings. The link loads the page itself, so that continue-reading.js
  // finds the place as the page opens.
  const line = document.querySelector(".essay-continue[hidden]")
  let parts = []
  try {
    parts = JSON.parse(line?.dataset.parts)
  } catch {}
  const offered = essayOffer(essayPlace.kept(), parts, location.href)
  if (line && offered) {
    const link = line.appendChild(document.createElement("a"))
    link.href = offered.url
    link.textContent = `Continue reading: Part ${offered.part} – ${offered.title}`
    link.addEventListener(
      "click",
      event => {
        event.stopPropagation() // a page load, not instant navigation
        essayStore.set(essayPlace.RESUME, { url: offered.url }, true)
      },
      { capture: true },
    )
    line.hidden = false
  }
}
