// The site's pure logic, run as functions in Node (node --test), in milliseconds:
// the source files of overrides/.code/ run in a context of their own, with the
// storage, scope and address a page would give them.
import assert from "node:assert/strict"
import { readFileSync } from "node:fs"
import { test } from "node:test"
import vm from "node:vm"

const source = name => readFileSync(new URL(`../overrides/.code/${name}`, import.meta.url), "utf8")

// A page's context: Material's scope (the site's path) and a storage that keeps strings.
function page({ path = "/essay/", storage = new Map(), blocked = false } = {}) {
  const store = {
    getItem: key => (storage.has(key) ? storage.get(key) : null),
    setItem: (key, value) => storage.set(key, String(value)),
    removeItem: key => storage.delete(key),
  }
  const context = { URL, JSON, __md_scope: new URL(path, "https://owner.github.io/") }
  for (const name of ["localStorage", "sessionStorage"])
    Object.defineProperty(context, name, {
      get() {
        if (blocked) throw new Error("SecurityError: site data is blocked")
        return store
      },
    })
  context.window = context
  vm.createContext(context)
  vm.runInContext(source("store.js"), context)
  vm.runInContext(source("offer.js"), context)
  return { context, storage }
}

test("a value is kept under a key scoped to the site's path", () => {
  const { context, storage } = page()
  context.essayStore.set("place", { url: "/essay/legal-frameworks/", part: 3, block: 1 })
  assert.deepEqual([...storage.keys()], ["/essay/.essay.place"])
  assert.deepEqual(context.essayStore.get("place"), { url: "/essay/legal-frameworks/", part: 3, block: 1 })
})

test("another site's value on the same origin is not read", () => {
  const storage = new Map([["/other/.essay.place", JSON.stringify({ url: "/other/x/", part: 2 })]])
  assert.equal(page({ storage }).context.essayStore.get("place"), null)
})

test("anything but a plain object reads as nothing", () => {
  for (const kept of ['"abc"', '["x"]', "5", "null", "{", ""]) {
    const storage = new Map([["/essay/.essay.reading", kept]])
    assert.equal(page({ storage }).context.essayStore.get("reading"), null, kept)
  }
})

test("a blocked store reads as nothing and drops writes without throwing", () => {
  const { context } = page({ blocked: true })
  assert.equal(context.essayStore.get("reading"), null)
  assert.doesNotThrow(() => context.essayStore.set("reading", { size: "l" }))
  assert.doesNotThrow(() => context.essayStore.set("resume", null, true))
})

test("nothing kept is a value removed", () => {
  const { context, storage } = page()
  context.essayStore.set("reading", { size: "l" })
  context.essayStore.set("reading", null)
  assert.equal(storage.size, 0)
})

const PARTS = [
  { url: ".", title: "Introduction" },
  { url: "sharing-intelligence/", title: "Sharing Intelligence" },
  { url: "legal-frameworks/", title: "Legal Frameworks" },
]
const HOME = "https://owner.github.io/essay/"

test("a place in a part of this build is offered with the build's title", () => {
  const { context } = page()
  const offered = context.essayOffer({ url: "/essay/legal-frameworks/", part: 3, block: 2 }, PARTS, HOME)
  assert.deepEqual({ ...offered }, { url: "/essay/legal-frameworks/", part: 3, title: "Legal Frameworks" })
})

test("the opening, a finished reading, a removed part, a wrong number or another origin offer nothing", () => {
  const { context } = page()
  for (const place of [
    { url: "/essay/", part: 1 },
    { finished: true },
    { url: "/essay/no-such-part/", part: 3 },
    { url: "/essay/legal-frameworks/", part: 12 },
    { url: "https://example.org/essay/legal-frameworks/", part: 3 },
    null,
    ["x"],
  ])
    assert.equal(context.essayOffer(place, PARTS, HOME), null, JSON.stringify(place))
})
