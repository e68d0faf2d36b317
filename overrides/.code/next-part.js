{
  // The next part, ready before the reader asks for it. This runs from the
  // file of code the first view does not need, which is asked for a while
  // after the page has loaded (essayLater, later-styles.js): a next part
  // asked for sooner was at times counted by Lighthouse before this page's
  // largest paint. That is far before a reader has read a part, and after
  // the first tap of a page opened in a new tab.
  // Where the browser supports Speculation Rules, their template (above)
  // joins the page, and the footer's links then go to the prerendered page
  // as ordinary links do, so that it is shown at once: Material's instant
  // navigation, which would fetch the page again and discard the
  // prerender, does not see their clicks. Elsewhere (Firefox), the next
  // part is prefetched into the cache, where instant navigation finds it.
  if (HTMLScriptElement.supports?.("speculationrules")) {
    const rules = document.getElementById("essay-next-part")
    if (rules) document.head.append(rules.content.cloneNode(true))
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
}
