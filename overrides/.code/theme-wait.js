{
  // Material's scripts, which main.html's scripts block holds back,
  // load once the reader does something besides reading (a key, a tap, a
  // click, the mouse moving or its wheel, focus: DOING) and that gesture is
  // over: SETTLE_MS with no further sign. A finger that scrolls is reading:
  // a touch counts once it ends as a tap (pointerup), not when it starts or
  // becomes a scroll, so a phone reader who only scrolls from part to part
  // is sent none of them (50 KB gzipped with search's worker and index). Their arrival is the longest task of a page on a phone, so
  // it never lands in the middle of a tap or of a word being typed (search
  // answers at once without them, below), and a tap on a link that leaves the
  // page fetches nothing. They run in the order the theme wrote them, then
  // Material starts on this page as DOMContentLoaded would have started it.
  // A page the browser prerenders (the next part) starts Material in the
  // background as soon as the reader has it running on another page of the
  // site, now or in the last CACHED_MS (its files are in the cache then, as
  // Pages lets browsers keep them for 10 minutes): the page is ready when the
  // reader arrives, and a reader who never woke it is sent nothing more.
  // With no script held (a theme that writes its scripts otherwise), Material
  // is running already. Either way, window.essayTheme resolves, and
  // "essay:theme" is sent, once it runs; "essay:waking" is sent as its
  // scripts are asked for.
  const SETTLE_MS = 300
  const DOING = ["focusin", "keydown", "pointerdown", "pointermove", "pointerup", "wheel"]
  const CACHED_MS = 600_000
  const WOKEN = "theme" // {"at": when Material last started on this site, ms since 1970}
  window.essayTheme = new Promise(resolve => {
    const held = [...document.querySelectorAll('script[type="text/x-theme-script"]')]
    if (!held.length) return resolve()
    const start = () => {
      if (document.readyState === "loading")
        return document.addEventListener("DOMContentLoaded", () => setTimeout(start), { once: true })
      let started = false
      document$.subscribe(() => (started = true)).unsubscribe()
      if (!started) document$.next(document)
      essayStore.set(WOKEN, { at: Date.now() })
      resolve()
    }
    const signs = new AbortController()
    let added = false
    const add = () => {
      if (added) return
      added = true
      signs.abort()
      dispatchEvent(new Event("essay:waking"))
      for (const [index, placeholder] of held.entries()) {
        const script = document.createElement("script")
        script.src = placeholder.dataset.src
        script.async = false
        if (index === held.length - 1) script.addEventListener("load", () => setTimeout(start))
        document.head.append(script) // not in the body, which it would restyle whole (later-code.js)
      }
    }
    let settling
    const load = () => {
      clearTimeout(settling)
      settling = setTimeout(add, SETTLE_MS)
    }
    if (document.prerendering) {
      const woken = () => Date.now() - Number(essayStore.get(WOKEN)?.at) < CACHED_MS
      if (woken()) return add()
      const woke = event => event.key === essayStore.key(WOKEN) && document.prerendering && add()
      addEventListener("storage", woke, { signal: signs.signal })
    }
    const sign = event => (event.pointerType === "touch" && event.type !== "pointerup") || load()
    for (const type of DOING) addEventListener(type, sign, { capture: true, passive: true, signal: signs.signal })
    // A reader who did something before this code arrived (on a slow
    // connection: the search keys work from the first paint, search.js) has
    // focus somewhere in the page already.
    if (document.activeElement && document.activeElement !== document.body) load()
  })
  essayTheme.then(() => dispatchEvent(new Event("essay:theme")))
}
