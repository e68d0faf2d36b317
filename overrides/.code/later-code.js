{
  // The file of code the first view does not need (hooks/later_code.py),
  // asked for at the reader's first sign of life or a second after load
  // (essayLater), in the place of its placeholder. Its address is
  // resolved now: by then, instant navigation may have moved the page's
  // address elsewhere.
  const held = document.querySelector('script[type="text/x-essay-later"]')
  if (held) {
    const src = new URL(held.dataset.src, location.href).href
    essayLater(() => held.replaceWith(Object.assign(document.createElement("script"), { src })))
  }
}
