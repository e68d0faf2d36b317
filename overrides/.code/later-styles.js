{
  // Code the first paint does not need comes later (essayLater): at the
  // reader's first sign of life (a key, a touch, a scroll, the pointer
  // moving, focus, or printing), or LATER_MS after the page has loaded,
  // whichever is first.
  // Not sooner: Lighthouse counts a request that ends before the largest
  // paint as one the paint waited for (it did, for the next part, in one
  // run in twelve). Material's scripts wait for more (theme-wait.js).
  // The sign itself only notes that it came: the rest (dropping the
  // listeners, then the code) waits for the frame that answers the
  // reader's gesture (a key at the load event reached the search field
  // 2 ms sooner for it, on the slow phone).
  const LATER_MS = 1000
  const SIGNS = ["focusin", "keydown", "pointerdown", "pointermove", "scroll", "touchstart", "wheel", "beforeprint"]
  window.essayLater = then => {
    const signs = new AbortController()
    let asked = false
    const run = () => {
      if (asked) return
      asked = true
      requestAnimationFrame(() =>
        setTimeout(() => {
          signs.abort()
          then()
        }),
      )
    }
    for (const sign of SIGNS) addEventListener(sign, run, { capture: true, passive: true, signal: signs.signal })
    const wait = () => setTimeout(run, LATER_MS)
    if (document.readyState === "complete") wait()
    else addEventListener("load", wait, { once: true, signal: signs.signal })
  }

  // Material's stylesheets, for a page whose rules stand inline
  // (main.html, block styles, and hooks/critical_css.py: every element of
  // the page, in every palette and width, print included), wait in a
  // <noscript>, where a browser without scripts applies them as they are.
  // They are needed only for what the reader does besides reading: the
  // pointer over a link, focus, search, Material once it runs. So they come
  // with Material's scripts ("essay:waking", theme-wait.js: once a key, a
  // click, a tap or the mouse is over, not for a finger that scrolls, nor
  // for a tap on a link that leaves the page), or when Material runs
  // without waiting ("essay:theme"), never on a timer: a reader who only
  // scrolls from part to part is never sent them (24 KB gzipped).
  // They join the page as print media, in the <noscript>'s place, and
  // apply to the screen once all have loaded, together: the palette's
  // rules never come before the main rules they override.
  const held = document.getElementById("essay-later-styles")
  const bring = () => {
    if (!held.isConnected) return // brought already
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
    held.replaceWith(...links)
  }
  if (held) for (const type of ["essay:waking", "essay:theme"]) addEventListener(type, bring, { once: true })
}
