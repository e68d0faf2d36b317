{
  const origin = "https://giscus.app"
  const theme = () => (document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "light")

  // The current page's button, the thread it controls and the status line.
  const parts = button => {
    const thread = document.getElementById(button.getAttribute("aria-controls"))
    return { button, thread, status: document.getElementById("__comments-status") }
  }

  // The frame follows the palette when the reader switches it.
  new MutationObserver(() => {
    const frame = document.querySelector("iframe.giscus-frame")
    if (frame) frame.contentWindow.postMessage({ giscus: { setConfig: { theme: theme() } } }, origin)
  }).observe(document.body, { attributeFilter: ["data-md-color-scheme"] })

  // The frame's first message says that the thread is in: the button has
  // done its work, and focus goes where the reader asked to go.
  window.addEventListener("message", event => {
    const button = document.querySelector(".essay-comments__load")
    if (event.origin !== origin || !event.data?.giscus || !button) return
    const { thread, status } = parts(button)
    if (status.dataset.state !== "loading") return
    status.dataset.state = "loaded"
    status.textContent = "Comments loaded."
    if (document.activeElement === button) {
      thread.tabIndex = -1
      thread.focus()
    }
    button.hidden = true
  })

  document.addEventListener("click", event => {
    const button = event.target.closest?.(".essay-comments__load")
    if (!button || button.getAttribute("aria-expanded") === "true") return
    const { thread, status } = parts(button)
    button.setAttribute("aria-expanded", "true")
    button.setAttribute("aria-disabled", "true")
    status.dataset.state = "loading"
    status.textContent = "Loading comments…"
    const script = document.createElement("script")
    Object.assign(script.dataset, thread.dataset, {
      mapping: "pathname",
      strict: "0",
      reactionsEnabled: "1",
      emitMetadata: "0",
      inputPosition: "bottom",
      theme: theme(),
    })
    script.src = `${origin}/client.js`
    script.crossOrigin = "anonymous"
    script.async = true
    script.addEventListener("error", () => {
      script.remove()
      button.setAttribute("aria-expanded", "false")
      button.removeAttribute("aria-disabled")
      status.dataset.state = "failed"
      status.textContent = "Comments could not be loaded. Please try again later."
    })
    thread.before(script)
  })
}
