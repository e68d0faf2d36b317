{
  // The next part, ready before the reader asks for it, asked for
  // NEXT_PART_AFTER_LOAD_MS after the page has loaded. Not sooner: a frame
  // reaches the screen a little after the page draws it, and no script
  // learns when. Asked for one frame after load, the next part was at times
  // requested before this page's largest paint was shown, and Lighthouse
  // then counted it before that paint (LCP 1.05 s instead of 0.91 s: one
  // run in twelve here, at least three of five in one CI run). A second is
  // far past the paint, far before a reader has read a part, and after the
  // first tap of a page opened in a new tab.
  // Where the browser supports Speculation Rules, their template (above)
  // joins the page, and the footer's links then go to the prerendered page
  // as ordinary links do, so that it is shown at once: Material's instant
  // navigation, which would fetch the page again and discard the
  // prerender, does not see their clicks. Elsewhere (Firefox), the next
  // part is prefetched into the cache, where instant navigation finds it.
  const NEXT_PART_AFTER_LOAD_MS = 1000
  const whenLoaded = then => {
    const wait = () => setTimeout(then, NEXT_PART_AFTER_LOAD_MS)
    if (document.readyState === "complete") wait()
    else addEventListener("load", wait, { once: true })
  }
  if (HTMLScriptElement.supports?.("speculationrules")) {
    const rules = document.getElementById("essay-next-part")
    whenLoaded(() => rules && document.head.append(rules.content.cloneNode(true)))
    document.addEventListener(
      "click",
      event => {
        if (event.target.closest?.("a.md-footer__link")) event.stopPropagation()
      },
      { capture: true },
    )
  } else {
    const next = document.querySelector("a.md-footer__link--next")
    if (next)
      whenLoaded(() =>
        document.head.append(Object.assign(document.createElement("link"), { rel: "prefetch", href: next.href })),
      )
  }
}
