{
  // What the first paint does not need comes later: at the reader's first
  // sign of life (a key, a touch, a scroll, the pointer moving, focus, or
  // printing), or LATER_MS after the page has loaded, whichever is first.
  // Not sooner: Lighthouse counts a request that ends before the largest
  // paint as one the paint waited for (it did, for the next part, in one
  // run in twelve). Material's scripts wait for more (theme-wait.js).
  const LATER_MS = 1000
  const SIGNS = ["focusin", "keydown", "pointerdown", "pointermove", "scroll", "touchstart", "wheel", "beforeprint"]
  window.essayLater = then => {
    const signs = new AbortController()
    const run = () => {
      if (signs.signal.aborted) return
      signs.abort()
      requestAnimationFrame(() => setTimeout(then)) // after the frame that answers the reader's gesture
    }
    for (const sign of SIGNS) addEventListener(sign, run, { capture: true, passive: true, signal: signs.signal })
    const wait = () => setTimeout(run, LATER_MS)
    if (document.readyState === "complete") wait()
    else addEventListener("load", wait, { once: true, signal: signs.signal })
  }

  // Material's stylesheets, for a page whose first view has their rules
  // inline (main.html, block styles, and hooks/critical_css.py), wait in a
  // <noscript>, where a browser without scripts applies them as they are.
  // They join the page later, as print media, in the <noscript>'s place,
  // and apply to the screen once all have loaded, together: the palette's
  // rules never come before the main rules they override.
  const held = document.getElementById("essay-later-styles")
  if (held)
    essayLater(() => {
      const markup = document.createElement("template")
      markup.innerHTML = held.textContent
      const links = [...markup.content.querySelectorAll("link[rel=stylesheet]")]
      let waiting = links.length
      const arrived = () => {
        waiting -= 1
        if (waiting === 0) for (const link of links) link.media = "all"
      }
      for (const link of links) {
        link.media = "print"
        link.addEventListener("load", arrived, { once: true })
        link.addEventListener("error", arrived, { once: true })
      }
      held.after(...links)
    })
}
