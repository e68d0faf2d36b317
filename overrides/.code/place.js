{
  // The reader's place in the essay, kept in this browser only:
  // keep-place.js keeps it as the reader reads, continue-offer.js offers
  // it on the home page, continue-reading.js goes back to it.
  const PLACE = "place" // {"url", "part", "block"}, or {"finished": true}
  window.essayPlace = {
    RESUME: "resume", // in the session: {"url"} that a "Continue reading" link opened
    keep: value => essayStore.set(PLACE, value),
    kept: () => essayStore.get(PLACE),
    header: () => document.querySelector(".md-header")?.getBoundingClientRect().bottom ?? 0,
  }
}
