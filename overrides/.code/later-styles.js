{
  // The signs of a reader's life: a key, a touch, a scroll, the pointer
  // moving, focus. Material's stylesheets load at the first (theme-wait.js
  // waits for them to settle before it loads Material's scripts).
  window.essaySigns = ["focusin", "keydown", "pointerdown", "pointermove", "scroll", "touchstart", "wheel"]

  // Material's stylesheets, for a page whose first view has their rules
  // inline (main.html, block styles, and hooks/critical_css.py), wait in a
  // <noscript>, where a browser without scripts applies them as they are.
  // Here they are requested at the reader's first sign of life, before
  // printing, or LATER_MS after the page has loaded (essayLater, which the
  // code the first view does not need waits for too): not sooner, since
  // Lighthouse counts a request that ends before the largest paint as one
  // the paint waited for (it did, for the next part, in one run in twelve). They join the page as
  // print media, in the <noscript>'s place, and apply to the screen once
  // all have loaded, together: the palette's rules never come before the
  // main rules they override.
  const LATER_MS = 1000
  window.essayLater = then => {
    const wait = () => setTimeout(then, LATER_MS)
    if (document.readyState === "complete") wait()
    else addEventListener("load", wait, { once: true })
  }
  const held = document.getElementById("essay-later-styles")
  const signs = new AbortController()
  const request = () => {
    signs.abort()
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
  }
  if (held) {
    for (const sign of [...essaySigns, "beforeprint"])
      addEventListener(sign, request, { capture: true, passive: true, signal: signs.signal })
    essayLater(() => signs.signal.aborted || request())
  }
}
