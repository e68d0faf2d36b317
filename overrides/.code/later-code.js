{
  // The file of code the first view does not need (hooks/later_code.py),
  // asked for at the reader's first sign of life or a second after load
  // (essayLater), in the head: a script added among the body's children
  // restyles the whole body (Material's rules that reach the header from
  // the toggles before it, as `~ .md-header`, cannot tell what it
  // changes), right after the frame that answers the reader. Its address
  // is resolved now: by then, instant navigation may have moved the
  // page's address elsewhere.
  const held = document.querySelector('script[type="text/x-essay-later"]')
  if (held) {
    const src = new URL(held.dataset.src, location.href).href
    essayLater(() => document.head.append(Object.assign(document.createElement("script"), { src })))
  }
}
