// Which part a kept place offers, if any (continue-reading.js): a part of
// this build but the opening, named by its address and its number alike, on
// this site's origin; its title is the build's. Anything else offers nothing.
// A function of its arguments alone, so that tests/code.test.mjs runs it.
window.essayOffer = (place, parts, here) => {
  if (typeof place?.url !== "string" || place.finished || !Array.isArray(parts)) return null
  const url = new URL(place.url, here)
  const index = parts.findIndex(part => new URL(part.url, here).pathname === url.pathname)
  if (index < 1 || index + 1 !== place.part || url.origin !== new URL(here).origin) return null
  return { url: url.pathname, part: index + 1, title: parts[index].title }
}
