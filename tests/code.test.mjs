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

// essayLater (later-styles.js), in a window whose frames and timers the test runs.
function later({ readyState = "loading" } = {}) {
  const frames = [], timers = []
  const context = new EventTarget()
  Object.assign(context, {
    AbortController,
    document: { readyState, getElementById: () => null },
    requestAnimationFrame: callback => frames.push(callback),
    setTimeout: (callback, ms = 0) => timers.push({ callback, ms }),
  })
  for (const name of ["addEventListener", "dispatchEvent"]) context[name] = context[name].bind(context)
  context.window = context
  vm.createContext(context)
  vm.runInContext(source("later-styles.js"), context)
  const run = list => list.splice(0).forEach(item => (item.callback ?? item)())
  return { context, frames, timers, frame: () => run(frames), tick: () => run(timers) }
}

test("the code that comes later runs once, after the frame that answers the reader's first sign", () => {
  const { context, frames, frame, tick } = later()
  let runs = 0
  context.essayLater(() => (runs += 1))
  for (const type of ["keydown", "pointerdown", "scroll"]) context.dispatchEvent(new Event(type))
  assert.equal(runs, 0, "not in the gesture's own task")
  assert.equal(frames.length, 1, "one frame asked for, however many signs")
  frame()
  assert.equal(runs, 0, "not in the frame either")
  tick()
  assert.equal(runs, 1)
  context.dispatchEvent(new Event("keydown"))
  frame()
  tick()
  assert.equal(runs, 1, "a later sign runs nothing more")
})

test("without a sign, the code that comes later runs a second after the load event", () => {
  const { context, timers, frame, tick } = later()
  let runs = 0
  context.essayLater(() => (runs += 1))
  context.dispatchEvent(new Event("load"))
  assert.deepEqual(timers.map(timer => timer.ms), [1000])
  tick()
  frame()
  tick()
  assert.equal(runs, 1)
})
